import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { KubeObject, WatchEvent } from './client.ts';
import { errorOf, newServer, seedStatefulSet, webStatefulSet } from './testing/server.ts';

const pod = (name: string, extra: any = {}) => ({ metadata: { name, ...(extra.metadata ?? {}) }, spec: { containers: [{ name: 'c', image: 'nginx' }], ...(extra.spec ?? {}) } });

describe('graceful deletion of pods (registry/rest/delete.go, pod strategy CheckGracefulDelete)', () => {
  it('removes an unscheduled pod at once', () => {
    const { api } = newServer();
    api.create('pods', 'default', pod('web-0'));
    api.delete('pods', 'default', 'web-0');
    expect(() => api.get('pods', 'default', 'web-0')).toThrow('pods "web-0" not found');
  });

  it('gives a scheduled pod its terminationGracePeriodSeconds and waits for the kubelet', () => {
    const { api, clock } = newServer();
    api.create('pods', 'default', pod('web-0', { spec: { nodeName: 'minikube' } }));
    const out = api.delete('pods', 'default', 'web-0');
    expect(out.metadata.deletionGracePeriodSeconds).toBe(30);
    expect(Date.parse(out.metadata.deletionTimestamp!)).toBe(clock.now() + 30_000);
    expect(out.metadata.generation).toBe(2);
    // A second plain delete changes nothing; the kubelet's delete with grace 0 removes it.
    const rv = api.resourceVersion();
    api.delete('pods', 'default', 'web-0');
    expect(api.resourceVersion()).toBe(rv);
    api.delete('pods', 'default', 'web-0', { gracePeriodSeconds: 0, preconditions: { uid: out.metadata.uid } });
    expect(() => api.get('pods', 'default', 'web-0')).toThrow('not found');
  });

  it('deletes a finished pod at once and treats a negative grace period as 1 second', () => {
    const { api } = newServer();
    api.create('pods', 'default', pod('done', { spec: { nodeName: 'minikube' } }));
    api.patch('pods', 'default', 'done', { status: { phase: 'Succeeded' } }, 'merge', { subresource: 'status' });
    api.delete('pods', 'default', 'done');
    expect(() => api.get('pods', 'default', 'done')).toThrow('not found');
    api.create('pods', 'default', pod('neg', { spec: { nodeName: 'minikube' } }));
    expect(api.delete('pods', 'default', 'neg', { gracePeriodSeconds: -5 }).metadata.deletionGracePeriodSeconds).toBe(1);
  });

  it('force-deletes a terminating pod with grace 0, unless a finalizer holds it', () => {
    const { api } = newServer();
    api.create('pods', 'default', pod('web-1', { spec: { nodeName: 'minikube' } }));
    api.delete('pods', 'default', 'web-1');
    api.delete('pods', 'default', 'web-1', { gracePeriodSeconds: 0 });
    expect(() => api.get('pods', 'default', 'web-1')).toThrow('not found');
    api.create('pods', 'default', pod('held', { spec: { nodeName: 'minikube' }, metadata: { finalizers: ['example.com/hold'] } }));
    const held = api.delete('pods', 'default', 'held', { gracePeriodSeconds: 0 });
    expect(held.metadata.deletionGracePeriodSeconds).toBe(0);
    expect(api.get('pods', 'default', 'held').metadata.deletionTimestamp).toBeDefined();
    api.patch('pods', 'default', 'held', { metadata: { finalizers: null } }, 'merge');
    expect(() => api.get('pods', 'default', 'held')).toThrow('not found');
  });
});

describe('finalizers and propagationPolicy (generic/registry/store.go)', () => {
  it('keeps an object with finalizers as terminating and deletes it when the last one goes', () => {
    const { api } = newServer();
    api.create('persistentvolumeclaims', 'default', { metadata: { name: 'www-web-0' }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } } });
    const d = api.delete('persistentvolumeclaims', 'default', 'www-web-0');
    expect(d.metadata.deletionTimestamp).toBeDefined();
    expect(d.metadata.finalizers).toEqual(['kubernetes.io/pvc-protection']);
    const err = errorOf(() => api.patch('persistentvolumeclaims', 'default', 'www-web-0', { metadata: { finalizers: ['kubernetes.io/pvc-protection', 'example.com/new'] } }, 'merge'));
    expect(err.message).toBe('PersistentVolumeClaim "www-web-0" is invalid: metadata.finalizers: Forbidden: no new finalizers can be added if the object is being deleted, found new finalizers []string{"example.com/new"}');
    api.patch('persistentvolumeclaims', 'default', 'www-web-0', { metadata: { $patch: 'merge', '$deleteFromPrimitiveList/finalizers': ['kubernetes.io/pvc-protection'] } }, 'strategic');
    expect(() => api.get('persistentvolumeclaims', 'default', 'www-web-0')).toThrow('not found');
  });

  it('turns Orphan and Foreground into the orphan and foregroundDeletion finalizers, Background into none', () => {
    const { api } = newServer();
    for (const n of ['a', 'b', 'c']) api.create('statefulsets', 'default', { ...webStatefulSet(), metadata: { name: n } });
    const o = api.delete('statefulsets', 'default', 'a', { propagationPolicy: 'Orphan' });
    expect(o.metadata.finalizers).toEqual(['orphan']);
    expect(o.metadata.deletionGracePeriodSeconds).toBe(0);
    expect(o.metadata.generation).toBe(2);
    expect(api.delete('statefulsets', 'default', 'b', { propagationPolicy: 'Foreground' }).metadata.finalizers).toEqual(['foregroundDeletion']);
    api.delete('statefulsets', 'default', 'c', { propagationPolicy: 'Background' });
    expect(api.list('statefulsets', 'default').items.map((s) => s.metadata.name)).toEqual(['a', 'b']);
    // The garbage collector removes the finalizer when it is done: the object goes.
    api.patch('statefulsets', 'default', 'a', { metadata: { finalizers: null } }, 'merge');
    expect(() => api.get('statefulsets', 'default', 'a')).toThrow('statefulsets.apps "a" not found');
  });

  it('keeps a namespace Terminating until its spec finalizers are finalized, and refuses new content', () => {
    const { api } = newServer();
    api.create('namespaces', undefined, { metadata: { name: 'lab' } });
    const ns = api.delete('namespaces', undefined, 'lab');
    expect(ns.status.phase).toBe('Terminating');
    expect(errorOf(() => api.create('configmaps', 'lab', { metadata: { name: 'x' } })).message)
      .toBe('configmaps "x" is forbidden: unable to create new content in namespace lab because it is being terminated');
    api.update('namespaces', undefined, { metadata: { name: 'lab' }, spec: { finalizers: [] } }, { subresource: 'finalize' });
    expect(() => api.get('namespaces', undefined, 'lab')).toThrow('namespaces "lab" not found');
  });
});

describe('updates, generation and subresources', () => {
  it('bumps generation on spec changes only, and answers a no-op update without a new resourceVersion', () => {
    const { api } = newServer();
    const created = api.create('statefulsets', 'default', webStatefulSet());
    const same = api.update('statefulsets', 'default', api.get('statefulsets', 'default', 'web'));
    expect(same.metadata.resourceVersion).toBe(created.metadata.resourceVersion);
    const labelled = api.patch('statefulsets', 'default', 'web', { metadata: { labels: { tier: 'web' } } }, 'merge');
    expect(labelled.metadata.generation).toBe(1);
    expect(api.patch('statefulsets', 'default', 'web', { spec: { replicas: 3 } }, 'merge').metadata.generation).toBe(2);
  });

  it('ignores status on a main-resource update and spec on a status update', () => {
    const { api } = newServer();
    api.create('statefulsets', 'default', webStatefulSet());
    expect(api.patch('statefulsets', 'default', 'web', { status: { replicas: 2 } }, 'merge').status).toEqual({});
    const s = api.patch('statefulsets', 'default', 'web', { spec: { replicas: 7 }, status: { replicas: 2, observedGeneration: 1 } }, 'merge', { subresource: 'status' });
    expect(s.spec.replicas).toBe(2);
    expect(s.status).toEqual({ replicas: 2, observedGeneration: 1 });
  });

  it('scales through the scale subresource and rejects a negative count', () => {
    const { api } = newServer();
    api.create('statefulsets', 'default', webStatefulSet());
    const scale = api.patch('statefulsets', 'default', 'web', { spec: { replicas: 5 } }, 'merge', { subresource: 'scale' });
    expect(scale).toMatchObject({ kind: 'Scale', apiVersion: 'autoscaling/v1', spec: { replicas: 5 }, status: { selector: 'app=nginx' } });
    expect(errorOf(() => api.patch('statefulsets', 'default', 'web', { spec: { replicas: -1 } }, 'merge', { subresource: 'scale' })).message)
      .toBe('Scale.autoscaling "web" is invalid: spec.replicas: Invalid value: -1: must be greater than or equal to 0');
  });

  it('answers Conflict for a stale resourceVersion', () => {
    const { api } = newServer();
    api.create('configmaps', 'default', { metadata: { name: 'c' }, data: { a: '1' } });
    const stale = api.get('configmaps', 'default', 'c');
    api.patch('configmaps', 'default', 'c', { data: { a: '2' } }, 'merge');
    expect(errorOf(() => api.update('configmaps', 'default', stale)).message)
      .toBe('Operation cannot be fulfilled on configmaps "c": the object has been modified; please apply your changes to the latest version and try again');
  });
});

describe('watch', () => {
  it('replays events after a resourceVersion, then delivers new ones in order', () => {
    const { api } = newServer();
    const from = String(api.resourceVersion());
    api.create('configmaps', 'default', { metadata: { name: 'a' } });
    api.patch('configmaps', 'default', 'a', { data: { x: '1' } }, 'merge');
    const seen: string[] = [];
    api.watch('configmaps', 'default', { resourceVersion: from }, (ev) => seen.push(`${ev.type} ${ev.object.metadata.name}`));
    api.delete('configmaps', 'default', 'a');
    api.flush();
    expect(seen).toEqual(['ADDED a', 'MODIFIED a', 'DELETED a']);
  });

  it('answers 410 Expired for a resourceVersion older than the log', () => {
    const { api } = newServer();
    api.create('configmaps', 'default', { metadata: { name: 'c' } });
    const from = api.resourceVersion();
    for (let i = 0; i < 10_001; i++) api.update('configmaps', 'default', { metadata: { name: 'c' }, data: { i: String(i) } });
    const err = errorOf(() => api.watch('configmaps', 'default', { resourceVersion: String(from) }, () => {}));
    expect(err.code).toBe(410);
    expect(err.reason).toBe('Expired');
    expect(err.message).toBe(`too old resource version: ${from} (${from + 1})`);
  });

  it('sends ADDED and DELETED when an object enters or leaves a label selection', () => {
    const { api } = newServer();
    api.create('pods', 'default', pod('web-0', { metadata: { labels: { app: 'web' } } }));
    api.flush();
    const seen: string[] = [];
    api.watch('pods', 'default', { labelSelector: 'tier=front' }, (ev: WatchEvent<KubeObject>) => seen.push(`${ev.type} ${ev.object.metadata.name}`));
    api.patch('pods', 'default', 'web-0', { metadata: { labels: { tier: 'front' } } }, 'merge');
    api.patch('pods', 'default', 'web-0', { metadata: { annotations: { a: 'b' } } }, 'merge');
    api.patch('pods', 'default', 'web-0', { metadata: { labels: { tier: null } } }, 'merge');
    api.flush();
    expect(seen).toEqual(['ADDED web-0', 'MODIFIED web-0', 'DELETED web-0']);
  });
});

describe('object limits', () => {
  it('answers like a ResourceQuota once a resource is full', () => {
    const { api } = newServer({ pods: 2 });
    api.create('pods', 'default', pod('a'));
    api.create('pods', 'default', pod('b'));
    const err = errorOf(() => api.create('pods', 'default', pod('c')));
    expect(err.code).toBe(403);
    expect(err.reason).toBe('Forbidden');
    expect(err.message).toBe('pods "c" is forbidden: exceeded quota: lab-limits, requested: pods=1, used: pods=2, limited: pods=2');
  });
});

describe('a rejected write changes nothing', () => {
  const invalidWrites: Array<[string, (api: ReturnType<typeof newServer>['api']) => unknown]> = [
    ['the seed StatefulSet', (api) => api.create('statefulsets', 'default', seedStatefulSet())],
    ['an uppercase pod name', (api) => api.create('pods', 'default', pod('podA-0'))],
    ['a pod in a missing namespace', (api) => api.create('pods', 'nowhere', pod('x'))],
    ['a volumeClaimTemplates change', (api) => api.patch('statefulsets', 'default', 'web', { spec: { volumeClaimTemplates: [] } }, 'merge')],
    ['a selector change', (api) => api.patch('statefulsets', 'default', 'web', { spec: { selector: { matchLabels: { app: 'x' } } } }, 'merge')],
    ['a negative replica count', (api) => api.patch('statefulsets', 'default', 'web', { spec: { replicas: -3 } }, 'merge')],
    ['a pod restartPolicy change', (api) => api.patch('pods', 'default', 'web-0', { spec: { restartPolicy: 'Never' } }, 'merge')],
    ['a failing JSON patch test', (api) => api.patch('pods', 'default', 'web-0', [{ op: 'test', path: '/metadata/name', value: 'no' }], 'json')],
    ['a taken ClusterIP', (api) => api.create('services', 'default', { metadata: { name: 'dup' }, spec: { clusterIP: api.get('services', 'default', 'nginx').spec.clusterIP, ports: [{ port: 80 }] } })],
    ['a duplicate name', (api) => api.create('pods', 'default', pod('web-0'))],
    ['a stale update', (api) => api.update('pods', 'default', { ...pod('web-0'), metadata: { name: 'web-0', resourceVersion: '1' } })],
  ];

  it('leaves the store and the resourceVersion as they were, for any sequence of rejected writes', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: invalidWrites.length - 1 }), { minLength: 1, maxLength: 6 }), (picks) => {
        const { api } = newServer();
        api.create('statefulsets', 'default', webStatefulSet());
        api.create('pods', 'default', pod('web-0'));
        api.create('services', 'default', { metadata: { name: 'nginx' }, spec: { ports: [{ port: 80 }] } });
        api.flush();
        const before = JSON.stringify(api.save());
        const events: unknown[] = [];
        for (const r of ['statefulsets', 'pods', 'services']) api.watch(r, undefined, {}, (e) => events.push(e));
        for (const i of picks) {
          const [what, write] = invalidWrites[i];
          expect(() => write(api), what).toThrow();
        }
        api.flush();
        expect(JSON.stringify(api.save())).toBe(before);
        expect(events).toEqual([]);
      }),
      { numRuns: 60 },
    );
  });
});

describe('results of writes', () => {
  it('hands a client its own copy, and the simulator\'s components the stored object when they ask (sharedResult)', () => {
    const { api } = newServer();
    const mine = api.create('pods', 'default', pod('web-0'));
    mine.metadata.labels = { changed: 'by-client' };
    expect(api.peek('pods', 'default', 'web-0')!.metadata.labels).toBeUndefined();
    const status = { ...api.peek('pods', 'default', 'web-0')!.status, phase: 'Running' };
    const shared = api.update('pods', 'default', { metadata: { name: 'web-0' }, status }, { subresource: 'status', sharedResult: true });
    expect(shared.status.phase).toBe('Running');
    expect(shared).toBe(api.peek('pods', 'default', 'web-0'));
    expect(Object.isFrozen(shared)).toBe(true);
    expect(() => { (shared as any).status = {}; }).toThrow(TypeError);
    expect(api.create('configmaps', 'default', { metadata: { name: 'x' } }, { sharedResult: true })).toBe(api.peek('configmaps', 'default', 'x'));
  });
});
