// client-go's EventCorrelator, which every EventRecorder runs its events through before they
// reach the API server. Source: kubernetes/kubernetes
// staging/src/k8s.io/client-go/tools/record/events_cache.go:
// - EventAggregator: 10 events from the same source about the same object with the same type
//   and reason but different messages within 10 minutes become one Event whose message is
//   "(combined from similar events): <latest message>";
// - eventLogger: an event identical to one already recorded (same key, message included) bumps
//   count and lastTimestamp of that Event instead of creating another;
// - EventSourceObjectSpamFilter: a token bucket per source and object, burst 25, refilled at
//   1 token per 5 minutes; an event without a token is dropped.
// The caches are LRUs of 4096 entries (maxLruCacheEntries).
//
// Snapshots: most of this state follows from the stored Events (derive()), so a snapshot saves
// only where the caches differ from what the Events say. Restoring rebuilds the caches in the
// Events' order, not in the order they were last used; that order only decides which entry an
// LRU drops past 4096 entries per source.
import type { KubeObject } from './api/client.ts';
import { parseRFC3339 } from './clock.ts';

export const MAX_LRU_CACHE_ENTRIES = 4096;
export const AGGREGATE_MAX_EVENTS = 10;
export const AGGREGATE_INTERVAL_MS = 600_000;
export const SPAM_BURST = 25;
// defaultSpamQPS = 1. / 300. as a float32, which is what the rate limiter gets.
export const SPAM_QPS = Math.fround(1 / 300);
export const COMBINED_PREFIX = '(combined from similar events): ';

export interface InvolvedRef {
  kind?: string;
  namespace?: string;
  name?: string;
  uid?: string;
  apiVersion?: string;
  resourceVersion?: string;
  fieldPath?: string;
}

/** An Event on its way through the correlator, with times in virtual ms. */
export interface CorrelatorEvent {
  name: string;
  namespace: string;
  involvedObject: InvolvedRef;
  reason: string;
  message: string;
  type: string;
  component: string;
  host: string;
  reportingComponent: string;
  reportingInstance: string;
  firstTimestamp: number;
  lastTimestamp: number;
  count: number;
}

interface AggregateRecord {
  /** Messages seen in the current window, in the order first seen (a Set keeps it). */
  localKeys: Set<string>;
  last: number;
}

interface EventLog {
  count: number;
  first: number;
  name: string;
}

interface SpamRecord {
  tokens: number;
  last: number;
}

const SEP = '\u0000';

/** getEventKey: source, involved object (with fieldPath), type, reason and message. */
function eventKey(component: string, host: string, io: InvolvedRef, type: string, reason: string, message: string): string {
  return `${component}${SEP}${host}${SEP}${io.kind ?? ''}${SEP}${io.namespace ?? ''}${SEP}${io.name ?? ''}${SEP}${io.fieldPath ?? ''}${SEP}${io.uid ?? ''}${SEP}${io.apiVersion ?? ''}${SEP}${type}${SEP}${reason}${SEP}${message}`;
}

/** getSpamKey: source and involved object (no fieldPath). */
function spamKey(component: string, host: string, io: InvolvedRef): string {
  return `${component}${SEP}${host}${SEP}${io.kind ?? ''}${SEP}${io.namespace ?? ''}${SEP}${io.name ?? ''}${SEP}${io.uid ?? ''}${SEP}${io.apiVersion ?? ''}`;
}

/** EventAggregatorByReasonFunc: source, object, type, reason, reporting controller and instance. */
function aggregateKey(component: string, host: string, io: InvolvedRef, type: string, reason: string, reportingComponent: string, reportingInstance: string): string {
  return `${spamKey(component, host, io)}${SEP}${type}${SEP}${reason}${SEP}${reportingComponent}${SEP}${reportingInstance}`;
}

/**
 * groupcache's lru.Cache: Get and Add make an entry the most recent; Add past the cap drops the
 * least recent. Every Get of the correlator is followed by an Add of the same key, which makes
 * the entry the most recent anyway, so a lookup here is a peek (no move: a move is two map
 * operations on a long key).
 */
class Lru<V> {
  readonly map = new Map<string, V>();
  peek(k: string): V | undefined {
    return this.map.get(k);
  }
  add(k: string, v: V): void {
    this.map.delete(k);
    this.map.set(k, v);
    if (this.map.size > MAX_LRU_CACHE_ENTRIES) this.map.delete(this.map.keys().next().value!);
  }
}

/** golang.org/x/time/rate: tokens refill at `qps` per second up to `burst`; a new bucket is full. */
function refilled(r: SpamRecord | undefined, now: number): number {
  if (!r) return SPAM_BURST;
  return Math.min(SPAM_BURST, r.tokens + (Math.max(0, now - r.last) / 1000) * SPAM_QPS);
}

export class EventCorrelator {
  private aggregator = new Lru<AggregateRecord>();
  private logger = new Lru<EventLog>();
  private spam = new Lru<SpamRecord>();
  // A restored correlator's state, worked out when it is first needed: most sources record
  // nothing for a while after a restore, and the stored Events they had are many.
  private pending?: { state: CorrelatorState | undefined; events: KubeObject[]; now: number };

  /**
   * EventCorrelate: the Event to write (count > 1: patch the Event named so), or undefined when
   * the spam filter drops it. `nano` gives a fresh UnixNano for an aggregate Event's name.
   */
  correlate(ev: CorrelatorEvent, now: number, nano: () => bigint): { event: CorrelatorEvent; undo: () => void } | undefined {
    this.materialize();
    // EventAggregate.
    const io = ev.involvedObject;
    let out = ev;
    let key = flat(eventKey(ev.component, ev.host, io, ev.type, ev.reason, ev.message));
    const aggKey = flat(aggregateKey(ev.component, ev.host, io, ev.type, ev.reason, ev.reportingComponent, ev.reportingInstance));
    const prev = this.aggregator.peek(aggKey);
    // What undo() needs to put a record changed in place back as it was: noted rather than a
    // copy of its messages made for every event (undo is rare).
    const prevLast = prev?.last;
    const hadMessage = prev?.localKeys.has(ev.message) ?? false;
    let popped: string | undefined;
    let record = prev;
    if (!record || now - record.last > AGGREGATE_INTERVAL_MS) record = { localKeys: new Set(), last: now };
    record.localKeys.add(ev.message);
    record.last = now;
    this.aggregator.add(aggKey, record);
    if (record.localKeys.size >= AGGREGATE_MAX_EVENTS) {
      // PopAny keeps the set below the threshold; Go drops an arbitrary message, we drop the
      // oldest so that runs are reproducible.
      popped = record.localKeys.values().next().value!;
      record.localKeys.delete(popped);
      out = {
        name: `${io.name}.${nano().toString(16)}`, namespace: ev.namespace, involvedObject: io,
        reason: ev.reason, message: COMBINED_PREFIX + ev.message, type: ev.type,
        component: ev.component, host: ev.host, reportingComponent: '', reportingInstance: '',
        firstTimestamp: now, lastTimestamp: now, count: 1,
      };
      key = aggKey;
    }
    // eventObserve: a repeat takes the name, first timestamp and next count of the first one.
    const last = this.logger.peek(key);
    const logKey = key;
    if (last && last.count > 0) out = { ...out, name: last.name, firstTimestamp: last.first, count: last.count + 1 };
    this.logger.add(key, { count: out.count, first: out.firstTimestamp, name: out.name });
    // The spam filter comes last: a dropped repeat has still been counted.
    const sk = flat(spamKey(out.component, out.host, io));
    const s = this.spam.peek(sk);
    const tokens = refilled(s, now);
    if (tokens < 1) {
      if (s) this.spam.add(sk, s); // Go's Get made it the most recent
      return undefined;
    }
    this.spam.add(sk, { tokens: tokens - 1, last: now });
    // The lab's cap on stored Events is no Kubernetes behaviour: an Event it refuses is undone
    // here, as if it had never been recorded, rather than leaving cache entries for an Event
    // that never existed.
    const undo = () => {
      if (prev && record === prev) {
        // Back in reverse: the popped message first again, the added one gone if it was new.
        if (popped !== undefined) {
          const rest = [...prev.localKeys];
          prev.localKeys.clear();
          for (const k of [popped, ...rest]) prev.localKeys.add(k);
        }
        if (!hadMessage) prev.localKeys.delete(ev.message);
        prev.last = prevLast!;
      }
      restore(this.aggregator, aggKey, prev);
      restore(this.logger, logKey, last);
      restore(this.spam, sk, s);
    };
    return { event: out, undo };
  }

  /** UpdateState: remember the Event as the server returned it. */
  updateState(stored: KubeObject): void {
    this.materialize();
    const d = describe(stored);
    this.logger.add(d.eventKey, { count: d.count, first: d.first, name: d.name });
  }

  // ---- snapshots ------------------------------------------------------------------------------

  save(events: KubeObject[], now: number): CorrelatorState {
    // Restored and untouched since, at the same instant with the same Events: what was loaded
    // is what a save would find (load and save are inverses), without working it out.
    const p = this.pending;
    if (p && p.now === now && p.events.length === events.length && p.events.every((e, i) => e === events[i])) {
      return { logger: p.state?.logger ?? {}, aggregator: p.state?.aggregator ?? {}, spam: p.state?.spam ?? {} };
    }
    this.materialize();
    const d = derive(events, now);
    return {
      logger: diff(this.logger.map, undefined, d.logger, (v) => [v.count, v.first, v.name], (a, b) => a.count === b.count && a.first === b.first && a.name === b.name),
      aggregator: diff(this.aggregator.map, (r) => now - r.last <= AGGREGATE_INTERVAL_MS, d.aggregator, (v) => [[...v.localKeys], v.last], sameAggregate),
      spam: diff(this.spam.map, (r) => refilled(r, now) < SPAM_BURST, d.spam, (v) => [v.tokens, v.last], (a, b) => a.tokens === b.tokens && a.last === b.last),
    };
  }

  /** The caches as saved with `events` (the source's stored Events then) at `now`. */
  load(state: CorrelatorState | undefined, events: KubeObject[], now: number): void {
    this.logger.map.clear();
    this.aggregator.map.clear();
    this.spam.map.clear();
    this.pending = { state, events, now };
  }

  private materialize(): void {
    if (!this.pending) return;
    const { state, events, now } = this.pending;
    this.pending = undefined;
    const d = derive(events, now);
    apply(this.logger.map, d.logger, state?.logger, (v) => ({ count: v[0] as number, first: v[1] as number, name: v[2] as string }));
    apply(this.aggregator.map, d.aggregator, state?.aggregator, (v) => ({ localKeys: new Set(v[0] as string[]), last: v[1] as number }));
    apply(this.spam.map, d.spam, state?.spam, (v) => ({ tokens: v[0] as number, last: v[1] as number }));
  }
}

/** A cache as saved: entries that differ from what the Events give, and derived keys to drop. */
export interface CacheDiff {
  set?: [string, unknown[]][];
  del?: string[];
}

export interface CorrelatorState {
  logger: CacheDiff;
  aggregator: CacheDiff;
  spam: CacheDiff;
}

function restore<V>(cache: Lru<V>, key: string, v: V | undefined): void {
  if (v === undefined) cache.map.delete(key);
  else cache.map.set(key, v);
}

function sameAggregate(a: AggregateRecord, b: AggregateRecord): boolean {
  if (a.last !== b.last || a.localKeys.size !== b.localKeys.size) return false;
  const bk = [...b.localKeys];
  let i = 0;
  for (const k of a.localKeys) if (k !== bk[i++]) return false;
  return true;
}

/**
 * How `actual` (its entries that `live` keeps: the others act as absent ones would) differs from
 * `derived`: entries to set, and derived keys to drop.
 */
function diff<V>(actual: Map<string, V>, live: ((v: V) => boolean) | undefined, derived: Map<string, V>, encode: (v: V) => unknown[], same: (a: V, b: V) => boolean): CacheDiff {
  const set: [string, unknown[]][] = [];
  const del: string[] = [];
  for (const [k, v] of actual) {
    if (live && !live(v)) continue;
    const d = derived.get(k);
    if (!d || !same(v, d)) set.push([k, encode(v)]);
  }
  for (const k of derived.keys()) {
    const v = actual.get(k);
    if (v === undefined || (live && !live(v))) del.push(k);
  }
  const out: CacheDiff = {};
  if (set.length) out.set = set.sort((a, b) => (a[0] < b[0] ? -1 : 1));
  if (del.length) out.del = del.sort();
  return out;
}

function apply<V>(target: Map<string, V>, derived: Map<string, V>, d: CacheDiff | undefined, decode: (v: unknown[]) => V): void {
  target.clear();
  const drop = new Set(d?.del ?? []);
  const set = new Map((d?.set ?? []).map(([k, v]) => [k, decode(v)]));
  // Derived entries in the Events' creation order, then the saved ones: the same order for the
  // same Events and state, whichever order the saved cluster's caches had.
  for (const [k, v] of derived) if (!drop.has(k)) target.set(k, set.get(k) ?? v);
  for (const [k, v] of set) if (!target.has(k)) target.set(k, v);
}

interface Described {
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

function describe(e: KubeObject): Described {
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
    eventKey: flat(eventKey(component, host, io, type, reason, message)),
    aggKey: flat(aggregateKey(component, host, io, type, reason, component, host)),
    spamKey: flat(spamKey(component, host, io)),
  };
  if (Object.isFrozen(e)) described.set(e, d);
  return d;
}

/**
 * A key built by concatenation is a rope in V8 until something flattens it; slicing flattens it
 * in place, once, so the many map lookups and comparisons of snapshots do not (measured: the
 * first snapshot of the 1,000-pod bench spent ~3x longer on correlator state without this).
 */
function flat(s: string): string {
  void s.slice(1);
  return s;
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

/**
 * The caches as the stored Events of one source say they are, assuming every occurrence was
 * recorded: each Event is its key's log entry (an aggregate Event also its aggregate key's);
 * an aggregate record holds the messages of its Events in creation order; a spam bucket spent a
 * token at each Event's time (Events seen once only; a repeat's times are not all known).
 */
function derive(events: KubeObject[], now: number): { logger: Map<string, EventLog>; aggregator: Map<string, AggregateRecord>; spam: Map<string, SpamRecord> } {
  const logger = new Map<string, EventLog>();
  const aggregator = new Map<string, AggregateRecord>();
  const spamTimes = new Map<string, number[] | null>();
  // Creation order: names are <object>.<UnixNano hex>, the same width for a long while.
  const sorted = events.map(describe).sort((a, b) => a.first - b.first || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const d of sorted) {
    const log: EventLog = d; // a Described has the fields of an EventLog: no copy
    logger.set(d.eventKey, log);
    if (d.aggregate) {
      logger.set(d.aggKey, log);
    } else if (now - d.last <= AGGREGATE_INTERVAL_MS) {
      const ak = d.aggKey;
      let r = aggregator.get(ak);
      if (!r) aggregator.set(ak, (r = { localKeys: new Set(), last: d.last }));
      r.localKeys.add(d.message);
      r.last = Math.max(r.last, d.last);
    }
    const sk = d.spamKey;
    const times = spamTimes.get(sk);
    if (times === null) continue;
    if (d.count !== 1) spamTimes.set(sk, null);
    else if (times) times.push(d.first);
    else spamTimes.set(sk, [d.first]);
  }
  for (const r of aggregator.values()) if (now - r.last > AGGREGATE_INTERVAL_MS) r.localKeys.clear();
  const spam = new Map<string, SpamRecord>();
  for (const [k, times] of spamTimes) {
    if (!times) continue;
    let r: SpamRecord | undefined;
    for (const t of times.sort((a, b) => a - b)) {
      const tokens = refilled(r, t);
      if (tokens < 1) break;
      r = { tokens: tokens - 1, last: t };
    }
    if (r && refilled(r, now) < SPAM_BURST) spam.set(k, r);
  }
  for (const [k, r] of aggregator) if (!r.localKeys.size) aggregator.delete(k);
  return { logger, aggregator, spam };
}
