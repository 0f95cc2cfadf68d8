// Test helpers for this folder: a cluster with only the bootstrap, a small fake kubelet and the
// components under test. The fake kubelet registers the spec's nodes, posts a heartbeat every
// 10 s (nodeStatusUpdateFrequency) through the status subresource, runs the pods bound to its
// nodes (Running, Ready) and confirms their deletion, and can fall silent per node.
import { Cluster } from '../cluster.ts';
import { Bootstrap } from '../bootstrap.ts';
import type { Component, ComponentContext } from '../component.ts';
import type { ClusterSpec } from '../components.ts';
import { keyOf, splitKey } from '../informers.ts';
import type { Node, Pod } from '../types.ts';
import { nodeComponents } from './index.ts';
import { kubeletConditions } from '../kubelet/node-object.ts';

export const HEARTBEAT_MS = 10_000;

export class FakeKubelet implements Component {
  readonly name = 'kubelet';
  private ctx!: ComponentContext;
  private readonly spec: ClusterSpec;
  readonly silent = new Set<string>();

  constructor(spec: ClusterSpec) {
    this.spec = spec;
  }

  start(ctx: ComponentContext): void {
    this.ctx = ctx;
    ctx.informers.for<Pod>('pods').onChange((ev) => {
      if (ev.type !== 'DELETED' && ev.object.spec?.nodeName) ctx.enqueue(keyOf(ev.object));
    });
  }

  bootstrap(): void {
    for (const n of this.spec.nodes) {
      this.ctx.api.create('nodes', undefined, {
        metadata: { name: n.name, labels: { 'kubernetes.io/hostname': n.name, 'kubernetes.io/os': 'linux', ...(n.zone ? { 'topology.kubernetes.io/zone': n.zone } : {}) } },
        spec: {},
        status: {
          capacity: { cpu: `${n.cpuMillis}m`, memory: `${n.memoryMiB}Mi`, pods: String(n.pods) },
          allocatable: { cpu: `${n.cpuMillis}m`, memory: `${n.memoryMiB}Mi`, pods: String(n.pods) },
          conditions: this.conditions(undefined),
        },
      });
      this.ctx.setTimer(HEARTBEAT_MS, 'heartbeat', n.name);
    }
  }

  /** The kubelet stops posting status (powered off or cut off). */
  stopNode(name: string): void {
    this.silent.add(name);
  }

  /** It comes back: posts status at once and resumes its pods. */
  startNode(name: string): void {
    this.silent.delete(name);
    this.heartbeat(name);
    for (const p of this.ctx.informers.for<Pod>('pods').list()) if (p.spec?.nodeName === name) this.ctx.enqueue(keyOf(p));
  }

  onTimer(type: string, data: unknown): void {
    if (type !== 'heartbeat') return;
    const name = data as string;
    if (!this.silent.has(name)) this.heartbeat(name);
    this.ctx.setTimer(HEARTBEAT_MS, 'heartbeat', name);
  }

  sync(key: string): void {
    const [ns, name] = splitKey(key);
    const pod = this.ctx.api.peek('pods', ns, name) as Pod | undefined;
    const nodeName = pod?.spec?.nodeName;
    if (!pod || !nodeName || this.silent.has(nodeName) || !this.ctx.api.peek('nodes', undefined, nodeName)) return;
    if (pod.metadata.deletionTimestamp) {
      this.ctx.api.delete('pods', ns, name, { gracePeriodSeconds: 0 });
      return;
    }
    if (pod.status?.phase === 'Running') return;
    const now = this.ctx.clock.nowISO();
    const fresh = this.ctx.api.get<Pod>('pods', ns, name);
    fresh.status = {
      ...fresh.status,
      phase: 'Running',
      conditions: [
        ...(fresh.status?.conditions ?? []).filter((c) => c.type === 'PodScheduled'),
        { type: 'Ready', status: 'True', lastTransitionTime: now },
      ],
      containerStatuses: (fresh.spec?.containers ?? []).map((c) => ({ name: c.name, image: c.image ?? '', imageID: '', ready: true, restartCount: 0, started: true, state: { running: { startedAt: now } } })),
    };
    this.ctx.api.update('pods', ns, fresh, { subresource: 'status' });
  }

  private heartbeat(name: string): void {
    const node = this.ctx.api.peek('nodes', undefined, name) as Node | undefined;
    if (!node) return;
    const fresh = this.ctx.api.get<Node>('nodes', undefined, name);
    fresh.status = { ...fresh.status, conditions: this.conditions(fresh.status?.conditions) };
    this.ctx.api.update('nodes', undefined, fresh, { subresource: 'status' });
  }

  /** The real kubelet's conditions (kubelet/node-object.ts), with a fresh heartbeat time. */
  private conditions(prev: any[] | undefined): any[] {
    return kubeletConditions(prev, this.ctx.clock.now());
  }
}

export function testCluster(seed = 1): { c: Cluster; kubelet: FakeKubelet } {
  let kubelet!: FakeKubelet;
  const c = Cluster.create({
    seed,
    components: (spec) => {
      kubelet = new FakeKubelet(spec);
      return [new Bootstrap(spec), kubelet, ...nodeComponents(spec)];
    },
  });
  return { c, kubelet };
}

export interface PodOptions {
  cpu?: string;
  labels?: Record<string, string>;
  nodeName?: string;
  nodeSelector?: Record<string, string>;
  claims?: string[];
}

export function createPod(c: Cluster, name: string, o: PodOptions = {}): Pod {
  const pod = c.api.create<Pod>('pods', 'default', {
    metadata: { name, labels: o.labels ?? { app: name } },
    spec: {
      nodeName: o.nodeName,
      nodeSelector: o.nodeSelector,
      containers: [{ name: 'nginx', image: 'nginx', ...(o.cpu ? { resources: { requests: { cpu: o.cpu } } } : {}) }],
      volumes: (o.claims ?? []).map((cl) => ({ name: cl, persistentVolumeClaim: { claimName: cl } })),
    },
  });
  c.settle();
  return pod;
}

export function getPod(c: Cluster, name: string): Pod | undefined {
  try {
    return c.api.get<Pod>('pods', 'default', name);
  } catch {
    return undefined;
  }
}

export function events(c: Cluster, name: string, reason?: string): { reason: string; message: string; type: string; source: string; count: number }[] {
  return c.api
    .list('events', 'default')
    .items.filter((e: any) => e.involvedObject?.name === name && (!reason || e.reason === reason))
    .map((e: any) => ({ reason: e.reason, message: e.message, type: e.type, source: e.source?.component, count: e.count }));
}

export function nodeEvents(c: Cluster, name: string): { reason: string; message: string }[] {
  return c.api
    .list('events', 'default')
    .items.filter((e: any) => e.involvedObject?.kind === 'Node' && e.involvedObject?.name === name)
    .map((e: any) => ({ reason: e.reason, message: e.message }));
}

/** A PersistentVolume and a claim already bound to it, as the PV controller leaves them. */
export function boundClaim(c: Cluster, claim: string, pv: string, accessModes: string[] = ['ReadWriteOnce']): void {
  const pvc: any = c.api.create('persistentvolumeclaims', 'default', {
    metadata: { name: claim, annotations: { 'pv.kubernetes.io/bind-completed': 'yes' } },
    spec: { accessModes, resources: { requests: { storage: '1Gi' } }, volumeName: pv, storageClassName: 'standard' },
  });
  c.api.create('persistentvolumes', undefined, {
    metadata: { name: pv },
    spec: {
      accessModes, capacity: { storage: '1Gi' }, hostPath: { path: `/tmp/hostpath-provisioner/default/${claim}` },
      claimRef: { kind: 'PersistentVolumeClaim', namespace: 'default', name: claim, uid: pvc.metadata.uid },
      persistentVolumeReclaimPolicy: 'Delete', storageClassName: 'standard',
    },
  });
  c.settle();
}
