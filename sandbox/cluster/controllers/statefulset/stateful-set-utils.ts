// Small pure helpers of the StatefulSet controller: names, ordinals, identity, storage,
// claim ownership for the retention policy, revisions and status.
// Source: kubernetes/kubernetes pkg/controller/statefulset/stateful_set_utils.go.
import type { ControllerRevision, OwnerReference, PersistentVolumeClaim, Pod, StatefulSet, StatefulSetStatus } from '../../types.ts';
import type { KubeObject } from '../../api/client.ts';
import { clone } from '../../api/clone.ts';
import { newControllerRef, podFromTemplateSharing, podKind, type GroupVersionKind } from '../controller-utils.ts';
import { newControllerRevision } from '../history/controller-history.ts';
import { factsAvailable, factsRunningAndReady, factsUnavailable, ordinalOf, parentOf, parseParentNameAndOrdinal, podFacts, StatefulSetRevisionLabel } from './pod-facts.ts';

export const controllerKind: GroupVersionKind = { apiVersion: 'apps/v1', kind: 'StatefulSet' };

// Label keys. Source: k8s.io/api apps/v1 types.go.
export const StatefulSetPodNameLabel = 'statefulset.kubernetes.io/pod-name';
export const PodIndexLabel = 'apps.kubernetes.io/pod-index';
export { StatefulSetRevisionLabel } from './pod-facts.ts';

/**
 * The set with the defaults of pkg/apis/apps/v1/defaults.go SetDefaults_StatefulSet filled in
 * where missing, so the controller reads the same fields whether or not the API server defaulted.
 */
export function withDefaults(set: StatefulSet): StatefulSet {
  const s = clone(set);
  const spec = (s.spec ??= {} as any);
  spec.replicas ??= 1;
  spec.podManagementPolicy ??= 'OrderedReady';
  spec.updateStrategy ??= { type: 'RollingUpdate' };
  spec.updateStrategy.type ??= 'RollingUpdate';
  if (spec.updateStrategy.type === 'RollingUpdate') {
    spec.updateStrategy.rollingUpdate ??= {};
    spec.updateStrategy.rollingUpdate.partition ??= 0;
  }
  spec.revisionHistoryLimit ??= 10;
  spec.minReadySeconds ??= 0;
  spec.persistentVolumeClaimRetentionPolicy ??= { whenDeleted: 'Retain', whenScaled: 'Retain' };
  spec.persistentVolumeClaimRetentionPolicy.whenDeleted ??= 'Retain';
  spec.persistentVolumeClaimRetentionPolicy.whenScaled ??= 'Retain';
  s.status ??= { replicas: 0 };
  return s;
}

// ---- names and ordinals -----------------------------------------------------------------------

/** `web-2` → ['web', 2]; a name without an ordinal → ['', -1]. */
export function getParentNameAndOrdinal(pod: KubeObject): [string, number] {
  return parseParentNameAndOrdinal(pod.metadata.name ?? '');
}

export function getParentName(pod: KubeObject): string {
  return parentOf(pod);
}

export function getOrdinal(pod: KubeObject): number {
  return ordinalOf(pod);
}

/** spec.ordinals.start, or 0. */
export function getStartOrdinal(set: StatefulSet): number {
  return set.spec?.ordinals?.start ?? 0;
}

/** The last ordinal in range (inclusive). */
export function getEndOrdinal(set: StatefulSet): number {
  return getStartOrdinal(set) + (set.spec?.replicas ?? 1) - 1;
}

export function podInOrdinalRange(pod: KubeObject, set: StatefulSet): boolean {
  const o = getOrdinal(pod);
  return o >= getStartOrdinal(set) && o <= getEndOrdinal(set);
}

/** `web-0`: fmt.Sprintf("%s-%d", set.Name, ordinal). */
export function getPodName(set: StatefulSet, ordinal: number): string {
  return `${set.metadata.name}-${ordinal}`;
}

/** `data-web-0`: fmt.Sprintf("%s-%s-%d", claim.Name, set.Name, ordinal). */
export function getPersistentVolumeClaimName(set: StatefulSet, claim: { metadata?: { name?: string } }, ordinal: number): string {
  return `${claim.metadata?.name}-${set.metadata.name}-${ordinal}`;
}

export function isMemberOf(set: StatefulSet, pod: KubeObject): boolean {
  return getParentName(pod) === set.metadata.name;
}

// ---- identity and storage -------------------------------------------------------------------

export function identityMatches(set: StatefulSet, pod: Pod): boolean {
  const { parent, ordinal } = podFacts(pod);
  return ordinal >= 0 && set.metadata.name === parent && pod.metadata.name === getPodName(set, ordinal) &&
    pod.metadata.namespace === set.metadata.namespace && pod.metadata.labels?.[StatefulSetPodNameLabel] === pod.metadata.name;
}

export function storageMatches(set: StatefulSet, pod: Pod): boolean {
  const ordinal = getOrdinal(pod);
  if (ordinal < 0) return false;
  const volumes = pod.spec?.volumes ?? [];
  for (const claim of set.spec?.volumeClaimTemplates ?? []) {
    const v = lastVolumeNamed(volumes, claim.metadata?.name ?? '');
    if (!v?.persistentVolumeClaim || v.persistentVolumeClaim.claimName !== getPersistentVolumeClaimName(set, claim, ordinal)) return false;
  }
  return true;
}

/**
 * identityMatches and storageMatches together, remembered per stored pod: in a steady set every
 * pod passes both on every sync, and the answer only depends on the pod object and on the set's
 * name, namespace and claim template names.
 */
export function identityAndStorageMatch(set: StatefulSet, pod: Pod): boolean {
  const key = identityKey(set);
  if (matchedIdentity.get(pod) === key) return true;
  const ok = identityMatches(set, pod) && storageMatches(set, pod);
  if (ok && Object.isFrozen(pod)) matchedIdentity.set(pod, key);
  return ok;
}

/** Stored pod → identityKey of the set whose identity and storage it was last found to match. */
const matchedIdentity = new WeakMap<KubeObject, string>();
/** Set object → identityKey (the controller works on one copy of the set per sync). */
const identityKeys = new WeakMap<StatefulSet, string>();

/** What identityMatches and storageMatches read of a set, as one string. */
function identityKey(set: StatefulSet): string {
  let key = identityKeys.get(set);
  if (key === undefined) {
    key = JSON.stringify([set.metadata.namespace ?? null, set.metadata.name ?? null, (set.spec?.volumeClaimTemplates ?? []).map((t) => t.metadata?.name ?? null)]);
    identityKeys.set(set, key);
  }
  return key;
}

/** The volume of that name; the last one if several (Go builds a map from the list). */
function lastVolumeNamed<V extends { name: string }>(volumes: readonly V[], name: string): V | undefined {
  for (let i = volumes.length - 1; i >= 0; i--) if (volumes[i].name === name) return volumes[i];
  return undefined;
}

/**
 * The claims of one pod, by template name: the template with the pod's claim name, the set's
 * namespace, and the template's labels with spec.selector.matchLabels copied over them.
 */
export function getPersistentVolumeClaims(set: StatefulSet, pod: KubeObject): Map<string, PersistentVolumeClaim> {
  const ordinal = getOrdinal(pod);
  const claims = new Map<string, PersistentVolumeClaim>();
  for (const template of set.spec?.volumeClaimTemplates ?? []) {
    // Shallow copies of the template (spec shared): a claim is only read, and create() copies
    // what it stores. The set is plain JSON from the API, so the fields and their order are
    // those of a deep copy with name, namespace and labels set and status removed.
    const { status: _status, ...rest } = template as PersistentVolumeClaim;
    const meta = template.metadata ?? {};
    const claim = {
      ...rest,
      metadata: {
        ...meta,
        name: getPersistentVolumeClaimName(set, template, ordinal),
        namespace: set.metadata.namespace,
        labels: { ...(meta.labels ?? {}), ...(set.spec?.selector?.matchLabels ?? {}) },
      },
    } as PersistentVolumeClaim;
    claims.set(template.metadata?.name ?? '', claim);
  }
  return claims;
}

/** Points the pod's template volumes at its claims, replacing any same-named volume. */
export function updateStorage(set: StatefulSet, pod: Pod): void {
  const current = pod.spec?.volumes ?? [];
  // The names getPersistentVolumeClaims gives the claims, by template name, without building them.
  const ordinal = getOrdinal(pod);
  const claimNames = new Map<string, string>();
  for (const template of set.spec?.volumeClaimTemplates ?? []) claimNames.set(template.metadata?.name ?? '', getPersistentVolumeClaimName(set, template, ordinal));
  const volumes: any[] = [];
  for (const [name, claimName] of claimNames) volumes.push({ name, persistentVolumeClaim: { claimName } });
  for (const v of current) if (!claimNames.has(v.name)) volumes.push(v);
  pod.spec = pod.spec ?? { containers: [] };
  if (volumes.length) pod.spec.volumes = volumes;
}

/** Name, namespace, the pod-name and pod-index labels (PodIndexLabel is GA since 1.32). */
export function updateIdentity(set: StatefulSet, pod: Pod): void {
  const ordinal = getOrdinal(pod);
  pod.metadata.name = getPodName(set, ordinal);
  pod.metadata.namespace = set.metadata.namespace;
  pod.metadata.labels = { ...(pod.metadata.labels ?? {}) };
  pod.metadata.labels[StatefulSetPodNameLabel] = pod.metadata.name;
  pod.metadata.labels[PodIndexLabel] = String(ordinal);
}

/** updateIdentity plus hostname and subdomain, which are set only when the pod is created. */
export function initIdentity(set: StatefulSet, pod: Pod): void {
  updateIdentity(set, pod);
  pod.spec!.hostname = pod.metadata.name;
  if (set.spec?.serviceName) pod.spec!.subdomain = set.spec.serviceName;
}

// ---- pod states -----------------------------------------------------------------------------
// Read through podFacts: each question is asked many times per pod in a sync.

export function isRunningAndReady(pod: Pod): boolean {
  return factsRunningAndReady(podFacts(pod));
}

export function isRunningAndAvailable(pod: Pod, minReadySeconds: number, now: number): boolean {
  return factsAvailable(podFacts(pod), minReadySeconds, now);
}

/**
 * Whether the pod exists in the API. Go checks `Status.Phase != ""` (the API server sets
 * Pending on create); a uid covers an API server that has not set a phase yet.
 */
export function isCreated(pod: Pod): boolean {
  return podFacts(pod).created;
}

export function isPending(pod: Pod): boolean {
  return podFacts(pod).phase === 'Pending';
}

export function isFailed(pod: Pod): boolean {
  return podFacts(pod).phase === 'Failed';
}

export function isSucceeded(pod: Pod): boolean {
  return podFacts(pod).phase === 'Succeeded';
}

export function isTerminating(pod: Pod): boolean {
  return podFacts(pod).terminating;
}

export function isHealthy(pod: Pod): boolean {
  return isRunningAndReady(pod) && !isTerminating(pod);
}

/** Not available (Ready for minReadySeconds), or terminating. */
export function isUnavailable(pod: Pod, minReadySeconds: number, now: number): boolean {
  return factsUnavailable(podFacts(pod), minReadySeconds, now);
}

/** podManagementPolicy: Parallel. */
export function allowsBurst(set: StatefulSet): boolean {
  return set.spec?.podManagementPolicy === 'Parallel';
}

export function setPodRevision(pod: Pod, revision: string): void {
  pod.metadata.labels = { ...(pod.metadata.labels ?? {}), [StatefulSetRevisionLabel]: revision };
}

export function getPodRevision(pod: KubeObject): string {
  return podFacts(pod).revision;
}

export function ascendingOrdinal(a: KubeObject, b: KubeObject): number {
  return getOrdinal(a) - getOrdinal(b);
}

export function descendingOrdinal(a: KubeObject, b: KubeObject): number {
  return getOrdinal(b) - getOrdinal(a);
}

// ---- new pods -------------------------------------------------------------------------------

/**
 * A new pod of the set. Its spec's nested parts are the template's (see podFromTemplateSharing):
 * the pod is only read until create() copies it.
 */
export function newStatefulSetPod(set: StatefulSet, ordinal: number): Pod {
  const pod = podFromTemplateSharing(set.spec?.template, set, newControllerRef(set, controllerKind));
  pod.metadata.name = getPodName(set, ordinal);
  initIdentity(set, pod);
  updateStorage(set, pod);
  return pod;
}

/**
 * A pod at the current revision when its ordinal is below start+partition under RollingUpdate,
 * at the update revision otherwise.
 */
export function newVersionedStatefulSetPod(currentSet: StatefulSet, updateSet: StatefulSet, currentRevision: string, updateRevision: string, ordinal: number): Pod {
  const strategy = currentSet.spec?.updateStrategy;
  const start = getStartOrdinal(currentSet);
  // Go's condition is `A && B || C`: the partition branch applies whatever the strategy type.
  if ((strategy?.type === 'RollingUpdate' && !strategy.rollingUpdate && ordinal < start + (currentSet.status?.currentReplicas ?? 0)) ||
      (strategy?.rollingUpdate && ordinal < start + (strategy.rollingUpdate.partition ?? 0))) {
    const pod = newStatefulSetPod(currentSet, ordinal);
    setPodRevision(pod, currentRevision);
    return pod;
  }
  const pod = newStatefulSetPod(updateSet, ordinal);
  setPodRevision(pod, updateRevision);
  return pod;
}

// ---- revisions ------------------------------------------------------------------------------

/** getPatch: `{"spec":{"template":{"$patch":"replace", ...}}}`, what a revision records. */
export function getPatch(set: StatefulSet): unknown {
  const template = clone(set.spec?.template ?? {}) as Record<string, unknown>;
  template.$patch = 'replace';
  return { spec: { template } };
}

/** newRevision: the revision object for the set's current template; annotations from the set. */
export function newRevision(set: StatefulSet, revision: number, collisionCount: number): ControllerRevision {
  const cr = newControllerRevision(set, controllerKind, set.spec?.template?.metadata?.labels, getPatch(set), revision, collisionCount);
  if (set.metadata.annotations) cr.metadata.annotations = { ...set.metadata.annotations };
  return cr;
}

/** ApplyRevision: the set with its template replaced by the revision's. */
export function applyRevision(set: StatefulSet, revision: ControllerRevision): StatefulSet {
  const s = clone(set);
  const template = clone((revision.data as any)?.spec?.template ?? {});
  delete template.$patch;
  s.spec!.template = template;
  return s;
}

export function nextRevision(revisions: ControllerRevision[]): number {
  return revisions.length ? revisions[revisions.length - 1].revision + 1 : 1;
}

export function inconsistentStatus(set: StatefulSet, status: StatefulSetStatus): boolean {
  const s = set.status ?? ({} as StatefulSetStatus);
  return (status.observedGeneration ?? 0) > (s.observedGeneration ?? 0) ||
    status.replicas !== (s.replicas ?? 0) ||
    (status.currentReplicas ?? 0) !== (s.currentReplicas ?? 0) ||
    (status.readyReplicas ?? 0) !== (s.readyReplicas ?? 0) ||
    (status.updatedReplicas ?? 0) !== (s.updatedReplicas ?? 0) ||
    (status.currentRevision ?? '') !== (s.currentRevision ?? '') ||
    (status.availableReplicas ?? 0) !== (s.availableReplicas ?? 0) ||
    (status.updateRevision ?? '') !== (s.updateRevision ?? '') ||
    (status.collisionCount ?? 0) !== (s.collisionCount ?? 0);
}

/** Once every replica is updated and ready, the update revision becomes the current one. */
export function completeRollingUpdate(set: StatefulSet, status: StatefulSetStatus): void {
  const replicas = set.spec?.replicas ?? 1;
  if (set.spec?.updateStrategy?.type === 'RollingUpdate' && (status.updatedReplicas ?? 0) === replicas &&
      (status.readyReplicas ?? 0) === replicas && status.replicas === replicas) {
    status.currentReplicas = status.updatedReplicas;
    status.currentRevision = status.updateRevision;
  }
}

// ---- claim ownership for persistentVolumeClaimRetentionPolicy --------------------------------

export function getPersistentVolumeClaimRetentionPolicy(set: StatefulSet): { readonly whenDeleted: string; readonly whenScaled: string } {
  const p = set.spec?.persistentVolumeClaimRetentionPolicy;
  // The set's own policy when both fields are set (withDefaults sets them): asked per claim.
  if (p?.whenDeleted && p.whenScaled) return p as { whenDeleted: string; whenScaled: string };
  return { whenDeleted: p?.whenDeleted ?? 'Retain', whenScaled: p?.whenScaled ?? 'Retain' };
}

function matchesRef(ref: OwnerReference, obj: KubeObject, gvk: GroupVersionKind): boolean {
  return ref.apiVersion === gvk.apiVersion && ref.kind === gvk.kind && ref.name === obj.metadata.name;
}

/** Another controller owns the claim (or a stale ref to a set/pod of the same name exists). */
export function hasUnexpectedController(claim: PersistentVolumeClaim, set: StatefulSet, pod: Pod): boolean {
  const policy = getPersistentVolumeClaimRetentionPolicy(set);
  if (policy.whenScaled === 'Retain' && policy.whenDeleted === 'Retain') return false;
  for (const ref of claim.metadata.ownerReferences ?? []) {
    if (matchesRef(ref, set, controllerKind)) {
      if (ref.uid !== set.metadata.uid) return true;
      continue;
    }
    if (matchesRef(ref, pod, podKind)) {
      if (ref.uid !== pod.metadata.uid) return true;
      continue;
    }
    if (ref.controller) return true;
  }
  return false;
}

function hasNonControllerOwner(claim: PersistentVolumeClaim, set: StatefulSet, pod: Pod): boolean {
  return (claim.metadata.ownerReferences ?? []).some((r) => (r.uid === set.metadata.uid || r.uid === pod.metadata.uid) && !r.controller);
}

export function hasOwnerRef(target: KubeObject, owner: KubeObject): boolean {
  return (target.metadata.ownerReferences ?? []).some((r) => r.uid === owner.metadata.uid);
}

/** A ref that names obj but carries another uid: left by an earlier object of the same name. */
export function hasStaleOwnerRef(target: KubeObject, obj: KubeObject, gvk: GroupVersionKind): boolean {
  for (const ref of target.metadata.ownerReferences ?? []) {
    if (matchesRef(ref, obj, gvk)) return ref.uid !== obj.metadata.uid;
  }
  return false;
}

/**
 * Whether the claim's owner references already say what the retention policy wants:
 * Retain/Retain none; whenDeleted=Delete a ref to the set; whenScaled=Delete a ref to the pod
 * once it is condemned (ordinal out of range), instead of the set's.
 */
export function isClaimOwnerUpToDate(claim: PersistentVolumeClaim, set: StatefulSet, pod: Pod): boolean {
  if (hasStaleOwnerRef(claim, set, controllerKind) || hasStaleOwnerRef(claim, pod, podKind)) return true;
  if (hasUnexpectedController(claim, set, pod)) return !(hasOwnerRef(claim, set) || hasOwnerRef(claim, pod));
  if (hasNonControllerOwner(claim, set, pod)) return false;
  const policy = getPersistentVolumeClaimRetentionPolicy(set);
  const scaledDown = !podInOrdinalRange(pod, set);
  if (policy.whenScaled === 'Delete' && policy.whenDeleted === 'Delete') {
    if (scaledDown === hasOwnerRef(claim, set)) return false;
    if (scaledDown !== hasOwnerRef(claim, pod)) return false;
  } else if (policy.whenScaled === 'Delete') {
    if (hasOwnerRef(claim, set)) return false;
    if (scaledDown !== hasOwnerRef(claim, pod)) return false;
  } else if (policy.whenDeleted === 'Delete') {
    if (!hasOwnerRef(claim, set) || hasOwnerRef(claim, pod)) return false;
  } else if (hasOwnerRef(claim, set) || hasOwnerRef(claim, pod)) {
    return false;
  }
  return true;
}

function addControllerRef(refs: OwnerReference[], owner: KubeObject, gvk: GroupVersionKind): OwnerReference[] {
  if (refs.some((r) => r.uid === owner.metadata.uid)) return refs;
  return [...refs, newControllerRef(owner, gvk)];
}

/** Rewrites the claim's refs to the set and pod as the policy wants (mutates claim). */
export function updateClaimOwnerRefForSetAndPod(claim: PersistentVolumeClaim, set: StatefulSet, pod: Pod): void {
  const unexpected = hasUnexpectedController(claim, set, pod);
  let refs = (claim.metadata.ownerReferences ?? []).filter((r) => !(matchesRef(r, set, controllerKind) || matchesRef(r, pod, podKind)));
  if (!unexpected) {
    const policy = getPersistentVolumeClaimRetentionPolicy(set);
    const scaledDown = !podInOrdinalRange(pod, set);
    if (policy.whenScaled === 'Delete' && scaledDown) refs = addControllerRef(refs, pod, podKind);
    if (policy.whenDeleted === 'Delete' && !(policy.whenScaled === 'Delete' && scaledDown)) refs = addControllerRef(refs, set, controllerKind);
  }
  if (refs.length) claim.metadata.ownerReferences = refs;
  else delete claim.metadata.ownerReferences;
}
