// Validation of the small kinds. Source: kubernetes/kubernetes pkg/apis/core/validation/
// validation.go (ValidateNamespace, ValidateNode, ValidateConfigMap, ValidateEvent...),
// pkg/apis/apps/validation (ValidateControllerRevision), pkg/apis/discovery/validation,
// pkg/apis/storage/validation (ValidateStorageClass).
import type { KubeObject } from '../client.ts';
import type { FieldError } from '../errors.ts';
import { forbidden, immutable, invalid, nonNegative, notSupported, required } from '../field.ts';
import { each, isQualifiedName, nameIsDNSLabel, nameIsDNSSubdomain, regexError, validateObjectMeta, validateObjectMetaUpdate } from './names.ts';
import { validateTolerations } from './pod.ts';

export function validateNamespace(ns: KubeObject): FieldError[] {
  return validateObjectMeta(ns, false, nameIsDNSLabel);
}

const EFFECTS = ['NoSchedule', 'PreferNoSchedule', 'NoExecute'];

export function validateNode(node: KubeObject): FieldError[] {
  const errs = validateObjectMeta(node, false, nameIsDNSSubdomain);
  const seen = new Set<string>();
  (Array.isArray(node.spec?.taints) ? node.spec.taints : []).forEach((t: any, i: number) => {
    const p = `spec.taints[${i}]`;
    if (!t?.key) errs.push(required(`${p}.key`));
    else errs.push(...each(`${p}.key`, t.key, isQualifiedName(t.key)));
    if (!t?.effect) errs.push(required(`${p}.effect`));
    else if (!EFFECTS.includes(t.effect)) errs.push(notSupported(`${p}.effect`, t.effect, EFFECTS));
    const k = `${t?.key}:${t?.effect}`;
    if (seen.has(k)) errs.push(invalid(`${p}`, t, 'taints must be unique by key and effect pair'));
    seen.add(k);
  });
  return errs;
}

const CONFIG_KEY = /^[-._a-zA-Z0-9]+$/;

export function validateConfigMap(cm: KubeObject): FieldError[] {
  const errs = validateObjectMeta(cm, true, nameIsDNSSubdomain);
  for (const k of Object.keys(cm.data ?? {}).sort()) {
    if (!CONFIG_KEY.test(k)) errs.push(invalid('data', k, regexError("a valid config key must consist of alphanumeric characters, '-', '_' or '.'", '[-._a-zA-Z0-9]+', 'key.name', 'KEY_NAME', 'key-name')));
  }
  return errs;
}

/** ValidateServiceAccount (pkg/apis/core/validation): the name is a DNS subdomain. */
export function validateServiceAccount(sa: KubeObject): FieldError[] {
  return validateObjectMeta(sa, true, nameIsDNSSubdomain);
}

export function validateConfigMapUpdate(cm: KubeObject, old: KubeObject): FieldError[] {
  const errs = [...validateObjectMetaUpdate(cm, old), ...validateConfigMap(cm).filter((e) => !e.field.startsWith('metadata'))];
  if (old.immutable) {
    if (JSON.stringify(cm.data ?? {}) !== JSON.stringify(old.data ?? {})) errs.push(forbidden('data', 'field is immutable when `immutable` is set'));
    if (!cm.immutable) errs.push(forbidden('immutable', 'field is immutable when `immutable` is set'));
  }
  return errs;
}

export function validateControllerRevision(cr: KubeObject): FieldError[] {
  const errs = validateObjectMeta(cr, true, nameIsDNSSubdomain);
  if (cr.data == null) errs.push(required('data', 'data is mandatory'));
  errs.push(...nonNegative(cr.revision, 'revision'));
  return errs;
}

export function validateControllerRevisionUpdate(cr: KubeObject, old: KubeObject): FieldError[] {
  return [...validateObjectMetaUpdate(cr, old), ...validateControllerRevision(cr).filter((e) => !e.field.startsWith('metadata')), ...immutable(cr.data, old.data, 'data')];
}

const ADDRESS_TYPES = ['FQDN', 'IPv4', 'IPv6'];

export function validateEndpointSlice(es: KubeObject): FieldError[] {
  const errs = validateObjectMeta(es, true, nameIsDNSSubdomain);
  if (!ADDRESS_TYPES.includes(es.addressType)) errs.push(es.addressType ? notSupported('addressType', es.addressType, ADDRESS_TYPES) : required('addressType'));
  (Array.isArray(es.endpoints) ? es.endpoints : []).forEach((e: any, i: number) => {
    if (!Array.isArray(e?.addresses) || !e.addresses.length) errs.push(required(`endpoints[${i}].addresses`, 'must contain at least 1 address'));
  });
  return errs;
}

export function validateStorageClass(sc: KubeObject): FieldError[] {
  const errs = validateObjectMeta(sc, false, nameIsDNSSubdomain);
  if (!sc.provisioner) errs.push(required('provisioner'));
  if (sc.reclaimPolicy && !['Delete', 'Retain'].includes(sc.reclaimPolicy)) errs.push(notSupported('reclaimPolicy', sc.reclaimPolicy, ['Delete', 'Retain']));
  if (sc.volumeBindingMode && !['Immediate', 'WaitForFirstConsumer'].includes(sc.volumeBindingMode)) errs.push(notSupported('volumeBindingMode', sc.volumeBindingMode, ['Immediate', 'WaitForFirstConsumer']));
  return errs;
}

export function validateEvent(ev: KubeObject): FieldError[] {
  const errs = validateObjectMeta(ev, true, nameIsDNSSubdomain);
  const io = ev.involvedObject ?? {};
  if (io.namespace && ev.metadata.namespace && io.namespace !== ev.metadata.namespace) errs.push(invalid('involvedObject.namespace', io.namespace, 'does not match event.namespace'));
  return errs;
}

