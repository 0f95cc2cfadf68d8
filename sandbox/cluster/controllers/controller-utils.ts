// Helpers shared by the workload controllers, after kubernetes/kubernetes
// pkg/controller/controller_utils.go, pkg/controller/controller_ref_manager.go and
// pkg/api/v1/pod/util.go (IsPodReady, IsPodAvailable), plus the hashes of
// pkg/util/hash and apimachinery pkg/util/rand (SafeEncodeString).
import type { KubeObject } from '../api/client.ts';
import type { ApiServer } from '../api/server.ts';
import { ApiError } from '../api/errors.ts';
import { labelSelectorMatcher } from '../api/selectors.ts';
import { parseRFC3339 } from '../clock.ts';
import { clone } from '../api/clone.ts';
import type { LabelSelector, OwnerReference, Pod, PodCondition } from '../types.ts';

export interface GroupVersionKind {
  apiVersion: string;
  kind: string;
}

export const podKind: GroupVersionKind = { apiVersion: 'v1', kind: 'Pod' };

/** metav1.NewControllerRef: the owner reference a controller puts on what it creates. */
export function newControllerRef(owner: KubeObject, gvk: GroupVersionKind): OwnerReference {
  return {
    apiVersion: gvk.apiVersion, kind: gvk.kind, name: owner.metadata.name!, uid: owner.metadata.uid!,
    controller: true, blockOwnerDeletion: true,
  };
}

/** metav1.GetControllerOf: the owner reference marked controller, if any. */
export function getControllerOf(obj: KubeObject): OwnerReference | undefined {
  // A plain loop: asked of every pod in every sync of a large set.
  const refs = obj.metadata.ownerReferences;
  if (refs) for (const r of refs) if (r.controller === true) return r;
  return undefined;
}

export function isNotFound(e: unknown): boolean {
  return e instanceof ApiError && e.reason === 'NotFound';
}

export function isAlreadyExists(e: unknown): boolean {
  return e instanceof ApiError && e.reason === 'AlreadyExists';
}

export function isConflict(e: unknown): boolean {
  return e instanceof ApiError && e.reason === 'Conflict';
}

/** The text Go's err.Error() gives: an ApiError's Status message, or the Error's message. */
export function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/** utilerrors.NewAggregate(...).Error(): one error as itself, several as `[a, b]`. */
export function aggregate(errs: unknown[]): Error | undefined {
  if (!errs.length) return undefined;
  if (errs.length === 1) return errs[0] instanceof Error ? errs[0] : new Error(String(errs[0]));
  return new Error(`[${errs.map(errorText).join(', ')}]`);
}

/** metav1.LabelSelectorAsSelector then Matches; a missing selector matches nothing. */
export function selectorMatches(sel: LabelSelector | undefined, labels: Record<string, string> | undefined): boolean {
  if (!sel) return false;
  return labelSelectorMatcher(sel)(labels);
}

/** selectorMatches with the selector parsed once, to match many objects against it. */
export function selectorMatcher(sel: LabelSelector | undefined): (labels: Record<string, string> | undefined) => boolean {
  if (!sel) return () => false;
  return labelSelectorMatcher(sel);
}

// ---- pods -----------------------------------------------------------------------------------

export function getPodCondition(pod: Pod, type: string): PodCondition | undefined {
  const conditions = pod.status?.conditions;
  if (conditions) for (const c of conditions) if (c.type === type) return c;
  return undefined;
}

/** podutil.IsPodReady: the Ready condition is True. */
export function isPodReady(pod: Pod): boolean {
  return getPodCondition(pod, 'Ready')?.status === 'True';
}

/**
 * podutil.IsPodAvailable: Ready, and Ready for at least minReadySeconds (by the condition's
 * lastTransitionTime) at `now`.
 */
export function isPodAvailable(pod: Pod, minReadySeconds: number, now: number): boolean {
  if (!isPodReady(pod)) return false;
  if (!minReadySeconds) return true;
  const c = getPodCondition(pod, 'Ready');
  if (!c?.lastTransitionTime) return false;
  return parseRFC3339(c.lastTransitionTime) + minReadySeconds * 1000 <= now;
}

/** controller.IsPodActive: not Succeeded, not Failed, not being deleted. */
export function isPodActive(pod: Pod): boolean {
  const phase = pod.status?.phase;
  return phase !== 'Succeeded' && phase !== 'Failed' && !pod.metadata.deletionTimestamp;
}

/**
 * controller.GetPodFromTemplate: a pod from a template with the template's labels, annotations
 * and finalizers, `generateName: <parent>-` and the controller reference.
 */
export function getPodFromTemplate(template: any, parent: KubeObject, controllerRef: OwnerReference | undefined): Pod {
  const t = clone(template ?? {});
  const meta = t.metadata ?? {};
  const pod: Pod = {
    apiVersion: 'v1', kind: 'Pod',
    metadata: {
      generateName: `${parent.metadata.name}-`,
      namespace: parent.metadata.namespace,
    },
    spec: t.spec ?? { containers: [] },
  };
  if (meta.labels) pod.metadata.labels = { ...meta.labels };
  if (meta.annotations) pod.metadata.annotations = { ...meta.annotations };
  if (meta.finalizers) pod.metadata.finalizers = [...meta.finalizers];
  if (controllerRef) pod.metadata.ownerReferences = [controllerRef];
  return pod;
}

/**
 * getPodFromTemplate without the deep copy: the pod's metadata, labels, annotations, finalizers
 * and spec object are its own, but what the spec holds (containers, volumes...) is the
 * template's. For a pod that is built, read and handed to create() (which copies what it
 * stores), from a template of plain JSON (as the API stores it): the pod is then the same
 * JSON as getPodFromTemplate's.
 */
export function podFromTemplateSharing(template: any, parent: KubeObject, controllerRef: OwnerReference | undefined): Pod {
  const meta = template?.metadata ?? {};
  const pod: Pod = {
    apiVersion: 'v1', kind: 'Pod',
    metadata: {
      generateName: `${parent.metadata.name}-`,
      namespace: parent.metadata.namespace,
    },
    spec: template?.spec == null ? { containers: [] } : typeof template.spec === 'object' ? { ...template.spec } : template.spec,
  };
  if (meta.labels) pod.metadata.labels = { ...meta.labels };
  if (meta.annotations) pod.metadata.annotations = { ...meta.annotations };
  if (meta.finalizers) pod.metadata.finalizers = [...meta.finalizers];
  if (controllerRef) pod.metadata.ownerReferences = [controllerRef];
  return pod;
}

// ---- ControllerRefManager -------------------------------------------------------------------

/**
 * ClaimObjects of pkg/controller/controller_ref_manager.go: keeps what the controller owns and
 * still selects, releases what it owns but no longer selects, adopts matching orphans (unless
 * the controller is being deleted). Adoption and release go through the API as patches.
 */
export function claimObjects<T extends KubeObject>(
  api: ApiServer, resource: string, controller: KubeObject, gvk: GroupVersionKind,
  candidates: T[], match: (o: T) => boolean, canAdopt: () => boolean,
): T[] {
  const claimed: T[] = [];
  const errs: unknown[] = [];
  for (const o of candidates) {
    const ref = getControllerOf(o);
    if (ref) {
      if (ref.uid !== controller.metadata.uid) continue; // someone else's
      if (match(o)) {
        claimed.push(o);
        continue;
      }
      if (controller.metadata.deletionTimestamp) continue; // don't release while the owner goes
      try {
        const refs = (o.metadata.ownerReferences ?? []).filter((r) => r.uid !== controller.metadata.uid);
        api.patch(resource, o.metadata.namespace, o.metadata.name!, { metadata: { ownerReferences: refs.length ? refs : null, uid: o.metadata.uid } }, 'merge');
      } catch (e) {
        if (!isNotFound(e)) errs.push(e);
      }
      continue;
    }
    if (controller.metadata.deletionTimestamp || !match(o) || o.metadata.deletionTimestamp) continue;
    if (!canAdopt()) continue;
    try {
      const refs = [...(o.metadata.ownerReferences ?? []), newControllerRef(controller, gvk)];
      const adopted = api.patch<T>(resource, o.metadata.namespace, o.metadata.name!, { metadata: { ownerReferences: refs, uid: o.metadata.uid } }, 'merge');
      claimed.push(adopted);
    } catch (e) {
      if (!isNotFound(e)) errs.push(e);
    }
  }
  const err = aggregate(errs);
  if (err) throw err;
  return claimed;
}

// ---- hashing --------------------------------------------------------------------------------

/** FNV-1 32-bit (Go's hash/fnv New32) over the UTF-8 bytes of s. */
export function fnv32(s: string): number {
  let h = 0x811c9dc5;
  if (ASCII.test(s)) {
    // ASCII (a revision's JSON, usually) is its own UTF-8: no byte array needed.
    for (let i = 0; i < s.length; i++) {
      h = Math.imul(h, 0x01000193) >>> 0;
      h = (h ^ s.charCodeAt(i)) >>> 0;
    }
    return h >>> 0;
  }
  for (const b of utf8(s)) {
    h = Math.imul(h, 0x01000193) >>> 0;
    h = (h ^ b) >>> 0;
  }
  return h >>> 0;
}

/** FNV-1a 32-bit (Go's hash/fnv New32a) over the UTF-8 bytes of s. */
export function fnv32a(s: string): number {
  let h = 0x811c9dc5;
  for (const b of utf8(s)) {
    h = (h ^ b) >>> 0;
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

const ASCII = /^[\x00-\x7f]*$/;

/** UTF-8 bytes (no TextEncoder: the core has no DOM or Node typings). */
function utf8(s: string): number[] {
  const out: number[] = [];
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (c < 0x80) out.push(c);
    else if (c < 0x800) out.push(0xc0 | (c >> 6), 0x80 | (c & 63));
    else if (c < 0x10000) out.push(0xe0 | (c >> 12), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
    else out.push(0xf0 | (c >> 18), 0x80 | ((c >> 12) & 63), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
  }
  return out;
}

const ALPHANUMS = 'bcdfghjklmnpqrstvwxz2456789';

/**
 * apimachinery rand.SafeEncodeString: each byte mapped into an alphabet without vowels, so a
 * hash never spells a word. Applied to a decimal number it yields only `4-9 b c d f`.
 */
export function safeEncodeString(s: string): string {
  let out = '';
  for (const b of utf8(s)) out += ALPHANUMS[b % ALPHANUMS.length];
  return out;
}

/** JSON with object keys sorted at every level, as Go's json.Marshal of a map writes it. */
export function stableStringify(v: unknown): string {
  if (v === null || typeof v !== 'object') return JSON.stringify(v) ?? 'null';
  if (Array.isArray(v)) return `[${v.map((x) => (x === undefined ? 'null' : stableStringify(x))).join(',')}]`;
  const o = v as Record<string, unknown>;
  const keys = Object.keys(o).filter((k) => o[k] !== undefined).sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${stableStringify(o[k])}`).join(',')}}`;
}

// ---- retries --------------------------------------------------------------------------------

/**
 * client-go's default controller rate limiter, per key: 5 ms doubling up to 1000 s. The counts
 * are plain JSON so a snapshot restores them.
 */
export class RateLimiter {
  failures: Record<string, number> = {};

  when(key: string): number {
    const n = this.failures[key] ?? 0;
    this.failures[key] = n + 1;
    return Math.min(5 * 2 ** n, 1_000_000);
  }

  forget(key: string): void {
    delete this.failures[key];
  }
}

/** Ordinal of a sortable object key, for deterministic iteration. */
export function byName<T extends KubeObject>(a: T, b: T): number {
  const x = a.metadata.name ?? '';
  const y = b.metadata.name ?? '';
  return x < y ? -1 : x > y ? 1 : 0;
}

/**
 * Coalesces event-driven syncs of one key. The event loop settles after every timer, so a burst
 * (a thousand pods turning Ready at the same instant) would sync a large set once per pod:
 * quadratic. The first `limit` syncs of a key in an instant run at once; later events in that
 * instant get one sync after the instant's other timers (a 0 ms timer). A real controller's
 * work queue coalesces the same way while a sync runs.
 *
 * With a `budget`, the same holds across instants for large keys: a sync reports its cost (the
 * pods it looked at), and once a key has spent `budget.cost` in the current window of
 * `budget.windowMs` of virtual time, further events wait for one sync at the window's end. A
 * real controller's sync of a thousand pods takes time too, and the events that arrive
 * meanwhile collapse into one queued key. Small keys never reach the budget, so they sync at
 * once. Plain JSON.
 */
export class InstantCoalescer {
  at = -1;
  counts: Record<string, number> = {};
  deferred: Record<string, true> = {};
  /** Cost spent per key in the window that starts at `windowStart`. */
  windowStart = -1;
  spent: Record<string, number> = {};
  readonly limit: number;
  readonly budget?: { windowMs: number; cost: number };

  constructor(limit = 20, budget?: { windowMs: number; cost: number }) {
    this.limit = limit;
    this.budget = budget;
  }

  /** On an event for key: enqueue now, or (over budget) once at the end of this instant or window. */
  enqueue(ctx: { enqueue(k: string): void; setTimer(ms: number, type: string, data?: unknown): number; clock: { now(): number } }, key: string): void {
    const now = ctx.clock.now();
    this.roll(now);
    if (this.budget && (this.spent[key] ?? 0) >= this.budget.cost) {
      if (this.deferred[key]) return;
      this.deferred[key] = true;
      ctx.setTimer(this.windowStart + this.budget.windowMs - now, 'coalesced-sync', key);
      return;
    }
    if ((this.counts[key] ?? 0) < this.limit) return ctx.enqueue(key);
    if (this.deferred[key]) return;
    this.deferred[key] = true;
    ctx.setTimer(0, 'coalesced-sync', key);
  }

  /** Call at the start of each sync. */
  synced(now: number, key: string): void {
    this.roll(now);
    this.counts[key] = (this.counts[key] ?? 0) + 1;
  }

  /** What a sync of key cost (e.g. the number of pods it looked at), against the budget. */
  spend(key: string, cost: number): void {
    if (this.budget) this.spent[key] = (this.spent[key] ?? 0) + cost;
  }

  /** Call from onTimer('coalesced-sync', key). */
  fired(key: string): void {
    delete this.deferred[key];
  }

  save(): unknown {
    return this.budget
      ? { at: this.at, counts: this.counts, deferred: this.deferred, windowStart: this.windowStart, spent: this.spent }
      : { at: this.at, counts: this.counts, deferred: this.deferred };
  }

  load(s: unknown): void {
    const v = s as { at?: number; counts?: Record<string, number>; deferred?: Record<string, true>; windowStart?: number; spent?: Record<string, number> } | undefined;
    this.at = v?.at ?? -1;
    this.counts = { ...(v?.counts ?? {}) };
    this.deferred = { ...(v?.deferred ?? {}) };
    this.windowStart = v?.windowStart ?? -1;
    this.spent = { ...(v?.spent ?? {}) };
  }

  private roll(now: number): void {
    if (this.at !== now) {
      this.at = now;
      this.counts = {};
    }
    if (this.budget) {
      const start = now - (now % this.budget.windowMs);
      if (start !== this.windowStart) {
        this.windowStart = start;
        this.spent = {};
      }
    }
  }
}
