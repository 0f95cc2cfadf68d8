// strftime in UTC on the virtual clock, with GNU's additions (coreutils `date +FORMAT`: %s, %N,
// %P, %q, %:z, and the - _ 0 ^ # flags and field widths), in the C locale. Every fixed time format
// the simulator prints is one format string over it: nginx's log times, HTTP Date headers,
// kubectl describe's RFC 1123 times, `date`, `ls -l`.
// Reference: the GNU C Library manual, "Formatting Calendar Time" (strftime), and coreutils'
// date --help for the GNU conversions.

const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** What a conversion gives: text, or a number with its default padding and width. */
type Field = string | { n: number; pad: '0' | ' '; width: number };

/** Day of the year, 0-based. */
function yearDay(d: Date): number {
  return Math.floor((d.getTime() - Date.UTC(d.getUTCFullYear(), 0, 1)) / 86_400_000);
}

/** ISO 8601 week-based year and week (weeks start on Monday; week 1 holds the first Thursday). */
function isoWeek(d: Date): { year: number; week: number } {
  const t = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()));
  const wd = (t.getUTCDay() + 6) % 7; // Monday 0
  t.setUTCDate(t.getUTCDate() - wd + 3); // the Thursday of this week
  const year = t.getUTCFullYear();
  return { year, week: 1 + Math.floor(yearDay(t) / 7) };
}

function num(n: number, width = 2, pad: '0' | ' ' = '0'): Field {
  return { n, pad, width };
}

/** One conversion (the letter after % and any colons), or undefined when it is not one. */
function convert(d: Date, ms: number, c: string, colons: number): Field | undefined {
  const h12 = d.getUTCHours() % 12 || 12;
  switch (c) {
    case 'a': return DAYS[d.getUTCDay()].slice(0, 3);
    case 'A': return DAYS[d.getUTCDay()];
    case 'b': case 'h': return MONTHS[d.getUTCMonth()].slice(0, 3);
    case 'B': return MONTHS[d.getUTCMonth()];
    case 'c': return strftime('%a %b %e %H:%M:%S %Y', ms);
    case 'C': return num(Math.floor(d.getUTCFullYear() / 100));
    case 'd': return num(d.getUTCDate());
    case 'D': case 'x': return strftime('%m/%d/%y', ms);
    case 'e': return num(d.getUTCDate(), 2, ' ');
    case 'F': return strftime('%Y-%m-%d', ms);
    case 'g': return num(isoWeek(d).year % 100);
    case 'G': return num(isoWeek(d).year, 4);
    case 'H': return num(d.getUTCHours());
    case 'I': return num(h12);
    case 'j': return num(yearDay(d) + 1, 3);
    case 'k': return num(d.getUTCHours(), 2, ' ');
    case 'l': return num(h12, 2, ' ');
    case 'm': return num(d.getUTCMonth() + 1);
    case 'M': return num(d.getUTCMinutes());
    case 'n': return '\n';
    case 'N': return num(((ms % 1000) + 1000) % 1000 * 1_000_000, 9);
    case 'p': return d.getUTCHours() < 12 ? 'AM' : 'PM';
    case 'P': return d.getUTCHours() < 12 ? 'am' : 'pm';
    case 'q': return num(Math.floor(d.getUTCMonth() / 3) + 1, 1);
    case 'r': return strftime('%I:%M:%S %p', ms);
    case 'R': return strftime('%H:%M', ms);
    case 's': return num(Math.floor(ms / 1000), 1);
    case 'S': return num(d.getUTCSeconds());
    case 't': return '\t';
    case 'T': case 'X': return strftime('%H:%M:%S', ms);
    case 'u': return num(d.getUTCDay() || 7, 1);
    case 'U': return num(Math.floor((yearDay(d) + 7 - d.getUTCDay()) / 7));
    case 'V': return num(isoWeek(d).week);
    case 'w': return num(d.getUTCDay(), 1);
    case 'W': return num(Math.floor((yearDay(d) + 7 - ((d.getUTCDay() + 6) % 7)) / 7));
    case 'y': return num(d.getUTCFullYear() % 100);
    case 'Y': return num(d.getUTCFullYear(), 1);
    case 'z': return ['+0000', '+00:00', '+00:00:00', '+00'][colons];
    case 'Z': return 'UTC';
    case '%': return '%';
    default: return undefined;
  }
}

/** strftime(format) at `ms` (virtual epoch milliseconds), in UTC. */
export function strftime(format: string, ms: number): string {
  const d = new Date(ms);
  let out = '';
  for (let i = 0; i < format.length; i++) {
    const ch = format[i];
    if (ch !== '%') {
      out += ch;
      continue;
    }
    // %[flags][width][colons]conversion
    const m = /^([-_0^#]*)(\d*)(:{0,3})(.?)/.exec(format.slice(i + 1))!;
    const [all, flags, widthText, colonText, c] = m;
    const field = c ? convert(d, ms, c, colonText.length) : undefined;
    if (field === undefined || (colonText && c !== 'z')) {
      // Not a conversion: printed as written, as GNU date does.
      out += '%' + all;
      i += all.length;
      continue;
    }
    i += all.length;
    let text: string;
    const width = widthText ? Number(widthText) : undefined;
    if (c === 'N' && width !== undefined && typeof field !== 'string') {
      // %3N: the first digits of the nanoseconds (milliseconds), not a padded number.
      out += String(field.n).padStart(9, '0').padEnd(width, '0').slice(0, width);
      continue;
    }
    if (typeof field === 'string') {
      text = width !== undefined ? field.padStart(width, flags.includes('0') ? '0' : ' ') : field;
    } else {
      const pad = flags.includes('-') ? '' : flags.includes('_') ? ' ' : flags.includes('0') ? '0' : field.pad;
      const digits = String(Math.abs(field.n));
      const w = width ?? field.width;
      text = (field.n < 0 ? '-' : '') + (pad ? digits.padStart(w - (field.n < 0 ? 1 : 0), pad) : digits);
    }
    if (flags.includes('^')) text = text.toUpperCase();
    else if (flags.includes('#')) text = /[a-z]/.test(text) ? text.toUpperCase() : text.toLowerCase();
    out += text;
  }
  return out;
}
