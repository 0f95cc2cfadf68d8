// Resource quantities ("500m", "1Gi", "2") as numbers, enough to compare requests with limits
// and to order sizes. Source: apimachinery pkg/api/resource/quantity.go suffixes.
const SUFFIX: Record<string, number> = {
  '': 1, m: 1e-3, k: 1e3, M: 1e6, G: 1e9, T: 1e12, P: 1e15, E: 1e18,
  Ki: 1024, Mi: 1024 ** 2, Gi: 1024 ** 3, Ti: 1024 ** 4, Pi: 1024 ** 5, Ei: 1024 ** 6,
};

/** The value of a quantity, or NaN when it does not parse. */
export function parseQuantity(q: string | number | undefined): number {
  if (q === undefined) return NaN;
  if (typeof q === 'number') return q;
  // The same few strings are parsed on every scheduling cycle: remembered (bounded).
  let v = parsed.get(q);
  if (v !== undefined) return v;
  v = parse(q);
  if (parsed.size >= 10_000) parsed.clear();
  parsed.set(q, v);
  return v;
}

const parsed = new Map<string, number>();

function parse(q: string): number {
  const m = /^([+-]?[0-9.]+)(e[+-]?[0-9]+|[a-zA-Z]*)$/.exec(q.trim());
  if (!m) return NaN;
  const n = Number(m[1]);
  if (m[2].startsWith('e')) return n * 10 ** Number(m[2].slice(1));
  const s = SUFFIX[m[2]];
  return s === undefined ? NaN : n * s;
}
