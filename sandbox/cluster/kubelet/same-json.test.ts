// The kubelet hands stored status parts back instead of new ones only when they serialize to
// the very same JSON text: otherwise `kubectl get -o json` and snapshots would read differently.
import { describe, expect, it } from 'vitest';
import { reuse, reuseItems, sameJson } from './same-json.ts';

describe('sameJson', () => {
  it('tells apart objects that differ only in key order (their JSON text differs)', () => {
    expect(sameJson({ type: 'Ready', status: 'True' }, { status: 'True', type: 'Ready' })).toBe(false);
    expect(sameJson({ type: 'Ready', status: 'True' }, { type: 'Ready', status: 'True' })).toBe(true);
  });

  it('ignores properties holding undefined, as JSON.stringify drops them', () => {
    expect(sameJson({ a: 1, b: undefined }, { a: 1 })).toBe(true);
    expect(sameJson({ a: 1 }, { a: 1, b: null })).toBe(false);
  });

  it('compares arrays item by item, in order', () => {
    expect(sameJson([{ ip: '10.244.1.5' }], [{ ip: '10.244.1.5' }])).toBe(true);
    expect(sameJson([1, 2], [2, 1])).toBe(false);
    expect(sameJson([], {})).toBe(false);
  });
});

describe('reuse', () => {
  it('gives the stored part back when the new one reads the same, else the new one', () => {
    const stored = Object.freeze({ ip: '10.244.1.5' });
    expect(reuse(stored, { ip: '10.244.1.5' })).toBe(stored);
    const next = { ip: '10.244.1.6' };
    expect(reuse(stored, next)).toBe(next);
  });

  it('gives the stored array back only when every item is the stored one', () => {
    const stored = [{ type: 'MemoryPressure', status: 'False' }, { type: 'Ready', status: 'True' }];
    expect(reuseItems(stored, [{ type: 'MemoryPressure', status: 'False' }, { type: 'Ready', status: 'True' }])).toBe(stored);
    const changed = reuseItems(stored, [{ type: 'MemoryPressure', status: 'False' }, { type: 'Ready', status: 'False' }]);
    expect(changed).not.toBe(stored);
    expect(changed[0]).toBe(stored[0]);
    expect(JSON.stringify(changed)).toBe('[{"type":"MemoryPressure","status":"False"},{"type":"Ready","status":"False"}]');
  });
});
