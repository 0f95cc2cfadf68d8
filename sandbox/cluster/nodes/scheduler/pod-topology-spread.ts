// The PodTopologySpread Filter for a pod's own `whenUnsatisfiable: DoNotSchedule` constraints:
// placing the pod must not make its domain exceed the emptiest domain by more than maxSkew.
// Source: kubernetes/kubernetes pkg/scheduler/framework/plugins/podtopologyspread/filtering.go
// (ErrReasonConstraintsNotMatch, ErrReasonNodeLabelNotMatch; nodeAffinityPolicy Honor and
// nodeTaintsPolicy Ignore by default; minDomains).
import type { Node, Pod } from '../../types.ts';
import { labelSelectorMatcher } from '../../api/selectors.ts';
import { matchesRequiredNodeAffinity } from './node-affinity.ts';
import type { FilterStatus } from './filters.ts';

export const ERR_REASON_CONSTRAINTS_NOT_MATCH = "node(s) didn't match pod topology spread constraints";
export const ERR_REASON_NODE_LABEL_NOT_MATCH = `${ERR_REASON_CONSTRAINTS_NOT_MATCH} (missing required label)`;

interface Constraint {
  key: string;
  maxSkew: number;
  selfMatch: number;
  counts: Map<string, number>;
  min: number;
}

export type SpreadState = Constraint[];

/** PreFilter: matching pods per domain of each hard constraint, over the nodes the pod may use. */
export function podTopologySpreadPreFilter(pod: Pod, placedPods: () => { node: Node; pods: Iterable<Pod> }[]): SpreadState | undefined {
  const hard = (pod.spec?.topologySpreadConstraints ?? []).filter((c) => c.whenUnsatisfiable === 'DoNotSchedule');
  if (!hard.length) return undefined;
  // Asked for only now: a pod without hard constraints never needs the placed pods.
  const placed = placedPods();
  return hard.map((c) => {
    // matchLabelKeys: the pod's own values for those keys join the selector.
    const extra = Object.fromEntries((c.matchLabelKeys ?? []).filter((k) => pod.metadata.labels?.[k] !== undefined).map((k) => [k, pod.metadata.labels![k]]));
    const sel = c.labelSelector ? { ...c.labelSelector, matchLabels: { ...c.labelSelector.matchLabels, ...extra } } : undefined;
    const match = sel ? labelSelectorMatcher(sel) : () => false;
    const counts = new Map<string, number>();
    for (const { node, pods } of placed) {
      const v = node.metadata.labels?.[c.topologyKey];
      if (v === undefined || ((c.nodeAffinityPolicy ?? 'Honor') === 'Honor' && !matchesRequiredNodeAffinity(pod, node))) continue;
      let n = counts.get(v) ?? 0;
      for (const p of pods) if (!p.metadata.deletionTimestamp && p.metadata.namespace === pod.metadata.namespace && match(p.metadata.labels ?? {})) n++;
      counts.set(v, n);
    }
    let min = counts.size ? Math.min(...counts.values()) : 0;
    if (c.minDomains && counts.size < c.minDomains) min = 0;
    return { key: c.topologyKey, maxSkew: c.maxSkew, selfMatch: match(pod.metadata.labels ?? {}) ? 1 : 0, counts, min };
  });
}

export function podTopologySpreadFilter(state: SpreadState, node: Node): FilterStatus | undefined {
  for (const c of state) {
    const v = node.metadata.labels?.[c.key];
    if (v === undefined) return { reasons: [ERR_REASON_NODE_LABEL_NOT_MATCH], unresolvable: true };
    const skew = (c.counts.get(v) ?? 0) + c.selfMatch - c.min;
    if (skew > c.maxSkew) return { reasons: [ERR_REASON_CONSTRAINTS_NOT_MATCH], unresolvable: false };
  }
  return undefined;
}
