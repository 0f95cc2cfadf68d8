// The kubelet's private state, as plain JSON so a snapshot restores it exactly: per node the
// machine (power, images, IPs) and per pod what the container runtime holds (containers,
// their processes, logs, back-off) that no API object records. Each pod runtime's saved text is
// kept between saves (pod-texts.ts): the kubelet changes a PodRuntime only after `changing` (or
// `changingPods`) in kubelet.ts, which drops that text.
import type { PodSpec } from '../types.ts';

/**
 * A step of a container's script (processes.ts): a log line, a file written, removed or made,
 * or `resume`: the rest of the script (`data`, sh text) is planned at `at`, with the cluster as it
 * is then, and the environment variables it reads as they were at the container's start (`env`).
 */
export interface ScriptStep {
  at: number;
  op: 'log' | 'write' | 'rm' | 'mkdir' | 'resume';
  path?: string;
  data?: string;
  append?: boolean;
  env?: Record<string, string>;
}

export type ProbeKind = 'startup' | 'liveness' | 'readiness';

export interface ProbeState {
  next: number; // virtual ms of the next run
  successes: number;
  failures: number;
}

export interface TerminatedState {
  exitCode: number;
  reason: string;
  message?: string;
  startedAt: number;
  finishedAt: number;
  containerID: string;
}

export interface ContainerRuntime {
  name: string;
  init: boolean;
  image: string;
  /**
   * new: never tried · pulling · waiting: ErrImagePull/ImagePullBackOff/CrashLoopBackOff (see
   * waitingReason) · running · exited: terminated and not restarted (yet).
   */
  phase: 'new' | 'pulling' | 'waiting' | 'running' | 'exited';
  waitingReason?: string;
  waitingMessage?: string;
  /** When this attempt asked to pull, when the pull really began (serialized pulls) and when it ends. */
  pullRequestedAt?: number;
  pullStartAt?: number;
  pullDoneAt?: number;
  /** Image pull back-off (flowcontrol.Backoff in the image manager). */
  pullBackoffMs?: number;
  pullLastUpdate?: number;
  pullLastError?: string;
  /** Container restart back-off (the runtime manager's CrashLoopBackOff). */
  crashBackoffMs?: number;
  crashLastUpdate?: number;
  /** Next time the pod worker looks at this container again while it waits. */
  retryAt?: number;
  containerID?: string;
  imageRef?: string;
  imageID?: string;
  startedAt?: number;
  /** Set when the process will exit on its own, or has been signalled. */
  exitAt?: number;
  exitCode?: number;
  /** Killed by the kubelet (SIGKILL at the end of the grace period, or a liveness restart). */
  killReason?: 'liveness' | 'delete';
  terminated?: TerminatedState;
  lastTerminated?: TerminatedState;
  restartCount: number;
  ready: boolean;
  started: boolean;
  port?: number;
  processKind?: string;
  /** ms the process needs to stop after its stop signal; undefined: ignores it. */
  stopMs?: number;
  probes: Partial<Record<ProbeKind, ProbeState>>;
  logs: string[];
  /**
   * When each line of `logs` was written (virtual ms). Absent in saves from before it was kept,
   * and while there are no lines: lines without a time count as written at the container's start.
   */
  logAt?: number[];
  prevLogs?: string[];
  prevLogAt?: number[];
  /** Start time of an nginx whose start-up lines come first in the log (regenerated when read). */
  banner?: number;
  prevBanner?: number;
  /** A script's remaining steps (absolute virtual ms); a `resume` step plans the rest of it then. */
  actions?: ScriptStep[];
}

export interface PodRuntime {
  uid: string;
  namespace: string;
  name: string;
  /** The pod as the kubelet last saw it (its spec drives the containers even after the object is gone). */
  spec: PodSpec;
  generation?: number;
  stage: 'volumes' | 'sandbox' | 'running' | 'terminating' | 'terminated';
  volumesSince?: number;
  failedMountAt?: number;
  sandboxAt?: number;
  sandboxReady: boolean;
  podIP?: string;
  startTime?: number;
  containers: ContainerRuntime[];
  /** Graceful deletion seen: when, and when the grace period ends. */
  deletion?: { at: number; deadline: number };
  /** The API object is gone (force delete); nothing left to report to. */
  apiGone?: boolean;
  terminalPhase?: 'Succeeded' | 'Failed';
  /** PVC volume name → PV name, once mounted. */
  mountedPVs: Record<string, string>;
  nextWake?: number;
  sandboxChanged?: boolean;
  statusWritten?: boolean;
}

export interface NodeRuntime {
  name: string;
  index: number;
  power: 'running' | 'stopped' | 'cut';
  bootID: string;
  /** Pulled images: ref → imageID and size. */
  images: Record<string, { imageID: string; sizeBytes: number }>;
  pullBusyUntil: number;
  nextIP: number;
  pods: Record<string, PodRuntime>;
  /** The pending heartbeat timer. */
  hbTimer?: number;
  /** Last full node status post: when, and a digest of what it said (with a Lease, posts are on change or every 5 min). */
  lastReportAt?: number;
  lastReportSig?: string;
}
