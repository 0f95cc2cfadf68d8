// VolumeAttachment validation, as the API server runs it for storage.k8s.io/v1: kubernetes/kubernetes
// pkg/apis/storage/validation/validation.go (ValidateVolumeAttachment, ValidateVolumeAttachmentV1,
// ValidateVolumeAttachmentUpdate) with pkg/apis/core/validation's ValidateCSIDriverName, called
// from pkg/registry/storage/volumeattachment/strategy.go. Nothing in the lab creates one (its
// volumes are hostPath, which no CSI driver attaches), so these only answer a learner's own.
import type { KubeObject } from '../client.ts';
import type { FieldError } from '../errors.ts';
import { deepEqual, FIELD_IMMUTABLE, forbidden, goStruct, invalid, invalidRendered, required, tooLong } from '../field.ts';
import { isDNS1123Subdomain, nameIsDNSSubdomain, validateObjectMeta, validateObjectMetaUpdate } from './names.ts';

const ONE_SOURCE = 'must specify exactly one of inlineVolumeSpec and persistentVolumeName';

/** ValidateVolumeAttachment followed by ValidateVolumeAttachmentV1 (the strategy's Validate). */
export function validateVolumeAttachment(va: KubeObject): FieldError[] {
  return [...validateCommon(va), ...validateV1(va)];
}

/**
 * An update: the object meta update checks (rest.BeforeUpdate), then the strategy's ValidateUpdate:
 * the common checks, and ValidateVolumeAttachmentUpdate, which repeats them (the message lists a
 * repeated error once) and keeps the spec read-only.
 */
export function validateVolumeAttachmentUpdate(va: KubeObject, old: KubeObject): FieldError[] {
  const common = validateCommon(va).filter((e) => !e.field.startsWith('metadata'));
  const errs = [...validateObjectMetaUpdate(va, old), ...common, ...common];
  if (!deepEqual(va.spec ?? {}, old.spec ?? {})) errs.push(invalidRendered('spec', goSpec(va.spec ?? {}), FIELD_IMMUTABLE));
  return errs;
}

/**
 * The spec as the error prints it: the internal Go struct (pkg/apis/storage/types.go), which has
 * no json tags, so its fields print with their Go names in declaration order. (An inline volume
 * spec is shown in its API form, not the internal one.)
 */
function goSpec(spec: any): string {
  const source = spec.source ?? {};
  return goStruct({
    Attacher: spec.attacher ?? '',
    Source: { PersistentVolumeName: source.persistentVolumeName ?? null, InlineVolumeSpec: source.inlineVolumeSpec ?? null },
    NodeName: spec.nodeName ?? '',
  });
}

function validateCommon(va: KubeObject): FieldError[] {
  const errs = validateObjectMeta(va, false, nameIsDNSSubdomain);
  const spec = va.spec ?? {};
  if (!spec.attacher) errs.push(required('spec.attacher'));
  const source = spec.source ?? {};
  const inline = source.inlineVolumeSpec != null;
  const pv = source.persistentVolumeName != null;
  if (!inline && !pv) errs.push(required('spec.source', ONE_SOURCE));
  else if (inline && pv) errs.push(forbidden('spec.source', ONE_SOURCE));
  else if (pv && source.persistentVolumeName === '') errs.push(required('spec.source.persistentVolumeName', 'must specify non empty persistentVolumeName'));
  // ValidateNodeName is NameIsDNSSubdomain: an empty name fails its pattern (no Required first).
  for (const msg of isDNS1123Subdomain(String(spec.nodeName ?? ''))) errs.push(invalid('spec.nodeName', spec.nodeName ?? '', msg));
  return errs;
}

function validateV1(va: KubeObject): FieldError[] {
  const errs: FieldError[] = [];
  const attacher = String(va.spec?.attacher ?? '');
  if (!attacher) errs.push(required('spec.attacher'));
  if (attacher.length > 63) errs.push(tooLong('spec.attacher', 63));
  for (const msg of isDNS1123Subdomain(attacher.toLowerCase())) errs.push(invalid('spec.attacher', attacher, msg));
  const pv = va.spec?.source?.persistentVolumeName;
  if (pv != null) for (const msg of isDNS1123Subdomain(String(pv))) errs.push(invalid('spec.source.persistentVolumeName', pv, msg));
  return errs;
}
