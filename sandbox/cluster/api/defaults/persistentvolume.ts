// PersistentVolume on create: SetDefaults_PersistentVolume (reclaim policy Retain, volumeMode
// Filesystem, status Pending), the StorageObjectInUseProtection admission's
// kubernetes.io/pv-protection finalizer, and PrepareForCreate's status.
import type { KubeObject } from '../client.ts';

export const PV_PROTECTION_FINALIZER = 'kubernetes.io/pv-protection';

export function prepareNewPersistentVolume(pv: KubeObject, now: string): void {
  const s = (pv.spec = pv.spec && typeof pv.spec === 'object' ? pv.spec : {});
  s.persistentVolumeReclaimPolicy ??= 'Retain';
  s.volumeMode ??= 'Filesystem';
  const fin: string[] = pv.metadata.finalizers ?? [];
  if (!fin.includes(PV_PROTECTION_FINALIZER)) pv.metadata.finalizers = [...fin, PV_PROTECTION_FINALIZER];
  pv.status = { phase: 'Pending', lastPhaseTransitionTime: now };
}
