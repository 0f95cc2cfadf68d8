// The machines' control plane: the scheduler, the node lifecycle controller, taint eviction,
// pod garbage collection and the attach/detach controller. (The kubelets live in kubelet/.)
import type { Component } from '../component.ts';
import type { ClusterSpec } from '../components.ts';
import { Scheduler } from './scheduler/scheduler.ts';
import { NodeLifecycleController } from './node-lifecycle-controller.ts';
import { TaintEvictionController } from './taint-eviction-controller.ts';
import { PodGCController } from './pod-gc-controller.ts';
import { AttachDetachController } from './attach-detach-controller.ts';

export function nodeComponents(_spec: ClusterSpec): Component[] {
  return [new Scheduler(), new NodeLifecycleController(), new TaintEvictionController(), new PodGCController(), new AttachDetachController()];
}

export { uniqueVolumeName, isVolumeAttached } from './volume-names.ts';
