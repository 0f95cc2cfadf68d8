// The small programs around kubectl, as GNU coreutils/grep print them: cat, grep, cut, tr, head,
// tail, wc, sort, uniq, ls, mkdir, rm, touch, cp, mv, tee, seq, sleep (virtual time), date
// (virtual), env. Each is a Command over CommandIO, so the learner's shell and container shells share them.
import { resolvePath } from '../cluster/fs.ts';
import { fsErrorText, printf } from './interpreter.ts';
import type { Command, CommandIO, LineStage } from './types.ts';
import { inputs, lines } from './inputs.ts';
import { grep } from './grep.ts';
import { sedCmd } from './sed.ts';
import { cut } from './cut.ts';
import { awkCmd } from './awk.ts';
import { strftime } from '../cluster/strftime.ts';
import { date } from './date.ts';
import { catCmd } from './cat.ts';
import { sort } from './sort.ts';
import { uniq } from './uniq.ts';
import { tr } from './tr.ts';
import { basename, dirname } from './path-names.ts';


/** Splits `-abc` style flags; `valued` flags take the next argument (or the rest of the cluster). */
export function parseFlags(args: string[], valued: string = ''): { flags: Map<string, string>; operands: string[]; bad?: string } {
  const flags = new Map<string, string>();
  const operands: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '--') {
      operands.push(...args.slice(i + 1));
      break;
    }
    if (a.startsWith('--') && a.length > 2) {
      const eq = a.indexOf('=');
      flags.set(eq > 0 ? a.slice(2, eq) : a.slice(2), eq > 0 ? a.slice(eq + 1) : '');
      continue;
    }
    if (a.startsWith('-') && a.length > 1 && !/^-\d/.test(a)) {
      for (let j = 1; j < a.length; j++) {
        const f = a[j];
        if (valued.includes(f)) {
          const v = j + 1 < a.length ? a.slice(j + 1) : args[++i];
          if (v === undefined) return { flags, operands, bad: `option requires an argument -- '${f}'` };
          flags.set(f, v);
          break;
        }
        flags.set(f, '');
      }
      continue;
    }
    operands.push(a);
  }
  return { flags, operands };
}

/** Whose wording a program's errors follow: GNU coreutils, or busybox (libbb bb_perror_msg forms). */
export type Style = 'gnu' | 'busybox';

/**
 * `-n N`, `-N`, `-n +N` (tail: from line N), `-n -N` (head: all but the last N); `-c` and
 * `--bytes` count bytes instead (GNU head/tail: the characters of the lab's text).
 */
function lineCount(io: CommandIO, name: string): { n: number; fromStart: boolean; allBut: boolean; bytes: boolean; files: string[] } | undefined {
  const args = io.argv.slice(1);
  let n = 10;
  let fromStart = false;
  let allBut = false;
  let bytes = false;
  const files: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    let v: string | undefined;
    const unit = a.startsWith('-c') || a.startsWith('--bytes') ? 'c' : 'n';
    if (a === '-n' || a === '--lines' || a === '-c' || a === '--bytes') v = args[++i];
    else if (a.startsWith('-n') || a.startsWith('-c')) v = a.slice(2);
    else if (a.startsWith('--lines=')) v = a.slice(8);
    else if (a.startsWith('--bytes=')) v = a.slice(8);
    else if (/^-\d+$/.test(a)) v = a.slice(1);
    else if (name === 'tail' && /^-[fF]$|^--follow(=|$)/.test(a)) {
      io.stderr(`tail: ${a} is not simulated in this lab (use kubectl logs -f for a pod's output)\n`);
      return undefined;
    } else if (a.startsWith('-') && a !== '-') {
      io.stderr(`${name}: invalid option -- '${a.replace(/^-+/, '')[0]}'\nTry '${name} --help' for more information.\n`);
      return undefined;
    } else {
      files.push(a);
      continue;
    }
    if (v === undefined) {
      io.stderr(`${name}: option requires an argument -- '${unit}'\nTry '${name} --help' for more information.\n`);
      return undefined;
    }
    fromStart = v.startsWith('+');
    allBut = name === 'head' && v.startsWith('-');
    bytes = unit === 'c';
    if (!/^[+-]?\d+$/.test(v)) {
      io.stderr(`${name}: invalid number of ${bytes ? 'bytes' : 'lines'}: '${v}'\n`);
      return undefined;
    }
    n = Math.abs(Number.parseInt(v, 10));
  }
  return { n, fromStart, allBut, bytes, files };
}

function headTail(name: 'head' | 'tail', style: Style = 'gnu'): Command {
  const cmd: Command = async (io) => {
    const opt = lineCount(io, name);
    if (!opt) return 1;
    let status = 0;
    const several = opt.files.length > 1;
    let first = true;
    let opened = 0;
    for (const inp of inputs(io, opt.files)) {
      if (inp.error) {
        // busybox head.c: fopen_or_warn → bb_simple_perror_msg(path); tail.c: open_or_warn → "can't open '%s'".
        if (style === 'gnu') io.stderr(`${name}: cannot open '${inp.name}' for reading: ${inp.error}\n`);
        else io.stderr(name === 'head' ? `head: ${inp.name}: ${inp.error}\n` : `tail: can't open '${inp.name}': ${inp.error}\n`);
        status = 1;
        continue;
      }
      opened++;
      if (several) io.stdout(`${first ? '' : '\n'}==> ${inp.name} <==\n`);
      first = false;
      if (opt.bytes) {
        const t = inp.text!;
        const [from, to] = name === 'head' ? [0, opt.allBut ? Math.max(0, t.length - opt.n) : Math.min(t.length, opt.n)] : [opt.fromStart ? Math.max(0, opt.n - 1) : Math.max(0, t.length - opt.n), t.length];
        io.stdout(t.slice(from, to));
        continue;
      }
      const ls = lines(inp.text!);
      const from = name === 'head' ? 0 : opt.fromStart ? Math.max(0, opt.n - 1) : Math.max(0, ls.length - opt.n);
      const to = name === 'head' ? (opt.allBut ? Math.max(0, ls.length - opt.n) : Math.min(ls.length, opt.n)) : opt.n || opt.fromStart ? ls.length : 0;
      const pick = ls.slice(from, to);
      // The bytes as they are: a last line without its newline is printed without one.
      const unterminated = to === ls.length && !inp.text!.endsWith('\n');
      if (pick.length) io.stdout(pick.join('\n') + (unterminated ? '' : '\n'));
    }
    // busybox tail.c: bb_error_msg_and_die("no files") when none could be opened.
    if (style === 'busybox' && name === 'tail' && !opened) io.stderr('tail: no files\n');
    return status;
  };
  if (name === 'head') cmd.lineStage = headLineStage;
  return cmd;
}

/**
 * `head -n N` as a pipe's last stage: it prints the first N lines as they arrive and exits, so
 * `kubectl get pods -w | head -n 3` returns at the watch's next line after the third, as in bash
 * (the watch dies writing to the closed pipe). Only standard input and a plain count.
 */
function headLineStage(io: CommandIO): LineStage | undefined {
  const args = io.argv.slice(1);
  let n = 10;
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    const v = a === '-n' || a === '--lines' ? args[++i] : a.startsWith('--lines=') ? a.slice(8) : /^-n?\d+$/.test(a) ? a.replace(/^-n?/, '') : undefined;
    if (v === undefined || !/^\d+$/.test(v)) return undefined;
    n = Number.parseInt(v, 10);
  }
  let printed = 0;
  return {
    line: (text, unterminated) => {
      if (printed >= n) return;
      printed++;
      io.stdout(unterminated ? text : `${text}\n`);
    },
    done: () => printed >= n,
    end: () => 0,
  };
}

const wc: Command = async (io) => {
  const { flags, operands } = parseFlags(io.argv.slice(1));
  let which = ['l', 'w', 'c'].filter((f) => flags.has(f) || flags.has({ l: 'lines', w: 'words', c: 'bytes' }[f]!));
  if (!which.length) which = ['l', 'w', 'c'];
  const rows: { counts: number[]; name: string }[] = [];
  let status = 0;
  for (const inp of inputs(io, operands)) {
    if (inp.error) {
      io.stderr(`wc: ${inp.name}: ${inp.error}\n`);
      status = 1;
      continue;
    }
    const t = inp.text!;
    const all = { l: (t.match(/\n/g) ?? []).length, w: t.split(/\s+/).filter(Boolean).length, c: utf8Bytes(t) };
    rows.push({ counts: which.map((f) => all[f as 'l']), name: operands.length ? inp.name : '' });
  }
  if (rows.length > 1) rows.push({ counts: which.map((_, i) => rows.reduce((s, r) => s + r.counts[i], 0)), name: 'total' });
  // GNU wc: one count of one input is printed bare; otherwise columns as wide as the largest
  // number (7 when reading a pipe, whose size is unknown).
  const width = which.length === 1 && rows.length === 1 ? 0 : operands.length ? Math.max(...rows.flatMap((r) => r.counts)).toString().length : 7;
  for (const r of rows) io.stdout(r.counts.map((c) => String(c).padStart(width)).join(' ') + (r.name ? ` ${r.name}` : '') + '\n');
  return status;
};

function utf8Bytes(s: string): number {
  let n = 0;
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    n += c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4;
  }
  return n;
}

const lsCmd = (style: Style): Command => async (io, services) => {
  const { flags, operands } = parseFlags(io.argv.slice(1));
  const long = flags.has('l');
  const all = flags.has('a');
  const targets = operands.length ? operands : ['.'];
  let status = 0;
  const files: string[] = [];
  const dirs: string[] = [];
  for (const t of targets) {
    const p = resolvePath(io.cwd, t);
    try {
      // -d: list a directory itself, not its contents.
      (io.fs.stat(p).type === 'dir' && !flags.has('d') ? dirs : files).push(t);
    } catch (e) {
      // busybox ls.c my_stat: bb_simple_perror_msg(fullname), exit 1; GNU ls: exit 2.
      io.stderr(style === 'busybox' ? `ls: ${t}: ${fsErrorText(e)}\n` : `ls: cannot access '${t}': ${fsErrorText(e)}\n`);
      status = style === 'busybox' ? 1 : 2;
    }
  }
  const show = (base: string, names: string[]) => {
    if (long) {
      const stats = names.map((n) => ({ n, s: io.fs.stat(resolvePath(io.cwd, base ? `${base}/${n}` : n)) }));
      const w = Math.max(1, ...stats.map((x) => String(x.s.size).length));
      if (base) io.stdout(`total ${stats.reduce((s, x) => s + Math.ceil(x.s.size / 4096) * 4, 0)}\n`);
      // The files are the user's: the learner's own in the learner's shell, root's in a container.
      const owner = io.env.USER ?? 'root';
      const now = services.now();
      for (const { n, s } of stats) {
        const mode = s.type === 'dir' ? 'drwxr-xr-x' : '-rw-r--r--';
        const links = s.type === 'dir' ? 2 : 1;
        if (style === 'busybox') {
          // ls.c display_single: "%-10s %4lu %-8.8s %-8.8s %9u ", then ctime's "Mmm dd hh:mm" when
          // less than half a year old (and not over 15 minutes ahead), else "Mmm dd  yyyy".
          const age = now - s.mtime;
          const when = strftime(age < (365 * 24 * 3600 * 1000) / 2 && age > -15 * 60 * 1000 ? '%b %e %H:%M' : '%b %e  %Y', s.mtime);
          io.stdout(`${mode} ${String(links).padStart(4)} ${owner.slice(0, 8).padEnd(8)} ${owner.slice(0, 8).padEnd(8)} ${String(s.size).padStart(9)} ${when} ${n}\n`);
        } else {
          // ls.c: the year instead of the time for a file over six months old or in the future.
          const recent = now - 31_556_952_000 / 2 < s.mtime && s.mtime <= now;
          const when = strftime(recent ? '%b %e %H:%M' : '%b %e  %Y', s.mtime);
          io.stdout(`${mode} ${links} ${owner} ${owner} ${String(s.size).padStart(w)} ${when} ${n}\n`);
        }
      }
    } else if (names.length) {
      const oneLine = names.join('  ');
      io.stdout(io.isTTY && !flags.has('1') && oneLine.length <= io.columns ? oneLine + '\n' : names.join('\n') + '\n');
    }
  };
  if (files.length) show('', files);
  dirs.forEach((d, i) => {
    if (targets.length > 1) io.stdout(`${files.length || i ? '\n' : ''}${d}:\n`);
    let names = io.fs.readdir(resolvePath(io.cwd, d)).filter((n) => all || !n.startsWith('.'));
    if (all) names = ['.', '..', ...names];
    show(d, names);
  });
  return status;
};

const mkdirCmd = (style: Style): Command => async (io) => {
  const { flags, operands } = parseFlags(io.argv.slice(1));
  if (!operands.length) {
    io.stderr("mkdir: missing operand\nTry 'mkdir --help' for more information.\n");
    return 1;
  }
  let status = 0;
  for (const d of operands) {
    try {
      io.fs.mkdir(resolvePath(io.cwd, d), { recursive: flags.has('p') });
    } catch (e) {
      // busybox libbb/make_directory.c: "can't create directory '%s'"
      io.stderr(`mkdir: ${style === 'busybox' ? "can't" : 'cannot'} create directory '${d}': ${fsErrorText(e)}\n`);
      status = 1;
    }
  }
  return status;
};

const rmCmd = (style: Style): Command => async (io) => {
  const { flags, operands } = parseFlags(io.argv.slice(1));
  const force = flags.has('f');
  const recursive = flags.has('r') || flags.has('R');
  if (!operands.length && !force) {
    io.stderr("rm: missing operand\nTry 'rm --help' for more information.\n");
    return 1;
  }
  let status = 0;
  for (const f of operands) {
    const p = resolvePath(io.cwd, f);
    try {
      if (io.fs.stat(p).type === 'dir' && !recursive) {
        // busybox libbb/remove_file.c: "'%s' is a directory"
        io.stderr(style === 'busybox' ? `rm: '${f}' is a directory\n` : `rm: cannot remove '${f}': Is a directory\n`);
        status = 1;
        continue;
      }
      io.fs.rm(p, { recursive });
    } catch (e) {
      if (force) continue;
      io.stderr(`rm: ${style === 'busybox' ? "can't" : 'cannot'} remove '${f}': ${fsErrorText(e)}\n`);
      status = 1;
    }
  }
  return status;
};

const touchCmd = (style: Style): Command => async (io) => {
  const { operands } = parseFlags(io.argv.slice(1));
  if (!operands.length) {
    io.stderr("touch: missing file operand\nTry 'touch --help' for more information.\n");
    return 1;
  }
  let status = 0;
  for (const f of operands) {
    const p = resolvePath(io.cwd, f);
    try {
      io.fs.writeFile(p, io.fs.exists(p) ? io.fs.readFile(p) : '');
    } catch (e) {
      // busybox touch.c: bb_simple_perror_msg(*argv)
      io.stderr(style === 'busybox' ? `touch: ${f}: ${fsErrorText(e)}\n` : `touch: cannot touch '${f}': ${fsErrorText(e)}\n`);
      status = 1;
    }
  }
  return status;
};

function copyOrMove(name: 'cp' | 'mv'): Command {
  return async (io) => {
    const { operands } = parseFlags(io.argv.slice(1));
    if (operands.length < 2) {
      io.stderr(`${name}: missing ${operands.length ? `destination file operand after '${operands[0]}'` : 'file operand'}\nTry '${name} --help' for more information.\n`);
      return 1;
    }
    const dest = operands.pop()!;
    const dp = resolvePath(io.cwd, dest);
    const destIsDir = io.fs.exists(dp) && io.fs.stat(dp).type === 'dir';
    let status = 0;
    for (const src of operands) {
      const sp = resolvePath(io.cwd, src);
      try {
        const data = io.fs.readFile(sp);
        io.fs.writeFile(destIsDir ? `${dp}/${sp.slice(sp.lastIndexOf('/') + 1)}` : dp, data);
        if (name === 'mv') io.fs.rm(sp);
      } catch (e) {
        io.stderr(`${name}: cannot stat '${src}': ${fsErrorText(e)}\n`);
        status = 1;
      }
    }
    return status;
  };
}

const tee: Command = async (io) => {
  const { flags, operands } = parseFlags(io.argv.slice(1));
  let status = 0;
  for (const f of operands) {
    try {
      io.fs.writeFile(resolvePath(io.cwd, f), io.stdin, { append: flags.has('a') });
    } catch (e) {
      io.stderr(`tee: ${f}: ${fsErrorText(e)}\n`);
      status = 1;
    }
  }
  io.stdout(io.stdin);
  return status;
};

/**
 * GNU seq (src/seq.c): [FIRST [INCREMENT]] LAST, -s SEP, -w (equal width, zero-padded), -f FORMAT;
 * numbers printed with the most decimals FIRST or INCREMENT has (`seq 1 0.5 2`: 1.0 1.5 2.0).
 */
const seq: Command = async (io) => {
  const usage = (msg: string) => {
    io.stderr(`seq: ${msg}\nTry 'seq --help' for more information.\n`);
    return 1;
  };
  // Negative numbers are operands, not options (seq.c checks for them before getopt).
  const args = io.argv.slice(1);
  let sep = '\n';
  let width = false;
  let format: string | undefined;
  const ops: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (ops.length || /^-?(\d|\.\d)/.test(a) || a === '-' || !a.startsWith('-')) ops.push(a);
    else if (a === '--') ops.push(...args.splice(i + 1));
    else if (a === '-w' || a === '--equal-width') width = true;
    else if (/^-s|^--separator(=|$)/.test(a) || /^-f|^--format(=|$)/.test(a)) {
      const glued = a.startsWith('--') ? (a.includes('=') ? a.slice(a.indexOf('=') + 1) : undefined) : a.length > 2 ? a.slice(2) : undefined;
      const v = glued ?? args[++i];
      if (v === undefined) return usage(a.startsWith('--') ? `option '${a}' requires an argument` : `option requires an argument -- '${a[1]}'`);
      if (a[1] === 's' || a.startsWith('--s')) sep = v;
      else format = v;
    } else return usage(a.startsWith('--') ? `unrecognized option '${a}'` : `invalid option -- '${a[1]}'`);
  }
  if (!ops.length) return usage('missing operand');
  if (ops.length > 3) return usage(`extra operand '${ops[3]}'`);
  const bad = ops.find((a) => !/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(a.trim()));
  if (bad !== undefined) return usage(`invalid floating point argument: '${bad}'`);
  const nums = ops.map(Number);
  const [first, step, last] = nums.length === 1 ? [1, 1, nums[0]] : nums.length === 2 ? [nums[0], 1, nums[1]] : nums;
  if (step === 0) return usage(`invalid Zero increment value: '${ops[1]}'`);
  if (format !== undefined && width) {
    io.stderr('seq: format string may not be specified when printing equal width strings\nTry \'seq --help\' for more information.\n');
    return 1;
  }
  const decimals = (s: string) => (/\.(\d*)/.exec(s)?.[1].length ?? 0);
  const prec = Math.max(decimals(nums.length === 1 ? '1' : ops[0]), nums.length === 3 ? decimals(ops[1]) : 0);
  const out: string[] = [];
  const count = Math.floor((last - first) / step + 1e-9);
  for (let k = 0; k <= count && out.length <= 100_000; k++) {
    const v = first + k * step;
    out.push(format !== undefined ? printf(format, [String(v)]) : v.toFixed(prec));
  }
  if (width && format === undefined) {
    const w = Math.max(...out.map((o) => o.length), last.toFixed(prec).length);
    for (let k = 0; k < out.length; k++) out[k] = out[k].startsWith('-') ? '-' + out[k].slice(1).padStart(w - 1, '0') : out[k].padStart(w, '0');
  }
  if (out.length) io.stdout(out.join(sep) + '\n');
  return 0;
};

/** `sleep 5`, `sleep 1.5`, `sleep 2m`: waits on virtual time; Ctrl-C ends it with status 130. */
const sleep: Command = async (io, services) => {
  const args = io.argv.slice(1);
  if (!args.length) {
    io.stderr(`sleep: missing operand\nTry 'sleep --help' for more information.\n`);
    return 1;
  }
  let ms = 0;
  for (const a of args) {
    const m = /^(\d+(?:\.\d*)?|\.\d+)([smhd]?)$/.exec(a);
    if (!m) {
      io.stderr(`sleep: invalid time interval '${a}'\nTry 'sleep --help' for more information.\n`);
      return 1;
    }
    ms += Number(m[1]) * { '': 1000, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 }[m[2] as '']!;
  }
  await services.sleep(Math.round(ms), io.signal);
  return io.signal.aborted ? 130 : 0;
};

const env: Command = async (io) => {
  for (const [k, v] of Object.entries(io.env)) io.stdout(`${k}=${v}\n`);
  return 0;
};

/** What every shell here has (a container keeps the ones its image lists). */
export const COMMON_PROGRAMS: Record<string, Command> = {
  cat: catCmd('gnu'), grep, head: headTail('head'), tail: headTail('tail'), wc, sort, uniq, ls: lsCmd('gnu'), mkdir: mkdirCmd('gnu'), rm: rmCmd('gnu'), touch: touchCmd('gnu'),
  cp: copyOrMove('cp'), mv: copyOrMove('mv'), tee, seq, sleep, date, env, cut, tr, sed: sedCmd('gnu'), awk: awkCmd('gnu'),
  basename, dirname,
};

/** busybox's applets where their messages differ from coreutils (a busybox image's container shell). */
export const BUSYBOX_PROGRAMS: Record<string, Command> = {
  cat: catCmd('busybox'), ls: lsCmd('busybox'), mkdir: mkdirCmd('busybox'), rm: rmCmd('busybox'),
  head: headTail('head', 'busybox'), tail: headTail('tail', 'busybox'), touch: touchCmd('busybox'), sed: sedCmd('busybox'), awk: awkCmd('busybox'),
};
