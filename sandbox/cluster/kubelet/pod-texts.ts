// The kubelet's saved nodes as JSON text, exactly as JSON.stringify of its saved form (savedNodes)
// writes them, with each pod runtime's text kept from the last save. A lab saves after every
// command, and most of the kubelet's state is the pod runtimes (1 MB for 1,000 pods), of which
// few change between two saves: only the pods the kubelet acted on since are written again.
//
// A pod runtime is a mutable plain object, so a kept text holds only while nothing wrote to it.
// The kubelet drops a pod's text (drop) whenever it gets hold of that pod to act on it: the pod
// worker's sync, power operations on its node, and the runtime calls that reach a container
// (exec, HTTP, logs, stdin). Everything else the kubelet does only reads pods. Nodes and the
// node.pods tables themselves are small and written anew each time, so adding, removing or
// reordering pods, heartbeats and node fields need no invalidation at all.
//
// A pod runtime's spec is the kubelet's pick of the stored pod's spec (kubeletSpec): while that
// stored pod is still there with that very spec (frozen: the same object says the same), the
// saved form says SPEC_AS_STORED instead of repeating it, and a load picks it again from the
// restored pod. That halves the kubelet's part of a snapshot. The spec is written out whole when
// the stored pod is gone or has changed since (a pod force-deleted from the API that a cut-off
// node still runs, an image changed while the node was down).
import type { PodSpec } from '../types.ts';
import type { NodeRuntime, PodRuntime } from './runtime-state.ts';

/** A saved pod runtime's spec when it is what kubeletSpec picks from the stored pod's spec. */
export const SPEC_AS_STORED = 'as stored';

/** The stored pod's spec for a pod runtime: the API object of that namespace, name and uid. */
export type StoredSpec = (rt: PodRuntime) => PodSpec | undefined;

export class PodTexts {
  /** Each runtime's text as last saved, and whether its spec was written as SPEC_AS_STORED. */
  private texts = new WeakMap<PodRuntime, { text: string; asStored: boolean }>();
  /** Each kubelet spec's stored spec it was picked from (admit, load). */
  private pickedFrom = new WeakMap<PodSpec, PodSpec>();

  /** `spec` was picked from the stored pod spec `from`. */
  picked(spec: PodSpec, from: PodSpec): void {
    this.pickedFrom.set(spec, from);
  }

  /** Whether rt's spec was picked from the stored pod's spec as it is now. */
  asStored(rt: PodRuntime, stored: StoredSpec): boolean {
    const from = this.pickedFrom.get(rt.spec);
    return from !== undefined && from === stored(rt);
  }

  /** The nodes as saved: each pod runtime whose spec is as stored says so instead of repeating it. */
  savedNodes(nodes: Record<string, NodeRuntime>, stored: StoredSpec): Record<string, NodeRuntime> {
    const out: Record<string, NodeRuntime> = {};
    for (const [name, node] of Object.entries(nodes)) {
      const pods: Record<string, PodRuntime> = {};
      for (const [uid, rt] of Object.entries(node.pods)) pods[uid] = this.asStored(rt, stored) ? savedAsStored(rt) : rt;
      out[name] = { ...node, pods };
    }
    return out;
  }

  /** The kubelet is about to change rt, or hands out a way to: its text is made again at the next save. */
  drop(rt: PodRuntime): void {
    this.texts.delete(rt);
  }

  /** Every kept text goes (a snapshot was loaded: new runtimes, but say so rather than rely on it). */
  clear(): void {
    this.texts = new WeakMap();
  }

  /** JSON.stringify(this.savedNodes(nodes, stored)), the same text in the same key order. */
  nodesJSON(nodes: Record<string, NodeRuntime>, stored: StoredSpec): string {
    return objectJSON(nodes, (node) => {
      if (typeof node !== 'object' || node === null) return JSON.stringify(node);
      return objectJSON(node as unknown as Record<string, unknown>, (v, k) => (k === 'pods' && typeof v === 'object' && v !== null ? this.podsJSON(v as Record<string, PodRuntime>, stored) : JSON.stringify(v)));
    });
  }

  private podsJSON(pods: Record<string, PodRuntime>, stored: StoredSpec): string {
    return objectJSON(pods, (rt) => {
      if (typeof rt !== 'object' || rt === null) return JSON.stringify(rt);
      // Kept while rt is untouched and its stored pod still has the same spec or still has not.
      const asStored = this.asStored(rt, stored);
      let kept = this.texts.get(rt);
      if (kept === undefined || kept.asStored !== asStored) {
        kept = { text: JSON.stringify(asStored ? savedAsStored(rt) : rt), asStored };
        this.texts.set(rt, kept);
      }
      return kept.text;
    });
  }
}

/** rt with SPEC_AS_STORED for its spec, in the same place among its keys. */
function savedAsStored(rt: PodRuntime): PodRuntime {
  return { ...rt, spec: SPEC_AS_STORED as unknown as PodSpec };
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
