// Small helpers about Node objects, named after kubernetes/kubernetes
// pkg/controller/util/node/controller_utils.go and pkg/util/node (GetNodeCondition, IsNodeReady).
import type { Node, Pod } from '../types.ts';
import type * as core from 'kubernetes-types/core/v1';
import type { Mutable } from '../types.ts';

export type NodeCondition = Mutable<core.NodeCondition>;

export function getNodeCondition(node: Node | undefined, type: string): NodeCondition | undefined {
  return node?.status?.conditions?.find((c) => c.type === type);
}

/** nodeutil.IsNodeReady: the Ready condition is True. */
export function isNodeReady(node: Node | undefined): boolean {
  return getNodeCondition(node, 'Ready')?.status === 'True';
}

/** podutil.IsPodTerminal: phase Succeeded or Failed. */
export function isPodTerminal(pod: Pod): boolean {
  return pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed';
}

/** A stand-in object for the recorder when the real code records against an ObjectReference. */
export function objectRef(kind: string, name: string, namespace?: string, uid?: string): any {
  return { kind, apiVersion: 'v1', metadata: { name, namespace, uid } };
}

/** The `ns/name` key of a pod. */
export function podKey(pod: Pod): string {
  return `${pod.metadata.namespace}/${pod.metadata.name}`;
}
