// The kubelet of every node (images, containers, probes, volumes as files) as one component.
import type { Component } from '../component.ts';
import type { ClusterSpec } from '../components.ts';
import { Kubelet, type KubeletOptions } from './kubelet.ts';

export { Kubelet, type KubeletOptions } from './kubelet.ts';

export function kubeletComponents(spec: ClusterSpec, options?: KubeletOptions): Component[] {
  return [new Kubelet(spec, options)];
}
