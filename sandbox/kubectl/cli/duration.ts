// Go's time.ParseDuration as kubectl's duration flags use it (--timeout, --pod-running-timeout),
// and time.Duration.String for messages that print one (`global timeout reached: 1m0s`).
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

/** time.Duration.String: `500ms`, `30s`, `1m0s`, `1h30m0s`, `1.5s`. */
export function goDuration(ms: number): string {
  if (ms === 0) return '0s';
  if (ms < 1000) return `${ms}ms`;
  const h = Math.floor(ms / 3_600_000);
  const m = Math.floor((ms % 3_600_000) / 60_000);
  const s = (ms % 60_000) / 1000;
  const sec = `${Number.isInteger(s) ? s : String(s)}s`;
  if (h) return `${h}h${m}m${sec}`;
  if (m) return `${m}m${sec}`;
  return sec;
}
