// Small pure helpers shared by the volume controllers, named as in kubernetes/kubernetes
// pkg/controller/volume/persistentvolume/util/util.go and component-helpers/storage/volume.
import type { PersistentVolume, PersistentVolumeClaim, StorageClass } from '../types.ts';

export const ANN_BIND_COMPLETED = 'pv.kubernetes.io/bind-completed';
export const ANN_BOUND_BY_CONTROLLER = 'pv.kubernetes.io/bound-by-controller';
export const ANN_DYNAMICALLY_PROVISIONED = 'pv.kubernetes.io/provisioned-by';
export const ANN_STORAGE_PROVISIONER = 'volume.kubernetes.io/storage-provisioner';
export const ANN_BETA_STORAGE_PROVISIONER = 'volume.beta.kubernetes.io/storage-provisioner';
/** Set by the scheduler on a WaitForFirstConsumer claim once it has picked a node. */
export const ANN_SELECTED_NODE = 'volume.kubernetes.io/selected-node';
export const ANN_DEFAULT_STORAGE_CLASS = 'storageclass.kubernetes.io/is-default-class';
export const PVC_PROTECTION_FINALIZER = 'kubernetes.io/pvc-protection';
export const PV_PROTECTION_FINALIZER = 'kubernetes.io/pv-protection';

/** `spec.storageClassName`, or "" when unset (GetPersistentVolumeClaimClass). */
export function claimClass(claim: PersistentVolumeClaim): string {
  return claim.spec?.storageClassName ?? '';
}

export function volumeClass(volume: PersistentVolume): string {
  return volume.spec?.storageClassName ?? '';
}

export function claimKey(claim: { metadata: { namespace?: string; name?: string } }): string {
  return `${claim.metadata.namespace}/${claim.metadata.name}`;
}

/** IsVolumeBoundToClaim: claimRef names the claim, and its UID (if set) matches. */
export function isVolumeBoundToClaim(volume: PersistentVolume, claim: PersistentVolumeClaim): boolean {
  const ref = volume.spec?.claimRef;
  if (!ref) return false;
  if (ref.name !== claim.metadata.name || ref.namespace !== claim.metadata.namespace) return false;
  if (ref.uid && ref.uid !== claim.metadata.uid) return false;
  return true;
}

/** The default StorageClass: the newest of those annotated as default. Source: GetDefaultClass. */
export function defaultClass(classes: StorageClass[]): StorageClass | undefined {
  const defaults = classes.filter((c) => c.metadata.annotations?.[ANN_DEFAULT_STORAGE_CLASS] === 'true');
  defaults.sort((a, b) => (b.metadata.creationTimestamp ?? '').localeCompare(a.metadata.creationTimestamp ?? '') || (a.metadata.name! < b.metadata.name! ? -1 : 1));
  return defaults[0];
}

/** The provisioner a claim waits for (the annotation the PV controller set). */
export function claimProvisioner(claim: PersistentVolumeClaim): string | undefined {
  const a = claim.metadata.annotations ?? {};
  return a[ANN_STORAGE_PROVISIONER] ?? a[ANN_BETA_STORAGE_PROVISIONER];
}

export function hasFinalizer(o: { metadata: { finalizers?: string[] } }, f: string): boolean {
  return (o.metadata.finalizers ?? []).includes(f);
}
