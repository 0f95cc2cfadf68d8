// The kubelet's saved nodes as JSON text, exactly as JSON.stringify(nodes) writes them, with
// each pod runtime's text kept from the last save. A lab saves after every command, and most of
// the kubelet's state is the pod runtimes (1.6 MB for 1,000 pods), of which few change between
// two saves: only the pods the kubelet acted on since are written again.
//
// A pod runtime is a mutable plain object, so a kept text holds only while nothing wrote to it.
// The kubelet drops a pod's text (drop) whenever it gets hold of that pod to act on it: the pod
// worker's sync, power operations on its node, and the runtime calls that reach a container
// (exec, HTTP, logs, stdin). Everything else the kubelet does only reads pods. Nodes and the
// node.pods tables themselves are small and written anew each time, so adding, removing or
// reordering pods, heartbeats and node fields need no invalidation at all.
import type { NodeRuntime, PodRuntime } from './runtime-state.ts';

export class PodTexts {
  private texts = new WeakMap<PodRuntime, string>();

  /** The kubelet is about to change rt, or hands out a way to: its text is made again at the next save. */
  drop(rt: PodRuntime): void {
    this.texts.delete(rt);
  }

  /** Every kept text goes (a snapshot was loaded: new runtimes, but say so rather than rely on it). */
  clear(): void {
    this.texts = new WeakMap();
  }

  /** JSON.stringify(nodes), the same text in the same key order. */
  nodesJSON(nodes: Record<string, NodeRuntime>): string {
    return objectJSON(nodes, (node) => {
      if (typeof node !== 'object' || node === null) return JSON.stringify(node);
      return objectJSON(node as unknown as Record<string, unknown>, (v, k) => (k === 'pods' && typeof v === 'object' && v !== null ? this.podsJSON(v as Record<string, PodRuntime>) : JSON.stringify(v)));
    });
  }

  private podsJSON(pods: Record<string, PodRuntime>): string {
    return objectJSON(pods, (rt) => {
      if (typeof rt !== 'object' || rt === null) return JSON.stringify(rt);
      let text = this.texts.get(rt);
      if (text === undefined) {
        text = JSON.stringify(rt);
        this.texts.set(rt, text);
      }
      return text;
    });
  }
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
