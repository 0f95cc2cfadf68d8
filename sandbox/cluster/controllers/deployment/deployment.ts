// The Deployment controller: one ReplicaSet per template, named `<deployment>-<pod-template-hash>`,
// rolled with maxSurge/maxUnavailable (RollingUpdate) or all at once (Recreate).
// Source: kubernetes/kubernetes pkg/controller/deployment (deployment_controller.go syncDeployment,
// sync.go getNewReplicaSet/scaleReplicaSet/calculateStatus/cleanupDeployment, rolling.go,
// recreate.go, util/deployment_util.go) and pkg/controller/controller_utils.go ComputeHash.
// Simplified: no pause/rollback annotations, no proportional scaling of several old
// ReplicaSets mid-rollout, no progress deadline.
import type { Component, ComponentContext } from '../../component.ts';
import type { Informer } from '../../informers.ts';
import { keyOf, splitKey } from '../../informers.ts';
import type { Deployment, Pod, ReplicaSet } from '../../types.ts';
import type { EventRecorder } from '../../events.ts';
import { clone } from '../../api/clone.ts';
import {
  claimObjects, fnv32a, getControllerOf, isAlreadyExists, isConflict, newControllerRef, RateLimiter, safeEncodeString,
  selectorMatches, stableStringify, type GroupVersionKind,
} from '../controller-utils.ts';

export const deploymentKind: GroupVersionKind = { apiVersion: 'apps/v1', kind: 'Deployment' };
export const DefaultDeploymentUniqueLabelKey = 'pod-template-hash';
const RevisionAnnotation = 'deployment.kubernetes.io/revision';
const DesiredReplicasAnnotation = 'deployment.kubernetes.io/desired-replicas';
const MaxReplicasAnnotation = 'deployment.kubernetes.io/max-replicas';
/** Annotations of the Deployment not copied to its ReplicaSets (annotationsToSkip). */
const skipAnnotations = new Set(['kubectl.kubernetes.io/last-applied-configuration', RevisionAnnotation, 'deployment.kubernetes.io/revision-history', DesiredReplicasAnnotation, MaxReplicasAnnotation, 'deprecated.deployment.rollback.to']);

/** ComputeHash: FNV-1a over the template (and the collision count), safe-encoded. */
export function computeHash(template: unknown, collisionCount?: number): string {
  let s = stableStringify(template);
  if (collisionCount !== undefined) s += `#${collisionCount}`;
  return safeEncodeString(String(fnv32a(s)));
}

/** intstr.GetScaledValueFromIntOrPercent. */
function scaled(v: number | string | undefined, total: number, roundUp: boolean, dflt: string): number {
  const x = v ?? dflt;
  if (typeof x === 'number') return x;
  const pct = Number(x.replace('%', ''));
  const raw = (pct * total) / 100;
  return roundUp ? Math.ceil(raw) : Math.floor(raw);
}

/** ResolveFenceposts: maxSurge rounds up, maxUnavailable down; both 0 means 1 unavailable. */
function resolveFenceposts(d: Deployment): [number, number] {
  const ru = d.spec?.strategy?.rollingUpdate;
  const replicas = d.spec?.replicas ?? 1;
  const surge = scaled(ru?.maxSurge, replicas, true, '25%');
  let unavailable = scaled(ru?.maxUnavailable, replicas, false, '25%');
  if (surge === 0 && unavailable === 0) unavailable = 1;
  return [surge, unavailable];
}

function revisionOf(rs: ReplicaSet): number {
  return Number(rs.metadata.annotations?.[RevisionAnnotation] ?? 0) || 0;
}

function withoutHash(template: any): any {
  const t = clone(template ?? {});
  if (t.metadata?.labels) delete t.metadata.labels[DefaultDeploymentUniqueLabelKey];
  return stableStringify(t);
}

function byCreation(a: ReplicaSet, b: ReplicaSet): number {
  const ta = a.metadata.creationTimestamp ?? '', tb = b.metadata.creationTimestamp ?? '';
  if (ta !== tb) return ta < tb ? -1 : 1;
  return a.metadata.name! < b.metadata.name! ? -1 : 1;
}

/** DeploymentProgressing: more updated, ready or available pods than the last status said. */
function progressed(old: Deployment['status'], cur: NonNullable<Deployment['status']>): boolean {
  return (cur.updatedReplicas ?? 0) > (old?.updatedReplicas ?? 0) || (cur.readyReplicas ?? 0) > (old?.readyReplicas ?? 0) ||
    (cur.availableReplicas ?? 0) > (old?.availableReplicas ?? 0) || (cur.replicas ?? 0) < (old?.replicas ?? 0);
}

const sum = (list: ReplicaSet[], f: (rs: ReplicaSet) => number | undefined) => list.reduce((n, rs) => n + (f(rs) ?? 0), 0);

export class DeploymentController implements Component {
  readonly name = 'deployment-controller';
  private ctx!: ComponentContext;
  private deployments!: Informer<Deployment>;
  private replicaSets!: Informer<ReplicaSet>;
  private pods!: Informer<Pod>;
  private recorder!: EventRecorder;
  private limiter = new RateLimiter();

  start(ctx: ComponentContext): void {
    this.ctx = ctx;
    this.deployments = ctx.informers.for<Deployment>('deployments');
    this.replicaSets = ctx.informers.for<ReplicaSet>('replicasets');
    this.pods = ctx.informers.for<Pod>('pods');
    this.recorder = ctx.recorder('deployment-controller');
    this.deployments.onChange((ev) => ctx.enqueue(keyOf(ev.object)));
    this.replicaSets.onChange((ev) => {
      const rs = ev.object as ReplicaSet;
      const ref = getControllerOf(rs);
      if (ref) return this.enqueueOwner(rs.metadata.namespace!, ref);
      for (const d of this.deployments.list(rs.metadata.namespace)) {
        if (selectorMatches(d.spec?.selector, rs.metadata.labels)) ctx.enqueue(keyOf(d));
      }
    });
    // Recreate waits for the old pods to be gone.
    this.pods.onChange((ev) => {
      if (ev.type !== 'DELETED') return;
      const ref = getControllerOf(ev.object);
      const rs = ref?.kind === 'ReplicaSet' ? this.replicaSets.get(ev.object.metadata.namespace, ref.name) : undefined;
      const owner = rs ? getControllerOf(rs) : undefined;
      if (owner) this.enqueueOwner(rs!.metadata.namespace!, owner);
    });
  }

  private enqueueOwner(ns: string, ref: { kind: string; name: string; uid: string }): void {
    if (ref.kind !== 'Deployment') return;
    const d = this.deployments.get(ns, ref.name);
    if (d?.metadata.uid === ref.uid) this.ctx.enqueue(keyOf(d));
  }

  sync(key: string): void {
    const [ns, name] = splitKey(key);
    const cached = this.deployments.get(ns, name);
    if (!cached) {
      this.limiter.forget(key);
      return;
    }
    try {
      this.syncDeployment(cached);
      this.limiter.forget(key);
    } catch {
      this.ctx.enqueue(key, this.limiter.when(key));
    }
  }

  private syncDeployment(cached: Deployment): void {
    const d = clone(cached);
    d.spec = d.spec ?? ({} as any);
    d.spec!.replicas ??= 1;
    d.spec!.strategy ??= { type: 'RollingUpdate' };
    d.spec!.strategy.type ??= 'RollingUpdate';
    d.spec!.revisionHistoryLimit ??= 10;
    const all = this.replicaSets.list(d.metadata.namespace).sort(byCreation);
    const rsList = claimObjects(this.ctx.api, 'replicasets', d, deploymentKind, all,
      (rs) => selectorMatches(d.spec?.selector, rs.metadata.labels), () => {
        const fresh = this.ctx.api.peek('deployments', d.metadata.namespace, d.metadata.name!);
        return !!fresh && fresh.metadata.uid === d.metadata.uid && !fresh.metadata.deletionTimestamp;
      });
    if (d.metadata.deletionTimestamp) {
      const newRS = this.findNewReplicaSet(d, rsList);
      this.syncStatus(d, rsList, newRS);
      return;
    }
    if (d.spec!.strategy.type === 'Recreate') this.rolloutRecreate(d, rsList);
    else this.rolloutRolling(d, rsList);
  }

  /** FindNewReplicaSet: the oldest ReplicaSet whose template equals the Deployment's (hash aside). */
  private findNewReplicaSet(d: Deployment, rsList: ReplicaSet[]): ReplicaSet | undefined {
    const want = withoutHash(d.spec?.template);
    return rsList.find((rs) => withoutHash(rs.spec?.template) === want);
  }

  /** getNewReplicaSet: finds or creates the ReplicaSet of the current template, with its revision. */
  private getNewReplicaSet(d: Deployment, rsList: ReplicaSet[], olds: ReplicaSet[], initialReplicas: number): ReplicaSet {
    const maxOld = Math.max(0, ...olds.map(revisionOf));
    const revision = String(maxOld + 1);
    const existing = this.findNewReplicaSet(d, rsList);
    if (existing) {
      if (existing.metadata.annotations?.[RevisionAnnotation] !== revision && revisionOf(existing) < maxOld + 1) {
        const rs = clone(existing);
        rs.metadata.annotations = { ...rs.metadata.annotations, [RevisionAnnotation]: revision };
        this.setDeploymentRevision(d, revision);
        return this.ctx.api.update<ReplicaSet>('replicasets', rs.metadata.namespace, rs);
      }
      this.setDeploymentRevision(d, existing.metadata.annotations?.[RevisionAnnotation] ?? revision);
      return existing;
    }
    const template = clone(d.spec!.template);
    const hash = computeHash(template, d.status?.collisionCount);
    template.metadata = { ...template.metadata, labels: { ...(template.metadata?.labels ?? {}), [DefaultDeploymentUniqueLabelKey]: hash } };
    const annotations: Record<string, string> = {};
    for (const [k, v] of Object.entries(d.metadata.annotations ?? {})) if (!skipAnnotations.has(k)) annotations[k] = v;
    const [surge] = resolveFenceposts(d);
    annotations[DesiredReplicasAnnotation] = String(d.spec!.replicas);
    annotations[MaxReplicasAnnotation] = String(d.spec!.replicas! + (d.spec!.strategy?.type === 'RollingUpdate' ? surge : 0));
    annotations[RevisionAnnotation] = revision;
    const rs: ReplicaSet = {
      apiVersion: 'apps/v1', kind: 'ReplicaSet',
      metadata: {
        name: `${d.metadata.name}-${hash}`, namespace: d.metadata.namespace,
        labels: template.metadata.labels, annotations, ownerReferences: [newControllerRef(d, deploymentKind)],
      },
      spec: {
        replicas: initialReplicas,
        minReadySeconds: d.spec!.minReadySeconds ?? 0,
        selector: { ...d.spec!.selector, matchLabels: { ...(d.spec!.selector?.matchLabels ?? {}), [DefaultDeploymentUniqueLabelKey]: hash } },
        template,
      },
    };
    let created: ReplicaSet;
    try {
      created = this.ctx.api.create<ReplicaSet>('replicasets', d.metadata.namespace, rs);
    } catch (e) {
      if (isAlreadyExists(e)) {
        // A hash collision: count it so the next name differs (status.collisionCount).
        const fresh = this.ctx.api.get<Deployment>('deployments', d.metadata.namespace, d.metadata.name!);
        fresh.status = { ...fresh.status, collisionCount: (fresh.status?.collisionCount ?? 0) + 1 };
        this.ctx.api.update('deployments', d.metadata.namespace, fresh, { subresource: 'status' });
      }
      throw e;
    }
    if (initialReplicas > 0) {
      this.recorder.event(d, 'Normal', 'ScalingReplicaSet', `Scaled up replica set ${created.metadata.name} from 0 to ${initialReplicas}`);
    }
    this.setDeploymentRevision(d, revision);
    this.setCondition(d, 'Progressing', 'True', 'NewReplicaSetCreated', `Created new replica set "${created.metadata.name}"`);
    return created;
  }

  private setDeploymentRevision(d: Deployment, revision: string): void {
    if (d.metadata.annotations?.[RevisionAnnotation] === revision) return;
    const fresh = this.ctx.api.get<Deployment>('deployments', d.metadata.namespace, d.metadata.name!);
    fresh.metadata.annotations = { ...fresh.metadata.annotations, [RevisionAnnotation]: revision };
    const out = this.ctx.api.update<Deployment>('deployments', d.metadata.namespace, fresh);
    d.metadata.annotations = out.metadata.annotations;
    d.metadata.resourceVersion = out.metadata.resourceVersion;
  }

  /** rolling.go rolloutRolling. */
  private rolloutRolling(d: Deployment, rsList: ReplicaSet[]): void {
    const existingNew = this.findNewReplicaSet(d, rsList);
    const olds = rsList.filter((rs) => rs !== existingNew);
    const newRS = existingNew ?? this.getNewReplicaSet(d, rsList, olds, this.newRSNewReplicas(d, rsList, undefined));
    if (existingNew) this.getNewReplicaSet(d, rsList, olds, 0);
    const allRSs = [...olds, newRS];
    // Scale up the new ReplicaSet as far as maxSurge allows.
    const replicas = d.spec!.replicas!;
    if ((newRS.spec?.replicas ?? 0) !== replicas) {
      const target = (newRS.spec?.replicas ?? 0) > replicas ? replicas : this.newRSNewReplicas(d, allRSs, newRS);
      if (this.scaleReplicaSet(newRS, target, d)) return this.syncStatus(d, allRSs, newRS);
    }
    // Scale down old ReplicaSets as far as maxUnavailable allows.
    if (this.reconcileOldReplicaSets(allRSs, olds, newRS, d)) return this.syncStatus(d, allRSs, newRS);
    this.cleanupDeployment(d, olds);
    this.syncStatus(d, allRSs, newRS);
  }

  /** NewRSNewReplicas for RollingUpdate: up to replicas + maxSurge pods in all. */
  private newRSNewReplicas(d: Deployment, allRSs: ReplicaSet[], newRS: ReplicaSet | undefined): number {
    const replicas = d.spec!.replicas!;
    const current = newRS?.spec?.replicas ?? 0;
    const [surge] = resolveFenceposts(d);
    const podCount = sum(allRSs, (rs) => rs.spec?.replicas);
    const maxTotal = replicas + surge;
    if (podCount >= maxTotal) return current;
    return current + Math.min(maxTotal - podCount, replicas - current);
  }

  private reconcileOldReplicaSets(allRSs: ReplicaSet[], olds: ReplicaSet[], newRS: ReplicaSet, d: Deployment): boolean {
    const oldPods = sum(olds, (rs) => rs.spec?.replicas);
    if (oldPods === 0) return false;
    const allPods = sum(allRSs, (rs) => rs.spec?.replicas);
    const [, maxUnavailable] = resolveFenceposts(d);
    const minAvailable = d.spec!.replicas! - maxUnavailable;
    const newUnavailable = (newRS.spec?.replicas ?? 0) - (newRS.status?.availableReplicas ?? 0);
    let maxScaledDown = allPods - minAvailable - newUnavailable;
    if (maxScaledDown <= 0) return false;
    let total = 0;
    const reps = new Map(olds.map((rs) => [rs.metadata.uid!, rs.spec?.replicas ?? 0]));
    // cleanupUnhealthyReplicas: old pods that are not available go first.
    for (const rs of [...olds].sort(byCreation)) {
      if (total >= maxScaledDown) break;
      const n0 = reps.get(rs.metadata.uid!)!;
      const unhealthy = n0 - (rs.status?.availableReplicas ?? 0);
      if (!n0 || unhealthy <= 0) continue;
      const n = Math.min(maxScaledDown - total, unhealthy);
      this.scaleReplicaSet(rs, n0 - n, d);
      reps.set(rs.metadata.uid!, n0 - n);
      total += n;
    }
    maxScaledDown -= total;
    // scaleDownOldReplicaSetsForRollingUpdate: keep minAvailable available pods.
    const available = sum(allRSs, (rs) => rs.status?.availableReplicas);
    if (available > minAvailable && maxScaledDown > 0) {
      const budget = Math.min(available - minAvailable, maxScaledDown);
      let done = 0;
      for (const rs of [...olds].sort(byCreation)) {
        if (done >= budget) break;
        const n0 = reps.get(rs.metadata.uid!)!;
        if (!n0) continue;
        const n = Math.min(n0, budget - done);
        this.scaleReplicaSet({ ...rs, spec: { ...rs.spec, replicas: n0 } } as ReplicaSet, n0 - n, d);
        done += n;
      }
      total += done;
    }
    return total > 0;
  }

  /** recreate.go: old ReplicaSets to zero, wait for their pods to go, then the new one up. */
  private rolloutRecreate(d: Deployment, rsList: ReplicaSet[]): void {
    const existingNew = this.findNewReplicaSet(d, rsList);
    const olds = rsList.filter((rs) => rs !== existingNew);
    let scaledDown = false;
    for (const rs of olds) if ((rs.spec?.replicas ?? 0) !== 0 && this.scaleReplicaSet(rs, 0, d)) scaledDown = true;
    if (scaledDown) return this.syncStatus(d, rsList, existingNew);
    const oldUids = new Set(olds.map((rs) => rs.metadata.uid));
    const oldPodsRunning = this.pods.list(d.metadata.namespace).some((p) => {
      const ref = getControllerOf(p);
      return ref && oldUids.has(ref.uid) && p.status?.phase !== 'Failed' && p.status?.phase !== 'Succeeded';
    });
    if (oldPodsRunning) return this.syncStatus(d, rsList, existingNew);
    const newRS = existingNew ?? this.getNewReplicaSet(d, rsList, olds, 0);
    if (existingNew) this.getNewReplicaSet(d, rsList, olds, 0);
    this.scaleReplicaSet(newRS, d.spec!.replicas!, d);
    this.cleanupDeployment(d, olds);
    this.syncStatus(d, [...olds, newRS], newRS);
  }

  /** scaleReplicaSet: writes replicas and the desired/max annotations; records ScalingReplicaSet. */
  private scaleReplicaSet(rs: ReplicaSet, newScale: number, d: Deployment): boolean {
    const [surge] = resolveFenceposts(d);
    const desired = String(d.spec!.replicas);
    const max = String(d.spec!.replicas! + (d.spec!.strategy?.type === 'RollingUpdate' ? surge : 0));
    const oldScale = rs.spec?.replicas ?? 0;
    const annotationsOk = rs.metadata.annotations?.[DesiredReplicasAnnotation] === desired && rs.metadata.annotations?.[MaxReplicasAnnotation] === max;
    if (oldScale === newScale && annotationsOk) return false;
    const next = clone(rs);
    next.spec!.replicas = newScale;
    next.metadata.annotations = { ...next.metadata.annotations, [DesiredReplicasAnnotation]: desired, [MaxReplicasAnnotation]: max };
    this.ctx.api.update('replicasets', next.metadata.namespace, next);
    if (oldScale !== newScale) {
      this.recorder.event(d, 'Normal', 'ScalingReplicaSet', `Scaled ${oldScale < newScale ? 'up' : 'down'} replica set ${rs.metadata.name} from ${oldScale} to ${newScale}`);
      return true;
    }
    return false;
  }

  /** Old ReplicaSets scaled to zero beyond revisionHistoryLimit are deleted, oldest first. */
  private cleanupDeployment(d: Deployment, olds: ReplicaSet[]): void {
    const limit = d.spec!.revisionHistoryLimit ?? 10;
    const cleanable = olds.filter((rs) => !rs.metadata.deletionTimestamp && (rs.spec?.replicas ?? 0) === 0 && (rs.status?.replicas ?? 0) === 0)
      .sort((a, b) => revisionOf(a) - revisionOf(b) || byCreation(a, b));
    for (const rs of cleanable.slice(0, Math.max(0, cleanable.length - limit))) {
      this.ctx.api.delete('replicasets', rs.metadata.namespace, rs.metadata.name!);
    }
  }

  /** calculateStatus plus the Available and Progressing conditions. */
  private syncStatus(d: Deployment, allRSs: ReplicaSet[], newRS: ReplicaSet | undefined): void {
    const replicas = d.spec!.replicas!;
    const [, maxUnavailable] = resolveFenceposts(d);
    const available = sum(allRSs, (rs) => rs.status?.availableReplicas);
    const status: NonNullable<Deployment['status']> = {
      observedGeneration: d.metadata.generation,
      replicas: sum(allRSs, (rs) => rs.status?.replicas),
      updatedReplicas: newRS?.status?.replicas ?? 0,
      readyReplicas: sum(allRSs, (rs) => rs.status?.readyReplicas),
      availableReplicas: available,
      unavailableReplicas: Math.max(0, sum(allRSs, (rs) => rs.spec?.replicas) - available),
      conditions: clone(d.status?.conditions ?? []),
    };
    if (d.status?.collisionCount !== undefined) status.collisionCount = d.status.collisionCount;
    const work = { ...d, status } as Deployment;
    if (available >= replicas - maxUnavailable) this.setCondition(work, 'Available', 'True', 'MinimumReplicasAvailable', 'Deployment has minimum availability.');
    else this.setCondition(work, 'Available', 'False', 'MinimumReplicasUnavailable', 'Deployment does not have minimum availability.');
    const complete = status.updatedReplicas === replicas && status.replicas === replicas && available === replicas;
    if (newRS && complete) this.setCondition(work, 'Progressing', 'True', 'NewReplicaSetAvailable', `ReplicaSet "${newRS.metadata.name}" has successfully progressed.`);
    else if (newRS && progressed(d.status, status)) {
      this.setCondition(work, 'Progressing', 'True', 'ReplicaSetUpdated', `ReplicaSet "${newRS.metadata.name}" is progressing.`);
    }
    // omitempty: zero counts are not written.
    for (const k of ['replicas', 'updatedReplicas', 'readyReplicas', 'availableReplicas', 'unavailableReplicas', 'observedGeneration'] as const) {
      if (!status[k]) delete status[k];
    }
    if (!status.conditions?.length) delete status.conditions;
    const fresh = this.deployments.get(d.metadata.namespace, d.metadata.name!);
    if (fresh && JSON.stringify(fresh.status ?? {}) === JSON.stringify(status)) return;
    const obj = clone(fresh ?? d);
    obj.status = status;
    try {
      this.ctx.api.update('deployments', obj.metadata.namespace, obj, { subresource: 'status' });
    } catch (e) {
      if (!isConflict(e)) throw e;
      this.ctx.enqueue(keyOf(d));
    }
  }

  /** SetDeploymentCondition: same status and reason leave it be; else replace, appended last. */
  private setCondition(d: Deployment, type: string, status: string, reason: string, message: string): void {
    d.status = d.status ?? {};
    const conds = d.status.conditions ?? [];
    const cur = conds.find((c) => c.type === type);
    if (cur && cur.status === status && cur.reason === reason) {
      if (cur.message !== message) {
        cur.message = message;
        cur.lastUpdateTime = this.ctx.clock.nowISO();
      }
      d.status.conditions = conds;
      return;
    }
    const now = this.ctx.clock.nowISO();
    const next = { type, status, lastUpdateTime: now, lastTransitionTime: cur && cur.status === status ? cur.lastTransitionTime : now, reason, message };
    d.status.conditions = [...conds.filter((c) => c.type !== type), next];
  }

  save(): unknown {
    return { failures: this.limiter.failures };
  }

  load(state: unknown): void {
    this.limiter.failures = { ...((state as { failures?: Record<string, number> })?.failures ?? {}) };
  }
}
