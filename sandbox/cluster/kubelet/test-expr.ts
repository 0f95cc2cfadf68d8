// `test EXPR` / `[ EXPR ]` as POSIX specifies it (XCU test, "the results are unspecified" cases
// aside) and bash's test.c evaluates it: by argument count first (0: false; 1: non-empty; 2: `!`
// or a unary primary; 3: a binary primary, `!` + two, or `( x )`; 4: `!` + three or `( a b )`),
// then `! ( ) -a -o` by precedence. Pure over a file system, so the shell builtin, container
// shells and exec probes (`test ! -f /tmp/unhealthy`) can share it.
import { resolvePath, type FileSystem } from '../fs.ts';

/**
 * 0 true, 1 false, 2 error: `error` is what bash prints after `bash: test: `, `busybox` what
 * busybox's test.c prints after `sh: ` (syntax(): `<operand>: unknown operand`, `bad number`).
 */
export type TestResult = { status: 0 | 1 } | { status: 2; error: string; busybox: string };

const UNARY = new Set(['-z', '-n', '-e', '-f', '-d', '-s', '-r', '-w', '-x', '-L', '-h', '-b', '-c', '-p', '-S', '-t', '-g', '-u', '-k', '-O', '-G', '-N', '-a']);
const BINARY = new Set(['=', '==', '!=', '<', '>', '-eq', '-ne', '-lt', '-le', '-gt', '-ge', '-nt', '-ot', '-ef', '-a', '-o']);

class TestError extends Error {
  readonly busybox: string;
  constructor(bash: string, busybox: string) {
    super(bash);
    this.busybox = busybox;
  }
}

export function evalTest(args: string[], fs: FileSystem, cwd: string): TestResult {
  try {
    return { status: byCount(args, fs, cwd) ? 0 : 1 };
  } catch (e) {
    if (e instanceof TestError) return { status: 2, error: e.message, busybox: e.busybox };
    throw e;
  }
}

function byCount(a: string[], fs: FileSystem, cwd: string): boolean {
  switch (a.length) {
    case 0:
      return false;
    case 1:
      return a[0] !== '';
    case 2:
      if (a[0] === '!') return a[1] === '';
      if (UNARY.has(a[0])) return unary(a[0], a[1], fs, cwd);
      throw new TestError(`${a[0]}: unary operator expected`, `${a[1]}: unknown operand`);
    case 3:
      if (BINARY.has(a[1])) return binary(a[0], a[1], a[2], fs, cwd);
      if (a[0] === '!') return !byCount(a.slice(1), fs, cwd);
      if (a[0] === '(' && a[2] === ')') return a[1] !== '';
      throw new TestError(`${a[1]}: binary operator expected`, `${a[1]}: unknown operand`);
    case 4:
      if (a[0] === '!') return !byCount(a.slice(1), fs, cwd);
      if (a[0] === '(' && a[3] === ')') return byCount(a.slice(1, 3), fs, cwd);
      return new Parser(a, fs, cwd).run();
    default:
      return new Parser(a, fs, cwd).run();
  }
}

/** The general grammar: or := and (-o and)*; and := not (-a not)*; not := ! not | primary. */
class Parser {
  private i = 0;
  private readonly a: string[];
  private readonly fs: FileSystem;
  private readonly cwd: string;
  constructor(a: string[], fs: FileSystem, cwd: string) {
    this.a = a;
    this.fs = fs;
    this.cwd = cwd;
  }

  run(): boolean {
    const v = this.or();
    if (this.i < this.a.length) throw new TestError('too many arguments', `${this.a[this.i]}: unknown operand`);
    return v;
  }

  private or(): boolean {
    let v = this.and();
    while (this.a[this.i] === '-o') {
      this.i++;
      const r = this.and();
      v = v || r;
    }
    return v;
  }

  private and(): boolean {
    let v = this.not();
    while (this.a[this.i] === '-a') {
      this.i++;
      const r = this.not();
      v = v && r;
    }
    return v;
  }

  private not(): boolean {
    if (this.a[this.i] === '!' && this.i + 1 < this.a.length) {
      this.i++;
      return !this.not();
    }
    return this.primary();
  }

  private primary(): boolean {
    const a = this.a;
    if (this.i >= a.length) throw new TestError('argument expected', 'argument expected');
    if (a[this.i] === '(') {
      this.i++;
      const v = this.or();
      if (a[this.i] !== ')') throw new TestError("`)' expected", 'closing paren expected');
      this.i++;
      return v;
    }
    if (this.i + 2 < a.length && BINARY.has(a[this.i + 1]) && a[this.i + 1] !== '-a' && a[this.i + 1] !== '-o') {
      const v = binary(a[this.i], a[this.i + 1], a[this.i + 2], this.fs, this.cwd);
      this.i += 3;
      return v;
    }
    if (UNARY.has(a[this.i]) && a[this.i] !== '-a' && this.i + 1 < a.length) {
      const v = unary(a[this.i], a[this.i + 1], this.fs, this.cwd);
      this.i += 2;
      return v;
    }
    return a[this.i++] !== '';
  }
}

function unary(op: string, arg: string, fs: FileSystem, cwd: string): boolean {
  if (op === '-z') return arg === '';
  if (op === '-n') return arg !== '';
  if (op === '-t') return false; // no file descriptor here is a terminal
  const p = resolvePath(cwd, arg);
  if (!arg || !fs.exists(p)) return false;
  const st = fs.stat(p);
  switch (op) {
    case '-f':
      return st.type === 'file';
    case '-d':
      return st.type === 'dir';
    case '-s':
      return st.type === 'dir' || st.size > 0;
    case '-x':
      // Directories are searchable; files count as executable where programs live.
      return st.type === 'dir' || /^\/(usr\/)?(local\/)?s?bin\//.test(p);
    case '-L':
    case '-h':
    case '-b':
    case '-c':
    case '-p':
    case '-S':
    case '-g':
    case '-u':
    case '-k':
    case '-N':
      return false; // the simulated file systems have no links, devices, pipes or special bits
    default:
      return true; // -e -r -w -O -G: everything here exists for and belongs to root
  }
}

function integer(s: string): number {
  if (!/^\s*[-+]?\d+\s*$/.test(s)) throw new TestError(`${s}: integer expression expected`, `${s}: bad number`);
  return Number.parseInt(s, 10);
}

function binary(x: string, op: string, y: string, fs: FileSystem, cwd: string): boolean {
  switch (op) {
    case '=':
    case '==':
      return x === y;
    case '!=':
      return x !== y;
    case '<':
      return x < y;
    case '>':
      return x > y;
    case '-a':
      return x !== '' && y !== '';
    case '-o':
      return x !== '' || y !== '';
    case '-nt':
    case '-ot': {
      const mt = (f: string) => (fs.exists(resolvePath(cwd, f)) ? fs.stat(resolvePath(cwd, f)).mtime : undefined);
      const [a, b] = [mt(x), mt(y)];
      if (op === '-nt') return a !== undefined && (b === undefined || a > b);
      return b !== undefined && (a === undefined || a < b);
    }
    case '-ef':
      return fs.exists(resolvePath(cwd, x)) && resolvePath(cwd, x) === resolvePath(cwd, y);
  }
  const a = integer(x);
  const b = integer(y);
  switch (op) {
    case '-eq':
      return a === b;
    case '-ne':
      return a !== b;
    case '-lt':
      return a < b;
    case '-le':
      return a <= b;
    case '-gt':
      return a > b;
    default:
      return a >= b;
  }
}
