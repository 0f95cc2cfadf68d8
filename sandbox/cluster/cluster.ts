// One simulated cluster: the API server, the control plane and the node agents, driven by one
// deterministic event loop on a virtual clock. Hosts (worker, Node CLI, WebContainer) own a
// Cluster and call its methods; everything else talks to `cluster.api`.
import { ApiServer, type ApiServerState } from './api/server.ts';
import { VirtualClock, type ClockState, DEFAULT_START } from './clock.ts';
import { Random, type RandomState } from './random.ts';
import { Informers } from './informers.ts';
import type { Component, ComponentContext } from './component.ts';
import { createRecorder } from './events.ts';
import { EventCorrelator, type CorrelatorState } from './event-correlator.ts';
import { STRATEGIES } from './api/strategies.ts';
import { clone } from './api/clone.ts';
import type { KubeObject } from './api/client.ts';
import { createComponents, type ClusterSpec, DEFAULT_CLUSTER_SPEC } from './components.ts';
import { layoutMember, splitSaved } from './saved-layout.ts';
import type { SavedSpans } from './api/server.ts';

export const SNAPSHOT_VERSION = 1;

/**
 * The version a saved snapshot says it has, whether saved as the object or as snapshotJSON's
 * text (read from the text's start, which snapshotJSON always writes first, without parsing
 * the rest); undefined when it says none.
 */
export function snapshotVersion(saved: unknown): number | undefined {
  if (typeof saved === 'string') {
    const m = /^\{"version":(\d+)[,}]/.exec(saved);
    return m ? Number(m[1]) : undefined;
  }
  const v = saved && typeof saved === 'object' ? (saved as { version?: unknown }).version : undefined;
  return typeof v === 'number' ? v : undefined;
}

export interface ClusterSnapshot {
  version: number;
  spec: ClusterSpec;
  clock: ClockState;
  random: RandomState;
  api: ApiServerState;
  components: Record<string, unknown>;
  queues: Record<string, string[]>;
  /**
   * The event recorders' correlators by source (`component` or `component@host`): where their
   * caches differ from what the stored Events give (see event-correlator.ts).
   */
  recorders?: Record<string, Partial<CorrelatorState>>;
  /** In snapshotJSON's text only, last: where each resource's objects lie in it (saved-layout.ts). */
  layout?: unknown;
}

export interface CreateOptions {
  seed?: number;
  spec?: Partial<ClusterSpec>;
  start?: number;
  /** Tests only: run these components instead of the full set (e.g. a fake kubelet). */
  components?: (spec: ClusterSpec) => Component[];
}

/** Upper bound on work items one settle() may run: a controller that spins is a bug, not a hang. */
const MAX_STEPS_PER_SETTLE = 2_000_000;

/**
 * What restoreJSON leaves unparsed until first read: a third of a big cluster's snapshot, and
 * nothing needs them to resume (event-ttl has its timer saved; the recorders' caches wait too).
 */
export const LAZY_RESOURCES: readonly string[] = ['events'];

export class Cluster {
  readonly api: ApiServer;
  readonly clock: VirtualClock;
  readonly random: Random;
  readonly spec: ClusterSpec;
  private informers: Informers;
  private components: Component[] = [];
  private byName = new Map<string, Component>();
  private queues = new Map<string, Set<string>>();
  private correlators = new Map<string, EventCorrelator>();
  /** A restore's recorder caches, kept until the Events they go with are parsed (loadRecorders). */
  private savedRecorders: { state: ClusterSnapshot['recorders']; at: number } | undefined;
  private settling = false;
  /** A restore is delivering the stored objects to the informers (restoreOwned). */
  private restoring = false;

  private constructor(spec: ClusterSpec, seed: number, start: number) {
    this.spec = spec;
    this.clock = new VirtualClock(start);
    this.random = new Random(seed);
    this.api = new ApiServer({ clock: this.clock, random: this.random, strategies: STRATEGIES });
    this.informers = new Informers(this.api);
  }

  /** A new cluster: namespaces, nodes and the default StorageClass, settled at time zero. */
  static create(opts: CreateOptions = {}): Cluster {
    const spec = { ...DEFAULT_CLUSTER_SPEC, ...opts.spec };
    const c = new Cluster(spec, opts.seed ?? 1, opts.start ?? DEFAULT_START);
    c.startComponents(true, opts.components);
    c.settle();
    return c;
  }

  /**
   * A cluster from snapshotJSON's string (or any snapshot as JSON). The parsed state belongs to
   * the new cluster alone, so components take it without copying.
   */
  static restoreJSON(json: string, opts: Pick<CreateOptions, 'components'> = {}): Cluster {
    const split = splitSaved(json, LAZY_RESOURCES);
    if (!split) return Cluster.restoreOwned(JSON.parse(json) as ClusterSnapshot, opts, true);
    return Cluster.restoreOwned(split.snap, opts, true, split.texts, split.lazy);
  }

  static restore(snap: ClusterSnapshot, opts: Pick<CreateOptions, 'components'> = {}): Cluster {
    return Cluster.restoreOwned(snap, opts, false);
  }

  /** `owned`: nobody else holds `snap`, so its parts may become the cluster's state as they are. */
  private static restoreOwned(snap: ClusterSnapshot, opts: Pick<CreateOptions, 'components'>, owned: boolean, texts?: Record<string, string>, lazy?: Record<string, string>): Cluster {
    if (!snap || snap.version !== SNAPSHOT_VERSION) throw new Error(`unsupported snapshot version ${snap?.version}`);
    const c = new Cluster(snap.spec, 1, snap.clock.now);
    c.clock.load(snap.clock);
    c.random.load(snap.random);
    c.api.load(snap.api, texts, lazy, (r) => r === 'events' && c.loadRecorders());
    c.startComponents(false, opts.components);
    for (const comp of c.components) {
      if (comp.load && snap.components[comp.name] !== undefined) comp.load(snap.components[comp.name], owned);
    }
    // Starting the informers queued ADDED events; deliver them, then put back the queues as saved
    // (the keys handlers queue meanwhile would be dropped: they are not queued at all).
    c.restoring = true;
    c.api.flush();
    c.restoring = false;
    for (const q of c.queues.values()) q.clear();
    for (const [name, keys] of Object.entries(snap.queues)) for (const k of keys) c.queue(name).add(k);
    for (const comp of c.components) comp.restored?.();
    c.savedRecorders = { state: snap.recorders, at: c.clock.now() };
    if (!c.api.isLazy('events')) c.loadRecorders();
    c.settle();
    return c;
  }

  /**
   * The restored recorders' caches, given the Events as restored: at restore, or when the Events
   * are first parsed (always before anything records or deletes one, so they are still the
   * restored ones), with the time of the restore.
   */
  private loadRecorders(): void {
    const saved = this.savedRecorders;
    if (!saved) return;
    this.savedRecorders = undefined;
    const bySource = eventsBySource(this.api.peekAll('events'));
    // A snapshot from before recorders were saved: each source's caches as its Events say.
    const recorders = saved.state ?? Object.fromEntries([...bySource.keys()].map((k) => [k, {}]));
    for (const [source, state] of Object.entries(recorders)) {
      this.correlator(source).load(state as CorrelatorState, bySource.get(source) ?? [], saved.at);
    }
  }

  /** The snapshot as a JSON string (what a host stores): snapshot() without copying component state. */
  snapshotJSON(): string {
    // The API objects' text comes from the API server's cache of it (most of a snapshot, and
    // mostly unchanged between two saves); the rest is small. Same text as
    // JSON.stringify(this.snapshotState(false)), in the same key order, followed by a layout of
    // where each resource's objects are (saved-layout.ts).
    const { api: _api, components: _components, ...rest } = this.snapshotState(false, false, false);
    const head = `${JSON.stringify({ version: rest.version, spec: rest.spec, clock: rest.clock, random: rest.random }).slice(0, -1)},"api":`;
    const tail = JSON.stringify({ queues: rest.queues, recorders: rest.recorders });
    const components: string[] = [];
    for (const comp of this.components) {
      const text = comp.saveJSON ? comp.saveJSON() : comp.save ? JSON.stringify(comp.save()) : undefined;
      // JSON.stringify leaves out a property whose value is undefined.
      if (text !== undefined) components.push(`${JSON.stringify(comp.name)}:${text}`);
    }
    const spans: SavedSpans = {};
    const text = `${head}${this.api.saveJSON(spans)},"components":{${components.join(',')}},${tail.slice(1, -1)}`;
    const out = `${text}${layoutMember(text.length, head.length, spans)}}`;
    // V8 keeps a long concatenation as a rope until something reads it. Every host reads the
    // text whole right away (postMessage and IndexedDB copy it), so it is flattened here, as part
    // of the save, rather than by whoever reads it first (a restore's search for the layout).
    void out.charCodeAt(0);
    return out;
  }

  snapshot(): ClusterSnapshot {
    return this.snapshotState(true);
  }

  /** `copy`: the result outlives this call, so it must not share the components' live state. */
  private snapshotState(copy: boolean, withApi = true, withComponents = true): ClusterSnapshot {
    this.settle();
    const components: Record<string, unknown> = {};
    if (withComponents) for (const comp of this.components) if (comp.save) components[comp.name] = comp.save();
    const queues: Record<string, string[]> = {};
    for (const [name, q] of this.queues) if (q.size) queues[name] = [...q];
    const recorders: Record<string, Partial<CorrelatorState>> = {};
    const saved = this.savedRecorders;
    if (saved?.state && saved.at === this.clock.now() && this.api.isLazy('events')) {
      // Restored at this instant, Events untouched: the recorders' caches are as restored
      // (a correlator saves what it loaded, at the same time with the same Events).
      for (const source of Object.keys(saved.state).sort()) recorders[source] = nonEmpty(saved.state[source]);
    } else {
      const bySource = eventsBySource(this.api.peekAll('events'));
      for (const source of [...this.correlators.keys()].sort()) {
        recorders[source] = nonEmpty(this.correlators.get(source)!.save(bySource.get(source) ?? [], this.clock.now()));
      }
    }
    return {
      version: SNAPSHOT_VERSION, spec: this.spec, clock: this.clock.save(), random: this.random.save(),
      api: withApi ? this.api.save() : (undefined as never), components: copy ? clone(components) : components, queues, recorders,
    };
  }

  component<T extends Component>(name: string): T | undefined {
    return this.byName.get(name) as T | undefined;
  }

  /**
   * Runs everything due at the current instant: watch deliveries and work queues, until quiet.
   * Each component drains its queue before the next one runs (watch events are delivered after
   * every sync, so caches stay fresh): a burst of changes, e.g. the scheduler binding a hundred
   * pods, reaches the next controller as one deduplicated key instead of a hundred syncs.
   */
  settle(): void {
    if (this.settling) return;
    this.settling = true;
    try {
      let steps = 0;
      for (;;) {
        this.api.flush();
        let worked = false;
        for (const comp of this.components) {
          const q = this.queues.get(comp.name);
          if (!q || !comp.sync) continue;
          // Only the keys queued before this turn: keys a sync re-queues wait for the next
          // round, so every component reacts before anyone goes twice.
          // (A copy of the keys, not q.values().next() per key: deleting from the front of a
          // large Set makes each next() skip the deleted entries.)
          for (const k of q.size ? [...q] : []) {
            if (!q.delete(k)) continue;
            comp.sync(k);
            this.api.flush();
            worked = true;
            if (++steps > MAX_STEPS_PER_SETTLE) throw new Error(`cluster did not settle after ${steps} steps (last: ${comp.name} ${k})`);
          }
        }
        if (!worked && !this.api.hasPending()) return;
      }
    } finally {
      this.settling = false;
    }
  }

  /** Advances virtual time by `ms`, firing timers in order and settling after each. */
  advance(ms: number): void {
    this.advanceTo(this.clock.now() + ms);
  }

  advanceTo(target: number): void {
    this.settle();
    for (;;) {
      const t = this.clock.peek();
      if (!t || t.at > target) break;
      this.clock.setNow(t.at);
      // Everything due at this instant fires before the controllers react, as in a real
      // cluster where they land within the same moment.
      for (let next = this.clock.peek(); next && next.at === t.at; next = this.clock.peek()) {
        this.clock.pop();
        this.fire(next.owner, next.type, next.data);
        this.api.flush();
      }
      this.settle();
    }
    this.clock.setNow(target);
  }

  /** When the next timer is due, or undefined when nothing is scheduled. */
  nextTimerAt(): number | undefined {
    return this.clock.peek()?.at;
  }

  /** Jumps to the next scheduled thing and runs it (the lab's "skip to next change"). */
  advanceToNext(): number | undefined {
    const at = this.nextTimerAt();
    if (at !== undefined) this.advanceTo(at);
    return at;
  }

  private fire(owner: string, type: string, data: unknown): void {
    if (type === '__enqueue') {
      this.queue(owner).add(data as string);
      return;
    }
    this.byName.get(owner)?.onTimer?.(type, data);
  }

  private queue(name: string): Set<string> {
    let q = this.queues.get(name);
    if (!q) this.queues.set(name, (q = new Set()));
    return q;
  }

  /** The correlator of one event source, made on first use (as each recorder's broadcaster has one). */
  private correlator(source: string): EventCorrelator {
    // Restored caches come first, with the Events they go with.
    if (this.savedRecorders && this.api.isLazy('events')) this.api.peekAll('events');
    let c = this.correlators.get(source);
    if (!c) this.correlators.set(source, (c = new EventCorrelator()));
    return c;
  }

  private startComponents(fresh: boolean, make: (spec: ClusterSpec) => Component[] = createComponents): void {
    this.components = make(this.spec);
    for (const comp of this.components) this.byName.set(comp.name, comp);
    for (const comp of this.components) {
      const ctx: ComponentContext = {
        api: this.api,
        clock: this.clock,
        random: this.random,
        informers: this.informers,
        recorder: (source, host) => {
          const key = sourceKey(source, host);
          this.correlator(key); // made now: a snapshot lists every source's recorder
          return createRecorder(this.api, this.clock, () => this.correlator(key), source, host);
        },
        enqueue: (k, delayMs) => {
          if (delayMs && delayMs > 0) this.clock.schedule(comp.name, delayMs, '__enqueue', k);
          else if (!this.restoring) this.queue(comp.name).add(k);
        },
        setTimer: (delayMs, type, data) => this.clock.schedule(comp.name, delayMs, type, data),
        cancelTimer: (id) => this.clock.cancel(id),
        component: (n) => this.byName.get(n) as any,
      };
      comp.start(ctx);
    }
    if (fresh) for (const comp of this.components) (comp as any).bootstrap?.();
  }
}

/** `component`, or `component@host` for a node agent's recorder. */
function sourceKey(component: string, host: string | undefined): string {
  return host ? `${component}@${host}` : component;
}

/** A recorder's saved caches without their empty parts: most sources' caches are what their Events say. */
function nonEmpty(s: Partial<CorrelatorState>): Partial<CorrelatorState> {
  return Object.fromEntries(Object.entries(s).filter(([, d]) => d && (d.set || d.del)));
}

function eventsBySource(events: Iterable<KubeObject>): Map<string, KubeObject[]> {
  const out = new Map<string, KubeObject[]>();
  for (const e of events) {
    const k = sourceKey(e.source?.component ?? '', e.source?.host);
    let list = out.get(k);
    if (!list) out.set(k, (list = []));
    list.push(e);
  }
  return out;
}
