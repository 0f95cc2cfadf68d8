// The taint eviction controller (event source `taint-eviction-controller`): pods on a node with
// NoExecute taints they do not tolerate are deleted at once; pods that tolerate them for
// tolerationSeconds (300 s for not-ready/unreachable, added by DefaultTolerationSeconds) are
// deleted when that time has passed since the controller saw the taint. Before deleting it adds
// the DisruptionTarget condition and records TaintManagerEviction. The deletion is graceful: a
// pod on an unreachable node keeps its deletionTimestamp (Terminating) until its kubelet, PodGC
// or a force delete removes it. A taint that goes away cancels pending evictions.
// Source: kubernetes/kubernetes pkg/controller/tainteviction/taint_eviction.go (processPodOnNode,
// handleNodeUpdate, handlePodUpdate, addConditionAndDeletePod, emitPodDeletionEvent,
// emitCancelPodDeletionEvent) and timed_workers.go.
import type { Component, ComponentContext } from '../component.ts';
import type { EventRecorder } from '../events.ts';
import type { Informer } from '../informers.ts';
import { keyOf, splitKey } from '../informers.ts';
import type { Node, Pod, Taint } from '../types.ts';
import { getMatchingTolerations, minTolerationTime } from './taints.ts';
import { objectRef } from './node-utils.ts';

/** A scheduled eviction (TimedWorker): when it was created and when it fires. */
interface Eviction {
  createdAt: number;
  fireAt: number;
  /** The pod it was scheduled for: a new pod with the same name is not the one to evict. */
  uid: string;
}

interface TaintEvictionState {
  evictions: Record<string, Eviction>;
}

export class TaintEvictionController implements Component {
  readonly name = 'taint-eviction-controller';
  private ctx!: ComponentContext;
  private recorder!: EventRecorder;
  private nodes!: Informer<Node>;
  private pods!: Informer<Pod>;
  private state: TaintEvictionState = { evictions: {} };

  start(ctx: ComponentContext): void {
    this.ctx = ctx;
    this.recorder = ctx.recorder('taint-eviction-controller');
    this.nodes = ctx.informers.for<Node>('nodes');
    this.pods = ctx.informers.for<Pod>('pods');
    // NodeUpdated: only a change of the NoExecute taints matters.
    this.nodes.onChange((ev, old) => {
      const before = JSON.stringify(noExecuteTaints(old as Node | undefined));
      const after = JSON.stringify(ev.type === 'DELETED' ? [] : noExecuteTaints(ev.object as Node));
      if (!old || ev.type === 'DELETED' || before !== after) ctx.enqueue(`node/${ev.object.metadata.name}`);
    });
    // PodUpdated: additions, deletions, and changes of tolerations or node.
    this.pods.onChange((ev, old) => {
      const p = ev.object as Pod;
      const o = old as Pod | undefined;
      if (o && ev.type !== 'DELETED' && o.spec?.nodeName === p.spec?.nodeName && JSON.stringify(o.spec?.tolerations ?? []) === JSON.stringify(p.spec?.tolerations ?? [])) return;
      ctx.enqueue(`pod/${keyOf(p)}`);
    });
  }

  save(): TaintEvictionState {
    return this.state;
  }

  load(state: unknown): void {
    if (state) this.state = state as TaintEvictionState;
  }

  onTimer(type: string, data: unknown): void {
    if (type === 'evict') this.ctx.enqueue(`evict/${data as string}`);
  }

  sync(key: string): void {
    const i = key.indexOf('/');
    const kind = key.slice(0, i);
    const rest = key.slice(i + 1);
    if (kind === 'node') this.handleNodeUpdate(rest);
    else if (kind === 'pod') this.handlePodUpdate(rest);
    else if (kind === 'evict') this.fire(rest);
  }

  private handleNodeUpdate(nodeName: string): void {
    const node = this.nodes.get(undefined, nodeName);
    const taints = noExecuteTaints(node);
    const pods = this.pods.list().filter((p) => p.spec?.nodeName === nodeName).sort(byKey);
    const now = this.ctx.clock.now();
    for (const p of pods) {
      if (!taints.length) this.cancel(keyOf(p));
      else this.processPodOnNode(p, taints, now);
    }
  }

  private handlePodUpdate(podKey: string): void {
    const [ns, name] = splitKey(podKey);
    const pod = this.pods.get(ns, name);
    if (!pod) {
      this.cancel(podKey);
      return;
    }
    // Deleted and recreated under the same name: the old pod's countdown does not carry over.
    if (this.state.evictions[podKey] && this.state.evictions[podKey].uid !== pod.metadata.uid) delete this.state.evictions[podKey];
    const nodeName = pod.spec?.nodeName;
    if (!nodeName) return;
    const taints = noExecuteTaints(this.nodes.get(undefined, nodeName));
    if (!taints.length) return;
    this.processPodOnNode(pod, taints, this.ctx.clock.now());
  }

  private processPodOnNode(pod: Pod, taints: Taint[], now: number): void {
    const key = keyOf(pod);
    const [allTolerated, used] = getMatchingTolerations(taints, pod.spec?.tolerations);
    if (!allTolerated) {
      // Not tolerated: delete right away.
      this.cancel(key);
      this.schedule(key, pod.metadata.uid!, now, now);
      return;
    }
    const min = minTolerationTime(used);
    if (min < 0) {
      this.cancel(key);
      return;
    }
    const existing = this.state.evictions[key];
    if (existing && existing.uid === pod.metadata.uid) {
      // An eviction already counting down from an earlier sighting keeps its time.
      if (existing.createdAt + min <= now + min) return;
      this.cancel(key);
    }
    this.schedule(key, pod.metadata.uid!, now, now + min);
  }

  private schedule(key: string, uid: string, createdAt: number, fireAt: number): void {
    this.state.evictions[key] = { createdAt, fireAt, uid };
    if (fireAt <= this.ctx.clock.now()) this.ctx.enqueue(`evict/${key}`);
    else this.ctx.setTimer(fireAt - this.ctx.clock.now(), 'evict', key);
  }

  /** cancelWorkWithEvent. */
  private cancel(key: string): void {
    if (!this.state.evictions[key]) return;
    delete this.state.evictions[key];
    const [ns, name] = splitKey(key);
    this.recorder.event(objectRef('Pod', name, ns), 'Normal', 'TaintManagerEviction', `Cancelling deletion of Pod ${key}`);
  }

  /** deletePodHandler: event, DisruptionTarget condition, graceful delete. */
  private fire(key: string): void {
    const ev = this.state.evictions[key];
    if (!ev || ev.fireAt > this.ctx.clock.now()) return;
    delete this.state.evictions[key];
    const [ns, name] = splitKey(key);
    this.recorder.event(objectRef('Pod', name, ns), 'Normal', 'TaintManagerEviction', `Marking for deletion Pod ${key}`);
    const { api, clock } = this.ctx;
    try {
      const pod = api.get<Pod>('pods', ns, name);
      if (pod.metadata.uid !== ev.uid) return;
      const conds = pod.status?.conditions ?? [];
      const old = conds.find((c) => c.type === 'DisruptionTarget');
      if (!old || old.status !== 'True' || old.reason !== 'DeletionByTaintManager') {
        const cond = {
          type: 'DisruptionTarget', status: 'True', lastProbeTime: null as unknown as undefined,
          lastTransitionTime: old?.status === 'True' ? old.lastTransitionTime : clock.nowISO(),
          reason: 'DeletionByTaintManager', message: 'Taint manager: deleting due to NoExecute taint',
        };
        pod.status = { ...pod.status, conditions: old ? conds.map((c) => (c === old ? cond : c)) : [...conds, cond] };
        api.update('pods', ns, pod, { subresource: 'status' });
      }
      api.delete('pods', ns, name);
    } catch {
      // Already gone.
    }
  }
}

function noExecuteTaints(node: Node | undefined): Taint[] {
  return (node?.spec?.taints ?? []).filter((t) => t.effect === 'NoExecute');
}

function byKey(a: Pod, b: Pod): number {
  const ka = keyOf(a);
  const kb = keyOf(b);
  return ka < kb ? -1 : ka > kb ? 1 : 0;
}
