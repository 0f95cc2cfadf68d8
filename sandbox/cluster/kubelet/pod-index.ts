// An index over the pods of every node's runtime (node.pods): which node holds a pod uid, and
// each node's pods in node.pods' own order. node.pods is what snapshots save, but as an object
// keyed by uid it is a slow dictionary to walk (every walk sorts its keys again) and finding a
// pod in it means asking every node: the kubelet walks a node's pods at every node status post
// and looks a pod up at every sync. All changes to node.pods go through add and remove, so the
// index and node.pods always agree; rebuild derives it again after a snapshot is loaded.
// It also counts the PVs mounted on each node (the pods' mountedPVs, which change only through
// add, remove and mountsChanged), for node.status.volumesInUse at every node status post.
import type { NodeRuntime, PodRuntime } from './runtime-state.ts';

/**
 * A new, empty node.pods. Keyed by pod uid, it is a dictionary: made one from the start (an
 * object that had a property deleted is one), each pod added is a hash-table insert instead of
 * a new hidden class for every uid (V8 would otherwise grow a transition per uid).
 */
export function newPodTable(): Record<string, PodRuntime> {
  const table: Record<string, PodRuntime> = { a: undefined!, b: undefined! };
  delete table.a;
  delete table.b;
  return table;
}

export class PodIndex {
  private nodeOf = new Map<string, NodeRuntime>();
  /** Per node, uid → runtime in insertion order: node.pods' key order (uids are never integer-like). */
  private byNode = new Map<NodeRuntime, Map<string, PodRuntime>>();
  /** Per node, PV name → how many of its pods' mountedPVs entries name it. */
  private mounted = new Map<NodeRuntime, Map<string, number>>();

  /** Derives the index from the nodes' pods, after a load. */
  rebuild(nodes: Iterable<NodeRuntime>): void {
    this.nodeOf.clear();
    this.byNode.clear();
    this.mounted.clear();
    for (const node of nodes) {
      const pods = new Map<string, PodRuntime>();
      for (const [uid, rt] of Object.entries(node.pods)) {
        pods.set(uid, rt);
        if (!this.nodeOf.has(uid)) this.nodeOf.set(uid, node);
      }
      this.byNode.set(node, pods);
      this.mountedMap(node);
    }
  }

  add(node: NodeRuntime, rt: PodRuntime): void {
    // The node's maps are made (from node.pods as it is) before node.pods changes.
    this.mountedMap(node);
    node.pods[rt.uid] = rt;
    this.podsMap(node).set(rt.uid, rt);
    this.nodeOf.set(rt.uid, node);
    this.count(node, rt.mountedPVs, 1);
  }

  remove(node: NodeRuntime, rt: PodRuntime): void {
    this.mountedMap(node);
    delete node.pods[rt.uid];
    this.podsMap(node).delete(rt.uid);
    if (this.nodeOf.get(rt.uid) === node) this.nodeOf.delete(rt.uid);
    this.count(node, rt.mountedPVs, -1);
  }

  /** rt (a pod of node) has new mountedPVs; `before` is what it had. */
  mountsChanged(node: NodeRuntime, rt: PodRuntime, before: Record<string, string>): void {
    if (!this.podsMap(node).has(rt.uid)) return;
    this.count(node, before, -1);
    this.count(node, rt.mountedPVs, 1);
  }

  /** The names of the PVs mounted by the node's pods, each once. */
  mountedPVs(node: NodeRuntime): Iterable<string> {
    return this.mountedMap(node).keys();
  }

  /** The node holding this pod uid and its runtime there. */
  find(uid: string): { node: NodeRuntime; rt: PodRuntime } | undefined {
    const node = this.nodeOf.get(uid);
    const rt = node && this.byNode.get(node)?.get(uid);
    return node && rt ? { node, rt } : undefined;
  }

  has(node: NodeRuntime, uid: string): boolean {
    return this.byNode.get(node)?.has(uid) ?? false;
  }

  /** The node's pods, in the order of node.pods. */
  pods(node: NodeRuntime): Iterable<PodRuntime> {
    return this.podsMap(node).values();
  }

  private count(node: NodeRuntime, pvs: Record<string, string>, by: 1 | -1): void {
    const m = this.mountedMap(node);
    for (const vol in pvs) {
      const pv = pvs[vol];
      const n = (m.get(pv) ?? 0) + by;
      if (n > 0) m.set(pv, n);
      else m.delete(pv);
    }
  }

  private mountedMap(node: NodeRuntime): Map<string, number> {
    let m = this.mounted.get(node);
    if (!m) {
      m = new Map();
      this.mounted.set(node, m);
      for (const rt of this.podsMap(node).values()) {
        for (const vol in rt.mountedPVs) m.set(rt.mountedPVs[vol], (m.get(rt.mountedPVs[vol]) ?? 0) + 1);
      }
    }
    return m;
  }

  private podsMap(node: NodeRuntime): Map<string, PodRuntime> {
    let m = this.byNode.get(node);
    if (!m) {
      // A node first seen here: start from what it holds.
      m = new Map(Object.entries(node.pods));
      this.byNode.set(node, m);
    }
    return m;
  }
}
