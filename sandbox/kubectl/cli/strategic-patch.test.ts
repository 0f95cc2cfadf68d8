// kubectl apply's patch against the strategic merge patch library's own three-way cases
// (testdata/strategicpatch-three-way.json, from kubernetes/kubernetes
// staging/src/k8s.io/apimachinery/pkg/util/strategicpatch/patch_test.go), and what a learner
// sees when applying an edited manifest to an object that exists.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Schema } from '../../cluster/api/patch.ts';
import { createThreeWayMergePatch, type JsonMap } from './strategic-patch.ts';

interface Case {
  description: string;
  original: JsonMap;
  modified: JsonMap;
  current: JsonMap;
  expected: JsonMap;
}

const data = JSON.parse(readFileSync(new URL('./testdata/strategicpatch-three-way.json', import.meta.url), 'utf8')) as { schema: Record<string, any>; cases: Case[] };

/** The test struct MergeItem as a Schema: "$mergeItem" stands for the struct itself (it nests). */
function mergeItemSchema(): Schema {
  const root: Schema = {};
  const resolve = (s: Record<string, any>, into: Schema) => {
    for (const [k, v] of Object.entries(s)) {
      const { fields, ...rest } = v;
      into[k] = { ...rest };
      if (fields === '$mergeItem') into[k].fields = root;
      else if (fields) resolve(fields, (into[k].fields = {}));
    }
  };
  resolve(data.schema, root);
  return root;
}

describe('createThreeWayMergePatch, on the strategic merge patch library\'s three-way cases', () => {
  const schema = mergeItemSchema();
  for (const c of data.cases) {
    it(c.description, () => {
      const patch = createThreeWayMergePatch(structuredClone(c.original), structuredClone(c.modified), structuredClone(c.current), schema);
      expect(sortedForComparison(patch)).toEqual(sortedForComparison(c.expected));
    });
  }
});

/**
 * The library's tests compare patches after sortMergeListsByName: merge lists sorted by their
 * merge key, lists of scalars that merge, $retainKeys and $deleteFromPrimitiveList lists sorted as
 * scalars. Other lists ($setElementOrder, lists that are replaced) keep their order.
 */
const SORTED = new Set(['mergingList', 'mergeItemPtr', 'retainKeysMergingList', 'mergingIntList', '$retainKeys']);
function sortedForComparison(v: unknown, key = ''): unknown {
  if (Array.isArray(v)) {
    const items = v.map((x) => sortedForComparison(x));
    if (!SORTED.has(key) && !key.startsWith('$deleteFromPrimitiveList/')) return items;
    const sortKey = (x: unknown) => String(x && typeof x === 'object' ? (x as { name?: unknown }).name : x);
    return items.sort((a, b) => (sortKey(a) < sortKey(b) ? -1 : sortKey(a) > sortKey(b) ? 1 : 0));
  }
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, sortedForComparison(x, k)]));
  return v;
}
