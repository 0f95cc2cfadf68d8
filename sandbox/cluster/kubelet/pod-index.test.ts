// The kubelet's index over node.pods: it must say what node.pods says (snapshots save node.pods,
// node.status.volumesInUse is read from the index), through admissions, unmounts and removals.
import { describe, expect, it } from 'vitest';
import { newPodTable, PodIndex } from './pod-index.ts';
import type { NodeRuntime, PodRuntime } from './runtime-state.ts';

function node(name: string): NodeRuntime {
  return { name, index: 0, power: 'running', bootID: '', images: {}, pullBusyUntil: 0, nextIP: 2, pods: newPodTable() };
}

function pod(uid: string, mountedPVs: Record<string, string> = {}): PodRuntime {
  return { uid, namespace: 'default', name: uid, spec: { containers: [] }, stage: 'running', sandboxReady: true, containers: [], mountedPVs };
}

describe('PodIndex', () => {
  it('finds a pod on its node and lists a node’s pods in node.pods order', () => {
    const a = node('minikube'), b = node('minikube-m02');
    const index = new PodIndex();
    index.rebuild([a, b]);
    index.add(b, pod('u1'));
    index.add(b, pod('u2'));
    index.add(a, pod('u3'));
    expect(index.find('u2')?.node).toBe(b);
    expect([...index.pods(b)].map((p) => p.uid)).toEqual(Object.keys(b.pods));
    index.remove(b, b.pods.u1);
    expect(index.find('u1')).toBeUndefined();
    expect(Object.keys(b.pods)).toEqual(['u2']);
    expect(JSON.stringify(b.pods)).toBe(JSON.stringify({ u2: pod('u2') }));
  });

  it('lists each mounted PV once, and drops it when no pod of the node mounts it any more', () => {
    const n = node('minikube');
    const index = new PodIndex();
    index.rebuild([n]);
    const p1 = pod('u1'), p2 = pod('u2');
    index.add(n, p1);
    index.add(n, p2);
    let before = { ...p1.mountedPVs };
    p1.mountedPVs.www = 'pv-a';
    index.mountsChanged(n, p1, before);
    before = { ...p2.mountedPVs };
    p2.mountedPVs.www = 'pv-a';
    p2.mountedPVs.data = 'pv-b';
    index.mountsChanged(n, p2, before);
    expect([...index.mountedPVs(n)].sort()).toEqual(['pv-a', 'pv-b']);
    before = p2.mountedPVs;
    p2.mountedPVs = {};
    index.mountsChanged(n, p2, before);
    expect([...index.mountedPVs(n)]).toEqual(['pv-a']);
    index.remove(n, p1);
    expect([...index.mountedPVs(n)]).toEqual([]);
  });

  it('rebuilds the same view from node.pods after a load', () => {
    const n = node('minikube');
    n.pods.u1 = pod('u1', { www: 'pv-a' });
    n.pods.u2 = pod('u2', { www: 'pv-b' });
    const index = new PodIndex();
    index.rebuild([n]);
    expect(index.find('u2')?.rt).toBe(n.pods.u2);
    expect([...index.mountedPVs(n)]).toEqual(['pv-a', 'pv-b']);
  });
});
