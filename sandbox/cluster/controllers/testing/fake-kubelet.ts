// Tests only: a stand-in for the scheduler and kubelets so the workload controllers can be
// exercised alone. It binds pending pods to one node, marks them Running and Ready through the
// status subresource after a delay, finishes graceful deletions after a shorter one, and can make
// a pod unready, ready again or Failed on demand. It also stands in for the pvc-protection
// controller: a terminating claim loses `kubernetes.io/pvc-protection` once no pod uses it.
import type { Component, ComponentContext } from '../../component.ts';
import { keyOf, splitKey, type Informer } from '../../informers.ts';
import type { PersistentVolumeClaim, Pod, PodCondition } from '../../types.ts';
import { isNotFound } from '../controller-utils.ts';

export interface FakeKubeletOptions {
  node?: string;
  /** From the pod's creation until it is Running and Ready. */
  startDelayMs?: number;
  /** From the delete request until the pod object is removed (grace periods are cut to this). */
  stopDelayMs?: number;
}

export class FakeKubelet implements Component {
  readonly name = 'fake-kubelet';
  private ctx!: ComponentContext;
  private pods!: Informer<Pod>;
  private readonly node: string;
  private readonly startDelayMs: number;
  private readonly stopDelayMs: number;
  /** uid → virtual ms when first seen / when its deletion was first seen. */
  private seen: Record<string, number> = {};
  private deleting: Record<string, number> = {};
  /** `ns/name` of pods that never become ready (a bad image, a failing probe). */
  private broken = new Set<string>();

  constructor(opts: FakeKubeletOptions = {}) {
    this.node = opts.node ?? 'node-1';
    this.startDelayMs = opts.startDelayMs ?? 2000;
    this.stopDelayMs = opts.stopDelayMs ?? 1000;
  }

  start(ctx: ComponentContext): void {
    this.ctx = ctx;
    this.pods = ctx.informers.for<Pod>('pods');
    this.pods.onChange((ev) => {
      if (ev.type !== 'DELETED') ctx.enqueue(keyOf(ev.object));
      else for (const v of ev.object.spec?.volumes ?? []) if (v.persistentVolumeClaim) ctx.enqueue(`pvc:${ev.object.metadata.namespace}/${v.persistentVolumeClaim.claimName}`);
    });
    ctx.informers.for<PersistentVolumeClaim>('persistentvolumeclaims').onChange((ev) => {
      if (ev.type !== 'DELETED' && ev.object.metadata.deletionTimestamp) ctx.enqueue(`pvc:${keyOf(ev.object)}`);
    });
  }

  private syncClaim(key: string): void {
    const [ns, name] = splitKey(key);
    const claim = this.ctx.informers.for<PersistentVolumeClaim>('persistentvolumeclaims').get(ns, name);
    const finalizers = claim?.metadata.finalizers ?? [];
    if (!claim?.metadata.deletionTimestamp || !finalizers.includes('kubernetes.io/pvc-protection')) return;
    const used = this.pods.list(ns).some((p) => p.spec?.volumes?.some((v) => v.persistentVolumeClaim?.claimName === name));
    if (used) return;
    const rest = finalizers.filter((f) => f !== 'kubernetes.io/pvc-protection');
    this.ctx.api.patch('persistentvolumeclaims', ns, name, { metadata: { finalizers: rest.length ? rest : null } }, 'merge');
  }

  sync(key: string): void {
    if (key.startsWith('pvc:')) return this.syncClaim(key.slice(4));
    const [ns, name] = splitKey(key);
    const pod = this.pods.get(ns, name);
    if (!pod) return;
    const uid = pod.metadata.uid!;
    const now = this.ctx.clock.now();
    const { api } = this.ctx;
    if (pod.metadata.deletionTimestamp) {
      const since = (this.deleting[uid] ??= now);
      const due = since + Math.min(this.stopDelayMs, (pod.metadata.deletionGracePeriodSeconds ?? 0) * 1000);
      if (now < due) return this.ctx.enqueue(key, due - now);
      try {
        api.delete('pods', ns, name, { gracePeriodSeconds: 0, preconditions: { uid } });
      } catch (e) {
        if (!isNotFound(e)) throw e;
      }
      delete this.seen[uid];
      delete this.deleting[uid];
      return;
    }
    if (!pod.spec?.nodeName) {
      api.update('pods', ns, { metadata: { name, namespace: ns }, spec: { nodeName: this.node } } as Pod, { subresource: 'binding' });
      return;
    }
    const phase = pod.status?.phase;
    if (phase === 'Running' || phase === 'Failed' || phase === 'Succeeded') return;
    const since = (this.seen[uid] ??= now);
    if (!phase) this.writeStatus(pod, 'Pending', false);
    if (this.broken.has(key)) return;
    if (now < since + this.startDelayMs) return this.ctx.enqueue(key, since + this.startDelayMs - now);
    this.writeStatus(pod, 'Running', true);
  }

  /** Makes a running pod unready (a failing readiness probe) or ready again. */
  setReady(namespace: string, name: string, ready: boolean): void {
    const key = `${namespace}/${name}`;
    if (ready) this.broken.delete(key);
    else this.broken.add(key);
    const pod = this.pods.get(namespace, name);
    if (pod && pod.status?.phase === 'Running') this.writeStatus(pod, 'Running', ready);
    else if (pod) this.ctx.enqueue(key);
  }

  /** A pod that will never become ready, even if created later (e.g. ImagePullBackOff). */
  breakPod(namespace: string, name: string): void {
    this.setReady(namespace, name, false);
  }

  /** The pod's phase becomes Failed (evicted, or its node rebooted). */
  fail(namespace: string, name: string): void {
    const pod = this.pods.get(namespace, name);
    if (pod) this.writeStatus(pod, 'Failed', false);
  }

  private writeStatus(pod: Pod, phase: string, ready: boolean): void {
    const now = this.ctx.clock.nowISO();
    const fresh = this.ctx.api.get<Pod>('pods', pod.metadata.namespace, pod.metadata.name!);
    const old = fresh.status?.conditions ?? [];
    const cond = (type: string, status: boolean): PodCondition => {
      const prev = old.find((c) => c.type === type);
      const s = status ? 'True' : 'False';
      return { type, status: s, lastProbeTime: null as any, lastTransitionTime: prev?.status === s ? prev.lastTransitionTime : now };
    };
    const started = phase !== 'Pending';
    fresh.status = {
      ...fresh.status,
      phase,
      conditions: [cond('Initialized', started), cond('Ready', ready), cond('ContainersReady', ready), cond('PodScheduled', true)],
      hostIP: '192.168.49.2',
      podIP: fresh.status?.podIP ?? `10.244.0.${2 + (Object.keys(this.seen).length % 250)}`,
      startTime: fresh.status?.startTime ?? now,
    };
    this.ctx.api.update('pods', fresh.metadata.namespace, fresh, { subresource: 'status' });
  }

  save(): unknown {
    return { seen: this.seen, deleting: this.deleting, broken: [...this.broken] };
  }

  load(state: unknown): void {
    const s = state as { seen: Record<string, number>; deleting: Record<string, number>; broken: string[] };
    this.seen = { ...s.seen };
    this.deleting = { ...s.deleting };
    this.broken = new Set(s.broken);
  }
}
