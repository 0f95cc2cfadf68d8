// Runs a parsed Program over the input: records, fields, variables, arrays, built-in functions,
// output. Part of awk (../awk.ts).
import { resolvePath } from '../../cluster/fs.ts';
import { fsErrorText } from '../interpreter.ts';
import type { CommandIO } from '../types.ts';
import { AwkError, BreakLoop, ContinueLoop, ExitProgram, type Flavour, NextFile, NextRecord, ReturnValue } from './errors.ts';
import { format } from './format.ts';
import { unescape } from './lexer.ts';
import { regcompError } from './parser.ts';
import type { Expr, Program, Ref, Rule, Stmt } from './syntax.ts';
import { type Cell, NUMERIC, StrNum, type Val, strToNum } from './values.ts';

/** The lab's limit on statements run by one awk (a page must never hang on `while (1)`). */
export const STEP_LIMIT = 2_000_000;

export class Runtime {
  private readonly globals = new Map<string, Cell>();
  private frames: Cell[][] = [];
  private record = '';
  private fields: string[] = [''];
  private nf = 0;
  private readonly regexCache = new Map<string, RegExp>();
  private readonly files = new Map<string, string>();
  private seed = 0;
  private prevSeed = 0;
  private rng = 0;
  private steps = 0;
  private line = 1;

  private readonly prog: Program;
  private readonly flavour: Flavour;
  private readonly io: CommandIO;
  private readonly where: string;
  private readonly ereOf: (src: string) => RegExp;

  constructor(prog: Program, flavour: Flavour, io: CommandIO, where: string, ereOf: (src: string) => RegExp) {
    this.prog = prog;
    this.flavour = flavour;
    this.io = io;
    this.where = where;
    this.ereOf = ereOf;
    const init: Record<string, Val> = { FS: ' ', OFS: ' ', ORS: '\n', RS: '\n', SUBSEP: '\x1c', CONVFMT: '%.6g', OFMT: '%.6g', NR: 0, FNR: 0, RSTART: 0, RLENGTH: 0, FILENAME: '' };
    for (const [k, v] of Object.entries(init)) this.globals.set(k, { v });
    const env = new Map<string, Val>();
    for (const [k, v] of Object.entries(io.env)) env.set(k, new StrNum(v));
    this.globals.set('ENVIRON', { v: undefined, arr: env });
  }

  // -- errors --

  /** A runtime error worded as gawk's msg.c err() or busybox's syntax_error() words it. */
  fatal(gnu: string, busybox: string = gnu): never {
    if (this.flavour === 'busybox') throw new AwkError(`awk: ${this.where}:${this.line}: ${busybox}\n`, 1);
    const fnr = this.num(this.cell('FNR').v);
    const at = fnr > 0 ? `(FILENAME=${this.str(this.cell('FILENAME').v)} FNR=${fnr}) ` : '';
    throw new AwkError(`awk: ${this.where}:${this.line}: ${at}fatal: ${gnu}\n`, 2);
  }

  // -- values --

  num(v: Val): number {
    if (typeof v === 'number') return v;
    if (v === undefined) return 0;
    return strToNum(typeof v === 'string' ? v : v.s);
  }

  /** Number to string by CONVFMT (OFMT for print): integers print as integers. */
  numStr(n: number, fmtVar = 'CONVFMT'): string {
    if (Number.isInteger(n) && Math.abs(n) < 2 ** 63) return BigInt(n).toString();
    if (!Number.isFinite(n)) {
      // gawk (format_nan_inf, 4.2.1+) prints +inf/-inf and -nan (x86's NaN from log(-1) is negative);
      // busybox formats with printf's %.6g. Not checked against a real gawk here.
      if (this.flavour === 'busybox') return Number.isNaN(n) ? 'nan' : n < 0 ? '-inf' : 'inf';
      return Number.isNaN(n) ? '-nan' : n < 0 ? '-inf' : '+inf';
    }
    return this.sprintf(this.str(this.cell(fmtVar).v), [n]);
  }

  str(v: Val): string {
    if (typeof v === 'string') return v;
    if (v === undefined) return '';
    if (typeof v === 'number') return this.numStr(v);
    return v.s;
  }

  private looksNumeric(v: Val): boolean {
    if (typeof v === 'number' || v === undefined) return true;
    return v instanceof StrNum && NUMERIC.test(v.s);
  }

  truthy(v: Val): boolean {
    if (typeof v === 'number') return v !== 0;
    if (v === undefined) return false;
    if (v instanceof StrNum) return NUMERIC.test(v.s) ? strToNum(v.s) !== 0 : v.s !== '';
    return v !== '';
  }

  private compare(a: Val, b: Val): number {
    if (this.looksNumeric(a) && this.looksNumeric(b)) {
      const x = this.num(a);
      const y = this.num(b);
      return x < y ? -1 : x > y ? 1 : 0;
    }
    const x = this.str(a);
    const y = this.str(b);
    return x < y ? -1 : x > y ? 1 : 0;
  }

  sprintf(fmt: string, args: Val[]): string {
    return format(fmt, args, {
      num: (v) => this.num(v),
      str: (v) => this.str(v),
      ranOut: (f, at) => {
        if (this.flavour === 'busybox') return;
        // gawk format_tree: the format and a caret under the conversion that found no argument.
        this.fatal(`not enough arguments to satisfy format string\n\t\`${f}'\n\t${' '.repeat(at)}^ ran out for this one`);
      },
    });
  }

  // -- variables --

  cell(name: string): Cell {
    let c = this.globals.get(name);
    if (!c) {
      c = { v: undefined };
      this.globals.set(name, c);
    }
    return c;
  }

  private refCell(r: Ref): Cell {
    if (r.k === 'local') return this.frames[this.frames.length - 1][r.idx];
    if (r.name === 'NF') return { v: this.nf };
    return this.cell(r.name);
  }

  private array(r: Ref): Map<string, Val> {
    return this.cellArray(this.refCell(r), r.name);
  }

  /** The cell's array, made on first use; a parameter's goes to the caller's variable. */
  private cellArray(c: Cell, name: string): Map<string, Val> {
    if (c.arr) return c.arr;
    if (c.v !== undefined) this.fatal(`attempt to use scalar \`${name}' as an array`, 'Not an array');
    c.arr = c.ref ? this.cellArray(c.ref, name) : new Map();
    return c.arr;
  }

  private scalar(r: Ref): Val {
    if (r.k === 'var') {
      if (r.name === 'NF') return this.nf;
      const c = this.globals.get(r.name);
      if (c?.arr) this.fatal(`attempt to use array \`${r.name}' in a scalar context`, 'Not an array');
      return c?.v;
    }
    const c = this.refCell(r);
    if (c.arr) this.fatal(`attempt to use array \`${r.name}' in a scalar context`, 'Not an array');
    return c.v;
  }

  private setScalar(r: Ref, v: Val): void {
    if (r.k === 'var' && r.name === 'NF') return this.setNF(Math.trunc(this.num(v)));
    if (r.k === 'var' && r.name === 'RS' && this.str(v) !== '\n') this.unsupportedRS(this.str(v));
    const c = this.refCell(r);
    if (c.arr) this.fatal(`attempt to use array \`${r.name}' in a scalar context`, 'Not an array');
    c.v = v;
  }

  unsupportedRS(v: string): never {
    throw new AwkError(`awk: RS=${JSON.stringify(v)}: a record separator other than a newline is not simulated in this lab\n`, 2);
  }

  private key(subs: Expr[]): string {
    return subs.map((e) => this.str(this.eval(e))).join(this.str(this.cell('SUBSEP').v));
  }

  // -- records and fields --

  setRecord(text: string): void {
    this.record = text;
    this.split();
  }

  private split(): void {
    const parts = this.splitWith(this.record, this.str(this.cell('FS').v));
    this.fields = ['', ...parts];
    this.nf = parts.length;
  }

  /** Field splitting by POSIX's FS rules: " " runs of blanks, one other character literally, else an ERE. */
  splitWith(text: string, fs: string): string[] {
    if (text === '') return [];
    if (fs === ' ') {
      const t = text.replace(/^[ \t\n]+|[ \t\n]+$/g, '');
      return t === '' ? [] : t.split(/[ \t\n]+/);
    }
    if (fs.length === 1) return text.split(fs);
    return text.split(new RegExp(this.dynRegex(fs).source, 'g'));
  }

  private getField(i: number): Val {
    if (i < 0) this.fatal(`attempt to access field ${i}`, 'Access to negative field');
    if (i === 0) return new StrNum(this.record);
    return i <= this.nf ? new StrNum(this.fields[i]) : undefined;
  }

  private setField(i: number, v: string): void {
    if (i < 0) this.fatal(`attempt to access field ${i}`, 'Access to negative field');
    if (i === 0) return this.setRecord(v);
    while (this.fields.length <= i) this.fields.push('');
    this.fields[i] = v;
    if (i > this.nf) this.nf = i;
    this.rebuild();
  }

  private setNF(n: number): void {
    if (n < 0) this.fatal('NF set to negative value', 'Access to negative field');
    while (this.fields.length <= n) this.fields.push('');
    this.fields.length = n + 1;
    this.nf = n;
    this.rebuild();
  }

  private rebuild(): void {
    this.record = this.fields.slice(1, this.nf + 1).join(this.str(this.cell('OFS').v));
  }

  // -- regexes --

  /** A dynamic regex (a string used where a regex goes), compiled once per text. */
  dynRegex(src: string): RegExp {
    let re = this.regexCache.get(src);
    if (!re) {
      try {
        re = this.ereOf(src);
      } catch (e) {
        if (e instanceof AwkError) throw e;
        // re.c make_regexp: fatal("invalid regexp: %s: /%s/") with regcomp's text (regcomp.c __re_error_msgid).
        if (this.flavour === 'busybox') throw new AwkError(`awk: bad regex '${src}': ${regcompError(e)}\n`, 1);
        this.fatal(`invalid regexp: ${regcompError(e)}: /${src}/`);
      }
      this.regexCache.set(src, re!);
    }
    return re!;
  }

  private regexOf(e: Expr): RegExp {
    if (e.k === 're') return e.re;
    return this.dynRegex(this.str(this.eval(e)));
  }

  // -- assignment targets --

  private get(target: Expr): Val {
    return this.eval(target);
  }

  private assign(target: Expr, v: Val): Val {
    // A value stored keeps its kind; a strnum stays a strnum (POSIX: assignment copies the value).
    switch (target.k) {
      case 'var':
      case 'local':
        this.setScalar(target, v);
        return v;
      case 'index':
        this.array(target.ref).set(this.key(target.subs), v);
        return v;
      case 'field': {
        const i = Math.trunc(this.num(this.eval(target.e)));
        this.setField(i, this.str(v));
        return v;
      }
      case 'group':
        return this.assign(target.e, v);
    }
    throw new Error('not an lvalue');
  }

  // -- expressions --

  eval(e: Expr): Val {
    switch (e.k) {
      case 'num':
        return e.v;
      case 'str':
        return e.v;
      case 're':
        return e.re.test(this.record) ? 1 : 0;
      case 'var':
      case 'local':
        return this.scalar(e);
      case 'index': {
        const arr = this.array(e.ref);
        const k = this.key(e.subs);
        // Referencing an element creates it (POSIX), so `if (a["x"] == "")` adds "x".
        if (!arr.has(k)) arr.set(k, undefined);
        return arr.get(k);
      }
      case 'field':
        return this.getField(Math.trunc(this.num(this.eval(e.e))));
      case 'group':
        return this.eval(e.e);
      case 'grouplist':
        return this.key(e.items);
      case 'assign': {
        if (e.op === '=') return this.assign(e.target, this.eval(e.e));
        const cur = this.num(this.get(e.target));
        const rhs = this.num(this.eval(e.e));
        return this.assign(e.target, this.arith(e.op[0], cur, rhs));
      }
      case 'cond':
        return this.truthy(this.eval(e.c)) ? this.eval(e.a) : this.eval(e.b);
      case 'and':
        return this.truthy(this.eval(e.a)) && this.truthy(this.eval(e.b)) ? 1 : 0;
      case 'or':
        return this.truthy(this.eval(e.a)) || this.truthy(this.eval(e.b)) ? 1 : 0;
      case 'in':
        return this.array(e.ref).has(this.key(e.subs)) ? 1 : 0;
      case 'match': {
        const s = this.str(this.eval(e.a));
        return this.regexOf(e.re).test(s) !== e.neg ? 1 : 0;
      }
      case 'cmp': {
        const c = this.compare(this.eval(e.a), this.eval(e.b));
        const r = { '<': c < 0, '<=': c <= 0, '>': c > 0, '>=': c >= 0, '==': c === 0, '!=': c !== 0 }[e.op];
        return r ? 1 : 0;
      }
      case 'concat':
        return this.str(this.eval(e.a)) + this.str(this.eval(e.b));
      case 'bin':
        return this.arith(e.op, this.num(this.eval(e.a)), this.num(this.eval(e.b)));
      case 'unary': {
        const v = this.eval(e.e);
        if (e.op === '!') return this.truthy(v) ? 0 : 1;
        return e.op === '-' ? -this.num(v) : this.num(v);
      }
      case 'incdec': {
        const old = this.num(this.get(e.target));
        const now = e.op === '++' ? old + 1 : old - 1;
        this.assign(e.target, now);
        return e.pre ? now : old;
      }
      case 'call':
        return this.call(e);
      case 'builtin':
        return this.builtin(e.name, e.args);
    }
  }

  private arith(op: string, a: number, b: number): number {
    switch (op) {
      case '+':
        return a + b;
      case '-':
        return a - b;
      case '*':
        return a * b;
      case '/':
        // interpret.h Op_quotient: "division by zero attempted"; busybox EMSG_DIV_BY_ZERO.
        if (b === 0) this.fatal('division by zero attempted', 'Division by zero');
        return a / b;
      case '%':
        if (b === 0) this.fatal("division by zero attempted in `%'", 'Division by zero');
        return a % b;
      default:
        return a ** b;
    }
  }

  private call(e: { name: string; args: Expr[]; pos: number }): Val {
    const f = this.prog.funcs.get(e.name);
    // gawk only warns under --lint when parsing; calling it is fatal (interpret.h Op_func_call).
    if (!f) this.fatal(`function \`${e.name}' not defined`, 'Call to undefined function');
    if (e.args.length > f.params.length) {
      this.fatal(`function \`${e.name}' called with more arguments than declared`, 'Unexpected token');
    }
    const frame: Cell[] = f.params.map(() => ({ v: undefined }));
    e.args.forEach((a, i) => {
      // A bare variable passes its array by reference (or may become one in the callee).
      if (a.k === 'var' || a.k === 'local') {
        const c = a.k === 'local' ? this.frames[this.frames.length - 1][a.idx] : a.name === 'NF' ? undefined : this.cell(a.name);
        if (c && (c.arr || (c.v === undefined && !(a.k === 'var' && this.isSpecial(a.name))))) {
          frame[i] = c.arr ? { v: undefined, arr: c.arr } : { v: undefined, ref: c };
          return;
        }
      }
      frame[i] = { v: this.eval(a) };
    });
    if (this.frames.length > 1000) this.fatal('function call nesting too deep (the lab stops at 1000)');
    this.frames.push(frame);
    try {
      this.exec(f.body);
      return undefined;
    } catch (x) {
      if (x instanceof ReturnValue) return x.v;
      throw x;
    } finally {
      this.frames.pop();
    }
  }

  private isSpecial(name: string): boolean {
    return ['NR', 'FNR', 'FS', 'OFS', 'ORS', 'RS', 'SUBSEP', 'CONVFMT', 'OFMT', 'FILENAME', 'RSTART', 'RLENGTH'].includes(name);
  }

  private builtin(name: string, args: Expr[]): Val {
    const arg = (i: number) => this.eval(args[i]);
    const need = (min: number, max: number) => {
      // awkgram.y snode: "%d is invalid as number of arguments for %s"; busybox EMSG_TOO_FEW_ARGS.
      if (args.length < min || args.length > max) this.fatal(`${args.length} is invalid as number of arguments for ${name}`, 'Too few arguments for builtin');
    };
    switch (name) {
      case 'length': {
        need(0, 1);
        if (!args.length) return [...this.record].length;
        const a = args[0];
        if (a.k === 'var' || a.k === 'local') {
          const c = this.refCell(a);
          if (c.arr) return c.arr.size;
        }
        return [...this.str(arg(0))].length;
      }
      case 'substr': {
        need(2, 3);
        const s = [...this.str(arg(0))];
        // POSIX: the characters from position m (rounded) for n (rounded) characters.
        const round = (x: number) => (this.flavour === 'busybox' ? Math.trunc(x) : Math.round(x));
        const m = round(this.num(arg(1)));
        const n = args.length > 2 ? round(this.num(arg(2))) : Infinity;
        const from = Math.max(m, 1);
        const to = Math.min(m + n, s.length + 1);
        return to > from ? s.slice(from - 1, to - 1).join('') : '';
      }
      case 'index': {
        need(2, 2);
        const s = this.str(arg(0));
        const t = this.str(arg(1));
        return [...s.slice(0, Math.max(0, s.indexOf(t)))].length + (s.indexOf(t) >= 0 ? 1 : 0);
      }
      case 'split': {
        need(2, 3);
        const s = this.str(arg(0));
        const target = args[1];
        if (target.k !== 'var' && target.k !== 'local') this.fatal('split: second argument is not an array', 'Not an array');
        const arr = this.array(target as Ref);
        let parts: string[];
        if (args.length > 2 && args[2].k === 're') parts = s === '' ? [] : s.split(new RegExp((args[2] as { re: RegExp }).re.source, 'g'));
        else parts = this.splitWith(s, args.length > 2 ? this.str(arg(2)) : this.str(this.cell('FS').v));
        arr.clear();
        parts.forEach((p, i) => arr.set(String(i + 1), new StrNum(p)));
        return parts.length;
      }
      case 'sub':
      case 'gsub': {
        need(2, 3);
        const re = this.regexOf(args[0]);
        const repl = this.str(arg(1));
        const target: Expr = args.length > 2 ? args[2] : { k: 'field', e: { k: 'num', v: 0 } };
        if (!['var', 'local', 'index', 'field', 'group'].includes(target.k)) {
          const r = this.replace(this.str(this.eval(target)), re, repl, name === 'gsub');
          return r.count;
        }
        const r = this.replace(this.str(this.eval(target)), re, repl, name === 'gsub');
        if (r.count) this.assign(target, r.text);
        return r.count;
      }
      case 'match': {
        need(2, 2);
        const s = this.str(arg(0));
        const m = this.regexOf(args[1]).exec(s);
        const start = m ? [...s.slice(0, m.index)].length + 1 : 0;
        const len = m ? [...m[0]].length : -1;
        this.cell('RSTART').v = start;
        this.cell('RLENGTH').v = len;
        return start;
      }
      case 'sprintf':
        if (!args.length) this.fatal('0 is invalid as number of arguments for sprintf', 'Too few arguments for builtin');
        return this.sprintf(this.str(arg(0)), args.slice(1).map((a) => this.eval(a)));
      case 'tolower':
        need(1, 1);
        return this.str(arg(0)).toLowerCase();
      case 'toupper':
        need(1, 1);
        return this.str(arg(0)).toUpperCase();
      case 'int':
        need(1, 1);
        return Math.trunc(this.num(arg(0)));
      case 'sqrt':
        need(1, 1);
        return Math.sqrt(this.num(arg(0)));
      case 'exp':
        need(1, 1);
        return Math.exp(this.num(arg(0)));
      case 'log':
        need(1, 1);
        return Math.log(this.num(arg(0)));
      case 'sin':
        need(1, 1);
        return Math.sin(this.num(arg(0)));
      case 'cos':
        need(1, 1);
        return Math.cos(this.num(arg(0)));
      case 'atan2':
        need(2, 2);
        return Math.atan2(this.num(arg(0)), this.num(arg(1)));
      case 'rand': {
        need(0, 0);
        // A fixed linear congruential generator: the same seed gives the same numbers on every run.
        this.rng = (Math.imul(this.rng ^ 0x5deece66, 1103515245) + 12345) >>> 0;
        return this.rng / 4294967296;
      }
      case 'srand': {
        need(0, 1);
        this.prevSeed = this.seed;
        this.seed = args.length ? Math.trunc(this.num(arg(0))) : Math.floor(this.nowMs / 1000);
        this.rng = this.seed >>> 0;
        return this.prevSeed;
      }
      case 'close': {
        need(1, 2);
        return this.files.delete(this.str(arg(0))) ? 0 : -1;
      }
      case 'fflush':
        return 0;
    }
    return undefined;
  }

  nowMs = 0;

  /** sub/gsub: `&` is the match, `\&` a literal &, `\\` a backslash (POSIX rules, as gawk follows them). */
  private replace(s: string, re: RegExp, repl: string, global: boolean): { text: string; count: number } {
    const g = new RegExp(re.source, re.flags.includes('g') ? re.flags : re.flags + 'g');
    let out = '';
    let pos = 0;
    let count = 0;
    let prevEnd = -1;
    while (pos <= s.length) {
      g.lastIndex = pos;
      const m = g.exec(s);
      if (!m) break;
      if (m[0] === '' && m.index === prevEnd) {
        // An empty match right after a match is not a match (gawk do_sub).
        if (m.index >= s.length) break;
        out += s.slice(pos, m.index + 1);
        pos = m.index + 1;
        continue;
      }
      out += s.slice(pos, m.index);
      for (let i = 0; i < repl.length; i++) {
        const c = repl[i];
        if (c === '\\' && (repl[i + 1] === '&' || repl[i + 1] === '\\')) out += repl[++i];
        else if (c === '&') out += m[0];
        else out += c;
      }
      count++;
      if (m[0] === '') {
        if (m.index < s.length) out += s[m.index];
        pos = m.index + 1;
      } else {
        pos = m.index + m[0].length;
        prevEnd = pos;
      }
      if (!global) break;
    }
    if (!count) return { text: s, count: 0 };
    return { text: out + s.slice(pos), count };
  }

  // -- statements --

  exec(stmts: Stmt[]): void {
    for (const s of stmts) this.stmt(s);
  }

  private stmt(s: Stmt): void {
    if (++this.steps > STEP_LIMIT) {
      throw new AwkError(`awk: stopped after ${STEP_LIMIT} statements (the lab's limit, so the page stays responsive)\n`, 2);
    }
    this.line = s.line;
    switch (s.k) {
      case 'expr':
        this.eval(s.e);
        return;
      case 'print': {
        const ofs = this.str(this.cell('OFS').v);
        const text = s.args.length
          ? s.args
              .map((a) => {
                const v = this.eval(a);
                return typeof v === 'number' ? this.numStr(v, 'OFMT') : this.str(v);
              })
              .join(ofs)
          : this.record;
        this.write(text + this.str(this.cell('ORS').v), s.dest);
        return;
      }
      case 'printf': {
        const [f, ...rest] = s.args.map((a) => this.eval(a));
        this.write(this.sprintf(this.str(f), rest), s.dest);
        return;
      }
      case 'if':
        if (this.truthy(this.eval(s.c))) this.stmt(s.then);
        else if (s.else) this.stmt(s.else);
        return;
      case 'while':
        while (this.truthy(this.eval(s.c))) {
          if (this.loopPass(s.body)) break;
        }
        return;
      case 'do':
        do {
          if (this.loopPass(s.body)) break;
        } while (this.truthy(this.eval(s.c)));
        return;
      case 'for':
        if (s.init) this.eval(s.init);
        while (!s.c || this.truthy(this.eval(s.c))) {
          if (this.loopPass(s.body)) break;
          if (s.step) this.eval(s.step);
        }
        return;
      case 'forin': {
        // gawk's order is unspecified (its hash); the lab walks keys in insertion order.
        const arr = this.array(s.arr);
        for (const k of [...arr.keys()]) {
          if (!arr.has(k)) continue;
          this.setScalar(s.v, new StrNum(k));
          if (this.loopPass(s.body)) break;
        }
        return;
      }
      case 'block':
        this.exec(s.body);
        return;
      case 'next':
        throw new NextRecord();
      case 'nextfile':
        throw new NextFile();
      case 'break':
        throw new BreakLoop();
      case 'continue':
        throw new ContinueLoop();
      case 'exit':
        throw new ExitProgram(s.e ? Math.trunc(this.num(this.eval(s.e))) & 255 : undefined);
      case 'return':
        throw new ReturnValue(s.e ? this.eval(s.e) : undefined);
      case 'delete': {
        const arr = this.array(s.ref);
        if (s.subs) arr.delete(this.key(s.subs));
        else arr.clear();
        return;
      }
    }
  }

  /** One pass of a loop body; true when it broke out. */
  private loopPass(body: Stmt): boolean {
    try {
      this.stmt(body);
    } catch (x) {
      if (x instanceof BreakLoop) return true;
      if (x instanceof ContinueLoop) return false;
      throw x;
    }
    return false;
  }

  /** stdout, or `> file` (truncated on first use in this run, then appended) / `>> file`. */
  private write(text: string, dest?: { append: boolean; e: Expr }): void {
    if (!dest) {
      this.io.stdout(text);
      return;
    }
    const name = this.str(this.eval(dest.e));
    if (name === '/dev/stdout' || name === '-') return this.io.stdout(text);
    if (name === '/dev/stderr') return this.io.stderr(text);
    const path = resolvePath(this.io.cwd, name);
    let content = this.files.get(name);
    try {
      if (content === undefined) content = dest.append && this.io.fs.exists(path) ? this.io.fs.readFile(path) : '';
      content += text;
      this.io.fs.writeFile(path, content);
      this.files.set(name, content);
    } catch (e) {
      // io.c redirect_string: "cannot redirect to `%s': %s"; busybox xfopen: "can't open '%s'".
      if (this.flavour === 'busybox') throw new AwkError(`awk: can't open '${name}': ${fsErrorText(e)}\n`, 1);
      this.fatal(`cannot redirect to \`${name}': ${fsErrorText(e)}`);
    }
  }

  /** A `var=value` operand or -v assignment: escapes processed, the value a strnum. */
  assignVar(name: string, value: string): void {
    if (name === 'RS' && unescape(value) !== '\n') this.unsupportedRS(unescape(value));
    if (name === 'NF') return this.setNF(Math.trunc(strToNum(unescape(value))));
    this.cell(name).v = new StrNum(unescape(value));
  }

  /** Whether a pattern selects the current record (ranges keep their state between records). */
  selects(r: Rule): boolean {
    if (r.range) {
      if (!r.inRange) {
        if (!this.truthy(this.eval(r.range[0]))) return false;
        r.inRange = !this.truthy(this.eval(r.range[1]));
        return true;
      }
      if (this.truthy(this.eval(r.range[1]))) r.inRange = false;
      return true;
    }
    return !r.pattern || this.truthy(this.eval(r.pattern));
  }

  runRule(r: Rule): void {
    if (!this.selects(r)) return;
    if (r.action) this.exec(r.action);
    else this.io.stdout(this.record + this.str(this.cell('ORS').v));
  }

  bumpRecord(fnr: number): void {
    this.cell('NR').v = this.num(this.cell('NR').v) + 1;
    this.cell('FNR').v = fnr;
  }
}
