// A test host for kubectl: a real Cluster (by default with only the bootstrap component, so
// tests build the states they need through the API), a memory file system, and Services whose
// waits follow virtual time the way the non-interactive host does (a watch ends after quietMs of
// virtual time without a change).
import { Cluster } from '../../cluster/cluster.ts';
import { Bootstrap } from '../../cluster/bootstrap.ts';
import { MemoryFs } from '../../cluster/fs.ts';
import type { ContainerEnv, KubeletRuntime, ClusterNetwork, HttpResponse } from '../../cluster/runtime-api.ts';
import type { CommandIO, Interrupt, Services } from '../../shell/types.ts';
import { runKubectl } from '../index.ts';

export interface RunResult {
  stdout: string;
  stderr: string;
  /** stdout and stderr in the order written, as a terminal shows them. */
  output: string;
  code: number;
}

/** Splits a command line like a shell would (quotes, backslashes); no expansions. */
export function splitArgs(line: string): string[] {
  const out: string[] = [];
  let cur = '';
  let has = false;
  let q = '';
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (q) {
      if (c === q) q = '';
      else if (c === '\\' && q === '"' && i + 1 < line.length && '"\\$`'.includes(line[i + 1])) cur += line[++i];
      else cur += c;
    } else if (c === '"' || c === "'") {
      q = c;
      has = true;
    } else if (c === '\\' && i + 1 < line.length) {
      cur += line[++i];
      has = true;
    } else if (/\s/.test(c)) {
      if (has || cur) out.push(cur);
      cur = '';
      has = false;
    } else cur += c;
  }
  if (has || cur) out.push(cur);
  return out;
}

export interface Harness {
  cluster: Cluster;
  fs: MemoryFs;
  services: Services;
  logs: Map<string, string[]>;
  envs: Map<string, ContainerEnv>;
  run(line: string, opts?: { stdin?: string; abortAfterChanges?: number }): Promise<RunResult>;
  /** Actions of "another terminal": each runs at the start of one wait, in order. */
  duringWaits: Array<() => void>;
  advance(ms: number): void;
}

export function createHarness(opts: { seed?: number; full?: boolean; editor?: (name: string, text: string) => Promise<string | undefined> } = {}): Harness {
  const cluster = Cluster.create({ seed: opts.seed ?? 1, components: opts.full ? undefined : (spec) => [new Bootstrap(spec)] });
  const fs = new MemoryFs({ now: () => cluster.clock.now() });
  fs.mkdir('/home/learner', { recursive: true });
  const logs = new Map<string, string[]>();
  const created = cluster.clock.now();
  const envs = new Map<string, ContainerEnv>();
  const runtime: KubeletRuntime = {
    containerEnv: (ns, pod, container) => envs.get(`${ns}/${pod}/${container ?? ''}`) ?? envs.get(`${ns}/${pod}/`),
    serveHttp: () => ({ error: 'refused', host: '', port: 0 }),
    // Lines set here count as written when the cluster was created.
    logs: (ns, pod, container, previous) => (logs.get(`${ns}/${pod}/${container ?? ''}${previous ? '/previous' : ''}`) ?? logs.get(`${ns}/${pod}/`))?.map((text) => ({ at: created, text })),
    stopNode() {}, cutNode() {}, startNode() {},
    nodeState: () => 'running',
  };
  const network: ClusterNetwork = {
    resolve: (_ns, name) => ({ rcode: 'NXDOMAIN', name, records: [] }),
    http: () => ({ error: 'refused', host: '', port: 0 }),
    proxy: (): HttpResponse => ({ status: 404, headers: {}, body: '' }),
  };
  let changesBeforeAbort = Infinity;
  // Heartbeats (node status) would keep a full cluster from ever being quiet: cap the virtual
  // time one command may wait in total.
  let waitBudgetEnds = Infinity;
  const WAIT_BUDGET_MS = 10 * 60_000;
  const duringWaits: Array<() => void> = [];
  let abortNow: (() => void) | undefined;
  // With the full component set, exec and logs go to the real kubelet runtime.
  const kubelet = opts.full ? cluster.component<any>('kubelet') : undefined;
  const services: Services = {
    api: cluster.api,
    runtime: kubelet && typeof kubelet.containerEnv === 'function' ? (kubelet as KubeletRuntime) : runtime,
    network,
    now: () => cluster.clock.now(),
    async sleep(ms) {
      cluster.advance(ms);
    },
    async nextChange(quietMs, signal) {
      if (signal?.aborted) return 'interrupted';
      if (cluster.clock.now() >= waitBudgetEnds) return 'quiet';
      if (changesBeforeAbort <= 0) {
        abortNow?.();
        return 'interrupted';
      }
      const rv = cluster.api.resourceVersion();
      duringWaits.shift()?.();
      const deadline = cluster.clock.now() + quietMs;
      for (;;) {
        cluster.settle();
        if (cluster.api.resourceVersion() !== rv) {
          changesBeforeAbort--;
          return 'changed';
        }
        const t = cluster.nextTimerAt();
        if (t === undefined || t > deadline) {
          cluster.advanceTo(deadline);
          if (cluster.api.resourceVersion() !== rv) {
            changesBeforeAbort--;
            return 'changed';
          }
          return 'quiet';
        }
        cluster.advanceTo(t);
      }
    },
    openEditor: opts.editor,
    lab: {
      nodeStop() {}, nodeCut() {}, nodeStart() {}, pause() {}, resume() {}, speed() {},
      advance: (ms) => cluster.advance(ms),
      skipToNext: () => {
        const before = cluster.clock.now();
        cluster.advanceToNext();
        return cluster.clock.now() - before;
      },
      reset() {},
      state: () => ({ paused: false, speed: 1, now: cluster.clock.now() }),
    },
    interactive: false,
  };
  return {
    cluster, fs, services, logs, envs, duringWaits,
    advance: (ms) => cluster.advance(ms),
    async run(line, runOpts = {}) {
      let stdout = '';
      let stderr = '';
      let output = '';
      let aborted = false;
      const callbacks: Array<() => void> = [];
      const signal: Interrupt = {
        get aborted() {
          return aborted;
        },
        onAbort(cb) {
          callbacks.push(cb);
          return () => {};
        },
      };
      changesBeforeAbort = runOpts.abortAfterChanges ?? Infinity;
      waitBudgetEnds = cluster.clock.now() + WAIT_BUDGET_MS;
      abortNow = () => {
        aborted = true;
        callbacks.forEach((c) => c());
      };
      const io: CommandIO = {
        argv: splitArgs(line),
        stdin: runOpts.stdin ?? '',
        stdout: (t) => { stdout += t; output += t; },
        stderr: (t) => { stderr += t; output += t; },
        env: {}, cwd: '/home/learner', fs, signal, isTTY: false, columns: 120,
      };
      const code = await runKubectl(io, services);
      cluster.settle();
      return { stdout, stderr, output, code };
    },
  };
}
