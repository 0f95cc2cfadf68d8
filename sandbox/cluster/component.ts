// What every part of the control plane and every node agent is to the event loop: something
// that watches the API, keeps a work queue of keys, and may set timers. Like the controllers in
// kubernetes/kubernetes pkg/controller, each `sync` looks at what is (level-triggered), decides,
// and acts through the API.
import type { ApiServer } from './api/server.ts';
import type { VirtualClock } from './clock.ts';
import type { Random } from './random.ts';
import type { Informers } from './informers.ts';
import type { EventRecorder } from './events.ts';

export interface ComponentContext {
  /** The API, as any client sees it (copies in, copies out). */
  api: ApiServer;
  clock: VirtualClock;
  random: Random;
  informers: Informers;
  /** Records core/v1 Events as `source` (e.g. `statefulset-controller`, `kubelet`). */
  recorder(source: string, host?: string): EventRecorder;
  /** Adds a key to this component's work queue (deduplicated), now or after a delay. */
  enqueue(key: string, delayMs?: number): void;
  /** A timer handled by this component's onTimer; returns an id for cancelTimer. */
  setTimer(delayMs: number, type: string, data?: unknown): number;
  cancelTimer(id: number): void;
  /** Other components, for the few places a real cluster has a side channel (kubelet ↔ node). */
  component<T extends Component>(name: string): T | undefined;
}

export interface Component {
  readonly name: string;
  /** Called once when the cluster is built or restored: set up informers and handlers here. */
  start(ctx: ComponentContext): void;
  /** One work-queue key. */
  sync?(key: string): void;
  /**
   * After a restore, once the saved queues are back: queue what a save made before this
   * component existed lacks (a restore otherwise replays no work; client-go's initial list
   * would hand every object to the handlers).
   */
  restored?(): void;
  onTimer?(type: string, data: unknown): void;
  /** State not held in API objects (container processes, volume files...). Plain JSON. */
  save?(): unknown;
  /**
   * JSON.stringify(save()), exactly, for a component that can give it cheaper than building and
   * serialising its state again (e.g. from texts kept for parts that did not change).
   */
  saveJSON?(): string;
  /** `owned`: the state was parsed for this cluster alone and may be kept without a copy. */
  load?(state: unknown, owned?: boolean): void;
}
