// The Node object a kubelet registers and the status it posts, as on a minikube node running
// Docker. Conditions and messages: kubernetes/kubernetes pkg/kubelet/nodestatus/setters.go
// (MemoryPressureCondition, DiskPressureCondition, PIDPressureCondition, ReadyCondition).
import type * as core from 'kubernetes-types/core/v1';
import type { Mutable, Node } from '../types.ts';
import type { NodeSpec } from '../components.ts';
import type { NodeRuntime } from './runtime-state.ts';
import { iso } from './format.ts';

export type NodeCondition = Mutable<core.NodeCondition>;

export const KUBELET_VERSION = 'v1.35.0';
export const CONTAINER_RUNTIME_VERSION = 'docker://28.4.0';
export const KERNEL_VERSION = '6.8.0-60-generic';
export const OS_IMAGE = 'Ubuntu 22.04.5 LTS';

/** 192.168.49.2, .3, .4: the docker network minikube creates. */
export function nodeInternalIP(index: number): string {
  return `192.168.49.${2 + index}`;
}

export function podCIDR(index: number): string {
  return `10.244.${index}.0/24`;
}

export function cpuQuantity(millis: number): string {
  return millis % 1000 === 0 ? String(millis / 1000) : `${millis}m`;
}

export function nodeLabels(spec: NodeSpec, index: number): Record<string, string> {
  const labels: Record<string, string> = {
    'beta.kubernetes.io/arch': 'amd64',
    'beta.kubernetes.io/os': 'linux',
    'kubernetes.io/arch': 'amd64',
    'kubernetes.io/hostname': spec.name,
    'kubernetes.io/os': 'linux',
    'minikube.k8s.io/name': 'minikube',
    'minikube.k8s.io/primary': index === 0 ? 'true' : 'false',
    'minikube.k8s.io/version': 'v1.37.0',
  };
  if (index === 0) {
    labels['node-role.kubernetes.io/control-plane'] = '';
    labels['node.kubernetes.io/exclude-from-external-load-balancers'] = '';
  }
  if (spec.zone) labels['topology.kubernetes.io/zone'] = spec.zone;
  return labels;
}

export function nodeCapacity(spec: NodeSpec): Record<string, string> {
  return {
    cpu: cpuQuantity(spec.cpuMillis),
    'ephemeral-storage': '61202244Ki',
    'hugepages-1Gi': '0',
    'hugepages-2Mi': '0',
    memory: `${spec.memoryMiB * 1024}Ki`,
    pods: String(spec.pods),
  };
}

/** The four conditions a healthy kubelet posts (setters.go), keeping transition times that did not change. */
export function kubeletConditions(prev: NodeCondition[] | undefined, now: number): NodeCondition[] {
  const at = iso(now);
  const mk = (type: string, status: string, reason: string, message: string): NodeCondition => {
    const old = prev?.find((c) => c.type === type);
    return {
      type, status, lastHeartbeatTime: at,
      lastTransitionTime: old && old.status === status && old.lastTransitionTime ? old.lastTransitionTime : at,
      reason, message,
    };
  };
  return [
    mk('MemoryPressure', 'False', 'KubeletHasSufficientMemory', 'kubelet has sufficient memory available'),
    mk('DiskPressure', 'False', 'KubeletHasNoDiskPressure', 'kubelet has no disk pressure'),
    mk('PIDPressure', 'False', 'KubeletHasSufficientPID', 'kubelet has sufficient PID available'),
    mk('Ready', 'True', 'KubeletReady', 'kubelet is posting ready status'),
  ];
}

export function newNodeObject(spec: NodeSpec, node: NodeRuntime, now: number, systemUUID: string, machineID: string): Node {
  const capacity = nodeCapacity(spec);
  return {
    metadata: {
      name: spec.name,
      labels: nodeLabels(spec, node.index),
      annotations: {
        'kubeadm.alpha.kubernetes.io/cri-socket': 'unix:///var/run/cri-dockerd.sock',
        'node.alpha.kubernetes.io/ttl': '0',
        'volumes.kubernetes.io/controller-managed-attach-detach': 'true',
      },
    },
    spec: { podCIDR: podCIDR(node.index), podCIDRs: [podCIDR(node.index)] },
    status: {
      capacity,
      allocatable: { ...capacity },
      conditions: kubeletConditions(undefined, now),
      addresses: [
        { type: 'InternalIP', address: nodeInternalIP(node.index) },
        { type: 'Hostname', address: spec.name },
      ],
      daemonEndpoints: { kubeletEndpoint: { Port: 10250 } },
      nodeInfo: {
        architecture: 'amd64', bootID: node.bootID, containerRuntimeVersion: CONTAINER_RUNTIME_VERSION,
        kernelVersion: KERNEL_VERSION, kubeProxyVersion: '', kubeletVersion: KUBELET_VERSION,
        machineID, operatingSystem: 'linux', osImage: OS_IMAGE, systemUUID,
      },
      images: [],
    },
  };
}

/** node.status.images: what the runtime holds, largest first (kubelet caps the list at 50). */
export function nodeImages(node: NodeRuntime): { names: string[]; sizeBytes: number }[] {
  return Object.entries(node.images)
    .map(([ref, i]) => ({ names: [i.imageID.replace(/^docker-pullable:\/\//, ''), ref], sizeBytes: i.sizeBytes }))
    .sort((a, b) => b.sizeBytes - a.sizeBytes || (a.names[1] < b.names[1] ? -1 : 1))
    .slice(0, 50);
}
