// What a pod card shows: the STATUS kubectl would print, READY, restarts, and a tone for its
// colour. The STATUS text comes from the same function `kubectl get pods` uses
// (sandbox/kubectl/printers/pods.ts, after kubernetes pkg/printers/internalversion/printers.go).
import type { KubeObject } from '../../../sandbox/cluster/api/client.ts';
import { podCells } from '../../../sandbox/kubectl/printers/pods.ts';

/**
 * ready: Running and Ready (green); progressing: Running but not Ready, or starting (amber);
 * pending: not started yet (grey); failed: an error state such as ErrImagePull or CrashLoopBackOff
 * (red); terminating: being deleted (faded); unknown: its node stopped answering (dashed, faded);
 * succeeded: completed.
 */
export type PodTone = 'ready' | 'progressing' | 'pending' | 'failed' | 'terminating' | 'unknown' | 'succeeded';

export interface PodState {
  /** As kubectl's STATUS column: Running, Pending, ContainerCreating, Terminating, Unknown, ... */
  status: string;
  /** As kubectl's READY column: '1/1'. */
  readyContainers: string;
  ready: boolean;
  restarts: number;
  tone: PodTone;
}

const FAILED_REASONS = /^(Init:)?(ErrImagePull|ImagePullBackOff|CrashLoopBackOff|Error|InvalidImageName|CreateContainerConfigError|CreateContainerError|RunContainerError|OOMKilled|ContainerStatusUnknown|Evicted|ExitCode:.*|Signal:.*)$/;

export function isPodReady(pod: KubeObject): boolean {
  return (pod.status?.conditions ?? []).some((c: any) => c.type === 'Ready' && c.status === 'True');
}

export function podState(pod: KubeObject): PodState {
  const { ready: readyContainers, reason } = podCells(pod, 0);
  let restarts = 0;
  for (const c of [...(pod.status?.initContainerStatuses ?? []), ...(pod.status?.containerStatuses ?? [])]) restarts += c.restartCount ?? 0;
  const ready = isPodReady(pod);
  const phase = pod.status?.phase ?? 'Pending';
  let tone: PodTone;
  if (reason === 'Unknown' || phase === 'Unknown') tone = 'unknown';
  else if (reason === 'Terminating') tone = 'terminating';
  else if (phase === 'Failed' || FAILED_REASONS.test(reason)) tone = 'failed';
  else if (phase === 'Succeeded') tone = 'succeeded';
  else if (phase === 'Running' && ready) tone = 'ready';
  else if (phase === 'Running' || (phase === 'Pending' && pod.spec?.nodeName)) tone = 'progressing';
  else tone = 'pending';
  return { status: reason || phase, readyContainers, ready, restarts, tone };
}

/** The ordinal of a StatefulSet pod (web-2 → 2), from its label or its name; undefined otherwise. */
export function podOrdinal(pod: KubeObject): number | undefined {
  const label = pod.metadata.labels?.['apps.kubernetes.io/pod-index'];
  if (label !== undefined && /^\d+$/.test(label)) return Number(label);
  const owner = (pod.metadata.ownerReferences ?? []).find((o: any) => o.kind === 'StatefulSet');
  if (!owner) return undefined;
  const m = new RegExp(`^${owner.name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}-(\\d+)$`).exec(pod.metadata.name ?? '');
  return m ? Number(m[1]) : undefined;
}

/** Sorts names as people do: web-2 before web-10. */
export function naturalCompare(a: string, b: string): number {
  return a.localeCompare(b, 'en', { numeric: true });
}

/** The persistent volumes a pod mounts, with where (first container that mounts each). */
export function claimMounts(pod: KubeObject): { volume: string; claim: string; mountPath: string; container: string }[] {
  const out: { volume: string; claim: string; mountPath: string; container: string }[] = [];
  for (const v of pod.spec?.volumes ?? []) {
    const claim = v.persistentVolumeClaim?.claimName;
    if (!claim) continue;
    for (const c of pod.spec?.containers ?? []) {
      const m = (c.volumeMounts ?? []).find((vm: any) => vm.name === v.name);
      if (m) {
        out.push({ volume: v.name, claim, mountPath: m.mountPath, container: c.name });
        break;
      }
    }
  }
  return out;
}

/** Quotes a word for the simulator's shell if it needs it. */
export function shellQuote(word: string): string {
  return /^[A-Za-z0-9_./:=@-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}

