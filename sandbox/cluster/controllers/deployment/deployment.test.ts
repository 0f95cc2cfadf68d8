import { describe, expect, it } from 'vitest';
import type { Deployment, Pod, ReplicaSet } from '../../types.ts';
import { advanceUntil, eventMessages, isReady, names, workloadCluster } from '../testing/helpers.ts';

function deploy(replicas = 3, image = 'nginx:1.14.2', strategy?: Deployment['spec'] extends infer S ? S extends { strategy?: infer T } ? T : never : never): Deployment {
  return {
    apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'nginx-deployment', namespace: 'default' },
    spec: {
      replicas, selector: { matchLabels: { app: 'nginx' } }, ...(strategy ? { strategy } : {}),
      template: { metadata: { labels: { app: 'nginx' } }, spec: { containers: [{ name: 'nginx', image }] } },
    },
  };
}

const dep = (c: ReturnType<typeof workloadCluster>['c']) => c.api.get<Deployment>('deployments', 'default', 'nginx-deployment');
const done = (c: ReturnType<typeof workloadCluster>['c'], n: number) => () => {
  const d = dep(c);
  const s = d.status;
  if (s?.observedGeneration !== d.metadata.generation) return false;
  const pods = c.api.list<Pod>('pods', 'default').items;
  return s?.updatedReplicas === n && s.availableReplicas === n && s.replicas === n && pods.length === n && pods.every(isReady);
};

describe('Deployment controller (deployment/sync.go, rolling.go)', () => {
  it('creates a ReplicaSet <deploy>-<pod-template-hash> and its pods', () => {
    const { c } = workloadCluster();
    c.api.create('deployments', 'default', deploy());
    c.settle();
    const [rsName] = names(c, 'replicasets');
    expect(rsName).toMatch(/^nginx-deployment-[4-9bcdf]{1,10}$/);
    const rs = c.api.get<ReplicaSet>('replicasets', 'default', rsName);
    const hash = rsName.slice('nginx-deployment-'.length);
    expect(rs.metadata.labels).toEqual({ app: 'nginx', 'pod-template-hash': hash });
    expect(rs.spec!.selector.matchLabels).toEqual({ app: 'nginx', 'pod-template-hash': hash });
    expect(rs.metadata.annotations).toMatchObject({ 'deployment.kubernetes.io/revision': '1', 'deployment.kubernetes.io/desired-replicas': '3', 'deployment.kubernetes.io/max-replicas': '4' });
    expect(names(c, 'pods').every((n) => n.startsWith(`${rsName}-`))).toBe(true);
    expect(eventMessages(c, 'nginx-deployment')).toEqual([`Normal ScalingReplicaSet Scaled up replica set ${rsName} from 0 to 3`]);
    advanceUntil(c, done(c, 3));
    expect(dep(c).status).toMatchObject({ observedGeneration: 1, replicas: 3, updatedReplicas: 3, readyReplicas: 3, availableReplicas: 3 });
    expect(dep(c).status!.conditions!.map((x) => [x.type, x.status, x.reason])).toEqual([
      ['Available', 'True', 'MinimumReplicasAvailable'], ['Progressing', 'True', 'NewReplicaSetAvailable'],
    ]);
  });

  it('rolls to a new ReplicaSet within maxSurge and maxUnavailable', () => {
    const { c } = workloadCluster();
    c.api.create('deployments', 'default', deploy(4));
    advanceUntil(c, done(c, 4));
    const [oldRs] = names(c, 'replicasets');
    let maxPods = 0, minAvailable = 4;
    // The bounds hold on the ReplicaSets' sizes and on ready pods (pods themselves may briefly
    // overshoot while the ReplicaSet controller catches up, as in a real cluster).
    const check = () => {
      const sets = c.api.list<ReplicaSet>('replicasets', 'default').items;
      maxPods = Math.max(maxPods, sets.reduce((n, r) => n + (r.spec!.replicas ?? 0), 0));
      minAvailable = Math.min(minAvailable, c.api.list<Pod>('pods', 'default').items.filter(isReady).length);
    };
    c.api.watch('pods', 'default', {}, check);
    c.api.watch('replicasets', 'default', {}, check);
    const d = dep(c);
    d.spec!.template.spec!.containers[0].image = 'nginx:1.16.1';
    c.api.update('deployments', 'default', d);
    advanceUntil(c, done(c, 4));
    const rsNames = names(c, 'replicasets');
    expect(rsNames).toHaveLength(2);
    const newRs = rsNames.find((n) => n !== oldRs)!;
    expect(c.api.get<ReplicaSet>('replicasets', 'default', oldRs).spec!.replicas).toBe(0);
    expect(c.api.get<ReplicaSet>('replicasets', 'default', newRs).metadata.annotations!['deployment.kubernetes.io/revision']).toBe('2');
    expect(dep(c).metadata.annotations!['deployment.kubernetes.io/revision']).toBe('2');
    // 25% of 4: one extra pod at most, one unavailable at most.
    expect(maxPods).toBeLessThanOrEqual(5);
    expect(minAvailable).toBeGreaterThanOrEqual(3);
    const ev = eventMessages(c, 'nginx-deployment');
    expect(ev).toContain(`Normal ScalingReplicaSet Scaled up replica set ${newRs} from 0 to 1`);
    expect(ev).toContain(`Normal ScalingReplicaSet Scaled down replica set ${oldRs} from 4 to 3`);
  });

  it('Recreate scales the old ReplicaSet to zero before the new one comes up', () => {
    const { c } = workloadCluster();
    c.api.create('deployments', 'default', deploy(2, 'nginx:1.14.2', { type: 'Recreate' }));
    advanceUntil(c, done(c, 2));
    const d = dep(c);
    d.spec!.template.spec!.containers[0].image = 'nginx:1.16.1';
    c.api.update('deployments', 'default', d);
    c.settle();
    const newRs = names(c, 'replicasets').find((n) => c.api.get<ReplicaSet>('replicasets', 'default', n).spec!.template.spec!.containers[0].image === 'nginx:1.16.1');
    expect(newRs).toBeUndefined();
    expect(c.api.list<Pod>('pods', 'default').items.every((p) => p.metadata.deletionTimestamp)).toBe(true);
    advanceUntil(c, done(c, 2));
  });

  it('deleting the Deployment removes its ReplicaSets and pods through the garbage collector', () => {
    const { c } = workloadCluster();
    c.api.create('deployments', 'default', deploy(2));
    advanceUntil(c, done(c, 2));
    c.api.delete('deployments', 'default', 'nginx-deployment');
    c.settle();
    expect(names(c, 'replicasets')).toEqual([]);
    advanceUntil(c, () => names(c, 'pods').length === 0);
  });
});
