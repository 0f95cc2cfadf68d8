// The kubelet's saved nodes as JSON text, exactly as JSON.stringify(nodes) writes them, with
// each node's pod table's text kept from the last save. A lab saves after every command, and
// most of the kubelet's state is the pod runtimes (1.6 MB for 1,000 pods), of which few change
// between two saves: only the tables of the pods the kubelet acted on since are written again.
// A table is written by one JSON.stringify call, not pod by pod: on the 1,000-pod bench's first
// save after the scale-up (cold heap, Node 24) a thousand one-pod calls and their concatenation
// took about twice as long as fifty one-table calls.
//
// A pod runtime is a mutable plain object, so a kept text holds only while nothing wrote to it.
// The kubelet drops a pod's text (drop) whenever it gets hold of that pod to act on it: the pod
// worker's sync, power operations on its node, and the runtime calls that reach a container
// (exec, HTTP, logs, stdin). Everything else the kubelet does only reads pods. A table's text is
// kept along with the pods it had, in order: a pod added, removed or moved writes it again.
// Nodes themselves are small and written anew each time, so heartbeats and node fields need no
// invalidation at all.
import type { NodeRuntime, PodRuntime } from './runtime-state.ts';

type PodTable = Record<string, PodRuntime>;

export class PodTexts {
  private tables = new WeakMap<PodTable, { pods: PodRuntime[]; text: string }>();
  /** Pods dropped since the last save: the tables holding them are written again. */
  private dropped = new Set<PodRuntime>();

  /** The kubelet is about to change rt, or hands out a way to: its table is written again at the next save. */
  drop(rt: PodRuntime): void {
    this.dropped.add(rt);
  }

  /** Every kept text goes (a snapshot was loaded: new runtimes, but say so rather than rely on it). */
  clear(): void {
    this.tables = new WeakMap();
    this.dropped.clear();
  }

  /** JSON.stringify(nodes), the same text in the same key order. */
  nodesJSON(nodes: Record<string, NodeRuntime>): string {
    const text = objectJSON(nodes, (node) => {
      if (typeof node !== 'object' || node === null) return JSON.stringify(node);
      return objectJSON(node as unknown as Record<string, unknown>, (v, k) => (k === 'pods' && typeof v === 'object' && v !== null ? this.podsJSON(v as PodTable) : JSON.stringify(v)));
    });
    this.dropped.clear();
    return text;
  }

  private podsJSON(table: PodTable): string {
    const pods = Object.values(table);
    const kept = this.tables.get(table);
    if (kept && samePods(kept.pods, pods, this.dropped)) return kept.text;
    const text = JSON.stringify(table);
    this.tables.set(table, { pods, text });
    return text;
  }
}

/** The same runtimes in the same order, none of them dropped since. */
function samePods(kept: PodRuntime[], pods: PodRuntime[], dropped: Set<PodRuntime>): boolean {
  if (kept.length !== pods.length) return false;
  for (let i = 0; i < pods.length; i++) if (kept[i] !== pods[i] || dropped.has(pods[i])) return false;
  return true;
}

/**
 * JSON.stringify(obj) for a plain object whose values' texts come from `valueJSON`: its own
 * enumerable keys in Object.keys order (JSON.stringify's own order, integer-like keys first),
 * a value whose text is undefined (undefined, a function) left out as JSON.stringify leaves it.
 */
function objectJSON<T>(obj: Record<string, T>, valueJSON: (v: T, key: string) => string | undefined): string {
  let out = '';
  for (const k of Object.keys(obj)) {
    const text = valueJSON(obj[k], k);
    if (text === undefined) continue;
    out += `${out ? ',' : ''}${JSON.stringify(k)}:${text}`;
  }
  return `{${out}}`;
}
