// Small formatting helpers the kubelet's messages need: Go's time.Duration String(), RFC 3339
// times, deterministic hex ids.
import { toRFC3339 } from '../clock.ts';

/**
 * Go's `time.Duration.String()` for a duration already truncated to milliseconds, as the image
 * manager prints it (`pullDuration.Truncate(time.Millisecond)`): `830ms`, `2.134s`, `1m45.457s`.
 */
export function goDuration(ms: number): string {
  ms = Math.max(0, Math.floor(ms));
  if (ms === 0) return '0s';
  if (ms < 1000) return `${ms}ms`;
  const h = Math.floor(ms / 3_600_000);
  const m = Math.floor((ms % 3_600_000) / 60_000);
  const rest = ms % 60_000;
  const s = Math.floor(rest / 1000);
  const frac = rest % 1000;
  const sec = frac ? `${s}.${String(frac).padStart(3, '0').replace(/0+$/, '')}s` : `${s}s`;
  if (h) return `${h}h${m}m${sec}`;
  if (m) return `${m}m${sec}`;
  return sec;
}

/** Seconds as Go prints a whole-second Duration: `10s`, `1m20s`, `5m0s`. */
export function goSeconds(seconds: number): string {
  return goDuration(seconds * 1000);
}

/**
 * RFC 3339 with whole seconds, as toRFC3339. A pod status carries several times (start, each
 * container's start and finish, condition transitions) from different seconds, which
 * toRFC3339's one-second memory keeps formatting again: these are remembered by second.
 */
export function iso(ms: number): string {
  const sec = Math.floor(ms / 1000);
  let s = isoBySecond.get(sec);
  if (s === undefined) {
    // Virtual time moves forward: a long session's old seconds are let go now and then.
    if (isoBySecond.size >= 4096) isoBySecond.clear();
    isoBySecond.set(sec, (s = toRFC3339(ms)));
  }
  return s;
}

const isoBySecond = new Map<number, string>();

/** A stable 64-hex-digit digest from a string (FNV-1a rounds), for image IDs. */
export function digestOf(s: string): string {
  let out = '';
  let h = 0x811c9dc5;
  for (let round = 0; out.length < 64; round++) {
    for (let i = 0; i < s.length; i++) {
      h ^= s.charCodeAt(i) + round;
      h = Math.imul(h, 0x01000193) >>> 0;
    }
    out += h.toString(16).padStart(8, '0');
  }
  return out.slice(0, 64);
}

/** `n` hex digits from the seeded random source (container IDs, boot IDs). */
export function randomHex(rand: { int(n: number): number }, n: number): string {
  // Joined rather than added up one character at a time: a join gives one flat string, where
  // += leaves a chain of 64 pieces that every JSON.stringify of it has to walk (V8's fast
  // JSON.stringify gives up on such a string altogether).
  const chars = new Array<string>(n);
  for (let i = 0; i < n; i++) chars[i] = '0123456789abcdef'[rand.int(16)];
  return chars.join('');
}

/** A version-4-shaped UUID from the seeded random source. */
export function randomUuid(rand: { int(n: number): number }): string {
  const h = (n: number) => randomHex(rand, n);
  return `${h(8)}-${h(4)}-4${h(3)}-${'89ab'[rand.int(4)]}${h(3)}-${h(12)}`;
}
