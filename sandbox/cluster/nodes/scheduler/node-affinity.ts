// Matching a pod's nodeSelector and node affinity against a node's labels and fields.
// Source: kubernetes/kubernetes staging/src/k8s.io/component-helpers/scheduling/corev1/nodeaffinity
// (NodeSelectorRequirementsAsSelector, GetRequiredNodeAffinity.Match) and
// pkg/scheduler/framework/plugins/nodeaffinity/node_affinity.go.
import type { Node, Pod } from '../../types.ts';

interface Requirement {
  key: string;
  operator: string;
  values?: string[];
}

function requirementMatches(r: Requirement, get: (k: string) => string | undefined): boolean {
  const v = get(r.key);
  const values = r.values ?? [];
  switch (r.operator) {
    case 'In':
      return v !== undefined && values.includes(v);
    case 'NotIn':
      return v === undefined || !values.includes(v);
    case 'Exists':
      return v !== undefined;
    case 'DoesNotExist':
      return v === undefined;
    case 'Gt':
    case 'Lt': {
      if (v === undefined || values.length !== 1) return false;
      const a = Number(v);
      const b = Number(values[0]);
      if (!Number.isInteger(a) || !Number.isInteger(b)) return false;
      return r.operator === 'Gt' ? a > b : a < b;
    }
    default:
      return false;
  }
}

/** One nodeSelectorTerm: its expressions and fields are ANDed; an empty term matches nothing. */
export function termMatches(term: any, node: Node): boolean {
  const exprs: Requirement[] = term?.matchExpressions ?? [];
  const fields: Requirement[] = term?.matchFields ?? [];
  if (!exprs.length && !fields.length) return false;
  const labels = node.metadata.labels ?? {};
  if (!exprs.every((r) => requirementMatches(r, (k) => labels[k]))) return false;
  return fields.every((r) => requirementMatches(r, (k) => (k === 'metadata.name' ? node.metadata.name : undefined)));
}

/** Whether the pod has a nodeSelector or required node affinity: without, every node matches. */
export function hasRequiredNodeAffinity(pod: Pod): boolean {
  return pod.spec?.nodeSelector !== undefined || pod.spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms !== undefined;
}

/** GetRequiredNodeAffinity(pod).Match(node): nodeSelector AND (any required term). */
export function matchesRequiredNodeAffinity(pod: Pod, node: Node): boolean {
  const selector = pod.spec?.nodeSelector;
  if (selector) {
    const labels = node.metadata.labels ?? {};
    for (const k in selector) if (labels[k] !== selector[k]) return false;
  }
  const terms = pod.spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms;
  if (terms === undefined) return true;
  return terms.some((t) => termMatches(t, node));
}

/** The NodeAffinity score before normalising: the weights of the preferred terms the node matches. */
export function preferredNodeAffinityScore(pod: Pod, node: Node): number {
  let score = 0;
  for (const p of pod.spec?.affinity?.nodeAffinity?.preferredDuringSchedulingIgnoredDuringExecution ?? []) {
    if (p.weight && termMatches(p.preference, node)) score += p.weight;
  }
  return score;
}
