// Deciding what a StatefulSet needs: which pods to create, delete or repair, in what order, and
// the status that results. Acting is left to StatefulPodControl.
// Source: kubernetes/kubernetes pkg/controller/statefulset/stateful_set_control.go
// (UpdateStatefulSet, getStatefulSetRevisions, updateStatefulSet, processReplica,
// processCondemned, truncateHistory). The MaxUnavailableStatefulSet gate is off in 1.35.4+
// (kubernetes/kubernetes#137904), so rolling updates take one pod at a time whatever
// spec.updateStrategy.rollingUpdate.maxUnavailable says.
import type { ControllerRevision, Pod, StatefulSet, StatefulSetStatus } from '../../types.ts';
import type { VirtualClock } from '../../clock.ts';
import { clone } from '../../api/clone.ts';
import { aggregate, getControllerOf, isNotFound } from '../controller-utils.ts';
import { findEqualRevisions, equalRevision, sortControllerRevisions, type History } from '../history/controller-history.ts';
import type { StatefulPodControl } from './stateful-pod-control.ts';
import type { StatefulSetStatusUpdater } from './stateful-set-status-updater.ts';
import { factsAvailable, factsRunningAndReady, factsUnavailable, podFacts, type PodFacts } from './pod-facts.ts';
import {
  allowsBurst, applyRevision, completeRollingUpdate, controllerKind, descendingOrdinal, getEndOrdinal,
  getStartOrdinal, identityAndStorageMatch, inconsistentStatus,
  isRunningAndAvailable, isRunningAndReady, isTerminating, isUnavailable, newRevision,
  newVersionedStatefulSetPod, nextRevision,
} from './stateful-set-utils.ts';

/** Most creations or deletions one Parallel pass makes in one batch. */
export const MaxBatchSize = 500;

/** The result of a pass: the status to record, and the error that makes the key retry. */
interface PassResult {
  status: StatefulSetStatus;
  err?: unknown;
}

export class StatefulSetControl {
  private readonly podControl: StatefulPodControl;
  private readonly statusUpdater: StatefulSetStatusUpdater;
  private readonly history: History;
  private readonly clock: VirtualClock;

  constructor(podControl: StatefulPodControl, statusUpdater: StatefulSetStatusUpdater, history: History, clock: VirtualClock) {
    this.podControl = podControl;
    this.statusUpdater = statusUpdater;
    this.history = history;
    this.clock = clock;
  }

  /**
   * One pass over a set (given with defaults applied) and the pods it owns. Returns the status
   * written; throws when something failed and the key should be retried.
   */
  updateStatefulSet(set: StatefulSet, pods: Pod[]): StatefulSetStatus | undefined {
    set = clone(set);
    const revisions = sortControllerRevisions(this.listRevisions(set));
    let current: ControllerRevision | undefined;
    let update: ControllerRevision | undefined;
    let status: StatefulSetStatus | undefined;
    const errs: unknown[] = [];
    // What each pod is (ordinal, phase, readiness, revision), read once for the whole pass.
    const facts = pods.map(podFacts);
    try {
      const r = this.getStatefulSetRevisions(set, revisions);
      current = r.current;
      update = r.update;
      const pass = this.updateStatefulSetPass(set, r.current, r.update, r.collisionCount, pods, facts);
      status = pass.status;
      if (pass.err) errs.push(pass.err);
      try {
        this.updateStatefulSetStatus(set, status);
      } catch (e) {
        errs.push(e);
      }
    } catch (e) {
      errs.push(e);
    }
    try {
      this.truncateHistory(set, facts, revisions, current, update);
    } catch (e) {
      errs.push(e);
    }
    const err = aggregate(errs);
    if (err) throw err;
    return status;
  }

  listRevisions(set: StatefulSet): ControllerRevision[] {
    return this.history.listControllerRevisions(set, set.spec?.selector);
  }

  adoptOrphanRevisions(set: StatefulSet, revisions: ControllerRevision[]): void {
    for (const r of revisions) this.history.adoptControllerRevision(set, controllerKind, r);
  }

  /**
   * Deletes the oldest revisions that no pod uses and that are neither current nor update, down
   * to spec.revisionHistoryLimit.
   */
  private truncateHistory(set: StatefulSet, pods: readonly PodFacts[], revisions: ControllerRevision[], current?: ControllerRevision, update?: ControllerRevision): void {
    const live = new Set<string>();
    if (current) live.add(current.metadata.name!);
    if (update) live.add(update.metadata.name!);
    for (const p of pods) live.add(p.revision);
    const history = revisions.filter((r) => !live.has(r.metadata.name!));
    const limit = set.spec?.revisionHistoryLimit ?? 10;
    if (limit < 0 || history.length <= limit) return;
    for (const r of history.slice(0, history.length - limit)) this.history.deleteControllerRevision(r);
  }

  /**
   * The current and update revisions. The update revision is created from the set's template
   * unless an equal one exists: the latest is reused as is, an older one gets the next revision
   * number (a rollback).
   */
  private getStatefulSetRevisions(set: StatefulSet, revisions: ControllerRevision[]): { current: ControllerRevision; update: ControllerRevision; collisionCount: number } {
    const collisionCount = { value: set.status?.collisionCount ?? 0 };
    let update = newRevision(set, nextRevision(revisions), collisionCount.value);
    const equal = findEqualRevisions(revisions, update);
    if (equal.length && equalRevision(revisions[revisions.length - 1], equal[equal.length - 1])) {
      update = revisions[revisions.length - 1];
    } else if (equal.length) {
      update = this.history.updateControllerRevision(equal[equal.length - 1], update.revision);
    } else {
      update = this.history.createControllerRevision(set, update, collisionCount);
    }
    const current = revisions.find((r) => r.metadata.name === set.status?.currentRevision) ?? update;
    return { current, update, collisionCount: collisionCount.value };
  }

  private updateStatefulSetPass(set: StatefulSet, currentRevision: ControllerRevision, updateRevision: ControllerRevision, collisionCount: number, pods: Pod[], facts: readonly PodFacts[]): PassResult {
    const now = this.clock.now();
    const minReadySeconds = set.spec?.minReadySeconds ?? 0;
    const currentSet = applyRevision(set, currentRevision);
    const updateSet = applyRevision(set, updateRevision);

    const status: StatefulSetStatus = {
      replicas: 0,
      observedGeneration: set.metadata.generation,
      currentRevision: currentRevision.metadata.name,
      updateRevision: updateRevision.metadata.name,
      collisionCount,
    };
    updateStatus(status, minReadySeconds, now, currentRevision, updateRevision, facts);

    const replicaCount = set.spec?.replicas ?? 1;
    // replicaFacts[i] is podFacts(replicas[i]), set with it.
    const replicas: (Pod | undefined)[] = new Array(replicaCount);
    const replicaFacts: (PodFacts | undefined)[] = new Array(replicaCount);
    const condemned: Pod[] = [];
    // Pods in [start, end] fill their slot; pods with a valid ordinal out of range are condemned.
    const start = getStartOrdinal(set);
    const end = getEndOrdinal(set);
    for (let k = 0; k < pods.length; k++) {
      const ordinal = facts[k].ordinal;
      if (ordinal >= start && ordinal <= end) {
        replicas[ordinal - start] = pods[k];
        replicaFacts[ordinal - start] = facts[k];
      } else if (ordinal >= 0) condemned.push(pods[k]);
    }
    // Empty slots get a new pod at the revision the partition says. Go fills every slot up
    // front; here a slot is filled when first looked at, so `--replicas=100000` stays cheap.
    const slot = (i: number): Pod => {
      let pod = replicas[i];
      if (!pod) {
        pod = replicas[i] = newVersionedStatefulSetPod(currentSet, updateSet, currentRevision.metadata.name!, updateRevision.metadata.name!, start + i);
        replicaFacts[i] = podFacts(pod);
      }
      return pod;
    };
    condemned.sort(descendingOrdinal);

    // The first unhealthy pod: lowest ordinal among replicas (a missing one counts), else the
    // lowest among condemned.
    let firstUnavailablePod: Pod | undefined;
    for (let i = 0; i < replicaCount && !firstUnavailablePod; i++) {
      const f = replicaFacts[i];
      if (!f || factsUnavailable(f, minReadySeconds, now)) firstUnavailablePod = slot(i);
    }
    for (let i = condemned.length - 1; i >= 0; i--) {
      if (isUnavailable(condemned[i], minReadySeconds, now)) firstUnavailablePod ??= condemned[i];
    }

    // A set being deleted only has its status updated.
    if (set.metadata.deletionTimestamp) return { status };

    const monotonic = !allowsBurst(set);
    const finish = (err?: unknown): PassResult => {
      updateStatus(status, minReadySeconds, now, currentRevision, updateRevision, replicaFacts, condemned.map(podFacts));
      return { status, err };
    };

    // First the replicas that stay, in ordinal order (OrderedReady stops at the first that blocks).
    let r = runForAll(replicaCount, (i) => this.processReplica(set, updateSet, monotonic, slot(i), replicaFacts[i]!, now), monotonic);
    if (r.exit || r.err) return finish(r.err);

    // Claims of condemned pods get the owner references the retention policy wants.
    r = runForAll(condemned.length, (i) => {
      if (!this.podControl.claimsMatchRetentionPolicy(updateSet, condemned[i])) this.podControl.updatePodClaimForRetentionPolicy(updateSet, condemned[i]);
      return false;
    }, monotonic);
    if (r.exit || r.err) return finish(r.err);

    // All retained replicas are Running, Ready and Available (OrderedReady): scale down,
    // highest ordinal first. Scaling takes precedence over updates.
    r = runForAll(condemned.length, (i) => this.processCondemned(set, firstUnavailablePod, monotonic, condemned, i, now), monotonic);
    if (r.exit || r.err) return finish(r.err);

    updateStatus(status, minReadySeconds, now, currentRevision, updateRevision, replicaFacts, condemned.map(podFacts));

    // OnDelete: pods pick up the new template only when someone deletes them.
    if (set.spec?.updateStrategy?.type === 'OnDelete') return { status };

    // RollingUpdate: delete the highest-ordinal pod not at the update revision, down to the
    // partition, and wait for each updated pod to be available before the next.
    const updateMin = set.spec?.updateStrategy?.rollingUpdate?.partition ?? 0;
    for (let target = replicas.length - 1; target >= updateMin; target--) {
      const pod = replicas[target];
      // A missing pod would be created at the update revision, and is unavailable: wait.
      if (!pod) return { status };
      const f = replicaFacts[target]!;
      if (f.revision !== updateRevision.metadata.name && !f.terminating) {
        try {
          this.podControl.deleteStatefulPod(set, pod);
        } catch (e) {
          if (!isNotFound(e)) return { status, err: e };
        }
        status.currentReplicas = (status.currentReplicas ?? 0) - 1;
        return { status };
      }
      if (factsUnavailable(f, minReadySeconds, now)) return { status };
    }
    return { status };
  }

  /** Returns true when an OrderedReady pass must stop at this replica. */
  private processReplica(set: StatefulSet, updateSet: StatefulSet, monotonic: boolean, pod: Pod, f: PodFacts, now: number): boolean {
    // Failed or Succeeded (evicted, node rebooted...): delete it; a new pod with the same name
    // comes on a later pass, once the old object is gone.
    if (f.phase === 'Failed' || f.phase === 'Succeeded') {
      if (!pod.metadata.deletionTimestamp) this.podControl.deleteStatefulPod(set, pod);
      return true;
    }
    if (!f.created) {
      // A claim still owned by an earlier pod of this name (whenScaled: Delete) waits for the GC.
      if (this.podControl.podClaimIsStale(set, pod)) return true;
      this.podControl.createStatefulPod(set, pod);
      if (monotonic) return true;
    }
    if (f.phase === 'Pending') this.podControl.createMissingPersistentVolumeClaims(set, pod);
    // OrderedReady waits for a terminating, unready or not yet available pod (all pure reads).
    if (monotonic && (f.terminating || !factsRunningAndReady(f) || !factsAvailable(f, set.spec?.minReadySeconds ?? 0, now))) return true;

    // Enforce the invariants: identity, storage, claim ownership.
    let retentionMatch = true;
    try {
      retentionMatch = this.podControl.claimsMatchRetentionPolicy(updateSet, pod);
    } catch {
      retentionMatch = true;
    }
    if (identityAndStorageMatch(set, pod) && retentionMatch) return false;
    this.podControl.updateStatefulPod(updateSet, clone(pod));
    return false;
  }

  /** Scale down one condemned pod; OrderedReady waits on terminating and unhealthy ones. */
  private processCondemned(set: StatefulSet, firstUnhealthyPod: Pod | undefined, monotonic: boolean, condemned: Pod[], i: number, now: number): boolean {
    const pod = condemned[i];
    if (isTerminating(pod)) return monotonic;
    // OrderedReady: an unhealthy condemned pod that is not the first unhealthy pod blocks.
    if (!isRunningAndReady(pod) && monotonic && pod !== firstUnhealthyPod) return true;
    if (!isRunningAndAvailable(pod, set.spec?.minReadySeconds ?? 0, now) && monotonic && pod !== firstUnhealthyPod) return true;
    this.podControl.deleteStatefulPod(set, pod);
    return true;
  }

  /** Completes a finished rolling update and writes the status when it changed. */
  private updateStatefulSetStatus(set: StatefulSet, status: StatefulSetStatus): void {
    completeRollingUpdate(set, status);
    if (!inconsistentStatus(set, status)) return;
    this.statusUpdater.updateStatefulSetStatus(set, status);
  }
}

/**
 * Runs fn over pods: in order, stopping at the first that blocks (OrderedReady), or in slow-start
 * batches of 1, 2, 4... up to MaxBatchSize that stop only on errors (Parallel).
 */
function runForAll(count: number, fn: (i: number) => boolean, monotonic: boolean): { exit: boolean; err?: unknown } {
  if (monotonic) {
    for (let i = 0; i < count; i++) {
      try {
        if (fn(i)) return { exit: true };
      } catch (e) {
        return { exit: true, err: e };
      }
    }
    return { exit: false };
  }
  const err = slowStartBatch(1, count, (i) => {
    fn(i);
  });
  return err ? { exit: true, err } : { exit: false };
}

/** slowStartBatch: batches double from initialBatchSize; a batch with errors ends the run. */
export function slowStartBatch(initialBatchSize: number, remaining: number, fn: (i: number) => void): Error | undefined {
  let j = 0;
  for (let batch = Math.min(remaining, initialBatchSize); batch > 0; batch = Math.min(2 * batch, remaining, MaxBatchSize)) {
    const errs: unknown[] = [];
    for (let k = 0; k < batch; k++, j++) {
      try {
        fn(j);
      } catch (e) {
        errs.push(e);
      }
    }
    if (errs.length) return aggregate(errs);
    remaining -= batch;
  }
  return undefined;
}

/**
 * computeReplicaStatus summed over the lists: replicas = created pods, readyReplicas = Running and
 * Ready, availableReplicas = also Ready for minReadySeconds, current/updated = non-terminating
 * pods at the current/update revision.
 */
function updateStatus(status: StatefulSetStatus, minReadySeconds: number, now: number, current: ControllerRevision, update: ControllerRevision, ...lists: (readonly (PodFacts | undefined)[])[]): void {
  let replicas = 0, ready = 0, available = 0, cur = 0, upd = 0;
  const currentName = current.metadata.name, updateName = update.metadata.name;
  for (const list of lists) {
    for (const f of list) {
      if (!f) continue;
      if (f.created) replicas++;
      if (factsRunningAndReady(f)) {
        ready++;
        if (factsAvailable(f, minReadySeconds, now)) available++;
      }
      if (f.created && !f.terminating) {
        if (f.revision === currentName) cur++;
        if (f.revision === updateName) upd++;
      }
    }
  }
  status.replicas = replicas;
  status.readyReplicas = ready;
  status.availableReplicas = available;
  status.currentReplicas = cur;
  status.updatedReplicas = upd;
}

/** Orphan revisions (no controller) that the set's selector matches. */
export function orphanRevisions(revisions: ControllerRevision[]): ControllerRevision[] {
  return revisions.filter((r) => !getControllerOf(r));
}
