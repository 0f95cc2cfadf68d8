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
}

export class NodeInfoCache {
  private byNode = new Map<string, NodeInfo>();
  private nodeOfPod = new Map<string, string>();
  /** How many placed pods carry required pod anti-affinity (HavePodsWithRequiredAntiAffinityList). */
  podsWithRequiredAntiAffinity = 0;

  get(nodeName: string): NodeInfo {
    let info = this.byNode.get(nodeName);
    if (!info) this.byNode.set(nodeName, (info = { pods: new Map(), requested: { milliCPU: 0, memory: 0 }, nonZeroRequested: { milliCPU: 0, memory: 0 }, usedPorts: [] }));
    return info;
  }

  /** Adds, moves or drops a pod: terminal pods and unbound pods take no room. */
  update(pod: Pod): void {
    const key = podKey(pod);
    this.remove(key);
    const nodeName = pod.spec?.nodeName;
    if (!nodeName || isPodTerminal(pod)) return;
    const info = this.get(nodeName);
    info.pods.set(key, pod);
    const r = podRequests(pod);
    const nz = podRequests(pod, true);
    info.requested.milliCPU += r.milliCPU;
    info.requested.memory += r.memory;
    info.nonZeroRequested.milliCPU += nz.milliCPU;
    info.nonZeroRequested.memory += nz.memory;
    info.usedPorts.push(...podHostPorts(pod));
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
    info.pods.delete(key);
    if (hasRequiredAntiAffinity(pod)) this.podsWithRequiredAntiAffinity--;
    const r = podRequests(pod);
    const nz = podRequests(pod, true);
    info.requested.milliCPU -= r.milliCPU;
    info.requested.memory -= r.memory;
    info.nonZeroRequested.milliCPU -= nz.milliCPU;
    info.nonZeroRequested.memory -= nz.memory;
    for (const p of podHostPorts(pod)) {
      const i = info.usedPorts.indexOf(p);
      if (i >= 0) info.usedPorts.splice(i, 1);
    }
  }
}

function hasRequiredAntiAffinity(pod: Pod): boolean {
  return (pod.spec?.affinity?.podAntiAffinity?.requiredDuringSchedulingIgnoredDuringExecution ?? []).length > 0;
}
