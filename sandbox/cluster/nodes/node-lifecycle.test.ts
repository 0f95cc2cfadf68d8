import { describe, expect, it } from 'vitest';
import type { Cluster } from '../cluster.ts';
import { createPod, events, getPod, nodeEvents, testCluster, type FakeKubelet } from './testing.ts';

const node = (c: Cluster, name: string): any => c.api.get('nodes', undefined, name);
const ready = (c: Cluster, name: string) => node(c, name).status.conditions.find((x: any) => x.type === 'Ready');
const taints = (c: Cluster, name: string) => (node(c, name).spec.taints ?? []).map((t: any) => `${t.key}:${t.effect}`);
const podReady = (c: Cluster, name: string) => getPod(c, name)?.status?.conditions?.find((x: any) => x.type === 'Ready')?.status;

/** A cluster with web-1 running on minikube-m02, whose kubelet then falls silent right after a heartbeat. */
function lostNode(): { c: Cluster; kubelet: FakeKubelet; silentAt: number } {
  const { c, kubelet } = testCluster();
  createPod(c, 'web-1', { nodeName: 'minikube-m02' });
  c.advance(10_000); // heartbeat at exactly +10 s
  kubelet.stopNode('minikube-m02');
  return { c, kubelet, silentAt: c.clock.now() };
}

describe('node lifecycle controller (pkg/controller/nodelifecycle)', () => {
  it('records RegisteredNode for each node it sees', () => {
    const { c } = testCluster();
    expect(nodeEvents(c, 'minikube')).toContainEqual({ reason: 'RegisteredNode', message: 'Node minikube event: Registered Node minikube in Controller' });
  });

  it('marks a silent node Ready=Unknown after the 50 s grace period, not at 40 s, and taints it unreachable', () => {
    const { c } = lostNode();
    c.advance(40_000);
    expect(ready(c, 'minikube-m02').status).toBe('True');
    expect(taints(c, 'minikube-m02')).toEqual([]);
    c.advance(15_000);
    expect(ready(c, 'minikube-m02')).toMatchObject({ status: 'Unknown', reason: 'NodeStatusUnknown', message: 'Kubelet stopped posting node status.' });
    const conds = node(c, 'minikube-m02').status.conditions.map((x: any) => `${x.type}=${x.status}`);
    expect(conds).toEqual(['MemoryPressure=Unknown', 'DiskPressure=Unknown', 'PIDPressure=Unknown', 'Ready=Unknown']);
    expect(taints(c, 'minikube-m02')).toEqual(['node.kubernetes.io/unreachable:NoExecute', 'node.kubernetes.io/unreachable:NoSchedule']);
    expect(node(c, 'minikube-m02').spec.taints.every((t: any) => t.timeAdded)).toBe(true);
    expect(nodeEvents(c, 'minikube-m02')).toContainEqual({ reason: 'NodeNotReady', message: 'Node minikube-m02 status is now: NodeNotReady' });
    // The other nodes keep posting.
    expect(ready(c, 'minikube').status).toBe('True');
  });

  it("marks the node's pods not Ready (MarkPodsNotReady) without touching their phase", () => {
    const { c } = lostNode();
    expect(podReady(c, 'web-1')).toBe('True');
    c.advance(60_000);
    expect(podReady(c, 'web-1')).toBe('False');
    expect(getPod(c, 'web-1')?.status?.phase).toBe('Running');
    expect(events(c, 'web-1', 'NodeNotReady')).toEqual([{ reason: 'NodeNotReady', message: 'Node is not ready', type: 'Warning', source: 'node-controller', count: 1 }]);
  });

  it('marks the pods for deletion 300 s later, and they stay Terminating while the node is gone', () => {
    const { c, silentAt } = lostNode();
    c.advanceTo(silentAt + 55_000 + 299_000);
    expect(getPod(c, 'web-1')?.metadata.deletionTimestamp).toBeUndefined();
    c.advance(2000);
    const pod = getPod(c, 'web-1');
    expect(pod?.metadata.deletionTimestamp).toBeDefined();
    expect(pod?.status?.conditions?.find((x) => x.type === 'DisruptionTarget')).toMatchObject({
      status: 'True', reason: 'DeletionByTaintManager', message: 'Taint manager: deleting due to NoExecute taint',
    });
    expect(events(c, 'web-1', 'TaintManagerEviction')).toEqual([
      { reason: 'TaintManagerEviction', message: 'Marking for deletion Pod default/web-1', type: 'Normal', source: 'taint-eviction-controller', count: 1 },
    ]);
    c.advance(30 * 60_000);
    expect(getPod(c, 'web-1')?.metadata.deletionTimestamp).toBeDefined();
  });

  it('force-deletes the terminating pods once the out-of-service taint is applied (PodGC gcTerminating)', () => {
    const { c } = lostNode();
    c.advance(400_000);
    expect(getPod(c, 'web-1')?.metadata.deletionTimestamp).toBeDefined();
    const n = node(c, 'minikube-m02');
    c.api.patch('nodes', undefined, 'minikube-m02', { spec: { taints: [...n.spec.taints, { key: 'node.kubernetes.io/out-of-service', value: 'nodeshutdown', effect: 'NoExecute' }] } }, 'merge');
    c.advance(20_000);
    expect(getPod(c, 'web-1')).toBeUndefined();
  });

  it('evicts pods without a toleration at once when the out-of-service taint lands before the 300 s', () => {
    const { c } = lostNode();
    c.advance(60_000);
    const n = node(c, 'minikube-m02');
    c.api.patch('nodes', undefined, 'minikube-m02', { spec: { taints: [...n.spec.taints, { key: 'node.kubernetes.io/out-of-service', value: 'nodeshutdown', effect: 'NoExecute' }] } }, 'merge');
    c.settle();
    // The 300 s countdown is replaced by an immediate deletion (processPodOnNode cancels with an event).
    expect(events(c, 'web-1', 'TaintManagerEviction').map((e) => e.message).sort()).toEqual([
      'Cancelling deletion of Pod default/web-1',
      'Marking for deletion Pod default/web-1',
    ]);
    expect(getPod(c, 'web-1')?.metadata.deletionTimestamp).toBeDefined();
    c.advance(20_000);
    expect(getPod(c, 'web-1')).toBeUndefined();
  });

  it('removes the pods of a deleted Node object (PodGC gcOrphaned after the 40 s quarantine)', () => {
    const { c } = lostNode();
    c.advance(60_000);
    c.api.delete('nodes', undefined, 'minikube-m02');
    c.advance(30_000);
    expect(getPod(c, 'web-1')).toBeDefined();
    c.advance(40_000);
    expect(getPod(c, 'web-1')).toBeUndefined();
  });

  it('lifts the taints and cancels the eviction when the kubelet posts status again', () => {
    const { c, kubelet } = lostNode();
    c.advance(100_000);
    kubelet.startNode('minikube-m02');
    c.settle();
    expect(ready(c, 'minikube-m02').status).toBe('True');
    expect(taints(c, 'minikube-m02')).toEqual([]);
    expect(events(c, 'web-1', 'TaintManagerEviction').map((e) => e.message)).toEqual(['Cancelling deletion of Pod default/web-1']);
    c.advance(600_000);
    expect(getPod(c, 'web-1')?.metadata.deletionTimestamp).toBeUndefined();
  });

  it('stops evicting when every node is lost (handleDisruption: master disruption mode)', () => {
    const { c, kubelet } = testCluster();
    createPod(c, 'web-1', { nodeName: 'minikube-m02' });
    for (const n of ['minikube', 'minikube-m02', 'minikube-m03']) kubelet.stopNode(n);
    c.advance(70_000);
    expect(ready(c, 'minikube-m02').status).toBe('Unknown');
    expect(taints(c, 'minikube-m02')).toEqual(['node.kubernetes.io/unreachable:NoSchedule']);
    c.advance(600_000);
    expect(getPod(c, 'web-1')?.metadata.deletionTimestamp).toBeUndefined();
  });

  it('taints a cordoned node unschedulable and lifts it on uncordon', () => {
    const { c } = testCluster();
    c.api.patch('nodes', undefined, 'minikube', { spec: { unschedulable: true } }, 'merge');
    c.settle();
    expect(taints(c, 'minikube')).toEqual(['node.kubernetes.io/unschedulable:NoSchedule']);
    c.api.patch('nodes', undefined, 'minikube', { spec: { unschedulable: null } }, 'merge');
    c.settle();
    expect(taints(c, 'minikube')).toEqual([]);
  });

  it('keeps the eviction countdown in its snapshot state', () => {
    const { c, silentAt } = lostNode();
    c.advance(100_000);
    const snap = JSON.parse(JSON.stringify(c.snapshot()));
    expect(snap.components['taint-eviction-controller'].evictions['default/web-1'].fireAt).toBe(silentAt + 55_000 + 300_000);
  });
});
