// Decoding a client's body as the API server decodes it into the API's Go types (kubectl create,
// apply and replace send fieldValidation, and so get this check):
// - a value of the wrong JSON type stops the decode, the first one named as encoding/json names
//   it (the field's Go struct, its path without list indexes, the Go type it wanted):
//     Pod in version "v1" cannot be handled as a Pod: json: cannot unmarshal object into Go
//     struct field Container.spec.containers.ports of type []v1.ContainerPort
// - under Strict a field the type does not have is refused, each one named by its path, list
//   items by index (under Warn and Ignore such fields are dropped):
//     StatefulSet in version "v1" cannot be handled as a StatefulSet: strict decoding error:
//     unknown field "spec.replica", unknown field "spec.template.spec.containers[0].imagePullPolicyy"
// Sources: Go encoding/json (UnmarshalTypeError.Error; the first type error is kept, decoding goes
// on) as forked in sigs.k8s.io/json (UnmarshalStrict's unknown-field errors); apimachinery
// pkg/runtime/error.go (NewStrictDecodingError: "strict decoding error: " and the errors joined by
// ", "); pkg/runtime/serializer/json/json.go (a type error wins over strict errors); apiserver
// pkg/endpoints/handlers/create.go and update.go ("<Kind> in version "<v>" cannot be handled as a
// <Kind>: <error>", a BadRequest).
import { KNOWN_FIELDS } from './known-fields.generated.ts';

// Fields newer than the kubernetes-types release the table is generated from, which the
// simulator's Kubernetes (1.35) has and writes itself. Source: kubernetes/api core/v1/types.go.
const NEWER_FIELDS: Record<string, Record<string, string>> = {
  // PodCondition.observedGeneration, PodStatus.observedGeneration (1.33, PodObservedGenerationTracking).
  'core.v1.PodCondition': { observedGeneration: 'i64' },
  'core.v1.PodStatus': { observedGeneration: 'i64' },
};

function fieldsOf(type: string): Record<string, string> | undefined {
  const base = KNOWN_FIELDS.types[type];
  const newer = NEWER_FIELDS[type];
  return base && newer ? { ...base, ...newer } : base;
}

/** The Go type a field code stands for, as reflect prints it (`[]v1.ContainerPort`). */
function goType(code: string): string {
  if (code.startsWith('T:')) return `v1.${code.slice(code.lastIndexOf('.') + 1)}`;
  if (code.startsWith('[')) return `[]${goType(code.slice(1))}`;
  // The maps of quantities in these kinds are all core/v1 ResourceLists.
  if (code === '{*') return 'v1.ResourceList';
  if (code.startsWith('{')) return `map[string]${goType(code.slice(1))}`;
  return { s: 'string', b: 'bool', i32: 'int32', i64: 'int64' }[code] ?? 'interface {}';
}

/** How encoding/json names a JSON value in "cannot unmarshal <value>". */
function jsonKind(v: unknown): string {
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'boolean') return 'bool';
  return typeof v === 'object' ? 'object' : typeof v; // string, number
}

const INT_RANGE = { i32: 2 ** 31, i64: 2 ** 63 };

interface Decode {
  typeError?: string;
  /** Each unknown field: its path, and where it is (to drop it). */
  unknown: { path: string; holder: Record<string, unknown>; key: string }[];
}

/** The type error of a value against a field code, if it has one (null always decodes). */
function scalarMismatch(code: string, v: unknown): string | undefined {
  if (v === null || code === '*') return undefined;
  if (code === 's') return typeof v === 'string' ? undefined : jsonKind(v);
  if (code === 'b') return typeof v === 'boolean' ? undefined : jsonKind(v);
  if (code === 'i32' || code === 'i64') {
    if (typeof v !== 'number') return jsonKind(v);
    const limit = INT_RANGE[code];
    return Number.isInteger(v) && v >= -limit && v < limit ? undefined : `number ${v}`;
  }
  if (code.startsWith('T:') || code.startsWith('{')) return typeof v === 'object' && !Array.isArray(v) ? undefined : jsonKind(v);
  if (code.startsWith('[')) return Array.isArray(v) ? undefined : jsonKind(v);
  return undefined;
}

/**
 * Checks `value` against field code `code`; `struct` is the Go struct holding the field, `field`
 * its path without indexes (for type errors), `path` with them (for unknown fields).
 */
function decodeValue(code: string, value: unknown, struct: string, field: string, path: string, d: Decode): void {
  const bad = scalarMismatch(code, value);
  if (bad !== undefined) {
    d.typeError ??= `json: cannot unmarshal ${bad} into Go struct field ${struct}.${field} of type ${goType(code)}`;
    return;
  }
  if (value === null || code === '*') return;
  if (code.startsWith('T:')) decodeObject(code.slice(2), value as Record<string, unknown>, field, path, d);
  else if (code.startsWith('[')) (value as unknown[]).forEach((item, i) => decodeValue(code.slice(1), item, struct, field, `${path}[${i}]`, d));
  else if (code.startsWith('{')) for (const [k, v] of Object.entries(value as object)) decodeValue(code.slice(1), v, struct, field, `${path}[${k}]`, d);
}

function decodeObject(type: string, obj: Record<string, unknown>, field: string, path: string, d: Decode): void {
  const fields = fieldsOf(type);
  if (!fields) return;
  const struct = type.slice(type.lastIndexOf('.') + 1);
  for (const k of Object.keys(obj)) {
    const here = path ? `${path}.${k}` : k;
    const code = fields[k];
    if (code === undefined) {
      d.unknown.push({ path: here, holder: obj, key: k });
      continue;
    }
    decodeValue(code, obj[k], struct, field ? `${field}.${k}` : k, here, d);
  }
}

function decode(kind: string, obj: unknown): Decode | undefined {
  const type = KNOWN_FIELDS.kinds[kind];
  if (!type || typeof obj !== 'object' || obj === null || Array.isArray(obj)) return undefined;
  const d: Decode = { unknown: [] };
  decodeObject(type, obj as Record<string, unknown>, '', '', d);
  return d;
}

/** The paths of the fields `obj` has that a `kind` does not, in document order; undefined for a kind the table lacks. */
export function unknownFields(kind: string, obj: unknown): string[] | undefined {
  return decode(kind, obj)?.unknown.map((u) => u.path);
}

/**
 * `obj` (a copy the caller owns) decoded into its kind's Go type: its first value of the wrong
 * type as encoding/json words it, and the paths of its unknown fields, which are deleted from
 * `obj` unless `keepUnknown` (a Strict caller refuses the request for them).
 */
export function decodeFields(kind: string, obj: unknown, keepUnknown: boolean): { typeError?: string; unknown: string[] } {
  const d = decode(kind, obj);
  if (!d) return { unknown: [] };
  if (!d.typeError && !keepUnknown) for (const u of d.unknown) delete u.holder[u.key];
  return { typeError: d.typeError, unknown: d.unknown.map((u) => u.path) };
}

/**
 * A created or updated body (handlers/create.go, update.go) decoded under `validation`: the
 * BadRequest message when it does not decode, else the unknown fields dropped from it.
 */
export function decodeBody(kind: string, version: string, obj: unknown, validation: 'Strict' | 'Warn' | 'Ignore'): { refusal?: string; dropped: string[] } {
  const strict = validation === 'Strict';
  const { typeError, unknown } = decodeFields(kind, obj, strict);
  const prefix = `${kind} in version "${version}" cannot be handled as a ${kind}: `;
  if (typeError) return { refusal: prefix + typeError, dropped: [] };
  if (strict && unknown.length) return { refusal: prefix + strictDecodingError(unknown), dropped: [] };
  return { dropped: unknown };
}

/** What NewStrictDecodingError says of unknown fields. */
export function strictDecodingError(unknown: string[]): string {
  return `strict decoding error: ${unknown.map((p) => `unknown field "${p}"`).join(', ')}`;
}
