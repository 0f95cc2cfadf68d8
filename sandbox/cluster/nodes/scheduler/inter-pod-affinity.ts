// The InterPodAffinity Filter: the incoming pod's required pod affinity and anti-affinity, and the
// required anti-affinity of the pods already placed (the ZooKeeper tutorial's "one per host").
// Source: kubernetes/kubernetes pkg/scheduler/framework/plugins/interpodaffinity/filtering.go
// (PreFilter counts per topology pair; Filter: affinity (UnschedulableAndUnresolvable), then
// anti-affinity, then existing pods' anti-affinity (Unschedulable)).
import type { Node, Pod } from '../../types.ts';
import { labelSelectorMatcher } from '../../api/selectors.ts';
import type { FilterStatus } from './filters.ts';

export const ERR_REASON_AFFINITY_RULES = "node(s) didn't match pod affinity rules";
export const ERR_REASON_ANTI_AFFINITY_RULES = "node(s) didn't match pod anti-affinity rules";
export const ERR_REASON_EXISTING_ANTI_AFFINITY_RULES = "node(s) didn't satisfy existing pods anti-affinity rules";

interface Term {
  topologyKey: string;
  labelSelector?: any;
  namespaces?: string[];
  namespaceSelector?: any;
}

export interface AffinityState {
  affinityTerms: Term[];
  antiAffinityTerms: Term[];
  affinityCounts: Map<string, number>;
  antiAffinityCounts: Map<string, number>;
  existingAntiAffinityCounts: Map<string, number>;
  podMatchesOwnAffinity: boolean;
}

const pair = (k: string, v: string) => `${k}\u0000${v}`;
const inc = (m: Map<string, number>, k: string) => m.set(k, (m.get(k) ?? 0) + 1);

/** PodMatchesTermsNamespaceAndSelector: a null selector matches nothing, {} matches every pod. */
function termMatches(term: Term, owner: Pod, target: Pod): boolean {
  const namespaces = term.namespaces?.length ? term.namespaces : term.namespaceSelector ? undefined : [owner.metadata.namespace];
  // A namespaceSelector is taken as "all namespaces" when empty; labelled namespaces are not modelled.
  if (namespaces && !namespaces.includes(target.metadata.namespace)) return false;
  if (!term.labelSelector) return false;
  return labelSelectorMatcher(term.labelSelector)(target.metadata.labels ?? {});
}

function requiredTerms(pod: Pod, kind: 'podAffinity' | 'podAntiAffinity'): Term[] {
  return ((pod.spec?.affinity as any)?.[kind]?.requiredDuringSchedulingIgnoredDuringExecution ?? []) as Term[];
}

export function hasInterPodAffinity(pod: Pod): boolean {
  return requiredTerms(pod, 'podAffinity').length > 0 || requiredTerms(pod, 'podAntiAffinity').length > 0;
}

/** PreFilter: the topology pairs that hold matching pods, over every placed pod in the cluster. */
export function interPodAffinityPreFilter(pod: Pod, placed: { node: Node; pods: Iterable<Pod> }[]): AffinityState {
  const affinityTerms = requiredTerms(pod, 'podAffinity');
  const antiAffinityTerms = requiredTerms(pod, 'podAntiAffinity');
  const s: AffinityState = {
    affinityTerms, antiAffinityTerms,
    affinityCounts: new Map(), antiAffinityCounts: new Map(), existingAntiAffinityCounts: new Map(),
    podMatchesOwnAffinity: affinityTerms.every((t) => termMatches(t, pod, pod)),
  };
  for (const { node, pods } of placed) {
    const labels = node.metadata.labels ?? {};
    for (const existing of pods) {
      if (affinityTerms.length && affinityTerms.every((t) => termMatches(t, pod, existing))) {
        for (const t of affinityTerms) if (labels[t.topologyKey] !== undefined) inc(s.affinityCounts, pair(t.topologyKey, labels[t.topologyKey]));
      }
      for (const t of antiAffinityTerms) {
        if (termMatches(t, pod, existing) && labels[t.topologyKey] !== undefined) inc(s.antiAffinityCounts, pair(t.topologyKey, labels[t.topologyKey]));
      }
      for (const t of requiredTerms(existing, 'podAntiAffinity')) {
        if (termMatches(t, existing, pod) && labels[t.topologyKey] !== undefined) inc(s.existingAntiAffinityCounts, pair(t.topologyKey, labels[t.topologyKey]));
      }
    }
  }
  return s;
}

export function interPodAffinityFilter(s: AffinityState, node: Node): FilterStatus | undefined {
  const labels = node.metadata.labels ?? {};
  // satisfyPodAffinity: every term's topology must hold a matching pod, unless this is the first
  // pod of a group that matches its own terms.
  let podsExist = true;
  for (const t of s.affinityTerms) {
    const v = labels[t.topologyKey];
    if (v === undefined) return { reasons: [ERR_REASON_AFFINITY_RULES], unresolvable: true };
    if (!((s.affinityCounts.get(pair(t.topologyKey, v)) ?? 0) > 0)) podsExist = false;
  }
  if (!podsExist && !(s.affinityCounts.size === 0 && s.podMatchesOwnAffinity)) return { reasons: [ERR_REASON_AFFINITY_RULES], unresolvable: true };
  for (const t of s.antiAffinityTerms) {
    const v = labels[t.topologyKey];
    if (v !== undefined && (s.antiAffinityCounts.get(pair(t.topologyKey, v)) ?? 0) > 0) return { reasons: [ERR_REASON_ANTI_AFFINITY_RULES], unresolvable: false };
  }
  for (const [k, v] of Object.entries(labels)) {
    if ((s.existingAntiAffinityCounts.get(pair(k, v)) ?? 0) > 0) return { reasons: [ERR_REASON_EXISTING_ANTI_AFFINITY_RULES], unresolvable: false };
  }
  return undefined;
}
