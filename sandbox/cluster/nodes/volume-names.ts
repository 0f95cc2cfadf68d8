// Names the attach/detach controller and the kubelet agree on for an attached volume
// (node.status.volumesAttached[].name / volumesInUse), after GetUniqueVolumeNameFromSpec in
// kubernetes/kubernetes pkg/volume/util/volumehelper: `<plugin name>/<volume name>`, e.g.
// `kubernetes.io/csi/<driver>^<volumeHandle>`. The lab's hostpath-provisioned volumes are named
// `kubernetes.io/host-path/<pv name>`.
import type { Node, PersistentVolume } from '../types.ts';

const PLUGINS: [string, string][] = [
  ['hostPath', 'kubernetes.io/host-path'],
  ['local', 'kubernetes.io/local-volume'],
  ['nfs', 'kubernetes.io/nfs'],
  ['iscsi', 'kubernetes.io/iscsi'],
  ['fc', 'kubernetes.io/fc'],
];

export function uniqueVolumeName(pv: PersistentVolume): string {
  const csi = pv.spec?.csi;
  if (csi) return `kubernetes.io/csi/${csi.driver}^${csi.volumeHandle}`;
  const spec = (pv.spec ?? {}) as Record<string, unknown>;
  const plugin = PLUGINS.find(([field]) => spec[field] !== undefined)?.[1] ?? 'kubernetes.io/host-path';
  return `${plugin}/${pv.metadata.name}`;
}

/** Whether node N may mount the PV now (the kubelet's WaitForAttach). */
export function isVolumeAttached(node: Node | undefined, pv: PersistentVolume): boolean {
  const name = uniqueVolumeName(pv);
  return (node?.status?.volumesAttached ?? []).some((v) => v.name === name);
}

/** IsMultiAttachAllowed: ReadWriteMany or ReadOnlyMany volumes may be attached to several nodes. */
export function isMultiAttachAllowed(pv: PersistentVolume): boolean {
  const modes = pv.spec?.accessModes ?? [];
  if (!modes.length) return true;
  return modes.some((m) => m === 'ReadWriteMany' || m === 'ReadOnlyMany');
}
