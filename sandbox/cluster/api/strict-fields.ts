// Strict decoding, as the API server does it when a client asks for fieldValidation=Strict
// (kubectl create, apply, replace and edit do, by default, since 1.27): a field the type does
// not have is not dropped but refused, each one named by its path, list items by index:
//   StatefulSet in version "v1" cannot be handled as a StatefulSet: strict decoding error:
//   unknown field "spec.replica", unknown field "spec.template.spec.containers[0].imagePullPolicyy"
// Sources: kubernetes/apimachinery pkg/runtime/error.go (NewStrictDecodingError: "strict decoding
// error: " and the errors joined by ", "), pkg/runtime/serializer/json/json.go (the unknown-field
// errors of sigs.k8s.io/json UnmarshalStrict, in the order the decoder meets them),
// apiserver pkg/endpoints/handlers/create.go and update.go (a decode error becomes a BadRequest
// "<Kind> in version "<v>" cannot be handled as a <Kind>: <error>").
import { KNOWN_FIELDS } from './known-fields.generated.ts';

// Fields newer than the kubernetes-types release the table is generated from, which the
// simulator's Kubernetes (1.35) has and writes itself. Source: kubernetes/api core/v1/types.go.
const NEWER_FIELDS: Record<string, Record<string, string | 0>> = {
  // PodCondition.observedGeneration, PodStatus.observedGeneration (1.33, PodObservedGenerationTracking).
  'core.v1.PodCondition': { observedGeneration: 0 },
  'core.v1.PodStatus': { observedGeneration: 0 },
};

function fieldsOf(type: string): Record<string, string | 0> | undefined {
  const base = KNOWN_FIELDS.types[type];
  const newer = NEWER_FIELDS[type];
  return base && newer ? { ...base, ...newer } : base;
}

/** The paths of the fields `obj` has that a `kind` does not, in document order; undefined for a kind the table lacks. */
export function unknownFields(kind: string, obj: unknown): string[] | undefined {
  const type = KNOWN_FIELDS.kinds[kind];
  if (!type) return undefined;
  const out: string[] = [];
  walk(type, obj, '', (path) => out.push(path));
  return out;
}

/** Deletes from `obj` (a copy the caller owns) every field its kind does not have. */
export function dropUnknownFields(kind: string, obj: unknown): void {
  const type = KNOWN_FIELDS.kinds[kind];
  if (type) walk(type, obj, '', (_path, holder, key) => delete holder[key]);
}

type Found = (path: string, holder: Record<string, unknown>, key: string) => void;

function walk(type: string, value: unknown, path: string, found: Found): void {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return; // a wrong type is not this check's business
  const fields = fieldsOf(type);
  if (!fields) return;
  const holder = value as Record<string, unknown>;
  for (const k of Object.keys(holder)) {
    const v = holder[k];
    const here = path ? `${path}.${k}` : k;
    if (!Object.prototype.hasOwnProperty.call(fields, k)) {
      found(here, holder, k);
      continue;
    }
    const code = fields[k];
    if (!code) continue;
    if (code.startsWith('[')) {
      if (Array.isArray(v)) v.forEach((item, i) => walk(code.slice(1), item, `${here}[${i}]`, found));
    } else if (code.startsWith('{')) {
      if (v && typeof v === 'object') for (const [mk, mv] of Object.entries(v)) walk(code.slice(1), mv, `${here}[${mk}]`, found);
    } else walk(code, v, here, found);
  }
}

/** The message of the BadRequest a strict decode gives, or undefined when every field is known. */
export function strictDecodingMessage(kind: string, version: string, obj: unknown): string | undefined {
  const unknown = unknownFields(kind, obj);
  if (!unknown?.length) return undefined;
  return `${kind} in version "${version}" cannot be handled as a ${kind}: strict decoding error: ${unknown.map((p) => `unknown field "${p}"`).join(', ')}`;
}
