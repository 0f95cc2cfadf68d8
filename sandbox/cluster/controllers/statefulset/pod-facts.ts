// What the StatefulSet controller reads off a pod, read once per stored pod object.
// A sync of a large set asks each pod the same questions many times (its ordinal, phase,
// readiness, revision: in the status count, the replica pass, the rolling update and history
// truncation). Stored pods are frozen and a write stores a new object, so the answers are
// remembered per object; a pod the controller builds itself (not frozen) is read afresh.
// The rules are those of stateful_set_utils.go and pkg/api/v1/pod/util.go (IsPodReady,
// IsPodAvailable); see stateful-set-utils.ts.
import type { KubeObject } from '../../api/client.ts';
import type { Pod } from '../../types.ts';
import { parseRFC3339 } from '../../clock.ts';
import { getPodCondition } from '../controller-utils.ts';

export interface PodFacts {
  /** `web` of `web-2`; '' for a name without an ordinal. */
  readonly parent: string;
  /** 2 of `web-2`; -1 for a name without an ordinal. */
  readonly ordinal: number;
  readonly phase: string | undefined;
  /** isCreated: a phase, or a uid. */
  readonly created: boolean;
  /** isTerminating: a deletionTimestamp. */
  readonly terminating: boolean;
  /** The controller-revision-hash label, or ''. */
  readonly revision: string;
  /** podutil.IsPodReady: the (first) Ready condition is True. */
  readonly ready: boolean;
  /** The Ready condition's lastTransitionTime, if any (parsed only when minReadySeconds asks). */
  readonly readySince: string | undefined;
}

// `web-2` → ['web', 2]; strconv.ParseInt(..., 10, 32): out of int32 range leaves -1.
const statefulPodRegex = /^(.*)-([0-9]+)$/;

/** getParentNameAndOrdinal of a pod name. */
export function parseParentNameAndOrdinal(name: string): [string, number] {
  let r = parsedNames.get(name);
  if (r) return r;
  const m = statefulPodRegex.exec(name);
  const n = m ? Number(m[2]) : -1;
  r = m ? [m[1], Number.isSafeInteger(n) && n <= 2147483647 ? n : -1] : ['', -1];
  // A pure function of the name, also asked of pods the controller builds: remembered (bounded).
  if (parsedNames.size >= 50_000) parsedNames.clear();
  parsedNames.set(name, r);
  return r;
}

const parsedNames = new Map<string, [string, number]>();

/** The revision label (k8s.io/api apps/v1 types.go); stateful-set-utils.ts re-exports it. */
export const StatefulSetRevisionLabel = 'controller-revision-hash';

const factsOf = new WeakMap<KubeObject, PodFacts>();

// The last stored pod asked about: the questions about one pod mostly come in a row.
let lastPod: KubeObject | undefined;
let lastFacts: PodFacts | undefined;

export function podFacts(pod: KubeObject): PodFacts {
  if (pod === lastPod) return lastFacts!;
  let f = factsOf.get(pod);
  if (!f) {
    f = readFacts(pod as Pod);
    if (!Object.isFrozen(pod)) return f;
    factsOf.set(pod, f);
  }
  lastPod = pod;
  lastFacts = f;
  return f;
}

/**
 * podFacts(pod).ordinal, without reading the other facts of a pod the controller builds (not
 * stored): its ordinal comes from its name alone. Object.isFrozen costs more than a lookup, so
 * it is asked only of pods not seen before.
 */
export function ordinalOf(pod: KubeObject): number {
  return knownFacts(pod)?.ordinal ?? parseParentNameAndOrdinal(pod.metadata.name ?? '')[1];
}

/** podFacts(pod).parent, read like ordinalOf. */
export function parentOf(pod: KubeObject): string {
  return knownFacts(pod)?.parent ?? parseParentNameAndOrdinal(pod.metadata.name ?? '')[0];
}

/** The facts of a stored pod (remembered or read now); undefined for a pod that is not stored. */
function knownFacts(pod: KubeObject): PodFacts | undefined {
  if (pod === lastPod) return lastFacts;
  const f = factsOf.get(pod);
  if (f) {
    lastPod = pod;
    lastFacts = f;
    return f;
  }
  return Object.isFrozen(pod) ? podFacts(pod) : undefined;
}

function readFacts(pod: Pod): PodFacts {
  const [parent, ordinal] = parseParentNameAndOrdinal(pod.metadata.name ?? '');
  const phase = pod.status?.phase;
  const ready = getPodCondition(pod, 'Ready');
  return {
    parent,
    ordinal,
    phase,
    created: !!phase || !!pod.metadata.uid,
    terminating: !!pod.metadata.deletionTimestamp,
    revision: pod.metadata.labels?.[StatefulSetRevisionLabel] ?? '',
    ready: ready?.status === 'True',
    readySince: ready?.lastTransitionTime || undefined,
  };
}

/** podutil.IsPodAvailable: Ready, and Ready for at least minReadySeconds at `now`. */
export function factsAvailable(f: PodFacts, minReadySeconds: number, now: number): boolean {
  if (!f.ready) return false;
  if (!minReadySeconds) return true;
  if (!f.readySince) return false;
  return parseRFC3339(f.readySince) + minReadySeconds * 1000 <= now;
}

/** isUnavailable: not available (Ready for minReadySeconds), or terminating. */
export function factsUnavailable(f: PodFacts, minReadySeconds: number, now: number): boolean {
  return !factsAvailable(f, minReadySeconds, now) || f.terminating;
}

/** isRunningAndReady: phase Running and the Ready condition True. */
export function factsRunningAndReady(f: PodFacts): boolean {
  return f.phase === 'Running' && f.ready;
}
