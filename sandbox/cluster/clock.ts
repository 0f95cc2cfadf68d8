// Virtual time. Nothing in the simulator reads the wall clock: time moves only when the loop
// advances it, so the same seed and the same commands give the same cluster.

/** A pending timer. Plain data (no closures), so timers survive snapshot and restore. */
export interface Timer {
  id: number;
  at: number; // virtual ms since the Unix epoch
  owner: string; // component name that handles it
  type: string;
  data?: unknown;
}

/** 2026-01-01T00:00:00Z: a fixed start so fresh clusters are identical. */
export const DEFAULT_START = Date.UTC(2026, 0, 1, 0, 0, 0);

export interface ClockState {
  now: number;
  nextId: number;
  timers: Timer[];
  /** UnixNano values handed out within the current millisecond (absent when none). */
  nanoSeq?: number;
}

export class VirtualClock {
  private nowMs: number;
  private nextId = 1;
  // Binary min-heap ordered by (at, id): ties fire in the order they were set.
  private heap: Timer[] = [];
  private cancelled = new Set<number>();
  // nowNano(): how many nanosecond stamps the current millisecond has handed out.
  private nanoMs = NaN;
  private nanoSeq = 0;

  constructor(start = DEFAULT_START) {
    this.nowMs = start;
  }

  now(): number {
    return this.nowMs;
  }

  /** RFC 3339 with second precision, as metav1.Time serialises: `2026-01-01T00:00:05Z`. */
  nowISO(): string {
    return toRFC3339(this.nowMs);
  }

  /**
   * Now as Unix nanoseconds, strictly increasing from one call to the next: virtual time has
   * millisecond steps, so calls within one millisecond count up its nanoseconds. Event names
   * carry this (`<object>.<UnixNano hex>`) and sort in the order the Events were made.
   */
  nowNano(): bigint {
    if (this.nanoMs !== this.nowMs) {
      this.nanoMs = this.nowMs;
      this.nanoSeq = 0;
    }
    return BigInt(this.nowMs) * 1_000_000n + BigInt(this.nanoSeq++);
  }

  /** Moves time forward (never back). */
  setNow(ms: number): void {
    if (ms > this.nowMs) this.nowMs = ms;
  }

  schedule(owner: string, delayMs: number, type: string, data?: unknown): number {
    const t: Timer = { id: this.nextId++, at: this.nowMs + Math.max(0, Math.round(delayMs)), owner, type, data };
    this.push(t);
    return t.id;
  }

  cancel(id: number): void {
    this.cancelled.add(id);
  }

  /** The next live timer, without removing it. */
  peek(): Timer | undefined {
    this.dropCancelled();
    return this.heap[0];
  }

  pop(): Timer | undefined {
    this.dropCancelled();
    const top = this.heap[0];
    if (!top) return undefined;
    const last = this.heap.pop()!;
    if (this.heap.length) {
      this.heap[0] = last;
      this.down(0);
    }
    return top;
  }

  pendingCount(): number {
    return this.heap.length - this.cancelled.size;
  }

  save(): ClockState {
    this.dropAllCancelled();
    const timers = [...this.heap].sort(cmp);
    const s: ClockState = { now: this.nowMs, nextId: this.nextId, timers: JSON.parse(JSON.stringify(timers)) };
    if (this.nanoMs === this.nowMs && this.nanoSeq) s.nanoSeq = this.nanoSeq;
    return s;
  }

  load(s: ClockState): void {
    this.nowMs = s.now;
    this.nextId = s.nextId;
    this.nanoMs = s.nanoSeq ? s.now : NaN;
    this.nanoSeq = s.nanoSeq ?? 0;
    this.heap = [];
    this.cancelled.clear();
    for (const t of s.timers) this.push({ ...t });
  }

  private dropCancelled(): void {
    while (this.heap.length && this.cancelled.has(this.heap[0].id)) {
      this.cancelled.delete(this.heap[0].id);
      const last = this.heap.pop()!;
      if (this.heap.length) {
        this.heap[0] = last;
        this.down(0);
      }
    }
  }

  private dropAllCancelled(): void {
    if (!this.cancelled.size) return;
    const keep = this.heap.filter((t) => !this.cancelled.has(t.id));
    this.cancelled.clear();
    this.heap = [];
    for (const t of keep) this.push(t);
  }

  private push(t: Timer): void {
    this.heap.push(t);
    let i = this.heap.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (cmp(this.heap[i], this.heap[p]) >= 0) break;
      [this.heap[i], this.heap[p]] = [this.heap[p], this.heap[i]];
      i = p;
    }
  }

  private down(i: number): void {
    const h = this.heap;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < h.length && cmp(h[l], h[m]) < 0) m = l;
      if (r < h.length && cmp(h[r], h[m]) < 0) m = r;
      if (m === i) return;
      [h[i], h[m]] = [h[m], h[i]];
      i = m;
    }
  }
}

function cmp(a: Timer, b: Timer): number {
  return a.at - b.at || a.id - b.id;
}

export function toRFC3339(ms: number): string {
  const sec = Math.floor(ms / 1000);
  // The same second is formatted many times in a row (every write stamps it): remember the last.
  if (sec !== lastSecond) {
    lastSecond = sec;
    lastFormatted = new Date(sec * 1000).toISOString().replace('.000Z', 'Z');
  }
  return lastFormatted;
}

let lastSecond = NaN;
let lastFormatted = '';

export function parseRFC3339(s: string): number {
  return Date.parse(s);
}
