// The text of a scheduling failure, as FitError.Error() builds it: "0/X nodes are available:
// <PreFilterMsg>. <FilterMsg>. <PostFilterMsg>" with the per-node reasons counted and sorted.
// Sources: kubernetes/kubernetes pkg/scheduler/framework/types.go (FitError.Error, 1.35 form:
// the PostFilter message is appended with " %v", it ends with its own period),
// pkg/scheduler/framework/runtime/framework.go RunPostFilterPlugins (plugin reasons joined with
// ", "), plugins/dynamicresources (PostFilter "no new claims to deallocate"; DRA is on by default
// since 1.34) and pkg/scheduler/framework/preemption/preemption.go ("preemption: " + a FitError
// whose nodes read "Preemption is not helpful for scheduling" when the filter verdict was
// UnschedulableAndUnresolvable, else "No preemption victims found for incoming pod": every pod in
// the lab has the same priority, so there is never a lower-priority victim).
import type { FilterStatus } from './filters.ts';

export const NO_NODES_AVAILABLE = 'no nodes available to schedule pods';
export const PREEMPTION_NOT_HELPFUL = 'Preemption is not helpful for scheduling';
export const NO_PREEMPTION_VICTIMS = 'No preemption victims found for incoming pod';
export const DRA_POST_FILTER = 'no new claims to deallocate';

export interface Diagnosis {
  numAllNodes: number;
  /** Set when a PreFilter plugin rejected the pod for every node. */
  preFilterMsg?: string;
  /** The failing verdict for each node (when PreFilter passed). */
  nodeStatuses: FilterStatus[];
}

/** "0/3 nodes are available: 1 node(s) were unschedulable, 2 Insufficient cpu." */
function histogram(numAllNodes: number, reasonsPerNode: string[][], preFilterMsg?: string): string {
  let msg = `0/${numAllNodes} nodes are available:`;
  if (preFilterMsg) return `${msg} ${preFilterMsg}.`;
  const counts = new Map<string, number>();
  for (const reasons of reasonsPerNode) for (const r of reasons) counts.set(r, (counts.get(r) ?? 0) + 1);
  // sort.Strings on "<count> <reason>": byte order, so "10 x" sorts before "2 y" as in Go.
  const parts = [...counts].map(([r, n]) => `${n} ${r}`).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  if (parts.length) msg += ` ${parts.join(', ')}.`;
  return msg;
}

// A PreFilter rejection's text depends only on the node count and the PreFilter message, and the
// same one comes back for every pod waiting on the same thing (e.g. "pod has unbound immediate
// PersistentVolumeClaims" for a thousand pods of a StatefulSet): built once. Bounded, as the
// messages may name claims.
const preFilterTexts = new Map<string, string>();
const PRE_FILTER_TEXTS_MAX = 256;

export function fitErrorMessage(d: Diagnosis): string {
  if (!d.preFilterMsg) return buildFitErrorMessage(d);
  const key = `${d.numAllNodes}/${d.preFilterMsg}`;
  let text = preFilterTexts.get(key);
  if (text === undefined) {
    if (preFilterTexts.size >= PRE_FILTER_TEXTS_MAX) preFilterTexts.clear();
    preFilterTexts.set(key, (text = buildFitErrorMessage(d)));
  }
  return text;
}

function buildFitErrorMessage(d: Diagnosis): string {
  const filterMsg = histogram(d.numAllNodes, d.nodeStatuses.map((s) => s.reasons), d.preFilterMsg);
  // Preemption's own diagnosis: a PreFilter rejection leaves every node "absent", which
  // preemption treats as unresolvable.
  const preemption = d.preFilterMsg
    ? Array.from({ length: d.numAllNodes }, () => [PREEMPTION_NOT_HELPFUL])
    : d.nodeStatuses.map((s) => [s.unresolvable ? PREEMPTION_NOT_HELPFUL : NO_PREEMPTION_VICTIMS]);
  const postFilterMsg = `${DRA_POST_FILTER}, preemption: ${histogram(d.numAllNodes, preemption)}`;
  return `${filterMsg} ${postFilterMsg}`;
}
