// A small jq for `kubectl get ... -o json | jq ...`: paths (`.items[].metadata.name`,
// `.items[0]`, `.["key"]`), `|`, `,`, `length`, `keys`, `select(.a == "x")`, `-r`, `-c`.
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
    } else if ((m = /^(length|keys|not|true|false|null|select|empty|to_entries)\b/.exec(rest))) {
      i += m[0].length;
      const name = m[1];
      if (name === 'select') {
        ws();
        if (src[i++] !== '(') fail();
        const cond = pipe();
        ws();
        if (src[i++] !== ')') fail();
        f = (x) => (cond(x).some(truthy) ? [x] : []);
      } else f = builtin(name);
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
        f = (x) => g(x).flatMap((v) => (Array.isArray(v) ? v : v && typeof v === 'object' ? Object.values(v) : fail()));
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

function builtin(name: string): Filter {
  switch (name) {
    case 'length':
      return (x) => [Array.isArray(x) || typeof x === 'string' ? x.length : x && typeof x === 'object' ? Object.keys(x).length : x === null ? 0 : Math.abs(x as number)];
    case 'keys':
      return (x) => [Array.isArray(x) ? x.map((_, k) => k) : Object.keys(x as object).sort()];
    case 'to_entries':
      return (x) => [Object.entries(x as object).map(([key, value]) => ({ key, value }))];
    case 'not':
      return (x) => [!truthy(x)];
    case 'empty':
      return () => [];
    default:
      return () => [JSON.parse(name)];
  }
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
