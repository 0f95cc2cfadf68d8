// kubectl's JSONPath templates (`-o jsonpath=...`, custom-columns, `wait --for=jsonpath`):
// `{.status.phase}`, `{.items[*].metadata.name}`, `{range .items[*]}{.metadata.name}{"\n"}{end}`,
// `{.status.conditions[?(@.type=="Ready")].status}`, `{..image}`, `{.items[0:2]}`, `{$.kind}`.
// Source: kubernetes/client-go util/jsonpath (parser.go, jsonpath.go): results of one
// expression are joined by spaces; maps and lists print as JSON (go-json.ts); a missing field is
// an error unless allowMissingKeys (kubectl sets it for get).
import { goJsonMarshal, goJsonMarshalIndent } from '../../cluster/api/go-json.ts';

export class JsonPathError extends Error {}

type Seg =
  | { t: 'field'; name: string }
  | { t: 'all' } // [*] or .*
  | { t: 'recursive' } // ..
  | { t: 'index'; start?: number; end?: number; single: boolean }
  | { t: 'filter'; left: string[]; op?: string; right?: unknown };

type Node =
  | { t: 'text'; text: string }
  | { t: 'path'; segs: Seg[] }
  | { t: 'range'; segs: Seg[]; body: Node[] };

export function parseJsonPath(template: string): Node[] {
  const root: Node[] = [];
  const stack: Node[][] = [root];
  let i = 0;
  let text = '';
  const flush = () => {
    if (text) stack[stack.length - 1].push({ t: 'text', text });
    text = '';
  };
  while (i < template.length) {
    const c = template[i];
    if (c !== '{') {
      text += c;
      i++;
      continue;
    }
    flush();
    // Find the matching '}' outside quotes.
    let j = i + 1;
    let quote = '';
    let depth = 0;
    for (; j < template.length; j++) {
      const d = template[j];
      if (quote) {
        if (d === '\\') j++;
        else if (d === quote) quote = '';
      } else if (d === '"' || d === "'") quote = d;
      else if (d === '[' || d === '(') depth++;
      else if (d === ']' || d === ')') depth--;
      else if (d === '}' && depth <= 0) break;
    }
    if (j >= template.length) throw new JsonPathError(`unclosed action`);
    const inner = template.slice(i + 1, j).trim();
    i = j + 1;
    if (inner === 'end') {
      if (stack.length === 1) throw new JsonPathError('not in range, nothing to end');
      stack.pop();
    } else if (inner.startsWith('range ') || inner === 'range') {
      const node: Node = { t: 'range', segs: parsePath(inner.slice(5).trim()), body: [] };
      stack[stack.length - 1].push(node);
      stack.push(node.body);
    } else if (/^"(.*)"$/s.test(inner) || /^'(.*)'$/s.test(inner)) {
      stack[stack.length - 1].push({ t: 'text', text: unquote(inner) });
    } else {
      stack[stack.length - 1].push({ t: 'path', segs: parsePath(inner) });
    }
  }
  flush();
  if (stack.length > 1) throw new JsonPathError('unclosed range');
  return root;
}

function unquote(s: string): string {
  const body = s.slice(1, -1);
  return body.replace(/\\(.)/g, (_, ch) => (ch === 'n' ? '\n' : ch === 't' ? '\t' : ch === 'r' ? '\r' : ch));
}

function parsePath(p: string): Seg[] {
  const segs: Seg[] = [];
  let s = p;
  if (s.startsWith('$')) s = s.slice(1);
  if (s === '@' ) return segs;
  if (s.startsWith('@')) s = s.slice(1);
  let i = 0;
  while (i < s.length) {
    if (s.startsWith('..', i)) {
      segs.push({ t: 'recursive' });
      i += 2;
      continue;
    }
    const c = s[i];
    if (c === '.') {
      i++;
      continue;
    }
    if (c === '[') {
      let j = i + 1;
      let quote = '';
      let depth = 1;
      for (; j < s.length; j++) {
        const d = s[j];
        if (quote) {
          if (d === quote) quote = '';
        } else if (d === '"' || d === "'") quote = d;
        else if (d === '[') depth++;
        else if (d === ']' && --depth === 0) break;
      }
      if (j >= s.length) throw new JsonPathError(`unterminated array`);
      segs.push(parseBracket(s.slice(i + 1, j)));
      i = j + 1;
      continue;
    }
    if (c === '*') {
      segs.push({ t: 'all' });
      i++;
      continue;
    }
    // An identifier; `\.` escapes a dot inside a key (`annotations.kubectl\.kubernetes\.io/x`).
    let name = '';
    while (i < s.length && s[i] !== '.' && s[i] !== '[' && s[i] !== ']') {
      if (s[i] === '\\' && i + 1 < s.length) {
        name += s[i + 1];
        i += 2;
      } else name += s[i++];
    }
    name = name.trim();
    if (!name) throw new JsonPathError(`unrecognized character in action: ${JSON.stringify(c)}`);
    if (/[\s(){}"]/.test(name)) throw new JsonPathError(`unrecognized identifier ${name}`);
    segs.push({ t: 'field', name });
  }
  return segs;
}

function parseBracket(b: string): Seg {
  const body = b.trim();
  if (body === '*') return { t: 'all' };
  if (body.startsWith('?(') && body.endsWith(')')) {
    const expr = body.slice(2, -1).trim();
    const m = /^@((?:\.[\w\-/]+|\['[^']*'\])*)\s*(==|!=|<=|>=|<|>)\s*(.+)$/.exec(expr);
    if (m) return { t: 'filter', left: splitFields(m[1]), op: m[2], right: literal(m[3].trim()) };
    const e = /^@((?:\.[\w\-/]+)*)$/.exec(expr);
    if (e) return { t: 'filter', left: splitFields(e[1]) };
    throw new JsonPathError(`unrecognized filter: ${expr}`);
  }
  if (/^'.*'$/.test(body) || /^".*"$/.test(body)) return { t: 'field', name: body.slice(1, -1) };
  const slice = /^(-?\d*)\s*:\s*(-?\d*)$/.exec(body);
  if (slice) return { t: 'index', start: slice[1] === '' ? undefined : Number(slice[1]), end: slice[2] === '' ? undefined : Number(slice[2]), single: false };
  if (/^-?\d+$/.test(body)) return { t: 'index', start: Number(body), single: true };
  throw new JsonPathError(`invalid array index ${body}`);
}

function splitFields(s: string): string[] {
  const out: string[] = [];
  const re = /\.([\w\-/]+)|\['([^']*)'\]/g;
  let m;
  while ((m = re.exec(s))) out.push(m[1] ?? m[2]);
  return out;
}

function literal(s: string): unknown {
  if (/^'.*'$/.test(s) || /^".*"$/.test(s)) return s.slice(1, -1);
  if (s === 'true') return true;
  if (s === 'false') return false;
  if (/^-?\d+(\.\d+)?$/.test(s)) return Number(s);
  throw new JsonPathError(`unrecognized literal ${s}`);
}

function walk(values: unknown[], segs: Seg[], allowMissing: boolean): unknown[] {
  let cur = values;
  for (const seg of segs) {
    const next: unknown[] = [];
    for (const v of cur) {
      switch (seg.t) {
        case 'field': {
          if (v && typeof v === 'object' && !Array.isArray(v) && seg.name in (v as object)) next.push((v as any)[seg.name]);
          else if (!allowMissing) throw new JsonPathError(`${seg.name} is not found`);
          break;
        }
        case 'all':
          if (Array.isArray(v)) next.push(...v);
          else if (v && typeof v === 'object') next.push(...Object.keys(v).sort().map((k) => (v as any)[k]));
          break;
        case 'recursive': {
          const rec = (x: unknown) => {
            next.push(x);
            if (Array.isArray(x)) x.forEach(rec);
            else if (x && typeof x === 'object') Object.keys(x).sort().forEach((k) => rec((x as any)[k]));
          };
          rec(v);
          break;
        }
        case 'index': {
          if (!Array.isArray(v)) {
            if (!allowMissing) throw new JsonPathError('not an array');
            break;
          }
          const n = v.length;
          if (seg.single) {
            const k = seg.start! < 0 ? n + seg.start! : seg.start!;
            if (k >= 0 && k < n) next.push(v[k]);
            else if (!allowMissing) throw new JsonPathError(`array index out of bounds: index ${seg.start}, length ${n}`);
          } else {
            let a = seg.start ?? 0;
            let b = seg.end ?? n;
            if (a < 0) a += n;
            if (b < 0) b += n;
            next.push(...v.slice(Math.max(0, a), Math.min(n, b)));
          }
          break;
        }
        case 'filter': {
          const items = Array.isArray(v) ? v : v && typeof v === 'object' ? [v] : [];
          for (const item of items) {
            let left: unknown = item;
            for (const f of seg.left) left = left && typeof left === 'object' ? (left as any)[f] : undefined;
            if (seg.op === undefined) {
              if (left !== undefined && left !== null) next.push(item);
              continue;
            }
            if (left === undefined) continue;
            const r = seg.right as any;
            const l = left as any;
            const ok = seg.op === '==' ? String(l) === String(r) : seg.op === '!=' ? String(l) !== String(r)
              : seg.op === '<' ? l < r : seg.op === '>' ? l > r : seg.op === '<=' ? l <= r : l >= r;
            if (ok) next.push(item);
          }
          break;
        }
      }
    }
    cur = next;
  }
  return cur;
}

/** How one value prints: strings bare, maps and lists as json.Marshal writes them (client-go's PrintResults). */
export function jsonPathValue(v: unknown): string {
  if (v === null || v === undefined) return v === null ? 'null' : '';
  if (typeof v === 'object') return goJsonMarshal(v);
  return String(v);
}

/** Evaluates one path (without braces) and returns the matched values. */
export function findJsonPath(obj: unknown, path: string, allowMissing = true): unknown[] {
  return walk([obj], parsePath(path.replace(/^\{|\}$/g, '')), allowMissing);
}

/**
 * Runs a template. `asJson` is `-o jsonpath-as-json` (EnableJSONOutput): every text or path node
 * prints its results as one JSON array, json.MarshalIndent with 4 spaces and a newline.
 */
export function executeJsonPath(nodes: Node[], data: unknown, allowMissing = true, asJson = false): string {
  let out = '';
  const run = (list: Node[], cur: unknown) => {
    for (const n of list) {
      if (n.t === 'range') for (const item of walk([cur], n.segs, allowMissing)) run(n.body, item);
      else if (asJson) out += goJsonMarshalIndent(n.t === 'text' ? [n.text] : walk([cur], n.segs, allowMissing), '    ') + '\n';
      else if (n.t === 'text') out += n.text;
      else out += walk([cur], n.segs, allowMissing).map(jsonPathValue).join(' ');
    }
  };
  run(nodes, data);
  return out;
}
