// The scheduler's view of what is already on each node (its cache of NodeInfo): pods bound to a
// node and the sums of their requests, kept up to date from the pod informer and by "assuming"
// a pod the moment it is bound. Source: kubernetes/kubernetes pkg/scheduler/backend/cache and
// framework/types.go NodeInfo (Requested, NonZeroRequested, UsedPorts, Pods).
import type { Node, Pod, Taint } from '../../types.ts';
import { computePodRequests, nodeAllocatable, podHostPorts, podRequests, type Allocatable, type Resources } from './resources.ts';
import { isPodTerminal, podKey } from '../node-utils.ts';

export interface NodeInfo {
  pods: Map<string, Pod>;
  requested: Resources;
  nonZeroRequested: Resources;
  usedPorts: string[];
  /** Bumped whenever the node's pods change as the spread counts see them (lets scoring remember per-node counts). */
  version: number;
  /** Scoring's counts of matching pods, by namespace and selectors (see SpreadCount). */
  spreadCounts: Map<string, SpreadCount>;
}

/**
 * How many of a node's pods count for a spread (PodTopologySpread scoring): not being deleted, in
 * `namespace`, and matched. Valid while `version` is the node's version; the cache keeps valid
 * counts up to date as pods come and go (one match per change, not a recount of the node).
 */
export interface SpreadCount {
  version: number;
  count: number;
  namespace: string | undefined;
  matches: (pod: Pod) => boolean;
}

/** Whether a pod counts for a spread. */
export function countsForSpread(pod: Pod, namespace: string | undefined, matches: (pod: Pod) => boolean): boolean {
  return !pod.metadata.deletionTimestamp && pod.metadata.namespace === namespace && matches(pod);
}

/** The node's pods changed (one pod out, one in, or both): its version moves, its valid counts follow. */
function podsChanged(info: NodeInfo, out: Pod | undefined, into: Pod | undefined): void {
  const before = info.version++;
  for (const c of info.spreadCounts.values()) {
    if (c.version !== before) continue;
    if (out && countsForSpread(out, c.namespace, c.matches)) c.count--;
    if (into && countsForSpread(into, c.namespace, c.matches)) c.count++;
    c.version = info.version;
  }
}

/**
 * A node as a scheduling cycle sees it: the object, what is on it, and what scoring reads of the
 * node itself (worked out once per node object, not once per pod scored).
 */
export interface NodeSlot {
  node: Node;
  info: NodeInfo;
  alloc: Readonly<Allocatable>;
  /** The kubernetes.io/hostname and topology.kubernetes.io/zone labels (the spread's domains). */
  hostname: string | undefined;
  zone: string | undefined;
  /** Its PreferNoSchedule taints (TaintToleration scoring). */
  preferNoScheduleTaints: Taint[];
}

export function nodeSlot(node: Node, info: NodeInfo): NodeSlot {
  const labels = node.metadata.labels;
  return {
    node, info, alloc: nodeAllocatable(node),
    hostname: labels?.[LABEL_HOSTNAME], zone: labels?.[LABEL_ZONE],
    preferNoScheduleTaints: (node.spec?.taints ?? []).filter((t) => t.effect === 'PreferNoSchedule'),
  };
}

export const LABEL_HOSTNAME = 'kubernetes.io/hostname';
export const LABEL_ZONE = 'topology.kubernetes.io/zone';

export class NodeInfoCache {
  private byNode = new Map<string, NodeInfo>();
  private nodeOfPod = new Map<string, string>();
  /** What each placed pod added, so removing it does not compute it again. */
  private added = new Map<string, Added>();
  /** How many placed pods carry required pod anti-affinity (HavePodsWithRequiredAntiAffinityList). */
  podsWithRequiredAntiAffinity = 0;

  get(nodeName: string): NodeInfo {
    let info = this.byNode.get(nodeName);
    if (!info) this.byNode.set(nodeName, (info = { pods: new Map(), requested: { milliCPU: 0, memory: 0 }, nonZeroRequested: { milliCPU: 0, memory: 0 }, usedPorts: [], version: 0, spreadCounts: new Map() }));
    return info;
  }

  /** Adds, moves or drops a pod: terminal pods and unbound pods take no room. */
  update(pod: Pod): void {
    const key = podKey(pod);
    const nodeName = pod.spec?.nodeName;
    if (nodeName && this.nodeOfPod.get(key) === nodeName && !isPodTerminal(pod) && this.replace(key, nodeName, pod)) return;
    this.remove(key);
    if (!nodeName || isPodTerminal(pod)) return;
    this.add(key, nodeName, pod, pod);
  }

  /**
   * Places a pod that is not bound yet on the node chosen for it ("assume"): the copy kept has
   * the node name, and what it adds is worked out from the stored pod, whose requests scheduling
   * has just parsed (remembered by its spec; a node name does not change them).
   */
  assume(pod: Pod, nodeName: string): void {
    const key = podKey(pod);
    this.remove(key);
    if (isPodTerminal(pod)) return;
    this.add(key, nodeName, { ...pod, spec: { ...pod.spec!, nodeName } }, pod);
  }

  /** Adds `placed` to the node, with the requests and ports of `source` (the same pod, or the stored pod it is a copy of). */
  private add(key: string, nodeName: string, placed: Pod, source: Pod): void {
    const info = this.get(nodeName);
    info.pods.set(key, placed);
    podsChanged(info, undefined, placed);
    const added: Added = { r: podRequests(source), nz: podRequests(source, true), ports: podHostPorts(source) };
    account(info, added, 1);
    this.added.set(key, added);
    if (hasRequiredAntiAffinity(source)) this.podsWithRequiredAntiAffinity++;
    this.nodeOfPod.set(key, nodeName);
  }

  /**
   * A new version of a pod that stays on its node (status updates, the bound pod replacing the
   * assumed one: most pod events). What it adds is taken off and added again only when the spec
   * changed (a status update shares the stored spec), in the order remove and add would. The
   * version moves only when what the spread counts read (namespace, labels, deletionTimestamp)
   * changed: the node's counts stay valid otherwise. False when the pod is not there after all.
   */
  private replace(key: string, nodeName: string, pod: Pod): boolean {
    const info = this.get(nodeName);
    const prev = info.pods.get(key);
    if (!prev) return false;
    // Replaced where it is (remove and add would move it to the end: nothing depends on the order).
    info.pods.set(key, pod);
    if (prev.spec !== pod.spec) {
      account(info, this.added.get(key)!, -1);
      if (hasRequiredAntiAffinity(prev)) this.podsWithRequiredAntiAffinity--;
      // The bound pod's spec replacing the assumed copy's, mostly: later versions share it, so
      // it is parsed here once, not remembered by the spec as the scheduling attempts' are.
      const added: Added = { r: computePodRequests(pod), nz: computePodRequests(pod, true), ports: podHostPorts(pod) };
      account(info, added, 1);
      this.added.set(key, added);
      if (hasRequiredAntiAffinity(pod)) this.podsWithRequiredAntiAffinity++;
    }
    const a = prev.metadata;
    const b = pod.metadata;
    if (a.labels !== b.labels || a.deletionTimestamp !== b.deletionTimestamp || a.namespace !== b.namespace) podsChanged(info, prev, pod);
    return true;
  }

  remove(key: string): void {
    const nodeName = this.nodeOfPod.get(key);
    if (!nodeName) return;
    this.nodeOfPod.delete(key);
    const info = this.get(nodeName);
    const pod = info.pods.get(key);
    if (!pod) return;
    info.pods.delete(key);
    podsChanged(info, pod, undefined);
    if (hasRequiredAntiAffinity(pod)) this.podsWithRequiredAntiAffinity--;
    account(info, this.added.get(key)!, -1);
    this.added.delete(key);
  }
}

/** What a placed pod adds to its node: its requests (as given and non-zero) and host ports. */
type Added = { r: Readonly<Resources>; nz: Readonly<Resources>; ports: string[] };

/** Adds (sign 1) or takes off (sign -1) what a pod adds to its node. */
function account(info: NodeInfo, a: Added, sign: 1 | -1): void {
  info.requested.milliCPU += sign * a.r.milliCPU;
  info.requested.memory += sign * a.r.memory;
  info.nonZeroRequested.milliCPU += sign * a.nz.milliCPU;
  info.nonZeroRequested.memory += sign * a.nz.memory;
  if (sign > 0) info.usedPorts.push(...a.ports);
  else removePorts(info.usedPorts, a.ports);
}

function removePorts(used: string[], ports: string[]): void {
  for (const p of ports) {
    const i = used.indexOf(p);
    if (i >= 0) used.splice(i, 1);
  }
}

function hasRequiredAntiAffinity(pod: Pod): boolean {
  return (pod.spec?.affinity?.podAntiAffinity?.requiredDuringSchedulingIgnoredDuringExecution ?? []).length > 0;
}
