// The event correlator's caches as a source's stored Events say they are (derive, and
// FoldedEvents, which keeps that up to date as Events are recorded), and till when that holds
// (Horizon). A snapshot saves only where the caches differ from this (event-correlator.ts).
import type { KubeObject } from './api/client.ts';
import { parseRFC3339 } from './clock.ts';
import type { CacheName } from './event-agreement.ts';
import { AGGREGATE_INTERVAL_MS, COMBINED_PREFIX, SPAM_BURST, SPAM_QPS, aggregateKey, eventKey, refilled, spamKey, type EventLog, type InvolvedRef, type SpamRecord } from './event-keys.ts';

/**
 * The last instant up to which a save's result stays what it is at `now`. Each thing a save
 * looks at that depends on the time (an aggregation window still open, a spam bucket not yet
 * full again) only ever goes one way as time passes, and the ones that will not change again
 * need no bound: the earliest change of the others ends the span.
 */
export class Horizon {
  until = Infinity;
  readonly now: number;
  constructor(now: number) {
    this.now = now;
  }
  /**
   * A check that holds at now and, as time passes, stops holding at some instant: `t` is a guess
   * at the last instant it holds, `holdsAtT` whether it does hold at `t`.
   */
  bound(t: number, holdsAtT: boolean): void {
    // The guess is checked with the very arithmetic of the check (floating point), so that a
    // rounding at the edge cannot make the span too long: if it does not hold there, only now
    // is certain.
    this.until = Math.min(this.until, holdsAtT ? t : this.now);
  }
}

/** Whether an aggregate record last used at `last` still counts at `now`, noting till when. */
export function aggregateLive(last: number, now: number, horizon: Horizon): boolean {
  if (!(now - last <= AGGREGATE_INTERVAL_MS)) return false;
  const end = last + AGGREGATE_INTERVAL_MS;
  horizon.bound(end, end - last <= AGGREGATE_INTERVAL_MS);
  return true;
}

/** Whether a spam bucket is still below the burst at `now` (a full one is a new bucket), noting till when. */
export function spamLive(r: SpamRecord, now: number, horizon: Horizon): boolean {
  if (!(refilled(r, now) < SPAM_BURST)) return false;
  // Full again (SPAM_QPS tokens a second) a little after this; a millisecond early is safe.
  const full = Math.floor(r.last + ((SPAM_BURST - r.tokens) / SPAM_QPS) * 1000) - 1;
  horizon.bound(full, refilled(r, full) < SPAM_BURST);
  return true;
}

export interface Described {
  count: number;
  first: number;
  last: number;
  name: string;
  message: string;
  aggregate: boolean;
  eventKey: string;
  /** The aggregate key the recorder used: its reporting controller and instance are the source's. */
  aggKey: string;
  spamKey: string;
}

// Stored Events are frozen: what one says is worked out once (updateState, then snapshots).
const described = new WeakMap<KubeObject, Described>();

export interface Keys {
  eventKey: string;
  aggKey: string;
  spamKey: string;
}

/**
 * What an Event says. `known`: the keys its correlation used; an equal key is taken as that very
 * string, so that the caches' keys and those derived from the Events are one string each: a
 * snapshot's many lookups then match keys by identity instead of reading both strings, long out
 * of the CPU's cache by then (measured on the 1,000-pod bench: this and the hashing in flat()
 * together halved the correlators' part of the first snapshot).
 */
export function describe(e: KubeObject, known?: Keys): Described {
  let d = described.get(e);
  if (d) return d;
  const component = e.source?.component ?? '';
  const host = e.source?.host ?? '';
  const io: InvolvedRef = e.involvedObject ?? {};
  const type = e.type ?? '';
  const reason = e.reason ?? '';
  const message = e.message ?? '';
  d = {
    count: e.count ?? 1, name: e.metadata.name!, message,
    first: parseTime(e.firstTimestamp ?? e.metadata.creationTimestamp), last: parseTime(e.lastTimestamp ?? e.metadata.creationTimestamp),
    aggregate: message.startsWith(COMBINED_PREFIX) && !e.reportingComponent,
    eventKey: knownAs(eventKey(component, host, io, type, reason, message), known?.eventKey),
    aggKey: knownAs(aggregateKey(component, host, io, type, reason, component, host), known?.aggKey),
    spamKey: knownAs(spamKey(component, host, io), known?.spamKey),
  };
  if (Object.isFrozen(e)) described.set(e, d);
  return d;
}

/**
 * A key built by concatenation is a rope in V8 until something flattens it; slicing flattens it
 * in place, once, so the many map lookups and comparisons of snapshots do not (measured: the
 * first snapshot of the 1,000-pod bench spent ~3x longer on correlator state without this).
 * A lookup has V8 work out the string's hash and keep it in the string, now that the string is
 * fresh in the CPU's cache, rather than at a snapshot long after.
 */
export function flat(s: string): string {
  void s.slice(1);
  HASHED.has(s);
  return s;
}
const HASHED = new Set<string>(['']);

/** `known` if it is the same text as `s`, else `s` flattened. */
function knownAs(s: string, known: string | undefined): string {
  return s === known ? known : flat(s);
}

// Many Events share a second: remember the last few parses.
const parsed = new Map<string, number>();
function parseTime(s: string | undefined): number {
  if (typeof s !== 'string') return NaN;
  let t = parsed.get(s);
  if (t === undefined) {
    if (parsed.size > 1000) parsed.clear();
    parsed.set(s, (t = parseRFC3339(s)));
  }
  return t;
}

/** A spam bucket as the Events give it: `empty` once an Event found no token (the rest then do not count). */
interface Bucket {
  record: SpamRecord | undefined;
  empty: boolean;
}

function spend(b: Bucket, t: number): Bucket {
  const tokens = refilled(b.record, t);
  if (tokens < 1) b.empty = true;
  else b.record = { tokens: tokens - 1, last: t };
  return b;
}

/** The buckets worked out again with each one's times sorted first, for Events whose times do not ascend. */
function sortedBuckets(sorted: Described[], buckets: Map<string, Bucket | null>): void {
  const times = new Map<string, number[]>();
  for (const d of sorted) {
    if (!buckets.get(d.spamKey)) continue; // none, or a bucket with a repeat
    const ts = times.get(d.spamKey);
    if (ts) ts.push(d.first);
    else times.set(d.spamKey, [d.first]);
  }
  for (const [k, ts] of times) {
    const b: Bucket = { record: undefined, empty: false };
    for (const t of ts.sort((x, y) => x - y)) if (spend(b, t).empty) break;
    buckets.set(k, b);
  }
}

/** An aggregate record as the Events give it: its messages in creation order, without repeats. */
export interface DerivedAggregate {
  messages: string[];
  /** The messages as a set once there are many (a short list is quicker to search than to hash). */
  seen?: Set<string>;
  last: number;
}

function addMessage(r: DerivedAggregate, m: string): void {
  if (r.seen ? r.seen.has(m) : r.messages.includes(m)) return;
  r.messages.push(m);
  if (r.seen) r.seen.add(m);
  else if (r.messages.length > 16) r.seen = new Set(r.messages);
}

function byCreation(a: Described, b: Described): number {
  return a.first - b.first || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
}

/**
 * Sorted by creation, as Array.prototype.sort with byCreation would leave them. The Events come
 * mostly in creation order already (the store keeps insertion order): when they are one
 * ascending run, V8's TimSort (third_party/v8/builtins/array-sort.tq, CountAndMakeRun) returns
 * them as they are, after the very comparisons made here.
 */
function inCreationOrder(events: KubeObject[]): Described[] {
  const ds = events.map((e) => describe(e));
  for (let i = 1; i < ds.length; i++) if (byCreation(ds[i], ds[i - 1]) < 0) return ds.sort(byCreation);
  return ds;
}

/**
 * The caches as the stored Events of one source say they are, assuming every occurrence was
 * recorded: each Event is its key's log entry (an aggregate Event also its aggregate key's);
 * an aggregate record holds the messages of its Events in creation order; a spam bucket spent a
 * token at each Event's time (Events seen once only; a repeat's times are not all known).
 * `horizon` learns till when the windows and buckets that count now keep counting.
 */
export function derive(events: KubeObject[], now: number, horizon: Horizon): { logger: Map<string, EventLog>; aggregator: Map<string, DerivedAggregate>; spam: Map<string, SpamRecord> } {
  const logger = new Map<string, EventLog>();
  const aggregator = new Map<string, DerivedAggregate>();
  // Each bucket's tokens spent at its Events' times in order; null: a bucket with a repeat.
  const buckets = new Map<string, Bucket | null>();
  // Creation order: names are <object>.<UnixNano hex>, the same width for a long while.
  const sorted = inCreationOrder(events);
  // Whether the Events' times ascend, as they do when sorted by them (not so when a time is NaN):
  // then each bucket sees its times in order, as sorting them first would give them.
  let ascending = true;
  let prevFirst = -Infinity;
  for (const d of sorted) {
    if (!(d.first >= prevFirst)) ascending = false;
    prevFirst = d.first;
    const log: EventLog = d; // a Described has the fields of an EventLog: no copy
    logger.set(d.eventKey, log);
    if (d.aggregate) {
      logger.set(d.aggKey, log);
    } else if (aggregateLive(d.last, now, horizon)) {
      const ak = d.aggKey;
      let r = aggregator.get(ak);
      if (!r) aggregator.set(ak, (r = { messages: [], last: d.last }));
      addMessage(r, d.message);
      r.last = Math.max(r.last, d.last);
    }
    const sk = d.spamKey;
    let b = buckets.get(sk);
    if (b === null) continue;
    if (d.count !== 1) buckets.set(sk, null);
    else if (!b) buckets.set(sk, spend({ record: undefined, empty: false }, d.first));
    else if (!b.empty) spend(b, d.first);
  }
  if (!ascending) sortedBuckets(sorted, buckets);
  // A record's last is the latest of its Events', each of which is within the window: this
  // empties none, as long as the arithmetic is monotone; kept as the rule it states.
  for (const r of aggregator.values()) if (now - r.last > AGGREGATE_INTERVAL_MS) r.messages.length = 0;
  const spam = new Map<string, SpamRecord>();
  for (const [k, b] of buckets) if (b?.record && spamLive(b.record, now, horizon)) spam.set(k, b.record);
  for (const [k, r] of aggregator) if (!r.messages.length) aggregator.delete(k);
  return { logger, aggregator, spam };
}

/** An aggregate record as the Events folded so far give it, whatever the time. */
interface FoldedAggregate extends DerivedAggregate {
  /** Its Events, in creation order, for an instant at which some have left the window. */
  events: Described[];
  /** The earliest of their times: while it is in the window, they all are. */
  minLast: number;
}

/**
 * derive() kept up to date as Events are added, so that a save only applies the time (which
 * aggregation windows and spam buckets still count) instead of going through every Event again.
 * derive() goes through the Events in creation order, but what it works out for a key depends
 * only on the Events with that key (one source, one involved object), and a recorder writes those
 * in creation order: folding each Event as it is stored gives the same, as long as each one comes
 * after the others with its keys. A save first checks that the Events folded are the source's
 * stored Events as they start (the same frozen objects in the same order), and folds again from
 * nothing when not (an Event updated with a new count, deleted, a restore); it leaves the work to
 * derive() when the fold cannot do it exactly: an Event before another with its keys, a time that
 * is no integer (a window is decided by comparing times), an Event that is not frozen.
 * Its watcher hears of each key whose folded entry changes, and of a fold from scratch.
 */
export class FoldedEvents {
  private events: KubeObject[] = [];
  private unusable = false;
  private logger = new Map<string, Described>();
  private aggregates = new Map<string, FoldedAggregate>();
  private buckets = new Map<string, Bucket | null>();
  /** Each bucket's latest Event. */
  private bucketLast = new Map<string, Described>();
  private minLast = Infinity;
  /** Told of each key whose folded entry changes, and of a fold from scratch (event-agreement.ts). */
  private readonly watcher: FoldWatcher | undefined;

  constructor(watcher?: FoldWatcher) {
    this.watcher = watcher;
  }

  add(e: KubeObject): void {
    this.events.push(e);
    if (this.unusable) return;
    const d = describe(e);
    // The Events with one event key or aggregate key have one spam key (source and object): each
    // coming after the last of its bucket comes after the others with its keys. (The logger's
    // keys are checked too: an event key and an aggregate key could, in theory, be one text.)
    const usable = Object.isFrozen(e) && Number.isInteger(d.first) && (d.aggregate || Number.isInteger(d.last)) &&
      after(d, this.bucketLast.get(d.spamKey)) && after(d, this.logger.get(d.eventKey)) && (!d.aggregate || after(d, this.logger.get(d.aggKey)));
    if (!usable) {
      this.unusable = true;
      this.watcher?.forget();
      return;
    }
    this.logger.set(d.eventKey, d);
    const r = d.aggregate ? undefined : this.aggregates.get(d.aggKey);
    if (d.aggregate) {
      this.logger.set(d.aggKey, d);
    } else if (!r) {
      this.aggregates.set(d.aggKey, { messages: [d.message], last: d.last, events: [d], minLast: d.last });
    } else {
      addMessage(r, d.message);
      r.last = Math.max(r.last, d.last);
      r.minLast = Math.min(r.minLast, d.last);
      r.events.push(d);
    }
    if (!d.aggregate) this.minLast = Math.min(this.minLast, d.last);
    this.bucketLast.set(d.spamKey, d);
    const b = this.buckets.get(d.spamKey);
    // (A bucket with a repeat, null, stays one.)
    if (b !== null) {
      if (d.count !== 1) this.buckets.set(d.spamKey, null);
      else if (!b) this.buckets.set(d.spamKey, spend({ record: undefined, empty: false }, d.first));
      else if (!b.empty) spend(b, d.first);
    }
    const w = this.watcher;
    if (w) {
      w.touch('logger', d.eventKey);
      w.touch(d.aggregate ? 'logger' : 'aggregator', d.aggKey);
      w.touch('spam', d.spamKey);
    }
  }

  /**
   * Folds what `events` (the source's stored Events) hold beyond what was folded, from nothing
   * when they do not begin with it. False when the fold cannot give derive()'s result for them.
   */
  catchUp(events: KubeObject[]): boolean {
    if (!this.begins(events)) {
      this.reset();
      for (const e of events) this.add(e);
    } else {
      for (let i = this.events.length; i < events.length; i++) this.add(events[i]);
    }
    return !this.unusable;
  }

  /** The logger entry as folded (derive() gives the same whatever the time). */
  loggerEntry(k: string): EventLog | undefined {
    return this.logger.get(k);
  }

  /** An aggregate record as folded, whatever the time. */
  aggregate(k: string): DerivedAggregate | undefined {
    return this.aggregates.get(k);
  }

  /** A spam bucket as folded, whatever the time. */
  bucketRecord(k: string): SpamRecord | undefined {
    return this.buckets.get(k)?.record;
  }

  /** The spam bucket derive() gives at `now`, noting till when. */
  spamAt(k: string, now: number, horizon: Horizon): SpamRecord | undefined {
    const r = this.buckets.get(k)?.record;
    return r && spamLive(r, now, horizon) ? r : undefined;
  }

  /** The keys each folded map has. */
  keys(cache: CacheName): Iterable<string> {
    return cache === 'logger' ? this.logger.keys() : cache === 'aggregator' ? this.aggregates.keys() : this.buckets.keys();
  }

  /**
   * The aggregate records derive() gives at `now` (after catchUp), and the keys of those that
   * are not as folded there: records with some of their Events out of the window.
   */
  aggregatesAt(now: number, horizon: Horizon): { aggregator: Map<string, DerivedAggregate>; partial: string[] } {
    let aggregator: Map<string, DerivedAggregate> = this.aggregates;
    const partial: string[] = [];
    // Every Event in its window (the earliest is): every record counts as folded.
    if (this.aggregates.size && !aggregateLive(this.minLast, now, horizon)) {
      aggregator = new Map();
      for (const [k, r] of this.aggregates) {
        if (aggregateLive(r.minLast, now, horizon)) {
          aggregator.set(k, r);
          continue;
        }
        partial.push(k);
        // Some of its Events are out of the window: the record of those still in it, as derive() makes it.
        let live: DerivedAggregate | undefined;
        for (const d of r.events) {
          if (!aggregateLive(d.last, now, horizon)) continue;
          if (!live) live = { messages: [], last: d.last };
          addMessage(live, d.message);
          live.last = Math.max(live.last, d.last);
        }
        if (live && live.messages.length && !(now - live.last > AGGREGATE_INTERVAL_MS)) aggregator.set(k, live);
      }
    }
    return { aggregator, partial };
  }

  /** Whether `events` begin with the Events folded, the same objects in the same order. */
  private begins(events: KubeObject[]): boolean {
    const folded = this.events;
    if (folded.length > events.length) return false;
    for (let i = 0; i < folded.length; i++) if (folded[i] !== events[i]) return false;
    return true;
  }

  private reset(): void {
    this.watcher?.forget();
    this.events = [];
    this.unusable = false;
    this.logger = new Map();
    this.aggregates = new Map();
    this.buckets = new Map();
    this.bucketLast = new Map();
    this.minLast = Infinity;
  }
}

/** What FoldedEvents tells of its changes (event-agreement.ts's Agreement). */
export interface FoldWatcher {
  touch(cache: CacheName, k: string): void;
  forget(): void;
}

/** Whether d comes after `prev` (or there is none) in creation order, as derive() sorts. */
function after(d: Described, prev: Described | undefined): boolean {
  return prev === undefined || byCreation(d, prev) >= 0;
}
