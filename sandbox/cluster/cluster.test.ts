import { describe, expect, it } from 'vitest';
import { Cluster } from './cluster.ts';

describe('a fresh cluster', () => {
  it('has the default namespace and the standard StorageClass marked default', () => {
    const c = Cluster.create({ seed: 7 });
    expect(c.api.get('namespaces', undefined, 'default').metadata.name).toBe('default');
    const sc = c.api.get('storageclasses', undefined, 'standard');
    expect(sc.metadata.annotations?.['storageclass.kubernetes.io/is-default-class']).toBe('true');
  });

  it('answers NotFound with the API server message for a missing pod', () => {
    const c = Cluster.create();
    expect(() => c.api.get('pods', 'default', 'web-9')).toThrow('pods "web-9" not found');
  });

  it('gives the same snapshot for the same seed', () => {
    const a = Cluster.create({ seed: 3 }).snapshot();
    const b = Cluster.create({ seed: 3 }).snapshot();
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
  });

  it('restores a snapshot into an identical cluster', () => {
    const c = Cluster.create({ seed: 5 });
    c.api.create('configmaps', 'default', { metadata: { name: 'x' }, data: { a: '1' } });
    const snap = c.snapshot();
    const r = Cluster.restore(JSON.parse(JSON.stringify(snap)));
    expect(JSON.stringify(r.snapshot())).toBe(JSON.stringify(snap));
  });

  it('writes the same JSON with snapshotJSON, and restoreJSON gives a cluster that runs on as the original', () => {
    const c = Cluster.create({ seed: 6 });
    c.api.create('services', 'default', { metadata: { name: 'nginx' }, spec: { clusterIP: 'None', selector: { app: 'web' }, ports: [{ port: 80, name: 'web' }] } });
    c.api.create('statefulsets', 'default', {
      metadata: { name: 'web' },
      spec: { serviceName: 'nginx', replicas: 2, selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'nginx', image: 'registry.k8s.io/nginx-slim:0.21' }] } } },
    });
    c.advance(7_000);
    const json = c.snapshotJSON();
    expect(json).toBe(JSON.stringify(c.snapshot()));
    const a = Cluster.restoreJSON(json);
    const b = Cluster.restoreJSON(json);
    // Kubelet state taken from the parsed string without a copy: clusters restored from the same
    // string still run independently, and like the original.
    a.advance(30_000);
    c.advance(30_000);
    expect(a.snapshotJSON()).toBe(c.snapshotJSON());
    expect(b.snapshotJSON()).toBe(json);
  });

  it('writes each save anew from the objects as they are then, though it reuses the text of unchanged ones', () => {
    const c = Cluster.create({ seed: 8 });
    c.api.create('configmaps', 'default', { metadata: { name: 'a' }, data: { v: '1' } });
    c.api.create('configmaps', 'default', { metadata: { name: 'c' }, data: { v: '1' } });
    const first = c.snapshotJSON();
    const objects = (json: string) =>
      (JSON.parse(json).api.objects.configmaps as { metadata: { name: string }; data: { v: string } }[])
        .filter((o) => o.metadata.name.length === 1).map((o) => `${o.metadata.name}=${o.data.v}`);
    // A changed object and a new one that sorts between the others...
    c.api.patch('configmaps', 'default', 'a', { data: { v: '2' } }, 'merge');
    c.api.create('configmaps', 'default', { metadata: { name: 'b' }, data: { v: '1' } });
    const second = c.snapshotJSON();
    expect(objects(first)).toEqual(['a=1', 'c=1']);
    expect(objects(second)).toEqual(['a=2', 'b=1', 'c=1']);
    expect(second).toBe(JSON.stringify(c.snapshot()));
    // ...then a deleted one.
    c.api.delete('configmaps', 'default', 'c');
    expect(objects(c.snapshotJSON())).toEqual(['a=2', 'b=1']);
  });
});
