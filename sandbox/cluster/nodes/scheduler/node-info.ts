// The scheduler's view of what is already on each node (its cache of NodeInfo): pods bound to a
// node and the sums of their requests, kept up to date from the pod informer and by "assuming"
// a pod the moment it is bound. Source: kubernetes/kubernetes pkg/scheduler/backend/cache and
// framework/types.go NodeInfo (Requested, NonZeroRequested, UsedPorts, Pods).
import type { Pod } from '../../types.ts';
import { podHostPorts, podRequests, type Resources } from './resources.ts';
import { isPodTerminal, podKey } from '../node-utils.ts';

export interface NodeInfo {
  pods: Map<string, Pod>;
  requested: Resources;
  nonZeroRequested: Resources;
  usedPorts: string[];
  /** Bumped whenever the node's pods change (lets scoring remember per-node counts). */
  version: number;
}

export class NodeInfoCache {
  private byNode = new Map<string, NodeInfo>();
  private nodeOfPod = new Map<string, string>();
  /** What each placed pod added, so removing it does not compute it again. */
  private added = new Map<string, { r: Resources; nz: Resources; ports: string[] }>();
  /** How many placed pods carry required pod anti-affinity (HavePodsWithRequiredAntiAffinityList). */
  podsWithRequiredAntiAffinity = 0;

  get(nodeName: string): NodeInfo {
    let info = this.byNode.get(nodeName);
    if (!info) this.byNode.set(nodeName, (info = { pods: new Map(), requested: { milliCPU: 0, memory: 0 }, nonZeroRequested: { milliCPU: 0, memory: 0 }, usedPorts: [], version: 0 }));
    return info;
  }

  /** Adds, moves or drops a pod: terminal pods and unbound pods take no room. */
  update(pod: Pod): void {
    const key = podKey(pod);
    this.remove(key);
    const nodeName = pod.spec?.nodeName;
    if (!nodeName || isPodTerminal(pod)) return;
    const info = this.get(nodeName);
    info.version++;
    info.pods.set(key, pod);
    const r = podRequests(pod);
    const nz = podRequests(pod, true);
    const ports = podHostPorts(pod);
    info.requested.milliCPU += r.milliCPU;
    info.requested.memory += r.memory;
    info.nonZeroRequested.milliCPU += nz.milliCPU;
    info.nonZeroRequested.memory += nz.memory;
    info.usedPorts.push(...ports);
    this.added.set(key, { r, nz, ports });
    if (hasRequiredAntiAffinity(pod)) this.podsWithRequiredAntiAffinity++;
    this.nodeOfPod.set(key, nodeName);
  }

  remove(key: string): void {
    const nodeName = this.nodeOfPod.get(key);
    if (!nodeName) return;
    this.nodeOfPod.delete(key);
    const info = this.get(nodeName);
    const pod = info.pods.get(key);
    if (!pod) return;
    info.version++;
    info.pods.delete(key);
    if (hasRequiredAntiAffinity(pod)) this.podsWithRequiredAntiAffinity--;
    const { r, nz, ports } = this.added.get(key)!;
    this.added.delete(key);
    info.requested.milliCPU -= r.milliCPU;
    info.requested.memory -= r.memory;
    info.nonZeroRequested.milliCPU -= nz.milliCPU;
    info.nonZeroRequested.memory -= nz.memory;
    for (const p of ports) {
      const i = info.usedPorts.indexOf(p);
      if (i >= 0) info.usedPorts.splice(i, 1);
    }
  }
}

function hasRequiredAntiAffinity(pod: Pod): boolean {
  return (pod.spec?.affinity?.podAntiAffinity?.requiredDuringSchedulingIgnoredDuringExecution ?? []).length > 0;
}
