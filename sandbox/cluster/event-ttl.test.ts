import { describe, expect, it } from 'vitest';
import { Cluster } from './cluster.ts';

function names(c: Cluster): string[] {
  return c.api.list('events', 'default').items.map((e) => e.metadata.name!).sort();
}

describe('Event TTL (kube-apiserver --event-ttl 1h, leases reused for 60 s)', () => {
  it('removes an Event an hour after its last write, and keeps one that was written again', () => {
    const c = Cluster.create({ seed: 7 });
    const mk = (name: string, last: string) => c.api.create('events', 'default', {
      metadata: { name }, involvedObject: { kind: 'Pod', name: 'x', namespace: 'default' }, reason: 'Test', message: name, type: 'Normal',
      firstTimestamp: last, lastTimestamp: last, count: 1,
    });
    const t0 = c.clock.nowISO();
    mk('old', t0);
    mk('renewed', t0);
    c.advance(30 * 60_000);
    const r = c.api.get('events', 'default', 'renewed') as any;
    c.api.update('events', 'default', { ...r, count: 2, lastTimestamp: c.clock.nowISO() });
    c.advance(30 * 60_000 - 1000);
    expect(names(c)).toContain('old');
    c.advance(61_000);
    expect(names(c)).not.toContain('old');
    expect(names(c)).toContain('renewed');
    c.advance(31 * 60_000);
    expect(names(c)).not.toContain('renewed');
  });

  it('restores a snapshot with its pending expiry and expires the same Events as the original', () => {
    const c = Cluster.create({ seed: 8 });
    c.api.create('events', 'default', { metadata: { name: 'e1' }, involvedObject: { kind: 'Pod', name: 'x' }, reason: 'R', message: 'm', type: 'Normal', lastTimestamp: c.clock.nowISO() });
    c.advance(1000);
    const r = Cluster.restore(JSON.parse(JSON.stringify(c.snapshot())));
    expect(JSON.stringify(r.snapshot())).toBe(JSON.stringify(c.snapshot()));
    c.advance(62 * 60_000);
    r.advance(62 * 60_000);
    expect(names(r)).toEqual(names(c));
    expect(names(c)).not.toContain('e1');
  });
});
