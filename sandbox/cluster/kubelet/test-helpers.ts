// Test scaffolding for the kubelet: a cluster with only the bootstrap, the kubelets and a tiny
// scheduler that binds every pending pod to one named node (the real scheduler lives elsewhere).
import type { Component, ComponentContext } from '../component.ts';
import { Cluster } from '../cluster.ts';
import { Bootstrap } from '../bootstrap.ts';
import type { Pod } from '../types.ts';
import type { KubeObject, WatchEvent } from '../api/client.ts';
import { kubeletComponents, type Kubelet } from './index.ts';

/** Binds pods without a node to `target` (or the node named in the pod's `test/node` annotation). */
export class FakeScheduler implements Component {
  readonly name = 'fake-scheduler';
  target: string;
  private ctx!: ComponentContext;

  constructor(target = 'minikube') {
    this.target = target;
  }

  start(ctx: ComponentContext): void {
    this.ctx = ctx;
    ctx.informers.for<Pod>('pods').onChange((ev) => {
      if (ev.type !== 'DELETED' && !(ev.object as Pod).spec?.nodeName) ctx.enqueue(`${ev.object.metadata.namespace}/${ev.object.metadata.name}`);
    });
  }

  sync(key: string): void {
    const [ns, name] = key.split('/');
    const pod = this.ctx.informers.for<Pod>('pods').get(ns, name);
    if (!pod || pod.spec?.nodeName || pod.metadata.deletionTimestamp) return;
    const node = pod.metadata.annotations?.['test/node'] ?? this.target;
    this.ctx.api.update('pods', ns, { metadata: { name, namespace: ns }, spec: { nodeName: node } } as KubeObject, { subresource: 'binding' });
    this.ctx.recorder('default-scheduler').event(pod, 'Normal', 'Scheduled', `Successfully assigned ${ns}/${name} to ${node}`);
  }
}

export function kubeletCluster(opts: { seed?: number; target?: string } = {}) {
  const scheduler = new FakeScheduler(opts.target);
  const cluster = Cluster.create({ seed: opts.seed ?? 1, components: (spec) => [new Bootstrap(spec), ...kubeletComponents(spec), scheduler] });
  const kubelet = cluster.component<Kubelet>('kubelet')!;
  return { cluster, kubelet, scheduler, api: cluster.api };
}

export function nginxPod(name: string, extra: Record<string, any> = {}): KubeObject {
  return {
    metadata: { name, labels: { app: 'nginx' }, ...(extra.metadata ?? {}) },
    spec: {
      terminationGracePeriodSeconds: 30, restartPolicy: 'Always',
      containers: [{ name: 'nginx', image: 'nginx', ports: [{ containerPort: 80, name: 'web' }], ...(extra.container ?? {}) }],
      ...(extra.spec ?? {}),
    },
  };
}

export function busyboxPod(name: string, command: string[], extra: Record<string, any> = {}): KubeObject {
  return {
    metadata: { name, ...(extra.metadata ?? {}) },
    spec: {
      terminationGracePeriodSeconds: 30, restartPolicy: extra.restartPolicy ?? 'Always',
      containers: [{ name: 'busybox', image: 'busybox:1.36', command, ...(extra.container ?? {}) }],
      ...(extra.spec ?? {}),
    },
  };
}

/** A PV and a claim bound to it, as the PV controller would leave them. */
export function boundClaim(cluster: Cluster, ns: string, claim: string, pv: string): void {
  const { api } = cluster;
  api.create('persistentvolumes', undefined, {
    metadata: { name: pv },
    spec: { capacity: { storage: '1Gi' }, accessModes: ['ReadWriteOnce'], persistentVolumeReclaimPolicy: 'Delete', storageClassName: 'standard', hostPath: { path: `/tmp/hostpath-provisioner/${ns}/${claim}` }, claimRef: { namespace: ns, name: claim } },
  });
  const created = api.create('persistentvolumeclaims', ns, {
    metadata: { name: claim },
    spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } }, storageClassName: 'standard', volumeName: pv },
  });
  api.update('persistentvolumeclaims', ns, { ...created, status: { phase: 'Bound', accessModes: ['ReadWriteOnce'], capacity: { storage: '1Gi' } } }, { subresource: 'status' });
  const v = api.get('persistentvolumes', undefined, pv);
  api.update('persistentvolumes', undefined, { ...v, status: { phase: 'Bound' } }, { subresource: 'status' });
}

/** Records what `kubectl get pods -w` would show: one entry per pod change. */
export function watchPods(cluster: Cluster, ns = 'default'): { at: number; type: string; pod: Pod }[] {
  const seen: { at: number; type: string; pod: Pod }[] = [];
  cluster.api.watch('pods', ns, {}, (ev: WatchEvent) => seen.push({ at: cluster.clock.now(), type: ev.type, pod: ev.object as Pod }));
  return seen;
}

/** The STATUS column of `kubectl get pods` (printers.go printPod, simplified to one container). */
export function podStatusColumn(pod: Pod): string {
  let reason = pod.status?.reason || pod.status?.phase || '';
  for (const cs of pod.status?.containerStatuses ?? []) {
    if (cs.state?.waiting?.reason) reason = cs.state.waiting.reason;
    else if (cs.state?.terminated?.reason) reason = cs.state.terminated.reason;
  }
  if (pod.metadata.deletionTimestamp && !['Succeeded', 'Failed'].includes(pod.status?.phase ?? '')) reason = 'Terminating';
  return reason;
}

export interface SeenEvent { at: number; reason: string; message: string; type: string; object: string; fieldPath?: string }

/** Every Event as it is first created, in order (aggregated repeats are not new entries). */
export function eventLog(cluster: Cluster): SeenEvent[] {
  const seen: SeenEvent[] = [];
  cluster.api.watch('events', undefined, {}, (ev: WatchEvent) => {
    if (ev.type !== 'ADDED') return;
    const e = ev.object as any;
    seen.push({ at: cluster.clock.now(), reason: e.reason, message: e.message, type: e.type, object: `${e.involvedObject.kind}/${e.involvedObject.name}`, fieldPath: e.involvedObject.fieldPath });
  });
  return seen;
}

export function condition(pod: Pod, type: string): string | undefined {
  return pod.status?.conditions?.find((c) => c.type === type)?.status;
}
