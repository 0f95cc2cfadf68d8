// Tests only: a cluster of just the workload controllers and a fake kubelet, and small readers.
import { Cluster } from '../../cluster.ts';
import { Bootstrap } from '../../bootstrap.ts';
import type { Event, Pod, StatefulSet } from '../../types.ts';
import type { KubeObject } from '../../api/client.ts';
import { workloadControllers } from '../index.ts';
import { FakeKubelet, type FakeKubeletOptions } from './fake-kubelet.ts';

export function workloadCluster(opts: { seed?: number; kubelet?: FakeKubeletOptions } = {}): { c: Cluster; kubelet: FakeKubelet } {
  const c = Cluster.create({
    seed: opts.seed ?? 1,
    components: (spec) => [new Bootstrap(spec), new FakeKubelet(opts.kubelet), ...workloadControllers(spec)],
  });
  return { c, kubelet: c.component<FakeKubelet>('fake-kubelet')! };
}

/** The tutorial's `web` StatefulSet (kubernetes/website web.yaml), with overrides. */
export function webStatefulSet(spec: Record<string, unknown> = {}, name = 'web'): StatefulSet {
  return {
    apiVersion: 'apps/v1', kind: 'StatefulSet',
    metadata: { name, namespace: 'default' },
    spec: {
      serviceName: 'nginx', replicas: 3,
      selector: { matchLabels: { app: 'nginx' } },
      template: {
        metadata: { labels: { app: 'nginx' } },
        spec: { containers: [{ name: 'nginx', image: 'registry.k8s.io/nginx-slim:0.21', ports: [{ containerPort: 80, name: 'web' }], volumeMounts: [{ name: 'www', mountPath: '/usr/share/nginx/html' }] }] },
      },
      volumeClaimTemplates: [{ metadata: { name: 'www' }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } } }],
      ...spec,
    } as StatefulSet['spec'],
  };
}

export function names(c: Cluster, resource: string, ns = 'default'): string[] {
  return c.api.list(resource, ns).items.map((o) => o.metadata.name!).sort(byOrdinalName);
}

/** web-2 before web-10. */
export function byOrdinalName(a: string, b: string): number {
  const ma = /^(.*)-(\d+)$/.exec(a);
  const mb = /^(.*)-(\d+)$/.exec(b);
  if (ma && mb && ma[1] === mb[1]) return Number(ma[2]) - Number(mb[2]);
  return a < b ? -1 : a > b ? 1 : 0;
}

export function pod(c: Cluster, name: string, ns = 'default'): Pod {
  return c.api.get<Pod>('pods', ns, name);
}

export function podIfAny(c: Cluster, name: string, ns = 'default'): Pod | undefined {
  return c.api.peek('pods', ns, name) as Pod | undefined;
}

export function sts(c: Cluster, name = 'web', ns = 'default'): StatefulSet {
  return c.api.get<StatefulSet>('statefulsets', ns, name);
}

/** Messages of the events about one object, oldest first. */
export function eventMessages(c: Cluster, name: string, ns = 'default'): string[] {
  return c.api.list<Event>('events', ns).items
    .filter((e) => e.involvedObject.name === name)
    .sort((a, b) => Number(a.metadata.resourceVersion) - Number(b.metadata.resourceVersion))
    .map((e) => `${e.type} ${e.reason} ${e.message}`);
}

/** Advances in steps until cond holds (or throws after maxMs of virtual time). */
export function advanceUntil(c: Cluster, cond: () => boolean, maxMs = 600_000, stepMs = 500): number {
  const start = c.clock.now();
  while (!cond()) {
    if (c.clock.now() - start > maxMs) throw new Error(`condition not met within ${maxMs} ms`);
    c.advance(stepMs);
  }
  return c.clock.now() - start;
}

/** Records watch events on a resource as `ADDED web-0` lines with the virtual time. */
export function recordWatch(c: Cluster, resource: string): { type: string; name: string; at: number; obj: KubeObject }[] {
  const log: { type: string; name: string; at: number; obj: KubeObject }[] = [];
  c.api.watch(resource, 'default', {}, (ev) => log.push({ type: ev.type, name: ev.object.metadata.name!, at: c.clock.now(), obj: ev.object }));
  return log;
}

export function isReady(p: Pod | undefined): boolean {
  return !!p && p.status?.phase === 'Running' && !!p.status.conditions?.some((x) => x.type === 'Ready' && x.status === 'True');
}
