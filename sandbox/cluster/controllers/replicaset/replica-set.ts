// The ReplicaSet controller: keeps spec.replicas pods from the template, named by the API
// server from `generateName: <rs>-` (so a replacement gets a new random name), and picks which
// pods to delete on scale down by the real ranking.
// Source: kubernetes/kubernetes pkg/controller/replicaset/replica_set.go (syncReplicaSet,
// manageReplicas, getPodsToDelete), replica_set_utils.go (calculateStatus),
// pkg/controller/controller_utils.go (ActivePodsWithRanks, RealPodControl events).
import type { Component, ComponentContext } from '../../component.ts';
import type { Informer } from '../../informers.ts';
import { keyOf, splitKey } from '../../informers.ts';
import type { Pod, ReplicaSet } from '../../types.ts';
import type { EventRecorder } from '../../events.ts';
import { clone } from '../../api/clone.ts';
import { parseRFC3339 } from '../../clock.ts';
import {
  claimObjects, errorText, getControllerOf, InstantCoalescer, getPodFromTemplate, isConflict, isNotFound, isPodActive, isPodAvailable,
  isPodReady, newControllerRef, RateLimiter, selectorMatches, type GroupVersionKind,
} from '../controller-utils.ts';
import { slowStartBatch } from '../statefulset/stateful-set-control.ts';

export const replicaSetKind: GroupVersionKind = { apiVersion: 'apps/v1', kind: 'ReplicaSet' };

/** Most pods one sync creates or deletes (BurstReplicas). */
export const BurstReplicas = 500;

export class ReplicaSetController implements Component {
  readonly name = 'replicaset-controller';
  private ctx!: ComponentContext;
  private sets!: Informer<ReplicaSet>;
  private pods!: Informer<Pod>;
  private recorder!: EventRecorder;
  private limiter = new RateLimiter();
  private coalescer = new InstantCoalescer();

  start(ctx: ComponentContext): void {
    this.ctx = ctx;
    this.sets = ctx.informers.for<ReplicaSet>('replicasets');
    this.pods = ctx.informers.for<Pod>('pods');
    this.recorder = ctx.recorder('replicaset-controller');
    this.sets.onChange((ev) => ctx.enqueue(keyOf(ev.object)));
    this.pods.onChange((ev, old) => {
      const pod = ev.object as Pod;
      const ref = getControllerOf(pod);
      const oldRef = old ? getControllerOf(old) : undefined;
      for (const r of [oldRef, ref]) {
        if (r?.kind !== 'ReplicaSet') continue;
        const rs = this.sets.get(pod.metadata.namespace, r.name);
        if (rs?.metadata.uid === r.uid) this.coalescer.enqueue(ctx, keyOf(rs));
      }
      if (!ref && ev.type !== 'DELETED') {
        for (const rs of this.sets.list(pod.metadata.namespace)) {
          if (selectorMatches(rs.spec?.selector, pod.metadata.labels)) this.coalescer.enqueue(ctx, keyOf(rs));
        }
      }
    });
  }

  onTimer(type: string, key: unknown): void {
    if (type !== 'coalesced-sync') return;
    this.coalescer.fired(key as string);
    this.ctx.enqueue(key as string);
  }

  sync(key: string): void {
    this.coalescer.synced(this.ctx.clock.now(), key);
    const [ns, name] = splitKey(key);
    const rs = this.sets.get(ns, name);
    if (!rs) {
      this.limiter.forget(key);
      return;
    }
    try {
      this.syncReplicaSet(key, rs);
      this.limiter.forget(key);
    } catch {
      this.ctx.enqueue(key, this.limiter.when(key));
    }
  }

  private syncReplicaSet(key: string, rs: ReplicaSet): void {
    const all = this.pods.list(rs.metadata.namespace).sort((a, b) => (a.metadata.name! < b.metadata.name! ? -1 : 1));
    const active = all.filter(isPodActive);
    const pods = claimObjects(this.ctx.api, 'pods', rs, replicaSetKind, active,
      (p) => selectorMatches(rs.spec?.selector, p.metadata.labels), () => this.canAdopt(rs));
    let manageErr: unknown;
    if (!rs.metadata.deletionTimestamp) {
      try {
        this.manageReplicas(pods, all, rs);
      } catch (e) {
        manageErr = e;
      }
    }
    const status = calculateStatus(rs, pods, this.ctx.clock.now());
    const updated = this.updateReplicaSetStatus(rs, status);
    const minReadySeconds = rs.spec?.minReadySeconds ?? 0;
    const replicas = rs.spec?.replicas ?? 1;
    if (!manageErr && minReadySeconds > 0 && (updated.readyReplicas ?? 0) === replicas && (updated.availableReplicas ?? 0) !== replicas) {
      this.ctx.enqueue(key, minReadySeconds * 1000);
    }
    if (manageErr) throw manageErr;
  }

  /** Creates or deletes pods so that spec.replicas active pods exist. */
  private manageReplicas(pods: Pod[], all: Pod[], rs: ReplicaSet): void {
    const diff = pods.length - (rs.spec?.replicas ?? 1);
    if (diff < 0) {
      const n = Math.min(-diff, BurstReplicas);
      const err = slowStartBatch(1, n, () => {
        const pod = getPodFromTemplate(rs.spec?.template, rs, newControllerRef(rs, replicaSetKind));
        try {
          const created = this.ctx.api.create<Pod>('pods', rs.metadata.namespace, pod);
          this.recorder.event(rs, 'Normal', 'SuccessfulCreate', `Created pod: ${created.metadata.name}`);
        } catch (e) {
          this.recorder.event(rs, 'Warning', 'FailedCreate', `Error creating: ${errorText(e)}`);
          throw e;
        }
      });
      if (err) throw err;
    } else if (diff > 0) {
      const related = all.filter(isPodActive);
      const victims = getPodsToDelete(pods, related, Math.min(diff, BurstReplicas), this.ctx.clock.now());
      const errs: unknown[] = [];
      for (const pod of victims) {
        try {
          this.ctx.api.delete('pods', pod.metadata.namespace, pod.metadata.name!, { preconditions: { uid: pod.metadata.uid } });
          this.recorder.event(rs, 'Normal', 'SuccessfulDelete', `Deleted pod: ${pod.metadata.name}`);
        } catch (e) {
          if (isNotFound(e)) continue;
          this.recorder.event(rs, 'Warning', 'FailedDelete', `Error deleting: ${errorText(e)}`);
          errs.push(e);
        }
      }
      if (errs.length) throw errs[0];
    }
  }

  private updateReplicaSetStatus(rs: ReplicaSet, status: ReplicaSet['status']): NonNullable<ReplicaSet['status']> {
    const same = JSON.stringify(rs.status ?? {}) === JSON.stringify(status);
    if (same) return status!;
    let obj = clone(rs);
    for (let i = 0; i < 5; i++) {
      obj.status = status;
      try {
        return this.ctx.api.update<ReplicaSet>('replicasets', obj.metadata.namespace, obj, { subresource: 'status' }).status!;
      } catch (e) {
        if (!isConflict(e)) throw e;
        obj = this.ctx.api.get<ReplicaSet>('replicasets', rs.metadata.namespace, rs.metadata.name!);
      }
    }
    return status!;
  }

  private canAdopt(rs: ReplicaSet): boolean {
    const fresh = this.ctx.api.peek('replicasets', rs.metadata.namespace, rs.metadata.name!);
    return !!fresh && fresh.metadata.uid === rs.metadata.uid && !fresh.metadata.deletionTimestamp;
  }

  save(): unknown {
    return { failures: this.limiter.failures, coalescer: this.coalescer.save() };
  }

  load(state: unknown): void {
    const s = state as { failures?: Record<string, number>; coalescer?: unknown } | undefined;
    this.limiter.failures = { ...(s?.failures ?? {}) };
    this.coalescer.load(s?.coalescer);
  }
}

/**
 * calculateStatus: replicas = claimed active pods; fullyLabeledReplicas = those carrying all the
 * template's labels; ready; available (Ready for minReadySeconds). Zero counts other than
 * replicas are omitted, as the API serialises them.
 */
export function calculateStatus(rs: ReplicaSet, pods: Pod[], now: number): NonNullable<ReplicaSet['status']> {
  const templateLabels = rs.spec?.template?.metadata?.labels ?? {};
  let fully = 0, ready = 0, available = 0;
  for (const p of pods) {
    if (Object.entries(templateLabels).every(([k, v]) => p.metadata.labels?.[k] === v)) fully++;
    if (isPodReady(p)) {
      ready++;
      if (isPodAvailable(p, rs.spec?.minReadySeconds ?? 0, now)) available++;
    }
  }
  const status: NonNullable<ReplicaSet['status']> = { replicas: pods.length };
  if (fully) status.fullyLabeledReplicas = fully;
  if (ready) status.readyReplicas = ready;
  if (available) status.availableReplicas = available;
  if (rs.metadata.generation) status.observedGeneration = rs.metadata.generation;
  if (rs.status?.conditions?.length) status.conditions = rs.status.conditions;
  return status;
}

/**
 * getPodsToDelete: the `diff` pods ranked first by ActivePodsWithRanks. Order: unscheduled
 * before scheduled; Pending before Unknown before Running; not ready before ready; lower
 * controller.kubernetes.io/pod-deletion-cost first; more pods of the same owner on its node
 * first; ready for a shorter time first; more container restarts first; newer first. Ties go by
 * name. (Simplified: the real comparison buckets the times on a log2 scale.)
 */
export function getPodsToDelete(pods: Pod[], related: Pod[], diff: number, now: number): Pod[] {
  const perNode = new Map<string, number>();
  for (const p of related) if (p.spec?.nodeName) perNode.set(p.spec.nodeName, (perNode.get(p.spec.nodeName) ?? 0) + 1);
  const rank = (p: Pod) => (p.spec?.nodeName ? perNode.get(p.spec.nodeName) ?? 0 : 0);
  const phaseOrder: Record<string, number> = { Pending: 0, Unknown: 1, Running: 2 };
  const cost = (p: Pod) => Number(p.metadata.annotations?.['controller.kubernetes.io/pod-deletion-cost'] ?? 0) || 0;
  const readySince = (p: Pod) => {
    const c = p.status?.conditions?.find((x) => x.type === 'Ready' && x.status === 'True');
    return c?.lastTransitionTime ? parseRFC3339(c.lastTransitionTime) : now;
  };
  const restarts = (p: Pod) => Math.max(0, ...(p.status?.containerStatuses ?? []).map((s) => s.restartCount ?? 0));
  const created = (p: Pod) => (p.metadata.creationTimestamp ? parseRFC3339(p.metadata.creationTimestamp) : now);
  const sorted = [...pods].sort((a, b) => {
    const sa = a.spec?.nodeName ? 1 : 0, sb = b.spec?.nodeName ? 1 : 0;
    if (sa !== sb) return sa - sb;
    const pa = phaseOrder[a.status?.phase ?? 'Pending'] ?? 0, pb = phaseOrder[b.status?.phase ?? 'Pending'] ?? 0;
    if (pa !== pb) return pa - pb;
    const ra = isPodReady(a) ? 1 : 0, rb = isPodReady(b) ? 1 : 0;
    if (ra !== rb) return ra - rb;
    if (cost(a) !== cost(b)) return cost(a) - cost(b);
    if (rank(a) !== rank(b)) return rank(b) - rank(a);
    if (ra && rb && readySince(a) !== readySince(b)) return readySince(b) - readySince(a);
    if (restarts(a) !== restarts(b)) return restarts(b) - restarts(a);
    if (created(a) !== created(b)) return created(b) - created(a);
    return a.metadata.name! < b.metadata.name! ? -1 : 1;
  });
  return sorted.slice(0, diff);
}
