// Picks the describer for a resource. Source: kubernetes/kubectl pkg/describe/describe.go
// describerMap.
import type { ApiClient, KubeObject } from '../../../cluster/api/client.ts';
import type { ResourceInfo } from '../../../cluster/api/resources.ts';
import { describeNode } from './node.ts';
import { describeConfigMap, describeEndpoints, describeEndpointSlice, describeGeneric, describeNamespace, describeServiceAccount, describeStorageClass } from './other.ts';
import { describePod } from './pod.ts';
import { describeService } from './service.ts';
import { describeStatefulSet } from './statefulset.ts';
import { describePV, describePVC } from './storage.ts';
import { describeDeployment, describeReplicaSet } from './workloads.ts';

export function describeObject(api: ApiClient, info: ResourceInfo, obj: KubeObject, now: number, showEvents = true): string {
  switch (info.resource) {
    case 'pods': return describePod(api, obj, now, showEvents);
    case 'statefulsets': return describeStatefulSet(api, obj, now, showEvents);
    case 'services': return describeService(api, obj, now, showEvents);
    case 'persistentvolumeclaims': return describePVC(api, obj, now, showEvents);
    case 'persistentvolumes': return describePV(api, obj, now, showEvents);
    case 'nodes': return describeNode(api, obj, now, showEvents);
    case 'deployments': return describeDeployment(api, obj, now, showEvents);
    case 'replicasets': return describeReplicaSet(api, obj, now, showEvents);
    case 'namespaces': return describeNamespace(api, obj);
    case 'configmaps': return describeConfigMap(api, obj, now);
    case 'serviceaccounts': return describeServiceAccount(api, obj, now);
    case 'endpoints': return describeEndpoints(api, obj, now);
    case 'endpointslices': return describeEndpointSlice(api, obj, now);
    case 'storageclasses': return describeStorageClass(api, obj, now);
    default: return describeGeneric(api, obj, now, info.namespaced);
  }
}
