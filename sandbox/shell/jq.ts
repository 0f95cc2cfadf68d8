// A small jq for `kubectl get ... -o json | jq ...`: paths (`.items[].metadata.name`,
// `.items[0]`, `.["key"]`), `|`, `,`, `[...]` and `{name: .metadata.name}` construction,
// `length`, `keys`, `select(.a == "x")`, `map(f)`, `has`, `add`, `join`, `sort`, `sort_by`,
// `unique`, `first`, `last`, `type`, `-r`, `-c`. Other functions fail as jq's own unknown ones do
// (`foo/0 is not defined`).
// Output formatting follows jq 1.7 (2-space indent; `-c` compact; `-r` raw strings).
import type { Command } from './types.ts';

type Filter = (input: unknown) => unknown[];

class JqError extends Error {}

function parseFilter(src: string): Filter {
  let i = 0;
  const ws = () => {
    while (/\s/.test(src[i] ?? '')) i++;
  };
  const fail = (): never => {
    throw new JqError(`jq: error: syntax error, unexpected ${i < src.length ? `'${src[i]}'` : 'end of file'} (Unix shell quoting issues?) at <top-level>, line 1:\n${src}\njq: 1 compile error`);
  };
  const pipe = (): Filter => {
    let left = comma();
    ws();
    while (src[i] === '|') {
      i++;
      const right = comma();
      const l = left;
      left = (x) => l(x).flatMap(right);
      ws();
    }
    return left;
  };
  const comma = (): Filter => {
    let left = compare();
    ws();
    while (src[i] === ',') {
      i++;
      const right = compare();
      const l = left;
      left = (x) => [...l(x), ...right(x)];
      ws();
    }
    return left;
  };
  const compare = (): Filter => {
    const left = term();
    ws();
    const m = /^(==|!=|<=|>=|<|>|and|or)/.exec(src.slice(i));
    if (!m) return left;
    i += m[0].length;
    const right = term();
    const op = m[0];
    return (x) =>
      left(x).flatMap((a) =>
        right(x).map((b) => {
          const A = JSON.stringify(a);
          const B = JSON.stringify(b);
          if (op === '==') return A === B;
          if (op === '!=') return A !== B;
          if (op === 'and') return truthy(a) && truthy(b);
          if (op === 'or') return truthy(a) || truthy(b);
          const [p, q] = [a as number, b as number];
          return op === '<' ? p < q : op === '>' ? p > q : op === '<=' ? p <= q : p >= q;
        }),
      );
  };
  const term = (): Filter => {
    ws();
    let f: Filter;
    const rest = src.slice(i);
    let m: RegExpExecArray | null;
    if (rest.startsWith('(')) {
      i++;
      f = pipe();
      ws();
      if (src[i++] !== ')') fail();
    } else if ((m = /^"((?:[^"\\]|\\.)*)"/.exec(rest))) {
      i += m[0].length;
      const v = JSON.parse(m[0]);
      f = () => [v];
    } else if ((m = /^-?\d+(\.\d+)?/.exec(rest))) {
      i += m[0].length;
      const v = Number(m[0]);
      f = () => [v];
    } else if (rest.startsWith('[')) {
      // Array construction: every output of the filter inside, in one array.
      i++;
      ws();
      if (src[i] === ']') {
        i++;
        f = () => [[]];
      } else {
        const inner = pipe();
        ws();
        if (src[i++] !== ']') fail();
        f = (x) => [inner(x)];
      }
    } else if (rest.startsWith('{')) {
      f = objectConstruction();
    } else if ((m = /^[A-Za-z_][A-Za-z0-9_]*/.exec(rest))) {
      i += m[0].length;
      const name = m[0];
      ws();
      const args: Filter[] = [];
      if (src[i] === '(') {
        i++;
        for (;;) {
          args.push(pipe());
          ws();
          const c = src[i++];
          if (c === ')') break;
          if (c !== ';') fail();
        }
      }
      const b = builtin(name, args);
      if (!b) throw new JqError(`jq: error: ${name}/${args.length} is not defined at <top-level>, line 1:\n${src}\njq: 1 compile error`);
      f = b;
    } else if (rest.startsWith('.')) {
      f = (x) => [x];
      i++;
      const first = /^[A-Za-z_][A-Za-z0-9_-]*/.exec(src.slice(i));
      if (first) {
        i += first[0].length;
        f = field(f, first[0]);
      }
    } else return fail();
    // Postfix: .name, [n], [], ["key"]
    for (;;) {
      const r = src.slice(i);
      let pm: RegExpExecArray | null;
      if ((pm = /^\.([A-Za-z_][A-Za-z0-9_-]*)/.exec(r))) {
        i += pm[0].length;
        f = field(f, pm[1]);
      } else if ((pm = /^\.?\[\s*\]/.exec(r))) {
        i += pm[0].length;
        const g = f;
        f = (x) =>
          g(x).flatMap((v) => {
            if (Array.isArray(v)) return v;
            if (v && typeof v === 'object') return Object.values(v);
            throw new JqError(`jq: error (at <stdin>:0): Cannot iterate over ${typeName(v)}${v === null ? '' : ` (${JSON.stringify(v)})`}`);
          });
      } else if ((pm = /^\.?\[\s*(-?\d+)\s*\]/.exec(r))) {
        i += pm[0].length;
        const n = Number(pm[1]);
        const g = f;
        f = (x) => g(x).map((v) => (Array.isArray(v) ? (v[n < 0 ? v.length + n : n] ?? null) : v === null ? null : fail()));
      } else if ((pm = /^\.?\[\s*"((?:[^"\\]|\\.)*)"\s*\]/.exec(r))) {
        i += pm[0].length;
        f = field(f, JSON.parse(`"${pm[1]}"`));
      } else if (/^\.?\[/.test(r) && !r.includes(']')) {
        i = src.length;
        fail();
      } else break;
    }
    return f;
  };
  /** `{name: .metadata.name, ip: .status.podIP}`, `{name}`, `{"a b": 1}`, `{(.k): .v}`: one object per combination of the values' outputs. */
  const objectConstruction = (): Filter => {
    i++; // {
    const entries: { key: Filter; value: Filter }[] = [];
    ws();
    while (src[i] !== '}') {
      ws();
      let key: Filter;
      let m: RegExpExecArray | null;
      const rest = src.slice(i);
      let shorthand: string | undefined;
      if ((m = /^[A-Za-z_][A-Za-z0-9_]*/.exec(rest))) {
        i += m[0].length;
        const k = m[0];
        key = () => [k];
        shorthand = k;
      } else if ((m = /^"((?:[^"\\]|\\.)*)"/.exec(rest))) {
        i += m[0].length;
        const k = JSON.parse(m[0]) as string;
        key = () => [k];
        shorthand = k;
      } else if (rest.startsWith('(')) {
        i++;
        key = pipe();
        ws();
        if (src[i++] !== ')') fail();
      } else return fail();
      ws();
      let value: Filter;
      if (src[i] === ':') {
        i++;
        value = term();
        ws();
        while (src[i] === '|') {
          i++;
          const l = value;
          const r = term();
          value = (x) => l(x).flatMap(r);
          ws();
        }
      } else if (shorthand !== undefined) {
        const k = shorthand;
        value = field((x) => [x], k);
      } else return fail();
      entries.push({ key, value });
      ws();
      if (src[i] === ',') i++;
      else if (src[i] !== '}') fail();
      ws();
    }
    i++; // }
    return (x) => {
      let objs: Record<string, unknown>[] = [{}];
      for (const e of entries) {
        const next: Record<string, unknown>[] = [];
        for (const o of objs)
          for (const k of e.key(x)) {
            if (typeof k !== 'string') throw new JqError(`jq: error (at <stdin>:0): Object keys must be strings`);
            for (const v of e.value(x)) next.push({ ...o, [k]: v });
          }
        objs = next;
      }
      return objs;
    };
  };
  const f = pipe();
  ws();
  if (i < src.length) fail();
  return f;
}

function field(f: Filter, name: string): Filter {
  return (x) =>
    f(x).map((v) => {
      if (v === null || v === undefined) return null;
      if (typeof v !== 'object' || Array.isArray(v)) throw new JqError(`jq: error (at <stdin>:0): Cannot index ${typeName(v)} with "${name}"`);
      return (v as Record<string, unknown>)[name] ?? null;
    });
}

/** jq's builtins the lab knows, by name and argument count; undefined for others ("not defined"). */
function builtin(name: string, args: Filter[]): Filter | undefined {
  const [a] = args;
  const one = (g: (x: unknown) => unknown): Filter => (x) => [g(x)];
  const arr = (x: unknown): unknown[] => {
    if (Array.isArray(x)) return x;
    throw new JqError(`jq: error (at <stdin>:0): Cannot iterate over ${typeName(x)}${x === null ? '' : ` (${JSON.stringify(x)})`}`);
  };
  if (args.length === 0) {
    switch (name) {
      case 'length':
        return one((x) => (Array.isArray(x) || typeof x === 'string' ? x.length : x && typeof x === 'object' ? Object.keys(x).length : x === null ? 0 : Math.abs(x as number)));
      case 'keys':
        return one((x) => (Array.isArray(x) ? x.map((_, k) => k) : Object.keys(x as object).sort()));
      case 'to_entries':
        return one((x) => Object.entries(x as object).map(([key, value]) => ({ key, value })));
      case 'not':
        return one((x) => !truthy(x));
      case 'empty':
        return () => [];
      case 'true':
      case 'false':
      case 'null':
        return () => [JSON.parse(name)];
      case 'add':
        return one((x) => arr(x).reduce((s: unknown, v) => (s === null ? v : v === null ? s : typeof s === 'number' ? s + (v as number) : typeof s === 'string' ? s + (v as string) : Array.isArray(s) ? [...s, ...(v as unknown[])] : { ...(s as object), ...(v as object) }), null));
      case 'sort':
        return one((x) => [...arr(x)].sort(compareJson));
      case 'unique':
        return one((x) => [...arr(x)].sort(compareJson).filter((v, k, all) => k === 0 || compareJson(all[k - 1], v) !== 0));
      case 'first':
        return one((x) => arr(x)[0] ?? null);
      case 'last':
        return one((x) => arr(x).at(-1) ?? null);
      case 'type':
        return one(typeName);
      case 'tostring':
        return one((x) => (typeof x === 'string' ? x : JSON.stringify(x)));
      case 'tonumber':
        return one((x) => (typeof x === 'number' ? x : Number(x)));
    }
    return undefined;
  }
  if (args.length === 1) {
    switch (name) {
      case 'select':
        return (x) => (a(x).some(truthy) ? [x] : []);
      case 'map':
        return (x) => [(Array.isArray(x) ? x : x && typeof x === 'object' ? Object.values(x) : arr(x)).flatMap(a)];
      case 'has':
        return (x) => a(x).map((k) => (Array.isArray(x) ? (k as number) < x.length : Object.prototype.hasOwnProperty.call(x, k as string)));
      case 'join':
        return (x) => a(x).map((sep) => arr(x).map((v) => (v === null ? '' : typeof v === 'string' ? v : JSON.stringify(v))).join(sep as string));
      case 'sort_by':
        return one((x) => [...arr(x)].map((v) => ({ v, k: a(v) })).sort((p, q) => compareJson(p.k, q.k)).map((e) => e.v));
    }
  }
  return undefined;
}

/** jq's order: null < false < true < numbers < strings < arrays < objects. */
function compareJson(p: unknown, q: unknown): number {
  const rank = (v: unknown) => (v === null ? 0 : v === false ? 1 : v === true ? 2 : typeof v === 'number' ? 3 : typeof v === 'string' ? 4 : Array.isArray(v) ? 5 : 6);
  const d = rank(p) - rank(q);
  if (d) return d;
  if (typeof p === 'number') return p - (q as number);
  if (typeof p === 'string') return p < (q as string) ? -1 : p > (q as string) ? 1 : 0;
  if (Array.isArray(p)) {
    const b = q as unknown[];
    for (let k = 0; k < Math.min(p.length, b.length); k++) {
      const c = compareJson(p[k], b[k]);
      if (c) return c;
    }
    return p.length - b.length;
  }
  return JSON.stringify(p) < JSON.stringify(q) ? -1 : JSON.stringify(p) > JSON.stringify(q) ? 1 : 0;
}

function truthy(v: unknown): boolean {
  return v !== false && v !== null && v !== undefined;
}

function typeName(v: unknown): string {
  return Array.isArray(v) ? 'array' : v === null ? 'null' : typeof v === 'object' ? 'object' : typeof v;
}

export const jq: Command = async (io) => {
  const args = io.argv.slice(1);
  const raw = args.includes('-r') || args.includes('--raw-output');
  const compact = args.includes('-c') || args.includes('--compact-output');
  const operands = args.filter((a) => !a.startsWith('-') || a === '-');
  const filterSrc = operands[0] ?? '.';
  let filter: Filter;
  try {
    filter = parseFilter(filterSrc);
  } catch (e) {
    io.stderr((e as Error).message + '\n');
    return 3;
  }
  let text = io.stdin;
  if (operands[1]) {
    try {
      text = io.fs.readFile(operands[1].startsWith('/') ? operands[1] : `${io.cwd}/${operands[1]}`);
    } catch {
      io.stderr(`jq: error: Could not open ${operands[1]}: No such file or directory\n`);
      return 2;
    }
  }
  const docs: unknown[] = [];
  try {
    // Several JSON documents may follow each other (kubectl get -w -o json).
    let rest = text.trim();
    while (rest) {
      const end = jsonEnd(rest);
      docs.push(JSON.parse(rest.slice(0, end)));
      rest = rest.slice(end).trim();
    }
  } catch {
    io.stderr('jq: error (at <stdin>:1): Cannot parse the input as JSON\n');
    return 2;
  }
  try {
    for (const d of docs) {
      for (const v of filter(d)) {
        io.stdout((raw && typeof v === 'string' ? v : compact ? JSON.stringify(v) : JSON.stringify(v, null, 2)) + '\n');
      }
    }
  } catch (e) {
    if (!(e instanceof JqError)) throw e;
    io.stderr(e.message + '\n');
    return 5;
  }
  return 0;
};

/** Where the first JSON value in `s` ends. */
function jsonEnd(s: string): number {
  if (s[0] !== '{' && s[0] !== '[') {
    const m = /^("(?:[^"\\]|\\.)*"|[^\s]+)/.exec(s);
    return m ? m[0].length : s.length;
  }
  let depth = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c === '"') {
      for (i++; i < s.length && s[i] !== '"'; i++) if (s[i] === '\\') i++;
    } else if (c === '{' || c === '[') depth++;
    else if ((c === '}' || c === ']') && --depth === 0) return i + 1;
  }
  return s.length;
}
