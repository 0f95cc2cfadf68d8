// Randomized checks of EventCorrelator.save: a remembered result must never be stale (a learner's
// saved lab would restore wrong), and the quicker derivation must give what the plain one does.
// After every step the correlator's save is compared with the plain algorithm
// (event-correlator.reference.ts), driven through the same calls, byte for byte.
import { describe, expect, it } from 'vitest';
import type { KubeObject } from './api/client.ts';
import { toRFC3339 } from './clock.ts';
import { Cluster } from './cluster.ts';
import { AGGREGATE_INTERVAL_MS, EventCorrelator, SPAM_BURST, SPAM_QPS, type CorrelatorEvent, type CorrelatorState } from './event-correlator.ts';
import { derive, ReferenceEventCorrelator } from './event-correlator.reference.ts';
import { Random } from './random.ts';

const OBJECTS = [
  { kind: 'Pod', namespace: 'default', name: 'web-0', uid: 'u0', apiVersion: 'v1' },
  { kind: 'Pod', namespace: 'default', name: 'web-1', uid: 'u1', apiVersion: 'v1' },
  { kind: 'StatefulSet', namespace: 'default', name: 'web', uid: 'u2', apiVersion: 'apps/v1' },
];
const REASONS = ['Created', 'Pulled', 'FailedMount'];
const MESSAGES = Array.from({ length: 14 }, (_, i) => `message ${i}`);
const T0 = Date.UTC(2026, 0, 1);

/**
 * The API server's side of recordEvent (events.ts), on a store of frozen Events kept in insertion
 * order as the API server's is: a repeat updates its Event in place, anything else creates one.
 */
class EventStore {
  readonly byName = new Map<string, KubeObject>();
  private rv = 0;
  write(e: CorrelatorEvent): KubeObject {
    const old = this.byName.get(e.name);
    const stored = deepFreeze({
      apiVersion: 'v1', kind: 'Event',
      metadata: { name: e.name, namespace: e.namespace, resourceVersion: String(++this.rv), creationTimestamp: old?.metadata.creationTimestamp ?? toRFC3339(e.lastTimestamp) },
      involvedObject: e.involvedObject, reason: e.reason, message: e.message, type: e.type,
      source: e.host ? { component: e.component, host: e.host } : { component: e.component },
      firstTimestamp: toRFC3339(e.firstTimestamp), lastTimestamp: toRFC3339(e.lastTimestamp), count: e.count,
      reportingComponent: e.reportingComponent, reportingInstance: e.reportingInstance,
    } as KubeObject);
    this.byName.set(e.name, stored);
    return stored;
  }
}

function deepFreeze<T>(v: T): T {
  if (typeof v === 'object' && v !== null) {
    for (const x of Object.values(v)) deepFreeze(x);
    Object.freeze(v);
  }
  return v;
}

/**
 * Instants at which something a save looks at changes state, give or take a millisecond: the
 * ends of aggregation windows (of the caches' records, and of the Events' times), and the refills
 * of spam buckets to the burst (the caches', and those the Events give).
 */
function edges(plain: ReferenceEventCorrelator, events: KubeObject[], now: number): number[] {
  const p = plain as unknown as { aggregator: { map: Map<string, { last: number }> }; spam: { map: Map<string, { tokens: number; last: number }> } };
  const derived = derive(events, now);
  const full = (b: { tokens: number; last: number }) => Math.floor(b.last + ((SPAM_BURST - b.tokens) / SPAM_QPS) * 1000);
  return [
    ...[...p.aggregator.map.values(), ...derived.aggregator.values()].map((a) => a.last + AGGREGATE_INTERVAL_MS),
    ...events.map((e) => Date.parse(e.lastTimestamp) + AGGREGATE_INTERVAL_MS),
    ...[...p.spam.map.values(), ...derived.spam.values()].map(full),
  ];
}

/** Random correlator traffic, time jumps (to the edges of windows and refills), deletions and restores. */
function correlatorRun(seed: number, steps: number): void {
  const r = new Random(seed);
  let store = new EventStore();
  let fast = new EventCorrelator();
  let plain = new ReferenceEventCorrelator();
  let now = T0;
  let nano = 0n;
  const nextNano = () => BigInt(now) * 1_000_000n + ++nano;
  const log: string[] = [];
  // Saved labs: a restore may go back to one of them.
  const saved: { fast: unknown; plain: unknown; store: Map<string, KubeObject>; now: number }[] = [];
  const check = (events: KubeObject[], at: number, what: string) =>
    expect(JSON.stringify(fast.save(events, at)), `${what}\n${log.slice(-30).join('\n')}`).toBe(JSON.stringify(plain.save(events, at)));
  for (let step = 0; step < steps; step++) {
    const action = r.int(12);
    let events = [...store.byName.values()];
    if (action <= 4) {
      const io = OBJECTS[r.int(OBJECTS.length)];
      const ev: CorrelatorEvent = {
        name: `${io.name}.${nextNano().toString(16)}`, namespace: 'default', involvedObject: { ...io, fieldPath: r.int(4) === 0 ? 'spec.containers{nginx}' : undefined },
        reason: REASONS[r.int(REASONS.length)], message: MESSAGES[r.int(action === 0 ? 3 : MESSAGES.length)], type: r.int(5) === 0 ? 'Warning' : 'Normal',
        component: 'kubelet', host: 'node-1', reportingComponent: 'kubelet', reportingInstance: 'node-1', firstTimestamp: now, lastTimestamp: now, count: 1,
      };
      log.push(`${step}: event ${ev.involvedObject.name} ${ev.reason} ${ev.message}`);
      const n = nextNano(); // an aggregate Event's name
      const a = fast.correlate(ev, now, () => n);
      const b = plain.correlate(ev, now, () => n);
      expect(a?.event, log.slice(-30).join('\n')).toEqual(b?.event);
      if (a && b) {
        // A save can come between the correlation and what follows it (the API server's write
        // and the correlator's updateState, or the undo).
        if (r.int(3) === 0) check(events, now, 'between correlate and its outcome');
        if (r.int(10) === 0) {
          // The lab's cap on stored Events refused it.
          log.push('  refused: undo');
          a.undo();
          b.undo();
        } else {
          let stored: KubeObject | undefined;
          try {
            stored = store.write(a.event);
          } catch {
            // A repeat of a hand-written Event whose time is no time cannot be written: recordEvent
            // drops it (events.ts, best effort as in client-go).
            log.push('  write failed');
          }
          events = [...store.byName.values()];
          if (r.int(3) === 0) check(events, now, 'between the write and updateState');
          if (stored) {
            fast.updateState(stored);
            plain.updateState(stored);
          }
        }
      }
    } else if (action <= 7) {
      // Time passes: a millisecond or two, seconds, to around the next instant at which a window
      // ends or a bucket is full again, past a bucket's refill of a token (5 minutes), past a
      // window (10 minutes), or hours.
      const next = edges(plain, events, now).filter((t) => t >= now).sort((x, y) => x - y);
      const edge = next.length ? next[r.int(Math.min(3, next.length))] + r.int(3) - 1 : now;
      const to = [now + 1 + r.int(2), now + 1 + r.int(2000), edge, edge, now + r.int(3) * 300_000, now + AGGREGATE_INTERVAL_MS + r.int(3) - 1, now + 2 * 3_600_000][r.int(7)];
      now = Math.max(now, to);
      log.push(`${step}: time ${now - T0}`);
    } else if (action === 8 && events.length) {
      // The Event's TTL ran out, or someone deleted it.
      const e = events[r.int(events.length)];
      log.push(`${step}: delete ${e.metadata.name}`);
      store.byName.delete(e.metadata.name!);
      events = [...store.byName.values()];
    } else if (action === 9) {
      // A lab saved now, or restored from this save or an earlier one (through JSON), into a
      // new correlator as a restored cluster makes, or into the same one again.
      saved.push({ fast: JSON.parse(JSON.stringify(fast.save(events, now))), plain: JSON.parse(JSON.stringify(plain.save(events, now))), store: new Map(store.byName), now });
      const back = saved[r.int(2) ? saved.length - 1 : r.int(saved.length)];
      log.push(`${step}: restore ${back.now - T0}`);
      store = new EventStore();
      for (const [k, e] of back.store) store.byName.set(k, e);
      now = back.now;
      events = [...store.byName.values()];
      if (r.int(2)) fast = new EventCorrelator();
      plain = new ReferenceEventCorrelator();
      fast.load(back.fast as CorrelatorState, events, now);
      plain.load(back.plain as CorrelatorState, events, now);
    } else if (action === 10 && r.int(4) === 0) {
      // An Event someone wrote by hand under this source's name, with a time that is no time
      // (parsed as NaN) or none at all, or a count of its own.
      const io = OBJECTS[r.int(OBJECTS.length)];
      const name = `${io.name}.manual${step}`;
      const time = ['yesterday', undefined, toRFC3339(now - r.int(3) * 1000)][r.int(3)];
      log.push(`${step}: hand-written ${name} ${time}`);
      store.byName.set(name, deepFreeze({
        apiVersion: 'v1', kind: 'Event', metadata: { name, namespace: 'default', creationTimestamp: r.int(2) ? toRFC3339(now) : 'later' },
        involvedObject: io, reason: REASONS[r.int(REASONS.length)], message: MESSAGES[r.int(MESSAGES.length)], type: 'Normal', source: { component: 'kubelet', host: 'node-1' },
        firstTimestamp: time, lastTimestamp: time, count: [1, 1, 3][r.int(3)], reportingComponent: r.int(2) ? 'kubelet' : '', reportingInstance: '',
      } as KubeObject));
      events = [...store.byName.values()];
    } else if (action === 10 && r.int(3) === 0) {
      // Reloaded with no saved state (a snapshot from before recorders were saved): the caches
      // become what the Events say.
      log.push(`${step}: reload as the Events say`);
      fast.load(undefined, events, now);
      plain.load(undefined, events, now);
    } else if (action === 10) {
      // The same Events in another order (as a restored store may list them).
      events = events.map((e) => [r.int(1000), e] as const).sort((x, y) => x[0] - y[0]).map(([, e]) => e);
      log.push(`${step}: shuffled`);
    } else if (events.length) {
      // An Event equal to a stored one but not frozen, changed in place after a save: one that
      // can change cannot be recognised by its identity.
      const i = r.int(events.length);
      const copy = structuredClone(events[i]);
      events = events.map((e, j) => (j === i ? copy : e));
      check(events, now, 'with an unfrozen copy');
      copy.count = (copy.count ?? 1) + 1;
      log.push(`${step}: unfrozen copy, count changed`);
    }
    // Twice (the second may be the remembered one), and at an earlier instant.
    check(events, now, 'save');
    check(events, now, 'save again');
    if (r.int(4) === 0) check(events, now - 1 - r.int(AGGREGATE_INTERVAL_MS), 'save at an earlier instant');
    // Saves around the next instants at which a window ends or a bucket is full again, in
    // order: each may reuse the one before it.
    if (r.int(3) === 0) {
      const next = [...new Set(edges(plain, events, now).filter((t) => t >= now))].sort((x, y) => x - y).slice(0, 3);
      for (const t of next) for (const d of [-1, 0, 1, 2]) check(events, t + d, `save at ${t + d - T0}, next to a change`);
    }
  }
}

describe('EventCorrelator.save, randomized against the plain algorithm', () => {
  for (const seed of [1, 2, 3, 4, 5, 6]) {
    it(`gives the plain algorithm's state after every step (seed ${seed})`, () => correlatorRun(seed, 1500));
  }
});

describe('EventCorrelator.save past the caches\' 4096 entries (groupcache lru drops the least recent)', () => {
  it('says the dropped keys are gone, as the plain algorithm does, with saves and deletions on the way', () => {
    const store = new EventStore();
    const fast = new EventCorrelator();
    const plain = new ReferenceEventCorrelator();
    let now = T0;
    // One Event about each of 4,300 objects: a new key in every cache each time, so the oldest
    // 204 of each are dropped, while the stored Events still give them.
    for (let i = 0; i < 4300; i++) {
      const io = { kind: 'Pod', namespace: 'default', name: `p-${i}`, uid: `u-${i}`, apiVersion: 'v1' };
      const ev: CorrelatorEvent = {
        name: `p-${i}.${(BigInt(now) * 1_000_000n).toString(16)}`, namespace: 'default', involvedObject: io, reason: 'Created', message: 'Container created', type: 'Normal',
        component: 'kubelet', host: 'node-1', reportingComponent: 'kubelet', reportingInstance: 'node-1', firstTimestamp: now, lastTimestamp: now, count: 1,
      };
      const a = fast.correlate(ev, now, () => 1n)!;
      plain.correlate(ev, now, () => 1n);
      const stored = store.write(a.event);
      fast.updateState(stored);
      plain.updateState(stored);
      now += 50;
      // Saves along the way, before and after the drops start (at 4,096).
      if (i % 1000 === 999 || i === 4100) {
        const events = [...store.byName.values()];
        expect(JSON.stringify(fast.save(events, now))).toBe(JSON.stringify(plain.save(events, now)));
      }
    }
    const events = [...store.byName.values()];
    const state = fast.save(events, now);
    expect(state.logger.del).toHaveLength(204);
    expect(JSON.stringify(state)).toBe(JSON.stringify(plain.save(events, now)));
    // Without its first Events (the TTL ran out): nothing left to say of the keys dropped.
    const later = events.slice(300);
    expect(JSON.stringify(fast.save(later, now))).toBe(JSON.stringify(plain.save(later, now)));
    expect(fast.save(later, now).logger.del).toBeUndefined();
  });
});

// ---- the whole cluster ----------------------------------------------------------------------

function statefulSet(name: string, replicas: number) {
  return {
    apiVersion: 'apps/v1', kind: 'StatefulSet', metadata: { name },
    spec: {
      serviceName: 'nginx', replicas, podManagementPolicy: 'Parallel', selector: { matchLabels: { app: name } },
      template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: 'nginx', image: 'registry.k8s.io/nginx-slim:0.21', volumeMounts: [{ name: 'data', mountPath: '/data' }] }] } },
      volumeClaimTemplates: [{ metadata: { name: 'data' }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } } }],
    },
  };
}

type Internals = { correlators: Map<string, EventCorrelator> };

/** `to` with the caches (and state not yet worked out after a restore) of `from`, in maps of its own. */
function copyOf<T extends object>(from: EventCorrelator, to: T): T {
  const f = from as any;
  const lru = (l: any) => Object.assign(Object.create(Object.getPrototypeOf(l)), { map: new Map(l.map) });
  return Object.assign(to, { ...f, logger: lru(f.logger), aggregator: lru(f.aggregator), spam: lru(f.spam) });
}

/**
 * Each correlator's save in a snapshot (remembered or not) against a save worked out afresh, and
 * against the plain algorithm over the same caches.
 */
function checkRecorders(c: Cluster, context: string): void {
  const remembered = c.snapshotJSON();
  const { correlators } = c as unknown as Internals;
  const bySource = new Map<string, KubeObject[]>();
  for (const e of c.api.peekAll('events')) {
    const k = e.source?.host ? `${e.source.component}@${e.source.host}` : e.source?.component ?? '';
    bySource.set(k, [...(bySource.get(k) ?? []), e]);
  }
  const now = c.clock.now();
  for (const [source, corr] of correlators) {
    const events = bySource.get(source) ?? [];
    // Copies of the correlator with the same caches, one without its remembered save.
    const forgotten = copyOf(corr, Object.create(EventCorrelator.prototype));
    (forgotten as any).saved = undefined;
    const plain = copyOf(corr, new ReferenceEventCorrelator());
    const want = JSON.stringify(plain.save(events, now));
    expect(JSON.stringify(forgotten.save(events, now)), `${context}: ${source}, afresh`).toBe(want);
    expect(JSON.stringify(corr.save(events, now)), `${context}: ${source}, remembered`).toBe(want);
  }
  expect(c.snapshotJSON(), context).toBe(remembered);
}

function clusterRun(seed: number, steps: number): void {
  let c = Cluster.create({ seed });
  const r = new Random(seed * 31);
  c.api.create('services', 'default', { metadata: { name: 'nginx' }, spec: { clusterIP: 'None', selector: { app: 'web' }, ports: [{ port: 80, name: 'web' }] } });
  const log: string[] = [];
  for (let step = 0; step < steps; step++) {
    const sets = c.api.list('statefulsets', 'default').items.map((s) => s.metadata.name!);
    const pods = c.api.list('pods', 'default').items.map((p) => p.metadata.name!);
    const events = [...c.api.peekAll('events')];
    const action = r.int(9);
    try {
      if (action === 0 || !sets.length) {
        const name = ['web', 'db'][r.int(2)];
        log.push(`create ${name}`);
        c.api.create('statefulsets', 'default', statefulSet(name, 1 + r.int(4)));
      } else if (action === 1) {
        const s = sets[r.int(sets.length)];
        log.push(`scale ${s}`);
        c.api.patch('statefulsets', 'default', s, { spec: { replicas: r.int(6) } }, 'merge');
      } else if (action === 2 && pods.length) {
        const p = pods[r.int(pods.length)];
        log.push(`delete pod ${p}`);
        c.api.delete('pods', 'default', p);
      } else if (action === 3 && events.length) {
        const e = events[r.int(events.length)];
        log.push(`delete event ${e.metadata.name}`);
        c.api.delete('events', e.metadata.namespace!, e.metadata.name!);
      } else if (action === 4) {
        log.push('restore');
        c = Cluster.restoreJSON(c.snapshotJSON());
      } else if (action === 5 && sets.length) {
        // A broken image: the kubelet's back-off Events repeat, count up and aggregate.
        const s = sets[r.int(sets.length)];
        log.push(`bad image ${s}`);
        c.api.patch('statefulsets', 'default', s, { spec: { template: { spec: { containers: [{ name: 'nginx', image: `registry.k8s.io/no-such-image:${step}` }] } } } }, 'strategic');
      } else {
        const ms = [1000, 5000, 30_000, AGGREGATE_INTERVAL_MS + 1000, 2 * 3_600_000][r.int(5)];
        log.push(`advance ${ms}`);
        c.advance(ms);
      }
    } catch (e) {
      log.push(`  -> ${(e as Error).message}`);
    }
    c.settle();
    checkRecorders(c, log.slice(-10).join(' / '));
  }
}

describe('a cluster snapshot\'s recorders, randomized', () => {
  for (const seed of [1, 2, 3]) {
    it(`match a fresh save and the plain algorithm after every step (seed ${seed})`, () => clusterRun(seed, 80));
  }
});
