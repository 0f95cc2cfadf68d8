// The machines: kubelets (one component for all nodes), the scheduler and node lifecycle.
import type { Component } from '../component.ts';
import type { ClusterSpec } from '../components.ts';

export function nodeComponents(_spec: ClusterSpec): Component[] {
  return [];
}
