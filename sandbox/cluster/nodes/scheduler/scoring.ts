// Scoring the nodes that passed the filters, with the default profile's plugins and weights
// (pkg/scheduler/apis/config/v1/default_plugins.go): TaintToleration 3, NodeAffinity 2,
// PodTopologySpread 2 (the system default constraints: spread the pods of the same Service,
// ReplicaSet or StatefulSet over hostnames with maxSkew 3 and zones with maxSkew 5),
// NodeResourcesFit 1 (LeastAllocated), NodeResourcesBalancedAllocation 1. InterPodAffinity and
// ImageLocality are not modelled (they score every node alike here).
// Sources: pkg/scheduler/framework/plugins/{tainttoleration,nodeaffinity,podtopologyspread,
// noderesources/least_allocated.go,noderesources/balanced_allocation.go,helper/normalize_score.go}.
import type { Node, Pod } from '../../types.ts';
import { tolerationsTolerateTaint } from '../taints.ts';
import { preferredNodeAffinityScore } from './node-affinity.ts';
import { nodeAllocatable, podRequests } from './resources.ts';
import type { NodeInfo } from './node-info.ts';

export const MAX_NODE_SCORE = 100;
const LABEL_HOSTNAME = 'kubernetes.io/hostname';
const LABEL_ZONE = 'topology.kubernetes.io/zone';

/** helper.DefaultNormalizeScore. */
function defaultNormalize(scores: number[], reverse: boolean): number[] {
  const max = Math.max(0, ...scores);
  if (max === 0) return scores.map(() => (reverse ? MAX_NODE_SCORE : 0));
  return scores.map((s) => {
    const v = Math.trunc((MAX_NODE_SCORE * s) / max);
    return reverse ? MAX_NODE_SCORE - v : v;
  });
}

function leastAllocated(pod: Pod, node: Node, info: NodeInfo): number {
  const alloc = nodeAllocatable(node);
  const req = podRequests(pod, true);
  const one = (capacity: number, requested: number) => (capacity === 0 || requested > capacity ? 0 : Math.trunc(((capacity - requested) * MAX_NODE_SCORE) / capacity));
  const cpu = one(alloc.milliCPU, info.nonZeroRequested.milliCPU + req.milliCPU);
  const mem = one(alloc.memory, info.nonZeroRequested.memory + req.memory);
  return Math.trunc((cpu + mem) / 2);
}

function balancedAllocation(pod: Pod, node: Node, info: NodeInfo): number {
  const alloc = nodeAllocatable(node);
  const req = podRequests(pod, true);
  const frac = (capacity: number, requested: number) => (capacity === 0 ? 0 : Math.min(1, requested / capacity));
  const f1 = frac(alloc.milliCPU, info.nonZeroRequested.milliCPU + req.milliCPU);
  const f2 = frac(alloc.memory, info.nonZeroRequested.memory + req.memory);
  const std = Math.abs(f1 - f2) / 2;
  return Math.trunc((1 - std) * MAX_NODE_SCORE);
}

/**
 * The pods that "belong together" with `pod` (helper.DefaultSelector), or undefined when none.
 * `key` names the selectors it applies: counts of matching pods per node are remembered under it
 * until the node's pods change.
 */
export type SpreadMatcher = ((other: Pod) => boolean) & { key?: string };

const spreadCounts = new WeakMap<NodeInfo, Map<string, { version: number; count: number }>>();

function podTopologySpread(pod: Pod, nodes: Node[], allNodes: Node[], infoOf: (n: string) => NodeInfo, matches: SpreadMatcher | undefined): number[] {
  if (!matches) return nodes.map(() => 0);
  const count = (info: NodeInfo) => {
    const key = matches.key === undefined ? undefined : `${pod.metadata.namespace}|${matches.key}`;
    let memo = key === undefined ? undefined : spreadCounts.get(info);
    const hit = key === undefined ? undefined : memo?.get(key);
    if (hit && hit.version === info.version) return hit.count;
    let n = 0;
    for (const p of info.pods.values()) if (!p.metadata.deletionTimestamp && p.metadata.namespace === pod.metadata.namespace && matches(p)) n++;
    if (key !== undefined) {
      if (!memo) spreadCounts.set(info, (memo = new Map()));
      memo.set(key, { version: info.version, count: n });
    }
    return n;
  };
  const constraints = [
    { key: LABEL_HOSTNAME, maxSkew: 3 },
    { key: LABEL_ZONE, maxSkew: 5 },
  ];
  // Pod counts per zone over all nodes; weights from the number of domains among candidates.
  const zoneCounts = new Map<string, number>();
  for (const n of allNodes) {
    const z = n.metadata.labels?.[LABEL_ZONE];
    if (z !== undefined) zoneCounts.set(z, (zoneCounts.get(z) ?? 0) + count(infoOf(n.metadata.name!)));
  }
  const domains = (key: string) => new Set(nodes.map((n) => n.metadata.labels?.[key]).filter((v) => v !== undefined)).size;
  const weights = constraints.map((c) => Math.log(domains(c.key) + 2));
  const raw = nodes.map((n) => {
    let score = 0;
    constraints.forEach((c, i) => {
      const v = n.metadata.labels?.[c.key];
      if (v === undefined) return;
      const cnt = c.key === LABEL_HOSTNAME ? count(infoOf(n.metadata.name!)) : zoneCounts.get(v) ?? 0;
      score += cnt * weights[i] + (c.maxSkew - 1);
    });
    return Math.round(score);
  });
  const max = Math.max(0, ...raw);
  const min = Math.min(...raw);
  return raw.map((s) => (max === 0 ? MAX_NODE_SCORE : Math.trunc((MAX_NODE_SCORE * (max + min - s)) / max)));
}

/** The weighted total of each candidate node's scores, in the order given. */
export function scoreNodes(pod: Pod, nodes: Node[], allNodes: Node[], infoOf: (n: string) => NodeInfo, spread: SpreadMatcher | undefined): number[] {
  const preferNoSchedule = (pod.spec?.tolerations ?? []).filter((t) => !t.effect || t.effect === 'PreferNoSchedule');
  const taint = defaultNormalize(
    nodes.map((n) => (n.spec?.taints ?? []).filter((t) => t.effect === 'PreferNoSchedule' && !tolerationsTolerateTaint(preferNoSchedule, t)).length),
    true,
  );
  const affinity = defaultNormalize(nodes.map((n) => preferredNodeAffinityScore(pod, n)), false);
  const spreadScores = podTopologySpread(pod, nodes, allNodes, infoOf, spread);
  return nodes.map((n, i) => {
    const info = infoOf(n.metadata.name!);
    return 3 * taint[i] + 2 * affinity[i] + 2 * spreadScores[i] + leastAllocated(pod, n, info) + balancedAllocation(pod, n, info);
  });
}
