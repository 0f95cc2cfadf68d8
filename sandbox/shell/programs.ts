// The small programs around kubectl, as GNU coreutils/grep print them: cat, grep, cut, head, tail,
// wc, sort, uniq, ls, mkdir, rm, touch, cp, mv, tee, seq, sleep (virtual time), date (virtual),
// env. Each is a Command over CommandIO, so the learner's shell and container shells share them.
import { resolvePath } from '../cluster/fs.ts';
import { fsErrorText } from './interpreter.ts';
import type { Command, CommandIO } from './types.ts';
import { inputs, lines } from './inputs.ts';
import { grep } from './grep.ts';
import { sedCmd } from './sed.ts';
import { cut } from './cut.ts';
import { awkCmd } from './awk.ts';
import { strftime } from '../cluster/strftime.ts';
import { date } from './date.ts';


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

const catCmd = (style: Style): Command => async (io) => {
  let status = 0;
  for (const inp of inputs(io, io.argv.slice(1).filter((a) => a === '-' || !a.startsWith('-')))) {
    if (inp.error) {
      // busybox cat.c: open_or_warn → "can't open '%s'"
      io.stderr(style === 'busybox' ? `cat: can't open '${inp.name}': ${inp.error}\n` : `cat: ${inp.name}: ${inp.error}\n`);
      status = 1;
    } else io.stdout(inp.text!);
  }
  return status;
};

/** `-n N`, `-N`, `-n +N` (tail: from line N). */
function lineCount(io: CommandIO, name: string): { n: number; fromStart: boolean; files: string[] } | undefined {
  const args = io.argv.slice(1);
  let n = 10;
  let fromStart = false;
  const files: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    let v: string | undefined;
    if (a === '-n' || a === '--lines') v = args[++i];
    else if (a.startsWith('-n')) v = a.slice(2);
    else if (a.startsWith('--lines=')) v = a.slice(8);
    else if (/^-\d+$/.test(a)) v = a.slice(1);
    else if (a.startsWith('-') && a !== '-') {
      io.stderr(`${name}: invalid option -- '${a.replace(/^-+/, '')[0]}'\nTry '${name} --help' for more information.\n`);
      return undefined;
    } else {
      files.push(a);
      continue;
    }
    if (v === undefined) {
      io.stderr(`${name}: option requires an argument -- 'n'\nTry '${name} --help' for more information.\n`);
      return undefined;
    }
    fromStart = v.startsWith('+');
    if (!/^[+-]?\d+$/.test(v)) {
      io.stderr(`${name}: invalid number of lines: '${v}'\n`);
      return undefined;
    }
    n = Math.abs(Number.parseInt(v, 10));
  }
  return { n, fromStart, files };
}

function headTail(name: 'head' | 'tail', style: Style = 'gnu'): Command {
  return async (io) => {
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
      const ls = lines(inp.text!);
      const from = name === 'head' ? 0 : opt.fromStart ? Math.max(0, opt.n - 1) : Math.max(0, ls.length - opt.n);
      const to = name === 'head' ? Math.min(ls.length, opt.n) : opt.n || opt.fromStart ? ls.length : 0;
      const pick = ls.slice(from, to);
      // The bytes as they are: a last line without its newline is printed without one.
      const unterminated = to === ls.length && !inp.text!.endsWith('\n');
      if (pick.length) io.stdout(pick.join('\n') + (unterminated ? '' : '\n'));
    }
    // busybox tail.c: bb_error_msg_and_die("no files") when none could be opened.
    if (style === 'busybox' && name === 'tail' && !opened) io.stderr('tail: no files\n');
    return status;
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

const sort: Command = async (io) => {
  const { flags, operands } = parseFlags(io.argv.slice(1), 'kt');
  let all: string[] = [];
  for (const inp of inputs(io, operands)) {
    if (inp.error) {
      io.stderr(`sort: cannot read: ${inp.name}: ${inp.error}\n`);
      return 2;
    }
    all.push(...lines(inp.text!));
  }
  const field = flags.has('k') ? Number.parseInt(flags.get('k')!, 10) : 0;
  const key = (l: string) => (field ? (l.trim().split(flags.has('t') ? flags.get('t')! : /\s+/)[field - 1] ?? '') : l);
  const numeric = flags.has('n') || flags.has('h');
  all.sort((a, b) => {
    const ka = key(a);
    const kb = key(b);
    const c = numeric ? (Number.parseFloat(ka) || 0) - (Number.parseFloat(kb) || 0) : ka < kb ? -1 : ka > kb ? 1 : 0;
    return c || (a < b ? -1 : a > b ? 1 : 0);
  });
  if (flags.has('r')) all.reverse();
  if (flags.has('u')) all = all.filter((l, i) => i === 0 || l !== all[i - 1]);
  if (all.length) io.stdout(all.join('\n') + '\n');
  return 0;
};

const uniq: Command = async (io) => {
  const { flags, operands } = parseFlags(io.argv.slice(1));
  const inp = [...inputs(io, operands.slice(0, 1))][0];
  if (inp.error) {
    io.stderr(`uniq: ${inp.name}: ${inp.error}\n`);
    return 1;
  }
  const groups: { line: string; n: number }[] = [];
  for (const l of lines(inp.text!)) {
    const g = groups[groups.length - 1];
    if (g && g.line === l) g.n++;
    else groups.push({ line: l, n: 1 });
  }
  for (const g of groups) io.stdout(flags.has('c') ? `${String(g.n).padStart(7)} ${g.line}\n` : `${g.line}\n`);
  return 0;
};


const lsCmd = (style: Style): Command => async (io) => {
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
      for (const { n, s } of stats) {
        const when = strftime('%b %e %H:%M', s.mtime);
        io.stdout(`${s.type === 'dir' ? 'drwxr-xr-x 2' : '-rw-r--r-- 1'} root root ${String(s.size).padStart(w)} ${when} ${n}\n`);
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

const seq: Command = async (io) => {
  const nums = io.argv.slice(1).map(Number);
  if (!nums.length || nums.length > 3 || nums.some((n) => !Number.isFinite(n))) {
    io.stderr(nums.length ? `seq: invalid floating point argument: '${io.argv.slice(1).find((a) => !Number.isFinite(Number(a))) ?? ''}'\n` : "seq: missing operand\nTry 'seq --help' for more information.\n");
    return 1;
  }
  const [first, step, last] = nums.length === 1 ? [1, 1, nums[0]] : nums.length === 2 ? [nums[0], 1, nums[1]] : nums;
  if (step === 0) {
    io.stderr("seq: invalid Zero increment value: '0'\n");
    return 1;
  }
  const out: string[] = [];
  for (let v = first; step > 0 ? v <= last : v >= last; v += step) {
    out.push(String(v));
    if (out.length > 100_000) break;
  }
  if (out.length) io.stdout(out.join('\n') + '\n');
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
  cp: copyOrMove('cp'), mv: copyOrMove('mv'), tee, seq, sleep, date, env, cut, sed: sedCmd('gnu'), awk: awkCmd('gnu'),
};

/** busybox's applets where their messages differ from coreutils (a busybox image's container shell). */
export const BUSYBOX_PROGRAMS: Record<string, Command> = {
  cat: catCmd('busybox'), ls: lsCmd('busybox'), mkdir: mkdirCmd('busybox'), rm: rmCmd('busybox'),
  head: headTail('head', 'busybox'), tail: headTail('tail', 'busybox'), touch: touchCmd('busybox'), sed: sedCmd('busybox'), awk: awkCmd('busybox'),
};
