// Events do not live forever: kube-apiserver stores each Event with an etcd lease of --event-ttl
// (default 1 h, renewed by every write), and etcd removes it when the lease runs out; watchers
// see it DELETED. Leases are shared between writes within --lease-reuse-duration-seconds (60 s),
// so Events go in batches, at most a minute after their hour is up. This keeps a long session's
// Event store bounded (it is capped at DEFAULT_OBJECT_LIMITS.events; a full store drops new
// Events). Sources: kubernetes/kubernetes cmd/kube-apiserver/app/options (EventTTL 1 h),
// pkg/registry/core/event/storage/storage.go (TTLFunc), apiserver pkg/storage/etcd3/lease_manager.go.
import type { Component, ComponentContext } from './component.ts';
import type { KubeObject } from './api/client.ts';
import { keyOf } from './informers.ts';
import { parseRFC3339 } from './clock.ts';

export const EVENT_TTL_MS = 60 * 60_000;
export const LEASE_REUSE_MS = 60_000;

interface EventTTLState {
  /** When the pending expiry timer fires (virtual ms), and its id. */
  at?: number;
  timer?: number;
}

export class EventTTL implements Component {
  readonly name = 'event-ttl';
  private ctx!: ComponentContext;
  private state: EventTTLState = {};
  private expiries = new WeakMap<object, number>();

  start(ctx: ComponentContext): void {
    this.ctx = ctx;
    // A plain watch, not an informer: no cache of every Event to fill at start (a restore leaves
    // the Events unparsed until something reads them), and only new writes matter here.
    ctx.api.watch('events', undefined, {}, (ev) => {
      if (ev.type === 'DELETED') return;
      // A write's lease never ends before one already pending (expiry follows the write time,
      // creationTimestamp included, and writes happen now): only arm when nothing is pending.
      const now = this.ctx.clock.now();
      if (this.state.at !== undefined && this.state.at >= now) return;
      this.arm(this.expiry(ev.object));
    });
  }

  /** The end of the lease of the Event's last write: last write + TTL, rounded up to the lease's minute. */
  private expiry(e: KubeObject): number {
    let at = this.expiries.get(e);
    if (at !== undefined) return at;
    const written = Math.max(...[e.metadata.creationTimestamp, e.lastTimestamp, e.eventTime, e.series?.lastObservedTime]
      .map((t) => (typeof t === 'string' ? parseRFC3339(t) : NaN))
      .filter((t) => Number.isFinite(t)), 0);
    at = Math.ceil((written + EVENT_TTL_MS) / LEASE_REUSE_MS) * LEASE_REUSE_MS;
    this.expiries.set(e, at);
    return at;
  }

  private arm(at: number): void {
    const now = this.ctx.clock.now();
    if (this.state.at !== undefined && this.state.at <= at && this.state.at >= now) return;
    if (this.state.timer !== undefined) this.ctx.cancelTimer(this.state.timer);
    this.state.at = Math.max(at, now);
    this.state.timer = this.ctx.setTimer(this.state.at - now, 'expire');
  }

  onTimer(type: string): void {
    if (type !== 'expire') return;
    this.state = {};
    const now = this.ctx.clock.now();
    let next = Infinity;
    const expired: KubeObject[] = [];
    for (const e of this.ctx.api.peekAll('events')) {
      const at = this.expiry(e);
      if (at <= now) expired.push(e);
      else if (at < next) next = at;
    }
    expired.sort((a, b) => (keyOf(a) < keyOf(b) ? -1 : 1));
    for (const e of expired) {
      try {
        this.ctx.api.delete('events', e.metadata.namespace, e.metadata.name!, { preconditions: { resourceVersion: e.metadata.resourceVersion } });
      } catch {
        // Rewritten meanwhile (a new lease) or already gone.
      }
    }
    if (next !== Infinity) this.arm(next);
  }

  save(): EventTTLState {
    return { ...this.state };
  }

  load(state: unknown): void {
    this.state = { ...((state as EventTTLState | undefined) ?? {}) };
  }
}
