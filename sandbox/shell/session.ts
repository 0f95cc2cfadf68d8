// One learner at one terminal: a cluster, the working folder, the shell (env, history, jobs), the
// time driver and the Services every command gets. Hosts (browser worker, `npm run sim`) feed it
// complete inputs with `run()` and show what it writes through `output`.
//
// Time: in an interactive session the host calls `tick(realMs)` from a real-time ticker and
// virtual time runs at `speed` unless paused; sleeps and waits resolve as it passes. In a
// non-interactive session (scripts, tests) time moves only while the foreground command sleeps
// or waits: `sleep 30` advances the cluster 30 s timer by timer; a watch's wait ends on the next
// API write or, after `quietMs` of virtual quiet, with 'quiet'. Background jobs never drive time.
import { Cluster } from '../cluster/cluster.ts';
import { MemoryFs, type FileSystem } from '../cluster/fs.ts';
import type { ClusterNetwork, KubeletRuntime } from '../cluster/runtime-api.ts';
import { ExitRequest, Shell, errorText, type Ctx } from './interpreter.ts';
import { Interruptor, yieldTurn } from './interrupt.ts';
import { COMMON_PROGRAMS } from './programs.ts';
import { watchBuiltin } from './watch.ts';
import { xargsBuiltin } from './xargs.ts';
import { LEARNER_HOSTNAME, learnerHostname } from './learner-hostname.ts';
import { expandHistory } from './history-expansion.ts';
import { createLocalPorts, curl, type LocalPorts } from './curl.ts';
import { labCommand } from './lab-command.ts';
import { jq } from './jq.ts';
import { runInContainer } from './container.ts';
import { registerContainerRunner, registerInteractiveShell } from '../kubectl/hooks.ts';
import { complete, type Completion } from './complete.ts';
import { KUBECTL_COMPLETION_FUNCTION } from './complete-builtin.ts';
import type { Command, InteractiveShell, Interrupt, LabControls, Services } from './types.ts';

export interface SessionOptions {
  seed?: number;
  /** The lab's starting cluster (also used by `lab reset`); default Cluster.create({ seed }). */
  createCluster?: (seed: number) => Cluster;
  /** The working folder's file system; default a MemoryFs with an empty home. */
  fs?: FileSystem;
  home?: string;
  cwd?: string;
  interactive: boolean;
  /** The terminal. */
  output: { stdout(text: string): void; stderr(text: string): void };
  columns?: () => number;
  /** Extra programs or replacements (tests use a fake kubectl). */
  programs?: Record<string, Command>;
  openEditor?: Services['openEditor'];
  /** What the learner types at the terminal while a command reads it (Services.readTerminal). */
  readTerminal?: Services['readTerminal'];
  /** `exit` in the learner's shell (the Node host ends the process). */
  onExit?: (status: number) => void;
  /** Also called by `lab reset` after the cluster is recreated (restore starter files...). */
  onReset?: () => void;
}

type Waiter =
  | { kind: 'sleep'; until: number; resolve: () => void }
  | { kind: 'change'; changed: () => boolean; resolve: (r: 'changed') => void };

/** In a script, the waits of one input end after this much virtual time even if the cluster never goes quiet. */
export const MAX_SCRIPT_WAIT_MS = 3_600_000;

export class Session {
  private current!: Cluster;
  readonly fs: FileSystem;
  readonly shell: Shell;
  readonly services: Services;
  readonly interactive: boolean;
  readonly localPorts: LocalPorts = createLocalPorts();
  private readonly opts: SessionOptions;
  private readonly seed: number;
  private paused = false;
  private speedFactor = 1;
  private waiters: Waiter[] = [];
  private foreground: Interruptor | undefined;
  private foregroundDone: Promise<number> | undefined;
  /** Ctrl-C for the learner's foreground input, kept while a container shell has the terminal. */
  private outerForeground: Interruptor | undefined;
  private attached: { shell: InteractiveShell; resolve: (status: number) => void } | undefined;
  private onAttach: (() => void) | undefined;
  private exited = false;
  /** Node status and Lease writes that only moved heartbeat/renew times (they do not count as changes). */
  private heartbeats = 0;
  private unwatchNodes: (() => void) | undefined;
  /** When the current foreground input first waited (scripts bound their waits). */
  private waitStart: number | undefined;

  /** The cluster; assigning one (restore, undo) re-attaches the session's watches to it. */
  get cluster(): Cluster {
    return this.current;
  }

  set cluster(c: Cluster) {
    this.current = c;
    this.waiters = [];
    this.watchHeartbeats();
  }

  constructor(opts: SessionOptions) {
    this.opts = opts;
    this.seed = opts.seed ?? 1;
    this.interactive = opts.interactive;
    this.cluster = this.newCluster();
    const home = opts.home ?? '/home/learner';
    this.fs = opts.fs ?? new MemoryFs({ now: () => this.cluster.clock.now(), files: { [home + '/']: '' } });
    this.services = this.makeServices(false);
    const bg = this.makeServices(true);
    this.services.background = bg;
    bg.background = bg;
    const programs: Record<string, Command> = {
      ...COMMON_PROGRAMS,
      kubectl: kubectlCommand,
      lab: labCommand,
      jq,
      hostname: learnerHostname,
      curl: (io, s) => curl(io, s, (url, req) => this.learnerDial(url, req)),
      ...opts.programs,
    };
    this.shell = new Shell({
      name: 'bash',
      fs: this.fs,
      cwd: opts.cwd ?? home,
      env: { HOME: home, PATH: '/usr/local/bin:/usr/bin:/bin', USER: 'learner', SHELL: '/bin/bash', TERM: 'xterm-256color', PWD: opts.cwd ?? home },
      programs,
      services: this.services,
      backgroundServices: bg,
      builtins: {
        help: (_a, ctx, sh) => (ctx.out(helpText(sh)), 0),
      },
      programBuiltins: {
        clear: (_a, ctx) => (ctx.out('\x1b[H\x1b[2J'), 0),
        watch: watchBuiltin(() => this.opts.columns?.() ?? 80, () => LEARNER_HOSTNAME),
        xargs: xargsBuiltin,
      },
      columns: () => this.opts.columns?.() ?? 80,
      terminal: { out: (t) => this.opts.output.stdout(t), err: (t) => this.opts.output.stderr(t) },
    });
    // bash sets HOSTNAME itself, unexported (variables.c: set_if_not ("HOSTNAME", current_host_name)).
    this.shell.locals.HOSTNAME = LEARNER_HOSTNAME;
    // And these, as Debian 12's bash 5.2.15 does (variables.c initialize_shell_variables).
    this.shell.locals.IFS = ' \t\n';
    this.shell.locals.BASH_VERSION = '5.2.15(1)-release';
  }

  /** What to print before the next input: `$ `, or the attached container shell's prompt. */
  prompt(): string {
    return this.attached ? this.attached.shell.prompt() : '$ ';
  }

  /** True while a foreground command is running (keys other than Ctrl-C wait). */
  get busy(): boolean {
    return this.foreground !== undefined;
  }

  get ended(): boolean {
    return this.exited;
  }

  /**
   * Runs one complete input (use `needsMore` from parse.ts to gather continuation lines) and
   * resolves when it ends, or when it hands the terminal to a container shell (`kubectl exec -it`):
   * the next inputs then go to that shell until it exits.
   */
  run(src: string): Promise<number> {
    // One input at a time: a host that sends the next line early waits its turn.
    const p = this.tail.then(() => this.runNow(src));
    this.tail = p.then(
      () => undefined,
      () => undefined,
    );
    return p;
  }

  private tail: Promise<void> = Promise.resolve();

  private async runNow(src: string): Promise<number> {
    // kubectl loads asynchronously once; wait for it before anything runs, so a background job
    // never starts at a moment that depends on how fast a file loaded (transcripts stay identical).
    if (this.shell.programs.kubectl === kubectlCommand) await loadKubectl().catch(() => undefined);
    this.waitStart = undefined;
    this.registerKubectlHooks();
    if (this.attached) return this.runAttached(src);
    // An interactive bash expands `!!`, `!$`... first and shows the line it will run.
    if (this.opts.interactive && src.includes('!')) {
      const x = expandHistory(src, this.shell.history);
      if ('error' in x) {
        this.opts.output.stderr(`bash: ${x.error}\n`);
        return 1;
      }
      if (x.changed) {
        src = x.line;
        this.opts.output.stdout(`${src.replace(/\n+$/, '')}\n`);
      }
    }
    if (src.trim()) this.shell.history.push(src.replace(/\n+$/, ''));
    const fg = new Interruptor();
    this.foreground = fg;
    this.outerForeground = fg;
    const ctx: Ctx = { stdin: '', out: (t) => this.opts.output.stdout(t), err: (t) => this.opts.output.stderr(t), signal: fg, isTTY: true, terminal: true, background: false };
    const done = this.shell.run(src, ctx).catch((e) => {
      if (e instanceof ExitRequest) {
        this.exited = true;
        this.opts.onExit?.(e.status);
        return e.status;
      }
      this.opts.output.stderr(`bash: ${errorText(e)}\n`);
      return 1;
    });
    this.foregroundDone = done;
    return this.awaitForeground(done);
  }

  /**
   * kubectl runs `exec` through module-level hooks (sandbox/kubectl/hooks.ts): point them at this
   * session before each input, so they reach its Services (and its terminal for `-it`).
   */
  private registerKubectlHooks(): void {
    registerContainerRunner((env, argv, io) => runInContainer(env, argv, { ...io, isTTY: false }, this.services));
    registerInteractiveShell((env, argv, io) => runInContainer(env, argv, { ...io, isTTY: true }, this.services));
  }

  /** Resolves when the foreground input ends, or 0 as soon as it attaches a container shell. */
  private async awaitForeground(done: Promise<number>): Promise<number> {
    const attached = new Promise<'attached'>((resolve) => (this.onAttach = () => resolve('attached')));
    const first = await Promise.race([done, attached]);
    this.onAttach = undefined;
    if (first === 'attached') {
      this.foreground = undefined; // the terminal now belongs to the container shell
      return 0;
    }
    return this.finishForeground(first);
  }

  private async runAttached(src: string): Promise<number> {
    const att = this.attached!;
    const fg = new Interruptor();
    this.foreground = fg;
    const status = await att.shell.run(src, this.opts.output, fg);
    if (status === undefined) {
      this.foreground = undefined;
      this.afterCommand();
      return 0;
    }
    return this.detach(status);
  }

  private async detach(status: number): Promise<number> {
    const att = this.attached!;
    this.attached = undefined;
    this.foreground = this.outerForeground;
    att.resolve(status);
    // The command that attached (kubectl exec -it) now goes on, and may attach again (a loop).
    return this.awaitForeground(this.foregroundDone ?? Promise.resolve(status));
  }

  private async finishForeground(status: number): Promise<number> {
    this.foreground = undefined;
    this.foregroundDone = undefined;
    this.outerForeground = undefined;
    this.afterCommand();
    if (this.shell.jobs.length) await yieldTurn();
    const notes = this.shell.takeFinishedJobs();
    if (notes) this.opts.output.stderr(notes);
    return status;
  }

  /** Ctrl-C: stops the foreground command (a background job keeps running). */
  interrupt(): void {
    this.foreground?.abort();
  }

  /** Ctrl-D on an empty line: leaves a container shell, or ends the session. */
  async eof(): Promise<number | 'ended'> {
    if (this.attached) return this.detach(this.attached.shell.eof());
    this.exited = true;
    this.opts.onExit?.(this.shell.lastStatus);
    return 'ended';
  }

  /** Tab: completions for the line up to the cursor. */
  complete(line: string, cursor = line.length): Completion {
    if (this.attached) {
      return complete(line, cursor, { commands: this.attached.shell.completions(), fs: undefined, cwd: '/', api: undefined });
    }
    return complete(line, cursor, {
      // bash completes a command name from aliases, functions, builtins and programs alike.
      commands: [...Object.keys(this.shell.aliases), ...Object.keys(this.shell.functions), ...Object.keys(this.shell.builtins), ...Object.keys(this.shell.programs)].sort(),
      fs: this.fs,
      cwd: this.shell.cwd,
      api: this.cluster.api,
      kubectlNames: [...this.shell.completionSpecs].filter(([, s]) => s.args.get('F') === KUBECTL_COMPLETION_FUNCTION).map(([name]) => name),
    });
  }

  /** Interactive hosts call this from a real-time ticker with the real milliseconds elapsed. */
  tick(realMs: number): void {
    if (!this.paused && realMs > 0) this.cluster.advance(Math.round(realMs * this.speedFactor));
    else this.cluster.settle();
    this.notify();
  }

  /** Ends every background job (the end of a script, closing the page). */
  async close(): Promise<void> {
    this.foreground?.abort();
    await this.shell.killAll();
    this.shell.takeFinishedJobs();
    this.unwatchNodes?.();
    this.unwatchNodes = undefined;
  }

  // ---- time and waits -------------------------------------------------------------------

  private afterCommand(): void {
    this.cluster.settle();
    this.notify();
  }

  /** Wakes the sleepers whose time has come and the waiters that saw an API write. */
  private notify(): void {
    const now = this.cluster.clock.now();
    const ready = this.waiters.filter((w) => (w.kind === 'sleep' ? w.until <= now : w.changed()));
    if (!ready.length) return;
    this.waiters = this.waiters.filter((w) => !ready.includes(w));
    for (const w of ready) w.kind === 'sleep' ? w.resolve() : w.resolve('changed');
  }

  private wait<T>(w: Waiter, signal: Interrupt | undefined, onAbort: T): Promise<T | 'changed' | void> {
    return new Promise((resolve) => {
      const off = signal?.onAbort(() => {
        this.waiters = this.waiters.filter((x) => x !== entry);
        resolve(onAbort);
      });
      const entry: Waiter =
        w.kind === 'sleep'
          ? { ...w, resolve: () => (off?.(), resolve()) }
          : { ...w, resolve: (r) => (off?.(), resolve(r)) };
      if (signal?.aborted) return;
      this.waiters.push(entry);
      this.notify();
    });
  }

  /** One step of virtual time in a non-interactive run: to the next timer or `target`, whichever is first. */
  private async step(target: number): Promise<void> {
    const next = this.cluster.nextTimerAt();
    this.cluster.advanceTo(next !== undefined && next < target ? next : target);
    this.notify();
    if (this.shell.jobs.some((j) => j.state === 'Running')) {
      // Let background jobs (a watch, a proxy) see this instant before time moves on.
      await yieldTurn();
      this.cluster.settle();
      this.notify();
    }
  }

  private async sleep(ms: number, signal: Interrupt | undefined, background: boolean): Promise<void> {
    const until = this.cluster.clock.now() + Math.max(0, ms);
    if (this.interactive || background) {
      await this.wait({ kind: 'sleep', until, resolve: () => {} }, signal, undefined);
      return;
    }
    while (!signal?.aborted && this.cluster.clock.now() < until) await this.step(until);
    this.cluster.settle();
    this.notify();
  }

  private async nextChange(quietMs: number, signal: Interrupt | undefined, background: boolean, resources?: string[]): Promise<'changed' | 'quiet' | 'interrupted'> {
    // A change is any API write but node heartbeats and Lease renewals (watchHeartbeats), or
    // with `resources` a write to one of them.
    const api = this.cluster.api;
    const rv0 = api.resourceVersion();
    const hb0 = this.heartbeats;
    let written = false;
    const unwatch = resources?.length ? resources.map((r) => api.watch(r, undefined, {}, () => void (written = true))) : undefined;
    const changed = () => (unwatch ? written : api.resourceVersion() - rv0 > this.heartbeats - hb0);
    try {
      this.cluster.settle();
      this.notify();
      if (signal?.aborted) return 'interrupted';
      if (changed()) return 'changed';
      if (this.interactive || background) {
        const r = await this.wait({ kind: 'change', changed, resolve: () => {} }, signal, 'interrupted' as const);
        return r === 'changed' ? 'changed' : 'interrupted';
      }
      const now = this.cluster.clock.now();
      this.waitStart ??= now;
      const quietUntil = Math.min(now + Math.max(0, quietMs), this.waitStart + MAX_SCRIPT_WAIT_MS);
      for (;;) {
        if (signal?.aborted) return 'interrupted';
        if (changed()) return 'changed';
        if (this.cluster.clock.now() >= quietUntil) return 'quiet';
        await this.step(quietUntil);
      }
    } finally {
      for (const u of unwatch ?? []) u();
    }
  }

  // ---- services -------------------------------------------------------------------------

  private newCluster(): Cluster {
    return this.opts.createCluster ? this.opts.createCluster(this.seed) : Cluster.create({ seed: this.seed });
  }

  /**
   * Kubelets post node status every 10 s (`nodeStatusUpdateFrequency`) and renew their Lease in
   * kube-node-lease every 10 s (pkg/kubelet/nodelease: renewInterval = 0.25 × 40 s); a write that
   * changes nothing but heartbeat or renew times is no news to a watch, and counting it would keep
   * every script wait awake.
   */
  private watchHeartbeats(): void {
    this.unwatchNodes?.();
    const unwatch = [
      this.countHeartbeats('nodes', undefined, (o) => ({ ...o, status: { ...o.status, conditions: (o.status?.conditions ?? []).map((c: any) => ({ ...c, lastHeartbeatTime: undefined })) } })),
      this.countHeartbeats('leases', 'kube-node-lease', (o) => ({ ...o, spec: { ...o.spec, renewTime: undefined } })),
    ];
    this.unwatchNodes = () => unwatch.forEach((u) => u());
    this.cluster.settle();
  }

  /** Counts MODIFIED events of `resource` that leave the object the same once `strip` has removed its heartbeat fields. */
  private countHeartbeats(resource: string, namespace: string | undefined, strip: (o: any) => any): () => void {
    const last = new Map<string, string>();
    const key = (o: any) => JSON.stringify(strip({ ...o, metadata: { ...o.metadata, resourceVersion: undefined, managedFields: undefined } }));
    return this.cluster.api.watch(resource, namespace, { sendInitialEvents: true }, (ev) => {
      const id = `${ev.object.metadata.namespace ?? ''}/${ev.object.metadata.name ?? ''}`;
      const k = key(ev.object);
      if (ev.type === 'MODIFIED' && last.get(id) === k) this.heartbeats++;
      if (ev.type === 'DELETED') last.delete(id);
      else last.set(id, k);
    });
  }

  private runtime(): KubeletRuntime {
    const k = this.cluster.component('kubelet') as unknown as Partial<KubeletRuntime> | undefined;
    return typeof k?.containerEnv === 'function' ? (k as KubeletRuntime) : MISSING_RUNTIME;
  }

  private network(): ClusterNetwork {
    const n = this.cluster.component('network') as unknown as Partial<ClusterNetwork> | undefined;
    return typeof n?.resolve === 'function' ? (n as ClusterNetwork) : MISSING_NETWORK;
  }

  /** curl from the learner's machine: `localhost:<port>` reaches local jobs (kubectl proxy) at 127.0.0.1. */
  private learnerDial(url: string, req: Parameters<ClusterNetwork['http']>[2]) {
    const m = /^(?:https?:\/\/)?(localhost|127\.0\.0\.1|\[::1\])(?::(\d+))?(\/[^\s]*)?$/i.exec(url);
    if (m) {
      const port = m[2] ? Number(m[2]) : 80;
      const ip = m[1] === '[::1]' ? '::1' : '127.0.0.1';
      const handler = this.localPorts.handler(port) ?? this.proxyJobHandler(port);
      if (!handler) return { ip, result: { error: 'refused' as const, host: m[1], port } };
      return { ip, result: handler({ method: req?.method ?? 'GET', path: m[3] ?? '/', headers: req?.headers, body: req?.body }) };
    }
    // The laptop is no node: its resolver knows no cluster names, and pod and Service addresses
    // are not routed to it (minikube's networks live inside its containers), so a connection to
    // one waits until the kernel gives up, as the api-server-proxy lesson says.
    const m2 = /^(?:https?:\/\/)?([^/:?#\s]+)(?::(\d+))?/i.exec(url);
    const host = m2?.[1] ?? url;
    const port = m2?.[2] ? Number(m2[2]) : /^https:/i.test(url) ? 443 : 80;
    if (!/^\d+\.\d+\.\d+\.\d+$/.test(host)) return { result: { error: 'resolve' as const, host } };
    return { ip: host, result: { error: 'timeout' as const, host, port } };
  }

  /** A running `kubectl proxy [--port=N] &` job serves its port even if kubectl did not call listen(). */
  private proxyJobHandler(port: number) {
    const job = this.shell.jobs.find((j) => j.state === 'Running' && /^kubectl\s+proxy\b/.test(j.src) && proxyPort(j.src) === port);
    if (!job) return undefined;
    return (r: { method: string; path: string; headers?: Record<string, string>; body?: string }) => this.network().proxy(r.path, r);
  }

  private makeServices(background: boolean): Services {
    const self = this;
    const lab: LabControls = {
      nodeStop: (n) => (self.runtime().stopNode(n), self.afterCommand()),
      nodeCut: (n) => (self.runtime().cutNode(n), self.afterCommand()),
      nodeStart: (n) => (self.runtime().startNode(n), self.afterCommand()),
      pause: () => void (self.paused = true),
      resume: () => void (self.paused = false),
      speed: (f) => void (self.speedFactor = f),
      advance: (ms) => (self.cluster.advance(ms), self.notify()),
      skipToNext: () => {
        const before = self.cluster.clock.now();
        const at = self.cluster.advanceToNext();
        self.notify();
        return at === undefined ? 0 : at - before;
      },
      reset: () => {
        for (const j of self.shell.jobs) j.interrupt.abort();
        self.cluster = self.newCluster();
        self.opts.onReset?.();
      },
      state: () => ({ paused: self.paused, speed: self.speedFactor, now: self.cluster.clock.now() }),
    };
    return {
      get api() {
        return self.cluster.api;
      },
      get runtime() {
        return self.runtime();
      },
      get network() {
        return self.network();
      },
      now: () => self.cluster.clock.now(),
      sleep: (ms, signal) => self.sleep(ms, signal, background),
      nextChange: (quietMs, signal, resources) => self.nextChange(quietMs, signal, background, resources),
      openEditor: this.opts.openEditor,
      // A background job does not read the terminal (bash would stop it: SIGTTIN).
      readTerminal: background ? undefined : this.opts.readTerminal,
      lab,
      interactive: this.interactive,
      listen: (port, handler) => (self.proxyJobHandler(port) ? undefined : self.localPorts.listen(port, handler)),
      attach: (shell) =>
        new Promise<number>((resolve) => {
          self.attached = { shell, resolve };
          self.onAttach?.();
        }),
    };
  }
}

// Loaded on first use: the lab page can show its shell before kubectl's printers arrive, and a
// kubectl that fails to load breaks only kubectl.
let kubectlModule: Promise<typeof import('../kubectl/index.ts')> | undefined;
function loadKubectl(): Promise<typeof import('../kubectl/index.ts')> {
  return (kubectlModule ??= import('../kubectl/index.ts'));
}
const kubectlCommand: Command = async (io, services) => {
  let mod: typeof import('../kubectl/index.ts');
  try {
    mod = await loadKubectl();
  } catch (e) {
    io.stderr(`kubectl: could not load: ${errorText(e)}\n`);
    return 1;
  }
  return mod.runKubectl(io, services);
};

function proxyPort(src: string): number {
  const m = /(?:--port[= ]|-p[= ]?)(\d+)/.exec(src);
  return m ? Number(m[1]) : 8001;
}

function missing(what: string, component: string): never {
  throw new Error(`${what} is not available: this cluster has no '${component}' component`);
}

const MISSING_RUNTIME: KubeletRuntime = {
  containerEnv: () => missing('the container runtime', 'kubelet'),
  serveHttp: () => missing('the container runtime', 'kubelet'),
  logs: () => missing('the container runtime', 'kubelet'),
  stopNode: () => missing('node control', 'kubelet'),
  cutNode: () => missing('node control', 'kubelet'),
  startNode: () => missing('node control', 'kubelet'),
  nodeState: () => missing('node control', 'kubelet'),
};

const MISSING_NETWORK: ClusterNetwork = {
  resolve: () => missing('cluster DNS', 'network'),
  http: () => missing('the cluster network', 'network'),
  proxy: () => missing('the API server proxy', 'network'),
};

function helpText(sh: Shell): string {
  const programs = Object.keys(sh.programs).filter((p) => p !== 'kubectl' && p !== 'lab').sort();
  return `The lab's shell: a small bash for kubectl and friends.

  kubectl ...        talk to the simulated cluster (kubectl help)
  lab ...            machines and time outside Kubernetes (lab help)

Shell: pipes |, redirections > >> < 2>&1, here-documents <<'EOF', $VAR, $(...), $((...)), <(...),
quotes '...' "...", && || ;, for/while/if/case, functions f() { ...; }, while read line,
background jobs & (jobs, kill %1, fg, wait), history (up/down arrows), Tab completion,
Ctrl-C stops a command, Ctrl-L or clear.

Builtins: ${Object.keys(sh.builtins).filter((b) => /^[a-z]/.test(b)).sort().join(' ')}
Programs: ${programs.join(' ')}
`;
}
