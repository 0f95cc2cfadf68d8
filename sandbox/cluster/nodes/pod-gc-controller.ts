// The pod garbage collector (`pod-garbage-collector`): every 20 s (gcCheckPeriod) it
//  - force-deletes pods bound to a node that no longer exists, once the node has been missing for
//    the 40 s quarantine (gcOrphaned), marking them Failed with DisruptionTarget
//    "DeletionByPodGC" / "PodGC: node no longer exists" first;
//  - force-deletes terminating pods on a node that is not Ready and carries the
//    node.kubernetes.io/out-of-service taint (gcTerminating, non-graceful node shutdown);
//  - force-deletes terminating pods that were never scheduled (gcUnscheduledTerminating).
// Source: kubernetes/kubernetes pkg/controller/podgc/gc_controller.go
// (markFailedAndDeletePodWithCondition: status phase Failed, then delete with grace 0).
// The 20 s loop runs only while there is something for it to look at, so an idle cluster has no
// timer: the passes run at the 20 s ticks of virtual time.
import type { Component, ComponentContext } from '../component.ts';
import type { Informer } from '../informers.ts';
import { keyOf } from '../informers.ts';
import type { Node, Pod, PodCondition } from '../types.ts';
import { isNodeReady, isPodTerminal } from './node-utils.ts';
import { TAINT_NODE_OUT_OF_SERVICE } from './taints.ts';

export const GC_CHECK_PERIOD_MS = 20_000;
export const QUARANTINE_TIME_MS = 40_000;

interface PodGCState {
  /** Missing node → when it may be declared deleted (quarantine end). */
  quarantine: Record<string, number>;
  /** The pending gc tick, if any. */
  tickAt?: number;
}

export class PodGCController implements Component {
  readonly name = 'pod-garbage-collector';
  private ctx!: ComponentContext;
  private nodes!: Informer<Node>;
  private pods!: Informer<Pod>;
  private state: PodGCState = { quarantine: {} };

  start(ctx: ComponentContext): void {
    this.ctx = ctx;
    this.nodes = ctx.informers.for<Node>('nodes');
    this.pods = ctx.informers.for<Pod>('pods');
    // Only what can make a pod a candidate: terminating pods, pods of a missing node, and node
    // additions, deletions, Ready changes and taint changes (not every heartbeat).
    this.pods.onChange((ev) => {
      const p = ev.object as Pod;
      if (ev.type !== 'DELETED' && (p.metadata.deletionTimestamp || (p.spec?.nodeName && !this.nodes.get(undefined, p.spec.nodeName)))) ctx.enqueue('check');
    });
    this.nodes.onChange((ev, old) => {
      const n = ev.object as Node;
      const o = old as Node | undefined;
      if (ev.type !== 'MODIFIED' || !o || isNodeReady(o) !== isNodeReady(n) || JSON.stringify(o.spec?.taints ?? []) !== JSON.stringify(n.spec?.taints ?? [])) ctx.enqueue('check');
    });
  }

  save(): PodGCState {
    return this.state;
  }

  load(state: unknown): void {
    if (state) this.state = state as PodGCState;
  }

  onTimer(type: string): void {
    if (type !== 'gc') return;
    delete this.state.tickAt;
    this.ctx.enqueue('gc');
  }

  sync(key: string): void {
    if (key === 'gc') this.gc();
    if (this.hasWork()) this.armTick();
  }

  /** Whether any pod is a candidate for one of the passes (then the 20 s loop must run). */
  private hasWork(): boolean {
    for (const p of this.pods.list()) {
      if (this.isOrphanCandidate(p) || this.isTerminatingOutOfService(p)) return true;
      if (p.metadata.deletionTimestamp && !p.spec?.nodeName) return true;
    }
    return false;
  }

  private armTick(): void {
    const now = this.ctx.clock.now();
    if (this.state.tickAt !== undefined && this.state.tickAt >= now) return;
    const at = (Math.floor(now / GC_CHECK_PERIOD_MS) + 1) * GC_CHECK_PERIOD_MS;
    this.state.tickAt = at;
    this.ctx.setTimer(at - now, 'gc');
  }

  private isOrphanCandidate(p: Pod): boolean {
    const n = p.spec?.nodeName;
    return !!n && !this.nodes.get(undefined, n);
  }

  private isTerminatingOutOfService(p: Pod): boolean {
    if (!p.metadata.deletionTimestamp || !p.spec?.nodeName) return false;
    const node = this.nodes.get(undefined, p.spec.nodeName);
    return !!node && !isNodeReady(node) && (node.spec?.taints ?? []).some((t) => t.key === TAINT_NODE_OUT_OF_SERVICE);
  }

  private gc(): void {
    const now = this.ctx.clock.now();
    const pods = this.pods.list().sort(byCreation);
    // gcTerminating.
    for (const p of pods) if (this.isTerminatingOutOfService(p)) this.markFailedAndDelete(p);
    // gcOrphaned: quarantine missing nodes, then check with a GET that they are really gone.
    const missing = new Set<string>();
    for (const p of pods) if (this.isOrphanCandidate(p)) missing.add(p.spec!.nodeName!);
    for (const n of Object.keys(this.state.quarantine)) if (!missing.has(n)) delete this.state.quarantine[n];
    const deleted = new Set<string>();
    for (const n of [...missing].sort()) {
      const until = this.state.quarantine[n];
      if (until === undefined) this.state.quarantine[n] = now + QUARANTINE_TIME_MS;
      else if (until <= now && !this.ctx.api.peek('nodes', undefined, n)) deleted.add(n);
    }
    for (const p of pods) {
      if (!deleted.has(p.spec?.nodeName ?? '')) continue;
      this.markFailedAndDelete(p, { type: 'DisruptionTarget', status: 'True', reason: 'DeletionByPodGC', message: 'PodGC: node no longer exists' });
    }
    for (const n of deleted) delete this.state.quarantine[n];
    // gcUnscheduledTerminating.
    for (const p of pods) if (p.metadata.deletionTimestamp && !p.spec?.nodeName) this.markFailedAndDelete(p);
  }

  private markFailedAndDelete(p: Pod, condition?: PodCondition): void {
    const { api, clock } = this.ctx;
    try {
      if (!isPodTerminal(p)) {
        const fresh = api.get<Pod>('pods', p.metadata.namespace, p.metadata.name!);
        const conds = fresh.status?.conditions ?? [];
        let next = conds;
        if (condition) {
          const old = conds.find((c) => c.type === condition.type);
          const cond = { ...condition, lastProbeTime: null as unknown as undefined, lastTransitionTime: old?.status === condition.status ? old.lastTransitionTime : clock.nowISO() };
          next = old ? conds.map((c) => (c === old ? cond : c)) : [...conds, cond];
        }
        fresh.status = { ...fresh.status, phase: 'Failed', conditions: next };
        api.update('pods', fresh.metadata.namespace, fresh, { subresource: 'status' });
      }
      api.delete('pods', p.metadata.namespace, p.metadata.name!, { gracePeriodSeconds: 0 });
    } catch {
      // Already gone.
    }
  }
}

function byCreation(a: Pod, b: Pod): number {
  const ta = a.metadata.creationTimestamp ?? '';
  const tb = b.metadata.creationTimestamp ?? '';
  if (ta !== tb) return ta < tb ? -1 : 1;
  return keyOf(a) < keyOf(b) ? -1 : 1;
}
