// `kubectl get pods`: NAME READY STATUS RESTARTS AGE (+ IP NODE NOMINATED NODE READINESS GATES).
// Source: kubernetes/kubernetes pkg/printers/internalversion/printers.go printPod.
import type { KubeObject } from '../../cluster/api/client.ts';
import { age } from './age.ts';
import { registerTable } from './table.ts';

function isRestartableInit(c: any): boolean {
  return c?.restartPolicy === 'Always';
}

/** The READY, STATUS and RESTARTS cells of one pod. */
export function podCells(pod: KubeObject, now: number): { ready: string; reason: string; restarts: string } {
  const spec = pod.spec ?? {};
  const status = pod.status ?? {};
  let restarts = 0;
  let restartableInitRestarts = 0;
  let totalContainers = (spec.containers ?? []).length;
  let readyContainers = 0;
  let lastRestart = 0;
  let lastRestartableInitRestart = 0;
  const phase: string = status.phase ?? '';
  let reason: string = status.reason || phase;

  for (const c of status.conditions ?? []) {
    if (c.type === 'PodScheduled' && c.reason === 'SchedulingGated') reason = 'SchedulingGated';
  }
  const initContainers = new Map<string, any>();
  for (const c of spec.initContainers ?? []) {
    initContainers.set(c.name, c);
    if (isRestartableInit(c)) totalContainers++;
  }

  let initializing = false;
  const initStatuses: any[] = status.initContainerStatuses ?? [];
  for (let i = 0; i < initStatuses.length; i++) {
    const c = initStatuses[i];
    restarts += c.restartCount ?? 0;
    const term = c.lastState?.terminated;
    if (term?.finishedAt) lastRestart = Math.max(lastRestart, Date.parse(term.finishedAt));
    const restartable = isRestartableInit(initContainers.get(c.name));
    if (restartable) {
      restartableInitRestarts += c.restartCount ?? 0;
      if (term?.finishedAt) lastRestartableInitRestart = Math.max(lastRestartableInitRestart, Date.parse(term.finishedAt));
    }
    const st = c.state ?? {};
    if (st.terminated && st.terminated.exitCode === 0) continue;
    if (restartable && c.started) {
      if (c.ready) readyContainers++;
      continue;
    }
    if (st.terminated) {
      if (!st.terminated.reason) reason = st.terminated.signal ? `Init:Signal:${st.terminated.signal}` : `Init:ExitCode:${st.terminated.exitCode}`;
      else reason = `Init:${st.terminated.reason}`;
    } else if (st.waiting?.reason && st.waiting.reason !== 'PodInitializing') {
      reason = `Init:${st.waiting.reason}`;
    } else {
      reason = `Init:${i}/${(spec.initContainers ?? []).length}`;
    }
    initializing = true;
    break;
  }

  const initializedTrue = (status.conditions ?? []).some((c: any) => c.type === 'Initialized' && c.status === 'True');
  if (!initializing || initializedTrue) {
    restarts = restartableInitRestarts;
    lastRestart = lastRestartableInitRestart;
    let hasRunning = false;
    const cs: any[] = status.containerStatuses ?? [];
    for (let i = cs.length - 1; i >= 0; i--) {
      const c = cs[i];
      restarts += c.restartCount ?? 0;
      const term = c.lastState?.terminated;
      if (term?.finishedAt) lastRestart = Math.max(lastRestart, Date.parse(term.finishedAt));
      const st = c.state ?? {};
      if (st.waiting?.reason) reason = st.waiting.reason;
      else if (st.terminated?.reason) reason = st.terminated.reason;
      else if (st.terminated) reason = st.terminated.signal ? `Signal:${st.terminated.signal}` : `ExitCode:${st.terminated.exitCode}`;
      else if (c.ready && st.running) {
        hasRunning = true;
        readyContainers++;
      }
    }
    // A pod whose last container completed while another still runs shows Running (or NotReady).
    if (reason === 'Completed' && hasRunning) {
      const ready = (status.conditions ?? []).some((c: any) => c.type === 'Ready' && c.status === 'True');
      reason = ready ? 'Running' : 'NotReady';
    }
  }

  const terminal = phase === 'Succeeded' || phase === 'Failed';
  // node.NodeUnreachablePodReason = "NodeLost" (pkg/util/node).
  if (pod.metadata.deletionTimestamp && status.reason === 'NodeLost') reason = 'Unknown';
  else if (pod.metadata.deletionTimestamp && !terminal) reason = 'Terminating';

  let restartsStr = String(restarts);
  if (restarts !== 0 && lastRestart > 0) restartsStr = `${restarts} (${age(new Date(lastRestart).toISOString(), now)} ago)`;
  return { ready: `${readyContainers}/${totalContainers}`, reason, restarts: restartsStr };
}

registerTable('pods', {
  columns: ['NAME', 'READY', 'STATUS', 'RESTARTS', 'AGE'],
  wide: ['IP', 'NODE', 'NOMINATED NODE', 'READINESS GATES'],
  row(pod, now, wide) {
    const { ready, reason, restarts } = podCells(pod, now);
    const cells = [pod.metadata.name ?? '', ready, reason, restarts, age(pod.metadata.creationTimestamp, now)];
    if (wide) {
      const st = pod.status ?? {};
      const ip = st.podIPs?.[0]?.ip || '<none>';
      let gates = '<none>';
      const rg: any[] = pod.spec?.readinessGates ?? [];
      if (rg.length) {
        const t = rg.filter((g) => (st.conditions ?? []).find((c: any) => c.type === g.conditionType)?.status === 'True').length;
        gates = `${t}/${rg.length}`;
      }
      cells.push(ip, pod.spec?.nodeName || '<none>', st.nominatedNodeName || '<none>', gates);
    }
    return cells;
  },
});
