import { describe, expect, it } from 'vitest';
import { fnv32, fnv32a, safeEncodeString, stableStringify } from './controller-utils.ts';
import { controllerRevisionName, hashControllerRevision } from './history/controller-history.ts';

describe('hashes behind revision and pod-template-hash names', () => {
  it('computes FNV-1 (Go fnv.New32) and FNV-1a (fnv.New32a) like Go', () => {
    expect(fnv32('')).toBe(0x811c9dc5);
    expect(fnv32('a')).toBe(0x050c5d7e);
    expect(fnv32a('a')).toBe(0xe40c292c);
    expect(fnv32a('foobar')).toBe(0xbf9cf968);
  });

  it('safe-encodes decimal digits into 4-9 b c d f (apimachinery rand.SafeEncodeString)', () => {
    expect(safeEncodeString('0123456789')).toBe('456789bcdf');
  });

  it('serialises with sorted keys, as json.Marshal of a map', () => {
    expect(stableStringify({ spec: { template: { spec: {}, $patch: 'replace', metadata: { labels: { b: '1', a: '2' } } } } }))
      .toBe('{"spec":{"template":{"$patch":"replace","metadata":{"labels":{"a":"2","b":"1"}},"spec":{}}}}');
  });

  it('names a revision <set>-<hash>, the prefix cut at 223 characters', () => {
    const hash = hashControllerRevision({ metadata: {}, revision: 1, data: { spec: {} } } as any, 0);
    expect(hash).toMatch(/^[4-9bcdf]{1,10}$/);
    expect(controllerRevisionName('web', hash)).toBe(`web-${hash}`);
    expect(controllerRevisionName('x'.repeat(300), 'h')).toBe(`${'x'.repeat(223)}-h`);
    // A collision count changes the hash.
    expect(hashControllerRevision({ metadata: {}, revision: 1, data: { spec: {} } } as any, 1)).not.toBe(hash);
  });
});
