import { describe, expect, it } from 'vitest';
import { lastSeen } from './events.ts';
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
