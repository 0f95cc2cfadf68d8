// sed as GNU sed 4.x prints it (sed/compile.c, sed/execute.c) and busybox sed (editors/sed.c) for
// busybox images: scripts as the first operand or -e (several, joined by newlines), -n, -i[SUFFIX]
// (--in-place[=SUFFIX]), -E/-r, -s; addresses N, $, /re/ (/re/I), \%re%, first~step, ranges A,B and
// A,+N, `!`; commands s (flags g p N I), y, p, d, q/Q [EXIT], =, a/i/c TEXT, { }, # comments,
// separated by `;` or newlines. Regular expressions go through grep's BRE/ERE translation. Errors carry GNU's wording
// (`sed: -e expression #1, char 5: unterminated `s' command`) or busybox's (`sed: unmatched '/'`).
import { resolvePath } from '../cluster/fs.ts';
import { posixRegexToJs } from './grep.ts';
import { fsErrorText } from './interpreter.ts';
import type { Command, CommandIO } from './types.ts';

type Flavour = 'gnu' | 'busybox';

/** GNU sed 4.9's usage (sed/sed.c usage()), printed for `sed` with no script (exit 1) and --help. */
const GNU_USAGE = `Usage: sed [OPTION]... {script-only-if-no-other-script} [input-file]...

  -n, --quiet, --silent
                 suppress automatic printing of pattern space
      --debug
                 annotate program execution
  -e script, --expression=script
                 add the script to the commands to be executed
  -f script-file, --file=script-file
                 add the contents of script-file to the commands to be executed
  --follow-symlinks
                 follow symlinks when processing in place
  -i[SUFFIX], --in-place[=SUFFIX]
                 edit files in place (makes backup if SUFFIX supplied)
  -l N, --line-length=N
                 specify the desired line-wrap length for the \`l' command
  --posix
                 disable all GNU extensions.
  -E, -r, --regexp-extended
                 use extended regular expressions in the script
                 (for portability use POSIX -E).
  -s, --separate
                 consider files as separate rather than as a single,
                 continuous long stream.
      --sandbox
                 operate in sandbox mode (disable e/r/w commands).
  -u, --unbuffered
                 load minimal amounts of data from the input files and flush
                 the output buffers more often
  -z, --null-data
                 separate lines by NUL characters
      --help     display this help and exit
      --version  output version information and exit

If no -e, --expression, -f, or --file option is given, then the first
non-option argument is taken as the sed script to interpret.  All
remaining arguments are names of input files; if no input files are
specified, then the standard input is read.

GNU sed home page: <https://www.gnu.org/software/sed/>.
General help using GNU software: <https://www.gnu.org/gethelp/>.
`;
/** `sed --version` in Debian bookworm images (sed 4.9); busybox answers autoconf's probe (sed.c sed_main). */
const GNU_VERSION = `sed (GNU sed) 4.9
Packaged by Debian
Copyright (C) 2022 Free Software Foundation, Inc.
License GPLv3+: GNU GPL version 3 or later <https://gnu.org/licenses/gpl.html>.
This is free software: you are free to change and redistribute it.
There is NO WARRANTY, to the extent permitted by law.

Written by Jay Fenlason, Tom Lord, Ken Pizzini,
Paolo Bonzini, Jim Meyering, and Assaf Gordon.

GNU sed home page: <https://www.gnu.org/software/sed/>.
General help using GNU software: <https://www.gnu.org/gethelp/>.
E-mail bug reports to: <bug-sed@gnu.org>.
`;
const BUSYBOX_VERSION = 'This is not GNU sed version 4.0\n';
/** busybox 1.36 `sed` usage (editors/sed.c sed_trivial_usage, sed_full_usage), the banner as in nslookup.ts. */
const BUSYBOX_USAGE =
  'BusyBox v1.36.1 (2023-05-18 22:34:17 UTC) multi-call binary.\n\n' +
  'Usage: sed [-i[SFX]] [-nrE] [-f FILE]... [-e CMD]... [FILE]...\nor: sed [-i[SFX]] [-nrE] CMD [FILE]...\n\n' +
  '\t-e CMD\tAdd CMD to sed commands to be executed\n' +
  '\t-f FILE\tAdd FILE contents to sed commands to be executed\n' +
  '\t-i[SFX]\tEdit files in-place (otherwise write to stdout)\n' +
  '\t\tOptionally back files up, appending SFX\n' +
  '\t-n\tSuppress automatic printing of pattern space\n' +
  '\t-r,-E\tUse extended regex syntax\n\n' +
  'If no -e or -f, the first non-option argument is the sed command string.\n' +
  'Remaining arguments are input files (stdin if none).\n';

/** A line address, `$`, or a regex (null: the last regex used, `//`). */
type Addr = { line: number } | { last: true } | { re: RegExp | null } | { step: number } | { first: number; every: number };

interface Subst {
  re: RegExp | null;
  repl: string;
  global: boolean;
  nth: number;
  print: boolean;
}

interface SedCmd {
  a1?: Addr;
  a2?: Addr;
  negate: boolean;
  name: string;
  subst?: Subst;
  text?: string;
  exitCode?: number;
  /** For `{`: the index of its `}`. */
  end?: number;
  /** A range A,B in progress, and the line number where a numeric or +N end stops it. */
  active?: boolean;
  endLine?: number;
}

class SedError extends Error {}

/** Commands GNU sed has that this lab does not run (hold space, branches, files). */
const NOT_SIMULATED = ':bBtThHgGxnNDPlrRwWeFvzL';

interface Expr {
  text: string;
  number: number;
}

/** Parses the script (all -e expressions) into commands, as compile.c does, char by char. */
function compile(exprs: Expr[], ere: boolean, flavour: Flavour): SedCmd[] {
  const cmds: SedCmd[] = [];
  const open: number[] = [];
  // GNU joins the -e expressions with newlines (so `-e 'a\' -e text` is one command) but counts
  // error positions within each expression: `-e expression #2, char 1`.
  const s = exprs.map((e) => e.text).join('\n');
  const starts = exprs.map((_, i) => exprs.slice(0, i).reduce((n, e) => n + e.text.length + 1, 0));
  let pos = 0;
  const where = () => {
    let k = 0;
    while (k + 1 < starts.length && starts[k + 1] <= pos - 1) k++;
    return `-e expression #${exprs[k].number}, char ${pos - starts[k]}`;
  };
  {
    const fail = (gnu: string, busybox = gnu): never => {
      throw new SedError(flavour === 'busybox' ? `sed: ${busybox}\n` : `sed: ${where()}: ${gnu}\n`);
    };
    const peek = () => (pos < s.length ? s[pos] : '');
    const next = () => (pos < s.length ? s[pos++] : '');
    const skipSpace = () => {
      while (pos < s.length && /[ \t]/.test(s[pos])) pos++;
    };
    const regex = (src: string, flags: string): RegExp => {
      try {
        return new RegExp(posixRegexToJs(src, ere), flags);
      } catch (e) {
        // regcomp's messages (GNU regcomp.c __re_error_msgid) for what JS rejects.
        const msg = String((e as Error).message);
        if (/Unmatched \[|character class/i.test(msg)) return fail('unterminated address regex', 'bad regex: Unmatched [, [^, [:, [., or [=');
        if (/Incomplete quantifier|\{/.test(msg)) return fail('Unmatched \\{', 'bad regex: Unmatched \\{');
        if (/Unmatched '\)'/.test(msg)) return fail('Unmatched ) or \\)', 'bad regex: Unmatched ) or \\)');
        if (/Unterminated group/.test(msg)) return fail('Unmatched ( or \\(', 'bad regex: Unmatched ( or \\(');
        return fail('Invalid preceding regular expression', 'bad regex: Invalid preceding regular expression');
      }
    };
    /** Reads up to the closing delimiter; `\delim` becomes delim, `\n` a newline. Undefined at the end of the text. */
    const delimited = (delim: string, regexPart: boolean): string | undefined => {
      let out = '';
      while (pos < s.length) {
        const c = s[pos++];
        if (c === delim) return out;
        if (c === '\\' && pos < s.length) {
          const n = s[pos++];
          if (n === delim) out += delim;
          else if (n === 'n') out += regexPart ? '\\n' : '\n';
          else out += c + n;
          continue;
        }
        if (c === '\n') return undefined;
        out += c;
      }
      return undefined;
    };
    const address = (): Addr | undefined => {
      const c = peek();
      if (/\d/.test(c)) {
        // GNU's first~step (compile.c compile_address ADDR_IS_STEP): 1~2 is every odd line.
        const m = /^(\d+)(?:~(\d+))?/.exec(s.slice(pos))!;
        pos += m[0].length;
        return m[2] !== undefined && flavour === 'gnu' ? { first: Number(m[1]), every: Number(m[2]) } : { line: Number(m[1]) };
      }
      if (c === '$') {
        pos++;
        return { last: true };
      }
      if (c === '/' || c === '\\') {
        pos++;
        const delim = c === '/' ? '/' : next();
        const body = delimited(delim, true);
        if (body === undefined) return fail('unterminated address regex', `unmatched '${delim}'`);
        let flags = '';
        while (peek() === 'I' || peek() === 'M') if (next() === 'I') flags = 'i';
        return { re: body === '' ? null : regex(body, flags) };
      }
      return undefined;
    };
    const endOfCommand = () => {
      skipSpace();
      const c = peek();
      if (c === '}' || c === '#') return;
      const got = next();
      if (got === '' || got === '\n' || got === ';') return;
      fail('extra characters after command');
    };
    /** a/i/c text: GNU's one-liner `a text` or `a\` newline `text`; runs to the end of the line. */
    const text = (): string => {
      skipSpace();
      if (peek() === '\\') {
        pos++;
        if (peek() === '\n') pos++;
        else skipSpace();
      }
      let out = '';
      while (pos < s.length && s[pos] !== '\n') {
        if (s[pos] === '\\' && pos + 1 < s.length) {
          out += s[pos + 1] === 'n' ? '\n' : s[pos + 1] === 't' ? '\t' : s[pos + 1];
          pos += 2;
          continue;
        }
        out += s[pos++];
      }
      if (pos < s.length) pos++;
      return out;
    };

    for (;;) {
      while (pos < s.length && /[\s;]/.test(s[pos])) pos++;
      if (pos >= s.length) break;
      if (peek() === '#') {
        while (pos < s.length && s[pos] !== '\n') pos++;
        continue;
      }
      const cmd: SedCmd = { negate: false, name: '' };
      cmd.a1 = address();
      if (cmd.a1 && peek() === ',') {
        pos++;
        skipSpace();
        const plus = /^\+(\d+)/.exec(s.slice(pos));
        if (plus) {
          pos += plus[0].length;
          cmd.a2 = { step: Number(plus[1]) };
        } else {
          cmd.a2 = address();
          if (!cmd.a2) fail("unexpected `,'", 'no address after comma');
        }
      }
      skipSpace();
      if (peek() === '!') {
        pos++;
        cmd.negate = true;
        skipSpace();
      }
      const name = next();
      cmd.name = name;
      if (!name || name === '\n' || name === ';') {
        if (cmd.a1 || cmd.negate) fail('missing command');
        continue;
      }
      if (cmd.a1 && 'line' in cmd.a1 && cmd.a1.line === 0 && !(cmd.a2 && 're' in cmd.a2)) fail('invalid usage of line address 0');
      const oneAddress = () => {
        if (cmd.a2) fail('command only uses one address', `command '${name}' uses only one address`);
      };
      switch (name) {
        case '{':
          open.push(cmds.length);
          cmds.push(cmd);
          continue;
        case '}':
          if (cmd.a1 || cmd.negate) fail("} doesn't want any addresses");
          if (!open.length) fail("unexpected `}'");
          cmds[open.pop()!].end = cmds.length;
          cmds.push(cmd);
          endOfCommand();
          continue;
        case 'p':
        case 'd':
        case '=':
          cmds.push(cmd);
          endOfCommand();
          continue;
        case 'q':
        case 'Q': {
          oneAddress();
          skipSpace();
          const m = /^\d+/.exec(s.slice(pos));
          if (m) pos += m[0].length;
          cmd.exitCode = m ? Number(m[0]) : 0;
          cmds.push(cmd);
          endOfCommand();
          continue;
        }
        case 'a':
        case 'i':
        case 'c':
          if (name !== 'c' && flavour === 'busybox') oneAddress();
          cmd.text = text();
          cmds.push(cmd);
          continue;
        case 'y': {
          // y/src/dst/: equal-length character lists (compile.c: "strings for `y' command are different lengths").
          const delim = next();
          const from = delim && delim !== '\n' && delim !== '\\' ? delimited(delim, false) : undefined;
          const to = from === undefined ? undefined : delimited(delim, false);
          if (from === undefined || to === undefined) fail("unterminated `y' command", `unmatched '${delim}'`);
          const unescape = (t: string) => t.replace(/\\(.)/g, (_, ch: string) => (ch === 'n' ? '\n' : ch === 't' ? '\t' : ch));
          const src = [...unescape(from!)];
          const dst = [...unescape(to!)];
          if (src.length !== dst.length) fail("strings for `y' command are different lengths");
          cmd.text = src.join('');
          cmd.subst = { re: null, repl: dst.join(''), global: false, nth: 0, print: false };
          cmds.push(cmd);
          endOfCommand();
          continue;
        }
        case 's': {
          const delim = next();
          if (!delim || delim === '\n' || delim === '\\') fail("unterminated `s' command", 'bad format in substitution expression');
          const re = delimited(delim, true);
          if (re === undefined) fail("unterminated `s' command", `unmatched '${delim}'`);
          const repl = delimited(delim, false);
          if (repl === undefined) fail("unterminated `s' command", `unmatched '${delim}'`);
          const sub: Subst = { re: null, repl: repl!, global: false, nth: 0, print: false };
          let flags = '';
          for (;;) {
            const f = peek();
            if (f === 'g') {
              pos++;
              if (sub.global) fail("multiple `g' options to `s' command");
              sub.global = true;
            } else if (f === 'p') {
              pos++;
              if (sub.print) fail("multiple `p' options to `s' command");
              sub.print = true;
            } else if (f === 'I' || f === 'i') {
              pos++;
              flags = 'i';
            } else if (f === 'm' || f === 'M' || f === ' ' || f === '\t') pos++;
            else if (/\d/.test(f)) {
              const m = /^\d+/.exec(s.slice(pos))!;
              pos += m[0].length;
              if (sub.nth) fail("multiple number options to `s' command");
              if (Number(m[0]) === 0) fail("number option to `s' command may not be zero");
              sub.nth = Number(m[0]);
            } else if (f === 'w') {
              pos++;
              fail('the w flag is not simulated in this lab');
            } else if (f === '' || f === '\n' || f === ';' || f === '}' || f === '#') {
              endOfCommand();
              break;
            } else {
              pos++;
              fail("unknown option to `s'", 'bad option in substitution expression');
            }
          }
          sub.re = re === '' ? null : regex(re!, flags);
          // compile.c setup_replacement: \N needs as many groups in the regex (checked after the flags).
          const groups = sub.re ? new RegExp(`${sub.re.source}|`).exec('')!.length - 1 : 9;
          for (const m of sub.repl.matchAll(/\\(.)/g)) {
            if (/[1-9]/.test(m[1]) && Number(m[1]) > groups && flavour === 'gnu') {
              throw new SedError(`sed: ${where()}: invalid reference \\${m[1]} on \`s' command's RHS\n`);
            }
          }
          cmd.subst = sub;
          cmds.push(cmd);
          continue;
        }
        default:
          if (NOT_SIMULATED.includes(name)) fail(`command \`${name}' is not simulated in this lab`, `command ${name} is not simulated in this lab`);
          fail(`unknown command: \`${name}'`, `unsupported command ${name}`);
      }
    }
  }
  if (open.length) {
    throw new SedError(flavour === 'busybox' ? "sed: unmatched '{'\n" : `sed: -e expression #1, char 0: unmatched \`{'\n`);
  }
  return cmds;
}

/** The replacement text for one match: `&` the match, `\N` a group, `\n` `\t`, `\X` X. */
function expand(repl: string, m: RegExpExecArray): string {
  let out = '';
  for (let i = 0; i < repl.length; i++) {
    const c = repl[i];
    if (c === '&') out += m[0];
    else if (c === '\\' && i + 1 < repl.length) {
      const n = repl[++i];
      if (/\d/.test(n)) out += m[Number(n)] ?? '';
      else out += n === 'n' ? '\n' : n === 't' ? '\t' : n;
    } else out += c;
  }
  return out;
}

/** s///: replaces the Nth match (and, with g, every later one); an empty match right after a match is skipped (execute.c do_subst). */
function substitute(line: string, re: RegExp, sub: Subst): string | undefined {
  const g = new RegExp(re.source, re.flags.includes('i') ? 'gi' : 'g');
  let out = '';
  let last = 0;
  let count = 0;
  let done = false;
  let prevEnd = -1;
  for (let m = g.exec(line); m; m = g.exec(line)) {
    if (m[0] === '') {
      g.lastIndex++;
      if (m.index === prevEnd) continue;
    }
    prevEnd = m.index + m[0].length;
    count++;
    if (count < (sub.nth || 1)) continue;
    out += line.slice(last, m.index) + expand(sub.repl, m);
    last = m.index + m[0].length;
    done = true;
    if (!sub.global) break;
  }
  return done ? out + line.slice(last) : undefined;
}

interface Input {
  name: string;
  lines: string[];
  /** The last line had no newline. */
  missingNewline: boolean;
}

function splitInput(name: string, text: string): Input {
  const ls = text.split('\n');
  const missingNewline = ls[ls.length - 1] !== '';
  if (!missingNewline) ls.pop();
  return { name, lines: ls, missingNewline: missingNewline && text !== '' };
}

/** Runs the commands over a stream of lines; returns the exit code of q, or undefined at the end. */
function run(cmds: SedCmd[], stream: Input[], quiet: boolean, write: (t: string) => void): number | undefined {
  let lastRe: RegExp | null = null;
  let pendingNewline = false;
  // execute.c output_missing_newline: a line that had no newline gets one before anything else is written.
  const emit = (t: string, newline: boolean) => {
    if (pendingNewline) write('\n');
    write(newline ? t + '\n' : t);
    pendingNewline = !newline;
  };
  const useRe = (re: RegExp | null): RegExp => {
    const r = re ?? lastRe;
    if (!r) throw new SedError('sed: no previous regular expression\n');
    lastRe = r;
    return r;
  };
  for (const c of cmds) c.active = false;
  const total = stream.reduce((n, inp) => n + inp.lines.length, 0);
  let lineNo = 0;
  const flat: { text: string; newline: boolean }[] = [];
  for (const inp of stream) inp.lines.forEach((l, i) => flat.push({ text: l, newline: i < inp.lines.length - 1 || !inp.missingNewline }));
  for (const { text, newline } of flat) {
    lineNo++;
    let ps = text;
    const isLast = lineNo === total;
    const hits = (a: Addr): boolean => {
      if ('line' in a) return a.line === lineNo;
      if ('last' in a) return isLast;
      if ('re' in a) return useRe(a.re).test(ps);
      if ('first' in a) return a.every > 0 ? lineNo >= a.first && (lineNo - a.first) % a.every === 0 : lineNo === a.first;
      return false;
    };
    const selected = (c: SedCmd): boolean => {
      if (!c.a1) return true;
      if (!c.a2) return hits(c.a1);
      if (c.active) {
        const a2 = c.a2;
        if ('line' in a2 || 'step' in a2) {
          if (lineNo >= c.endLine!) c.active = false;
          // A numeric end at or before the current line ends the range on this line (POSIX).
          return true;
        }
        if (hits(a2)) c.active = false;
        return true;
      }
      const a1 = c.a1;
      const startsHere = 'line' in a1 && a1.line === 0 ? false : hits(a1);
      if (!startsHere && !('line' in a1 && a1.line === 0 && lineNo === 1)) return false;
      const a2 = c.a2;
      if ('line' in a2) {
        c.endLine = a2.line;
        c.active = a2.line > lineNo;
      } else if ('step' in a2) {
        c.endLine = lineNo + a2.step;
        c.active = a2.step > 0;
      } else if ('line' in a1 && a1.line === 0) c.active = !hits(a2);
      else c.active = !('last' in a2 && isLast);
      return true;
    };
    const appended: string[] = [];
    let deleted = false;
    let quit: number | undefined;
    let printPs = !quiet;
    for (let i = 0; i < cmds.length; i++) {
      const c = cmds[i];
      const on = selected(c) !== c.negate;
      if (c.name === '{') {
        if (!on) i = c.end!;
        continue;
      }
      if (!on || c.name === '}') continue;
      if (c.name === 'p') emit(ps, newline);
      else if (c.name === '=') emit(String(lineNo), true);
      else if (c.name === 'd') {
        deleted = true;
        break;
      } else if (c.name === 'q' || c.name === 'Q') {
        quit = c.exitCode;
        if (c.name === 'Q') printPs = false;
        break;
      } else if (c.name === 'a') appended.push(c.text!);
      else if (c.name === 'i') emit(c.text!, true);
      else if (c.name === 'c') {
        // With a range, the text replaces the whole range: printed once, at its end.
        if (!c.a2 || c.negate || !c.active) emit(c.text!, true);
        deleted = true;
        break;
      } else if (c.name === 'y') {
        const from = c.text!;
        const to = c.subst!.repl;
        ps = [...ps].map((ch) => (from.includes(ch) ? [...to][[...from].indexOf(ch)] : ch)).join('');
      } else if (c.name === 's') {
        const r = substitute(ps, useRe(c.subst!.re), c.subst!);
        if (r !== undefined) {
          ps = r;
          if (c.subst!.print) emit(ps, newline);
        }
      }
    }
    if (!deleted && printPs) emit(ps, newline);
    for (const t of appended) emit(t, true);
    if (quit !== undefined) return quit;
  }
  return undefined;
}

export function sedCmd(flavour: Flavour): Command {
  return async (io) => runSed(io, flavour);
}

function runSed(io: CommandIO, flavour: Flavour): number {
  const args = io.argv.slice(1);
  if (args[0] === '--version') {
    io.stdout(flavour === 'busybox' ? BUSYBOX_VERSION : GNU_VERSION);
    return 0;
  }
  const exprs: Expr[] = [];
  const files: string[] = [];
  let quiet = false;
  let ere = false;
  let separate = false;
  let inPlace: string | undefined;
  const usage = flavour === 'busybox' ? BUSYBOX_USAGE : GNU_USAGE;
  const badOption = (msg: string) => {
    io.stderr(`sed: ${msg}\n${usage}`);
    return 1;
  };
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '--') {
      files.push(...args.slice(i + 1));
      break;
    }
    if (a.startsWith('--')) {
      const [name, value] = a.includes('=') ? [a.slice(2, a.indexOf('=')), a.slice(a.indexOf('=') + 1)] : [a.slice(2), undefined];
      if (name === 'quiet' || name === 'silent') quiet = true;
      else if (name === 'regexp-extended') ere = true;
      else if (name === 'separate' && flavour === 'gnu') separate = true;
      else if (name === 'in-place') inPlace = value ?? '';
      else if (name === 'expression') {
        const v = value ?? args[++i];
        if (v === undefined) return badOption(`option '--expression' requires an argument`);
        exprs.push({ text: v, number: exprs.length + 1 });
      } else if (name === 'help') {
        io.stdout(usage);
        return 0;
      } else return badOption(`unrecognized option '${a}'`);
      continue;
    }
    if (a.startsWith('-') && a.length > 1) {
      for (let j = 1; j < a.length; j++) {
        const f = a[j];
        if (f === 'n') quiet = true;
        else if (f === 'E' || f === 'r') ere = true;
        else if (f === 's' && flavour === 'gnu') separate = true;
        else if (f === 'i') {
          // -i takes an optional suffix glued to it: -i.bak (getopt "i::").
          inPlace = a.slice(j + 1);
          break;
        } else if (f === 'e') {
          const v = j + 1 < a.length ? a.slice(j + 1) : args[++i];
          if (v === undefined) return badOption(`option requires an argument -- 'e'`);
          exprs.push({ text: v, number: exprs.length + 1 });
          break;
        } else return badOption(`invalid option -- '${f}'`);
      }
      continue;
    }
    files.push(a);
  }
  if (!exprs.length) {
    if (!files.length) {
      io.stderr(usage);
      return 1;
    }
    exprs.push({ text: files.shift()!, number: 1 });
  }
  let cmds: SedCmd[];
  try {
    cmds = compile(exprs, ere, flavour);
  } catch (e) {
    if (!(e instanceof SedError)) throw e;
    io.stderr(e.message);
    return 1;
  }
  const read = (f: string): Input | undefined => {
    if (f === '-' && inPlace === undefined) return splitInput('-', io.stdin);
    try {
      const path = resolvePath(io.cwd, f);
      if (io.fs.stat(path).type === 'dir') {
        io.stderr(inPlace !== undefined && flavour === 'gnu' ? `sed: couldn't edit ${f}: not a regular file\n` : `sed: read error on ${f}: Is a directory\n`);
        return undefined;
      }
      return splitInput(f, io.fs.readFile(path));
    } catch (e) {
      io.stderr(flavour === 'busybox' ? `sed: ${f}: ${fsErrorText(e)}\n` : `sed: can't read ${f}: ${fsErrorText(e)}\n`);
      return undefined;
    }
  };
  const failStatus = flavour === 'busybox' ? 1 : 2;
  let status = 0;
  try {
    if (inPlace !== undefined) {
      if (!files.length) {
        io.stderr(flavour === 'busybox' ? 'sed: -i requires an argument\n' : 'sed: no input files\n');
        return flavour === 'busybox' ? 1 : 4;
      }
      // -i: each file on its own (line numbers and $ per file), its output written back to it.
      for (const f of files) {
        const inp = read(f);
        if (!inp) {
          status = failStatus;
          continue;
        }
        let out = '';
        const q = run(cmds, [inp], quiet, (t) => (out += t));
        const path = resolvePath(io.cwd, f);
        if (inPlace) io.fs.writeFile(path + inPlace, io.fs.readFile(path));
        io.fs.writeFile(path, out);
        if (q !== undefined) return q;
      }
      return status;
    }
    const stream: Input[] = [];
    for (const f of files.length ? files : ['-']) {
      const inp = read(f);
      if (inp) stream.push(inp);
      else status = failStatus;
    }
    if (separate) {
      for (const inp of stream) {
        const q = run(cmds, [inp], quiet, io.stdout);
        if (q !== undefined) return q;
      }
      return status;
    }
    const q = run(cmds, stream, quiet, io.stdout);
    return q ?? status;
  } catch (e) {
    if (!(e instanceof SedError)) throw e;
    io.stderr(e.message);
    return 4;
  }
}
