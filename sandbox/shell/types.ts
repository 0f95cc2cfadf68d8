// The contract between the learner's shell, the commands it runs (kubectl, lab, grep...) and
// the host that owns the cluster. Commands are async because some wait on virtual time
// (`sleep`, `kubectl get -w`, `kubectl rollout status`) and stop on Ctrl-C.
import type { ApiClient } from '../cluster/api/client.ts';
import type { FileSystem } from '../cluster/fs.ts';
import type { ClusterNetwork, KubeletRuntime } from '../cluster/runtime-api.ts';

/** Ctrl-C: a command checks `aborted` or registers a callback. */
export interface Interrupt {
  readonly aborted: boolean;
  onAbort(cb: () => void): () => void;
}

export interface CommandIO {
  argv: string[]; // argv[0] is the command name
  stdin: string; // what a pipe, redirection or here-document fed in; '' otherwise
  stdout(text: string): void;
  stderr(text: string): void;
  env: Record<string, string>;
  cwd: string;
  fs: FileSystem;
  signal: Interrupt;
  isTTY: boolean;
  columns: number;
}

/** Exit status (0 success). */
export type Command = (io: CommandIO, services: Services) => Promise<number>;

export interface LabControls {
  nodeStop(name: string): void;
  nodeCut(name: string): void;
  nodeStart(name: string): void;
  pause(): void;
  resume(): void;
  speed(factor: number): void;
  /** Moves virtual time forward now (does not wait in real time). */
  advance(ms: number): void;
  /** Jumps to the next scheduled change; returns the virtual ms skipped (0 when nothing is scheduled). */
  skipToNext(): number;
  reset(): void;
  state(): { paused: boolean; speed: number; now: number };
}

/** What the host gives every command. */
export interface Services {
  api: ApiClient;
  runtime: KubeletRuntime;
  network: ClusterNetwork;
  /** Current virtual time in ms since the epoch. */
  now(): number;
  /** Resolves after `ms` of virtual time has passed (rejects nothing; resolves early when interrupted). */
  sleep(ms: number, signal?: Interrupt): Promise<void>;
  /**
   * For watches and waits: resolves on the next change to the cluster (any API write), or when
   * the host decides the wait is over: in a non-interactive run once the cluster has been quiet
   * for `quietMs` of virtual time (returns 'quiet'); on Ctrl-C (returns 'interrupted').
   */
  nextChange(quietMs: number, signal?: Interrupt): Promise<'changed' | 'quiet' | 'interrupted'>;
  /** `kubectl edit`: hands the text to the page's editor; undefined when there is none (CLI). */
  openEditor?(fileName: string, content: string): Promise<string | undefined>;
  lab: LabControls;
  /** True in `npm run sim -- FILE` and tests: waits end when the cluster is quiet. */
  interactive: boolean;
}
