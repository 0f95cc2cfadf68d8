import { describe, expect, it } from 'vitest';
import type { ConfigMap } from '../../types.ts';
import { advanceUntil, names, webStatefulSet, workloadCluster } from '../testing/helpers.ts';

function cm(c: ReturnType<typeof workloadCluster>['c'], name: string, owners: ConfigMap[] = [], block = false): ConfigMap {
  return c.api.create<ConfigMap>('configmaps', 'default', {
    metadata: {
      name,
      ownerReferences: owners.map((o) => ({ apiVersion: 'v1', kind: 'ConfigMap', name: o.metadata.name!, uid: o.metadata.uid!, ...(block ? { blockOwnerDeletion: true } : {}) })),
    },
    data: {},
  });
}

describe('garbage collector (pkg/controller/garbagecollector)', () => {
  it('deletes a dependent whose only owner is gone (Background)', () => {
    const { c } = workloadCluster();
    const owner = cm(c, 'owner');
    cm(c, 'child', [owner]);
    c.settle();
    c.api.delete('configmaps', 'default', 'owner');
    c.settle();
    expect(names(c, 'configmaps')).not.toContain('child');
  });

  it('deletes a dependent created with a reference to an owner that never existed', () => {
    const { c } = workloadCluster();
    c.api.create('configmaps', 'default', { metadata: { name: 'ghost-child', ownerReferences: [{ apiVersion: 'v1', kind: 'ConfigMap', name: 'ghost', uid: 'no-such-uid' }] } });
    c.settle();
    expect(names(c, 'configmaps')).not.toContain('ghost-child');
  });

  it('keeps a dependent that still has a live owner and drops the dangling reference', () => {
    const { c } = workloadCluster();
    const a = cm(c, 'a');
    const b = cm(c, 'b');
    cm(c, 'child', [a, b]);
    c.settle();
    c.api.delete('configmaps', 'default', 'a');
    c.settle();
    expect(c.api.get('configmaps', 'default', 'child').metadata.ownerReferences!.map((r) => r.name)).toEqual(['b']);
  });

  it('orphan: removes the owner reference from dependents, then the finalizer, and the owner goes', () => {
    const { c } = workloadCluster();
    const owner = cm(c, 'owner');
    cm(c, 'child', [owner]);
    c.settle();
    c.api.delete('configmaps', 'default', 'owner', { propagationPolicy: 'Orphan' });
    c.settle();
    expect(c.api.peek('configmaps', 'default', 'owner')).toBeUndefined();
    expect(c.api.get('configmaps', 'default', 'child').metadata.ownerReferences).toBeUndefined();
  });

  it('foregroundDeletion: deletes the dependents first, and the owner once they are gone', () => {
    const { c } = workloadCluster();
    c.api.create('statefulsets', 'default', webStatefulSet({ replicas: 2, podManagementPolicy: 'Parallel' }));
    c.advance(5_000);
    c.api.delete('statefulsets', 'default', 'web', { propagationPolicy: 'Foreground' });
    c.settle();
    // The set stays (with its finalizer) while its pods terminate.
    const set = c.api.get('statefulsets', 'default', 'web');
    expect(set.metadata.finalizers).toEqual(['foregroundDeletion']);
    expect(set.metadata.deletionTimestamp).toBeDefined();
    expect(c.api.list('pods', 'default').items.every((p) => p.metadata.deletionTimestamp)).toBe(true);
    // A set being deleted is not reconciled: no replacement pods.
    advanceUntil(c, () => !c.api.peek('statefulsets', 'default', 'web'));
    expect(names(c, 'pods')).toEqual([]);
    expect(names(c, 'controllerrevisions')).toEqual([]);
  });

  it('walks a chain: deleting a grandparent removes children and grandchildren', () => {
    const { c } = workloadCluster();
    const g = cm(c, 'grandparent');
    const p = cm(c, 'parent', [g]);
    cm(c, 'child', [p]);
    c.settle();
    c.api.delete('configmaps', 'default', 'grandparent');
    c.settle();
    expect(names(c, 'configmaps').filter((n) => n !== 'kube-root-ca.crt')).toEqual([]);
  });
});
