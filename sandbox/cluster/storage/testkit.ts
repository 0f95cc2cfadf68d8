// Test helpers for the storage, endpoint and network tests: a cluster with only the bootstrap,
// this folder's components and a fake kubelet, and pods placed by hand (no scheduler, no real
// kubelet): a pod is created on a node, then given an IP and a Ready condition through the
// status subresource, as a kubelet would report it.
import { Cluster } from '../cluster.ts';
import { Bootstrap } from '../bootstrap.ts';
import type { Component } from '../component.ts';
import type { HttpRequest, HttpResponse, NetError } from '../runtime-api.ts';
import type { Pod } from '../types.ts';
import { storageAndServiceControllers } from './index.ts';

/** Answers every request with `<pod>:<port> <method> <path>`; refuses pods listed in `down`. */
export class FakeKubelet implements Component {
  readonly name = 'kubelet';
  readonly down = new Set<string>();
  readonly requests: { namespace: string; pod: string; port: number; req: HttpRequest }[] = [];
  start(): void {}
  serveHttp(namespace: string, pod: string, port: number, req: HttpRequest): HttpResponse | NetError {
    this.requests.push({ namespace, pod, port, req });
    if (this.down.has(pod)) return { error: 'refused', host: pod, port };
    return { status: 200, headers: { 'content-type': 'text/plain' }, body: `${pod}:${port} ${req.method} ${req.path}` };
  }
}

export function testCluster(seed = 1): { c: Cluster; kubelet: FakeKubelet } {
  const kubelet = new FakeKubelet();
  const c = Cluster.create({ seed, components: (spec) => [new Bootstrap(spec), kubelet, ...storageAndServiceControllers(spec)] });
  return { c, kubelet };
}

export interface PodOptions {
  namespace?: string;
  labels?: Record<string, string>;
  ip?: string;
  ready?: boolean;
  node?: string;
  hostname?: string;
  subdomain?: string;
  claims?: string[];
  ports?: { name?: string; containerPort: number }[];
}

/** A pod bound to a node, Running, with an IP and (by default) Ready. */
export function runPod(c: Cluster, name: string, o: PodOptions = {}): Pod {
  const ns = o.namespace ?? 'default';
  c.api.create('pods', ns, {
    metadata: { name, namespace: ns, labels: o.labels ?? {} },
    spec: {
      nodeName: o.node ?? 'minikube',
      hostname: o.hostname,
      subdomain: o.subdomain,
      containers: [{ name: 'nginx', image: 'nginx', ports: o.ports ?? [{ name: 'web', containerPort: 80 }] }],
      volumes: (o.claims ?? []).map((cl) => ({ name: cl, persistentVolumeClaim: { claimName: cl } })),
    },
  });
  if (o.ip) setPodStatus(c, ns, name, o.ip, o.ready ?? true);
  c.settle();
  return c.api.get('pods', ns, name);
}

export function setPodStatus(c: Cluster, ns: string, name: string, ip: string, ready: boolean): void {
  const pod = c.api.get<Pod>('pods', ns, name);
  const now = c.clock.nowISO();
  pod.status = {
    ...pod.status,
    phase: 'Running',
    podIP: ip,
    podIPs: [{ ip }],
    conditions: [
      { type: 'Ready', status: ready ? 'True' : 'False', lastTransitionTime: now },
      { type: 'ContainersReady', status: ready ? 'True' : 'False', lastTransitionTime: now },
    ],
  };
  c.api.update('pods', ns, pod, { subresource: 'status' });
  c.settle();
}

/** A headless Service `nginx` with port `web` (80), as in the StatefulSet tutorial's web.yaml. */
export function headlessNginx(c: Cluster, extra: Record<string, unknown> = {}): void {
  c.api.create('services', 'default', {
    metadata: { name: 'nginx', labels: { app: 'nginx' } },
    spec: { clusterIP: 'None', selector: { app: 'nginx' }, ports: [{ name: 'web', port: 80 }], ...extra },
  });
  c.settle();
}

/** The tutorial's three StatefulSet pods web-0..2 under `nginx`, at 10.244.0.10+i. */
export function webPods(c: Cluster, n = 3, ready = true): void {
  for (let i = 0; i < n; i++) {
    runPod(c, `web-${i}`, { labels: { app: 'nginx' }, hostname: `web-${i}`, subdomain: 'nginx', ip: `10.244.0.${10 + i}`, ready });
  }
}

export function eventsFor(c: Cluster, ns: string, name: string): { reason: string; message: string; source: string; type: string; count: number }[] {
  return c.api.list('events', ns).items
    .filter((e) => e.involvedObject?.name === name)
    .map((e) => ({ reason: e.reason, message: e.message, source: e.source?.component, type: e.type, count: e.count }));
}
