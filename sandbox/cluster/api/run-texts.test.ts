import { afterEach, describe, expect, it, vi } from 'vitest';
import { RunTexts } from './run-texts.ts';
import { Random } from '../random.ts';

const obj = (name: string, v = 0) => Object.freeze({ metadata: { name }, spec: { v, note: 'a "quoted" \u00e9 value' } });

/** A store's keys and objects as ObjectStore hands them over: keys sorted, a new keys array when the set of keys changes. */
class Store {
  readonly byKey = new Map<string, object>();
  private sorted: string[] | undefined;
  set(k: string, o: object) {
    if (!this.byKey.has(k)) this.sorted = undefined;
    this.byKey.set(k, o);
  }
  delete(k: string) {
    if (this.byKey.delete(k)) this.sorted = undefined;
  }
  keys(): string[] {
    return (this.sorted ??= [...this.byKey.keys()].sort());
  }
  items(): object[] {
    return this.keys().map((k) => this.byKey.get(k)!);
  }
}

afterEach(() => vi.restoreAllMocks());

describe('RunTexts: a resource\'s JSON array written in runs', () => {
  it('is JSON.stringify of the objects after any sequence of creates, updates and deletes', () => {
    const random = new Random(7);
    const s = new Store();
    const texts = new RunTexts();
    for (let step = 0; step < 400; step++) {
      const n = Math.floor(random.next() * 600);
      const k = `default/pod-${n}`;
      const roll = random.next();
      if (roll < 0.5) s.set(k, obj(k, step));
      else if (roll < 0.8) s.delete(k);
      else for (let i = 0; i < 40; i++) s.set(`default/pod-${n}-${i}`, obj(`p${i}`, step)); // a burst
      if (step % 7 === 0) expect(texts.json(s.keys(), s.items())).toBe(JSON.stringify(s.items()));
    }
    expect(texts.json(s.keys(), s.items())).toBe(JSON.stringify(s.items()));
  });

  it('writes [] for no objects, and forgets everything on clear', () => {
    const texts = new RunTexts();
    expect(texts.json([], [])).toBe('[]');
    const a = obj('a');
    expect(texts.json(['a'], [a])).toBe(JSON.stringify([a]));
    texts.clear();
    expect(texts.json(['a'], [a])).toBe(JSON.stringify([a]));
  });

  it('after one object of 2,000 is replaced, writes again only the run that holds it', () => {
    const s = new Store();
    for (let i = 0; i < 2000; i++) s.set(`default/web-${i}`, obj(`web-${i}`));
    const texts = new RunTexts();
    texts.json(s.keys(), s.items());
    s.set('default/web-1234', obj('web-1234', 1));
    // Counted by what JSON.stringify is handed: the objects of the runs written again.
    const written: unknown[] = [];
    const stringify = JSON.stringify;
    vi.spyOn(JSON, 'stringify').mockImplementation((v: unknown, ...rest: any[]) => {
      if (Array.isArray(v)) written.push(...v);
      return stringify(v, ...rest);
    });
    const text = texts.json(s.keys(), s.items());
    vi.restoreAllMocks();
    expect(text).toBe(JSON.stringify(s.items()));
    expect(written).toContain(s.byKey.get('default/web-1234'));
    expect(written.length).toBeGreaterThan(0);
    expect(written.length).toBeLessThanOrEqual(128);
  });

  it('after a key comes, the runs away from it keep their text', () => {
    const s = new Store();
    for (let i = 0; i < 2000; i++) s.set(`default/web-${i}`, obj(`web-${i}`));
    const texts = new RunTexts();
    texts.json(s.keys(), s.items());
    s.set('default/web-1234a', obj('web-1234a'));
    let written = 0;
    const stringify = JSON.stringify;
    vi.spyOn(JSON, 'stringify').mockImplementation((v: unknown, ...rest: any[]) => {
      if (Array.isArray(v)) written += v.length;
      return stringify(v, ...rest);
    });
    const text = texts.json(s.keys(), s.items());
    vi.restoreAllMocks();
    expect(text).toBe(JSON.stringify(s.items()));
    expect(written).toBeGreaterThan(0);
    expect(written).toBeLessThanOrEqual(2 * 128);
  });
});
