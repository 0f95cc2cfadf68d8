// A small jq for `kubectl get ... -o json | jq ...`: paths (`.items[].metadata.name`,
// `.items[0]`, `.["key"]`), `|`, `,`, `//`, `and`/`or`, comparisons, `+ - * / %`, `[...]` and
// `{name: .metadata.name}` construction, string interpolation `"\(.metadata.name)"`,
// `if ... then ... elif ... else ... end`, `length`, `keys`, `select(.a == "x")`, `map(f)`, `has`,
// `add`, `join`, `sort`, `sort_by`, `unique`, `first`, `last`, `type`, `test`, `split`,
// `startswith`, `endswith`, `ltrimstr`, `rtrimstr`, `ascii_downcase`, `ascii_upcase`,
// `from_entries`, `with_entries`, `@tsv`, `@csv`, `-r`, `-c`. Other functions fail as jq's own
// unknown ones do (`foo/0 is not defined`). Operator precedence is jq's parser.y: `|` < `,` <
// `//` < `or` < `and` < comparisons < `+ -` < `* / %`; a binary operator runs its right side's
// outputs outermost, as jq does (`(1,2) + (10,20)` gives 11, 12, 21, 22).
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
    let left = alternative();
    ws();
    while (src[i] === ',') {
      i++;
      const right = alternative();
      const l = left;
      left = (x) => [...l(x), ...right(x)];
      ws();
    }
    return left;
  };
  /** `a // b`: a's outputs that are neither false nor null (errors count as none), else b's. Right-associative. */
  const alternative = (): Filter => {
    const left = logical('or');
    ws();
    if (!src.startsWith('//', i)) return left;
    i += 2;
    const right = alternative();
    return (x) => {
      let kept: unknown[];
      try {
        kept = left(x).filter(truthy);
      } catch (e) {
        if (!(e instanceof JqError)) throw e;
        kept = [];
      }
      return kept.length ? kept : right(x);
    };
  };
  /** `or` over `and` over comparisons, each left-associative; `and`/`or` look at their right side only when they must. */
  const logical = (op: 'or' | 'and'): Filter => {
    let left = op === 'or' ? logical('and') : compare();
    for (;;) {
      ws();
      const m = new RegExp(`^${op}(?![A-Za-z0-9_])`).exec(src.slice(i));
      if (!m) return left;
      i += m[0].length;
      const right = op === 'or' ? logical('and') : compare();
      const l = left;
      left = (x) => l(x).flatMap((a) => (op === 'and' ? (truthy(a) ? right(x).map(truthy) : [false]) : truthy(a) ? [true] : right(x).map(truthy)));
    }
  };
  const compare = (): Filter => {
    const left = additive();
    ws();
    const m = /^(==|!=|<=|>=|<|>)/.exec(src.slice(i));
    if (!m) return left;
    i += m[0].length;
    const right = additive();
    const op = m[0];
    return binary(left, right, (a, b) => {
      const c = compareJson(a, b);
      return op === '==' ? c === 0 : op === '!=' ? c !== 0 : op === '<' ? c < 0 : op === '>' ? c > 0 : op === '<=' ? c <= 0 : c >= 0;
    });
  };
  const additive = (): Filter => {
    let left = multiplicative();
    for (;;) {
      ws();
      const c = src[i];
      if (c !== '+' && !(c === '-' && !src.startsWith('->', i))) return left;
      i++;
      left = binary(left, multiplicative(), c === '+' ? add : subtract);
    }
  };
  const multiplicative = (): Filter => {
    let left = term();
    for (;;) {
      ws();
      const c = src[i];
      // `//` is the alternative operator, not a division.
      if ((c !== '*' && c !== '/' && c !== '%') || src.startsWith('//', i)) return left;
      i++;
      left = binary(left, term(), c === '*' ? multiply : c === '/' ? divide : modulo);
    }
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
    } else if (rest.startsWith('"')) {
      f = stringLiteral();
    } else if ((m = /^if(?![A-Za-z0-9_])/.exec(rest))) {
      i += m[0].length;
      f = conditional();
    } else if ((m = /^@(tsv|csv|json|text)(?![A-Za-z0-9_])/.exec(rest))) {
      i += m[0].length;
      f = format(m[1]);
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
  /** A string literal; `\(f)` inside it is f's outputs (strings as they are, other values as JSON), one string per combination. */
  const stringLiteral = (): Filter => {
    i++; // "
    const parts: (string | Filter)[] = [];
    let text = '';
    for (;;) {
      if (i >= src.length) return fail();
      const c = src[i];
      if (c === '"') {
        i++;
        break;
      }
      if (c === '\\' && src[i + 1] === '(') {
        i += 2;
        if (text) parts.push(text);
        text = '';
        parts.push(pipe());
        ws();
        if (src[i++] !== ')') fail();
        continue;
      }
      if (c === '\\') {
        const m = /^\\(["\\/bfnrt]|u[0-9a-fA-F]{4})/.exec(src.slice(i));
        if (!m) return fail();
        text += JSON.parse(`"${m[0]}"`);
        i += m[0].length;
        continue;
      }
      text += c;
      i++;
    }
    if (text || !parts.length) parts.push(text);
    return (x) => {
      let outs = [''];
      for (const p of parts) {
        if (typeof p === 'string') outs = outs.map((o) => o + p);
        else {
          const vals = p(x).map((v) => (typeof v === 'string' ? v : JSON.stringify(v)));
          outs = vals.flatMap((v) => outs.map((o) => o + v));
        }
      }
      return outs;
    };
  };
  /** `if c then a (elif c then a)* (else b)? end`: for each output of the condition, one branch. */
  const conditional = (): Filter => {
    const cond = pipe();
    expectWord('then');
    const then = pipe();
    ws();
    let otherwise: Filter;
    if (src.startsWith('elif', i) && !/[A-Za-z0-9_]/.test(src[i + 4] ?? '')) {
      i += 4;
      otherwise = conditional();
      return (x) => cond(x).flatMap((c) => (truthy(c) ? then(x) : otherwise(x)));
    }
    if (src.startsWith('else', i) && !/[A-Za-z0-9_]/.test(src[i + 4] ?? '')) {
      i += 4;
      otherwise = pipe();
    } else otherwise = (x) => [x];
    expectWord('end');
    return (x) => cond(x).flatMap((c) => (truthy(c) ? then(x) : otherwise(x)));
  };
  const expectWord = (w: string): void => {
    ws();
    if (!src.startsWith(w, i) || /[A-Za-z0-9_]/.test(src[i + w.length] ?? '')) fail();
    i += w.length;
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
      case 'ascii_downcase':
      case 'ascii_upcase':
        return one((x) => {
          if (typeof x !== 'string') throw new JqError(`jq: error (at <stdin>:0): ${name} input must be a string`);
          return name === 'ascii_downcase' ? x.replace(/[A-Z]/g, (c) => c.toLowerCase()) : x.replace(/[a-z]/g, (c) => c.toUpperCase());
        });
      case 'from_entries':
        return one((x) => fromEntries(arr(x)));
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
      case 'with_entries':
        return one((x) => fromEntries(Object.entries(x as object).map(([key, value]) => ({ key, value })).flatMap(a)));
      case 'test':
        return (x) => a(x).map((re) => {
          if (typeof x !== 'string') throw new JqError(`jq: error (at <stdin>:0): ${typeName(x)} (${JSON.stringify(x)}) cannot be matched, as it is not a string`);
          return new RegExp(String(re), 'u').test(x);
        });
      case 'split':
        return (x) => a(x).map((sep) => {
          if (typeof x !== 'string' || typeof sep !== 'string') throw new JqError('jq: error (at <stdin>:0): split input and separator must be strings');
          return x === '' ? [] : x.split(sep);
        });
      case 'startswith':
      case 'endswith':
        return (x) => a(x).map((t) => {
          if (typeof x !== 'string' || typeof t !== 'string') throw new JqError(`jq: error (at <stdin>:0): ${name}() requires string inputs`);
          return name === 'startswith' ? x.startsWith(t) : x.endsWith(t);
        });
      case 'ltrimstr':
      case 'rtrimstr':
        return (x) => a(x).map((t) => {
          if (typeof x !== 'string' || typeof t !== 'string') return x;
          if (name === 'ltrimstr') return x.startsWith(t) ? x.slice(t.length) : x;
          return x.endsWith(t) && t ? x.slice(0, -t.length) : x;
        });
    }
  }
  return undefined;
}

/** from_entries: key (or k, name, Name, K, Key) and value (or v, Value, V) of each entry. */
function fromEntries(entries: unknown[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const e of entries as Record<string, unknown>[]) {
    const k = e.key ?? e.k ?? e.name ?? e.Name ?? e.K ?? e.Key;
    const v = 'value' in e ? e.value : 'v' in e ? e.v : 'Value' in e ? e.Value : e.V;
    out[typeof k === 'string' ? k : JSON.stringify(k)] = v ?? null;
  }
  return out;
}

/** A binary operator: for each output of the right side, each output of the left (jq's order). */
function binary(left: Filter, right: Filter, op: (a: unknown, b: unknown) => unknown): Filter {
  return (x) => right(x).flatMap((b) => left(x).map((a) => op(a, b)));
}

/** `number (1) and string ("a") cannot be added` */
function cannot(a: unknown, b: unknown, what: string): JqError {
  return new JqError(`jq: error (at <stdin>:0): ${typeName(a)} (${JSON.stringify(a)}) and ${typeName(b)} (${JSON.stringify(b)}) ${what}`);
}

function add(a: unknown, b: unknown): unknown {
  if (a === null) return b;
  if (b === null) return a;
  if (typeof a === 'number' && typeof b === 'number') return a + b;
  if (typeof a === 'string' && typeof b === 'string') return a + b;
  if (Array.isArray(a) && Array.isArray(b)) return [...a, ...b];
  if (isObject(a) && isObject(b)) return { ...a, ...b };
  throw cannot(a, b, 'cannot be added');
}

function subtract(a: unknown, b: unknown): unknown {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (Array.isArray(a) && Array.isArray(b)) return a.filter((v) => !b.some((w) => compareJson(v, w) === 0));
  throw cannot(a, b, 'cannot be subtracted');
}

function multiply(a: unknown, b: unknown): unknown {
  if (typeof a === 'number' && typeof b === 'number') return a * b;
  // A string times a number repeats it (none or fewer than one time: null).
  const [str, n] = typeof a === 'string' && typeof b === 'number' ? [a, b] : typeof b === 'string' && typeof a === 'number' ? [b, a] : [undefined, 0];
  if (str !== undefined) return n > 0 ? str.repeat(Math.max(1, Math.ceil(n))) : null;
  if (isObject(a) && isObject(b)) return deepMerge(a, b);
  throw cannot(a, b, 'cannot be multiplied');
}

function divide(a: unknown, b: unknown): unknown {
  if (typeof a === 'number' && typeof b === 'number') {
    if (b === 0) throw cannot(a, b, 'cannot be divided because the divisor is zero');
    return a / b;
  }
  if (typeof a === 'string' && typeof b === 'string') return a === '' ? [] : a.split(b);
  throw cannot(a, b, 'cannot be divided');
}

function modulo(a: unknown, b: unknown): unknown {
  if (typeof a === 'number' && typeof b === 'number') {
    const d = Math.trunc(b);
    if (d === 0) throw cannot(a, b, 'cannot be divided because the divisor is zero');
    const r = Math.trunc(a) % Math.abs(d);
    return r === 0 ? 0 : r;
  }
  throw cannot(a, b, 'cannot be divided');
}

function deepMerge(a: Record<string, unknown>, b: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...a };
  for (const [k, v] of Object.entries(b)) out[k] = isObject(out[k]) && isObject(v) ? deepMerge(out[k] as Record<string, unknown>, v) : v;
  return out;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** @tsv, @csv, @json, @text of the input. */
function format(kind: string): Filter {
  return (x) => {
    if (kind === 'json') return [JSON.stringify(x)];
    if (kind === 'text') return [typeof x === 'string' ? x : JSON.stringify(x)];
    if (!Array.isArray(x)) throw new JqError(`jq: error (at <stdin>:0): ${typeName(x)} (${JSON.stringify(x)}) cannot be ${kind}-formatted, only an array can be`);
    const cell = (v: unknown): string => {
      if (v === null) return '';
      if (typeof v === 'boolean' || typeof v === 'number') return String(v);
      if (typeof v !== 'string') throw new JqError(`jq: error (at <stdin>:0): ${typeName(v)} (${JSON.stringify(v)}) is not valid in a csv row`);
      if (kind === 'csv') return `"${v.replace(/"/g, '""')}"`;
      return v.replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n').replace(/\r/g, '\\r');
    };
    return [x.map(cell).join(kind === 'csv' ? ',' : '\t')];
  };
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
