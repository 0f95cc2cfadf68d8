// PersistentVolumeClaim on create: SetDefaults_PersistentVolumeClaimSpec (volumeMode),
// the DefaultStorageClass admission (plugin/pkg/admission/storage/storageclass/setdefault:
// storageClassName from the class annotated default, newest first, only when the claim left it
// unset), StorageObjectInUseProtection admission (plugin/pkg/admission/storage/
// storageobjectinuseprotection: the kubernetes.io/pvc-protection finalizer) and
// pkg/registry/core/persistentvolumeclaim/strategy.go PrepareForCreate (status Pending).
import type { KubeObject } from '../client.ts';
import type { StrategyContext } from '../strategy.ts';

export const PVC_PROTECTION_FINALIZER = 'kubernetes.io/pvc-protection';
export const DEFAULT_CLASS_ANNOTATION = 'storageclass.kubernetes.io/is-default-class';
const BETA_DEFAULT_CLASS_ANNOTATION = 'storageclass.beta.kubernetes.io/is-default-class';
const BETA_CLASS_ANNOTATION = 'volume.beta.kubernetes.io/storage-class';

/** helper.GetDefaultClass: the newest class marked default (ties: by name). */
export function defaultStorageClass(ctx: StrategyContext): KubeObject | undefined {
  const defaults = ctx.peekList('storageclasses').filter((c) => {
    const a = c.metadata.annotations ?? {};
    return a[DEFAULT_CLASS_ANNOTATION] === 'true' || a[BETA_DEFAULT_CLASS_ANNOTATION] === 'true';
  });
  defaults.sort((a, b) => {
    const ta = a.metadata.creationTimestamp ?? '';
    const tb = b.metadata.creationTimestamp ?? '';
    if (ta !== tb) return ta > tb ? -1 : 1;
    return a.metadata.name! < b.metadata.name! ? -1 : 1;
  });
  return defaults[0];
}

export function prepareNewPersistentVolumeClaim(pvc: KubeObject, ctx: StrategyContext): void {
  const s = (pvc.spec = pvc.spec && typeof pvc.spec === 'object' ? pvc.spec : {});
  s.volumeMode ??= 'Filesystem';
  if (s.storageClassName === undefined || s.storageClassName === null) {
    if (!pvc.metadata.annotations?.[BETA_CLASS_ANNOTATION]) {
      const def = defaultStorageClass(ctx);
      if (def) s.storageClassName = def.metadata.name;
    }
  }
  const fin: string[] = pvc.metadata.finalizers ?? [];
  if (!fin.includes(PVC_PROTECTION_FINALIZER)) pvc.metadata.finalizers = [...fin, PVC_PROTECTION_FINALIZER];
  pvc.status = { phase: 'Pending' };
}
