// kube-scheduler's default profile as one component named `default-scheduler`: it takes pods
// that name it (spec.schedulerName, defaulted by the API server) and have no node, runs the
// filters, scores the nodes that pass, and binds the pod through the binding subresource.
// A pod that fits nowhere gets the FitError text as a FailedScheduling event and as its
// PodScheduled=False condition (reason Unschedulable), and is retried with back-off (1 s doubling
// to 10 s) when something that could help changes, or after 5 minutes anyway.
// Sources: kubernetes/kubernetes pkg/scheduler/schedule_one.go (schedulingCycle, bindingCycle,
// handleSchedulingFailure, "Successfully assigned %v/%v to %v"), pkg/scheduler/eventhandlers.go
// (which updates move unschedulable pods), pkg/scheduler/backend/queue/scheduling_queue.go
// (podInitialBackoffSeconds 1, podMaxBackoffSeconds 10, podMaxInUnschedulablePodsDuration 5 min).
import type { Component, ComponentContext } from '../../component.ts';
import type { EventRecorder } from '../../events.ts';
import type { Informer } from '../../informers.ts';
import { keyOf, splitKey } from '../../informers.ts';
import { ApiError } from '../../api/errors.ts';
import { labelSelectorMatcher } from '../../api/selectors.ts';
import type { Node, PersistentVolume, PersistentVolumeClaim, Pod, PodCondition, Service, StatefulSet, ReplicaSet, StorageClass } from '../../types.ts';
import { isPodTerminal } from '../node-utils.ts';
import { NodeInfoCache, nodeSlot, type NodeSlot } from './node-info.ts';
import { findPodVolumes, runFilters, volumeBindingPreFilter, type CycleState, type FilterStatus, type VolumeLookup } from './filters.ts';
import { fitErrorMessage, NO_NODES_AVAILABLE } from './fit-error.ts';
import { scoreNodes, type SpreadMatcher } from './scoring.ts';
import { podHostPorts, podRequests } from './resources.ts';
import { hasInterPodAffinity, interPodAffinityPreFilter } from './inter-pod-affinity.ts';
import { podTopologySpreadPreFilter } from './pod-topology-spread.ts';
import { hasRequiredNodeAffinity } from './node-affinity.ts';

export const DEFAULT_SCHEDULER_NAME = 'default-scheduler';
const INITIAL_BACKOFF_MS = 1000;
const MAX_BACKOFF_MS = 10_000;
const MAX_IN_UNSCHEDULABLE_MS = 5 * 60_000;
const ANN_SELECTED_NODE = 'volume.kubernetes.io/selected-node';

/** A pod that failed to schedule: how often, until when it backs off, and its pending retry. */
interface BackoffEntry {
  attempts: number;
  backoffUntil: number;
  timerId?: number;
  timerAt?: number;
}

interface SchedulerState {
  backoff: Record<string, BackoffEntry>;
  /** Pods whose WaitForFirstConsumer claims are being bound (PreBind waits), with their node. */
  waitingOnVolumes?: Record<string, string>;
}

/** calculateBackoffDuration: 1 s, 2 s, 4 s, 8 s, then 10 s. */
export function backoffDuration(attempts: number): number {
  let d = INITIAL_BACKOFF_MS;
  for (let i = 1; i < attempts; i++) {
    if (d > MAX_BACKOFF_MS - d) return MAX_BACKOFF_MS;
    d += d;
  }
  return d;
}

export class Scheduler implements Component {
  readonly name = DEFAULT_SCHEDULER_NAME;
  private ctx!: ComponentContext;
  private recorder!: EventRecorder;
  private cache = new NodeInfoCache();
  private state: SchedulerState = { backoff: {} };
  /** Counts syncs and timers: what may change the queue and back-off state (see moveAllUnschedulable). */
  private work = 0;
  private lastMove = { at: -1, work: -1 };
  private pods!: Informer<Pod>;
  private nodes!: Informer<Node>;
  private claims!: Informer<PersistentVolumeClaim>;
  private volumes!: Informer<PersistentVolume>;
  private classes!: Informer<StorageClass>;
  private services!: Informer<Service>;
  private replicaSets!: Informer<ReplicaSet>;
  private statefulSets!: Informer<StatefulSet>;
  private lookup!: VolumeLookup;
  /** The nodes sorted by name (the order they are tried in) with their NodeInfo; dropped on any node event. */
  private nodeOrder: NodeSlot[] | undefined;

  start(ctx: ComponentContext): void {
    this.ctx = ctx;
    this.recorder = ctx.recorder(DEFAULT_SCHEDULER_NAME);
    const inf = ctx.informers;
    this.pods = inf.for<Pod>('pods');
    this.nodes = inf.for<Node>('nodes');
    this.claims = inf.for<PersistentVolumeClaim>('persistentvolumeclaims');
    this.volumes = inf.for<PersistentVolume>('persistentvolumes');
    this.classes = inf.for<StorageClass>('storageclasses');
    this.services = inf.for<Service>('services');
    this.replicaSets = inf.for<ReplicaSet>('replicasets');
    this.statefulSets = inf.for<StatefulSet>('statefulsets');
    this.lookup = this.volumeLookup();

    this.pods.onChange((ev, old) => {
      const pod = ev.object as Pod;
      const key = keyOf(pod);
      if (ev.type === 'DELETED') {
        this.cache.remove(key);
        this.forget(key);
        // AssignedPodDelete frees room for the pods that did not fit.
        if (pod.spec?.nodeName) this.moveAllUnschedulable();
        return;
      }
      // A pod waiting in PreBind keeps its assumed place until it is bound.
      if (pod.spec?.nodeName || !this.state.waitingOnVolumes?.[key]) this.cache.update(pod);
      if (pod.spec?.nodeName) {
        const oldPod = old as Pod | undefined;
        if (oldPod?.spec?.nodeName && !isPodTerminal(oldPod) && isPodTerminal(pod)) this.moveAllUnschedulable();
        return;
      }
      if (!this.responsibleFor(pod)) return;
      // Status-only updates (our own condition writes included) do not requeue (isPodUpdated).
      if (!old || podSpecChanged(old as Pod, pod)) this.enqueuePod(key);
    });
    this.nodes.onChange((ev, old) => {
      this.nodeOrder = undefined;
      if (ev.type === 'ADDED' || (ev.type === 'MODIFIED' && nodeChangedForScheduling(old as Node | undefined, ev.object as Node))) this.moveAllUnschedulable();
    });
    for (const i of [this.claims, this.volumes, this.classes]) i.onChange((ev) => ev.type !== 'DELETED' && this.moveAllUnschedulable());
    this.claims.onChange(() => {
      const waiting = this.state.waitingOnVolumes;
      if (waiting) for (const k of Object.keys(waiting).sort()) ctx.enqueue(k);
    });
  }

  save(): SchedulerState {
    return this.state;
  }

  load(state: unknown): void {
    this.state = (state as SchedulerState) ?? { backoff: {} };
  }

  onTimer(type: string, data: unknown): void {
    this.work++;
    if (type !== 'retry') return;
    const key = data as string;
    const e = this.state.backoff[key];
    if (e) {
      // Last added, first deleted (see cancelRetry).
      delete e.timerAt;
      delete e.timerId;
    }
    this.ctx.enqueue(key);
  }

  sync(key: string): void {
    this.work++;
    const [ns, name] = splitKey(key);
    const pod = this.pods.get(ns, name);
    if (!pod || !this.responsibleFor(pod)) {
      this.forget(key);
      return;
    }
    const waitingOn = this.state.waitingOnVolumes?.[key];
    if (waitingOn) {
      if (this.claimsBound(pod)) this.bind(pod, waitingOn);
      return;
    }
    const e = this.state.backoff[key];
    if (e && e.backoffUntil > this.ctx.clock.now()) {
      this.retryAt(key, e.backoffUntil);
      return;
    }
    this.scheduleOne(pod);
  }

  // ---- one scheduling cycle -------------------------------------------------------------------

  private scheduleOne(pod: Pod): void {
    const nodes = (this.nodeOrder ??= this.nodes.list().sort(byName).map((node) => nodeSlot(node, this.cache.get(node.metadata.name!))));
    if (!nodes.length) {
      this.fail(pod, NO_NODES_AVAILABLE, 'SchedulerError');
      return;
    }
    const pre = volumeBindingPreFilter(pod, this.lookup);
    if (typeof pre === 'string') {
      this.fail(pod, fitErrorMessage({ numAllNodes: nodes.length, preFilterMsg: pre, nodeStatuses: [] }));
      return;
    }
    const state: CycleState = { pod, nodeAffinity: hasRequiredNodeAffinity(pod), requests: podRequests(pod), hostPorts: podHostPorts(pod), ...pre, lookup: this.lookup };
    // The placed pods per node, built only for a PreFilter that needs them (most pods have no
    // hard spread constraints and no pod affinity).
    state.spread = podTopologySpreadPreFilter(pod, () => placedPods(nodes));
    if (hasInterPodAffinity(pod) || this.cache.podsWithRequiredAntiAffinity > 0) {
      state.affinity = interPodAffinityPreFilter(pod, placedPods(nodes));
    }
    const feasible: NodeSlot[] = [];
    const statuses: FilterStatus[] = [];
    for (const slot of nodes) {
      const s = runFilters(state, slot.node, slot.info, slot.alloc);
      if (s) statuses.push(s);
      else feasible.push(slot);
    }
    if (!feasible.length) {
      this.fail(pod, fitErrorMessage({ numAllNodes: nodes.length, nodeStatuses: statuses }));
      return;
    }
    const host = feasible.length === 1 ? feasible[0].node : this.selectHost(feasible, scoreNodes(pod, feasible, nodes, this.spreadMatcher(pod)));
    if (state.delayedClaims.length) this.preBindVolumes(pod, host, state);
    else this.bind(pod, host.metadata.name!);
  }

  /**
   * VolumeBinding PreBind for WaitForFirstConsumer claims: bind chosen free volumes (claimRef, as
   * BindPodVolumes does) and ask for provisioning of the rest (the selected-node annotation), then
   * wait with the pod reserved on the node until every claim is bound.
   */
  private preBindVolumes(pod: Pod, host: Node, state: CycleState): void {
    const { api } = this.ctx;
    const nodeName = host.metadata.name!;
    const key = keyOf(pod);
    const plan = findPodVolumes(state.delayedClaims, host, state.lookup!);
    try {
      for (const [pvc, choice] of plan ?? []) {
        if (choice === 'provision') {
          if (pvc.metadata.annotations?.[ANN_SELECTED_NODE] !== nodeName) {
            api.patch('persistentvolumeclaims', pvc.metadata.namespace, pvc.metadata.name!, { metadata: { annotations: { [ANN_SELECTED_NODE]: nodeName } } }, 'merge');
          }
        } else {
          const pv = api.get<PersistentVolume>('persistentvolumes', undefined, choice.metadata.name!);
          pv.metadata.annotations = { ...pv.metadata.annotations, 'pv.kubernetes.io/bound-by-controller': 'yes' };
          pv.spec = { ...pv.spec, claimRef: { kind: 'PersistentVolumeClaim', apiVersion: 'v1', namespace: pvc.metadata.namespace, name: pvc.metadata.name, uid: pvc.metadata.uid, resourceVersion: pvc.metadata.resourceVersion } };
          api.update('persistentvolumes', undefined, pv);
        }
      }
    } catch {
      this.ctx.enqueue(key, INITIAL_BACKOFF_MS);
      return;
    }
    (this.state.waitingOnVolumes ??= {})[key] = nodeName;
    this.cache.assume(pod, nodeName);
    this.ctx.enqueue(key);
  }

  /** Every claim of the pod has its volume and the bind-completed annotation. */
  private claimsBound(pod: Pod): boolean {
    const lookup = this.lookup;
    return (pod.spec?.volumes ?? []).every((v) => {
      const name = v.persistentVolumeClaim?.claimName;
      if (!name) return true;
      const pvc = lookup.claim(pod.metadata.namespace!, name);
      return !!pvc?.spec?.volumeName && pvc.metadata.annotations?.['pv.kubernetes.io/bind-completed'] !== undefined;
    });
  }

  /** selectHost: the best score, ties broken at random (reservoir sampling as in schedule_one.go). */
  private selectHost(nodes: NodeSlot[], scores: number[]): Node {
    let best = 0;
    let ties = 1;
    for (let i = 1; i < nodes.length; i++) {
      if (scores[i] > scores[best]) {
        best = i;
        ties = 1;
      } else if (scores[i] === scores[best]) {
        ties++;
        if (this.ctx.random.int(ties) === 0) best = i;
      }
    }
    return nodes[best].node;
  }

  private bind(pod: Pod, nodeName: string): void {
    const { api } = this.ctx;
    const key = keyOf(pod);
    if (this.state.waitingOnVolumes) delete this.state.waitingOnVolumes[key];
    try {
      api.update('pods', pod.metadata.namespace, { metadata: { name: pod.metadata.name }, spec: { nodeName } }, { subresource: 'binding', sharedResult: true });
    } catch (e) {
      if (e instanceof ApiError && (e.reason === 'NotFound' || e.reason === 'Conflict')) {
        this.forget(key);
        return;
      }
      this.ctx.enqueue(key, INITIAL_BACKOFF_MS);
      return;
    }
    // Assume the pod on its node now, before the watch event arrives.
    this.cache.assume(pod, nodeName);
    this.forget(key);
    this.recorder.event(pod, 'Normal', 'Scheduled', `Successfully assigned ${pod.metadata.namespace}/${pod.metadata.name} to ${nodeName}`);
  }

  /** handleSchedulingFailure: event, PodScheduled=False condition, back-off. */
  private fail(pod: Pod, message: string, reason = 'Unschedulable'): void {
    const key = keyOf(pod);
    const now = this.ctx.clock.now();
    this.recorder.event(pod, 'Warning', 'FailedScheduling', message);
    this.setUnschedulableCondition(pod, reason, message);
    const e = (this.state.backoff[key] ??= { attempts: 0, backoffUntil: now });
    e.attempts++;
    e.backoffUntil = now + backoffDuration(e.attempts);
    this.cancelRetry(e);
    this.retryAt(key, now + MAX_IN_UNSCHEDULABLE_MS);
  }

  private setUnschedulableCondition(pod: Pod, reason: string, message: string): void {
    const { api, clock } = this.ctx;
    try {
      // The stored pod, read without a copy (it is only read; the write sends a new status).
      const fresh = api.peek('pods', pod.metadata.namespace, pod.metadata.name!) as Pod | undefined;
      if (!fresh || fresh.spec?.nodeName) return;
      const conds = fresh.status?.conditions ?? [];
      const old = conds.find((c) => c.type === 'PodScheduled');
      if (old && old.status === 'False' && old.reason === reason && old.message === message) return;
      const cond: PodCondition = {
        type: 'PodScheduled', status: 'False', lastProbeTime: null as unknown as undefined,
        lastTransitionTime: old && old.status === 'False' ? old.lastTransitionTime : clock.nowISO(), reason, message,
      };
      const status = { ...fresh.status, conditions: old ? conds.map((c) => (c === old ? cond : c)) : [...conds, cond] };
      api.update('pods', fresh.metadata.namespace, { ...fresh, status }, { subresource: 'status', sharedResult: true });
    } catch {
      // The pod went away or changed: the next attempt writes it again.
    }
  }

  // ---- queueing -------------------------------------------------------------------------------

  /** Pods still carrying schedulingGates wait outside the queue (SchedulingGates PreEnqueue). */
  private responsibleFor(pod: Pod): boolean {
    return !pod.spec?.schedulingGates?.length && !pod.spec?.nodeName && !pod.metadata.deletionTimestamp && !isPodTerminal(pod) && (pod.spec?.schedulerName ?? DEFAULT_SCHEDULER_NAME) === DEFAULT_SCHEDULER_NAME;
  }

  private enqueuePod(key: string): void {
    const e = this.state.backoff[key];
    if (e && e.backoffUntil > this.ctx.clock.now()) this.retryAt(key, e.backoffUntil);
    else this.ctx.enqueue(key);
  }

  /** MoveAllToActiveOrBackoffQueue: every pod that did not fit tries again (after its back-off). */
  private moveAllUnschedulable(): void {
    // A second move in the same instant with no scheduling work in between changes nothing
    // (every pod is already queued or has its retry timer): skip it. A burst of claim and
    // volume changes then costs one move, not one per change.
    const now = this.ctx.clock.now();
    if (this.lastMove.at === now && this.lastMove.work === this.work) return;
    this.lastMove = { at: now, work: this.work };
    const keys = Object.keys(this.state.backoff);
    if (!keys.length) return;
    // Oldest first, by creation time (localeCompare), then key.
    const entries = keys.map((key) => {
      const [ns, n] = splitKey(key);
      const created = this.pods.get(ns, n)?.metadata.creationTimestamp ?? '';
      return { key, created, plain: created === '' || PLAIN_TIMESTAMP.test(created) };
    });
    entries.sort((a, b) => compareCreated(a, b) || (a.key < b.key ? -1 : 1));
    for (const { key } of entries) this.enqueuePod(key);
  }

  private retryAt(key: string, at: number): void {
    const e = this.state.backoff[key];
    const now = this.ctx.clock.now();
    if (!e) {
      this.ctx.enqueue(key);
      return;
    }
    if (e.timerAt !== undefined && e.timerAt <= at && e.timerAt >= now) return;
    this.cancelRetry(e);
    e.timerId = this.ctx.setTimer(at - now, 'retry', key);
    e.timerAt = at;
  }

  private cancelRetry(e: BackoffEntry): void {
    if (e.timerId !== undefined) this.ctx.cancelTimer(e.timerId);
    // In the reverse of the order retryAt adds them: removing an object's last-added property
    // keeps it a fast object, removing another one first would turn it into a slow dictionary.
    delete e.timerAt;
    delete e.timerId;
  }

  private forget(key: string): void {
    if (this.state.waitingOnVolumes?.[key]) {
      delete this.state.waitingOnVolumes[key];
      this.cache.remove(key);
    }
    const e = this.state.backoff[key];
    if (!e) return;
    this.cancelRetry(e);
    delete this.state.backoff[key];
  }

  // ---- lookups --------------------------------------------------------------------------------

  private volumeLookup(): VolumeLookup {
    return {
      claim: (ns, n) => this.claims.get(ns, n),
      volume: (n) => this.volumes.get(undefined, n),
      bindingMode: (cls) => (cls ? this.classes.get(undefined, cls)?.volumeBindingMode : undefined),
      provisioner: (cls) => (cls ? this.classes.get(undefined, cls)?.provisioner : undefined),
      unboundVolumes: () => this.volumes.list().filter((pv) => !pv.spec?.claimRef),
    };
  }

  /**
   * helper.DefaultSelector: the selectors of the Services, ReplicaSets and StatefulSets in the
   * pod's namespace that select it, all of which another pod must match to count as a sibling.
   */
  private spreadMatcher(pod: Pod): SpreadMatcher | undefined {
    // The system default constraints apply only to pods that declare none.
    if (pod.spec?.topologySpreadConstraints?.length) return undefined;
    const ns = pod.metadata.namespace;
    const labels = pod.metadata.labels ?? {};
    const matchers: Matcher[] = [];
    const selectors: string[] = [];
    for (const s of this.services.list(ns)) {
      const sel = s.spec?.selector;
      if (!sel || !Object.keys(sel).length) continue;
      const m = cachedMatcher(serviceSelectorMatchers, sel, () => labelSelectorMatcher({ matchLabels: sel }));
      if (m(labels)) {
        matchers.push(m);
        selectors.push(jsonOf(sel));
      }
    }
    for (const o of [...this.replicaSets.list(ns), ...this.statefulSets.list(ns)]) {
      const sel = o.spec?.selector;
      if (!sel || (!sel.matchLabels && !sel.matchExpressions)) continue;
      const m = cachedMatcher(labelSelectorMatchers, sel, () => labelSelectorMatcher(sel));
      if (m(labels)) {
        matchers.push(m);
        selectors.push(jsonOf(sel));
      }
    }
    if (!matchers.length) return undefined;
    const matches = matchingAll(matchers);
    // JSON.stringify(selectors), from each selector's remembered text.
    matches.key = `[${selectors.join(',')}]`;
    return matches;
  }
}

// The stored (frozen, never changed) selectors' matchers and JSON texts, made once per selector
// object rather than once per pod scheduled. A Service's selector is a label map, the others
// LabelSelectors: two maps, so one object is never taken for the other kind.
type Matcher = (labels: Record<string, string> | undefined) => boolean;
const serviceSelectorMatchers = new WeakMap<object, Matcher>();
const labelSelectorMatchers = new WeakMap<object, Matcher>();
const selectorJSON = new WeakMap<object, string>();

/** Pods matched by every one of the matchers. */
function matchingAll(matchers: Matcher[]): SpreadMatcher {
  return (other) => matchers.every((m) => m(other.metadata.labels));
}

function cachedMatcher(cache: WeakMap<object, Matcher>, sel: object, make: () => Matcher): Matcher {
  let m = cache.get(sel);
  if (!m) cache.set(sel, (m = make()));
  return m;
}

function jsonOf(sel: object): string {
  let text = selectorJSON.get(sel);
  if (text === undefined) selectorJSON.set(sel, (text = JSON.stringify(sel)));
  return text;
}

/** An RFC 3339 time to the second, as the API server stamps creationTimestamp. */
const PLAIN_TIMESTAMP = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/;

/**
 * `a.created.localeCompare(b.created)`. Two plain times (or none) differ first at a digit, as
 * both have their punctuation in the same places, and digits collate in code order: such pairs
 * compare as strings, without the cost of a collator.
 */
function compareCreated(a: { created: string; plain: boolean }, b: { created: string; plain: boolean }): number {
  if (a.created === b.created) return 0;
  if (a.plain && b.plain) return a.created < b.created ? -1 : 1;
  return a.created.localeCompare(b.created);
}

// Named closures made per call are avoided on the hot paths: with keepNames (tsx, the tests and
// benchmarks) each one costs a defineProperty for its name.

/** The pods placed on each node, for the PreFilters that count them. */
function placedPods(nodes: NodeSlot[]): { node: Node; pods: Iterable<Pod> }[] {
  return nodes.map(({ node, info }) => ({ node, pods: info.pods.values() }));
}

/** Nodes in name order (names are unique). */
function byName(a: Node, b: Node): number {
  return a.metadata.name! < b.metadata.name! ? -1 : 1;
}

const IGNORED_POD_FIELDS = new Set(['status']);
const IGNORED_METADATA_FIELDS = new Set(['resourceVersion', 'generation', 'managedFields']);

/**
 * Whether two objects have the same keys in the same order, `ignored` aside, holding the very
 * same values (metadata compared a level down). When they do, their JSON texts (as below) are equal.
 */
function sameFields(a: Record<string, unknown>, b: Record<string, unknown>, ignored: Set<string>, metadataToo: boolean): boolean {
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  let i = 0;
  let j = 0;
  for (;;) {
    while (i < ka.length && ignored.has(ka[i])) i++;
    while (j < kb.length && ignored.has(kb[j])) j++;
    if (i === ka.length || j === kb.length) return i === ka.length && j === kb.length;
    const k = ka[i];
    if (k !== kb[j]) return false;
    const x = a[k];
    const y = b[k];
    if (x !== y && !(metadataToo && k === 'metadata' && x && y && typeof x === 'object' && typeof y === 'object' && sameFields(x as Record<string, unknown>, y as Record<string, unknown>, IGNORED_METADATA_FIELDS, false))) return false;
    i++;
    j++;
  }
}

/**
 * isPodUpdated: anything but status, resourceVersion, generation and managedFields changed.
 * Stored objects share their unchanged parts, so most updates (status writes) are told apart
 * by identity without the JSON texts.
 */
function podSpecChanged(a: Pod, b: Pod): boolean {
  if (sameFields(a as unknown as Record<string, unknown>, b as unknown as Record<string, unknown>, IGNORED_POD_FIELDS, true)) return false;
  return JSON.stringify(withoutStatusAndVersion(a)) !== JSON.stringify(withoutStatusAndVersion(b));
}

function withoutStatusAndVersion(p: Pod): Pod {
  return { ...p, status: undefined, metadata: { ...p.metadata, resourceVersion: undefined, generation: undefined, managedFields: undefined } };
}

/** The same JSON text, or the same (shared, unchanged) object. */
function sameJSON(a: unknown, b: unknown): boolean {
  return a === b || JSON.stringify(a) === JSON.stringify(b);
}

/** The node conditions' `type=status` list (only those matter to scheduling). */
function conditionsText(n: Node): string {
  return (n.status?.conditions ?? []).map((c) => `${c.type}=${c.status}`).join(',');
}

/** Same types and statuses, in order (a heartbeat changes only the times). */
function sameConditionStatuses(a: Node, b: Node): boolean {
  const ca = a.status?.conditions ?? [];
  const cb = b.status?.conditions ?? [];
  if (ca === cb) return true;
  if (ca.length === cb.length && ca.every((c, i) => c.type === cb[i].type && c.status === cb[i].status)) return true;
  return conditionsText(a) === conditionsText(b);
}

/** The node updates the scheduler reacts to (eventhandlers.go nodeSchedulingPropertiesChange). */
function nodeChangedForScheduling(a: Node | undefined, b: Node): boolean {
  if (!a) return true;
  return (
    !!a.spec?.unschedulable !== !!b.spec?.unschedulable ||
    !sameJSON(a.spec?.taints ?? [], b.spec?.taints ?? []) ||
    !sameJSON(a.metadata.labels ?? {}, b.metadata.labels ?? {}) ||
    !sameJSON(a.status?.allocatable ?? {}, b.status?.allocatable ?? {}) ||
    !sameConditionStatuses(a, b)
  );
}
