// Defaults of the small kinds. Sources: kubernetes/kubernetes pkg/apis/core/v1/defaults.go
// (SetDefaults_Namespace: the kubernetes.io/metadata.name label; SetDefaults_NodeStatus:
// allocatable from capacity), pkg/registry/core/namespace/strategy.go PrepareForCreate
// (spec.finalizers [kubernetes], phase Active), pkg/apis/storage/v1/defaults.go
// SetDefaults_StorageClass, pkg/apis/discovery/v1/defaults.go SetDefaults_EndpointPort.
import type { KubeObject } from '../client.ts';

export function prepareNewNamespace(ns: KubeObject): void {
  ns.metadata.labels = { ...(ns.metadata.labels ?? {}), 'kubernetes.io/metadata.name': ns.metadata.name! };
  ns.spec = { finalizers: ['kubernetes'] };
  ns.status = { phase: 'Active' };
}

export function defaultNamespaceUpdate(ns: KubeObject): void {
  ns.metadata.labels = { ...(ns.metadata.labels ?? {}), 'kubernetes.io/metadata.name': ns.metadata.name! };
}

export function defaultNode(node: KubeObject): void {
  node.spec ??= {};
  if (node.status?.capacity && !node.status.allocatable) node.status.allocatable = { ...node.status.capacity };
}

export function defaultStorageClass(sc: KubeObject): void {
  sc.reclaimPolicy ??= 'Delete';
  sc.volumeBindingMode ??= 'Immediate';
}

export function defaultEndpointSlice(es: KubeObject): void {
  for (const p of Array.isArray(es.ports) ? es.ports : []) {
    if (!p || typeof p !== 'object') continue;
    p.name ??= '';
    p.protocol ??= 'TCP';
  }
}
