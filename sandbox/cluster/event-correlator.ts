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
//
// A snapshot is taken after every command, and most sources record nothing between two: save()
// remembers its last result with what it depended on (the Events, the caches' version, and the
// span of instants over which no window or bucket changes state), and gives it again while all
// three hold.
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

export interface AggregateRecord {
  /** Messages seen in the current window, in the order first seen (a Set keeps it). */
  localKeys: Set<string>;
  last: number;
}

export interface EventLog {
  count: number;
  first: number;
  name: string;
}

export interface SpamRecord {
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
export function refilled(r: SpamRecord | undefined, now: number): number {
  if (!r) return SPAM_BURST;
  return Math.min(SPAM_BURST, r.tokens + (Math.max(0, now - r.last) / 1000) * SPAM_QPS);
}

export class EventCorrelator {
  // Protected for event-correlator.reference.ts, the plain algorithm the tests compare with.
  protected aggregator = new Lru<AggregateRecord>();
  protected logger = new Lru<EventLog>();
  protected spam = new Lru<SpamRecord>();
  // A restored correlator's state, worked out when it is first needed: most sources record
  // nothing for a while after a restore, and the stored Events they had are many.
  protected pending?: { state: CorrelatorState | undefined; events: KubeObject[]; now: number };
  // Bumped by every change to the caches (correlate, its undo, updateState, load):
  // a remembered save is good only for the version it was worked out at.
  private version = 0;
  private saved?: SavedState;
  // The keys of the event just correlated, for the updateState that follows with the Event as
  // stored (see describe).
  private lastKeys?: Keys;

  /**
   * EventCorrelate: the Event to write (count > 1: patch the Event named so), or undefined when
   * the spam filter drops it. `nano` gives a fresh UnixNano for an aggregate Event's name.
   */
  correlate(ev: CorrelatorEvent, now: number, nano: () => bigint): { event: CorrelatorEvent; undo: () => void } | undefined {
    this.materialize();
    this.version++;
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
    this.lastKeys = { eventKey: logKey, aggKey, spamKey: sk };
    // The lab's cap on stored Events is no Kubernetes behaviour: an Event it refuses is undone
    // here, as if it had never been recorded, rather than leaving cache entries for an Event
    // that never existed.
    const undo = () => {
      this.version++;
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
    this.version++;
    const d = describe(stored, this.lastKeys);
    this.lastKeys = undefined;
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
    // The last result again when nothing it depended on has changed: the same Events (stored
    // ones are frozen, so the same object says the same), the caches untouched since, and an
    // instant within the span over which no window ends and no bucket fills up.
    const s = this.saved;
    if (s && s.version === this.version && s.from <= now && now <= s.until && sameEvents(s.events, events)) return { ...s.state };
    this.materialize();
    const horizon = new Horizon(now);
    const d = derive(events, now, horizon);
    const state: CorrelatorState = {
      logger: diff(this.logger.map, undefined, d.logger, (v) => [v.count, v.first, v.name], (a, b) => a.count === b.count && a.first === b.first && a.name === b.name),
      aggregator: diff(this.aggregator.map, (r) => aggregateLive(r.last, now, horizon), d.aggregator, (v) => [[...v.localKeys], v.last], sameAggregate),
      spam: diff(this.spam.map, (r) => spamLive(r, now, horizon), d.spam, (v) => [v.tokens, v.last], (a, b) => a.tokens === b.tokens && a.last === b.last),
    };
    // Only frozen (stored) Events: one that could change under the same identity cannot be
    // recognised by it.
    this.saved = events.every((e) => Object.isFrozen(e))
      ? { events: [...events], version: this.version, from: now, until: horizon.until, state: freezeState(state) }
      : undefined;
    return { ...state };
  }

  /** The caches as saved with `events` (the source's stored Events then) at `now`. */
  load(state: CorrelatorState | undefined, events: KubeObject[], now: number): void {
    this.logger.map.clear();
    this.aggregator.map.clear();
    this.spam.map.clear();
    this.version++;
    this.pending = { state, events, now };
  }

  protected materialize(): void {
    if (!this.pending) return;
    const { state, events, now } = this.pending;
    // No version change: this is the state load() was given (its change bumped the version).
    this.pending = undefined;
    const d = derive(events, now, new Horizon(now));
    const aggregator = new Map<string, AggregateRecord>();
    for (const [k, v] of d.aggregator) aggregator.set(k, { localKeys: new Set(v.messages), last: v.last });
    apply(this.logger.map, d.logger, state?.logger, (v) => ({ count: v[0] as number, first: v[1] as number, name: v[2] as string }));
    apply(this.aggregator.map, aggregator, state?.aggregator, (v) => ({ localKeys: new Set(v[0] as string[]), last: v[1] as number }));
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

function sameAggregate(a: AggregateRecord, b: DerivedAggregate): boolean {
  if (a.last !== b.last || a.localKeys.size !== b.messages.length) return false;
  let i = 0;
  for (const k of a.localKeys) if (k !== b.messages[i++]) return false;
  return true;
}

/** A save as worked out at `from`, good for every instant up to `until` with the same Events and caches. */
interface SavedState {
  events: KubeObject[];
  version: number;
  from: number;
  until: number;
  state: CorrelatorState;
}

/**
 * The last instant up to which a save's result stays what it is at `now`. Each thing a save
 * looks at that depends on the time (an aggregation window still open, a spam bucket not yet
 * full again) only ever goes one way as time passes, and the ones that will not change again
 * need no bound: the earliest change of the others ends the span.
 */
class Horizon {
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
function aggregateLive(last: number, now: number, horizon: Horizon): boolean {
  if (!(now - last <= AGGREGATE_INTERVAL_MS)) return false;
  const end = last + AGGREGATE_INTERVAL_MS;
  horizon.bound(end, end - last <= AGGREGATE_INTERVAL_MS);
  return true;
}

/** Whether a spam bucket is still below the burst at `now` (a full one is a new bucket), noting till when. */
function spamLive(r: SpamRecord, now: number, horizon: Horizon): boolean {
  if (!(refilled(r, now) < SPAM_BURST)) return false;
  // Full again (SPAM_QPS tokens a second) a little after this; a millisecond early is safe.
  const full = Math.floor(r.last + ((SPAM_BURST - r.tokens) / SPAM_QPS) * 1000) - 1;
  horizon.bound(full, refilled(r, full) < SPAM_BURST);
  return true;
}

function sameEvents(a: KubeObject[], b: KubeObject[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** A remembered result is handed out again: frozen, so that no caller can change it for the next one. */
function freezeState<T>(v: T): T {
  if (typeof v === 'object' && v !== null && !Object.isFrozen(v)) {
    Object.freeze(v);
    for (const x of Object.values(v)) freezeState(x);
  }
  return v;
}

/**
 * How `actual` (its entries that `live` keeps: the others act as absent ones would) differs from
 * `derived`: entries to set, and derived keys to drop.
 */
function diff<V, D>(actual: Map<string, V>, live: ((v: V) => boolean) | undefined, derived: Map<string, D>, encode: (v: V) => unknown[], same: (a: V, b: D) => boolean): CacheDiff {
  const set: [string, unknown[]][] = [];
  const del: string[] = [];
  let found = 0;
  for (const [k, v] of actual) {
    if (live && !live(v)) continue;
    const d = derived.get(k);
    if (d !== undefined) found++;
    if (d === undefined || !same(v, d)) set.push([k, encode(v)]);
  }
  // Each derived key found above is in `actual` and kept: when they are all, none is dropped.
  if (found < derived.size) {
    for (const k of derived.keys()) {
      const v = actual.get(k);
      if (v === undefined || (live && !live(v))) del.push(k);
    }
  }
  const out: CacheDiff = {};
  if (set.length) out.set = set.sort((a, b) => (a[0] < b[0] ? -1 : 1));
  if (del.length) out.del = del.sort();
  return out;
}

export function apply<V>(target: Map<string, V>, derived: Map<string, V>, d: CacheDiff | undefined, decode: (v: unknown[]) => V): void {
  target.clear();
  const drop = new Set(d?.del ?? []);
  const set = new Map((d?.set ?? []).map(([k, v]) => [k, decode(v)]));
  // Derived entries in the Events' creation order, then the saved ones: the same order for the
  // same Events and state, whichever order the saved cluster's caches had.
  for (const [k, v] of derived) if (!drop.has(k)) target.set(k, set.get(k) ?? v);
  for (const [k, v] of set) if (!target.has(k)) target.set(k, v);
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

interface Keys {
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
function flat(s: string): string {
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
interface DerivedAggregate {
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
function derive(events: KubeObject[], now: number, horizon: Horizon): { logger: Map<string, EventLog>; aggregator: Map<string, DerivedAggregate>; spam: Map<string, SpamRecord> } {
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
