// The pod status a kubelet reports, from what its runtime holds: phase, conditions and
// container statuses. Mirrors kubernetes/kubernetes pkg/kubelet/kubelet_pods.go
// (generateAPIPodStatus, getPhase, convertToAPIContainerStatuses) and pkg/kubelet/status/
// generate.go (the Initialized/Ready/ContainersReady/PodReadyToStartContainers conditions).
import type { Container, ContainerStatus, Pod, PodCondition, PodStatus } from '../types.ts';
import type { ContainerRuntime, PodRuntime, TerminatedState } from './runtime-state.ts';
import { iso } from './format.ts';
import { reuse, sameItems } from './same-json.ts';

export interface StatusInputs {
  rt: PodRuntime;
  /** The pod object as the API has it now (for lastTransitionTime and PodScheduled). */
  current: Pod | undefined;
  hostIP: string;
  now: number;
}

/** getPhase in kubelet_pods.go, with the terminal phase the kubelet sets once a pod is done. */
export function podPhase(rt: PodRuntime): 'Pending' | 'Running' | 'Succeeded' | 'Failed' {
  if (rt.terminalPhase) return rt.terminalPhase;
  const inits = rt.containers.filter((c) => c.init);
  const mains = rt.containers.filter((c) => !c.init);
  const restart = rt.spec.restartPolicy ?? 'Always';
  for (const c of inits) {
    if (c.phase === 'exited' && c.terminated && c.terminated.exitCode !== 0 && restart === 'Never') return 'Failed';
    if (!(c.phase === 'exited' && c.terminated?.exitCode === 0)) return 'Pending';
  }
  let running = 0, stopped = 0, succeeded = 0, waiting = 0;
  for (const c of mains) {
    if (c.phase === 'running') running++;
    else if (c.phase === 'exited') {
      stopped++;
      if (c.terminated?.exitCode === 0) succeeded++;
    } else if (c.lastTerminated) stopped++;
    else waiting++;
  }
  if (waiting > 0) return 'Pending';
  if (running > 0) return 'Running';
  if (stopped > 0) {
    if (restart === 'Always') return 'Running';
    if (stopped === succeeded) return 'Succeeded';
    if (restart === 'Never') return 'Failed';
    return 'Running';
  }
  return 'Pending';
}

function terminatedOut(t: TerminatedState) {
  return {
    containerID: `docker://${t.containerID}`, exitCode: t.exitCode, finishedAt: iso(t.finishedAt),
    ...(t.message ? { message: t.message } : {}), reason: t.reason, startedAt: iso(t.startedAt),
  };
}

/** The container's spec: init containers first, as a search of both lists in that order finds it. */
function specOf(rt: PodRuntime, name: string): Container | undefined {
  for (const x of rt.spec.initContainers ?? []) if (x.name === name) return x;
  for (const x of rt.spec.containers) if (x.name === name) return x;
  return undefined;
}

/**
 * One container's status; `prev` is its status in the stored pod, whose unchanged parts are
 * handed back as they are (see same-json.ts).
 */
function containerStatus(c: ContainerRuntime, rt: PodRuntime, prev: ContainerStatus | undefined): ContainerStatus {
  let state: ContainerStatus['state'];
  if (c.phase === 'running') state = { running: { startedAt: iso(c.startedAt!) } };
  else if (c.phase === 'exited' && c.terminated) state = { terminated: terminatedOut(c.terminated) };
  else {
    // convertToAPIContainerStatuses' default waiting state: PodInitializing when the pod has init containers.
    const reason = c.waitingReason ?? (rt.spec.initContainers?.length ? 'PodInitializing' : 'ContainerCreating');
    state = { waiting: c.waitingMessage ? { message: c.waitingMessage, reason } : { reason } };
  }
  const spec = specOf(rt, c.name);
  const out: ContainerStatus = {
    // The ID of the latest container instance, also while a restart waits (CrashLoopBackOff).
    ...(c.containerID && (c.phase === 'running' || c.phase === 'exited' || c.lastTerminated) ? { containerID: `docker://${c.containerID}` } : {}),
    image: c.imageRef ?? c.image,
    imageID: c.imageID ?? '',
    lastState: reuse(prev?.lastState, c.lastTerminated ? { terminated: terminatedOut(c.lastTerminated) } : {}),
    name: c.name,
    ready: c.phase === 'running' && c.ready,
    restartCount: c.restartCount,
    started: c.phase === 'running' && c.started,
    state: reuse(prev?.state, state),
  };
  if (spec?.volumeMounts?.length) {
    // RecursiveReadOnlyMounts (beta since 1.31): the kubelet reports the mounts it made.
    out.volumeMounts = reuse(prev?.volumeMounts, spec.volumeMounts.map((m) => ({
      mountPath: m.mountPath, name: m.name,
      ...(m.readOnly ? { readOnly: true, recursiveReadOnly: 'Disabled' } : {}),
    })));
  }
  return reuse(prev, out);
}

/** The statuses of `cs`, each against the stored status of the same name at the same place. */
function containerStatuses(cs: ContainerRuntime[], rt: PodRuntime, prev: readonly ContainerStatus[] | undefined): ContainerStatus[] {
  const out = cs.map((c, i) => containerStatus(c, rt, prev?.[i]?.name === c.name ? prev[i] : undefined));
  return prev && sameItems(out, prev) ? (prev as ContainerStatus[]) : out;
}

function condition(type: string, status: boolean, prev: PodCondition | undefined, now: number, reason?: string, message?: string, generation?: number): PodCondition {
  const s = status ? 'True' : 'False';
  // Built field by field in this order (the order they serialize in).
  const out: Record<string, unknown> = { type };
  if (generation !== undefined) out.observedGeneration = generation;
  out.status = s;
  out.lastProbeTime = null;
  out.lastTransitionTime = prev && prev.status === s && prev.lastTransitionTime ? prev.lastTransitionTime : iso(now);
  if (reason) out.reason = reason;
  if (message) out.message = message;
  return reuse(prev, out as unknown as PodCondition);
}

/**
 * generateAPIPodStatus. Parts of the stored status that come out the same are the stored parts
 * themselves, and an unchanged status is the stored status: the API server then neither copies
 * nor compares them again (see same-json.ts).
 */
export function generatePodStatus({ rt, current, hostIP, now }: StatusInputs): PodStatus {
  const phase = podPhase(rt);
  const old = current?.status;
  // The first stored condition of each type the kubelet generates, found in one pass; the
  // others' conditions in their order.
  let pSandbox: PodCondition | undefined, pInitialized: PodCondition | undefined, pReady: PodCondition | undefined;
  let pContainersReady: PodCondition | undefined, pScheduled: PodCondition | undefined;
  const others: PodCondition[] = [];
  for (const c of old?.conditions ?? []) {
    switch (c.type) {
      case 'PodReadyToStartContainers': pSandbox ??= c; break;
      case 'Initialized': pInitialized ??= c; break;
      case 'Ready': pReady ??= c; break;
      case 'ContainersReady': pContainersReady ??= c; break;
      case 'PodScheduled': pScheduled ??= c; break;
      default: others.push(c);
    }
  }
  const gen = rt.generation;
  const inits = rt.containers.filter((c) => c.init);
  const mains = rt.containers.filter((c) => !c.init);
  const names = (cs: ContainerRuntime[]) => `[${cs.map((c) => c.name).join(' ')}]`;

  // Initialized (generate.go GeneratePodInitializedCondition).
  const incompleteInit = inits.filter((c) => !(c.phase === 'exited' && c.terminated?.exitCode === 0));
  let initialized: PodCondition;
  if (phase === 'Succeeded') initialized = condition('Initialized', true, pInitialized, now, 'PodCompleted', undefined, gen);
  else if (incompleteInit.length) initialized = condition('Initialized', false, pInitialized, now, 'ContainersNotInitialized', `containers with incomplete status: ${names(incompleteInit)}`, gen);
  else initialized = condition('Initialized', true, pInitialized, now, undefined, undefined, gen);

  // ContainersReady and Ready (GenerateContainersReadyCondition, GeneratePodReadyCondition).
  const unready = mains.filter((c) => !(c.phase === 'running' && c.ready));
  let reason: string | undefined;
  let message: string | undefined;
  if (phase === 'Succeeded') reason = 'PodCompleted';
  else if (phase === 'Failed') reason = 'PodFailed';
  else if (unready.length) {
    reason = 'ContainersNotReady';
    message = `containers with unready status: ${names(unready)}`;
  }
  const isReady = !reason;
  const containersReady = condition('ContainersReady', isReady, pContainersReady, now, reason, message, gen);
  const ready = condition('Ready', isReady, pReady, now, reason, message, gen);
  const sandbox = condition('PodReadyToStartContainers', rt.sandboxReady && !rt.terminalPhase, pSandbox, now, undefined, undefined, gen);

  let conditions: PodCondition[] = [sandbox, initialized, ready, containersReady];
  // A pod given a nodeName directly never met the scheduler; the kubelet marks it scheduled anyway.
  conditions.push(pScheduled ?? condition('PodScheduled', true, undefined, now));
  // Conditions other controllers own (DisruptionTarget...) are kept as they are.
  for (const c of others) conditions.push(c);
  if (old?.conditions && sameItems(conditions, old.conditions)) conditions = old.conditions as PodCondition[];

  const status: PodStatus = {
    ...(gen !== undefined ? { observedGeneration: gen } : {}),
    phase,
    conditions,
    hostIP,
    hostIPs: reuse(old?.hostIPs, [{ ip: hostIP }]),
    ...(rt.podIP ? { podIP: rt.podIP, podIPs: reuse(old?.podIPs, [{ ip: rt.podIP }]) } : {}),
    startTime: iso(rt.startTime ?? now),
    ...(inits.length ? { initContainerStatuses: containerStatuses(inits, rt, old?.initContainerStatuses) } : {}),
    containerStatuses: containerStatuses(mains, rt, old?.containerStatuses),
    qosClass: podQosClass(rt),
  };
  return reuse(old, status);
}

/** The kubelet's copy of a pod spec never changes: its QoS class is worked out once (a status per sync asks). */
const qosBySpec = new WeakMap<object, ReturnType<typeof qosClass>>();
function podQosClass(rt: PodRuntime): ReturnType<typeof qosClass> {
  let q = qosBySpec.get(rt.spec);
  if (q === undefined) qosBySpec.set(rt.spec, (q = qosClass(rt)));
  return q;
}

/** pkg/apis/core/v1/helper/qos GetPodQOS, for requests and limits of cpu and memory. */
export function qosClass(rt: PodRuntime): 'BestEffort' | 'Burstable' | 'Guaranteed' {
  const cs = [...(rt.spec.initContainers ?? []), ...rt.spec.containers];
  let any = false;
  let guaranteed = true;
  for (const c of cs) {
    const req = c.resources?.requests ?? {};
    const lim = c.resources?.limits ?? {};
    for (const r of ['cpu', 'memory']) {
      if ((req as any)[r] !== undefined || (lim as any)[r] !== undefined) any = true;
      if ((lim as any)[r] === undefined) guaranteed = false;
      else if ((req as any)[r] !== undefined && String((req as any)[r]) !== String((lim as any)[r])) guaranteed = false;
    }
  }
  if (!any) return 'BestEffort';
  return guaranteed ? 'Guaranteed' : 'Burstable';
}

/**
 * Everything generatePodStatus reads from the runtime, as a flat list of plain values (the spec
 * aside: the kubelet's copy of it never changes). Two equal lists (sameStatusInputs) with the
 * same stored status give the same status; undefined when the status would also depend on the
 * time (no start time yet).
 */
export function statusInputs(rt: PodRuntime, hostIP: string): unknown[] | undefined {
  if (rt.startTime === undefined) return undefined;
  const out: unknown[] = [hostIP, rt.terminalPhase, rt.generation, rt.sandboxReady, rt.podIP, rt.startTime];
  for (const c of rt.containers) {
    out.push(c.name, c.init, c.phase, c.waitingReason, c.waitingMessage, c.startedAt, c.containerID, c.imageRef, c.image, c.imageID, c.restartCount, c.ready, c.started);
    pushTerminated(out, c.terminated);
    pushTerminated(out, c.lastTerminated);
  }
  return out;
}

function pushTerminated(out: unknown[], t: TerminatedState | undefined): void {
  if (!t) out.push(undefined);
  else out.push(true, t.exitCode, t.reason, t.message, t.startedAt, t.finishedAt, t.containerID);
}

export function sameStatusInputs(a: unknown[], b: unknown[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
