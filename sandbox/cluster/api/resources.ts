// The kinds the simulator serves, as `kubectl api-resources` lists them.
// Source: kubernetes/kubernetes pkg/registry/*/rest storage (short names from each storage's
// ShortNames()), and `kubectl api-resources` on a 1.35 cluster.

export interface ResourceInfo {
  /** Plural lowercase name used in paths: `statefulsets`. Unique across the simulator's kinds. */
  resource: string;
  kind: string;
  group: string; // '' for the core group
  version: string;
  namespaced: boolean;
  shortNames: string[];
  singular: string;
  verbs: string[];
}

const all = ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'];

export const RESOURCES: ResourceInfo[] = [
  { resource: 'namespaces', kind: 'Namespace', group: '', version: 'v1', namespaced: false, shortNames: ['ns'], singular: 'namespace', verbs: ['create', 'delete', 'get', 'list', 'patch', 'update', 'watch'] },
  { resource: 'nodes', kind: 'Node', group: '', version: 'v1', namespaced: false, shortNames: ['no'], singular: 'node', verbs: all },
  { resource: 'pods', kind: 'Pod', group: '', version: 'v1', namespaced: true, shortNames: ['po'], singular: 'pod', verbs: all },
  { resource: 'serviceaccounts', kind: 'ServiceAccount', group: '', version: 'v1', namespaced: true, shortNames: ['sa'], singular: 'serviceaccount', verbs: all },
  { resource: 'services', kind: 'Service', group: '', version: 'v1', namespaced: true, shortNames: ['svc'], singular: 'service', verbs: ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'] },
  { resource: 'endpoints', kind: 'Endpoints', group: '', version: 'v1', namespaced: true, shortNames: ['ep'], singular: 'endpoints', verbs: all },
  { resource: 'persistentvolumeclaims', kind: 'PersistentVolumeClaim', group: '', version: 'v1', namespaced: true, shortNames: ['pvc'], singular: 'persistentvolumeclaim', verbs: all },
  { resource: 'persistentvolumes', kind: 'PersistentVolume', group: '', version: 'v1', namespaced: false, shortNames: ['pv'], singular: 'persistentvolume', verbs: all },
  { resource: 'configmaps', kind: 'ConfigMap', group: '', version: 'v1', namespaced: true, shortNames: ['cm'], singular: 'configmap', verbs: all },
  { resource: 'events', kind: 'Event', group: '', version: 'v1', namespaced: true, shortNames: ['ev'], singular: 'event', verbs: all },
  { resource: 'statefulsets', kind: 'StatefulSet', group: 'apps', version: 'v1', namespaced: true, shortNames: ['sts'], singular: 'statefulset', verbs: all },
  { resource: 'deployments', kind: 'Deployment', group: 'apps', version: 'v1', namespaced: true, shortNames: ['deploy'], singular: 'deployment', verbs: all },
  { resource: 'replicasets', kind: 'ReplicaSet', group: 'apps', version: 'v1', namespaced: true, shortNames: ['rs'], singular: 'replicaset', verbs: all },
  { resource: 'controllerrevisions', kind: 'ControllerRevision', group: 'apps', version: 'v1', namespaced: true, shortNames: [], singular: 'controllerrevision', verbs: all },
  { resource: 'endpointslices', kind: 'EndpointSlice', group: 'discovery.k8s.io', version: 'v1', namespaced: true, shortNames: [], singular: 'endpointslice', verbs: all },
  { resource: 'leases', kind: 'Lease', group: 'coordination.k8s.io', version: 'v1', namespaced: true, shortNames: [], singular: 'lease', verbs: all },
  { resource: 'storageclasses', kind: 'StorageClass', group: 'storage.k8s.io', version: 'v1', namespaced: false, shortNames: ['sc'], singular: 'storageclass', verbs: all },
  { resource: 'volumeattachments', kind: 'VolumeAttachment', group: 'storage.k8s.io', version: 'v1', namespaced: false, shortNames: [], singular: 'volumeattachment', verbs: all },
];

const byResource = new Map(RESOURCES.map((r) => [r.resource, r]));
const byKind = new Map(RESOURCES.map((r) => [r.kind, r]));

export function resourceInfo(resource: string): ResourceInfo | undefined {
  return byResource.get(resource);
}

export function resourceForKind(kind: string): ResourceInfo | undefined {
  return byKind.get(kind);
}

export function apiVersionOf(info: ResourceInfo): string {
  return info.group ? `${info.group}/${info.version}` : info.version;
}

/** `statefulsets.apps`, the qualified name kubectl prints in messages like `statefulset.apps/web`. */
export function groupResource(info: ResourceInfo): string {
  return info.group ? `${info.resource}.${info.group}` : info.resource;
}

/** Path prefix of a collection: `/apis/apps/v1/namespaces/default/statefulsets`. */
export function collectionPath(info: ResourceInfo, namespace?: string): string {
  const root = info.group ? `/apis/${info.group}/${info.version}` : `/api/${info.version}`;
  return info.namespaced && namespace ? `${root}/namespaces/${namespace}/${info.resource}` : `${root}/${info.resource}`;
}
