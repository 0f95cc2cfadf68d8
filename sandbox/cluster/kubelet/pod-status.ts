// The pod status a kubelet reports, from what its runtime holds: phase, conditions and
// container statuses. Mirrors kubernetes/kubernetes pkg/kubelet/kubelet_pods.go
// (generateAPIPodStatus, getPhase, convertToAPIContainerStatuses) and pkg/kubelet/status/
// generate.go (the Initialized/Ready/ContainersReady/PodReadyToStartContainers conditions).
import type { ContainerStatus, Pod, PodCondition, PodStatus } from '../types.ts';
import type { ContainerRuntime, PodRuntime, TerminatedState } from './runtime-state.ts';
import { iso } from './format.ts';

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

function containerStatus(c: ContainerRuntime, rt: PodRuntime): ContainerStatus {
  let state: ContainerStatus['state'];
  if (c.phase === 'running') state = { running: { startedAt: iso(c.startedAt!) } };
  else if (c.phase === 'exited' && c.terminated) state = { terminated: terminatedOut(c.terminated) };
  else {
    // convertToAPIContainerStatuses' default waiting state: PodInitializing when the pod has init containers.
    const reason = c.waitingReason ?? (rt.spec.initContainers?.length ? 'PodInitializing' : 'ContainerCreating');
    state = { waiting: c.waitingMessage ? { message: c.waitingMessage, reason } : { reason } };
  }
  const spec = [...(rt.spec.initContainers ?? []), ...rt.spec.containers].find((x) => x.name === c.name);
  const out: ContainerStatus = {
    // The ID of the latest container instance, also while a restart waits (CrashLoopBackOff).
    ...(c.containerID && (c.phase === 'running' || c.phase === 'exited' || c.lastTerminated) ? { containerID: `docker://${c.containerID}` } : {}),
    image: c.imageRef ?? c.image,
    imageID: c.imageID ?? '',
    lastState: c.lastTerminated ? { terminated: terminatedOut(c.lastTerminated) } : {},
    name: c.name,
    ready: c.phase === 'running' && c.ready,
    restartCount: c.restartCount,
    started: c.phase === 'running' && c.started,
    state,
  };
  if (spec?.volumeMounts?.length) {
    // RecursiveReadOnlyMounts (beta since 1.31): the kubelet reports the mounts it made.
    out.volumeMounts = spec.volumeMounts.map((m) => ({
      mountPath: m.mountPath, name: m.name,
      ...(m.readOnly ? { readOnly: true, recursiveReadOnly: 'Disabled' } : {}),
    }));
  }
  return out;
}

function condition(type: string, status: boolean, prev: PodCondition | undefined, now: number, reason?: string, message?: string, generation?: number): PodCondition {
  const s = status ? 'True' : 'False';
  return {
    type,
    ...(generation !== undefined ? { observedGeneration: generation } : {}),
    status: s,
    lastProbeTime: null as unknown as undefined,
    lastTransitionTime: prev && prev.status === s && prev.lastTransitionTime ? prev.lastTransitionTime : iso(now),
    ...(reason ? { reason } : {}),
    ...(message ? { message } : {}),
  };
}

export function generatePodStatus({ rt, current, hostIP, now }: StatusInputs): PodStatus {
  const phase = podPhase(rt);
  const prev = (t: string) => current?.status?.conditions?.find((c) => c.type === t);
  const gen = rt.generation;
  const inits = rt.containers.filter((c) => c.init);
  const mains = rt.containers.filter((c) => !c.init);
  const names = (cs: ContainerRuntime[]) => `[${cs.map((c) => c.name).join(' ')}]`;

  // Initialized (generate.go GeneratePodInitializedCondition).
  const incompleteInit = inits.filter((c) => !(c.phase === 'exited' && c.terminated?.exitCode === 0));
  let initialized: PodCondition;
  if (phase === 'Succeeded') initialized = condition('Initialized', true, prev('Initialized'), now, 'PodCompleted', undefined, gen);
  else if (incompleteInit.length) initialized = condition('Initialized', false, prev('Initialized'), now, 'ContainersNotInitialized', `containers with incomplete status: ${names(incompleteInit)}`, gen);
  else initialized = condition('Initialized', true, prev('Initialized'), now, undefined, undefined, gen);

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
  const containersReady = condition('ContainersReady', isReady, prev('ContainersReady'), now, reason, message, gen);
  const ready = condition('Ready', isReady, prev('Ready'), now, reason, message, gen);
  const sandbox = condition('PodReadyToStartContainers', rt.sandboxReady && !rt.terminalPhase, prev('PodReadyToStartContainers'), now, undefined, undefined, gen);

  const conditions: PodCondition[] = [sandbox, initialized, ready, containersReady];
  // A pod given a nodeName directly never met the scheduler; the kubelet marks it scheduled anyway.
  conditions.push(prev('PodScheduled') ?? condition('PodScheduled', true, undefined, now));
  // Conditions other controllers own (DisruptionTarget...) are kept as they are.
  for (const c of current?.status?.conditions ?? []) {
    if (!['PodReadyToStartContainers', 'Initialized', 'Ready', 'ContainersReady', 'PodScheduled'].includes(c.type)) conditions.push(c);
  }

  const status: PodStatus = {
    ...(gen !== undefined ? { observedGeneration: gen } : {}),
    phase,
    conditions,
    hostIP,
    hostIPs: [{ ip: hostIP }],
    ...(rt.podIP ? { podIP: rt.podIP, podIPs: [{ ip: rt.podIP }] } : {}),
    startTime: iso(rt.startTime ?? now),
    ...(inits.length ? { initContainerStatuses: inits.map((c) => containerStatus(c, rt)) } : {}),
    containerStatuses: mains.map((c) => containerStatus(c, rt)),
    qosClass: qosClass(rt),
  };
  return status;
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
