// Workload controllers (StatefulSet, ReplicaSet, Deployment, garbage collector).
import type { Component } from '../component.ts';
import type { ClusterSpec } from '../components.ts';

export function workloadControllers(_spec: ClusterSpec): Component[] {
  return [];
}
