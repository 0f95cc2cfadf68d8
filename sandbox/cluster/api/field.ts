// Field errors as apimachinery builds them: pkg/util/validation/field/errors.go (Required,
// Invalid, NotFound, Duplicate, NotSupported, Forbidden, TooLong) and path.go.
// Values render as ErrorBody does since v1.34: numbers and bools bare, strings %q, anything
// else JSON-marshalled (so a map prints as {"app":"nginx"}, a slice as ["None"]).
import type { FieldError } from './errors.ts';

/** `%q` of a Go string (close enough for the printable strings the API sees). */
export function goQuote(s: string): string {
  return JSON.stringify(s);
}

/** <, > and & as encoding/json writes them (HTML-safe escapes). */
export function goEscapeHtml(json: string): string {
  return json.replace(/</g, '\\u003c').replace(/>/g, '\\u003e').replace(/&/g, '\\u0026');
}

/** encoding/json output: sorted map keys, and <, >, & escaped as Go does. */
export function goJson(v: unknown): string {
  return goEscapeHtml(JSON.stringify(sortKeys(v)));
}

function sortKeys(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortKeys);
  if (v && typeof v === 'object') {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(v as object).sort()) out[k] = sortKeys((v as any)[k]);
    return out;
  }
  return v === undefined ? null : v;
}

/** How a bad value is printed in a field error. */
export function renderValue(v: unknown): string {
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (typeof v === 'string') return goQuote(v);
  return goJson(v);
}

export function required(field: string, detail = ''): FieldError {
  return { field, type: 'Required', detail: detail || undefined };
}

export function invalid(field: string, value: unknown, detail: string): FieldError {
  return { field, type: 'Invalid', value: renderValue(value), detail: detail || undefined };
}

export function notFound(field: string, value: unknown): FieldError {
  return { field, type: 'NotFound', value: renderValue(value) };
}

export function duplicate(field: string, value: unknown): FieldError {
  return { field, type: 'Duplicate', value: renderValue(value) };
}

export function forbidden(field: string, detail: string): FieldError {
  return { field, type: 'Forbidden', detail };
}

/** `Unsupported value: "X": supported values: "A", "B"`. */
export function notSupported(field: string, value: unknown, supported: string[]): FieldError {
  return { field, type: 'NotSupported', value: renderValue(value), detail: supported.length ? `supported values: ${supported.map(goQuote).join(', ')}` : undefined };
}

export function tooLong(field: string, max: number): FieldError {
  return { field, type: 'TooLong', detail: `may not be more than ${max} ${max === 1 ? 'byte' : 'bytes'}` };
}

/** `must be greater than or equal to 0` (apimachinery validation IsNegativeErrorMsg). */
export const IS_NEGATIVE = 'must be greater than or equal to 0';
/** apimachinery pkg/api/validation FieldImmutableErrorMsg. */
export const FIELD_IMMUTABLE = 'field is immutable';

/** ValidateNonnegativeField. */
export function nonNegative(value: number | undefined, field: string): FieldError[] {
  return value !== undefined && value < 0 ? [invalid(field, value, IS_NEGATIVE)] : [];
}

/** ValidateImmutableField: Invalid with the new value when it differs from the old. */
export function immutable(next: unknown, old: unknown, field: string): FieldError[] {
  return deepEqual(next, old) ? [] : [invalid(field, next ?? null, FIELD_IMMUTABLE)];
}

/** Semantic equality of JSON values; undefined and missing keys are the same thing. */
export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a === undefined || b === undefined || a === null || b === null) return false;
  if (typeof a !== 'object' || typeof b !== 'object') return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const bb = b as unknown[];
    if (a.length !== bb.length) return false;
    for (let i = 0; i < a.length; i++) if (!deepEqual(a[i], bb[i])) return false;
    return true;
  }
  // Properties holding undefined count as absent (as in JSON). No key arrays: this runs on every
  // API write.
  let na = 0;
  for (const k in a as object) {
    const va = (a as any)[k];
    if (va === undefined) continue;
    na++;
    if (!deepEqual(va, (b as any)[k])) return false;
  }
  let nb = 0;
  for (const k in b as object) if ((b as any)[k] !== undefined) nb++;
  return na === nb;
}

/** A Go struct marshalled by encoding/json: fields in declaration order (the caller's key order). */
export function goStruct(v: unknown): string {
  return goEscapeHtml(JSON.stringify(v === undefined ? null : v));
}

/** An Invalid error whose value is already rendered (structs, whose field order matters). */
export function invalidRendered(field: string, rendered: string, detail: string): FieldError {
  return { field, type: 'Invalid', value: rendered, detail };
}

/** A metav1.LabelSelector as json.Marshal prints it (matchLabels first, empty parts omitted). */
export function renderLabelSelector(sel: any): string {
  if (!sel) return 'null';
  const out: Record<string, unknown> = {};
  if (sel.matchLabels && Object.keys(sel.matchLabels).length) out.matchLabels = JSON.parse(goJson(sel.matchLabels));
  if (Array.isArray(sel.matchExpressions) && sel.matchExpressions.length) {
    out.matchExpressions = sel.matchExpressions.map((e: any) => {
      const r: Record<string, unknown> = { key: e.key, operator: e.operator };
      if (e.values?.length) r.values = e.values;
      return r;
    });
  }
  return goStruct(out);
}
