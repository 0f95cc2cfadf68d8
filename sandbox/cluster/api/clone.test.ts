import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { clone, cloneSharingFrozen, deepFreeze } from './clone.ts';

describe('clone', () => {
  it('gives what a JSON round trip gives, for any JSON-like value', () => {
    fc.assert(fc.property(fc.anything({ withObjectString: false, withNullPrototype: false, withMap: false, withSet: false, withBigInt: false, withDate: false, withTypedArray: false, withSparseArray: false, withBoxedValues: false }), (v) => {
      const out = clone({ v });
      expect(JSON.stringify(out)).toBe(JSON.stringify({ v }));
    }), { numRuns: 200 });
  });

  it('keeps a "__proto__" key as data (fast-check found it: the copy had lost it)', () => {
    const v = JSON.parse('{"metadata":{"labels":{"__proto__":"x"}},"spec":{"__proto__":{"a":1}}}');
    expect(JSON.stringify(clone(v))).toBe(JSON.stringify(v));
    expect(JSON.stringify(cloneSharingFrozen(v))).toBe(JSON.stringify(v));
    expect(Object.getPrototypeOf(clone(v).spec)).toBe(Object.prototype);
  });
});

describe('cloneSharingFrozen', () => {
  it('copies what is not frozen and shares what is (a stored status carried into a status write)', () => {
    const stored = deepFreeze({ capacity: { cpu: '2' }, addresses: [{ type: 'InternalIP', address: '192.168.49.2' }] });
    const body = { ...stored, conditions: [{ type: 'Ready', status: 'True', n: NaN, gone: undefined }] };
    const out = cloneSharingFrozen(body);
    expect(out).not.toBe(body);
    expect(out.capacity).toBe(stored.capacity);
    expect(out.addresses).toBe(stored.addresses);
    expect(out.conditions).not.toBe(body.conditions);
    // The same JSON as a copy would give (NaN as null, undefined left out).
    expect(JSON.stringify(out)).toBe(JSON.stringify(clone(body)));
    expect(Object.keys(out.conditions[0])).toEqual(['type', 'status', 'n']);
    body.conditions[0].status = 'False';
    expect(out.conditions[0].status).toBe('True');
  });
});
