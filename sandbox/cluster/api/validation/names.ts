// Names, labels and object metadata, with apimachinery's messages word for word.
// Sources: kubernetes/apimachinery pkg/util/validation/validation.go (IsDNS1123Label,
// IsDNS1123Subdomain, IsDNS1035Label, IsQualifiedName, IsValidLabelValue, RegexError,
// MaxLenError), pkg/api/validation/objectmeta.go (ValidateObjectMeta, ValidateObjectMetaUpdate,
// ValidateFinalizers, ValidateOwnerReferences) and pkg/apis/meta/v1/validation (ValidateLabels).
import type { FieldError } from '../errors.ts';
import type { KubeObject } from '../client.ts';
import { forbidden, immutable, invalid, nonNegative, required } from '../field.ts';

export type NameValidator = (name: string, prefix: boolean) => string[];

/** `<msg> (e.g. 'a',  or 'b', regex used for validation is '<re>')`, spacing as in RegexError. */
export function regexError(msg: string, re: string, ...examples: string[]): string {
  if (!examples.length) return `${msg} (regex used for validation is '${re}')`;
  let s = `${msg} (e.g. `;
  examples.forEach((e, i) => {
    if (i > 0) s += ' or ';
    s += `'${e}', `;
  });
  return `${s}regex used for validation is '${re}')`;
}

export function maxLenError(n: number): string {
  return `must be no more than ${n} characters`;
}

const DNS1123_LABEL_FMT = '[a-z0-9]([-a-z0-9]*[a-z0-9])?';
const DNS1123_LABEL_MSG = "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character";
const DNS1123_SUBDOMAIN_FMT = `${DNS1123_LABEL_FMT}(\\.${DNS1123_LABEL_FMT})*`;
const DNS1123_SUBDOMAIN_MSG = "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character";
const DNS1035_LABEL_FMT = '[a-z]([-a-z0-9]*[a-z0-9])?';
const DNS1035_LABEL_MSG = "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character";
const QUALIFIED_NAME_FMT = '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]';
const QUALIFIED_NAME_MSG = "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";
const LABEL_VALUE_FMT = `(${QUALIFIED_NAME_FMT})?`;
const LABEL_VALUE_MSG = "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";

const dns1123Label = new RegExp(`^${DNS1123_LABEL_FMT}$`);
const dns1123Subdomain = new RegExp(`^${DNS1123_SUBDOMAIN_FMT}$`);
const dns1035Label = new RegExp(`^${DNS1035_LABEL_FMT}$`);
const qualifiedName = new RegExp(`^${QUALIFIED_NAME_FMT}$`);
const labelValue = new RegExp(`^${LABEL_VALUE_FMT}$`);

export function isDNS1123Label(v: string): string[] {
  const errs: string[] = [];
  if (v.length > 63) errs.push(maxLenError(63));
  if (!dns1123Label.test(v)) {
    // A valid subdomain that is not a label can only be one with dots.
    if (dns1123Subdomain.test(v)) errs.push('must not contain dots');
    else errs.push(regexError(DNS1123_LABEL_MSG, DNS1123_LABEL_FMT, 'my-name', '123-abc'));
  }
  return errs;
}

export function isDNS1123Subdomain(v: string): string[] {
  const errs: string[] = [];
  if (v.length > 253) errs.push(maxLenError(253));
  if (!dns1123Subdomain.test(v)) errs.push(regexError(DNS1123_SUBDOMAIN_MSG, DNS1123_SUBDOMAIN_FMT, 'example.com'));
  return errs;
}

export function isDNS1035Label(v: string): string[] {
  const errs: string[] = [];
  if (v.length > 63) errs.push(maxLenError(63));
  if (!dns1035Label.test(v)) errs.push(regexError(DNS1035_LABEL_MSG, DNS1035_LABEL_FMT, 'my-name', 'abc-123'));
  return errs;
}

/** A generateName may end in '-': NameIs* mask it (maskTrailingDash). */
function mask(name: string, prefix: boolean): string {
  return prefix && name.length > 1 && name.endsWith('-') ? name.slice(0, -1) + 'a' : name;
}

export const nameIsDNSSubdomain: NameValidator = (n, p) => isDNS1123Subdomain(mask(n, p));
export const nameIsDNSLabel: NameValidator = (n, p) => isDNS1123Label(mask(n, p));
export const nameIsDNS1035Label: NameValidator = (n, p) => isDNS1035Label(mask(n, p));

// Keys already found valid (every write validates every label and annotation key again; a
// 1,000-pod StatefulSet writes the same few thousands of times). Bounded: cleared when full.
const validQualifiedNames = new Set<string>();

export function isQualifiedName(value: string): string[] {
  if (validQualifiedNames.has(value)) return [];
  const errs = checkQualifiedName(value);
  if (!errs.length) {
    if (validQualifiedNames.size >= 10_000) validQualifiedNames.clear();
    validQualifiedNames.add(value);
  }
  return errs;
}

function checkQualifiedName(value: string): string[] {
  const errs: string[] = [];
  const parts = value.split('/');
  let name: string;
  if (parts.length === 1) name = parts[0];
  else if (parts.length === 2) {
    const prefix = parts[0];
    name = parts[1];
    if (!prefix) errs.push('prefix part must be non-empty');
    else for (const m of isDNS1123Subdomain(prefix)) errs.push(`prefix part ${m}`);
  } else {
    return [`a qualified name ${regexError(QUALIFIED_NAME_MSG, QUALIFIED_NAME_FMT, 'MyName', 'my.name', '123-abc')} with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')`];
  }
  if (!name) errs.push('name part must be non-empty');
  else if (name.length > 63) errs.push(`name part ${maxLenError(63)}`);
  if (!qualifiedName.test(name)) errs.push(`name part ${regexError(QUALIFIED_NAME_MSG, QUALIFIED_NAME_FMT, 'MyName', 'my.name', '123-abc')}`);
  return errs;
}

export function isValidLabelValue(v: string): string[] {
  const errs: string[] = [];
  if (v.length > 63) errs.push(maxLenError(63));
  if (!labelValue.test(v)) errs.push(regexError(LABEL_VALUE_MSG, LABEL_VALUE_FMT, 'MyValue', 'my_value', '12345'));
  return errs;
}

/** Each message of a string check as an Invalid error on `field`. */
export function each(field: string, value: string, msgs: string[]): FieldError[] {
  return msgs.map((m) => invalid(field, value, m));
}

export function validateDNS1123Label(value: string, field: string): FieldError[] {
  return each(field, value, isDNS1123Label(value));
}

/** ValidateLabels: keys are qualified names, values label values. Keys in sorted order (Go map order is random; sorted is stable). */
export function validateLabels(labels: Record<string, string> | undefined, field: string): FieldError[] {
  const errs: FieldError[] = [];
  for (const k of Object.keys(labels ?? {}).sort()) {
    errs.push(...each(field, k, isQualifiedName(k)));
    const v = labels![k];
    errs.push(...each(field, String(v), isValidLabelValue(String(v))));
  }
  return errs;
}

export function validateAnnotations(annotations: Record<string, string> | undefined, field: string): FieldError[] {
  const errs: FieldError[] = [];
  let total = 0;
  for (const k of Object.keys(annotations ?? {}).sort()) {
    errs.push(...each(field, k, isQualifiedName(k.toLowerCase())));
    total += k.length + String(annotations![k]).length;
  }
  if (total > 256 * 1024) errs.push({ field, type: 'TooLong', detail: `may not be more than ${256 * 1024} bytes` });
  return errs;
}

const STANDARD_FINALIZERS = new Set(['kubernetes', 'orphan', 'foregroundDeletion']);

export function validateFinalizers(finalizers: string[] | undefined, field: string): FieldError[] {
  const errs: FieldError[] = [];
  for (const f of finalizers ?? []) {
    const msgs = isQualifiedName(f);
    if (msgs.length) errs.push(...each(field, f, msgs));
    else if (!f.includes('/') && !STANDARD_FINALIZERS.has(f)) errs.push(invalid(field, f, 'name is neither a standard finalizer name nor is it fully qualified'));
  }
  const fs = new Set(finalizers ?? []);
  if (fs.has('orphan') && fs.has('foregroundDeletion')) {
    errs.push(invalid(field, finalizers, 'finalizer orphan and foregroundDeletion cannot be both set'));
  }
  return errs;
}

export function validateOwnerReferences(refs: any[] | undefined, field: string): FieldError[] {
  const errs: FieldError[] = [];
  const controllers: string[] = [];
  for (const r of refs ?? []) {
    if (!r.apiVersion) errs.push(invalid(`${field}.apiVersion`, r.apiVersion ?? '', 'version must not be empty'));
    if (!r.kind) errs.push(invalid(`${field}.kind`, r.kind ?? '', 'must not be empty'));
    if (!r.name) errs.push(invalid(`${field}.name`, r.name ?? '', 'must not be empty'));
    if (!r.uid) errs.push(invalid(`${field}.uid`, r.uid ?? '', 'must not be empty'));
    if (r.controller) controllers.push(`${r.kind}/${r.name}`);
  }
  if (controllers.length > 1) {
    errs.push(invalid(field, refs, `Only one reference can have Controller set to true. Found "true" in references for ${controllers.join(' and ')}`));
  }
  return errs;
}

/** ValidateObjectMeta for a create. */
export function validateObjectMeta(obj: KubeObject, namespaced: boolean, nameFn: NameValidator, path = 'metadata'): FieldError[] {
  const m = obj.metadata ?? {};
  const errs: FieldError[] = [];
  if (m.generateName) errs.push(...each(`${path}.generateName`, m.generateName, nameFn(m.generateName, true)));
  if (!m.name) errs.push(required(`${path}.name`, 'name or generateName is required'));
  else errs.push(...each(`${path}.name`, m.name, nameFn(m.name, false)));
  if (namespaced) {
    if (!m.namespace) errs.push(required(`${path}.namespace`));
    else errs.push(...each(`${path}.namespace`, m.namespace, isDNS1123Label(m.namespace)));
  } else if (m.namespace) errs.push(forbidden(`${path}.namespace`, 'not allowed on this type'));
  errs.push(...nonNegative(m.generation, `${path}.generation`));
  errs.push(...validateLabels(m.labels, `${path}.labels`));
  errs.push(...validateAnnotations(m.annotations, `${path}.annotations`));
  errs.push(...validateOwnerReferences(m.ownerReferences, `${path}.ownerReferences`));
  errs.push(...validateFinalizers(m.finalizers, `${path}.finalizers`));
  return errs;
}

/** ValidateObjectMetaUpdate: what no update may change, and no new finalizers on a terminating object. */
export function validateObjectMetaUpdate(obj: KubeObject, old: KubeObject, path = 'metadata'): FieldError[] {
  const m = obj.metadata ?? {};
  const o = old.metadata ?? {};
  const errs: FieldError[] = [];
  if (o.deletionTimestamp) {
    const had = new Set(o.finalizers ?? []);
    const extra = [...new Set((m.finalizers ?? []).filter((f: string) => !had.has(f)))].sort();
    if (extra.length) {
      errs.push(forbidden(`${path}.finalizers`, `no new finalizers can be added if the object is being deleted, found new finalizers []string{${extra.map((f) => JSON.stringify(f)).join(', ')}}`));
    }
  }
  if ((m.generation ?? 0) < (o.generation ?? 0)) errs.push(invalid(`${path}.generation`, m.generation ?? 0, 'must not be decremented'));
  errs.push(...immutable(m.name, o.name, `${path}.name`));
  errs.push(...immutable(m.namespace, o.namespace, `${path}.namespace`));
  errs.push(...validateLabels(m.labels, `${path}.labels`));
  errs.push(...validateAnnotations(m.annotations, `${path}.annotations`));
  errs.push(...validateOwnerReferences(m.ownerReferences, `${path}.ownerReferences`));
  errs.push(...validateFinalizers(m.finalizers, `${path}.finalizers`));
  return errs;
}
