// Workload controllers (StatefulSet, ReplicaSet, Deployment, garbage collector, namespace) and
// the two that furnish every namespace (its `default` ServiceAccount, its kube-root-ca.crt
// ConfigMap), as kube-controller-manager runs them.
import type { Component } from '../component.ts';
import type { ClusterSpec } from '../components.ts';
import { StatefulSetController } from './statefulset/stateful-set.ts';
import { ReplicaSetController } from './replicaset/replica-set.ts';
import { DeploymentController } from './deployment/deployment.ts';
import { GarbageCollector } from './garbage-collector/garbage-collector.ts';
import { NamespaceController } from './namespace/namespace-controller.ts';
import { ServiceAccountsController } from './serviceaccount/serviceaccounts-controller.ts';
import { RootCACertPublisher } from './certificates/root-ca-cert-publisher.ts';

export function workloadControllers(_spec: ClusterSpec): Component[] {
  return [new StatefulSetController(), new DeploymentController(), new ReplicaSetController(), new GarbageCollector(), new NamespaceController(), new ServiceAccountsController(), new RootCACertPublisher()];
}
