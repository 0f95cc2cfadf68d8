// grep as GNU grep 3.x prints it (src/grep.c): -i -v -c -q -n -w -x -o -l -L -h -H -s -m -E -F -G,
// -r/-R (a directory's files, names in the order its listing gives; with no file, the working
// directory, names without `./`), -e PATTERN (repeatable), and context: -A N, -B N, -C N, -N, with `--` between groups that are
// not adjacent (--group-separator=SEP, --no-group-separator). Context lines print with `-` after
// the file name and line number, matching lines with `:` (grep.c print_line_head sep). busybox
// grep (findutils/grep.c) prints the same for these options, so container shells share it.
import { resolvePath, type FileSystem } from '../cluster/fs.ts';
import { inputs, lines } from './inputs.ts';
import type { Command, CommandIO, LineStage } from './types.ts';

const USAGE = "Usage: grep [OPTION]... PATTERNS [FILE]...\nTry 'grep --help' for more information.\n";

/** Long options and the short letter they stand for (grep.c long_options). */
const LONG: Record<string, string> = {
  'ignore-case': 'i', 'invert-match': 'v', count: 'c', quiet: 'q', silent: 'q', 'line-number': 'n',
  'extended-regexp': 'E', 'fixed-strings': 'F', 'basic-regexp': 'G', 'word-regexp': 'w', 'line-regexp': 'x',
  'only-matching': 'o', 'files-with-matches': 'l', 'files-without-match': 'L', 'no-filename': 'h',
  'with-filename': 'H', 'no-messages': 's', 'after-context': 'A', 'before-context': 'B', context: 'C',
  'max-count': 'm', regexp: 'e', recursive: 'r', 'dereference-recursive': 'R',
};
const VALUED = 'eABCm';
const BOOLEAN = 'ivcqnEFGwxolLhHsyrR';

export interface GrepOptions {
  flags: Set<string>;
  patterns: string[];
  after: number;
  before: number;
  /** A context option was given (even 0): groups are then separated. */
  context: boolean;
  maxCount: number;
  separator: string | undefined;
  files: string[];
  re: RegExp;
}

/** Parses grep's arguments as getopt_long does (clusters, `-A3`, `-A 3`, `--context=3`, `-3`, `--`). */
export function parseGrep(args: string[]): GrepOptions | { error: string; status: number } {
  const flags = new Set<string>();
  const patterns: string[] = [];
  const operands: string[] = [];
  let after = -1;
  let before = -1;
  let maxCount = -1;
  let separator: string | undefined = '--';
  const num = (v: string, what: 'context' | 'max'): number | string => {
    if (!/^\d+$/.test(v)) return what === 'context' ? `grep: ${v}: invalid context length argument\n` : `grep: invalid max count\n`;
    return Number(v);
  };
  const setValued = (f: string, v: string): string | undefined => {
    if (f === 'e') patterns.push(v);
    else if (f === 'm') {
      const n = num(v, 'max');
      if (typeof n === 'string') return n;
      maxCount = n;
    } else {
      const n = num(v, 'context');
      if (typeof n === 'string') return n;
      if (f === 'A' || f === 'C') after = n;
      if (f === 'B' || f === 'C') before = n;
    }
    return undefined;
  };
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '--') {
      operands.push(...args.slice(i + 1));
      break;
    }
    if (a.startsWith('--')) {
      const eq = a.indexOf('=');
      const name = eq > 0 ? a.slice(2, eq) : a.slice(2);
      if (name === 'no-group-separator') separator = undefined;
      else if (name === 'group-separator') separator = eq > 0 ? a.slice(eq + 1) : args[++i];
      else if (name === 'color' || name === 'colour') continue;
      else if (LONG[name]) {
        const f = LONG[name];
        if (VALUED.includes(f)) {
          const v = eq > 0 ? a.slice(eq + 1) : args[++i];
          if (v === undefined) return { error: `grep: option '--${name}' requires an argument\n${USAGE}`, status: 2 };
          const err = setValued(f, v);
          if (err) return { error: err, status: 2 };
        } else flags.add(f);
      } else return { error: `grep: unrecognized option '${a}'\n${USAGE}`, status: 2 };
      continue;
    }
    if (a.startsWith('-') && a.length > 1) {
      // -NUM is -C NUM (grep.c: digit options accumulate a context length).
      const digits = /^-(\d+)$/.exec(a);
      if (digits) {
        after = before = Number(digits[1]);
        continue;
      }
      for (let j = 1; j < a.length; j++) {
        const f = a[j];
        if (VALUED.includes(f)) {
          const v = j + 1 < a.length ? a.slice(j + 1) : args[++i];
          if (v === undefined) return { error: `grep: option requires an argument -- '${f}'\n${USAGE}`, status: 2 };
          const err = setValued(f, v);
          if (err) return { error: err, status: 2 };
          break;
        }
        if (!BOOLEAN.includes(f)) return { error: `grep: invalid option -- '${f}'\n${USAGE}`, status: 2 };
        flags.add(f === 'y' ? 'i' : f);
      }
      continue;
    }
    operands.push(a);
  }
  if (!patterns.length) {
    if (!operands.length) return { error: USAGE, status: 2 };
    patterns.push(operands.shift()!);
  }
  const re = compile(patterns, flags);
  if (typeof re === 'string') return { error: re, status: 2 };
  return { flags, patterns, after: Math.max(0, after), before: Math.max(0, before), context: after >= 0 || before >= 0, maxCount, separator, files: operands, re };
}

/** POSIX bracket classes JS lacks. */
const CLASSES: Record<string, string> = {
  alpha: 'A-Za-z', digit: '0-9', alnum: 'A-Za-z0-9', upper: 'A-Z', lower: 'a-z', space: '\\s', blank: ' \\t',
  xdigit: '0-9A-Fa-f', punct: '!-\\/:-@\\[-`{-~',
};

/**
 * A BRE or ERE → a JS source. In a BRE `\| \( \) \{ \} \+ \?` are the operators and the bare forms
 * literal; in both `\<` `\>` are word edges and `[[:digit:]]` a class.
 */
export function posixRegexToJs(p: string, ere: boolean): string {
  let out = '';
  for (let i = 0; i < p.length; i++) {
    const c = p[i];
    if (c === '[') {
      // A bracket expression: copied with [:class:] translated; a backslash in it is literal.
      let j = i + 1;
      let body = '';
      if (p[j] === '^') body += p[j++];
      if (p[j] === ']') {
        body += '\\]';
        j++;
      }
      while (j < p.length && p[j] !== ']') {
        const m = /^\[:([a-z]+):\]/.exec(p.slice(j));
        if (m && CLASSES[m[1]]) {
          body += CLASSES[m[1]];
          j += m[0].length;
          continue;
        }
        body += p[j] === '\\' || p[j] === '[' ? '\\' + p[j] : p[j];
        j++;
      }
      if (j >= p.length) throw new SyntaxError('grep: Unmatched [, [^, [:, [., or [=\n');
      out += `[${body}]`;
      i = j;
      continue;
    }
    if (c === '\\' && i + 1 < p.length) {
      const n = p[++i];
      if (n === '<') out += '\\b(?=\\w)';
      else if (n === '>') out += '\\b(?<=\\w)';
      else if (!ere && '|(){}+?'.includes(n)) out += n;
      else out += '\\' + n;
      continue;
    }
    out += !ere && '|(){}+?'.includes(c) ? '\\' + c : c;
  }
  return out;
}

function compile(patterns: string[], flags: Set<string>): RegExp | string {
  const ere = flags.has('E');
  const fixed = flags.has('F');
  try {
    const src = patterns
      .flatMap((p) => p.split('\n'))
      .map((p) => (fixed ? p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&') : posixRegexToJs(p, ere)))
      .map((p) => (flags.has('x') ? `^(?:${p})$` : flags.has('w') ? `(?<![A-Za-z0-9_])(?:${p})(?![A-Za-z0-9_])` : p))
      .join('|');
    return new RegExp(src, flags.has('i') ? 'i' : '');
  } catch (e) {
    return e instanceof SyntaxError && e.message.startsWith('grep: ') ? e.message : 'grep: Unmatched ( or \\(\n';
  }
}

/**
 * `cmd | grep PATTERN` as a line filter, so a watch piped into grep shows its lines as they come,
 * and `-m NUM`/`-q` end it at the match. Undefined when this grep reads files, counts, numbers,
 * prints context or parts of lines (then it runs as a whole pipe stage).
 */
function grepLineStage(io: CommandIO): LineStage | undefined {
  const g = parseGrep(io.argv.slice(1));
  if ('error' in g || g.files.length || g.context) return undefined;
  if (['c', 'n', 'o', 'l', 'L', 'H', 'r', 'R'].some((f) => g.flags.has(f))) return undefined;
  const invert = g.flags.has('v');
  const quiet = g.flags.has('q');
  // grep exits after -m NUM selected lines (0: before reading any), and -q at the first one.
  const max = quiet ? 1 : g.maxCount;
  let n = 0;
  const done = () => max >= 0 && n >= max;
  return {
    line: (line) => {
      if (done() || g.re.test(line) === invert) return;
      n++;
      if (!quiet) io.stdout(line + '\n');
    },
    done,
    end: () => (n ? 0 : 1),
  };
}

export const grep: Command = async (io) => {
  const g = parseGrep(io.argv.slice(1));
  if ('error' in g) {
    io.stderr(g.error);
    return g.status;
  }
  const { re, flags } = g;
  const invert = flags.has('v');
  const count = flags.has('c');
  const quiet = flags.has('q');
  const list = flags.has('l') || flags.has('L');
  const only = flags.has('o');
  const number = flags.has('n');
  const recursive = flags.has('r') || flags.has('R');
  const found = recursive ? filesBelow(io, g.files) : { files: g.files, walked: new Set<string>() };
  // grep.c out_file: names with more than one operand, and (with -r) for files found inside a
  // directory, not for a single file operand.
  const named = (name: string) => !flags.has('h') && (flags.has('H') || g.files.length > 1 || found.walked.has(name));
  let matched = false;
  let status = 0;
  let printedAny = false;
  for (const inp of inputs(io, found.files)) {
    if (inp.error) {
      if (!flags.has('s')) io.stderr(`grep: ${inp.name}: ${inp.error}\n`);
      status = 2;
      continue;
    }
    const name = inp.name === '-' ? '(standard input)' : inp.name;
    const withName = named(inp.name);
    const head = (i: number, sep: ':' | '-') => `${withName ? name + sep : ''}${number ? `${i + 1}${sep}` : ''}`;
    const ls = lines(inp.text!);
    let n = 0;
    let lastPrinted = -1;
    let afterLeft = 0;
    const emit = (i: number, sep: ':' | '-') => {
      if (g.context && g.separator !== undefined && printedAny && (lastPrinted < 0 || i > lastPrinted + 1)) io.stdout(g.separator + '\n');
      if (sep === ':' && only) {
        const all = new RegExp(re.source, re.flags + 'g');
        for (const m of ls[i].matchAll(all)) if (m[0]) io.stdout(`${head(i, ':')}${m[0]}\n`);
      } else if (!(sep === '-' && only)) io.stdout(`${head(i, sep)}${ls[i]}\n`);
      printedAny = true;
      lastPrinted = i;
    };
    for (let i = 0; i < ls.length; i++) {
      if (g.maxCount >= 0 && n >= g.maxCount) {
        // -m: stop reading, but still print the trailing context of the last match.
        if (afterLeft-- > 0 && !count && !quiet && !list) {
          emit(i, '-');
          continue;
        }
        break;
      }
      const isMatch = re.test(ls[i]) !== invert;
      if (!isMatch) {
        if (afterLeft > 0 && !count && !quiet && !list) {
          afterLeft--;
          emit(i, '-');
        }
        continue;
      }
      n++;
      matched = true;
      if (quiet) return 0;
      if (count || quiet || list) continue;
      for (let j = Math.max(i - g.before, lastPrinted + 1, 0); j < i; j++) emit(j, '-');
      emit(i, ':');
      afterLeft = g.after;
    }
    if (count && !quiet) io.stdout(`${withName ? name + ':' : ''}${n}\n`);
    if (!quiet && flags.has('l') && n) io.stdout(name + '\n');
    if (!quiet && flags.has('L') && !n) io.stdout(name + '\n');
  }
  return status === 2 && !(quiet && matched) ? 2 : matched ? 0 : 1;
};
grep.lineStage = grepLineStage;

/**
 * -r: each directory operand replaced by the files below it, depth first in listing order (the
 * working directory when there is no operand: its files are named without `./`). `walked`: the
 * names found inside a directory.
 */
function filesBelow(io: CommandIO, operands: string[]): { files: string[]; walked: Set<string> } {
  const files: string[] = [];
  const walked = new Set<string>();
  const implicit = !operands.length;
  for (const op of implicit ? ['.'] : operands) {
    const path = resolvePath(io.cwd, op);
    let dir = false;
    try {
      dir = op !== '-' && io.fs.stat(path).type === 'dir';
    } catch {
      // missing: reading it reports the error
    }
    if (!dir) {
      files.push(op);
      continue;
    }
    const prefix = implicit ? '' : `${op.replace(/\/+$/, '') || '/'}/`.replace(/^\/\/$/, '/');
    for (const rel of walk(io.fs, path, '')) {
      const name = prefix + rel;
      files.push(name);
      walked.add(name);
    }
  }
  return { files, walked };
}

function* walk(fs: FileSystem, dir: string, rel: string): Generator<string> {
  for (const n of fs.readdir(dir)) {
    const path = `${dir === '/' ? '' : dir}/${n}`;
    const r = rel ? `${rel}/${n}` : n;
    let type: string;
    try {
      type = fs.stat(path).type;
    } catch {
      continue;
    }
    if (type === 'dir') yield* walk(fs, path, r);
    else yield r;
  }
}
