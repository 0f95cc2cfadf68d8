// Go's time.ParseDuration as kubectl's duration flags use it (--timeout, --pod-running-timeout).
import { KubectlError } from './errors.ts';

/** Go durations: `30s`, `5m`, `1h30m`, `500ms`; a bare number is seconds; negative: a week. */
export function parseDuration(s: string, flag = '--timeout'): number {
  if (/^-\d/.test(s)) return 7 * 24 * 3600_000;
  if (/^\d+$/.test(s)) return Number(s) * 1000;
  const re = /(\d+(?:\.\d+)?)(ms|s|m|h)/g;
  let total = 0;
  let matched = '';
  let m;
  while ((m = re.exec(s))) {
    total += Number(m[1]) * { ms: 1, s: 1000, m: 60_000, h: 3_600_000 }[m[2] as 'ms']!;
    matched += m[0];
  }
  if (!matched || matched !== s) throw new KubectlError(`invalid argument "${s}" for "${flag}" flag: time: invalid duration "${s}"`);
  return total;
}
