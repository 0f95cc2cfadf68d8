// Whether two JSON values would serialize to the same text: the same values *and* the same key
// order. The kubelet hands the API parts of the stored (frozen) status back when they are
// unchanged, so the API server shares them instead of copying, freezing and comparing them
// again. A part is only reused when it is this strictly equal to the one generated, so what is
// stored (and every snapshot) reads exactly as if it had been generated anew.

export function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!sameJson(a[i], b[i])) return false;
    return true;
  }
  if (Array.isArray(b)) return false;
  // a's keys in order against b's, skipping undefined values on both sides (JSON drops them).
  const ob = b as Record<string, unknown>;
  const kb = Object.keys(ob);
  let i = 0;
  for (const k in a as Record<string, unknown>) {
    const va = (a as Record<string, unknown>)[k];
    if (va === undefined) continue;
    while (i < kb.length && ob[kb[i]] === undefined) i++;
    if (kb[i] !== k || !sameJson(va, ob[k])) return false;
    i++;
  }
  while (i < kb.length && ob[kb[i]] === undefined) i++;
  return i === kb.length;
}

/** `prev` when it serializes exactly like `next` (so the stored part can be shared), else `next`. */
export function reuse<T>(prev: T | undefined, next: T): T {
  return prev !== undefined && sameJson(prev, next) ? prev : next;
}

/** Whether two arrays hold the very same items (after `reuse`, unchanged items are identical). */
export function sameItems(a: readonly unknown[], b: readonly unknown[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** `next` with each item that serializes like the stored one at its place reused; `prev` itself when all are. */
export function reuseItems<T>(prev: readonly T[] | undefined, next: T[]): T[] {
  if (!prev) return next;
  const out = next.map((x, i) => reuse(prev[i], x));
  return sameItems(out, prev) ? (prev as T[]) : out;
}
