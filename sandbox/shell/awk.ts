// awk as GNU awk 5.x prints it (the learner's shell; awkgram.y, interpret.h, io.c, msg.c) and as
// busybox awk (editors/awk.c) for busybox images: a POSIX awk over the lab's files and pipes.
// Invocation `awk [-F fs] [-v var=value]... [-f progfile | 'program'] [file | var=value]...`;
// rules `pattern { action }`, BEGIN/END, ranges, regex patterns; expressions with awk's string and
// number rules (strnum fields, CONVFMT/OFMT), arrays, user functions, printf, the POSIX built-in
// functions. Not simulated, each refused with a message naming it: getline, `| cmd` pipes,
// system(), RS other than a newline, gawk-only functions.
import { resolvePath } from '../cluster/fs.ts';
import { AwkError, type Flavour } from './awk/errors.ts';
import { Lexer, unescape } from './awk/lexer.ts';
import { Parser, regcompError } from './awk/parser.ts';
import { AwkRun } from './awk/run.ts';
import { Runtime } from './awk/runtime.ts';
import type { Program } from './awk/syntax.ts';
import { posixRegexToJs } from './grep.ts';
import { fsErrorText } from './interpreter.ts';
import { getopt, glibcMessage, type GetoptSpec } from '../cluster/kubelet/programs/getopt.ts';
import type { Command, CommandIO, LineStage, Services } from './types.ts';

/** gawk 5.2's usage (main.c usage()), printed when there is no program: usage(EXIT_FAILURE), exit 1. */
const GNU_USAGE = `Usage: awk [POSIX or GNU style options] -f progfile [--] file ...
Usage: awk [POSIX or GNU style options] [--] 'program' file ...
POSIX options:\t\tGNU long options: (standard)
\t-f progfile\t\t--file=progfile
\t-F fs\t\t\t--field-separator=fs
\t-v var=val\t\t--assign=var=val
Short options:\t\tGNU long options: (extensions)
\t-b\t\t\t--characters-as-bytes
\t-c\t\t\t--traditional
\t-C\t\t\t--copyright
\t-d[file]\t\t--dump-variables[=file]
\t-D[file]\t\t--debug[=file]
\t-e 'program-text'\t--source='program-text'
\t-E file\t\t\t--exec=file
\t-g\t\t\t--gen-pot
\t-h\t\t\t--help
\t-i includefile\t\t--include=includefile
\t-I\t\t\t--trace
\t-l library\t\t--load=library
\t-L[fatal|invalid|no-ext]\t--lint[=fatal|invalid|no-ext]
\t-M\t\t\t--bignum
\t-N\t\t\t--use-lc-numeric
\t-n\t\t\t--non-decimal-data
\t-o[file]\t\t--pretty-print[=file]
\t-O\t\t\t--optimize
\t-p[file]\t\t--profile[=file]
\t-P\t\t\t--posix
\t-r\t\t\t--re-interval
\t-s\t\t\t--no-optimize
\t-S\t\t\t--sandbox
\t-t\t\t\t--lint-old
\t-V\t\t\t--version

To report bugs, use the \`gawkbug' program.
For full instructions, see the node \`Bugs' in \`gawk.info'
which is section \`Reporting Problems and Bugs' in the
printed version.  This same information may be found at
https://www.gnu.org/software/gawk/manual/html_node/Bugs.html.
PLEASE do NOT try to report bugs by posting in comp.lang.awk,
or by using a web forum such as Stack Overflow.

gawk is a pattern scanning and processing language.
By default it reads standard input and writes standard output.

Examples:
\tawk '{ sum += $1 }; END { print sum }' file
\tawk -F: '{ print $1 }' /etc/passwd
`;
/** busybox 1.36 `awk` usage (editors/awk.c awk_trivial_usage, awk_full_usage), the banner as in sed.ts. */
const BUSYBOX_USAGE =
  'BusyBox v1.36.1 (2023-05-18 22:34:17 UTC) multi-call binary.\n\n' +
  'Usage: awk [OPTIONS] [AWK_PROGRAM] [FILE]...\n\n' +
  '\t-v VAR=VAL\tSet variable\n' +
  '\t-F SEP\t\tUse SEP as field separator\n' +
  '\t-f FILE\t\tRead program from FILE\n' +
  '\t-e AWK_PROGRAM\n';

// ---- command ------------------------------------------------------------------------------

interface Options {
  fs?: string;
  assigns: string[];
  progFile?: string;
  program?: string;
  operands: string[];
}

/**
 * gawk's options (main.c parse_args: getopt_long "+F:f:v:W;..."; the ones simulated here) and
 * busybox's (getopt32 "+F:v:*f:*e:*W:", no long options): both stop at the program.
 */
const GNU_OPTIONS: GetoptSpec = {
  short: '+F:v:f:e:',
  long: [
    { name: 'field-separator', arg: 'required', key: 'F' },
    { name: 'assign', arg: 'required', key: 'v' },
    { name: 'file', arg: 'required', key: 'f' },
    { name: 'source', arg: 'required', key: 'e' },
    { name: 'help', arg: 'none' },
    { name: 'usage', arg: 'none', key: 'help' },
    { name: 'version', arg: 'none' },
  ],
};
const BUSYBOX_OPTIONS: GetoptSpec = { short: '+F:v:f:e:' };

/** Reads the options as gawk's getopt_long / busybox's getopt32 do, stopping at the program. */
function parseArgs(args: string[], flavour: Flavour): Options | { error: string; status: number } {
  const o: Options = { assigns: [], operands: [] };
  const usage = flavour === 'busybox' ? BUSYBOX_USAGE : GNU_USAGE;
  // main.c: a bad option prints getopt's complaint, then usage(EXIT_FAILURE); busybox bb_show_usage, exit 1.
  const bad = (msg: string) => ({ error: `awk: ${msg}\n${usage}`, status: 1 });
  const { options, operands, error } = getopt(args, flavour === 'busybox' ? BUSYBOX_OPTIONS : GNU_OPTIONS);
  for (const { key, value = '' } of options) {
    if (key === 'F') o.fs = value;
    else if (key === 'v') o.assigns.push(value);
    else if (key === 'f') o.progFile = value;
    else if (key === 'e') o.program = (o.program ? o.program + '\n' : '') + value;
    else if (key === 'help') return { error: '', status: -1 };
    else return { error: 'awk: --version is not simulated in this lab\n', status: 2 };
  }
  if (error) {
    // gawk sets opterr = 0 and prints POSIX's form itself (no quotes), also for a long option
    // (its letter: `--file` → f); busybox's getopt32 prints glibc's, the letter quoted.
    if (error.kind === 'missing' || error.kind === 'missing-long') {
      const letter = error.kind === 'missing' ? error.letter : GNU_OPTIONS.long!.find((l) => l.name === error.name)!.key!;
      return bad(flavour === 'busybox' ? `option requires an argument -- '${letter}'` : `option requires an argument -- ${letter}`);
    }
    return bad(glibcMessage(error));
  }
  const rest = operands;
  if (o.program === undefined && o.progFile === undefined) {
    if (!rest.length) return { error: usage, status: 1 };
    o.program = rest.shift();
  }
  o.operands = rest;
  return o;
}

export function awkCmd(flavour: Flavour): Command {
  const cmd: Command = async (io, services) => runAwk(io, services, flavour);
  cmd.lineStage = (io, services) => awkLineStage(io, services, flavour);
  return cmd;
}

function runAwk(io: CommandIO, services: Services, flavour: Flavour): number {
  const ready = prepare(io, services, flavour);
  if (typeof ready === 'number') return ready;
  const { run, operands } = ready;
  run.begin();
  if (run.readsInput()) {
    const given = operands.filter((o) => o !== '');
    const inputs = given.some((o) => !ASSIGNMENT.test(o)) ? given : [...given, '-'];
    for (const name of inputs) {
      if (!run.wantsMore()) break;
      const m = ASSIGNMENT.exec(name);
      if (m && name !== '-') {
        run.assign(m[1], m[2]);
        continue;
      }
      const text = readInput(io, name, flavour, run);
      if (text === undefined) continue;
      run.startInput(name);
      const records = text.split('\n');
      if (records[records.length - 1] === '') records.pop();
      for (const rec of records) run.record(rec);
    }
  }
  return run.finish();
}

/**
 * awk as a pipe's last stage, record by record as the lines arrive (`kubectl get pods -w | awk
 * '{print $1, $3}'` prints as the watch does): when it reads standard input only.
 */
function awkLineStage(io: CommandIO, services: Services, flavour: Flavour): LineStage | undefined {
  const parsed = parseArgs(io.argv.slice(1), flavour);
  if ('error' in parsed || parsed.operands.some((o) => o !== '-')) return undefined;
  const ready = prepare(io, services, flavour);
  if (typeof ready === 'number') return { line: () => {}, done: () => true, end: () => ready };
  const { run } = ready;
  run.begin();
  const reads = run.readsInput();
  if (reads) run.startInput('-');
  // awk ends when its program says so (`exit`, after the END rules; an error), not only at the
  // end of its input; a program of BEGIN rules alone ends right after them.
  let status: number | undefined;
  const finish = () => (status ??= run.finish());
  if (!reads || !run.wantsMore()) finish();
  return {
    line: (text) => {
      if (status !== undefined) return;
      run.record(text);
      if (!run.wantsMore()) finish();
    },
    done: () => status !== undefined,
    end: finish,
  };
}

const ASSIGNMENT = /^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/s;

/** A file operand's text (standard input for `-`), or undefined when it is skipped; an unreadable one fails the run. */
function readInput(io: CommandIO, name: string, flavour: Flavour, run: AwkRun): string | undefined {
  if (name === '-' || name === '/dev/stdin') return io.stdin;
  try {
    const path = resolvePath(io.cwd, name);
    if (io.fs.stat(path).type === 'dir') {
      // io.c: a directory operand is skipped with a warning (gawk); busybox reads it and fails.
      if (flavour === 'gnu') {
        io.stderr(`awk: warning: command line argument \`${name}' is a directory: skipped\n`);
        return undefined;
      }
      run.fail(new AwkError(`awk: read error: Is a directory\n`, 1));
      return undefined;
    }
    return io.fs.readFile(path);
  } catch (e) {
    // io.c nextfile: fatal; busybox xfopen_stdin: bb_perror_msg_and_die("can't open '%s'").
    run.fail(new AwkError(
      flavour === 'busybox' ? `awk: can't open '${name}': ${fsErrorText(e)}\n` : `awk: fatal: cannot open file \`${name}' for reading: ${fsErrorText(e)}\n`,
      flavour === 'busybox' ? 1 : 2,
    ));
    return undefined;
  }
}

/** The run of the program these arguments give, ready for input; or the exit status when it cannot start (after its message). */
function prepare(io: CommandIO, services: Services, flavour: Flavour): { run: AwkRun; operands: string[] } | number {
  const parsed = parseArgs(io.argv.slice(1), flavour);
  if ('error' in parsed) {
    if (parsed.status === -1) {
      io.stdout(GNU_USAGE);
      return 0;
    }
    io.stderr(parsed.error);
    return parsed.status;
  }
  let src = parsed.program ?? '';
  let where = 'cmd. line';
  if (parsed.progFile !== undefined) {
    try {
      src = io.fs.readFile(resolvePath(io.cwd, parsed.progFile)) + (parsed.program ? '\n' + parsed.program : '');
      where = parsed.progFile;
    } catch (e) {
      // gawk awkgram.y add_srcfile: fatal "can't open source file `%s' for reading (%s)"; busybox xfopen_stdin.
      io.stderr(flavour === 'busybox' ? `awk: can't open '${parsed.progFile}': ${fsErrorText(e)}\n` : `awk: fatal: can't open source file \`${parsed.progFile}' for reading (${fsErrorText(e)})\n`);
      return flavour === 'busybox' ? 1 : 2;
    }
  }

  const lineStart = (pos: number) => src.lastIndexOf('\n', pos - 1) + 1;
  const lineOf = (pos: number) => src.slice(0, pos).split('\n').length;
  /** gawk's yyerror (awkgram.y): the source line, then a caret under the token; busybox syntax_error. */
  const syntaxError = (pos: number, msg: string | undefined, busyboxMsg = 'Unexpected token'): never => {
    if (flavour === 'busybox') throw new AwkError(`awk: ${where}:${lineOf(pos)}: ${msg && !msg.startsWith('unterminated') && msg !== 'syntax error' ? msg : busyboxMsg}\n`, 1);
    let line = lineOf(pos);
    let at = pos;
    const atNewline = pos >= src.length || src[pos] === '\n';
    if (atNewline && !msg) {
      // A newline or the end of the text where more was needed: the line before it, and the line
      // number after the newline was read (the end of the text counts as the last line).
      if (pos < src.length) line++;
      at = pos;
      msg = 'unexpected newline or end of string';
    }
    const ls = lineStart(at);
    const le = src.indexOf('\n', ls);
    const text = src.slice(ls, le < 0 ? src.length : le);
    const caret = src.slice(ls, at).replace(/[^\t]/g, ' ');
    throw new AwkError(`awk: ${where}:${line}: ${text}\nawk: ${where}:${line}: ${caret}^ ${msg ?? 'syntax error'}\n`, 1);
  };
  const compileEre = (s: string): RegExp => new RegExp(posixRegexToJs(s, true));

  let prog: Program;
  try {
    const lx = new Lexer(src, (pos, msg, bb) => syntaxError(pos, msg, bb));
    const p = new Parser(
      lx,
      (tok, msg) => syntaxError(tok.pos, msg),
      (s, tok) => {
        try {
          return compileEre(s);
        } catch (e) {
          // re.c make_regexp while parsing: error("%s: /%s/") and the parse fails (exit 1);
          // busybox xregcomp: bb_error_msg_and_die("bad regex '%s': %s").
          if (flavour === 'busybox') throw new AwkError(`awk: bad regex '${s}': ${regcompError(e)}\n`, 1);
          throw new AwkError(`awk: ${where}:${lineOf(tok.pos)}: error: ${regcompError(e)}: /${s}/\n`, 1);
        }
      },
      lineOf,
    );
    prog = p.parse();
  } catch (e) {
    if (!(e instanceof AwkError)) throw e;
    io.stderr(e.text);
    return e.status;
  }

  const rt = new Runtime(prog, flavour, io, where, compileEre);
  rt.nowMs = services.now();
  const run = new AwkRun(prog, rt, io, where);
  if (parsed.fs !== undefined) {
    // Escapes are processed (-F '\t' is a tab). `-Ft` stays the letter t: gawk's main.c
    // cmdline_fs makes it a tab only with --traditional; busybox never does.
    rt.cell('FS').v = unescape(parsed.fs);
  }
  for (const a of parsed.assigns) {
    const m = ASSIGNMENT.exec(a);
    if (!m) {
      io.stderr(flavour === 'busybox' ? BUSYBOX_USAGE : `awk: \`${a}' argument to \`-v' not in \`var=value' form\n\n${GNU_USAGE}`);
      return 1;
    }
    run.assign(m[1], m[2]);
  }
  return { run, operands: parsed.operands };
}
