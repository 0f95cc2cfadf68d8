// Which keys of an event correlator's caches hold something other than what its folded Events
// give (event-derive.ts FoldedEvents), kept up to date as either side changes, so that a save
// looks at those keys only instead of comparing every entry of both (event-correlator.ts).
//
// A key whose cache entry equals the folded one adds nothing to a save at any instant: the same
// record counts on both sides, or on neither, as time passes. (An aggregate the Events give only
// in part at the save's instant, some of its Events having left the window, is the exception:
// the save compares each such record.) Each change is compared as it is made. That is a
// trade: the 1,000-pod scale-up of the bench makes ~75,000 such comparisons while it records
// its Events (10-15 ms over the whole settle), and its first save no longer compares thousands
// of entries at once (6-15 ms in one pause, in Chromium).

export type CacheName = 'logger' | 'aggregator' | 'spam';
export const CACHES: readonly CacheName[] = ['logger', 'aggregator', 'spam'];

/** The two sides of one cache, as the correlator and its fold hold them now. */
export interface Side<A = unknown, F = unknown> {
  /** The cache's entry for k, and the folded Events' (undefined: none). */
  actual(k: string): A | undefined;
  folded(k: string): F | undefined;
  /** Whether two entries, one of each side, say the same (whatever the time). */
  same(actual: A, folded: F): boolean;
  /** Every key either side has, for a comparison from scratch. */
  keys(): Iterable<string>;
}

export class Agreement {
  private readonly differ: Record<CacheName, Set<string>> = { logger: new Set(), aggregator: new Set(), spam: new Set() };
  /** The sets are not known (after a restore, or a fold from scratch): worked out whole when next asked for. */
  private unknown = false;
  private readonly sides: Record<CacheName, Side>;

  constructor(sides: Record<CacheName, Side>) {
    this.sides = sides;
  }

  /** k's entry changed on either side; call after the change. */
  touch(cache: CacheName, k: string): void {
    if (!this.unknown) this.check(cache, k);
  }

  /** Either side changed wholesale. */
  forget(): void {
    this.unknown = true;
    for (const c of CACHES) this.differ[c].clear();
  }

  /** The keys whose entries differ, per cache. */
  differing(): Readonly<Record<CacheName, ReadonlySet<string>>> {
    if (this.unknown) {
      this.unknown = false;
      for (const c of CACHES) for (const k of this.sides[c].keys()) this.check(c, k);
    }
    return this.differ;
  }

  private check(cache: CacheName, k: string): void {
    const side = this.sides[cache];
    const a = side.actual(k);
    const f = side.folded(k);
    if (a === undefined ? f === undefined : f !== undefined && side.same(a, f)) this.differ[cache].delete(k);
    else this.differ[cache].add(k);
  }
}
