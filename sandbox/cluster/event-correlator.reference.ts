// The correlator's snapshot state worked out the plain way, as it was before save() learned to
// remember its result and derive() to skip work: every save derives the caches from all the
// Events again. Only the randomized test uses it, as the reference the fast paths of
// event-correlator.ts must match byte for byte (same algorithm, same client-go source:
// staging/src/k8s.io/client-go/tools/record/events_cache.go).
import type { KubeObject } from './api/client.ts';
import { AGGREGATE_INTERVAL_MS, SPAM_BURST, EventCorrelator, apply, describe, refilled, type AggregateRecord, type CacheDiff, type CorrelatorState, type EventLog, type SpamRecord } from './event-correlator.ts';

/** EventCorrelator with the snapshot methods as they were: correlation itself is the same code. */
export class ReferenceEventCorrelator extends EventCorrelator {
  override save(events: KubeObject[], now: number): CorrelatorState {
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

  protected override materialize(): void {
    if (!this.pending) return;
    const { state, events, now } = this.pending;
    this.pending = undefined;
    const d = derive(events, now);
    apply(this.logger.map, d.logger, state?.logger, (v) => ({ count: v[0] as number, first: v[1] as number, name: v[2] as string }));
    apply(this.aggregator.map, d.aggregator, state?.aggregator, (v) => ({ localKeys: new Set(v[0] as string[]), last: v[1] as number }));
    apply(this.spam.map, d.spam, state?.spam, (v) => ({ tokens: v[0] as number, last: v[1] as number }));
  }
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

/**
 * The caches as the stored Events of one source say they are, assuming every occurrence was
 * recorded: each Event is its key's log entry (an aggregate Event also its aggregate key's);
 * an aggregate record holds the messages of its Events in creation order; a spam bucket spent a
 * token at each Event's time (Events seen once only; a repeat's times are not all known).
 */
export function derive(events: KubeObject[], now: number): { logger: Map<string, EventLog>; aggregator: Map<string, AggregateRecord>; spam: Map<string, SpamRecord> } {
  const logger = new Map<string, EventLog>();
  const aggregator = new Map<string, AggregateRecord>();
  const spamTimes = new Map<string, number[] | null>();
  // Creation order: names are <object>.<UnixNano hex>, the same width for a long while.
  const sorted = events.map((e) => describe(e)).sort((a, b) => a.first - b.first || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
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
