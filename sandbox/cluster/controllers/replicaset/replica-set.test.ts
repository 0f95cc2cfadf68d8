import { describe, expect, it } from 'vitest';
import type { Pod, ReplicaSet } from '../../types.ts';
import { advanceUntil, eventMessages, isReady, names, workloadCluster } from '../testing/helpers.ts';
import { getPodsToDelete } from './replica-set.ts';

function rs(replicas: number): ReplicaSet {
  return {
    apiVersion: 'apps/v1', kind: 'ReplicaSet', metadata: { name: 'frontend', namespace: 'default' },
    spec: {
      replicas, selector: { matchLabels: { tier: 'frontend' } },
      template: { metadata: { labels: { tier: 'frontend' } }, spec: { containers: [{ name: 'php-redis', image: 'us-docker.pkg.dev/google-samples/containers/gke/gb-frontend:v5' }] } },
    },
  };
}

const allReady = (c: ReturnType<typeof workloadCluster>['c'], n: number) =>
  advanceUntil(c, () => { const p = c.api.list<Pod>('pods', 'default').items; return p.length === n && p.every(isReady); });

describe('ReplicaSet controller (replica_set.go manageReplicas)', () => {
  it('creates pods named <rs>-<5 random chars> at once', () => {
    const { c } = workloadCluster();
    c.api.create('replicasets', 'default', rs(3));
    c.settle();
    const pods = names(c, 'pods');
    expect(pods).toHaveLength(3);
    for (const n of pods) expect(n).toMatch(/^frontend-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
    expect(eventMessages(c, 'frontend').map((m) => m.replace(/frontend-\w{5}/, 'frontend-x'))).toEqual(Array(3).fill('Normal SuccessfulCreate Created pod: frontend-x'));
    allReady(c, 3);
    expect(c.api.get<ReplicaSet>('replicasets', 'default', 'frontend').status).toEqual({ replicas: 3, fullyLabeledReplicas: 3, readyReplicas: 3, availableReplicas: 3, observedGeneration: 1 });
  });

  it('ReplicaSet replaces a deleted pod with a new random name', () => {
    const { c } = workloadCluster();
    c.api.create('replicasets', 'default', rs(2));
    allReady(c, 2);
    const before = names(c, 'pods');
    c.api.delete('pods', 'default', before[0]);
    c.settle();
    // The terminating pod no longer counts: a replacement is created at once, with a new name.
    const now = names(c, 'pods');
    expect(now).toHaveLength(3);
    const fresh = now.filter((n) => !before.includes(n));
    expect(fresh).toHaveLength(1);
    expect(fresh[0]).toMatch(/^frontend-\w{5}$/);
    advanceUntil(c, () => names(c, 'pods').length === 2);
    expect(names(c, 'pods')).toEqual([before[1], fresh[0]].sort());
  });

  it('deletes not-ready pods first when scaling down', () => {
    const { c, kubelet } = workloadCluster();
    c.api.create('replicasets', 'default', rs(3));
    allReady(c, 3);
    const [a, b, d] = names(c, 'pods');
    kubelet.setReady('default', b, false);
    c.settle();
    c.api.patch('replicasets', 'default', 'frontend', { spec: { replicas: 2 } }, 'merge');
    c.settle();
    expect(c.api.get('pods', 'default', b).metadata.deletionTimestamp).toBeDefined();
    expect(c.api.get('pods', 'default', a).metadata.deletionTimestamp).toBeUndefined();
    expect(c.api.get('pods', 'default', d).metadata.deletionTimestamp).toBeUndefined();
    expect(eventMessages(c, 'frontend').at(-1)).toBe(`Normal SuccessfulDelete Deleted pod: ${b}`);
  });

  it('ranks unscheduled before scheduled, Pending before Running, newer before older', () => {
    const mk = (name: string, node: string | undefined, phase: string, created: string): Pod => ({
      metadata: { name, creationTimestamp: created }, spec: { containers: [], nodeName: node }, status: { phase },
    });
    const pods = [
      mk('old-running', 'n1', 'Running', '2026-01-01T00:00:00Z'),
      mk('new-running', 'n1', 'Running', '2026-01-01T00:05:00Z'),
      mk('pending', 'n1', 'Pending', '2026-01-01T00:00:00Z'),
      mk('unscheduled', undefined, 'Pending', '2026-01-01T00:00:00Z'),
    ];
    expect(getPodsToDelete(pods, pods, 4, Date.UTC(2026, 0, 1, 1)).map((p) => p.metadata.name)).toEqual(['unscheduled', 'pending', 'new-running', 'old-running']);
  });

  it('adopts a matching orphan pod instead of creating one', () => {
    const { c } = workloadCluster();
    c.api.create('pods', 'default', { metadata: { name: 'stray', labels: { tier: 'frontend' } }, spec: { containers: [{ name: 'x', image: 'busybox' }] } });
    c.settle();
    const set = c.api.create<ReplicaSet>('replicasets', 'default', rs(2));
    c.settle();
    expect(names(c, 'pods')).toHaveLength(2);
    expect(c.api.get('pods', 'default', 'stray').metadata.ownerReferences?.[0]).toMatchObject({ kind: 'ReplicaSet', uid: set.metadata.uid, controller: true });
  });
});
