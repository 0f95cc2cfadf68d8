// The Filter plugins of the default profile, in the order the framework runs them, with their
// failure reasons word for word. A node is rejected by the first plugin that fails.
// Sources (kubernetes/kubernetes pkg/scheduler/framework/plugins/):
//   nodeunschedulable/node_unschedulable.go  "node(s) were unschedulable"
//   tainttoleration/taint_toleration.go      "node(s) had untolerated taint(s)" (since 1.35 and
//                                            1.34.2 the taint is no longer named: PR #134740)
//   nodeaffinity/node_affinity.go            "node(s) didn't match Pod's node affinity/selector"
//   nodeports/node_ports.go                  "node(s) didn't have free ports for the requested pod ports"
//   noderesources/fit.go                     "Too many pods", "Insufficient cpu", "Insufficient memory"
//   volumebinding/volume_binding.go          PreFilter and Filter reasons below
//   podtopologyspread/filtering.go           see pod-topology-spread.ts
//   interpodaffinity/filtering.go            see inter-pod-affinity.ts
import type { Node, PersistentVolume, PersistentVolumeClaim, Pod, Taint } from '../../types.ts';
import { findMatchingUntoleratedTaint, TAINT_NODE_UNSCHEDULABLE, tolerationsTolerateTaint } from '../taints.ts';
import { matchesRequiredNodeAffinity, termMatches } from './node-affinity.ts';
import { portsConflict, type Allocatable, type Resources } from './resources.ts';
import type { NodeInfo } from './node-info.ts';
import { interPodAffinityFilter, type AffinityState } from './inter-pod-affinity.ts';
import { podTopologySpreadFilter, type SpreadState } from './pod-topology-spread.ts';
import { parseQuantity } from '../../api/quantity.ts';

export const ERR_REASON_UNSCHEDULABLE = 'node(s) were unschedulable';
export const ERR_REASON_UNTOLERATED_TAINT = 'node(s) had untolerated taint(s)';
export const ERR_REASON_NODE_AFFINITY = "node(s) didn't match Pod's node affinity/selector";
export const ERR_REASON_NODE_PORTS = "node(s) didn't have free ports for the requested pod ports";
export const ERR_REASON_VOLUME_NODE_CONFLICT = 'node(s) had volume node affinity conflict';
export const ERR_REASON_PV_NOT_EXIST = 'node(s) unavailable due to one or more pvc(s) bound to non-existent pv(s)';
export const ERR_REASON_UNBOUND_IMMEDIATE = 'pod has unbound immediate PersistentVolumeClaims';
export const ERR_REASON_BIND_CONFLICT = "node(s) didn't find available persistent volumes to bind";
const NO_PROVISIONER = 'kubernetes.io/no-provisioner';

/** A plugin's verdict on one node. `unresolvable` = UnschedulableAndUnresolvable (preemption cannot help). */
export interface FilterStatus {
  reasons: string[];
  unresolvable: boolean;
}

/** What PreFilter worked out once per scheduling attempt. */
export interface CycleState {
  pod: Pod;
  /** hasRequiredNodeAffinity(pod): whether NodeAffinity has anything to check. */
  nodeAffinity: boolean;
  requests: Readonly<Resources>;
  hostPorts: string[];
  /** PersistentVolumes of the pod's bound claims; undefined entries are claims bound to a missing PV. */
  boundVolumes: (PersistentVolume | undefined)[];
  /** Unbound claims that wait for their first consumer (WaitForFirstConsumer). */
  delayedClaims: PersistentVolumeClaim[];
  /** For delayed claims: free volumes, and whether a class provisions dynamically. */
  lookup?: VolumeLookup;
  /** PodTopologySpread PreFilter counts for the pod's DoNotSchedule constraints. */
  spread?: SpreadState;
  /** InterPodAffinity PreFilter counts (only when some pod in play has required terms). */
  affinity?: AffinityState;
}

export interface VolumeLookup {
  claim(namespace: string, name: string): PersistentVolumeClaim | undefined;
  volume(name: string): PersistentVolume | undefined;
  bindingMode(className: string | undefined): string | undefined;
  provisioner(className: string | undefined): string | undefined;
  /** PersistentVolumes not bound to any claim (candidates for WaitForFirstConsumer claims). */
  unboundVolumes(): PersistentVolume[];
}

const ANN_BIND_COMPLETED = 'pv.kubernetes.io/bind-completed';

/**
 * VolumeBinding PreFilter (podHasPVCs and GetPodVolumeClaims): a claim that does not exist, is
 * being deleted, was lost, or is an unbound Immediate claim rejects the pod on every node. Returns
 * the PreFilter message, or the cycle's volume data.
 */
export function volumeBindingPreFilter(pod: Pod, lookup: VolumeLookup): string | Pick<CycleState, 'boundVolumes' | 'delayedClaims'> {
  const boundVolumes: (PersistentVolume | undefined)[] = [];
  const delayedClaims: PersistentVolumeClaim[] = [];
  let unboundImmediate = false;
  for (const v of pod.spec?.volumes ?? []) {
    const claimName = v.persistentVolumeClaim?.claimName ?? (v.ephemeral ? `${pod.metadata.name}-${v.name}` : undefined);
    if (!claimName) continue;
    const pvc = lookup.claim(pod.metadata.namespace!, claimName);
    if (!pvc) {
      if (v.ephemeral) return `waiting for ephemeral volume controller to create the persistentvolumeclaim "${claimName}"`;
      return `persistentvolumeclaim "${claimName}" not found`;
    }
    if (pvc.status?.phase === 'Lost') return `persistentvolumeclaim "${claimName}" bound to non-existent persistentvolume "${pvc.spec?.volumeName ?? ''}"`;
    if (pvc.metadata.deletionTimestamp) return `persistentvolumeclaim "${claimName}" is being deleted`;
    // isPVCFullyBound: a volume name and the bind-completed annotation.
    if (pvc.spec?.volumeName && pvc.metadata.annotations?.[ANN_BIND_COMPLETED] !== undefined) {
      boundVolumes.push(lookup.volume(pvc.spec.volumeName));
    } else if (lookup.bindingMode(pvc.spec?.storageClassName) === 'WaitForFirstConsumer') {
      delayedClaims.push(pvc);
    } else {
      unboundImmediate = true;
    }
  }
  if (unboundImmediate) return ERR_REASON_UNBOUND_IMMEDIATE;
  return { boundVolumes, delayedClaims };
}

/** TaintToleration looks only at NoSchedule and NoExecute taints. */
function isSchedulingTaint(t: Taint): boolean {
  return t.effect === 'NoSchedule' || t.effect === 'NoExecute';
}

export function runFilters(state: CycleState, node: Node, info: NodeInfo, alloc: Readonly<Allocatable>): FilterStatus | undefined {
  const pod = state.pod;
  // NodeUnschedulable: spec.unschedulable, unless the pod tolerates the unschedulable taint.
  if (node.spec?.unschedulable && !tolerationsTolerateTaint(pod.spec?.tolerations, { key: TAINT_NODE_UNSCHEDULABLE, effect: 'NoSchedule' })) {
    return { reasons: [ERR_REASON_UNSCHEDULABLE], unresolvable: true };
  }
  // TaintToleration: only NoSchedule and NoExecute taints count.
  const taints = node.spec?.taints;
  if (taints?.length && findMatchingUntoleratedTaint(taints, pod.spec?.tolerations, isSchedulingTaint)) return { reasons: [ERR_REASON_UNTOLERATED_TAINT], unresolvable: true };
  // NodeAffinity: nodeSelector and required node affinity.
  if (state.nodeAffinity && !matchesRequiredNodeAffinity(pod, node)) return { reasons: [ERR_REASON_NODE_AFFINITY], unresolvable: true };
  // NodePorts.
  if (state.hostPorts.length && state.hostPorts.some((p) => info.usedPorts.some((u) => portsConflict(p, u)))) return { reasons: [ERR_REASON_NODE_PORTS], unresolvable: false };
  // NodeResourcesFit (fitsRequest): pods count, then cpu and memory against allocatable minus requested.
  const req = state.requests;
  const tooManyPods = info.pods.size + 1 > alloc.pods;
  const noCPU = req.milliCPU > 0 && req.milliCPU > alloc.milliCPU - info.requested.milliCPU;
  const noMemory = req.memory > 0 && req.memory > alloc.memory - info.requested.memory;
  // The reasons list is built only for a node that does not fit (most nodes do).
  if (tooManyPods || noCPU || noMemory) {
    const reasons: string[] = [];
    let unresolvable = false;
    if (tooManyPods) reasons.push('Too many pods');
    if (noCPU) {
      reasons.push('Insufficient cpu');
      if (req.milliCPU > alloc.milliCPU) unresolvable = true;
    }
    if (noMemory) {
      reasons.push('Insufficient memory');
      if (req.memory > alloc.memory) unresolvable = true;
    }
    return { reasons, unresolvable };
  }
  // VolumeBinding Filter: bound volumes must exist and their node affinity must admit the node.
  for (const pv of state.boundVolumes) {
    if (!pv) return { reasons: [ERR_REASON_PV_NOT_EXIST], unresolvable: true };
    const terms = pv.spec?.nodeAffinity?.required?.nodeSelectorTerms;
    if (terms && !terms.some((t) => termMatches(t, node))) return { reasons: [ERR_REASON_VOLUME_NODE_CONFLICT], unresolvable: true };
  }
  // VolumeBinding Filter for WaitForFirstConsumer claims: a free volume that fits this node, or
  // a class that provisions one (FindPodVolumes; static binding is tried first).
  if (state.delayedClaims.length && state.lookup && !findPodVolumes(state.delayedClaims, node, state.lookup)) {
    return { reasons: [ERR_REASON_BIND_CONFLICT], unresolvable: true };
  }
  // PodTopologySpread, then InterPodAffinity (the default profile's order).
  if (state.spread) {
    const s = podTopologySpreadFilter(state.spread, node);
    if (s) return s;
  }
  if (state.affinity) return interPodAffinityFilter(state.affinity, node);
  return undefined;
}

/**
 * FindPodVolumes for the unbound WaitForFirstConsumer claims on one node: for each claim the
 * smallest free volume that fits (class, access modes, size, node affinity), else "provision"
 * when its class has a provisioner. Undefined when some claim can be served neither way.
 */
export function findPodVolumes(claims: PersistentVolumeClaim[], node: Node, lookup: VolumeLookup): Map<PersistentVolumeClaim, PersistentVolume | 'provision'> | undefined {
  const taken = new Set<string>();
  const out = new Map<PersistentVolumeClaim, PersistentVolume | 'provision'>();
  for (const claim of claims) {
    const cls = claim.spec?.storageClassName ?? '';
    const want = Number.parseFloat(String(sizeOf(claim.spec?.resources?.requests?.storage)));
    const modes = claim.spec?.accessModes ?? [];
    const fits = lookup
      .unboundVolumes()
      .filter((pv) => !taken.has(pv.metadata.name!) && !pv.metadata.deletionTimestamp && (pv.spec?.storageClassName ?? '') === cls)
      .filter((pv) => modes.every((m) => (pv.spec?.accessModes ?? []).includes(m)))
      .filter((pv) => (pv.spec?.volumeMode ?? 'Filesystem') === (claim.spec?.volumeMode ?? 'Filesystem'))
      .filter((pv) => sizeOf(pv.spec?.capacity?.storage) >= want)
      .filter((pv) => {
        const terms = pv.spec?.nodeAffinity?.required?.nodeSelectorTerms;
        return !terms || terms.some((t) => termMatches(t, node));
      })
      .sort((a, b) => sizeOf(a.spec?.capacity?.storage) - sizeOf(b.spec?.capacity?.storage) || (a.metadata.name! < b.metadata.name! ? -1 : 1));
    if (fits.length) {
      taken.add(fits[0].metadata.name!);
      out.set(claim, fits[0]);
      continue;
    }
    const provisioner = lookup.provisioner(cls);
    if (!provisioner || provisioner === NO_PROVISIONER) return undefined;
    out.set(claim, 'provision');
  }
  return out;
}

function sizeOf(q: unknown): number {
  const v = parseQuantity(q as string | undefined);
  return Number.isFinite(v) ? v : 0;
}
