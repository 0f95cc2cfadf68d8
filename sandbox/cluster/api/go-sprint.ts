// How Go's fmt prints an unstructured value with %v (fmt.Sprint): strings bare, maps as
// `map[k1:v1 k2:v2]` with sorted keys, lists as `[a b]`, nil as `<nil>`. kubectl's
// custom-columns print each JSONPath result this way, and Go templates print values with it.
// Source: golang fmt print.go (printValue: maps through internal/fmtsort), kubernetes
// kubectl pkg/cmd/get/customcolumn.go printOneObject (fmt.Sprint of each value).

export function goSprint(v: unknown): string {
  if (v === null || v === undefined) return '<nil>';
  if (Array.isArray(v)) return `[${v.map(goSprint).join(' ')}]`;
  if (typeof v === 'object') {
    const o = v as Record<string, unknown>;
    return `map[${Object.keys(o).sort().map((k) => `${k}:${goSprint(o[k])}`).join(' ')}]`;
  }
  return String(v);
}
