// Patches as the API server applies them: JSON merge patch (RFC 7386), JSON patch (RFC 6902,
// with the error texts of gopkg.in/evanphx/json-patch.v4 that the apiserver uses) and strategic
// merge patch: lists merged by their patchMergeKey, `$patch: delete|replace|merge` directives,
// `$deleteFromPrimitiveList/<field>`, `$setElementOrder/<field>` and `$retainKeys`.
// Sources: kubernetes/apimachinery pkg/util/strategicpatch/patch.go; merge keys and strategies
// from the `patchMergeKey`/`patchStrategy` struct tags in kubernetes/api core/v1/types.go,
// apps/v1/types.go and meta/v1/types.go; staging/src/k8s.io/apiserver/pkg/endpoints/handlers/patch.go.
import type { KubeObject, PatchType } from './client.ts';
import { badRequest, unprocessable } from './errors.ts';

/** A JSON patch operation that does not apply, in the json-patch library's words (evanphx/json-patch). */
export class JsonPatchError extends Error {}
import { clone } from './clone.ts';
import { deepEqual } from './field.ts';

export function applyPatch(target: KubeObject, patch: unknown, type: PatchType, resource: string): KubeObject {
  if (type === 'json') {
    try {
      return jsonPatch(clone(target), patch) as KubeObject;
    } catch (e) {
      // handlers/patch.go applyJSPatch: NewGenericServerResponse(422, ...), whose message is the
      // generic one; the library's words do not reach the client (apiserver patch_test.go
      // TestJSONPatch "invalid-semantics").
      if (e instanceof JsonPatchError) throw unprocessable();
      throw e;
    }
  }
  if (patch === null || typeof patch !== 'object' || Array.isArray(patch)) {
    throw badRequest('json: cannot unmarshal array into Go value of type map[string]interface {}');
  }
  if (type === 'merge') return mergePatch(clone(target), patch) as KubeObject;
  return strategicMerge(clone(target), patch as Record<string, unknown>, schemaFor(resource)) as KubeObject;
}

// ---- RFC 7386 ----------------------------------------------------------------------------------

export function mergePatch(target: any, patch: any): any {
  if (patch === null || typeof patch !== 'object' || Array.isArray(patch)) return clone(patch);
  const out = target && typeof target === 'object' && !Array.isArray(target) ? target : {};
  for (const [k, v] of Object.entries(patch)) {
    if (v === null) delete out[k];
    else out[k] = mergePatch(out[k], v);
  }
  return out;
}

// ---- RFC 6902 ----------------------------------------------------------------------------------

interface Op {
  op: string;
  path: string;
  value?: unknown;
  from?: string;
}

function decodePointer(p: string): string[] {
  if (p === '') return [];
  if (!p.startsWith('/')) throw new JsonPatchError(`add operation does not apply: doc is missing path: ${JSON.stringify(p)}: missing value`);
  return p.slice(1).split('/').map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/** The container holding the last path segment, or undefined when the path does not exist. */
function parentOf(doc: any, parts: string[]): any {
  let cur = doc;
  for (const k of parts.slice(0, -1)) {
    if (cur === null || typeof cur !== 'object') return undefined;
    if (Array.isArray(cur)) {
      if (!/^(0|[1-9][0-9]*)$/.test(k) || Number(k) >= cur.length) return undefined;
      cur = cur[Number(k)];
    } else {
      if (!Object.prototype.hasOwnProperty.call(cur, k)) return undefined;
      cur = cur[k];
    }
  }
  return cur !== null && typeof cur === 'object' ? cur : undefined;
}

function getAt(doc: any, parts: string[]): { found: boolean; value?: unknown } {
  if (!parts.length) return { found: true, value: doc };
  const parent = parentOf(doc, parts);
  const k = parts[parts.length - 1];
  if (parent === undefined) return { found: false };
  if (Array.isArray(parent)) {
    const i = Number(k);
    return /^(0|[1-9][0-9]*)$/.test(k) && i < parent.length ? { found: true, value: parent[i] } : { found: false };
  }
  return Object.prototype.hasOwnProperty.call(parent, k) ? { found: true, value: parent[k] } : { found: false };
}

function removeAt(doc: any, parts: string[], path: string): unknown {
  const parent = parentOf(doc, parts);
  const k = parts[parts.length - 1];
  if (parent === undefined) throw new JsonPatchError(`remove operation does not apply: doc is missing path: ${JSON.stringify(path)}: missing value`);
  if (Array.isArray(parent)) {
    const i = Number(k);
    if (!/^(0|[1-9][0-9]*)$/.test(k) || i >= parent.length) throw new JsonPatchError(`Unable to remove nonexistent key: ${k}: missing value`);
    return parent.splice(i, 1)[0];
  }
  if (!Object.prototype.hasOwnProperty.call(parent, k)) {
    throw new JsonPatchError(`error in remove for path: '${path}': Unable to remove nonexistent key: ${k}: missing value`);
  }
  const v = parent[k];
  delete parent[k];
  return v;
}

function addAt(doc: any, parts: string[], value: unknown, path: string, verb = 'add'): any {
  if (!parts.length) return clone(value);
  const parent = parentOf(doc, parts);
  const k = parts[parts.length - 1];
  if (parent === undefined) throw new JsonPatchError(`${verb} operation does not apply: doc is missing path: ${JSON.stringify(path)}: missing value`);
  if (Array.isArray(parent)) {
    const i = k === '-' ? parent.length : Number(k);
    if (k !== '-' && (!/^(0|[1-9][0-9]*)$/.test(k) || i > parent.length)) throw new JsonPatchError(`Unable to access invalid index: ${k}: invalid index referenced`);
    parent.splice(i, 0, clone(value));
  } else parent[k] = clone(value);
  return doc;
}

export function jsonPatch(doc: any, patch: unknown): any {
  if (!Array.isArray(patch)) throw badRequest('json: cannot unmarshal object into Go value of type jsonpatch.Patch');
  for (const raw of patch as Op[]) {
    const op = raw?.op;
    const path = String(raw?.path ?? '');
    const parts = decodePointer(path);
    switch (op) {
      case 'add':
        doc = addAt(doc, parts, raw.value, path);
        break;
      case 'remove':
        removeAt(doc, parts, path);
        break;
      case 'replace': {
        if (!parts.length) {
          doc = clone(raw.value);
          break;
        }
        if (!getAt(doc, parts).found) throw new JsonPatchError(`replace operation does not apply: doc is missing key: ${path}: missing value`);
        const parent = parentOf(doc, parts);
        const k = parts[parts.length - 1];
        parent[Array.isArray(parent) ? Number(k) : k] = clone(raw.value);
        break;
      }
      case 'move': {
        const from = String(raw.from ?? '');
        const fp = decodePointer(from);
        if (!getAt(doc, fp).found) throw new JsonPatchError(`move operation does not apply: doc is missing from path: ${from}: missing value`);
        const v = removeAt(doc, fp, from);
        doc = addAt(doc, parts, v, path, 'move');
        break;
      }
      case 'copy': {
        const from = String(raw.from ?? '');
        const got = getAt(doc, decodePointer(from));
        if (!got.found) throw new JsonPatchError(`copy operation does not apply: doc is missing from path: ${from}: missing value`);
        doc = addAt(doc, parts, got.value, path, 'copy');
        break;
      }
      case 'test': {
        const got = getAt(doc, parts);
        if (!got.found || !deepEqual(got.value ?? null, raw.value ?? null)) throw new JsonPatchError(`testing value ${path} failed: test failed`);
        break;
      }
      default:
        throw new JsonPatchError(`Unexpected kind: ${op}`);
    }
  }
  return doc;
}

// ---- strategic merge patch -------------------------------------------------------------------

/** What the struct tags say about a field: lists merged by a key, sets of primitives, or nested structs. */
export interface FieldSchema {
  /** patchStrategy:"merge" on a list of objects: patchMergeKey. */
  mergeKey?: string;
  /** patchStrategy:"merge" on a list of primitives (metadata.finalizers). */
  primitiveSet?: boolean;
  /** patchStrategy:"retainKeys" (Deployment spec.strategy, volume sources). */
  retainKeys?: boolean;
  /** patchStrategy:"replace": the patch's value replaces the field whole. */
  replace?: boolean;
  /** The element's (or the object's) own fields. */
  fields?: Schema;
}

export type Schema = Record<string, FieldSchema>;

const CONDITIONS: FieldSchema = { mergeKey: 'type' };
const CONTAINER: Schema = {
  ports: { mergeKey: 'containerPort' },
  env: { mergeKey: 'name' },
  volumeMounts: { mergeKey: 'mountPath' },
  volumeDevices: { mergeKey: 'devicePath' },
};
// core/v1 PodSpec. tolerations and readinessGates carry no patch strategy: replaced whole.
const POD_SPEC: Schema = {
  containers: { mergeKey: 'name', fields: CONTAINER },
  initContainers: { mergeKey: 'name', fields: CONTAINER },
  ephemeralContainers: { mergeKey: 'name', fields: CONTAINER },
  // patchStrategy:"merge,retainKeys": a volume's source is replaced, not merged, when it changes kind.
  volumes: { mergeKey: 'name', retainKeys: true, fields: {} },
  imagePullSecrets: { mergeKey: 'name' },
  hostAliases: { mergeKey: 'ip' },
  topologySpreadConstraints: { mergeKey: 'topologyKey' },
  resourceClaims: { mergeKey: 'name' },
  schedulingGates: { mergeKey: 'name' },
};
const OBJECT_META: Schema = {
  finalizers: { primitiveSet: true },
  ownerReferences: { mergeKey: 'uid' },
};
const TEMPLATE: FieldSchema = { fields: { metadata: { fields: OBJECT_META }, spec: { fields: POD_SPEC } } };
const WORKLOAD_STATUS: FieldSchema = { fields: { conditions: CONDITIONS } };

const SCHEMAS: Record<string, Schema> = {
  pods: {
    spec: { fields: POD_SPEC },
    status: { fields: { conditions: CONDITIONS } },
  },
  statefulsets: { spec: { fields: { template: TEMPLATE } }, status: WORKLOAD_STATUS },
  deployments: { spec: { fields: { template: TEMPLATE, strategy: { retainKeys: true } } }, status: WORKLOAD_STATUS },
  replicasets: { spec: { fields: { template: TEMPLATE } }, status: WORKLOAD_STATUS },
  services: { spec: { fields: { ports: { mergeKey: 'port' } } }, status: { fields: { conditions: CONDITIONS } } },
  nodes: { status: { fields: { conditions: CONDITIONS, addresses: { mergeKey: 'type' } } } },
  persistentvolumeclaims: { status: { fields: { conditions: CONDITIONS } } },
  namespaces: { status: { fields: { conditions: CONDITIONS } } },
};

export function schemaFor(resource: string): Schema {
  return { metadata: { fields: OBJECT_META }, ...(SCHEMAS[resource] ?? {}) };
}

function isObj(v: unknown): v is Record<string, any> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** Merges `patch` into `target` (a copy the caller owns) under `schema`. */
export function strategicMerge(target: any, patch: Record<string, any>, schema: Schema = {}): any {
  if (patch.$patch === 'replace') {
    const out = clone(patch);
    delete out.$patch;
    return out;
  }
  if (patch.$patch === 'delete') return undefined;
  const out: Record<string, any> = isObj(target) ? target : {};
  if (Array.isArray(patch.$retainKeys)) {
    const keep = new Set(patch.$retainKeys as string[]);
    for (const k of Object.keys(out)) if (!keep.has(k)) delete out[k];
  }
  for (const [k, v] of Object.entries(patch)) {
    if (k === '$patch' || k === '$retainKeys' || k.startsWith('$setElementOrder/')) continue;
    if (k.startsWith('$deleteFromPrimitiveList/')) {
      const field = k.slice('$deleteFromPrimitiveList/'.length);
      if (Array.isArray(out[field]) && Array.isArray(v)) out[field] = out[field].filter((x: unknown) => !v.some((y) => deepEqual(x, y)));
      continue;
    }
    const fs = schema[k] ?? {};
    if (v === null) {
      delete out[k];
      continue;
    }
    if (Array.isArray(v)) {
      out[k] = mergeList(out[k], v, fs);
      const order = patch[`$setElementOrder/${k}`];
      if (Array.isArray(order) && Array.isArray(out[k])) out[k] = applyOrder(out[k], order, fs.mergeKey);
      if (out[k] === undefined) delete out[k];
      continue;
    }
    if (isObj(v) && fs.replace) {
      out[k] = clone(v);
      continue;
    }
    if (isObj(v)) {
      const merged = strategicMerge(isObj(out[k]) ? out[k] : undefined, v, fs.fields ?? {});
      if (merged === undefined) delete out[k];
      else out[k] = merged;
      continue;
    }
    out[k] = v;
  }
  return out;
}

function mergeList(current: unknown, patch: any[], fs: FieldSchema): any[] | undefined {
  const cur: any[] = Array.isArray(current) ? current : [];
  // [{"$patch": "replace"}, ...]: the rest of the patch list is the new list.
  if (patch.some((e) => isObj(e) && e.$patch === 'replace' && Object.keys(e).length === 1)) {
    return clone(patch.filter((e) => !(isObj(e) && e.$patch === 'replace')));
  }
  if (fs.primitiveSet) {
    const out = [...cur];
    for (const x of patch) if (!out.some((y) => deepEqual(x, y))) out.push(clone(x));
    return out;
  }
  const mk = fs.mergeKey;
  if (!mk) return clone(patch.filter((e) => !(isObj(e) && e.$patch)));
  const out = [...cur];
  for (const item of patch) {
    if (!isObj(item)) continue;
    const idx = out.findIndex((x) => isObj(x) && deepEqual(x[mk], item[mk]));
    if (item.$patch === 'delete') {
      if (idx >= 0) out.splice(idx, 1);
      continue;
    }
    if (idx >= 0) out[idx] = strategicMerge(out[idx], item, fs.fields ?? {});
    else {
      const fresh = strategicMerge(undefined, item, fs.fields ?? {});
      if (fresh !== undefined) out.push(fresh);
    }
  }
  return out;
}

/** `$setElementOrder`: the listed elements first, in that order; the server's others after. */
function applyOrder(list: any[], order: any[], mk?: string): any[] {
  const keyOf = (x: any) => (mk && isObj(x) ? JSON.stringify(x[mk]) : JSON.stringify(x));
  const wanted = order.map((o) => keyOf(mk && isObj(o) ? o : o));
  const ordered: any[] = [];
  const rest: any[] = [];
  for (const x of list) (wanted.includes(keyOf(x)) ? ordered : rest).push(x);
  ordered.sort((a, b) => wanted.indexOf(keyOf(a)) - wanted.indexOf(keyOf(b)));
  return [...ordered, ...rest];
}
