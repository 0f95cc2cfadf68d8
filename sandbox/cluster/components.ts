// Which components make up a cluster, in the order the event loop offers them work.
// Add a controller here once, and it runs in every host.
import type { Component } from './component.ts';
import { Bootstrap } from './bootstrap.ts';
import { EventTTL } from './event-ttl.ts';
import { workloadControllers } from './controllers/index.ts';
import { nodeComponents } from './nodes/index.ts';
import { kubeletComponents } from './kubelet/index.ts';
import { storageAndServiceControllers } from './storage/index.ts';

export interface NodeSpec {
  name: string;
  /** Allocatable CPU in millicores and memory in MiB; pods is the kubelet's maxPods (110). */
  cpuMillis: number;
  memoryMiB: number;
  pods: number;
  zone?: string;
}

export interface ClusterSpec {
  nodes: NodeSpec[];
}

// minikube's multi-node naming (`minikube start --nodes 3`): the first node is named after the
// profile, the others get -m02, -m03. minikube leaves its control-plane node schedulable.
export const DEFAULT_CLUSTER_SPEC: ClusterSpec = {
  nodes: [
    { name: 'minikube', cpuMillis: 2000, memoryMiB: 3900, pods: 110 },
    { name: 'minikube-m02', cpuMillis: 2000, memoryMiB: 3900, pods: 110 },
    { name: 'minikube-m03', cpuMillis: 2000, memoryMiB: 3900, pods: 110 },
  ],
};

export function createComponents(spec: ClusterSpec): Component[] {
  return [
    new Bootstrap(spec),
    new EventTTL(),
    ...kubeletComponents(spec),
    ...nodeComponents(spec),
    ...storageAndServiceControllers(spec),
    ...workloadControllers(spec),
  ];
}
