// Namespace deletion (pkg/controller/namespace/deletion/namespaced_resources_deleter.go): the
// namespace stays Terminating while its content goes, then the `kubernetes` finalizer is removed
// through the finalize subresource and the API server deletes it.
import { describe, expect, it } from 'vitest';
import { Cluster } from '../../cluster.ts';
import type { Namespace } from '../../types.ts';
import { webStatefulSet } from '../testing/helpers.ts';

function labCluster(): Cluster {
  const c = Cluster.create({ seed: 3 });
  c.api.create('namespaces', undefined, { metadata: { name: 'lab' } });
  c.api.create('services', 'lab', { metadata: { name: 'nginx' }, spec: { clusterIP: 'None', selector: { app: 'nginx' }, ports: [{ port: 80, name: 'web' }] } });
  c.api.create('statefulsets', 'lab', { ...webStatefulSet({ replicas: 2 }), metadata: { name: 'web', namespace: 'lab' } });
  c.api.create('configmaps', 'lab', { metadata: { name: 'settings' }, data: { a: '1' } });
  c.advance(30_000);
  return c;
}

function ns(c: Cluster, name: string): Namespace | undefined {
  return c.api.peek('namespaces', undefined, name) as Namespace | undefined;
}

describe('namespace-controller', () => {
  it('deletes everything in a deleted namespace, then removes the kubernetes finalizer and the namespace', () => {
    const c = labCluster();
    expect(c.api.list('pods', 'lab').items.length).toBe(2);
    c.api.delete('namespaces', undefined, 'lab');
    expect(ns(c, 'lab')?.status?.phase).toBe('Terminating');
    c.advance(0);
    // Deleting, pods terminating gracefully: the namespace waits and says why.
    const cond = (type: string) => ns(c, 'lab')?.status?.conditions?.find((x) => x.type === type);
    expect(cond('NamespaceDeletionContentFailure')).toMatchObject({ status: 'False', reason: 'ContentDeleted', message: 'All content successfully deleted, may be waiting on finalization' });
    expect(cond('NamespaceContentRemaining')).toMatchObject({ status: 'True', reason: 'SomeResourcesRemain' });
    expect(cond('NamespaceContentRemaining')?.message).toMatch(/^Some resources are remaining: .*pods\. has 2 resource instances/);
    expect(c.api.list('configmaps', 'lab').items).toEqual([]);
    expect(c.api.list('statefulsets', 'lab').items.every((s) => s.metadata.deletionTimestamp)).toBe(true);
    for (let i = 0; i < 120 && ns(c, 'lab'); i++) c.advance(1000);
    expect(ns(c, 'lab')).toBeUndefined();
    for (const r of ['pods', 'persistentvolumeclaims', 'statefulsets', 'services', 'endpoints', 'configmaps', 'controllerrevisions']) {
      expect(c.api.list(r, 'lab').items, r).toEqual([]);
    }
  });

  it('keeps the namespace Terminating while content held by a finalizer remains, and names the finalizer', () => {
    const c = Cluster.create({ seed: 4 });
    c.api.create('namespaces', undefined, { metadata: { name: 'lab' } });
    c.api.create('configmaps', 'lab', { metadata: { name: 'held', finalizers: ['example.com/hold'] } });
    c.api.delete('namespaces', undefined, 'lab');
    c.advance(10_000);
    expect(ns(c, 'lab')?.spec?.finalizers).toEqual(['kubernetes']);
    const cond = ns(c, 'lab')?.status?.conditions?.find((x) => x.type === 'NamespaceFinalizersRemaining');
    expect(cond).toMatchObject({ status: 'True', reason: 'SomeFinalizersRemain', message: 'Some content in the namespace has finalizers remaining: example.com/hold in 1 resource instances' });
    expect(ns(c, 'lab')?.status?.conditions?.find((x) => x.type === 'NamespaceContentRemaining')?.message).toBe('Some resources are remaining: configmaps. has 1 resource instances');
    c.api.patch('configmaps', 'lab', 'held', { metadata: { finalizers: null } }, 'merge');
    c.advance(60_000);
    expect(ns(c, 'lab')).toBeUndefined();
  });

  it('leaves namespaces that are not being deleted alone', () => {
    const c = Cluster.create({ seed: 5 });
    c.api.create('namespaces', undefined, { metadata: { name: 'lab' } });
    c.api.create('configmaps', 'lab', { metadata: { name: 'keep' } });
    c.advance(60_000);
    // Its own ConfigMap and the kube-root-ca.crt the publisher puts in every namespace.
    expect(c.api.list('configmaps', 'lab').items.map((cm) => cm.metadata.name).sort()).toEqual(['keep', 'kube-root-ca.crt']);
    expect(ns(c, 'lab')?.status?.phase).toBe('Active');
  });
});
