// The node lifecycle controller (kube-controller-manager's `node-controller` event source): it
// watches each node's heartbeat, and when none arrived for --node-monitor-grace-period (50 s since
// 1.32, PR #126287) it sets the node's conditions to Unknown ("Kubelet stopped posting node
// status."), records NodeNotReady, marks the node's pods not Ready, and taints the node
// node.kubernetes.io/unreachable:NoExecute and :NoSchedule. A node whose kubelet reports
// Ready=False gets the not-ready taints instead; a node back to Ready loses them. It also keeps
// the node.kubernetes.io/unschedulable:NoSchedule taint in step with spec.unschedulable (cordon).
// Source: kubernetes/kubernetes pkg/controller/nodelifecycle/node_lifecycle_controller.go
// (monitorNodeHealth every --node-monitor-period 5 s, tryUpdateNodeHealth, doNoScheduleTaintingPass,
// doNoExecuteTaintingPass, processTaintBaseEviction, markNodeAsReachable) and
// pkg/controller/util/node/controller_utils.go (MarkPodsNotReady, RecordNodeStatusChange,
// RecordNodeEvent, SwapNodeControllerTaint: taints it adds carry timeAdded).
//
// Heartbeats: the node's Ready condition lastHeartbeatTime, or, when the simulator serves Leases,
// the node's Lease renewTime in kube-node-lease, whichever is newer.
import type { Component, ComponentContext } from '../component.ts';
import type { EventRecorder } from '../events.ts';
import type { Informer } from '../informers.ts';
import { resourceInfo } from '../api/resources.ts';
import { parseRFC3339 } from '../clock.ts';
import type { KubeObject } from '../api/client.ts';
import type { Node, Pod, Taint } from '../types.ts';
import { getNodeCondition, type NodeCondition } from './node-utils.ts';
import {
  TAINT_NODE_DISK_PRESSURE, TAINT_NODE_MEMORY_PRESSURE, TAINT_NODE_NETWORK_UNAVAILABLE, TAINT_NODE_NOT_READY,
  TAINT_NODE_PID_PRESSURE, TAINT_NODE_UNREACHABLE, TAINT_NODE_UNSCHEDULABLE,
} from './taints.ts';

export const NODE_MONITOR_GRACE_PERIOD_MS = 50_000;
export const NODE_STARTUP_GRACE_PERIOD_MS = 60_000;
export const NODE_MONITOR_PERIOD_MS = 5_000;
const NODE_LEASE_NAMESPACE = 'kube-node-lease';

/** nodeConditionToTaintKeyStatusMap: the NoSchedule taint each condition state maps to. */
const CONDITION_TAINTS: Record<string, Record<string, string>> = {
  Ready: { False: TAINT_NODE_NOT_READY, Unknown: TAINT_NODE_UNREACHABLE },
  MemoryPressure: { True: TAINT_NODE_MEMORY_PRESSURE },
  DiskPressure: { True: TAINT_NODE_DISK_PRESSURE },
  NetworkUnavailable: { True: TAINT_NODE_NETWORK_UNAVAILABLE },
  PIDPressure: { True: TAINT_NODE_PID_PRESSURE },
};
const NO_SCHEDULE_KEYS = new Set([TAINT_NODE_UNSCHEDULABLE, ...Object.values(CONDITION_TAINTS).flatMap((m) => Object.values(m))]);
const NO_EXECUTE_KEYS = new Set([TAINT_NODE_NOT_READY, TAINT_NODE_UNREACHABLE]);
/** The conditions the controller turns Unknown when the kubelet goes silent (NetworkUnavailable is not its). */
const KUBELET_CONDITIONS = ['Ready', 'MemoryPressure', 'DiskPressure', 'PIDPressure'];

interface LifecycleState {
  /** Nodes seen (RegisteredNode was recorded). */
  known: string[];
  /** The Ready status last observed per node, to see a transition to not-Ready. */
  observedReady: Record<string, string>;
  /** When the pending health check fires. */
  checkAt?: number;
}

/** ZoneState (handleDisruption): how many nodes of a zone are not Ready. */
type ZoneState = 'Normal' | 'PartialDisruption' | 'FullDisruption';

/** The first node-monitor tick strictly after `t` (ticks every 5 s of virtual time). */
export function nextMonitorTick(t: number): number {
  return (Math.floor(t / NODE_MONITOR_PERIOD_MS) + 1) * NODE_MONITOR_PERIOD_MS;
}

/** nodetopology.GetZoneKey: region and zone labels ("" when a node has none). */
function zoneKey(node: Node): string {
  const l = node.metadata.labels ?? {};
  return `${l['topology.kubernetes.io/region'] ?? ''}:\x00:${l['topology.kubernetes.io/zone'] ?? ''}`;
}

/**
 * ComputeZoneState: no Ready node left is FullDisruption; more than 2 not Ready and at least
 * 55 % (--unhealthy-zone-threshold) is PartialDisruption.
 */
function computeZoneState(nodes: Node[]): ZoneState {
  const ready = nodes.filter((n) => getNodeCondition(n, 'Ready')?.status === 'True').length;
  const notReady = nodes.length - ready;
  if (ready === 0 && notReady > 0) return 'FullDisruption';
  if (notReady > 2 && notReady / nodes.length >= 0.55) return 'PartialDisruption';
  return 'Normal';
}

export class NodeLifecycleController implements Component {
  readonly name = 'node-lifecycle-controller';
  private ctx!: ComponentContext;
  private recorder!: EventRecorder;
  private nodes!: Informer<Node>;
  private pods!: Informer<Pod>;
  private leases?: Informer<KubeObject>;
  private state: LifecycleState = { known: [], observedReady: {} };

  start(ctx: ComponentContext): void {
    this.ctx = ctx;
    this.recorder = ctx.recorder('node-controller');
    this.nodes = ctx.informers.for<Node>('nodes');
    this.pods = ctx.informers.for<Pod>('pods');
    this.nodes.onChange(() => ctx.enqueue('monitor'));
    if (resourceInfo('leases')) {
      // Read at each pass (lastProbe), not watched: a renewal only pushes a node's deadline
      // later, and the pending check timer looks again then (monitorNodeHealth is periodic in
      // the Go controller; Lease events do not trigger it). A renewal waking the pass would cost
      // one pass per node every 10 s on an idle cluster.
      this.leases = ctx.informers.for('leases');
    }
  }

  save(): LifecycleState {
    return this.state;
  }

  load(state: unknown): void {
    if (state) this.state = state as LifecycleState;
  }

  onTimer(type: string): void {
    if (type !== 'monitor') return;
    if (this.state.checkAt !== undefined && this.state.checkAt <= this.ctx.clock.now()) delete this.state.checkAt;
    this.ctx.enqueue('monitor');
  }

  /** One monitorNodeHealth pass over all nodes, then the tainting passes. */
  sync(): void {
    const names = new Set<string>();
    let nodes = this.nodes.list().sort((a, b) => (a.metadata.name! < b.metadata.name! ? -1 : 1));
    for (const node of nodes) {
      const name = node.metadata.name!;
      names.add(name);
      if (!this.state.known.includes(name)) {
        this.state.known.push(name);
        this.recordNodeEvent(node, 'RegisteredNode', `Registered Node ${name} in Controller`);
      }
    }
    this.state.known = this.state.known.filter((n) => names.has(n));
    for (const n of Object.keys(this.state.observedReady)) if (!names.has(n)) delete this.state.observedReady[n];

    nodes = nodes.map((n) => this.updateNodeHealth(n) ?? n);
    // handleDisruption: when every zone has lost all its nodes, the controller stops evicting
    // ("master disruption mode") and takes the NoExecute taints off; a partially disrupted small
    // cluster (<= 50 nodes) gets an eviction rate of 0, so no new NoExecute taints.
    const zones = new Map<string, Node[]>();
    for (const n of nodes) {
      const k = zoneKey(n);
      if (!zones.has(k)) zones.set(k, []);
      zones.get(k)!.push(n);
    }
    const zoneStates = new Map([...zones].map(([k, ns]) => [k, computeZoneState(ns)]));
    const allFullyDisrupted = zoneStates.size > 0 && [...zoneStates.values()].every((z) => z === 'FullDisruption');
    for (const node of nodes) {
      this.updateTaints(node, allFullyDisrupted ? 'stop' : zoneStates.get(zoneKey(node)) === 'PartialDisruption' ? 'hold' : 'taint');
      this.observeReadyTransition(node);
    }
  }

  /** tryUpdateNodeHealth: after the grace period without a heartbeat, conditions become Unknown. */
  private updateNodeHealth(node: Node): Node | undefined {
    const now = this.ctx.clock.now();
    const ready = getNodeCondition(node, 'Ready');
    const probe = this.lastProbe(node);
    const grace = ready ? NODE_MONITOR_GRACE_PERIOD_MS : NODE_STARTUP_GRACE_PERIOD_MS;
    const due = nextMonitorTick(probe + grace);
    const alreadyUnknown = KUBELET_CONDITIONS.every((t) => getNodeCondition(node, t)?.status === 'Unknown');
    if (alreadyUnknown) return undefined;
    if (now < due) {
      this.scheduleCheck(due);
      return undefined;
    }
    const { api, clock } = this.ctx;
    try {
      const fresh = api.get<Node>('nodes', undefined, node.metadata.name!);
      if (this.lastProbe(fresh) !== probe) {
        this.ctx.enqueue('monitor');
        return undefined;
      }
      const conds: NodeCondition[] = [...(fresh.status?.conditions ?? [])];
      for (const type of KUBELET_CONDITIONS) {
        const i = conds.findIndex((c) => c.type === type);
        if (i < 0) {
          // Never posted: "Kubelet never posted node status."
          conds.push({
            type, status: 'Unknown', reason: 'NodeStatusNeverUpdated', message: 'Kubelet never posted node status.',
            lastHeartbeatTime: fresh.metadata.creationTimestamp, lastTransitionTime: clock.nowISO(),
          });
        } else if (conds[i].status !== 'Unknown') {
          conds[i] = {
            ...conds[i], status: 'Unknown', reason: 'NodeStatusUnknown', message: 'Kubelet stopped posting node status.',
            lastTransitionTime: clock.nowISO(),
          };
        }
      }
      fresh.status = { ...fresh.status, conditions: conds };
      return api.update<Node>('nodes', undefined, fresh, { subresource: 'status' });
    } catch {
      this.ctx.enqueue('monitor', 1000);
      return undefined;
    }
  }

  /** The latest sign of life: Ready.lastHeartbeatTime, the Lease's renewTime, or creation. */
  private lastProbe(node: Node): number {
    let t = parseRFC3339(getNodeCondition(node, 'Ready')?.lastHeartbeatTime ?? node.metadata.creationTimestamp ?? '') || 0;
    const lease = this.leases?.get(NODE_LEASE_NAMESPACE, node.metadata.name!);
    const renew = lease?.spec?.renewTime ? parseRFC3339(lease.spec.renewTime) : NaN;
    if (Number.isFinite(renew) && renew > t) t = renew;
    return t;
  }

  private scheduleCheck(at: number): void {
    const pending = this.state.checkAt;
    if (pending !== undefined && pending <= at && pending >= this.ctx.clock.now()) return;
    this.state.checkAt = at;
    this.ctx.setTimer(at - this.ctx.clock.now(), 'monitor');
  }

  /**
   * The NoExecute pass (not-ready / unreachable, mutually exclusive, none when Ready) and the
   * NoSchedule pass (conditions and spec.unschedulable). Taints the controller does not own stay.
   */
  private updateTaints(node: Node, eviction: 'taint' | 'hold' | 'stop'): void {
    const readyStatus = getNodeCondition(node, 'Ready')?.status;
    const noExecute = readyStatus === 'False' ? TAINT_NODE_NOT_READY : readyStatus === 'Unknown' ? TAINT_NODE_UNREACHABLE : undefined;
    const wanted: Taint[] = [];
    const tainted = (node.spec?.taints ?? []).some((t) => t.effect === 'NoExecute' && NO_EXECUTE_KEYS.has(t.key));
    // 'hold': an already tainted node still swaps not-ready/unreachable at once, an untainted one waits.
    if (noExecute && (eviction === 'taint' || (eviction === 'hold' && tainted))) wanted.push({ key: noExecute, effect: 'NoExecute' });
    for (const c of node.status?.conditions ?? []) {
      const key = CONDITION_TAINTS[c.type]?.[c.status];
      if (key) wanted.push({ key, effect: 'NoSchedule' });
    }
    if (node.spec?.unschedulable) wanted.push({ key: TAINT_NODE_UNSCHEDULABLE, effect: 'NoSchedule' });

    const current = node.spec?.taints ?? [];
    const owned = (t: Taint) => (t.effect === 'NoSchedule' && NO_SCHEDULE_KEYS.has(t.key)) || (t.effect === 'NoExecute' && NO_EXECUTE_KEYS.has(t.key));
    const has = (list: Taint[], t: Taint) => list.some((x) => x.key === t.key && x.effect === t.effect);
    const toAdd = wanted.filter((t) => !has(current, t));
    const toDel = current.filter((t) => owned(t) && !has(wanted, t));
    if (!toAdd.length && !toDel.length) return;
    const { api, clock } = this.ctx;
    try {
      const fresh = api.get<Node>('nodes', undefined, node.metadata.name!);
      const kept = (fresh.spec?.taints ?? []).filter((t) => !(owned(t) && !has(wanted, t)));
      for (const t of toAdd) if (!has(kept, t)) kept.push({ ...t, timeAdded: clock.nowISO() });
      fresh.spec = { ...fresh.spec, taints: kept.length ? kept : undefined };
      if (!kept.length) delete fresh.spec.taints;
      api.update('nodes', undefined, fresh);
    } catch {
      this.ctx.enqueue('monitor', 1000);
    }
  }

  /** On Ready → not Ready: NodeNotReady on the node, then MarkPodsNotReady. */
  private observeReadyTransition(node: Node): void {
    const name = node.metadata.name!;
    const status = getNodeCondition(node, 'Ready')?.status ?? 'Unknown';
    const observed = this.state.observedReady[name];
    this.state.observedReady[name] = status;
    if (observed !== 'True' || status === 'True') return;
    // RecordNodeStatusChange.
    this.recorder.event(node, 'Normal', 'NodeNotReady', `Node ${name} status is now: NodeNotReady`);
    this.markPodsNotReady(name);
  }

  private markPodsNotReady(nodeName: string): void {
    const { api, clock } = this.ctx;
    const pods = this.pods.list().filter((p) => p.spec?.nodeName === nodeName).sort((a, b) => (`${a.metadata.namespace}/${a.metadata.name}` < `${b.metadata.namespace}/${b.metadata.name}` ? -1 : 1));
    for (const p of pods) {
      const ready = p.status?.conditions?.find((c) => c.type === 'Ready');
      if (!ready || ready.status === 'False') continue;
      try {
        const fresh = api.get<Pod>('pods', p.metadata.namespace, p.metadata.name!);
        fresh.status = {
          ...fresh.status,
          conditions: (fresh.status?.conditions ?? []).map((c) => (c.type === 'Ready' ? { ...c, status: 'False', lastTransitionTime: clock.nowISO() } : c)),
        };
        api.update('pods', fresh.metadata.namespace, fresh, { subresource: 'status' });
        this.recorder.event(fresh, 'Warning', 'NodeNotReady', 'Node is not ready');
      } catch {
        // Gone meanwhile.
      }
    }
  }

  /** RecordNodeEvent: "Node <name> event: <message>". */
  private recordNodeEvent(node: Node, reason: string, message: string): void {
    this.recorder.event(node, 'Normal', reason, `Node ${node.metadata.name} event: ${message}`);
  }
}
