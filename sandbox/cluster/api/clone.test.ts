import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { clone, cloneSharingStored, deepFreeze, freezeStoredArrays, isStored } from './clone.ts';

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
    expect(JSON.stringify(cloneSharingStored(v))).toBe(JSON.stringify(v));
    expect(Object.getPrototypeOf(clone(v).spec)).toBe(Object.prototype);
  });
});

describe('cloneSharingStored', () => {
  it('copies what is not frozen and shares what is (a stored status carried into a status write)', () => {
    const stored = deepFreeze({ capacity: { cpu: '2' }, addresses: [{ type: 'InternalIP', address: '192.168.49.2' }] });
    const body = { ...stored, conditions: [{ type: 'Ready', status: 'True', n: NaN, gone: undefined }] };
    const out = cloneSharingStored(body);
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

describe('deepFreeze', () => {
  const stored = () => deepFreeze({ metadata: { uid: ['6db7f933', 'd3da', '48e4'].join('-') + `-${'9f07'}-${'d682e9db4ed7'}` }, spec: { ports: [{ port: 80 }], args: ['--listen', `${'0.0.0.0'}:${8080}/and/a/long/path`] } });

  it('freezes objects and marks arrays as stored; in the lab arrays stay unfrozen, in the tests they are frozen too', () => {
    freezeStoredArrays(false);
    try {
      const lab = stored();
      expect(Object.isFrozen(lab.spec)).toBe(true);
      expect(Object.isFrozen(lab.spec.ports)).toBe(false);
      expect(isStored(lab.spec.ports)).toBe(true);
      expect(isStored(lab.spec.ports[0])).toBe(true);
      expect(isStored([{ port: 80 }])).toBe(false);
      // Stored arrays are shared by a status-like copy whether frozen or not.
      expect(cloneSharingStored({ spec: { ...lab.spec } }).spec.ports).toBe(lab.spec.ports);
    } finally {
      freezeStoredArrays(true);
    }
    const test = stored();
    expect(Object.isFrozen(test.spec.ports)).toBe(true);
    expect(() => (test.spec.ports as unknown[]).push({ port: 81 })).toThrow(TypeError);
  });

  it('leaves the JSON text as it was (strings made flat keep their characters)', () => {
    const plain = JSON.parse(JSON.stringify(stored()));
    expect(JSON.stringify(stored())).toBe(JSON.stringify(plain));
    expect(stored().metadata.uid).toBe('6db7f933-d3da-48e4-9f07-d682e9db4ed7');
  });
});
