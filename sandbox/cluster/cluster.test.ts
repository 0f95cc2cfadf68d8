import { describe, expect, it } from 'vitest';
import { Cluster } from './cluster.ts';

/** snapshotJSON's text without the layout it ends with (saved-layout.ts): the snapshot itself. */
function withoutLayout(json: string): string {
  const at = json.lastIndexOf(',"layout":');
  return `${json.slice(0, at)}}`;
}

function webCluster(seed: number): Cluster {
  const c = Cluster.create({ seed });
  c.api.create('services', 'default', { metadata: { name: 'nginx' }, spec: { clusterIP: 'None', selector: { app: 'web' }, ports: [{ port: 80, name: 'web' }] } });
  c.api.create('statefulsets', 'default', {
    metadata: { name: 'web' },
    spec: { serviceName: 'nginx', replicas: 2, selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'nginx', image: 'registry.k8s.io/nginx-slim:0.21' }] } } },
  });
  c.advance(7_000);
  return c;
}

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
    expect(withoutLayout(json)).toBe(JSON.stringify(c.snapshot()));
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
    expect(withoutLayout(second)).toBe(JSON.stringify(c.snapshot()));
    // ...then a deleted one.
    c.api.delete('configmaps', 'default', 'c');
    expect(objects(c.snapshotJSON())).toEqual(['a=2', 'b=1']);
  });

  it('restores from the text with the Events left unparsed until something reads them', () => {
    const c = webCluster(11);
    const json = c.snapshotJSON();
    const r = Cluster.restoreJSON(json);
    expect(r.api.isLazy('events')).toBe(true);
    // Saved again at the same instant: the same text, still without parsing the Events.
    expect(r.snapshotJSON()).toBe(json);
    expect(r.api.isLazy('events')).toBe(true);
    // Read, they are all there, as in the original.
    const names = (x: Cluster) => x.api.list('events').items.map((e) => `${e.metadata.name} ${e.reason}`);
    expect(names(r)).toEqual(names(c));
    expect(names(r).length).toBeGreaterThan(10);
    expect(r.api.isLazy('events')).toBe(false);
    expect(r.snapshotJSON()).toBe(json);
  });

  it('runs on from the text like the original, whether the Events were read first or not', () => {
    const c = webCluster(12);
    const json = c.snapshotJSON();
    const lazy = Cluster.restoreJSON(json);
    const read = Cluster.restoreJSON(json);
    read.api.list('events');
    for (const x of [c, lazy, read]) {
      // A new pod: the controller, scheduler and kubelet record Events (the recorders' caches
      // come back with the Events), and later an hour passes (event-ttl removes old ones).
      x.api.patch('statefulsets', 'default', 'web', { spec: { replicas: 3 } }, 'merge');
      x.advance(30_000);
    }
    expect(lazy.snapshotJSON()).toBe(c.snapshotJSON());
    expect(read.snapshotJSON()).toBe(c.snapshotJSON());
    for (const x of [c, lazy]) x.advance(3_700_000);
    expect(lazy.snapshotJSON()).toBe(c.snapshotJSON());
    expect(c.api.list('events').items.length).toBeLessThan(JSON.parse(json).api.objects.events.length);
  });

  it('saves what changed after a restore, though it keeps the restored text of what did not', () => {
    const c = Cluster.create({ seed: 13 });
    for (const n of ['a', 'b']) c.api.create('configmaps', 'default', { metadata: { name: n }, data: { v: '1' } });
    const r = Cluster.restoreJSON(c.snapshotJSON());
    r.api.patch('configmaps', 'default', 'a', { data: { v: '2' } }, 'merge');
    r.api.delete('configmaps', 'default', 'b');
    r.api.create('configmaps', 'default', { metadata: { name: 'c' }, data: { v: '3' } });
    const saved = JSON.parse(r.snapshotJSON()).api.objects.configmaps as { metadata: { name: string }; data: { v: string } }[];
    expect(saved.filter((o) => o.metadata.name.length === 1).map((o) => `${o.metadata.name}=${o.data.v}`)).toEqual(['a=2', 'c=3']);
  });

  it('restores a snapshot text rewritten by someone else (no layout that fits) by parsing it whole', () => {
    const c = webCluster(14);
    const json = c.snapshotJSON();
    const pretty = JSON.stringify(JSON.parse(json), null, 2);
    const r = Cluster.restoreJSON(pretty);
    expect(r.api.isLazy('events')).toBe(false);
    expect(r.snapshotJSON()).toBe(json);
    // An object edited and written back keeps a layout that no longer fits.
    const edited = JSON.parse(json);
    edited.api.objects.services[0].metadata.labels = { note: 'edited' };
    const e = Cluster.restoreJSON(JSON.stringify(edited));
    expect(e.api.get('services', 'default', edited.api.objects.services[0].metadata.name).metadata.labels).toEqual({ note: 'edited' });
  });
});
