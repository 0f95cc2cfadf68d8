// `kubectl describe pvc` and `describe pv`. Source: kubernetes/kubectl pkg/describe/describe.go
// describePersistentVolumeClaim / printPersistentVolumeClaim (Used By), describePersistentVolume.
import { readList } from '../../cli/read.ts';
import type { ApiClient, KubeObject } from '../../../cluster/api/client.ts';
import { age } from '../age.ts';
import { accessModesString } from '../table.ts';
import { describeEvents, eventsFor } from './events.ts';
import { LEVEL_0, LEVEL_1, LEVEL_2, PrefixWriter, printAnnotationsMultiline, printLabelsMultiline } from './writer.ts';

function goList(v: string[] | undefined): string {
  return `[${(v ?? []).join(' ')}]`;
}

export function describePVC(api: ApiClient, pvc: KubeObject, now: number, showEvents = true): string {
  const w = new PrefixWriter();
  const spec = pvc.spec ?? {};
  w.write(LEVEL_0, `Name:\t${pvc.metadata.name}\n`);
  w.write(LEVEL_0, `Namespace:\t${pvc.metadata.namespace}\n`);
  w.write(LEVEL_0, `StorageClass:\t${spec.storageClassName ?? ''}\n`);
  if (pvc.metadata.deletionTimestamp) w.write(LEVEL_0, `Status:\tTerminating (lasts ${age(pvc.metadata.deletionTimestamp, now)})\n`);
  else w.write(LEVEL_0, `Status:\t${pvc.status?.phase ?? ''}\n`);
  w.write(LEVEL_0, `Volume:\t${spec.volumeName ?? ''}\n`);
  printLabelsMultiline(w, 'Labels', pvc.metadata.labels);
  printAnnotationsMultiline(w, 'Annotations', pvc.metadata.annotations);
  w.write(LEVEL_0, `Finalizers:\t${goList(pvc.metadata.finalizers)}\n`);
  let capacity = '';
  let modes = '';
  if (spec.volumeName) {
    modes = accessModesString(pvc.status?.accessModes);
    capacity = pvc.status?.capacity?.storage ?? '';
  }
  w.write(LEVEL_0, `Capacity:\t${capacity}\n`);
  w.write(LEVEL_0, `Access Modes:\t${modes}\n`);
  if (spec.volumeMode) w.write(LEVEL_0, `VolumeMode:\t${spec.volumeMode}\n`);
  // Used By: pods (not finished) that mount the claim. Source: getPodsForPVC.
  const users = readList(api, 'pods', pvc.metadata.namespace)
    .filter((p) => (p.spec?.volumes ?? []).some((v: any) => v.persistentVolumeClaim?.claimName === pvc.metadata.name))
    .map((p) => p.metadata.name!).sort();
  w.write(LEVEL_0, 'Used By:\t');
  if (!users.length) w.line('<none>');
  else users.forEach((u, i) => w.write(LEVEL_0, `${i ? '\t' : ''}${u}\n`));
  if (showEvents) describeEvents(w, eventsFor(api, pvc), now);
  return w.toString();
}

export function describePV(api: ApiClient, pv: KubeObject, now: number, showEvents = true): string {
  const w = new PrefixWriter();
  const spec = pv.spec ?? {};
  w.write(LEVEL_0, `Name:\t${pv.metadata.name}\n`);
  printLabelsMultiline(w, 'Labels', pv.metadata.labels);
  printAnnotationsMultiline(w, 'Annotations', pv.metadata.annotations);
  w.write(LEVEL_0, `Finalizers:\t${goList(pv.metadata.finalizers)}\n`);
  w.write(LEVEL_0, `StorageClass:\t${spec.storageClassName ?? ''}\n`);
  if (pv.metadata.deletionTimestamp) w.write(LEVEL_0, `Status:\tTerminating (lasts ${age(pv.metadata.deletionTimestamp, now)})\n`);
  else w.write(LEVEL_0, `Status:\t${pv.status?.phase ?? ''}\n`);
  w.write(LEVEL_0, spec.claimRef ? `Claim:\t${spec.claimRef.namespace}/${spec.claimRef.name}\n` : 'Claim:\t\n');
  w.write(LEVEL_0, `Reclaim Policy:\t${spec.persistentVolumeReclaimPolicy ?? ''}\n`);
  w.write(LEVEL_0, `Access Modes:\t${accessModesString(spec.accessModes)}\n`);
  if (spec.volumeMode) w.write(LEVEL_0, `VolumeMode:\t${spec.volumeMode}\n`);
  w.write(LEVEL_0, `Capacity:\t${spec.capacity?.storage ?? ''}\n`);
  w.write(LEVEL_0, `Node Affinity:\t${spec.nodeAffinity ? '' : '<none>'}\n`);
  if (spec.nodeAffinity?.required) {
    w.write(LEVEL_1, 'Required Terms:\n');
    for (const t of spec.nodeAffinity.required.nodeSelectorTerms ?? []) {
      for (const e of t.matchExpressions ?? []) w.write(LEVEL_2, `Term 0:\t${e.key} ${String(e.operator).toLowerCase()} [${(e.values ?? []).join(' ')}]\n`);
    }
  }
  w.write(LEVEL_0, `Message:\t${pv.status?.message ?? ''}\n`);
  w.write(LEVEL_0, 'Source:\n');
  if (spec.hostPath) w.write(LEVEL_1, `Type:\tHostPath (bare host directory volume)\n    Path:\t${spec.hostPath.path}\n    HostPathType:\t${spec.hostPath.type || ''}\n`);
  else if (spec.csi) w.write(LEVEL_1, `Type:\tCSI (a Container Storage Interface (CSI) volume source)\n    Driver:\t${spec.csi.driver}\n    VolumeHandle:\t${spec.csi.volumeHandle}\n    ReadOnly:\t${!!spec.csi.readOnly}\n`);
  else if (spec.local) w.write(LEVEL_1, `Type:\tLocalVolume (a persistent volume backed by local storage on a node)\n    Path:\t${spec.local.path}\n`);
  if (showEvents) describeEvents(w, eventsFor(api, pv), now);
  return w.toString();
}
