// The workload controllers inside the full cluster: real scheduler, kubelets, PV controller.
import { describe, expect, it } from 'vitest';
import { Cluster } from '../cluster.ts';
import type { PersistentVolumeClaim, Pod } from '../types.ts';
import { advanceUntil, eventMessages, isReady, names, webStatefulSet } from './testing/helpers.ts';
import { checkOnePodPerIdentity, IdentityWatch } from './statefulset/invariants.ts';

function readyPods(c: Cluster): string[] {
  return c.api.list<Pod>('pods', 'default').items.filter((p) => isReady(p) && !p.metadata.deletionTimestamp).map((p) => p.metadata.name!).sort();
}

describe('StatefulSet in the full cluster', () => {
  it('runs the tutorial: ordered start, bound claims, scale down, recreate with the same claim', () => {
    const c = Cluster.create({ seed: 11 });
    const watch = new IdentityWatch(c.api);
    c.api.create('services', 'default', { metadata: { name: 'nginx', labels: { app: 'nginx' } }, spec: { clusterIP: 'None', selector: { app: 'nginx' }, ports: [{ port: 80, name: 'web' }] } });
    c.api.create('statefulsets', 'default', webStatefulSet({ replicas: 3 }));
    c.settle();
    expect(names(c, 'pods')).toEqual(['web-0']);
    advanceUntil(c, () => readyPods(c).length === 3, 600_000, 1_000);
    expect(readyPods(c)).toEqual(['web-0', 'web-1', 'web-2']);
    const claims = c.api.list<PersistentVolumeClaim>('persistentvolumeclaims', 'default').items;
    expect(claims.map((p) => [p.metadata.name, p.status?.phase])).toEqual([['www-web-0', 'Bound'], ['www-web-1', 'Bound'], ['www-web-2', 'Bound']]);
    expect(eventMessages(c, 'web').slice(0, 2)).toEqual([
      'Normal SuccessfulCreate create Claim www-web-0 Pod web-0 in StatefulSet web success',
      'Normal SuccessfulCreate create Pod web-0 in StatefulSet web successful',
    ]);

    c.api.patch('statefulsets', 'default', 'web', { spec: { replicas: 1 } }, 'merge');
    advanceUntil(c, () => names(c, 'pods').length === 1, 600_000, 1_000);
    expect(names(c, 'persistentvolumeclaims')).toEqual(['www-web-0', 'www-web-1', 'www-web-2']);

    const old = c.api.get<Pod>('pods', 'default', 'web-0');
    c.api.delete('pods', 'default', 'web-0');
    advanceUntil(c, () => {
      const p = c.api.peek('pods', 'default', 'web-0') as Pod | undefined;
      return !!p && p.metadata.uid !== old.metadata.uid && isReady(p);
    }, 600_000, 1_000);
    expect(c.api.get<Pod>('pods', 'default', 'web-0').spec!.volumes![0].persistentVolumeClaim!.claimName).toBe('www-web-0');
    expect(checkOnePodPerIdentity(c.api)).toEqual([]);
    expect(watch.violations).toEqual([]);
    expect(c.api.get('statefulsets', 'default', 'web').status).toMatchObject({ replicas: 1, readyReplicas: 1, currentReplicas: 1, updatedReplicas: 1 });
  });
});

describe('workload controllers and snapshots', () => {
  it('a restored cluster continues a rolling update exactly like the original', () => {
    const c = Cluster.create({ seed: 5 });
    c.api.create('statefulsets', 'default', webStatefulSet({ replicas: 3 }));
    c.api.create('deployments', 'default', {
      metadata: { name: 'front' },
      spec: { replicas: 2, selector: { matchLabels: { app: 'front' } }, template: { metadata: { labels: { app: 'front' } }, spec: { containers: [{ name: 'nginx', image: 'nginx:1.14.2' }] } } },
    });
    advanceUntil(c, () => readyPods(c).filter((n) => n.startsWith('web-')).length === 3, 600_000, 1_000);
    c.api.patch('statefulsets', 'default', 'web', { spec: { template: { spec: { containers: [{ name: 'nginx', image: 'registry.k8s.io/nginx-slim:0.24', ports: [{ containerPort: 80, name: 'web' }], volumeMounts: [{ name: 'www', mountPath: '/usr/share/nginx/html' }] }] } } } }, 'merge');
    c.advance(1_500);
    const r = Cluster.restore(JSON.parse(JSON.stringify(c.snapshot())));
    c.advance(60_000);
    r.advance(60_000);
    expect(JSON.stringify(r.snapshot())).toBe(JSON.stringify(c.snapshot()));
    const s = c.api.get('statefulsets', 'default', 'web').status;
    expect(s.currentRevision).toBe(s.updateRevision);
  });
});
