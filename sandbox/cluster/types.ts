// The Kubernetes object types the simulator uses, from `kubernetes-types` (generated from the
// Kubernetes OpenAPI), made writable: the simulator builds and edits its own copies.
import type * as core from 'kubernetes-types/core/v1';
import type * as apps from 'kubernetes-types/apps/v1';
import type * as meta from 'kubernetes-types/meta/v1';
import type * as storage from 'kubernetes-types/storage/v1';
import type * as discovery from 'kubernetes-types/discovery/v1';

export type Mutable<T> = T extends (infer U)[] ? Mutable<U>[] : T extends object ? { -readonly [K in keyof T]: Mutable<T[K]> } : T;

export type ObjectMeta = Mutable<meta.ObjectMeta>;
export type OwnerReference = Mutable<meta.OwnerReference>;
export type LabelSelector = Mutable<meta.LabelSelector>;
export type Pod = Mutable<core.Pod> & { metadata: ObjectMeta };
export type PodSpec = Mutable<core.PodSpec>;
export type PodStatus = Mutable<core.PodStatus>;
export type PodCondition = Mutable<core.PodCondition>;
export type ContainerStatus = Mutable<core.ContainerStatus>;
export type Container = Mutable<core.Container>;
export type Node = Mutable<core.Node> & { metadata: ObjectMeta };
export type Service = Mutable<core.Service> & { metadata: ObjectMeta };
export type Endpoints = Mutable<core.Endpoints> & { metadata: ObjectMeta };
export type PersistentVolumeClaim = Mutable<core.PersistentVolumeClaim> & { metadata: ObjectMeta };
export type PersistentVolume = Mutable<core.PersistentVolume> & { metadata: ObjectMeta };
export type Namespace = Mutable<core.Namespace> & { metadata: ObjectMeta };
export type Event = Mutable<core.Event> & { metadata: ObjectMeta };
export type ConfigMap = Mutable<core.ConfigMap> & { metadata: ObjectMeta };
export type Taint = Mutable<core.Taint>;
export type Toleration = Mutable<core.Toleration>;
export type StatefulSet = Mutable<apps.StatefulSet> & { metadata: ObjectMeta };
export type StatefulSetSpec = Mutable<apps.StatefulSetSpec>;
export type StatefulSetStatus = Mutable<apps.StatefulSetStatus>;
export type ControllerRevision = Mutable<apps.ControllerRevision> & { metadata: ObjectMeta };
export type ReplicaSet = Mutable<apps.ReplicaSet> & { metadata: ObjectMeta };
export type Deployment = Mutable<apps.Deployment> & { metadata: ObjectMeta };
export type StorageClass = Mutable<storage.StorageClass> & { metadata: ObjectMeta };
export type EndpointSlice = Mutable<discovery.EndpointSlice> & { metadata: ObjectMeta };
