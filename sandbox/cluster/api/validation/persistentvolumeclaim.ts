// PersistentVolumeClaim and PersistentVolume validation.
// Source: kubernetes/kubernetes pkg/apis/core/validation/validation.go
// (ValidatePersistentVolumeClaimSpec, ValidatePersistentVolumeClaimUpdate, ValidatePersistentVolume).
import type { KubeObject } from '../client.ts';
import type { FieldError } from '../errors.ts';
import { deepEqual, forbidden, invalid, notSupported, required } from '../field.ts';
import { parseQuantity } from '../quantity.ts';
import { nameIsDNSSubdomain, validateObjectMeta, validateObjectMetaUpdate } from './names.ts';
import { validateLabelSelector } from './selector.ts';
import { cmpDiff, PVC_SPEC_FIELDS } from './diff.ts';
import { clone } from '../clone.ts';

const ACCESS_MODES = ['ReadOnlyMany', 'ReadWriteMany', 'ReadWriteOnce', 'ReadWriteOncePod'];

export const PVC_SPEC_IMMUTABLE = 'spec is immutable after creation except resources.requests and volumeAttributesClassName for bound claims';

function accessModes(modes: unknown, path: string): FieldError[] {
  const list = Array.isArray(modes) ? modes : [];
  const errs: FieldError[] = [];
  if (!list.length) errs.push(required(path, 'at least 1 access mode is required'));
  for (const m of list) if (!ACCESS_MODES.includes(m)) errs.push(notSupported(path, m, ACCESS_MODES));
  if (list.includes('ReadWriteOncePod') && list.length > 1) errs.push(forbidden(path, 'may not use ReadWriteOncePod with other access modes'));
  return errs;
}

export function validatePersistentVolumeClaimSpec(spec: any, path: string): FieldError[] {
  const s = spec ?? {};
  const errs = accessModes(s.accessModes, `${path}.accessModes`);
  errs.push(...validateLabelSelector(s.selector, `${path}.selector`));
  const storage = s.resources?.requests?.storage;
  if (storage === undefined) errs.push(required(`${path}.resources[storage]`));
  else {
    const q = parseQuantity(storage);
    if (!(q > 0)) errs.push(invalid(`${path}.resources[storage]`, String(storage), 'must be greater than zero'));
  }
  if (s.volumeMode && s.volumeMode !== 'Block' && s.volumeMode !== 'Filesystem') errs.push(notSupported(`${path}.volumeMode`, s.volumeMode, ['Block', 'Filesystem']));
  return errs;
}

export function validatePersistentVolumeClaim(pvc: KubeObject): FieldError[] {
  return [...validateObjectMeta(pvc, true, nameIsDNSSubdomain), ...validatePersistentVolumeClaimSpec(pvc.spec, 'spec')];
}

export function validatePersistentVolumeClaimUpdate(pvc: KubeObject, old: KubeObject): FieldError[] {
  const errs = [...validateObjectMetaUpdate(pvc, old), ...validatePersistentVolumeClaimSpec(pvc.spec, 'spec')];
  const next = clone(pvc.spec ?? {});
  const prev = old.spec ?? {};
  // The binder may set volumeName once; a class may be set once on a claim that had none.
  if (!prev.volumeName) next.volumeName = prev.volumeName;
  if (prev.storageClassName === undefined || prev.storageClassName === null) next.storageClassName = prev.storageClassName;
  // A bound claim may grow: requests.storage is compared apart.
  if (old.status?.phase === 'Bound' && next.resources?.requests) {
    next.resources.requests.storage = prev.resources?.requests?.storage;
  }
  next.volumeAttributesClassName = prev.volumeAttributesClassName;
  if (!deepEqual(next, prev)) errs.push(forbidden('spec', `${PVC_SPEC_IMMUTABLE}\n${cmpDiff('core.PersistentVolumeClaimSpec', prev, next, PVC_SPEC_FIELDS)}`));
  const newSize = parseQuantity(pvc.spec?.resources?.requests?.storage);
  const oldSize = parseQuantity(prev.resources?.requests?.storage);
  if (newSize < oldSize) errs.push(forbidden('spec.resources.requests.storage', 'field can not be less than previous value'));
  return errs;
}

const RECLAIM = ['Delete', 'Recycle', 'Retain'];
const PV_SOURCES = ['hostPath', 'local', 'csi', 'nfs', 'iscsi', 'gcePersistentDisk', 'awsElasticBlockStore', 'azureDisk', 'cephfs', 'fc', 'rbd'];

export function validatePersistentVolume(pv: KubeObject): FieldError[] {
  const s = pv.spec ?? {};
  const errs = validateObjectMeta(pv, false, nameIsDNSSubdomain);
  errs.push(...accessModes(s.accessModes, 'spec.accessModes'));
  if (!s.capacity || !Object.keys(s.capacity).length) errs.push(required('spec.capacity'));
  else if (s.capacity.storage === undefined) errs.push(notSupported('spec.capacity', Object.keys(s.capacity), ['storage']));
  else if (!(parseQuantity(s.capacity.storage) > 0)) errs.push(invalid('spec.capacity[storage]', String(s.capacity.storage), 'must be greater than zero'));
  if (s.persistentVolumeReclaimPolicy && !RECLAIM.includes(s.persistentVolumeReclaimPolicy)) {
    errs.push(notSupported('spec.persistentVolumeReclaimPolicy', s.persistentVolumeReclaimPolicy, RECLAIM));
  }
  const sources = PV_SOURCES.filter((k) => s[k] != null);
  if (!sources.length) errs.push(required('spec', 'must specify a volume type'));
  else if (sources.length > 1) errs.push(forbidden(`spec.${sources[1]}`, 'may not specify more than 1 volume type'));
  return errs;
}

export function validatePersistentVolumeUpdate(pv: KubeObject, old: KubeObject): FieldError[] {
  const errs = [...validateObjectMetaUpdate(pv, old), ...validatePersistentVolume(pv).filter((e) => !e.field.startsWith('metadata'))];
  for (const k of PV_SOURCES) {
    if (!deepEqual(pv.spec?.[k], old.spec?.[k])) {
      errs.push(forbidden('spec.persistentvolumesource', 'spec.persistentvolumesource is immutable after creation'));
      break;
    }
  }
  if (old.spec?.volumeMode !== undefined && pv.spec?.volumeMode !== old.spec.volumeMode) errs.push(invalid('spec.volumeMode', pv.spec?.volumeMode ?? null, 'field is immutable'));
  return errs;
}
