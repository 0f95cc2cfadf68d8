// Ages as kubectl prints them: kubernetes/apimachinery pkg/util/duration/duration.go HumanDuration,
// reached through translateTimestampSince in kubernetes/kubernetes pkg/printers/internalversion/printers.go.
import { strftime } from '../../cluster/strftime.ts';

/** `45s`, `3m12s`, `45m`, `3h5m`, `2d4h`, `400d`, `2y10d`. */
export function humanDuration(ms: number): string {
  const seconds = Math.trunc(ms / 1000);
  // Allow deviation no more than 2 seconds (excluded) for clock skew, as the Go code does.
  if (seconds < -1) return '<invalid>';
  if (seconds < 0) return '0s';
  if (seconds < 60 * 2) return `${seconds}s`;
  const minutes = Math.trunc(seconds / 60);
  if (minutes < 10) {
    const s = seconds % 60;
    return s === 0 ? `${minutes}m` : `${minutes}m${s}s`;
  }
  if (minutes < 60 * 3) return `${minutes}m`;
  const hours = Math.trunc(minutes / 60);
  if (hours < 8) {
    const m = minutes % 60;
    return m === 0 ? `${hours}h` : `${hours}h${m}m`;
  }
  if (hours < 48) return `${hours}h`;
  if (hours < 24 * 8) {
    const h = hours % 24;
    return h === 0 ? `${Math.trunc(hours / 24)}d` : `${Math.trunc(hours / 24)}d${h}h`;
  }
  if (hours < 24 * 365 * 2) return `${Math.trunc(hours / 24)}d`;
  if (hours < 24 * 365 * 8) {
    const dy = Math.trunc(hours / 24) % 365;
    const y = Math.trunc(hours / 24 / 365);
    return dy === 0 ? `${y}y` : `${y}y${dy}d`;
  }
  return `${Math.trunc(hours / 24 / 365)}y`;
}

/** translateTimestampSince: `<unknown>` for a missing timestamp. */
export function age(timestamp: string | undefined | null, now: number): string {
  if (!timestamp) return '<unknown>';
  const t = Date.parse(timestamp);
  if (Number.isNaN(t)) return '<unknown>';
  return humanDuration(now - t);
}

/** Go's time.RFC1123Z in UTC: `Thu, 01 Jan 2026 00:00:00 +0000` (describe's timestamps). */
export function rfc1123z(timestamp: string | undefined | null): string {
  const t = timestamp ? Date.parse(timestamp) : NaN;
  if (Number.isNaN(t)) return 'Mon, 01 Jan 0001 00:00:00 +0000';
  return strftime('%a, %d %b %Y %H:%M:%S %z', t);
}

/** RFC 3339 in UTC without fractions, as the API server writes timestamps. */
export function rfc3339(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}
