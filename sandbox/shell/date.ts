// `date` on the virtual clock, as GNU coreutils 9 prints it in the C locale with TZ=UTC:
// `date`, `date +FORMAT` (cluster/strftime.ts), -u, -R, -I[FMT], --rfc-3339=FMT, -d/--date with
// `@SECONDS`, `now` or an ISO 8601 time. The machine's clock cannot be set: an operand without
// `+` says so, as date does for a user who is not root.
// Reference: coreutils src/date.c (usage, the ISO 8601 and RFC 3339 formats, its errors).
import { strftime } from '../cluster/strftime.ts';
import type { Command } from './types.ts';
import { getopt, glibcMessage, type GetoptSpec } from '../cluster/kubelet/programs/getopt.ts';

/** The default format in the C locale (date.c: "%a %b %e %H:%M:%S %Z %Y"). */
export const DATE_FORMAT = '%a %b %e %H:%M:%S %Z %Y';

const ISO_8601: Record<string, string> = {
  date: '%Y-%m-%d',
  hours: '%Y-%m-%dT%H%:z',
  minutes: '%Y-%m-%dT%H:%M%:z',
  seconds: '%Y-%m-%dT%H:%M:%S%:z',
  ns: '%Y-%m-%dT%H:%M:%S,%N%:z',
};

const RFC_3339: Record<string, string> = {
  date: '%Y-%m-%d',
  seconds: '%Y-%m-%d %H:%M:%S%:z',
  ns: '%Y-%m-%d %H:%M:%S.%N%:z',
};

/** `date` as coreutils prints the default: `Thu Jan  1 00:00:00 UTC 2026`. */
export function formatDate(ms: number): string {
  return strftime(DATE_FORMAT, ms);
}

/** -d STRING: `@1767225600`, `now`, or what an ISO 8601 / RFC 2822 parse accepts; else undefined. */
function parseDateString(s: string, now: number): number | undefined {
  const t = s.trim();
  if (t === '' || t === 'now') return now;
  if (/^@-?\d+(\.\d+)?$/.test(t)) return Math.floor(Number(t.slice(1)) * 1000);
  if (t === 'today') return now;
  if (t === 'yesterday') return now - 86_400_000;
  if (t === 'tomorrow') return now + 86_400_000;
  // A date alone or a date and time without a zone are UTC here (TZ=UTC).
  const iso = /^\d{4}-\d{2}-\d{2}([ T]\d{2}:\d{2}(:\d{2}(\.\d+)?)?)?$/.test(t) ? `${t.replace(' ', 'T')}${t.length > 10 ? 'Z' : 'T00:00:00Z'}` : t;
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? undefined : ms;
}

/** The operand that sets the clock, MMDDhhmm[[CC]YY][.ss] (posixtime), as epoch ms; else undefined. */
function posixTime(op: string, now: number): number | undefined {
  const m = /^(\d{2})(\d{2})(\d{2})(\d{2})(\d{2}|\d{4})?(?:\.(\d{2}))?$/.exec(op);
  if (!m) return undefined;
  const [, mo, dd, hh, mi, yy, ss] = m;
  let year = new Date(now).getUTCFullYear();
  // Two digits: 69-99 are 19xx, 00-68 are 20xx (POSIX).
  if (yy) year = yy.length === 4 ? Number(yy) : Number(yy) + (Number(yy) < 69 ? 2000 : 1900);
  const ms = Date.UTC(year, Number(mo) - 1, Number(dd), Number(hh), Number(mi), ss ? Number(ss) : 0);
  const d = new Date(ms);
  // Out-of-range fields (month 13, 25 o'clock) do not roll over: the date is invalid.
  if (d.getUTCMonth() !== Number(mo) - 1 || d.getUTCDate() !== Number(dd) || d.getUTCHours() !== Number(hh) || d.getUTCMinutes() !== Number(mi)) return undefined;
  return ms;
}

/** Which of a long option's words `arg` starts (date.c takes any unambiguous prefix). */
function pick(words: Record<string, string>, arg: string): string | undefined {
  if (arg in words) return words[arg];
  const hits = Object.keys(words).filter((w) => w.startsWith(arg));
  return hits.length === 1 ? words[hits[0]] : undefined;
}

/**
 * date.c's options (getopt_long "d:f:I::r:Rs:u" and long_options; the ones simulated here):
 * GNU order, so an option after the format still counts (`date +%s -u`).
 */
const OPTIONS: GetoptSpec = {
  short: 'd:I::Ru',
  long: [
    { name: 'date', arg: 'required', key: 'd' },
    { name: 'iso-8601', arg: 'optional', key: 'I' },
    { name: 'rfc-email', arg: 'none', key: 'R' },
    { name: 'rfc-822', arg: 'none', key: 'R' },
    { name: 'rfc-2822', arg: 'none', key: 'R' },
    { name: 'rfc-3339', arg: 'required' },
    { name: 'uct', arg: 'none', key: 'u' },
    { name: 'utc', arg: 'none', key: 'u' },
    { name: 'universal', arg: 'none', key: 'u' },
  ],
};

export const date: Command = async (io, services) => {
  const fail = (msg: string, hint = true) => {
    io.stderr(`date: ${msg}\n${hint ? "Try 'date --help' for more information.\n" : ''}`);
    return 1;
  };
  let format: string | undefined;
  let when: string | undefined;
  const { options, operands, error } = getopt(io.argv.slice(1), OPTIONS);
  for (const { key, value } of options) {
    if (key === 'R') format = '%a, %d %b %Y %H:%M:%S %z';
    else if (key === 'I') {
      // -I alone is --iso-8601=date; an argument is any unambiguous prefix of a format's name.
      const f = value === undefined ? ISO_8601.date : pick(ISO_8601, value);
      if (!f) return fail(`invalid argument '${value}' for '--iso-8601'\nValid arguments are:\n  - 'hours'\n  - 'minutes'\n  - 'date'\n  - 'seconds'\n  - 'ns'`);
      format = f;
    } else if (key === 'rfc-3339') {
      const f = pick(RFC_3339, value!);
      if (!f) return fail(`invalid argument '${value}' for '--rfc-3339'\nValid arguments are:\n  - 'date'\n  - 'seconds'\n  - 'ns'`);
      format = f;
    } else if (key === 'd') when = value;
    // -u: the lab's clock is UTC already.
  }
  if (error) return fail(glibcMessage(error));
  if (operands.length > 1) return fail(`extra operand '${operands[1]}'`);
  if (operands.length === 1) {
    const op = operands[0];
    if (!op.startsWith('+')) {
      // An operand without + would set the clock ([MMDDhhmm[[CC]YY][.ss]]).
      if (when !== undefined) return fail(`the argument '${op}' lacks a leading '+';\nwhen using an option to specify date(s), any non-option\nargument must be a format string beginning with '+'`);
      const set = posixTime(op, services.now());
      if (set === undefined) return fail(`invalid date '${op}'`, false);
      // Not root: settime fails, and date still shows the time it was given.
      io.stderr('date: cannot set date: Operation not permitted\n');
      io.stdout(strftime(format ?? DATE_FORMAT, set) + '\n');
      return 1;
    }
    if (format !== undefined) return fail('multiple output formats specified', false);
    format = op.slice(1);
  }
  let ms = services.now();
  if (when !== undefined) {
    const parsed = parseDateString(when, ms);
    if (parsed === undefined) return fail(`invalid date '${when}'`, false);
    ms = parsed;
  }
  io.stdout(strftime(format ?? DATE_FORMAT, ms) + '\n');
  return 0;
};
