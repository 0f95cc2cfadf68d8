// The StatefulSet controller as the event loop sees it: watches StatefulSets and pods, queues
// set keys, and on each key claims the set's pods and hands them to StatefulSetControl.
// Source: kubernetes/kubernetes pkg/controller/statefulset/stateful_set.go.
import type { Component, ComponentContext } from '../../component.ts';
import type { Informer } from '../../informers.ts';
import type { KubeObject } from '../../api/client.ts';
import { keyOf, splitKey } from '../../informers.ts';
import type { ControllerRevision, PersistentVolumeClaim, Pod, StatefulSet } from '../../types.ts';
import { History } from '../history/controller-history.ts';
import { claimObjects, getControllerOf, InstantCoalescer, RateLimiter, selectorMatcher, selectorMatches } from '../controller-utils.ts';
import { StatefulPodControl } from './stateful-pod-control.ts';
import { StatefulSetControl, orphanRevisions } from './stateful-set-control.ts';
import { StatefulSetStatusUpdater } from './stateful-set-status-updater.ts';
import { controllerKind, isMemberOf, withDefaults } from './stateful-set-utils.ts';

/** Sync budget of one set: pods looked at per window of virtual time. */
export const SYNC_BUDGET = { windowMs: 1000, cost: 1000 };

export class StatefulSetController implements Component {
  readonly name = 'statefulset-controller';
  private ctx!: ComponentContext;
  private sets!: Informer<StatefulSet>;
  private pods!: Informer<Pod>;
  private control!: StatefulSetControl;
  private limiter = new RateLimiter();
  // A set's syncs cost its pod count; past SYNC_BUDGET pods a second, events wait for the
  // second's end (see InstantCoalescer). Sets of tens of pods never wait.
  private coalescer = new InstantCoalescer(20, SYNC_BUDGET);

  start(ctx: ComponentContext): void {
    this.ctx = ctx;
    this.sets = ctx.informers.for<StatefulSet>('statefulsets');
    this.pods = ctx.informers.for<Pod>('pods');
    const claims = ctx.informers.for<PersistentVolumeClaim>('persistentvolumeclaims');
    const revisions = ctx.informers.for<ControllerRevision>('controllerrevisions');
    const recorder = ctx.recorder('statefulset-controller');
    const podControl = new StatefulPodControl(ctx.api, recorder, this.pods, claims);
    this.control = new StatefulSetControl(podControl, new StatefulSetStatusUpdater(ctx.api), new History(ctx.api, revisions), ctx.clock);

    this.sets.onChange((ev, old) => {
      // A status-only change (the controller's own status write) goes through the coalescer.
      if (ev.type === 'MODIFIED' && old && old.metadata.generation === ev.object.metadata.generation && sameExceptStatus(old, ev.object)) this.coalescer.enqueue(ctx, keyOf(ev.object));
      else ctx.enqueue(keyOf(ev.object));
    });
    this.pods.onChange((ev, old) => this.onPod(ev.object as Pod, old as Pod | undefined, ev.type));
    // Not in the Go controller (it waits for a resync): when a claim goes away, sets whose pods
    // may wait on it (a stale claim under whenScaled: Delete) look again.
    claims.onChange((ev) => {
      if (ev.type !== 'DELETED') return;
      for (const set of this.setsMatching(ev.object as PersistentVolumeClaim)) ctx.enqueue(keyOf(set));
    });
  }

  /** addPod/updatePod/deletePod: queue the owning set, or for an orphan every set that selects it. */
  private onPod(pod: Pod, old: Pod | undefined, type: string): void {
    const ref = getControllerOf(pod);
    const oldRef = old ? getControllerOf(old) : undefined;
    if (oldRef && oldRef.uid !== ref?.uid) this.enqueueOwner(pod.metadata.namespace!, oldRef);
    if (ref) {
      this.enqueueOwner(pod.metadata.namespace!, ref);
      return;
    }
    if (type === 'DELETED') return;
    if (type === 'MODIFIED' && old && JSON.stringify(old.metadata.labels) === JSON.stringify(pod.metadata.labels) && !oldRef) return;
    for (const set of this.setsMatching(pod)) this.coalescer.enqueue(this.ctx, keyOf(set));
  }

  private enqueueOwner(namespace: string, ref: { kind: string; name: string; uid: string }): void {
    if (ref.kind !== controllerKind.kind) return;
    const set = this.sets.get(namespace, ref.name);
    if (set && set.metadata.uid === ref.uid) this.coalescer.enqueue(this.ctx, keyOf(set));
  }

  private setsMatching(obj: Pod | PersistentVolumeClaim): StatefulSet[] {
    return this.sets.list(obj.metadata.namespace).filter((s) => selectorMatches(s.spec?.selector, obj.metadata.labels));
  }

  onTimer(type: string, key: unknown): void {
    if (type !== 'coalesced-sync') return;
    this.coalescer.fired(key as string);
    this.ctx.enqueue(key as string);
  }

  sync(key: string): void {
    this.coalescer.synced(this.ctx.clock.now(), key);
    const [ns, name] = splitKey(key);
    const cached = this.sets.get(ns, name);
    if (!cached) {
      this.limiter.forget(key);
      return;
    }
    const set = withDefaults(cached);
    const spec = set.spec!;
    if (!spec.selector) return; // an invalid selector is not retried
    try {
      this.adoptOrphanRevisions(set);
      const pods = this.getPodsForStatefulSet(set);
      this.coalescer.spend(key, pods.length + 1);
      const status = this.control.updateStatefulSet(set, pods);
      const minReadySeconds = spec.minReadySeconds ?? 0;
      if (minReadySeconds > 0 && status && status.availableReplicas !== spec.replicas) {
        this.ctx.enqueue(key, minReadySeconds * 1000);
      }
      this.limiter.forget(key);
    } catch {
      this.ctx.enqueue(key, this.limiter.when(key));
    }
  }

  private adoptOrphanRevisions(set: StatefulSet): void {
    const orphans = orphanRevisions(this.control.listRevisions(set));
    if (orphans.length && this.canAdopt(set)) this.control.adoptOrphanRevisions(set, orphans);
  }

  /** The set's pods: adopts orphans whose name and labels fit, releases pods that no longer fit. */
  private getPodsForStatefulSet(set: StatefulSet): Pod[] {
    // Only the set's own pods and orphans can be claimed (others' pods are skipped by
    // claimObjects): the informer's controller index gives them without a namespace scan.
    const all = [...this.pods.listControlledBy(set.metadata.uid!), ...this.pods.listOrphans(set.metadata.namespace!)]
      .sort((a, b) => (a.metadata.name! < b.metadata.name! ? -1 : 1));
    const selects = selectorMatcher(set.spec?.selector);
    return claimObjects(this.ctx.api, 'pods', set, controllerKind, all,
      (p) => selects(p.metadata.labels) && isMemberOf(set, p),
      () => this.canAdopt(set));
  }

  /** RecheckDeletionTimestamp: adopt only if a fresh read shows the same set, not being deleted. */
  private canAdopt(set: StatefulSet): boolean {
    const fresh = this.ctx.api.peek('statefulsets', set.metadata.namespace, set.metadata.name!);
    return !!fresh && fresh.metadata.uid === set.metadata.uid && !fresh.metadata.deletionTimestamp;
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

/** Whether two versions of a set differ only in status and resourceVersion. */
function sameExceptStatus(a: KubeObject, b: KubeObject): boolean {
  const ma = a.metadata, mb = b.metadata;
  return a.spec === b.spec || (JSON.stringify(a.spec) === JSON.stringify(b.spec) &&
    JSON.stringify({ ...ma, resourceVersion: '' }) === JSON.stringify({ ...mb, resourceVersion: '' }));
}
