// `watch` (procps-ng 4, src/watch.c): runs a command every 2 seconds of virtual time and shows
// its output full screen under a header, until Ctrl-C (exit status 0, as watch's SIGINT handler
// die() exits). In the terminal it draws on the alternate screen, as curses does, so Ctrl-C
// brings back the shell's screen as it was. Options: -n/--interval, -t/--no-title,
// -d/--differences[=permanent] (changed characters in reverse video), -x/--exec; the others are
// refused by name. In a transcript (`npm run sim -- FILE`, tests: nobody at the terminal) or
// when not on a terminal, each screen is printed as text when the output changes, and watch ends
// once the cluster has been quiet for a while, as `kubectl get -w` does there.
import type { Builtin, Ctx, Shell } from './interpreter.ts';
import type { Services } from './types.ts';
import { formatDate } from './date.ts';
import { getopt, glibcMessage, type GetoptSpec } from '../cluster/kubelet/programs/getopt.ts';

const USAGE = `
Usage:
 watch [options] command

Options:
  -b, --beep             beep if command has a non-zero exit
  -c, --color            interpret ANSI color and style sequences
  -C, --no-color         do not interpret ANSI color and style sequences
  -d, --differences[=<permanent>]
                         highlight changes between updates
  -e, --errexit          exit if command has a non-zero exit
  -f, --follow           Follow the output and don't clear screen
  -g, --chgexit          exit when output from command changes
  -q, --equexit <cycles>
                         exit when output from command does not change
  -n, --interval <secs>  seconds to wait between updates
  -p, --precise          -n includes command running time
  -r, --no-rerun         do not rerun program on window resize
  -s, --shotsdir         directory to store screenshots
  -t, --no-title         turn off header
  -w, --no-wrap          turn off line wrapping
  -x, --exec             pass command to exec instead of "sh -c"

 -h, --help     display this help and exit
 -v, --version  output version information and exit

For more details see watch(1).
`;

/** How long a transcript's watch waits for a change before it ends (as `kubectl get -w` there). */
const QUIET_MS = 10_000;

interface Options {
  intervalMs: number;
  title: boolean;
  differences: false | 'changed' | 'permanent';
  exec: boolean;
  command: string[];
}

/**
 * watch.c's options (procps-ng 4: getopt_long "+bCced::ghq:n:prtwvx" and its longopts; -f and -s
 * from the usage above): options end at the command; -d takes an optional argument glued to it.
 */
const OPTIONS: GetoptSpec = {
  short: '+bCced::fghq:n:prstwvx',
  long: [
    { name: 'color', arg: 'none', key: 'c' },
    { name: 'no-color', arg: 'none', key: 'C' },
    { name: 'differences', arg: 'optional', key: 'd' },
    { name: 'help', arg: 'none', key: 'h' },
    { name: 'interval', arg: 'required', key: 'n' },
    { name: 'beep', arg: 'none', key: 'b' },
    { name: 'errexit', arg: 'none', key: 'e' },
    { name: 'follow', arg: 'none', key: 'f' },
    { name: 'chgexit', arg: 'none', key: 'g' },
    { name: 'equexit', arg: 'required', key: 'q' },
    { name: 'exec', arg: 'none', key: 'x' },
    { name: 'precise', arg: 'none', key: 'p' },
    { name: 'no-rerun', arg: 'none', key: 'r' },
    { name: 'shotsdir', arg: 'none', key: 's' },
    { name: 'no-title', arg: 'none', key: 't' },
    { name: 'no-wrap', arg: 'none', key: 'w' },
    { name: 'version', arg: 'none', key: 'v' },
  ],
};

function parseArgs(args: string[]): Options | { error: string; status: number; out?: boolean } {
  const o: Options = { intervalMs: 2000, title: true, differences: false, exec: false, command: [] };
  const { options, operands, error } = getopt(args, OPTIONS);
  for (const { key, value } of options) {
    if (key === 'n') {
      const secs = Number(value);
      // watch.c: a failed parse is fatal; intervals under 0.1 s are raised to 0.1 s.
      if (!value!.trim() || !Number.isFinite(secs)) return { error: `watch: failed to parse argument: '${value}'\n`, status: 1 };
      o.intervalMs = Math.max(100, Math.round(secs * 1000));
    } else if (key === 't') o.title = false;
    // watch.c: `if (optarg) flags |= WATCH_CUMUL`: any argument makes the highlights permanent.
    else if (key === 'd') o.differences = value !== undefined ? 'permanent' : 'changed';
    else if (key === 'x') o.exec = true;
    else if (key === 'h') return { error: USAGE.slice(1), status: 0, out: true };
    else if (key === 'v') return { error: 'watch: --version is not simulated in this lab\n', status: 1 };
    else return { error: `watch: --${OPTIONS.long!.find((l) => l.key === key)!.name} is not simulated in this lab\n`, status: 1 };
  }
  // watch.c: getopt's complaint, then usage(stderr): exit 1.
  if (error) return { error: `watch: ${glibcMessage(error)}\n${USAGE}`, status: 1 };
  o.command = operands;
  if (!o.command.length) return { error: USAGE, status: 1 };
  return o;
}

/** `watch`, given the terminal's width and the learner machine's name for the header. */
export function watchBuiltin(columns: () => number, hostname: () => string): Builtin {
  return async (args, ctx, sh) => {
    const o = parseArgs(args);
    if ('error' in o) {
      (o.out ? ctx.out : ctx.err)(o.error);
      return o.status;
    }
    // Without -x the words are joined with spaces and given to `sh -c`, as watch.c does.
    const command = o.exec ? o.command.map(quote).join(' ') : o.command.join(' ');
    const services = ctx.background ? sh.backgroundServices : sh.services;
    const screen = (text: string) => (o.title ? `${header(o.intervalMs, o.command.join(' '), hostname(), services.now(), columns())}\n\n` : '') + text;
    if (!ctx.isTTY || !services.interactive) return printScreens(command, o, ctx, sh, services, screen);
    ctx.out('\x1b[?1049h');
    try {
      let previous: string | undefined;
      const changed = new Set<string>();
      for (;;) {
        const text = await capture(command, ctx, sh);
        if (ctx.signal.aborted) break;
        const lines = wrap(screen(text), columns());
        // The cursor goes back to the top left, so a narrow terminal that scrolls sideways to
        // follow it shows the start of the lines (the header is as wide as the terminal).
        ctx.out(`\x1b[H\x1b[2J${o.differences && previous !== undefined ? highlight(lines, previous.split('\n'), changed, o.differences === 'permanent') : lines.join('\n')}\x1b[H`);
        previous = lines.join('\n');
        await services.sleep(o.intervalMs, ctx.signal);
        if (ctx.signal.aborted) break;
      }
    } finally {
      ctx.out('\x1b[?1049l');
    }
    return 0;
  };
}

/**
 * Off a terminal or in a transcript: a redraw every interval as on a terminal, each screen that
 * differs from the last printed as text, until the cluster has not changed for QUIET_MS.
 */
async function printScreens(command: string, o: Options, ctx: Ctx, sh: Shell, services: Services, screen: (text: string) => string): Promise<number> {
  let last: string | undefined;
  let quietFor = 0;
  for (;;) {
    const text = await capture(command, ctx, sh);
    if (ctx.signal.aborted) return 0;
    if (text !== last) ctx.out(`${screen(text)}\n`);
    last = text;
    if (quietFor >= QUIET_MS) return 0;
    // Wait for the next redraw, noting whether the cluster changed meanwhile.
    const start = services.now();
    const r = await services.nextChange(o.intervalMs, ctx.signal);
    if (r === 'interrupted' || ctx.signal.aborted) return 0;
    const rest = start + o.intervalMs - services.now();
    if (rest > 0) await services.sleep(rest, ctx.signal);
    quietFor = r === 'changed' ? 0 : quietFor + o.intervalMs;
  }
}

/** The command's output and errors, as watch reads them from its pipe (`sh -c`: state is not kept). */
async function capture(command: string, ctx: Ctx, sh: Shell): Promise<string> {
  let errors = '';
  const out = await sh.commandSubstitution(command, { ...ctx, err: (t) => (errors += t), isTTY: false });
  return errors + out;
}

/**
 * watch.c output_header: "Every 2.0s: " and the command on the left, "host: date" (strftime %c
 * in the C locale) on the right; the command is cut with an ellipsis when the line is too short.
 */
export function header(intervalMs: number, command: string, host: string, now: number, width: number): string {
  const left = `Every ${(intervalMs / 1000).toFixed(1)}s: `;
  const right = `${host}: ${cDate(now)}`;
  if (width < right.length) return '';
  const room = width - left.length - right.length;
  if (room < 0) return right.padStart(width);
  let cmd = command;
  if (room <= command.length) cmd = room > 1 ? `${command.slice(0, room - 2)}\u2026` : '';
  return `${left}${cmd}`.padEnd(width - right.length) + right;
}

/** strftime("%c") in the C locale: `date`'s text without the zone (the lab's clock is UTC). */
function cDate(ms: number): string {
  return formatDate(ms).replace(' UTC ', ' ');
}

/** The screen's lines, long ones wrapped at the width (watch wraps unless -w). */
function wrap(text: string, width: number): string[] {
  const out: string[] = [];
  for (const line of text.split('\n')) {
    if (!line.length) out.push('');
    for (let i = 0; i < line.length; i += Math.max(1, width)) out.push(line.slice(i, i + width));
  }
  return out;
}

/** -d: characters that differ from the last screen (or ever did, with =permanent) in reverse video. */
function highlight(lines: string[], previous: string[], changed: Set<string>, permanent: boolean): string {
  if (!permanent) changed.clear();
  return lines
    .map((line, y) => {
      let out = '';
      for (let x = 0; x < line.length; x++) {
        const key = `${y},${x}`;
        if (line[x] !== previous[y]?.[x]) changed.add(key);
        out += changed.has(key) ? `\x1b[7m${line[x]}\x1b[27m` : line[x];
      }
      return out;
    })
    .join('\n');
}

/** A word for `sh -c` that stays one word (-x runs the words as they are). */
function quote(w: string): string {
  return /^[\w@%+=:,./-]+$/.test(w) ? w : `'${w.replace(/'/g, `'\\''`)}'`;
}
