// The strategic merge patches kubectl computes, from kubernetes/kubernetes
// staging/src/k8s.io/apimachinery/pkg/util/strategicpatch/patch.go, with the patch metadata of the
// API types from cluster/api/patch.ts and values as k8s.io/apimachinery/pkg/util/json decodes them
// (integral numbers are int64, others float64):
// - CreateThreeWayMergePatch (overwrite, kubectl apply's default), for `apply` to an object that
//   exists: what changed from the live object to the manifest, ignoring what the manifest does
//   not mention, plus what was deleted from the last applied manifest to this one (`delta` and
//   `deletions`, the first merged into the second as a patch; client side, the parallel
//   $deleteFromPrimitiveList lists are carried, not applied);
// - CreateTwoWayMergePatch, for `edit`: what turns the object as it was shown into the edited one.
import type { FieldSchema, Schema } from '../../cluster/api/patch.ts';
import { goSprint } from '../../cluster/api/go-sprint.ts';
// reflect.DeepEqual of decoded JSON values: in JavaScript a number has one type, so the project's
// structural comparison is the same test.
import { deepEqual } from '../../cluster/api/field.ts';

type Json = null | boolean | number | string | Json[] | JsonMap;
export interface JsonMap {
  [k: string]: Json;
}

interface DiffOptions {
  setElementOrder: boolean;
  ignoreChangesAndAdditions: boolean;
  ignoreDeletions: boolean;
  buildRetainKeysDirective: boolean;
}

/** A patch that cannot be made, in mergepatch's words (kubectl prints it after the three documents). */
export class MergePatchError extends Error {}

const DELETE_FROM_PRIMITIVE_LIST = '$deleteFromPrimitiveList';
const SET_ELEMENT_ORDER = '$setElementOrder';
const RETAIN_KEYS = '$retainKeys';
const DIRECTIVE = '$patch';

/** CreateTwoWayMergePatch(original, modified, schema), as a map. */
export function createTwoWayMergePatch(original: JsonMap, modified: JsonMap, schema: Schema): JsonMap {
  return diffMaps(original, modified, schema, { setElementOrder: true, ignoreChangesAndAdditions: false, ignoreDeletions: false, buildRetainKeysDirective: false });
}

/** CreateThreeWayMergePatch(original, modified, current, schema, overwrite=true), as a map. */
export function createThreeWayMergePatch(original: JsonMap, modified: JsonMap, current: JsonMap, schema: Schema): JsonMap {
  const delta = diffMaps(current, modified, schema, { setElementOrder: true, ignoreDeletions: true, ignoreChangesAndAdditions: false, buildRetainKeysDirective: false });
  const deletions = diffMaps(original, modified, schema, { setElementOrder: true, ignoreChangesAndAdditions: true, ignoreDeletions: false, buildRetainKeysDirective: false });
  return mergeMap(deletions, delta, schema);
}

// ---- values as Go sees them -----------------------------------------------------------------

type GoType = 'nil' | 'bool' | 'int64' | 'float64' | 'string' | 'slice' | 'map';

function goType(v: Json | undefined): GoType {
  if (v === null || v === undefined) return 'nil';
  if (Array.isArray(v)) return 'slice';
  if (typeof v === 'object') return 'map';
  if (typeof v === 'number') return Number.isInteger(v) ? 'int64' : 'float64';
  return typeof v === 'boolean' ? 'bool' : 'string';
}

function isMap(v: Json | undefined): v is JsonMap {
  return goType(v) === 'map';
}

/** fmt.Sprintf("%v", v): how merge key values and scalars are compared and sorted. */
function goV(v: Json | undefined): string {
  if (v === undefined || v === null) return '<nil>';
  if (typeof v === 'object') return goSprint(v);
  return String(v);
}

/** Go's interface equality of two merge key values or scalars (same type and value). */
function sameScalar(a: Json | undefined, b: Json | undefined): boolean {
  return goType(a) === goType(b) && (typeof a !== 'object' || a === null ? a === b : deepEqual(a, b));
}

// ---- diff -------------------------------------------------------------------------------------

function fieldOf(schema: Schema, key: string): FieldSchema {
  return schema[key] ?? {};
}

function isMergeList(fs: FieldSchema): boolean {
  return !!fs.mergeKey || !!fs.primitiveSet;
}

/** diffMaps: a patch that yields `modified` from `original`, as far as `opts` keep. */
function diffMaps(original: JsonMap, modified: JsonMap, schema: Schema, opts: DiffOptions): JsonMap {
  const patch: JsonMap = {};
  const retainKeys: string[] = [];
  for (const [key, mv] of Object.entries(modified)) {
    if (opts.buildRetainKeysDirective && mv !== null) retainKeys.push(key);
    if (!(key in original)) {
      if (!opts.ignoreChangesAndAdditions) patch[key] = mv;
      continue;
    }
    const ov = original[key];
    if (key === DIRECTIVE) {
      if (typeof ov !== 'string' || typeof mv !== 'string') throw new MergePatchError(`invalid value for special key: ${DIRECTIVE}`);
      if (ov !== mv) patch[key] = mv;
      continue;
    }
    if (goType(ov) !== goType(mv)) {
      if (!opts.ignoreChangesAndAdditions) patch[key] = mv;
      continue;
    }
    const fs = fieldOf(schema, key);
    if (isMap(ov)) {
      if (fs.replace) {
        if (!opts.ignoreChangesAndAdditions) patch[key] = mv;
        continue;
      }
      const sub = diffMaps(ov, mv as JsonMap, fs.fields ?? {}, { ...opts, buildRetainKeysDirective: !!fs.retainKeys });
      if (Object.keys(sub).length) patch[key] = sub;
    } else if (Array.isArray(ov)) {
      if (isMergeList(fs)) {
        const [add, del, order] = diffLists(ov, mv as Json[], fs, { ...opts, buildRetainKeysDirective: !!fs.retainKeys });
        if (add.length) patch[key] = add;
        if (del.length) patch[`${DELETE_FROM_PRIMITIVE_LIST}/${key}`] = del;
        if (order.length) patch[`${SET_ELEMENT_ORDER}/${key}`] = order;
      } else if (!opts.ignoreChangesAndAdditions && !deepEqual(ov, mv)) patch[key] = mv;
    } else if (!opts.ignoreChangesAndAdditions && !deepEqual(ov, mv)) patch[key] = mv;
  }
  // updatePatchIfMissing: what the original has and modified lacks is deleted.
  if (!opts.ignoreDeletions) for (const key of Object.keys(original)) if (!(key in modified)) patch[key] = null;
  if (retainKeys.length && (Object.keys(patch).length || hasAdditionalNewField(original, modified))) patch[RETAIN_KEYS] = sortScalars(retainKeys);
  return patch;
}

function hasAdditionalNewField(original: JsonMap, modified: JsonMap): boolean {
  return Object.entries(original).some(([k, v]) => v !== null && !(k in modified));
}

/** diffLists: the patch list, the parallel deletion list (scalars) and the $setElementOrder list. */
function diffLists(original: Json[], modified: Json[], fs: FieldSchema, opts: DiffOptions): [Json[], Json[], Json[]] {
  if (!original.length) {
    if (!modified.length || opts.ignoreChangesAndAdditions) return [[], [], []];
    return [modified, [], []];
  }
  const kind = elementType(original, modified);
  const mk = fs.mergeKey ?? '';
  if (kind === 'map') {
    const [changed, deleted] = diffListsOfMaps(original, modified, fs, mk, opts);
    const patchList = [...normalizeSliceOrder(changed, modified, mk, kind), ...deleted];
    const orderSame = isOrderSame(original, modified, mk);
    let order: Json[] = [];
    if (opts.setElementOrder && ((!opts.ignoreChangesAndAdditions && (patchList.length || !orderSame)) || (!opts.ignoreDeletions && patchList.length))) {
      order = modified.map((v) => ({ [mk]: (v as JsonMap)[mk] }));
    }
    return [patchList, [], order];
  }
  const [added, deleted] = diffListsOfScalars(original, modified, opts);
  const patchList = normalizeSliceOrder(added, modified, mk, kind);
  const order = opts.setElementOrder && ((!opts.ignoreDeletions && deleted.length) || (!opts.ignoreChangesAndAdditions && !deepEqual(original, modified))) ? modified : [];
  return [patchList, deleted, order];
}

function elementType(...lists: Json[][]): GoType {
  let t: GoType | undefined;
  for (const l of lists) {
    for (const v of l) {
      const vt = goType(v);
      if (t === undefined) {
        if (vt === 'slice') throw new MergePatchError('lists of lists are not supported');
        t = vt;
      } else if (t !== vt) throw new MergePatchError(`list element types are not identical: ${goSprint(lists)}`);
    }
  }
  if (t === undefined) throw new MergePatchError('no elements in any of the given slices');
  return t;
}

function isOrderSame(original: Json[], modified: Json[], mk: string): boolean {
  if (original.length !== modified.length) return false;
  return modified.every((m, i) => sameScalar(mergeKeyValue(original[i] as JsonMap, mk), mergeKeyValue(m as JsonMap, mk)));
}

function mergeKeyValue(m: JsonMap, mk: string): Json {
  if (!isMap(m)) throw new MergePatchError(`expected a map, got: ${goSprint(m)}`);
  if (!(mk in m)) throw new MergePatchError(`map: ${goSprint(m)} does not contain declared merge key: ${mk}`);
  return m[mk];
}

/** diffListsOfMaps: both lists sorted by merge key, walked side by side. */
function diffListsOfMaps(original: Json[], modified: Json[], fs: FieldSchema, mk: string, opts: DiffOptions): [Json[], Json[]] {
  const patch: Json[] = [];
  const deletions: Json[] = [];
  const byKey = (l: Json[]) => [...l].sort((a, b) => compareStrings(goV(mergeKeyValue(a as JsonMap, mk)), goV(mergeKeyValue(b as JsonMap, mk))));
  const os = byKey(original);
  const ms = byKey(modified);
  let oi = 0, mi = 0;
  while (oi < os.length || mi < ms.length) {
    const oe = os[oi] as JsonMap | undefined;
    const me = ms[mi] as JsonMap | undefined;
    const ok = oe ? goV(mergeKeyValue(oe, mk)) : '';
    const mkv = me ? goV(mergeKeyValue(me, mk)) : '';
    if (oe && me && ok === mkv) {
      const sub = diffMaps(oe, me, fs.fields ?? {}, opts);
      if (Object.keys(sub).length) {
        sub[mk] = me[mk];
        patch.push(sub);
      }
      oi++;
      mi++;
    } else if (!oe || (me && ok > mkv)) {
      if (!opts.ignoreChangesAndAdditions) patch.push(me!);
      mi++;
    } else {
      if (!opts.ignoreDeletions) deletions.push({ [mk]: oe[mk], [DIRECTIVE]: 'delete' });
      oi++;
    }
  }
  return [patch, deletions];
}

/** diffListsOfScalars: additions and deletions of two lists of scalars, compared by %v. */
function diffListsOfScalars(original: Json[], modified: Json[], opts: DiffOptions): [Json[], Json[]] {
  const os = sortScalars([...original]);
  const ms = sortScalars([...modified]);
  const added: Json[] = [];
  const deleted: Json[] = [];
  let oi = 0, mi = 0;
  while (oi < os.length || mi < ms.length) {
    const oIn = oi < os.length, mIn = mi < ms.length;
    const o = oIn ? goV(os[oi]) : '', m = mIn ? goV(ms[mi]) : '';
    if (oIn && mIn && o === m) {
      oi++;
      mi++;
    } else if (!oIn || (mIn && o > m)) {
      if (!opts.ignoreChangesAndAdditions) added.push(ms[mi]);
      mi++;
    } else {
      if (!opts.ignoreDeletions) deleted.push(os[oi]);
      oi++;
    }
  }
  return [added, deduplicateScalars(deleted)];
}

function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function sortScalars<T extends Json>(s: T[]): T[] {
  return s.sort((a, b) => compareStrings(goV(a), goV(b)));
}

/** deduplicateScalars, exactly as Go does it (a duplicate is replaced by the last item). */
function deduplicateScalars(s: Json[]): Json[] {
  const out = [...s];
  let length = out.length - 1;
  for (let i = 0; i < length; i++) {
    for (let j = i + 1; j <= length; j++) {
      if (sameScalar(out[i], out[j])) {
        out[j] = out[length];
        out.length = length;
        length--;
        j--;
      }
    }
  }
  return out;
}

/** index: where an item is in `l`, by merge key for maps. */
function indexIn(l: Json[], v: Json, mk: string, kind: GoType): number {
  const val = (x: Json) => (kind === 'map' ? (isMap(x) ? x[mk] : null) : x);
  const want = val(v);
  return l.findIndex((x) => sameScalar(val(x), want));
}

/**
 * normalizeSliceOrder: `toSort` in the order of `order` (sort.SliceStable with its comparator),
 * the $patch: delete items of a list of maps last.
 */
function normalizeSliceOrder(toSort: Json[], order: Json[], mk: string, kind: GoType): Json[] {
  let keep = toSort;
  let toDelete: Json[] = [];
  if (kind === 'map') {
    for (const l of [toSort, order]) for (const item of l) mergeKeyValue(item as JsonMap, mk);
    keep = toSort.filter((v) => (v as JsonMap)[DIRECTIVE] !== 'delete');
    toDelete = toSort.filter((v) => (v as JsonMap)[DIRECTIVE] === 'delete');
  }
  const less = (a: Json, b: Json) => {
    const ia = indexIn(order, a, mk, kind);
    if (ia >= 0) {
      const ib = indexIn(order, b, mk, kind);
      if (ib >= 0) return ia < ib;
    }
    return true;
  };
  return [...insertionSortStable(keep, less), ...toDelete];
}

/**
 * sort.SliceStable as Go runs it on the short lists of a manifest (insertion sort below 20
 * items), which matters with normalizeSliceOrder's comparator: it says "less" for items the
 * order does not list.
 */
function insertionSortStable(items: Json[], less: (a: Json, b: Json) => boolean): Json[] {
  const s = [...items];
  if (s.length > 20) {
    // Every item is in the order here (the diff's items come from the manifest): a plain stable sort.
    return s.sort((a, b) => (less(a, b) ? -1 : less(b, a) ? 1 : 0));
  }
  for (let i = 1; i < s.length; i++) {
    for (let j = i; j > 0 && less(s[j], s[j - 1]); j--) [s[j], s[j - 1]] = [s[j - 1], s[j]];
  }
  return s;
}

// ---- merging the two patches (client side: parallel lists are carried, not applied) ---------

function mergeMap(original: JsonMap, patch: JsonMap, schema: Schema): JsonMap {
  if (DIRECTIVE in patch) {
    if (patch[DIRECTIVE] === 'replace') {
      const out = { ...patch };
      delete out[DIRECTIVE];
      return out;
    }
    if (patch[DIRECTIVE] === 'delete') return {};
    throw new MergePatchError(`Unexpected patch type ${goV(patch[DIRECTIVE])}`);
  }
  const out: JsonMap = { ...original };
  const rest: JsonMap = { ...patch };
  // applyRetainKeysDirective: the directive must be the same in both, or come from the patch.
  if (RETAIN_KEYS in rest) {
    if (RETAIN_KEYS in out && !deepEqual(out[RETAIN_KEYS], rest[RETAIN_KEYS])) throw new MergePatchError(`${goSprint(out[RETAIN_KEYS])} and ${goSprint(rest[RETAIN_KEYS])} are not deep equal: this may happen when calculating the 3-way diff patch`);
    out[RETAIN_KEYS] = rest[RETAIN_KEYS];
    delete rest[RETAIN_KEYS];
  }
  // mergePatchIntoOriginal: a $setElementOrder list and the list it orders, merged together.
  for (const key of Object.keys(rest)) {
    if (!key.startsWith(`${SET_ELEMENT_ORDER}/`)) continue;
    const order = rest[key] as Json[];
    if (key in out && !deepEqual(out[key], order)) throw new MergePatchError('invalid patch: $setElementOrder lists differ');
    out[key] = order;
    delete rest[key];
    const listKey = key.slice(SET_ELEMENT_ORDER.length + 1);
    const fs = fieldOf(schema, listKey);
    const mk = fs.mergeKey ?? '';
    const inOriginal = listKey in out, inPatch = listKey in rest;
    if (!inOriginal && !inPatch) continue;
    const ol = (inOriginal ? out[listKey] : []) as Json[];
    const pl = (inPatch ? rest[listKey] : []) as Json[];
    const merged = inOriginal && inPatch ? mergeSliceHandler(ol, pl, fs) : inOriginal ? ol : pl;
    const inOrder = (v: Json) => indexIn(order, v, mk, mk ? 'map' : goType(v)) >= 0;
    const kind = elementType(ol, pl);
    out[listKey] = normalizeElementOrder(merged.filter(inOrder), merged.filter((v) => !inOrder(v)), order, ol, mk, kind);
    delete rest[listKey];
  }
  for (const [k, pv] of Object.entries(rest)) {
    if (k.startsWith(`${DELETE_FROM_PRIMITIVE_LIST}/`)) {
      out[k] = pv;
      continue;
    }
    // A null deletes what is there and stays, to be sent (IgnoreUnmatchedNulls is false).
    if (pv === null) delete out[k];
    if (!(k in out) || goType(out[k]) !== goType(pv)) {
      out[k] = pv;
      continue;
    }
    const fs = fieldOf(schema, k);
    if (isMap(pv)) out[k] = fs.replace ? pv : mergeMap(out[k] as JsonMap, pv, fs.fields ?? {});
    else if (Array.isArray(pv)) out[k] = mergeSliceHandler(out[k] as Json[], pv, fs);
    else out[k] = pv;
  }
  return out;
}

function mergeSliceHandler(original: Json[], patch: Json[], fs: FieldSchema): Json[] {
  return isMergeList(fs) ? mergeSlice(original, patch, fs) : patch;
}

function mergeSlice(original: Json[], patch: Json[], fs: FieldSchema): Json[] {
  if (!original.length && !patch.length) return original;
  const kind = elementType(original, patch);
  const mk = fs.mergeKey ?? '';
  let merged: Json[];
  let orig = original;
  let pat = patch;
  if (kind !== 'map') {
    merged = deduplicateScalars([...original, ...patch]);
  } else {
    if (!mk) throw new MergePatchError(`cannot merge lists without merge key for type ${kind}`);
    [orig, pat] = mergeSliceWithSpecialElements(original, patch, mk);
    merged = [...orig];
    for (const v of pat) {
      const m = v as JsonMap;
      const key = mergeKeyValue(m, mk);
      const i = merged.findIndex((x) => isMap(x) && mk in x && sameScalar(x[mk], key));
      if (i >= 0) merged[i] = mergeMap(merged[i] as JsonMap, m, fs.fields ?? {});
      else merged.push(v);
    }
  }
  const inPatch = (v: Json) => indexIn(pat, v, mk, kind) >= 0;
  return normalizeElementOrder(merged.filter(inPatch), merged.filter((v) => !inPatch(v)), pat, orig, mk, kind);
}

function mergeSliceWithSpecialElements(original: Json[], patch: Json[], mk: string): [Json[], Json[]] {
  let orig = original;
  const plain: Json[] = [];
  let replace = false;
  for (const v of patch) {
    const m = v as JsonMap;
    if (!(DIRECTIVE in m)) {
      plain.push(v);
      continue;
    }
    if (m[DIRECTIVE] === 'delete') {
      const key = mergeKeyValue(m, mk);
      orig = orig.filter((x) => !(isMap(x) && mk in x && sameScalar(x[mk], key)));
    } else if (m[DIRECTIVE] === 'replace') replace = true;
    else if (m[DIRECTIVE] === 'merge') throw new MergePatchError('merging lists cannot yet be specified in the patch');
    else throw new MergePatchError(`Unexpected patch type ${goV(m[DIRECTIVE])}`);
  }
  return replace ? [plain, []] : [orig, plain];
}

/** normalizeElementOrder: the patch's items in the patch's order, the server's own where they were. */
function normalizeElementOrder(patch: Json[], serverOnly: Json[], patchOrder: Json[], serverOrder: Json[], mk: string, kind: GoType): Json[] {
  const p = normalizeSliceOrder(patch, patchOrder, mk, kind);
  const s = normalizeSliceOrder(serverOnly, serverOrder, mk, kind);
  return mergeSortedSlice(s, p, serverOrder, mk, kind);
}

function mergeSortedSlice(left: Json[], right: Json[], serverOrder: Json[], mk: string, kind: GoType): Json[] {
  const out: Json[] = [];
  let i = 0, j = 0;
  while (i < left.length || j < right.length) {
    if (i >= left.length) out.push(right[j++]);
    else if (j >= right.length) out.push(left[i++]);
    else {
      const li = indexIn(serverOrder, left[i], mk, kind);
      const ri = indexIn(serverOrder, right[j], mk, kind);
      if (li >= 0 && ri >= 0 && li < ri) out.push(left[i++]);
      else out.push(right[j++]);
    }
  }
  return out;
}
