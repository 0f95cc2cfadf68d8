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
// Snapshots: most of this state follows from the stored Events (event-derive.ts), so a snapshot saves
// only where the caches differ from what the Events say. Restoring rebuilds the caches in the
// Events' order, not in the order they were last used; that order only decides which entry an
// LRU drops past 4096 entries per source.
//
// A snapshot is taken after every command, and most sources record nothing between two: save()
// remembers its last result with what it depended on (the Events, the caches' version, and the
// span of instants over which no window or bucket changes state), and gives it again while all
// three hold. When it must work the state out, it compares only the keys where the caches and
// the fold of the Events differ, which an Agreement (event-agreement.ts) keeps as both change.

import type { KubeObject } from './api/client.ts';
import { AGGREGATE_INTERVAL_MS, AGGREGATE_MAX_EVENTS, COMBINED_PREFIX, MAX_LRU_CACHE_ENTRIES, aggregateKey, eventKey, refilled, spamKey, type AggregateRecord, type CorrelatorEvent, type EventLog, type SpamRecord } from './event-keys.ts';
import { Agreement } from './event-agreement.ts';
import { FoldedEvents, Horizon, aggregateLive, derive, describe, flat, spamLive, type DerivedAggregate, type Keys } from './event-derive.ts';

export * from './event-keys.ts';
export { describe, type Described } from './event-derive.ts';

/**
 * groupcache's lru.Cache: Get and Add make an entry the most recent; Add past the cap drops the
 * least recent. Every Get of the correlator is followed by an Add of the same key, which makes
 * the entry the most recent anyway, so a lookup here is a peek (no move: a move is two map
 * operations on a long key).
 */
class Lru<V> {
  readonly map = new Map<string, V>();
  /** Told of each key whose entry changed (the correlator's Agreement). */
  private readonly changed: (k: string) => void;
  constructor(changed: (k: string) => void) {
    this.changed = changed;
  }
  peek(k: string): V | undefined {
    return this.map.get(k);
  }
  add(k: string, v: V): void {
    this.map.delete(k);
    this.map.set(k, v);
    if (this.map.size > MAX_LRU_CACHE_ENTRIES) {
      const oldest = this.map.keys().next().value!;
      this.map.delete(oldest);
      this.changed(oldest);
    }
    this.changed(k);
  }
  /** k's entry back as it was before a correlation (undefined: none), for its undo. */
  restore(k: string, v: V | undefined): void {
    if (v === undefined) this.map.delete(k);
    else this.map.set(k, v);
    this.changed(k);
  }
}

export class EventCorrelator {
  // Which keys of the caches differ from the fold of the stored Events (see event-agreement.ts):
  // all a save needs to compare.
  private readonly agreement: Agreement = new Agreement({
    logger: {
      actual: (k) => this.logger.map.get(k), folded: (k) => this.folded.loggerEntry(k), same: sameLog,
      keys: () => [...this.logger.map.keys(), ...this.folded.keys('logger')],
    },
    aggregator: {
      actual: (k) => this.aggregator.map.get(k), folded: (k) => this.folded.aggregate(k), same: sameAggregate,
      keys: () => [...this.aggregator.map.keys(), ...this.folded.keys('aggregator')],
    },
    spam: {
      actual: (k) => this.spam.map.get(k), folded: (k) => this.folded.bucketRecord(k), same: sameSpam,
      keys: () => [...this.spam.map.keys(), ...this.folded.keys('spam')],
    },
  });
  // Protected for event-correlator.reference.ts, the plain algorithm the tests compare with.
  protected aggregator = new Lru<AggregateRecord>((k) => this.agreement.touch('aggregator', k));
  protected logger = new Lru<EventLog>((k) => this.agreement.touch('logger', k));
  protected spam = new Lru<SpamRecord>((k) => this.agreement.touch('spam', k));
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
  // derive()'s work on this source's stored Events, done as each is recorded rather than again
  // at every save (FoldedEvents).
  private folded = new FoldedEvents(this.agreement);

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
      this.agreement.touch('aggregator', aggKey);
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
      this.aggregator.restore(aggKey, prev);
      this.logger.restore(logKey, last);
      this.spam.restore(sk, s);
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
    this.folded.add(stored);
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
    const state = this.folded.catchUp(events) ? this.differingState(now, horizon) : this.derivedState(events, now, horizon);
    // Only frozen (stored) Events: one that could change under the same identity cannot be
    // recognised by it.
    this.saved = events.every((e) => Object.isFrozen(e))
      ? { events: [...events], version: this.version, from: now, until: horizon.until, state: freezeState(state) }
      : undefined;
    return { ...state };
  }

  /**
   * The state from the keys where the caches and the fold differ, each compared at `now` as
   * derive() would give it (with the aggregates that the fold gives only in part there).
   */
  private differingState(now: number, horizon: Horizon): CorrelatorState {
    const differ = this.agreement.differing();
    const { aggregator, partial } = this.folded.aggregatesAt(now, horizon);
    const aggKeys = partial.length ? new Set([...differ.aggregator, ...partial]) : differ.aggregator;
    return {
      logger: diffKeys(differ.logger, this.logger.map, undefined, (k) => this.folded.loggerEntry(k), encodeLog, sameLog),
      aggregator: diffKeys(aggKeys, this.aggregator.map, (r) => aggregateLive(r.last, now, horizon), (k) => aggregator.get(k), encodeAggregate, sameAggregate),
      spam: diffKeys(differ.spam, this.spam.map, (r) => spamLive(r, now, horizon), (k) => this.folded.spamAt(k, now, horizon), encodeSpam, sameSpam),
    };
  }

  /**
   * The state from every entry of the caches and of derive() on the Events, when the fold cannot
   * stand for them (it has told the Agreement to forget what it knew).
   */
  private derivedState(events: KubeObject[], now: number, horizon: Horizon): CorrelatorState {
    const d = derive(events, now, horizon);
    return {
      logger: diff(this.logger.map, undefined, d.logger, encodeLog, sameLog),
      aggregator: diff(this.aggregator.map, (r) => aggregateLive(r.last, now, horizon), d.aggregator, encodeAggregate, sameAggregate),
      spam: diff(this.spam.map, (r) => spamLive(r, now, horizon), d.spam, encodeSpam, sameSpam),
    };
  }

  /** The caches as saved with `events` (the source's stored Events then) at `now`. */
  load(state: CorrelatorState | undefined, events: KubeObject[], now: number): void {
    this.logger.map.clear();
    this.aggregator.map.clear();
    this.spam.map.clear();
    this.agreement.forget();
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
    this.agreement.forget();
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

const encodeLog = (v: EventLog): unknown[] => [v.count, v.first, v.name];
const encodeAggregate = (v: AggregateRecord): unknown[] => [[...v.localKeys], v.last];
const encodeSpam = (v: SpamRecord): unknown[] => [v.tokens, v.last];
const sameLog = (a: EventLog, b: EventLog): boolean => a.count === b.count && a.first === b.first && a.name === b.name;
const sameSpam = (a: SpamRecord, b: SpamRecord): boolean => a.tokens === b.tokens && a.last === b.last;

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

/** diff() for the given keys only: what each one contributes to it. */
function diffKeys<V, D>(keys: Iterable<string>, actual: Map<string, V>, live: ((v: V) => boolean) | undefined, derivedAt: (k: string) => D | undefined, encode: (v: V) => unknown[], same: (a: V, b: D) => boolean): CacheDiff {
  const set: [string, unknown[]][] = [];
  const del: string[] = [];
  for (const k of keys) {
    const v = actual.get(k);
    const d = derivedAt(k);
    if (v !== undefined && (!live || live(v))) {
      if (d === undefined || !same(v, d)) set.push([k, encode(v)]);
    } else if (d !== undefined) {
      del.push(k);
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
