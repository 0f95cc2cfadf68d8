// bash's arithmetic (expr.c): `$(( ))`, `(( ))`, `for (( ; ; ))`, `${x:offset:length}`. Integers
// with C's operators by bash's precedence: post/pre ++ --, unary - + ! ~, ** (right), * / %, + -,
// << >>, comparisons, == !=, & ^ |, && ||, ?: (right), = and the op= assignments (right), and
// the comma. Constants: decimal, 0x hex, 0 octal, BASE#DIGITS. A variable's value is itself read
// as an expression (an unset or empty one is 0). Errors are bash's evalerror:
// `EXPR: MESSAGE (error token is "TEXT")`.

export interface ArithScope {
  getVar(name: string): string | undefined;
  setVar(name: string, value: string): void;
}

export class ArithError extends Error {}

const TOKEN = /\s*(0[xX][0-9a-fA-F]*|\d+#[0-9a-zA-Z@_]+|\d+|[A-Za-z_][A-Za-z0-9_]*|\*\*=|<<=|>>=|\+\+|--|\*\*|<<|>>|<=|>=|==|!=|&&|\|\||[-+*/%&^|]=|[-+*/%<>=!~&^|?:,()])/y;

interface Tok {
  text: string;
  at: number;
}

function tokenize(src: string): Tok[] | { bad: number } {
  const out: Tok[] = [];
  TOKEN.lastIndex = 0;
  let i = 0;
  while (i < src.length) {
    if (/^\s*$/.test(src.slice(i))) break;
    TOKEN.lastIndex = i;
    const m = TOKEN.exec(src);
    if (!m) return { bad: i + (src.slice(i).length - src.slice(i).trimStart().length) };
    out.push({ text: m[1], at: m.index + m[0].length - m[1].length });
    i = TOKEN.lastIndex;
  }
  return out;
}

/** Evaluates `src` in `scope`; `depth` guards a variable that refers to itself. */
export function evalArith(src: string, scope: ArithScope, depth = 0): number {
  const expr = src.trim();
  const toks = tokenize(src);
  const fail = (msg: string, at: number): never => {
    throw new ArithError(`${expr}: ${msg} (error token is "${src.slice(at).trim()}")`);
  };
  if ('bad' in toks) return fail('syntax error: invalid arithmetic operator', toks.bad);
  if (!toks.length) return 0;
  let i = 0;
  const peek = () => toks[i]?.text;
  const at = () => toks[i]?.at ?? src.length;
  /** Where the last token read starts (bash's lasttp). */
  const last = () => toks[i - 1]?.at ?? 0;

  const value = (name: string): number => {
    const v = scope.getVar(name);
    if (v === undefined || v.trim() === '') return 0;
    if (/^\s*-?\d+\s*$/.test(v)) return Number(v);
    if (depth > 100) return fail('expression recursion level exceeded', last());
    return evalArith(v, scope, depth + 1);
  };
  const constant = (t: string): number => {
    if (/^0[xX]/.test(t)) {
      if (t.length === 2) return fail('invalid number', last());
      return parseInt(t, 16);
    }
    const b = /^(\d+)#(.+)$/.exec(t);
    if (b) {
      const base = Number(b[1]);
      if (base < 2 || base > 64) return fail('invalid arithmetic base', last());
      let n = 0;
      for (const c of b[2]) {
        const d = /\d/.test(c) ? Number(c) : /[a-z]/.test(c) ? c.charCodeAt(0) - 87 : /[A-Z]/.test(c) ? c.charCodeAt(0) - (base <= 36 ? 55 : 29) : c === '@' ? 62 : 63;
        if (d >= base) return fail('value too great for base', last());
        n = n * base + d;
      }
      return n;
    }
    if (t.length > 1 && t[0] === '0') {
      if (/[89]/.test(t)) return fail('value too great for base', last());
      return parseInt(t, 8);
    }
    return Number(t);
  };
  const assign = (name: string, v: number) => {
    scope.setVar(name, String(v));
    return v;
  };

  const primary = (): number => {
    const t = peek();
    if (t === undefined) return fail('syntax error: operand expected', last());
    if (t === '(') {
      i++;
      const v = comma();
      if (peek() !== ')') return fail("syntax error: missing ')'", at());
      i++;
      return v;
    }
    if (/^\d/.test(t)) {
      i++;
      return constant(t);
    }
    if (/^[A-Za-z_]/.test(t)) {
      i++;
      const op = peek();
      if (op === '++' || op === '--') {
        i++;
        const old = value(t);
        assign(t, op === '++' ? old + 1 : old - 1);
        return old;
      }
      return value(t);
    }
    return fail('syntax error: operand expected', at());
  };

  const unary = (): number => {
    const t = peek();
    if (t === '++' || t === '--') {
      i++;
      const name = peek();
      if (!name || !/^[A-Za-z_]/.test(name)) return fail('syntax error: operand expected', at());
      i++;
      return assign(name, value(name) + (t === '++' ? 1 : -1));
    }
    if (t === '-' || t === '+' || t === '!' || t === '~') {
      i++;
      const v = unary();
      return t === '-' ? -v : t === '+' ? v : t === '!' ? Number(!v) : ~v;
    }
    return primary();
  };

  const power = (): number => {
    const base = unary();
    if (peek() !== '**') return base;
    i++;
    const e = power();
    if (e < 0) return fail('exponent less than 0', last());
    return Math.trunc(base ** e);
  };

  const binary = (ops: string[], next: () => number, apply: (op: string, a: number, b: number) => number) => (): number => {
    let v = next();
    while (ops.includes(peek() ?? '')) {
      const op = toks[i++].text;
      v = apply(op, v, next());
    }
    return v;
  };
  const divide = (op: string, a: number, b: number) => {
    if (b === 0) return fail('division by 0', last());
    return op === '/' ? Math.trunc(a / b) : a % b;
  };
  const mul = binary(['*', '/', '%'], power, (op, a, b) => (op === '*' ? a * b : divide(op, a, b)));
  const add = binary(['+', '-'], mul, (op, a, b) => (op === '+' ? a + b : a - b));
  const shift = binary(['<<', '>>'], add, (op, a, b) => (op === '<<' ? a << b : a >> b));
  const compare = binary(['<=', '>=', '<', '>'], shift, (op, a, b) => Number(op === '<' ? a < b : op === '>' ? a > b : op === '<=' ? a <= b : a >= b));
  const equal = binary(['==', '!='], compare, (op, a, b) => Number(op === '==' ? a === b : a !== b));
  const band = binary(['&'], equal, (_o, a, b) => a & b);
  const bxor = binary(['^'], band, (_o, a, b) => a ^ b);
  const bor = binary(['|'], bxor, (_o, a, b) => a | b);
  const land = binary(['&&'], bor, (_o, a, b) => Number(!!a && !!b));
  const lor = binary(['||'], land, (_o, a, b) => Number(!!a || !!b));

  const ternary = (): number => {
    const c = lor();
    if (peek() !== '?') return c;
    i++;
    const a = assignment();
    if (peek() !== ':') return fail("syntax error: ':' expected for conditional expression", at());
    i++;
    const b = assignment();
    return c ? a : b;
  };

  const ASSIGN = ['=', '*=', '/=', '%=', '+=', '-=', '<<=', '>>=', '&=', '^=', '|=', '**='];
  const assignment = (): number => {
    const t = peek();
    const op = toks[i + 1]?.text;
    if (t && /^[A-Za-z_]/.test(t) && op && ASSIGN.includes(op)) {
      i += 2;
      const rhs = assignment();
      if (op === '=') return assign(t, rhs);
      const cur = value(t);
      const base = op.slice(0, -1);
      const v =
        base === '*' ? cur * rhs : base === '/' || base === '%' ? divide(base, cur, rhs) : base === '+' ? cur + rhs : base === '-' ? cur - rhs
        : base === '<<' ? cur << rhs : base === '>>' ? cur >> rhs : base === '&' ? cur & rhs : base === '^' ? cur ^ rhs : base === '|' ? cur | rhs : Math.trunc(cur ** rhs);
      return assign(t, v);
    }
    if (t && /^[^A-Za-z_]/.test(t) && op === '=' ) return fail('attempted assignment to non-variable', at());
    return ternary();
  };

  const comma = (): number => {
    let v = assignment();
    while (peek() === ',') {
      i++;
      v = assignment();
    }
    return v;
  };

  const v = comma();
  if (i < toks.length) return fail('syntax error in expression', at());
  return v;
}
