// The ordering question: a deterministic shuffle (the server and the browser must render the
// same first order, or hydration would reorder the list under the learner) and moves by one place.

/** FNV-1a hash of a string, as a 32-bit seed. */
function hash(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/** mulberry32: a small seeded generator, enough to shuffle a handful of items. */
function generator(seed: number): () => number {
  let t = seed;
  return () => {
    t = (t + 0x6d2b79f5) | 0;
    let r = Math.imul(t ^ (t >>> 15), 1 | t);
    r = (r + Math.imul(r ^ (r >>> 7), 61 | r)) ^ r;
    return ((r ^ (r >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * The order the items of a question are first shown in: a shuffle of 0..n-1 seeded by the
 * question's id, never the right order itself (for n >= 2).
 */
export function initialOrder(n: number, seed: string): number[] {
  const order = Array.from({ length: n }, (_, i) => i);
  if (n < 2) return order;
  const next = generator(hash(seed));
  for (let attempt = 0; attempt < 8; attempt++) {
    for (let i = n - 1; i > 0; i--) {
      const j = Math.floor(next() * (i + 1));
      [order[i], order[j]] = [order[j], order[i]];
    }
    if (!isSorted(order)) return order;
  }
  // Unlucky seed: a rotation by one is never sorted.
  return [...order.slice(1), order[0]];
}

function isSorted(order: number[]): boolean {
  return order.every((v, i) => v === i);
}

/** `order` with the entry at `index` moved `delta` places (-1 up, +1 down); unchanged at an edge. */
export function moveItem<T>(order: readonly T[], index: number, delta: -1 | 1): T[] {
  const to = index + delta;
  if (index < 0 || index >= order.length || to < 0 || to >= order.length) return [...order];
  const next = [...order];
  [next[index], next[to]] = [next[to], next[index]];
  return next;
}
