// What every namespace gets from kube-controller-manager: the `default` ServiceAccount
// (pkg/controller/serviceaccount/serviceaccounts_controller.go) and the kube-root-ca.crt
// ConfigMap (pkg/controller/certificates/rootcacertpublisher/publisher.go).
import { describe, expect, it } from 'vitest';
import { Cluster } from '../../cluster.ts';
import { ROOT_CA_PEM } from '../certificates/root-ca.ts';

const names = (c: Cluster, resource: string, ns: string) => c.api.list(resource, ns).items.map((o) => o.metadata.name);

describe('every namespace has its default ServiceAccount and the kube-root-ca.crt ConfigMap', () => {
  it('in the namespaces a cluster starts with and in one created later', () => {
    const c = Cluster.create({ seed: 1 });
    c.settle();
    for (const ns of ['default', 'kube-node-lease', 'kube-public', 'kube-system']) {
      expect(names(c, 'serviceaccounts', ns)).toEqual(['default']);
      expect(names(c, 'configmaps', ns)).toEqual(['kube-root-ca.crt']);
    }
    c.api.create('namespaces', undefined, { metadata: { name: 'shop' } });
    c.settle();
    expect(names(c, 'serviceaccounts', 'shop')).toEqual(['default']);
    expect(c.api.get('configmaps', 'shop', 'kube-root-ca.crt').data).toEqual({ 'ca.crt': ROOT_CA_PEM });
  });

  it('puts them back when deleted, and the CA bundle back when changed', () => {
    const c = Cluster.create({ seed: 1 });
    c.settle();
    const before = c.api.get('serviceaccounts', 'default', 'default').metadata.uid;
    c.api.delete('serviceaccounts', 'default', 'default');
    c.api.delete('configmaps', 'default', 'kube-root-ca.crt');
    c.settle();
    expect(c.api.get('serviceaccounts', 'default', 'default').metadata.uid).not.toBe(before);
    const cm = c.api.get('configmaps', 'default', 'kube-root-ca.crt');
    c.api.update('configmaps', 'default', { ...cm, data: { 'ca.crt': 'tampered', extra: 'x' } });
    c.settle();
    expect(c.api.get('configmaps', 'default', 'kube-root-ca.crt').data).toEqual({ 'ca.crt': ROOT_CA_PEM });
  });

  it('takes nothing from the seeded random stream: the uids of what the learner creates do not depend on them', () => {
    const a = Cluster.create({ seed: 9 });
    const b = Cluster.create({ seed: 9 });
    a.settle();
    a.api.create('namespaces', undefined, { metadata: { name: 'extra' } });
    a.settle();
    b.api.create('namespaces', undefined, { metadata: { name: 'extra' } });
    // b makes its namespaces' accounts only now, after the learner's namespace: same uid either way.
    b.settle();
    expect(a.api.get('namespaces', undefined, 'extra').metadata.uid).toBe(b.api.get('namespaces', undefined, 'extra').metadata.uid);
  });
});

describe('a cluster saved before these controllers existed', () => {
  it('gets the accounts and ConfigMaps its namespaces lack when restored; a save made with them restores as it was', () => {
    const c = Cluster.create({ seed: 3 });
    c.advance(5000);
    const saved = JSON.parse(c.snapshotJSON());
    // As a save from before: no ServiceAccounts, no kube-root-ca.crt.
    delete saved.api.objects.serviceaccounts;
    delete saved.api.objects.configmaps;
    delete saved.layout;
    const old = Cluster.restoreJSON(JSON.stringify(saved));
    expect(names(old, 'serviceaccounts', 'kube-system')).toEqual(['default']);
    expect(names(old, 'configmaps', 'default')).toEqual(['kube-root-ca.crt']);
    const text = c.snapshotJSON();
    expect(Cluster.restoreJSON(text).snapshotJSON()).toBe(text);
  });
});
