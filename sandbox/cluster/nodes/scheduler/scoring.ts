// Scoring the nodes that passed the filters, with the default profile's plugins and weights
// (pkg/scheduler/apis/config/v1/default_plugins.go): TaintToleration 3, NodeAffinity 2,
// PodTopologySpread 2 (the system default constraints: spread the pods of the same Service,
// ReplicaSet or StatefulSet over hostnames with maxSkew 3 and zones with maxSkew 5),
// NodeResourcesFit 1 (LeastAllocated), NodeResourcesBalancedAllocation 1. InterPodAffinity and
// ImageLocality are not modelled (they score every node alike here).
// Sources: pkg/scheduler/framework/plugins/{tainttoleration,nodeaffinity,podtopologyspread,
// noderesources/least_allocated.go,noderesources/balanced_allocation.go,helper/normalize_score.go}.
import type { Pod, Toleration } from '../../types.ts';
import { tolerationsTolerateTaint } from '../taints.ts';
import { preferredNodeAffinityScore } from './node-affinity.ts';
import { podRequests, type Allocatable, type Resources } from './resources.ts';
import { countsForSpread, type NodeInfo, type NodeSlot } from './node-info.ts';

export const MAX_NODE_SCORE = 100;

/** helper.DefaultNormalizeScore. */
function defaultNormalize(scores: number[], reverse: boolean): number[] {
  const max = Math.max(0, ...scores);
  if (max === 0) return scores.map(() => (reverse ? MAX_NODE_SCORE : 0));
  return scores.map((s) => {
    const v = Math.trunc((MAX_NODE_SCORE * s) / max);
    return reverse ? MAX_NODE_SCORE - v : v;
  });
}

// The two resource scores take the pod's non-zero requests, worked out once per pod (not once per
// node), and the node's parsed allocatable. Helpers live at module level: a closure made per node
// scored costs an allocation each time.

/** LeastAllocated for one resource. */
function leastAllocatedOne(capacity: number, requested: number): number {
  return capacity === 0 || requested > capacity ? 0 : Math.trunc(((capacity - requested) * MAX_NODE_SCORE) / capacity);
}

function leastAllocated(req: Readonly<Resources>, alloc: Readonly<Allocatable>, info: NodeInfo): number {
  const cpu = leastAllocatedOne(alloc.milliCPU, info.nonZeroRequested.milliCPU + req.milliCPU);
  const mem = leastAllocatedOne(alloc.memory, info.nonZeroRequested.memory + req.memory);
  return Math.trunc((cpu + mem) / 2);
}

/** BalancedAllocation's requested fraction of one resource. */
function fraction(capacity: number, requested: number): number {
  return capacity === 0 ? 0 : Math.min(1, requested / capacity);
}

function balancedAllocation(req: Readonly<Resources>, alloc: Readonly<Allocatable>, info: NodeInfo): number {
  const f1 = fraction(alloc.milliCPU, info.nonZeroRequested.milliCPU + req.milliCPU);
  const f2 = fraction(alloc.memory, info.nonZeroRequested.memory + req.memory);
  const std = Math.abs(f1 - f2) / 2;
  return Math.trunc((1 - std) * MAX_NODE_SCORE);
}

/**
 * The pods that "belong together" with `pod` (helper.DefaultSelector), or undefined when none.
 * `key` names the selectors it applies: counts of matching pods per node are remembered under it
 * until the node's pods change.
 */
export type SpreadMatcher = ((other: Pod) => boolean) & { key?: string };

/**
 * The pods on a node that count for the spread: not being deleted, in the pod's namespace, and
 * matched. Remembered under `memoKey` (namespace and selectors) until the node's pods change.
 */
function matchingPodsOn(info: NodeInfo, namespace: string | undefined, matches: SpreadMatcher, memoKey: string | undefined): number {
  const hit = memoKey === undefined ? undefined : info.spreadCounts.get(memoKey);
  if (hit && hit.version === info.version) return hit.count;
  let n = 0;
  for (const p of info.pods.values()) if (countsForSpread(p, namespace, matches)) n++;
  if (memoKey !== undefined) {
    // Each count kept is updated on every change to the node's pods: keep a few.
    if (!hit && info.spreadCounts.size >= MAX_SPREAD_COUNTS) info.spreadCounts.clear();
    info.spreadCounts.set(memoKey, { version: info.version, count: n, namespace, matches });
  }
  return n;
}

const MAX_SPREAD_COUNTS = 8;

/** How many distinct hostnames and zones the nodes have. */
function domainCounts(nodes: NodeSlot[]): { hostnames: number; zones: number } {
  const hostnames = new Set<string>();
  const zones = new Set<string>();
  for (const { hostname, zone } of nodes) {
    if (hostname !== undefined) hostnames.add(hostname);
    if (zone !== undefined) zones.add(zone);
  }
  return { hostnames: hostnames.size, zones: zones.size };
}

/** Hostname and zone domains among all the nodes (the usual candidates: every node passes the filters). */
const allNodesDomains = new WeakMap<NodeSlot[], { hostnames: number; zones: number }>();

function candidateDomains(nodes: NodeSlot[], allNodes: NodeSlot[]): { hostnames: number; zones: number } {
  // The candidates are a subsequence of all the nodes: as many means the same nodes.
  if (nodes.length !== allNodes.length) return domainCounts(nodes);
  let d = allNodesDomains.get(allNodes);
  if (!d) allNodesDomains.set(allNodes, (d = domainCounts(allNodes)));
  return d;
}

// The system default constraints (podtopologyspread/plugin.go systemDefaultConstraints).
const HOSTNAME_MAX_SKEW = 3;
const ZONE_MAX_SKEW = 5;

function podTopologySpread(pod: Pod, nodes: NodeSlot[], allNodes: NodeSlot[], matches: SpreadMatcher | undefined): number[] {
  if (!matches) return nodes.map(() => 0);
  const namespace = pod.metadata.namespace;
  const memoKey = matches.key === undefined ? undefined : `${namespace}|${matches.key}`;
  // Pod counts per zone over all nodes; weights from the number of domains among candidates.
  const zoneCounts = new Map<string, number>();
  for (const { zone, info } of allNodes) {
    if (zone !== undefined) zoneCounts.set(zone, (zoneCounts.get(zone) ?? 0) + matchingPodsOn(info, namespace, matches, memoKey));
  }
  const domains = candidateDomains(nodes, allNodes);
  const hostnameWeight = Math.log(domains.hostnames + 2);
  const zoneWeight = Math.log(domains.zones + 2);
  const raw: number[] = new Array(nodes.length);
  let max = 0;
  let min = Infinity;
  for (let i = 0; i < nodes.length; i++) {
    const { info, hostname, zone } = nodes[i];
    // Hostname first, then zone: the terms are added in the constraints' order.
    let score = 0;
    if (hostname !== undefined) score += matchingPodsOn(info, namespace, matches, memoKey) * hostnameWeight + (HOSTNAME_MAX_SKEW - 1);
    if (zone !== undefined) score += (zoneCounts.get(zone) ?? 0) * zoneWeight + (ZONE_MAX_SKEW - 1);
    const s = Math.round(score);
    raw[i] = s;
    if (s > max) max = s;
    if (s < min) min = s;
  }
  return raw.map((s) => (max === 0 ? MAX_NODE_SCORE : Math.trunc((MAX_NODE_SCORE * (max + min - s)) / max)));
}

/** TaintToleration's count: the node's PreferNoSchedule taints the pod does not tolerate. */
function intolerablePreferNoSchedule(slot: NodeSlot, preferNoSchedule: Toleration[]): number {
  let n = 0;
  for (const t of slot.preferNoScheduleTaints) if (!tolerationsTolerateTaint(preferNoSchedule, t)) n++;
  return n;
}

/** The weighted total of each candidate node's scores, in the order given. */
export function scoreNodes(pod: Pod, nodes: NodeSlot[], allNodes: NodeSlot[], spread: SpreadMatcher | undefined): number[] {
  // TaintToleration and NodeAffinity: with no PreferNoSchedule taint on any candidate, or no
  // preferred terms on the pod, every node's raw score is 0 and normalises to 100 (taints,
  // reversed) or 0 (affinity): known without a pass over the nodes.
  let taint: number[] | undefined;
  if (nodes.some((n) => n.preferNoScheduleTaints.length)) {
    const preferNoSchedule = (pod.spec?.tolerations ?? []).filter((t) => !t.effect || t.effect === 'PreferNoSchedule');
    taint = defaultNormalize(nodes.map((n) => intolerablePreferNoSchedule(n, preferNoSchedule)), true);
  }
  let affinity: number[] | undefined;
  if (pod.spec?.affinity?.nodeAffinity?.preferredDuringSchedulingIgnoredDuringExecution?.length) {
    affinity = defaultNormalize(nodes.map((n) => preferredNodeAffinityScore(pod, n.node)), false);
  }
  const spreadScores = podTopologySpread(pod, nodes, allNodes, spread);
  const req = podRequests(pod, true);
  const out: number[] = new Array(nodes.length);
  for (let i = 0; i < nodes.length; i++) {
    const { info, alloc } = nodes[i];
    const taintScore = taint ? taint[i] : MAX_NODE_SCORE;
    const affinityScore = affinity ? affinity[i] : 0;
    out[i] = 3 * taintScore + 2 * affinityScore + 2 * spreadScores[i] + leastAllocated(req, alloc, info) + balancedAllocation(req, alloc, info);
  }
  return out;
}
