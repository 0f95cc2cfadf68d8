// The event recorder's correlation, as client-go's EventCorrelator does it
// (staging/src/k8s.io/client-go/tools/record/events_cache.go, event.go).
import { describe, expect, it } from 'vitest';
import { Cluster } from './cluster.ts';
import { createComponents } from './components.ts';
import type { Component, ComponentContext } from './component.ts';
import type { EventRecorder } from './events.ts';
import { EventCorrelator, type CorrelatorEvent } from './event-correlator.ts';

class Probe implements Component {
  readonly name = 'probe';
  ctx!: ComponentContext;
  start(ctx: ComponentContext): void {
    this.ctx = ctx;
  }
}

function setup(seed = 5): { c: Cluster; rec: EventRecorder; events: () => any[] } {
  const probe = new Probe();
  const c = Cluster.create({ seed, components: (spec) => [...createComponents(spec), probe] });
  c.api.create('configmaps', 'default', { metadata: { name: 'cm' } });
  const rec = probe.ctx.recorder('test-controller');
  const events = () => c.api.list('events', 'default').items.filter((e: any) => e.source?.component === 'test-controller');
  return { c, rec, events };
}

function obj(c: Cluster): any {
  return c.api.get('configmaps', 'default', 'cm');
}

describe('event recorder (client-go EventCorrelator)', () => {
  it('counts an identical event on the first Event instead of adding one (eventLogger)', () => {
    const { c, rec, events } = setup();
    rec.event(obj(c), 'Normal', 'Tick', 'same message');
    const first = events()[0];
    c.advance(30_000);
    rec.event(obj(c), 'Normal', 'Tick', 'same message');
    const [e] = events();
    expect(events()).toHaveLength(1);
    expect(e.metadata.name).toBe(first.metadata.name);
    expect(e).toMatchObject({ count: 2, firstTimestamp: first.firstTimestamp, lastTimestamp: c.clock.nowISO() });
  });

  it('combines the 10th similar event (same reason, other message) within 10 minutes into one aggregate Event', () => {
    const { c, rec, events } = setup();
    for (let i = 1; i <= 12; i++) rec.event(obj(c), 'Normal', 'Tick', `message ${i}`);
    const list = events();
    // Nine single Events, then one "(combined from similar events)" Event counted three times.
    expect(list.filter((e) => !e.message.startsWith('(combined'))).toHaveLength(9);
    const combined = list.filter((e) => e.message.startsWith('(combined from similar events): '));
    expect(combined).toHaveLength(1);
    expect(combined[0]).toMatchObject({ count: 3, message: '(combined from similar events): message 12', reportingComponent: '' });
  });

  it('starts a new aggregation window after 10 quiet minutes', () => {
    const { c, rec, events } = setup();
    for (let i = 1; i <= 9; i++) rec.event(obj(c), 'Normal', 'Tick', `message ${i}`);
    c.advance(601_000);
    rec.event(obj(c), 'Normal', 'Tick', 'message 10');
    expect(events().some((e) => e.message.startsWith('(combined'))).toBe(false);
  });

  it('lets a source send 25 events about an object, then one per 5 minutes (spam filter)', () => {
    const { c, rec, events } = setup();
    // Different reasons, so that nothing aggregates or counts.
    for (let i = 1; i <= 30; i++) rec.event(obj(c), 'Normal', `Reason${i}`, 'm');
    expect(events()).toHaveLength(25);
    c.advance(299_000);
    rec.event(obj(c), 'Normal', 'Late1', 'm');
    expect(events()).toHaveLength(25);
    c.advance(1_000);
    rec.event(obj(c), 'Normal', 'Late2', 'm');
    expect(events().map((e) => e.reason)).toContain('Late2');
    expect(events()).toHaveLength(26);
  });

  it('names Events <object>.<UnixNano hex>, increasing in creation order within one millisecond', () => {
    const { c, rec, events } = setup();
    for (let i = 0; i < 5; i++) rec.event(obj(c), 'Normal', `R${i}`, 'm');
    const list = events();
    const byName = [...list].sort((a, b) => (a.metadata.name < b.metadata.name ? -1 : 1)).map((e) => e.reason);
    expect(byName).toEqual(['R0', 'R1', 'R2', 'R3', 'R4']);
    // Within the current millisecond (the cluster's own Events of this instant came first).
    const nano = (e: any) => BigInt(`0x${e.metadata.name.slice('cm.'.length)}`);
    const r0 = nano(list.find((e) => e.reason === 'R0'));
    expect(r0 / 1_000_000n).toBe(BigInt(c.clock.now()));
    expect(nano(list.find((e) => e.reason === 'R4'))).toBe(r0 + 4n);
  });

  it('carries the correlation state through a snapshot: the restored cluster counts, combines and filters the same', () => {
    const { c, rec } = setup();
    for (let i = 1; i <= 11; i++) rec.event(obj(c), 'Normal', 'Tick', `message ${i}`);
    for (let i = 1; i <= 20; i++) rec.event(obj(c), 'Warning', `Other${i}`, 'x');
    rec.event(obj(c), 'Normal', 'Tick', 'message 1');
    c.advance(5_000);
    const probe = new Probe();
    const r = Cluster.restore(JSON.parse(JSON.stringify(c.snapshot())), { components: (spec) => [...createComponents(spec), probe] });
    expect(JSON.stringify(r.snapshot())).toBe(JSON.stringify(c.snapshot()));
    // A later snapshot works the caches out from the stored Events and the saved differences.
    c.advance(1_000);
    r.advance(1_000);
    expect(JSON.stringify(r.snapshot())).toBe(JSON.stringify(c.snapshot()));
    const rr = probe.ctx.recorder('test-controller');
    for (const [cl, re] of [[c, rec], [r, rr]] as const) {
      re.event(obj(cl), 'Normal', 'Tick', 'message 12');
      re.event(obj(cl), 'Normal', 'Tick', 'message 1');
      for (let i = 0; i < 5; i++) re.event(obj(cl), 'Normal', `More${i}`, 'y');
    }
    expect(JSON.stringify(r.snapshot())).toBe(JSON.stringify(c.snapshot()));
  });
});

describe('EventCorrelator undo (an Event the lab\'s cap on stored Events refused)', () => {
  const ev = (message: string, now: number): CorrelatorEvent => ({
    name: `cm.${now.toString(16)}`, namespace: 'default', involvedObject: { kind: 'ConfigMap', namespace: 'default', name: 'cm', uid: 'u1', apiVersion: 'v1' },
    reason: 'Tick', message, type: 'Normal', component: 'test-controller', host: '', reportingComponent: 'test-controller', reportingInstance: '',
    firstTimestamp: now, lastTimestamp: now, count: 1,
  });
  // Entries in key order: where an entry sits in its LRU only decides evictions past 4,096
  // entries, and undo does not move it back. A record's messages stay in their order (the
  // oldest is the one popped at the threshold).
  const caches = (c: EventCorrelator) => JSON.stringify(['aggregator', 'logger', 'spam'].map((k) =>
    [...(c as any)[k].map].map(([key, v]: [string, any]) => [key, v.localKeys ? { ...v, localKeys: [...v.localKeys] } : v]).sort()));
  let nano = 0n;
  const next = () => ++nano;

  for (const [label, earlier, refused] of [
    ['a new message', ['m1', 'm2', 'm3'], 'm4'],
    ['a repeated message', ['m1', 'm2', 'm3'], 'm2'],
    ['the message that reaches the aggregation threshold (pops the oldest)', ['m1', 'm2', 'm3', 'm4', 'm5', 'm6', 'm7', 'm8', 'm9'], 'm10'],
    ['the oldest message again at the threshold', ['m1', 'm2', 'm3', 'm4', 'm5', 'm6', 'm7', 'm8', 'm9'], 'm1'],
  ] as const) {
    it(`leaves the caches as they were for ${label}`, () => {
      const a = new EventCorrelator();
      const b = new EventCorrelator();
      earlier.forEach((m, i) => {
        a.correlate(ev(m, 1000 * i), 1000 * i, next);
        b.correlate(ev(m, 1000 * i), 1000 * i, next);
      });
      const before = caches(a);
      a.correlate(ev(refused, 20_000), 20_000, next)!.undo();
      expect(caches(a)).toBe(before);
      // And the next event is correlated as if the refused one had never been seen.
      const x = a.correlate(ev('later', 30_000), 30_000, next)!.event;
      const y = b.correlate(ev('later', 30_000), 30_000, next)!.event;
      expect({ ...x, name: '' }).toEqual({ ...y, name: '' });
    });
  }
});
