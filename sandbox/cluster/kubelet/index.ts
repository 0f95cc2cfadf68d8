// The kubelet of every node (images, containers, probes, volumes as files) as one component.
import type { Component } from '../component.ts';
import type { ClusterSpec } from '../components.ts';

export function kubeletComponents(_spec: ClusterSpec): Component[] {
  return [];
}
