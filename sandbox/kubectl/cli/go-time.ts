// Go's time.ParseDuration and time.Parse(time.RFC3339, ...) with their error texts, for the
// flags kubectl reads with them: `kubectl logs --since` (a pflag Duration) and `--since-time`
// (kubectl's util.ParseRFC3339). Source: golang/go src/time/format.go (ParseDuration, parse,
// ParseError.Error, getnum, skip) and kubernetes/kubectl pkg/util/util.go (ParseRFC3339).

/** Go's strconv.Quote, for the plain text these messages quote. */
function quote(s: string): string {
  return JSON.stringify(s);
}

const UNITS: Record<string, number> = { ns: 1e-6, us: 1e-3, 'µs': 1e-3, 'μs': 1e-3, ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

/** time.ParseDuration: milliseconds, or the error Go gives (`time: missing unit in duration "10"`). */
export function parseGoDuration(orig: string): number {
  const invalid = () => new Error(`time: invalid duration ${quote(orig)}`);
  let s = orig;
  let neg = false;
  if (s[0] === '-' || s[0] === '+') {
    neg = s[0] === '-';
    s = s.slice(1);
  }
  // Special case: "0" alone needs no unit.
  if (s === '0') return 0;
  if (s === '') throw invalid();
  let total = 0;
  while (s !== '') {
    const m = /^(\d*)(?:\.(\d*))?/.exec(s)!;
    if (!/^[.\d]/.test(s) || (m[1] === '' && !m[2])) throw invalid();
    s = s.slice(m[0].length);
    let i = 0;
    while (i < s.length && !/[.\d]/.test(s[i])) i++;
    if (i === 0) throw new Error(`time: missing unit in duration ${quote(orig)}`);
    const unit = s.slice(0, i);
    s = s.slice(i);
    if (!(unit in UNITS)) throw new Error(`time: unknown unit ${quote(unit)} in duration ${quote(orig)}`);
    total += Number(`${m[1] || '0'}.${m[2] ?? ''}`) * UNITS[unit];
  }
  return neg ? -total : total;
}

const RFC3339 = '2006-01-02T15:04:05Z07:00';

/**
 * time.Parse(time.RFC3339, s) as ms since the epoch, or Go's error:
 * `parsing time "2026/01/01" as "2006-01-02T15:04:05Z07:00": cannot parse "/01/01" as "-"`.
 * A fraction after the seconds is read as Go reads it (the layout has none, the value may).
 */
export function parseGoRFC3339(value: string): number {
  const cannot = (rest: string, elem: string) => new Error(`parsing time ${quote(value)} as ${quote(RFC3339)}: cannot parse ${quote(rest)} as ${quote(elem)}`);
  const outOfRange = (what: string) => new Error(`parsing time ${quote(value)}: ${what} out of range`);
  let v = value;
  const literal = (lit: string) => {
    for (const ch of lit) {
      if (v[0] !== ch) throw cannot(v, lit);
      v = v.slice(1);
    }
  };
  // getnum: one or two digits (exactly two when fixed).
  const num = (elem: string, fixed: boolean): number => {
    if (!/^\d/.test(v)) throw cannot(v, elem);
    const two = /^\d\d/.test(v);
    if (!two && fixed) throw cannot(v, elem);
    const n = Number(v.slice(0, two ? 2 : 1));
    v = v.slice(two ? 2 : 1);
    return n;
  };
  if (!/^\d{4}/.test(v)) throw cannot(v, '2006');
  const year = Number(v.slice(0, 4));
  v = v.slice(4);
  literal('-');
  const month = num('01', true);
  if (month < 1 || month > 12) throw outOfRange('month');
  literal('-');
  const day = num('02', true);
  literal('T');
  const hour = num('15', false);
  if (hour > 23) throw outOfRange('hour');
  literal(':');
  const minute = num('04', true);
  if (minute > 59) throw outOfRange('minute');
  literal(':');
  const second = num('05', true);
  if (second > 59) throw outOfRange('second');
  let ms = 0;
  const frac = /^[.,](\d+)/.exec(v);
  if (frac) {
    ms = Number(`0.${frac[1]}`) * 1000;
    v = v.slice(frac[0].length);
  }
  let offsetMin = 0;
  if (v[0] === 'Z') v = v.slice(1);
  else {
    const z = /^([+-])(\d\d):(\d\d)/.exec(v);
    if (!z) throw cannot(v, 'Z07:00');
    offsetMin = (z[1] === '-' ? -1 : 1) * (Number(z[2]) * 60 + Number(z[3]));
    v = v.slice(6);
  }
  if (v) throw new Error(`parsing time ${quote(value)}: extra text: ${quote(v)}`);
  const daysIn = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (day < 1 || day > daysIn) throw new Error(`parsing time ${quote(value)}: day out of range`);
  return Date.UTC(year, month - 1, day, hour, minute, second) + Math.floor(ms) - offsetMin * 60_000;
}
