import { describe, expect, it } from 'vitest';
import { feedEvents, lastSeen, type EventObject } from './events.ts';
import { claimMounts, shellQuote } from './pod-state.ts';

const now = Date.parse('2026-01-01T00:10:00Z');
const ev = { namespace: 'default', type: 'Warning', reason: 'BackOff', object: 'pod/bad', message: 'Back-off pulling image', lastTimestamp: '2026-01-01T00:09:48Z', count: 1 };

describe('lastSeen (kubectl get events LAST SEEN)', () => {
  it('prints the age of the event', () => {
    expect(lastSeen(ev, now)).toBe('12s');
  });
  it('prints a repeated event as kubectl does: (x3 over 2m)', () => {
    expect(lastSeen({ ...ev, count: 3, firstTimestamp: '2026-01-01T00:08:00Z' }, now)).toBe('12s (x3 over 2m)');
    expect(lastSeen({ ...ev, count: 3 }, now)).toBe('12s (x3)');
  });
  it('falls back to the clock time when the cluster time is not known', () => {
    expect(lastSeen(ev, undefined)).toBe('00:09:48');
  });
});

describe('feedEvents (the order kubectl get events -w shows)', () => {
  // One pod starting: five events in the same second, written in this order. The API lists them
  // by name, and the names' random suffixes put them in another order.
  const second = '2026-01-01T00:09:48Z';
  const written = ['Scheduled', 'Pulling', 'Pulled', 'Created', 'Started'];
  const objects: EventObject[] = written.map((reason, i) => ({
    metadata: { name: `web-0.${['e3', '1a', 'c7', '9f', '05'][i]}`, namespace: 'default', resourceVersion: String(100 + i * 3) },
    involvedObject: { kind: 'Pod', name: 'web-0' },
    type: 'Normal',
    reason,
    message: reason,
    firstTimestamp: second,
    lastTimestamp: second,
    count: 1,
  }));
  const byName = [...objects].sort((a, b) => a.metadata!.name!.localeCompare(b.metadata!.name!));

  it('keeps events of the same second in the order they were written', () => {
    expect(byName.map((e) => e.reason)).not.toEqual(written);
    expect(feedEvents(byName).map((e) => e.reason)).toEqual(written);
  });
  it('puts a later second after an earlier one whatever the resourceVersion', () => {
    const late = { ...objects[0], metadata: { ...objects[0].metadata, resourceVersion: '1' }, lastTimestamp: '2026-01-01T00:09:50Z' };
    expect(feedEvents([late, ...objects.slice(1)]).map((e) => e.reason)).toEqual([...written.slice(1), 'Scheduled']);
  });
  it('carries the first time, the count and the object as kubectl prints them', () => {
    const backoff: EventObject = {
      metadata: { name: 'bad.17', namespace: 'default', resourceVersion: '7' },
      involvedObject: { kind: 'Pod', name: 'bad' },
      type: 'Warning',
      reason: 'BackOff',
      message: 'Back-off pulling image "nginx:nope"\n',
      firstTimestamp: '2026-01-01T00:08:00Z',
      lastTimestamp: '2026-01-01T00:09:48Z',
      count: 3,
    };
    const [row] = feedEvents([backoff]);
    expect(row).toMatchObject({ object: 'pod/bad', count: 3, firstTimestamp: '2026-01-01T00:08:00Z', message: 'Back-off pulling image "nginx:nope"' });
    expect(lastSeen(row, now)).toBe('12s (x3 over 2m)');
  });
});

describe('claimMounts', () => {
  it('finds where web-0 mounts claim www-web-0', () => {
    const pod = {
      metadata: { name: 'web-0' },
      spec: {
        containers: [{ name: 'nginx', volumeMounts: [{ name: 'www', mountPath: '/usr/share/nginx/html' }] }],
        volumes: [{ name: 'www', persistentVolumeClaim: { claimName: 'www-web-0' } }, { name: 'tmp', emptyDir: {} }],
      },
    };
    expect(claimMounts(pod)).toEqual([{ volume: 'www', claim: 'www-web-0', mountPath: '/usr/share/nginx/html', container: 'nginx' }]);
  });
});

describe('shellQuote', () => {
  it('leaves plain words alone and single-quotes the rest', () => {
    expect(shellQuote('/usr/share/nginx/html')).toBe('/usr/share/nginx/html');
    expect(shellQuote("/data/it's here")).toBe(`'/data/it'\\''s here'`);
  });
});
