// Doing what the StatefulSet controller decided: create, update and delete pods and their
// claims through the API, and record the events `kubectl describe sts` shows.
// Source: kubernetes/kubernetes pkg/controller/statefulset/stateful_pod_control.go.
import type { ApiServer } from '../../api/server.ts';
import type { EventRecorder } from '../../events.ts';
import type { Informer } from '../../informers.ts';
import type { PersistentVolumeClaim, Pod, StatefulSet } from '../../types.ts';
import { clone } from '../../api/clone.ts';
import { aggregate, errorText, isAlreadyExists, isConflict, podKind } from '../controller-utils.ts';
import {
  getOrdinal, getPersistentVolumeClaimName, getPersistentVolumeClaimRetentionPolicy, getPersistentVolumeClaims,
  hasStaleOwnerRef, hasUnexpectedController, identityMatches, isClaimOwnerUpToDate, storageMatches,
  updateClaimOwnerRefForSetAndPod, updateIdentity, updateStorage,
} from './stateful-set-utils.ts';

export class StatefulPodControl {
  private readonly api: ApiServer;
  private readonly recorder: EventRecorder;
  private readonly pods: Informer<Pod>;
  private readonly claims: Informer<PersistentVolumeClaim>;

  constructor(api: ApiServer, recorder: EventRecorder, pods: Informer<Pod>, claims: Informer<PersistentVolumeClaim>) {
    this.api = api;
    this.recorder = recorder;
    this.pods = pods;
    this.claims = claims;
  }

  /** Creates the pod's missing claims, then the pod; `create Claim ...` events come first. */
  createStatefulPod(set: StatefulSet, pod: Pod): void {
    try {
      this.createPersistentVolumeClaims(set, pod);
    } catch (e) {
      this.recordPodEvent('create', set, pod, e);
      throw e;
    }
    try {
      this.api.create('pods', set.metadata.namespace, pod, { sharedResult: true });
    } catch (e) {
      // AlreadyExists is sunk without an event: the informer will catch up.
      if (!isAlreadyExists(e)) this.recordPodEvent('create', set, pod, e);
      throw e;
    }
    // Set the claims' owner references as far as is possible now (StatefulSetAutoDeletePVC, GA).
    try {
      this.updatePodClaimForRetentionPolicy(set, pod);
    } catch (e) {
      this.recordPodEvent('update', set, pod, e);
      throw e;
    }
    this.recordPodEvent('create', set, pod);
  }

  /** Repairs identity, storage and claim ownership of an existing pod. */
  updateStatefulPod(set: StatefulSet, pod: Pod): void {
    let attempted = false;
    let err: unknown;
    for (let attempt = 0; attempt < 5; attempt++) {
      let consistent = true;
      if (!identityMatches(set, pod)) {
        updateIdentity(set, pod);
        consistent = false;
      }
      if (!storageMatches(set, pod)) {
        updateStorage(set, pod);
        consistent = false;
        try {
          this.createPersistentVolumeClaims(set, pod);
        } catch (e) {
          this.recordPodEvent('update', set, pod, e);
          throw e;
        }
      }
      try {
        if (!this.claimsMatchRetentionPolicy(set, pod)) {
          this.updatePodClaimForRetentionPolicy(set, pod);
          consistent = false;
        }
      } catch (e) {
        this.recordPodEvent('update', set, pod, e);
        throw e;
      }
      if (consistent) return;
      attempted = true;
      try {
        this.api.update('pods', pod.metadata.namespace, pod);
        err = undefined;
        break;
      } catch (e) {
        err = e;
        const fresh = this.pods.get(set.metadata.namespace, pod.metadata.name!);
        if (fresh) pod = clone(fresh);
        if (!isConflict(e)) break;
      }
    }
    if (attempted) this.recordPodEvent('update', set, pod, err);
    if (err) throw err;
  }

  deleteStatefulPod(set: StatefulSet, pod: Pod): void {
    try {
      this.api.delete('pods', pod.metadata.namespace, pod.metadata.name!);
    } catch (e) {
      this.recordPodEvent('delete', set, pod, e);
      throw e;
    }
    this.recordPodEvent('delete', set, pod);
  }

  /** False when a claim's owner references do not yet follow the retention policy. */
  claimsMatchRetentionPolicy(set: StatefulSet, pod: Pod): boolean {
    const ordinal = getOrdinal(pod);
    for (const template of set.spec?.volumeClaimTemplates ?? []) {
      const claim = this.claims.get(set.metadata.namespace, getPersistentVolumeClaimName(set, template, ordinal));
      if (claim && !isClaimOwnerUpToDate(claim, set, pod)) return false;
    }
    return true;
  }

  /** Rewrites the owner references of the pod's claims to match the retention policy. */
  updatePodClaimForRetentionPolicy(set: StatefulSet, pod: Pod): void {
    const ordinal = getOrdinal(pod);
    for (const template of set.spec?.volumeClaimTemplates ?? []) {
      const name = getPersistentVolumeClaimName(set, template, ordinal);
      const cached = this.claims.get(set.metadata.namespace, name);
      if (!cached) continue; // picked up on a later pass
      if (hasUnexpectedController(cached, set, pod)) {
        // The typo "manging" is in the source.
        this.recorder.event(set, 'Warning', 'ConflictingController',
          `PersistentVolumeClaim ${name} has a conflicting OwnerReference that acts as a manging controller, the retention policy is ignored for this claim`);
      }
      if (!isClaimOwnerUpToDate(cached, set, pod)) {
        const claim = clone(cached);
        updateClaimOwnerRefForSetAndPod(claim, set, pod);
        try {
          this.api.update('persistentvolumeclaims', claim.metadata.namespace, claim);
        } catch (e) {
          throw new Error(`could not update claim ${name} for delete policy ownerRefs: ${errorText(e)}`);
        }
      }
    }
  }

  /**
   * With whenScaled=Delete, a claim still owned by an earlier pod of the same name is about to be
   * garbage collected: the new pod must wait rather than bind to it.
   */
  podClaimIsStale(set: StatefulSet, pod: Pod): boolean {
    if (getPersistentVolumeClaimRetentionPolicy(set).whenScaled === 'Retain') return false;
    const ordinal = getOrdinal(pod);
    for (const template of set.spec?.volumeClaimTemplates ?? []) {
      const pvc = this.claims.get(set.metadata.namespace, getPersistentVolumeClaimName(set, template, ordinal));
      if (pvc && hasStaleOwnerRef(pvc, pod, podKind)) return true;
    }
    return false;
  }

  createMissingPersistentVolumeClaims(set: StatefulSet, pod: Pod): void {
    this.createPersistentVolumeClaims(set, pod);
    try {
      this.updatePodClaimForRetentionPolicy(set, pod);
    } catch (e) {
      this.recordPodEvent('update', set, pod, e);
      throw e;
    }
  }

  /** Creates each missing claim (an existing one is reused as it is); a terminating one blocks. */
  private createPersistentVolumeClaims(set: StatefulSet, pod: Pod): void {
    const errs: unknown[] = [];
    // Claims that exist are only looked at: the claim objects are built only when one is missing.
    const ordinal = getOrdinal(pod);
    const templates = set.spec?.volumeClaimTemplates ?? [];
    if (templates.every((t) => {
      const pvc = this.claims.get(set.metadata.namespace, getPersistentVolumeClaimName(set, t, ordinal));
      return pvc && !pvc.metadata.deletionTimestamp;
    })) return;
    for (const claim of getPersistentVolumeClaims(set, pod).values()) {
      const pvc = this.claims.get(claim.metadata.namespace, claim.metadata.name!);
      if (!pvc) {
        try {
          this.api.create('persistentvolumeclaims', claim.metadata.namespace, claim, { sharedResult: true });
          this.recordClaimEvent('create', set, pod, claim);
        } catch (e) {
          errs.push(new Error(`failed to create PVC ${claim.metadata.name}: ${errorText(e)}`));
          if (!isAlreadyExists(e)) this.recordClaimEvent('create', set, pod, claim, e);
        }
      } else if (pvc.metadata.deletionTimestamp) {
        errs.push(new Error(`pvc ${claim.metadata.name} is being deleted`));
      }
    }
    const err = aggregate(errs);
    if (err) throw err;
  }

  /** `create Pod web-0 in StatefulSet web successful` / `... failed error: <err>`. */
  private recordPodEvent(verb: string, set: StatefulSet, pod: Pod, err?: unknown): void {
    const title = verb[0].toUpperCase() + verb.slice(1);
    if (err === undefined) {
      this.recorder.event(set, 'Normal', `Successful${title}`, `${verb} Pod ${pod.metadata.name} in StatefulSet ${set.metadata.name} successful`);
    } else {
      this.recorder.event(set, 'Warning', `Failed${title}`, `${verb} Pod ${pod.metadata.name} in StatefulSet ${set.metadata.name} failed error: ${errorText(err)}`);
    }
  }

  /** `create Claim data-web-0 Pod web-0 in StatefulSet web success` (note "success", and "for" when failed). */
  private recordClaimEvent(verb: string, set: StatefulSet, pod: Pod, claim: PersistentVolumeClaim, err?: unknown): void {
    const title = verb[0].toUpperCase() + verb.slice(1);
    if (err === undefined) {
      this.recorder.event(set, 'Normal', `Successful${title}`, `${verb} Claim ${claim.metadata.name} Pod ${pod.metadata.name} in StatefulSet ${set.metadata.name} success`);
    } else {
      this.recorder.event(set, 'Warning', `Failed${title}`, `${verb} Claim ${claim.metadata.name} for Pod ${pod.metadata.name} in StatefulSet ${set.metadata.name} failed error: ${errorText(err)}`);
    }
  }
}
