// JSON as Go's encoding/json writes an unstructured object (map[string]interface{}): object keys
// sorted, and <, >, & and U+2028/U+2029 escaped as \u003c... (Marshal and Encoder escape HTML by
// default). kubectl prints maps and lists this way in `-o json` (cli-runtime JSONPrinter:
// json.MarshalIndent with 4 spaces), `-o jsonpath` (client-go util/jsonpath PrintResults:
// json.Marshal) and `-o jsonpath-as-json` (json.MarshalIndent), and writes the
// last-applied-configuration annotation with it (UnstructuredJSONScheme).
// Source: golang encoding/json encode.go (mapEncoder sorts keys, appendString's HTML escapes).

function sortKeys(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortKeys);
  if (v && typeof v === 'object') {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(v).sort()) {
      const x = (v as Record<string, unknown>)[k];
      if (x !== undefined) out[k] = sortKeys(x);
    }
    return out;
  }
  return v;
}

const HTML_ESCAPES: Record<string, string> = { '<': '\\u003c', '>': '\\u003e', '&': '\\u0026', '\u2028': '\\u2028', '\u2029': '\\u2029' };

/** Escapes only inside JSON strings: the structural characters never include <, >, &. */
function escapeHtml(json: string): string {
  return json.replace(/[<>&\u2028\u2029]/g, (c) => HTML_ESCAPES[c]);
}

/** json.Marshal: compact, keys sorted, HTML characters escaped. */
export function goJsonMarshal(v: unknown): string {
  return escapeHtml(JSON.stringify(sortKeys(v)) ?? 'null');
}

/** json.MarshalIndent(v, "", indent): as Marshal, one member per line. */
export function goJsonMarshalIndent(v: unknown, indent: string): string {
  return escapeHtml(JSON.stringify(sortKeys(v), null, indent) ?? 'null');
}
