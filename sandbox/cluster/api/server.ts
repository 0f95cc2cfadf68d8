// The simulated kube-apiserver: an in-memory store with the generic registry behaviour of
// kubernetes/kubernetes staging/src/k8s.io/apiserver/pkg/registry/generic/registry/store.go
// (resourceVersion, uid, creationTimestamp, generation, graceful deletion, finalizers) and
// watch streams. Per-kind defaulting and validation come in as Strategies.
import type {
  ApiClient, DeleteOptions, Subresource, KubeObject, ListOptions, ListResult, PatchType, Unsubscribe, WatchEvent, WatchOptions, WriteOptions,
} from './client.ts';
import { alreadyExists, ApiError, badRequest, conflict, expired, forbidden, invalid, notFound, tooManyRequests, type FieldError } from './errors.ts';
import { apiVersionOf, resourceInfo, type ResourceInfo } from './resources.ts';
import { decodeBody, decodeFields, strictDecodingError } from './strict-fields.ts';
import { goJsonMarshal } from './go-json.ts';
import { goSprint } from './go-sprint.ts';
import { formatLabelSelector, matchFields, matchRequirements, parseFieldSelector, parseLabelSelector, checkFieldSelector } from './selectors.ts';
import { deepEqual } from './field.ts';
import { validateObjectMetaUpdate } from './validation/names.ts';
import type { Strategies, StrategyContext } from './strategy.ts';
import { clone, cloneSharingStored, deepFreeze } from './clone.ts';
import { applyPatch } from './patch.ts';
import type { Random } from '../random.ts';
import type { VirtualClock } from '../clock.ts';
import { mixedHash } from './defaults/mixed-hash.ts';

interface Watcher {
  id: number;
  resource: string;
  namespace?: string;
  matchLabels: (o: KubeObject) => boolean;
  matchFields: (o: KubeObject) => boolean;
  onEvent: (ev: WatchEvent) => void;
  /** The resourceVersion when the watch began: later events are live, earlier ones replayed. */
  startRv: number;
}

interface LoggedEvent {
  rv: number;
  resource: string;
  ev: WatchEvent;
  /** The object before a MODIFIED, so a filtered watch can turn it into ADDED or DELETED. */
  prev?: KubeObject;
}

/** Most objects of one resource the simulator keeps, so a tab stays responsive. */
export const DEFAULT_OBJECT_LIMITS: Record<string, number> = { pods: 5000, persistentvolumeclaims: 5000, persistentvolumes: 5000, events: 5000 };

/** How many past watch events are kept for `watch?resourceVersion=N` (older: 410 Gone). */
const EVENT_LOG_SIZE = 10000;

/** Write options only the simulator's own components use (never a client's request). */
export interface InternalWriteOptions {
  /**
   * Return the stored object itself (frozen) instead of a copy, for a caller that ignores the
   * result or only reads it: a controller writing a thousand pods' statuses should not pay a
   * deep copy of each pod it never looks at. Writing to the result throws (it is frozen).
   */
  sharedResult?: boolean;
  /**
   * The body's frozen parts are stored parts (or parts its writer froze because it never changes
   * them): keep them as they are instead of copying them. A controller that rewrites a
   * thousand-address object each time a pod changes sends mostly the parts it sent before. Only
   * for resources whose strategy leaves nested parts of the body alone (a frozen part cannot be
   * defaulted in place).
   */
  shareFrozen?: boolean;
  /**
   * Derive the new object's uid from this text instead of drawing it from the seeded random
   * stream: for what the control plane makes on its own in every namespace (the `default`
   * ServiceAccount, the kube-root-ca.crt ConfigMap), so that adding them shifts none of the
   * uids and generated names the learner's objects get. It looks as random as any other.
   */
  uidFrom?: string;
}

export interface ApiServerState {
  resourceVersion: number;
  objects: Record<string, KubeObject[]>;
}

/**
 * Where each resource's objects lie in a text saveJSON wrote: [start, end) of its JSON array,
 * counted from the text's start.
 */
export type SavedSpans = Record<string, [number, number]>;

export class ApiServer implements ApiClient {
  private stores = new Map<string, ObjectStore>();
  /**
   * Resources restored as text and not read since (load's `lazy`): the JSON array of their
   * objects, parsed when something first reads or writes them.
   */
  private lazy = new Map<string, string>();
  private onParsed: ((resource: string) => void) | undefined;
  private rv = 0;
  private watchers: Watcher[] = [];
  // The same watchers by resource, so a watch event is offered only to the watches of its
  // resource. Arrays are replaced, never changed in place: a delivery loop keeps the list it
  // started with when a handler starts or stops a watch.
  private watchersByResource = new Map<string, Watcher[]>();
  private watchersById = new Map<number, Watcher>();
  private nextWatcherId = 1;
  private pending: LoggedEvent[] = [];
  private log: LoggedEvent[] = [];
  private readonly ctx: StrategyContext;
  private readonly strategies: Strategies;
  private readonly clock: VirtualClock;
  private readonly random: Random;
  private readonly limits: Record<string, number>;

  constructor(opts: { clock: VirtualClock; random: Random; strategies: Strategies; limits?: Record<string, number> }) {
    this.clock = opts.clock;
    this.random = opts.random;
    this.strategies = opts.strategies;
    this.limits = opts.limits ?? DEFAULT_OBJECT_LIMITS;
    this.ctx = {
      now: '',
      resourceVersion: 0,
      admissionName: '',
      peek: (r, ns, n) => this.store(r).get(key(ns, n)),
      peekList: (r, ns) => [...this.store(r).values()].filter((o) => !ns || o.metadata.namespace === ns),
    };
  }

  // ---- reads -------------------------------------------------------------------------------

  get<T extends KubeObject>(resource: string, namespace: string | undefined, name: string): T {
    const info = this.info(resource);
    const obj = this.store(resource).get(key(info.namespaced ? namespace : undefined, name));
    if (!obj) throw notFound(info, name);
    return clone(obj) as T;
  }

  list<T extends KubeObject>(resource: string, namespace?: string, opts: ListOptions = {}): ListResult<T> {
    const info = this.info(resource);
    const ml = this.labelMatcher(opts.labelSelector);
    const mf = this.fieldMatcher(resource, opts.fieldSelector);
    // etcd returns keys in lexical order of /registry/<resource>/<namespace>/<name>.
    const store = this.store(resource);
    let items = store.sortedKeys().map((k) => store.get(k)!)
      .filter((o) => (!info.namespaced || !namespace || o.metadata.namespace === namespace) && ml(o) && mf(o));
    if (opts.limit && opts.limit > 0) items = items.slice(0, opts.limit);
    return { apiVersion: apiVersionOf(info), kind: `${info.kind}List`, metadata: { resourceVersion: String(this.rv) }, items: items.map((o) => clone(o) as T) };
  }

  /** Read without copying; for the simulator's own components only (never hand it to a client). */
  peek(resource: string, namespace: string | undefined, name: string): KubeObject | undefined {
    return this.store(resource).get(key(namespace, name));
  }

  peekAll(resource: string): IterableIterator<KubeObject> {
    return this.store(resource).values();
  }

  /** Whether creating one more object of this resource would exceed the lab's object limit. */
  isFull(resource: string): boolean {
    const limit = this.limits[resource];
    return limit !== undefined && this.store(resource).size >= limit;
  }

  resourceVersion(): number {
    return this.rv;
  }

  // ---- writes ------------------------------------------------------------------------------

  create<T extends KubeObject>(resource: string, namespace: string | undefined, input: T, opts: WriteOptions & InternalWriteOptions = {}): T {
    const info = this.info(resource);
    if (!input || typeof input !== 'object' || Array.isArray(input)) throw badRequest('the body of the request was in an unknown format');
    const obj = clone(input) as KubeObject;
    this.decodeRequestBody(info, obj, opts);
    obj.metadata = obj.metadata && typeof obj.metadata === 'object' ? obj.metadata : {};
    obj.apiVersion = apiVersionOf(info);
    obj.kind = info.kind;
    const ns = this.resolveNamespace(info, namespace, obj);
    // Server-owned metadata a client may not set.
    const m = obj.metadata;
    for (const f of ['uid', 'resourceVersion', 'creationTimestamp', 'deletionTimestamp', 'deletionGracePeriodSeconds', 'generation', 'selfLink'] as const) delete (m as any)[f];
    this.ctx.admissionName = m.name || m.generateName || '';
    if (!m.name && m.generateName) {
      // Source: apiserver pkg/storage/names/generate.go: 5 random chars from the safe alphabet.
      m.name = `${m.generateName}${this.random.string(5)}`;
    }
    // NamespaceLifecycle admission comes before validation.
    if (ns && resource !== 'namespaces') {
      const nsObj = this.peek('namespaces', undefined, ns);
      if (!nsObj) throw notFound(this.info('namespaces'), ns);
      if (nsObj.metadata.deletionTimestamp) {
        throw forbidden(`${info.resource} "${m.name ?? ''}" is forbidden: unable to create new content in namespace ${ns} because it is being terminated`, info, m.name);
      }
    }
    const strategy = this.strategies[resource] ?? {};
    this.ctx.now = this.clock.nowISO();
    this.ctx.resourceVersion = this.rv;
    const allocErrs = strategy.prepareForCreate?.(obj, this.ctx) ?? [];
    const errs = strategy.validate?.(obj, this.ctx) ?? [];
    if (errs.length) throw invalid(info.kind, info.group, m.name ?? '', errs);
    if (allocErrs.length) throw invalid(info.kind, info.group, m.name ?? '', allocErrs);
    const store = this.store(resource);
    const k = key(ns, m.name!);
    // ResourceQuota is a validating admission plugin: after validation, before storage.
    const limit = this.limits[resource];
    if (limit !== undefined && store.size >= limit && !store.has(k)) {
      throw forbidden(`${info.resource} "${this.ctx.admissionName}" is forbidden: exceeded quota: lab-limits, requested: ${info.resource}=1, used: ${info.resource}=${store.size}, limited: ${info.resource}=${limit}`, info, this.ctx.admissionName);
    }
    if (store.has(k)) throw alreadyExists(info, m.name!);
    // FillObjectMetaSystemFields and the strategy's generation come first: a dry run shows them
    // too (with no resourceVersion).
    m.uid = opts.uidFrom !== undefined ? hashedUuid(opts.uidFrom) : this.uuid();
    m.creationTimestamp = this.ctx.now;
    if (strategy.tracksGeneration) m.generation = 1;
    if (opts.dryRun) return clone(obj) as T;
    m.resourceVersion = String(++this.rv);
    store.set(k, obj);
    this.emit(resource, 'ADDED', obj);
    return (opts.sharedResult ? obj : clone(obj)) as T;
  }

  /**
   * The body (a copy) decoded as the client asked (strict-fields.ts): a value of the wrong type
   * is a BadRequest; so is, under Strict, a field its type lacks; under Warn or Ignore such
   * fields are dropped, as decoding into the API's Go types drops them.
   */
  private decodeRequestBody(info: ResourceInfo, obj: KubeObject, opts: WriteOptions): void {
    if (!opts.fieldValidation) return;
    const { refusal, dropped } = decodeBody(info.kind, info.version, obj, opts.fieldValidation);
    if (refusal) throw badRequest(refusal);
    if (opts.fieldValidation === 'Warn') opts.warnings?.push(...dropped.map((p) => `unknown field "${p}"`));
  }

  update<T extends KubeObject>(resource: string, namespace: string | undefined, input: T, opts: WriteOptions & InternalWriteOptions & { subresource?: Subresource } = {}): T {
    const info = this.info(resource);
    if (opts.subresource === 'scale') return this.updateScale(info, namespace, input, { dryRun: opts.dryRun, fieldManager: opts.fieldManager }) as unknown as T;
    if (opts.subresource === 'binding') return this.bind(info, namespace, input, opts.sharedResult) as T;
    if (!input || typeof input !== 'object' || Array.isArray(input)) throw badRequest('the body of the request was in an unknown format');
    // A status or finalize write keeps only the new status (or finalizers) and metadata
    // preconditions of the body: the rest of it is not worth copying.
    const partial = opts.subresource === 'status' || opts.subresource === 'finalize';
    // A status (or finalize) write's new status is only validated and stored, never changed: its
    // frozen parts, carried over from the stored object, are shared rather than copied.
    let obj = (partial ? { ...input, metadata: clone(input.metadata), status: cloneSharingStored(input.status) } : opts.shareFrozen ? cloneSharingStored(input) : clone(input)) as KubeObject;
    if (!partial) this.decodeRequestBody(info, obj, opts);
    obj.metadata = obj.metadata && typeof obj.metadata === 'object' ? obj.metadata : {};
    const ns = info.namespaced ? (obj.metadata.namespace ?? namespace ?? 'default') : undefined;
    if (info.namespaced && namespace && obj.metadata.namespace && namespace !== obj.metadata.namespace) {
      throw badRequest('the namespace of the provided object does not match the namespace sent on the request');
    }
    const name = obj.metadata.name ?? '';
    const store = this.store(resource);
    const old = store.get(key(ns, name));
    if (!old) throw notFound(info, name);
    if (obj.metadata.resourceVersion && obj.metadata.resourceVersion !== old.metadata.resourceVersion) {
      throw conflict(info, name, 'the object has been modified; please apply your changes to the latest version and try again');
    }
    if (obj.metadata.uid && obj.metadata.uid !== old.metadata.uid) {
      throw conflict(info, name, `Precondition failed: UID in precondition: ${obj.metadata.uid}, UID in object meta: ${old.metadata.uid}`);
    }
    obj.apiVersion = apiVersionOf(info);
    obj.kind = info.kind;
    const strategy = this.strategies[resource] ?? {};
    this.ctx.now = this.clock.nowISO();
    // Server-owned metadata is carried over whatever the client sent (BeforeUpdate).
    const m = obj.metadata;
    m.namespace = ns;
    m.uid = old.metadata.uid;
    m.creationTimestamp = old.metadata.creationTimestamp;
    // Assigned only when there is one: adding a property and deleting it again would turn the
    // stored metadata into a slow dictionary-mode object (slower to read, copy and stringify).
    if (old.metadata.generation !== undefined) m.generation = old.metadata.generation;
    else delete m.generation;
    if (old.metadata.deletionTimestamp) {
      m.deletionTimestamp = old.metadata.deletionTimestamp;
      m.deletionGracePeriodSeconds = old.metadata.deletionGracePeriodSeconds;
    } else {
      delete m.deletionTimestamp;
      delete m.deletionGracePeriodSeconds;
    }
    let errs: FieldError[];
    if (opts.subresource === 'status' || opts.subresource === 'finalize') {
      // A status write changes only .status (ResetObjectMetaForStatus; spec from the old object).
      // A finalize write (namespaces) changes only spec.finalizers.
      // The new object shares the stored one's frozen parts that do not change (spec, and
      // metadata's labels, ownerReferences...): stored objects are never changed in place, and
      // watchers can tell an unchanged part by identity. Only metadata's top level is new (it
      // gets a resourceVersion).
      const next: KubeObject = { ...old, metadata: { ...old.metadata } };
      if (opts.subresource === 'status') {
        next.status = obj.status;
        if (obj.metadata.labels !== undefined && resource === 'nodes') next.metadata.labels = obj.metadata.labels;
        errs = strategy.validateStatusUpdate?.(next, old, this.ctx) ?? [];
      } else {
        if (resource !== 'namespaces') throw notFound(info, name);
        next.spec = { ...(next.spec ?? {}), finalizers: clone(obj.spec?.finalizers) ?? [] };
        if (!next.spec.finalizers.length) delete next.spec.finalizers;
        errs = [];
      }
      // The new object itself, not its fields copied into `obj` after deleting obj's: deleting
      // every property leaves a dictionary-mode object, slow to read, copy and stringify.
      obj = next;
    } else {
      if (strategy.hasStatusSubresource) obj.status = clone(old.status);
      strategy.prepareForUpdate?.(obj, old, this.ctx);
      errs = strategy.validateUpdate ? strategy.validateUpdate(obj, old, this.ctx) : validateObjectMetaUpdate(obj, old);
      // The strategies' PrepareForUpdate: a spec change bumps metadata.generation.
      if (strategy.tracksGeneration && !deepEqual(obj.spec, old.spec)) obj.metadata.generation = (old.metadata.generation ?? 0) + 1;
    }
    if (errs.length) throw invalid(info.kind, info.group, name, errs);
    if (opts.dryRun) return clone(obj) as T;
    // Nothing changed: no new resourceVersion, no event (the API server skips no-op updates).
    obj.metadata.resourceVersion = old.metadata.resourceVersion;
    // Most writes change the status: comparing it first settles most of them without walking
    // the whole object.
    if (deepEqual(obj.status, old.status) && deepEqual(obj, old)) return (opts.sharedResult ? old : clone(old)) as T;
    obj.metadata.resourceVersion = String(++this.rv);
    // A terminating object whose last finalizer went away is removed now, unless it still
    // waits out a grace period (store.go shouldDeleteDuringUpdate).
    if (this.finished(resource, obj, old)) {
      store.delete(key(ns, name));
      this.emit(resource, 'DELETED', obj);
      return (opts.sharedResult ? obj : clone(obj)) as T;
    }
    store.set(key(ns, name), obj);
    this.emit(resource, 'MODIFIED', obj, old);
    return (opts.sharedResult ? obj : clone(obj)) as T;
  }

  patch<T extends KubeObject>(resource: string, namespace: string | undefined, name: string, patch: unknown, type: PatchType, opts: WriteOptions & { subresource?: Subresource } = {}): T {
    const info = this.info(resource);
    if (opts.subresource === 'scale') {
      const scale = this.getScale(info, namespace, name);
      const next = applyPatch(scale, patch, type, resource);
      return this.updateScale(info, namespace, next, { dryRun: opts.dryRun, fieldManager: opts.fieldManager }) as unknown as T;
    }
    const current = this.get(resource, namespace, name);
    const next = applyPatch(current, patch, type, resource);
    if (!next || typeof next !== 'object') throw badRequest('the body of the request was in an unknown format');
    // The patched object is decoded into its Go type (handlers/patch.go applyPatchToObject): a
    // value of the wrong type, or under Strict an unknown field, makes the request Invalid on the
    // field "patch", whose value is the patch map (%+v) for a strategic merge patch and the
    // patched JSON for the others. Otherwise unknown fields are dropped, and under Warn (the
    // default when the client names no fieldValidation) each is a warning.
    const strict = opts.fieldValidation === 'Strict';
    const decoded = decodeFields(info.kind, next, strict);
    const refusal = decoded.typeError ?? (strict && decoded.unknown.length ? strictDecodingError(decoded.unknown) : undefined);
    if (refusal) {
      const shown = type === 'strategic' ? goSprint(patch) : goJsonMarshal(next);
      throw invalid('', '', '', [{ field: 'patch', type: 'Invalid', value: JSON.stringify(shown), detail: refusal }]);
    }
    if (opts.warnings && opts.fieldValidation !== 'Ignore') opts.warnings.push(...decoded.unknown.map((p) => `unknown field "${p}"`));
    if (!next.metadata || next.metadata.name !== name) {
      throw badRequest(`the name of the object (${next.metadata?.name ?? ''}) does not match the name on the URL (${name})`);
    }
    // A patch applies to what is there now: no resourceVersion precondition unless the patch set one.
    const patchRv = (patch as any)?.metadata?.resourceVersion;
    if (!patchRv) next.metadata.resourceVersion = current.metadata.resourceVersion;
    return this.update(resource, namespace, next as T, opts);
  }

  /**
   * Deletion as the generic registry does it (staging/src/k8s.io/apiserver/pkg/registry/rest/
   * delete.go BeforeDelete, registry/generic/registry/store.go Delete,
   * deletionFinalizersForGarbageCollection, markAsDeleting): graceful for pods, a shorter grace
   * period may still be applied to a terminating pod, propagationPolicy becomes the `orphan` or
   * `foregroundDeletion` finalizer the garbage collector acts on, and an object with finalizers
   * only gets a deletionTimestamp.
   */
  delete<T extends KubeObject>(resource: string, namespace: string | undefined, name: string, opts: DeleteOptions = {}): T {
    const info = this.info(resource);
    const ns = info.namespaced ? namespace ?? 'default' : undefined;
    const store = this.store(resource);
    const k = key(ns, name);
    const old = store.get(k);
    if (!old) throw notFound(info, name);
    if (opts.preconditions?.uid && opts.preconditions.uid !== old.metadata.uid) {
      throw conflict(info, name, `Precondition failed: UID in precondition: ${opts.preconditions.uid}, UID in object meta: ${old.metadata.uid}`);
    }
    if (opts.preconditions?.resourceVersion && opts.preconditions.resourceVersion !== old.metadata.resourceVersion) {
      throw conflict(info, name, `Precondition failed: ResourceVersion in precondition: ${opts.preconditions.resourceVersion}, ResourceVersion in object meta: ${old.metadata.resourceVersion}`);
    }
    const strategy = this.strategies[resource] ?? {};
    // Deletion only changes metadata (and a namespace's status, replaced whole): a copy of the
    // top and of metadata is enough; the rest stays shared with the frozen stored object.
    const obj: KubeObject = { ...old, metadata: { ...old.metadata } };
    const m = obj.metadata;
    const now = this.clock.nowISO();
    if (resource === 'namespaces' && obj.spec?.finalizers?.length) return this.deleteNamespace(obj, now, opts) as T;
    // BeforeDelete.
    const requested = opts.gracePeriodSeconds === undefined ? undefined : opts.gracePeriodSeconds < 0 ? 1 : opts.gracePeriodSeconds;
    if (strategy.gracePeriod) {
      if (m.deletionTimestamp) {
        const current = m.deletionGracePeriodSeconds ?? 0;
        if (current > 0) {
          // Graceful deletion pending: only a shorter grace period changes anything.
          if (requested === undefined || requested >= current) return clone(old) as T;
          m.deletionTimestamp = toIsoPlus(m.deletionTimestamp, requested - current);
          m.deletionGracePeriodSeconds = requested;
        }
      } else {
        const period = strategy.gracePeriod(obj, requested);
        m.deletionTimestamp = toIsoPlus(now, period);
        m.deletionGracePeriodSeconds = period;
        if (m.generation) m.generation += 1;
      }
    }
    // deletionFinalizersForGarbageCollection.
    const before = m.finalizers ?? [];
    const policy = opts.propagationPolicy;
    const orphan = policy === 'Orphan' || (!policy && before.includes('orphan') && !before.includes('foregroundDeletion'));
    const foreground = policy === 'Foreground' || (!policy && before.includes('foregroundDeletion'));
    const finalizers = before.filter((f: string) => f !== 'orphan' && f !== 'foregroundDeletion');
    if (orphan) finalizers.push('orphan');
    if (foreground) finalizers.push('foregroundDeletion');
    if (!sameSet(finalizers, before)) m.finalizers = finalizers;
    if (!m.finalizers?.length) delete m.finalizers;
    const pendingFinalizers = (m.finalizers?.length ?? 0) > 0;
    if (pendingFinalizers && !m.deletionTimestamp) {
      // markAsDeleting: a kind without graceful deletion waits on its finalizers.
      if (m.generation) m.generation += 1;
      m.deletionTimestamp = now;
      m.deletionGracePeriodSeconds = 0;
    }
    if (opts.dryRun) return clone(obj) as T;
    m.resourceVersion = String(++this.rv);
    if (!pendingFinalizers && !(m.deletionGracePeriodSeconds ?? 0)) {
      store.delete(k);
      this.emit(resource, 'DELETED', obj);
      return clone(obj) as T;
    }
    if (deepEqual({ ...obj, metadata: { ...m, resourceVersion: old.metadata.resourceVersion } }, old)) {
      this.rv--;
      return clone(old) as T;
    }
    store.set(k, obj);
    this.emit(resource, 'MODIFIED', obj, old);
    return clone(obj) as T;
  }

  /** pkg/registry/core/namespace/storage/storage.go Delete: Terminating until spec.finalizers are gone. */
  private deleteNamespace(obj: KubeObject, now: string, opts: DeleteOptions): KubeObject {
    if (obj.metadata.deletionTimestamp) return clone(obj);
    obj.metadata.deletionTimestamp = now;
    obj.metadata.deletionGracePeriodSeconds = 0;
    obj.status = { ...(obj.status ?? {}), phase: 'Terminating' };
    if (opts.propagationPolicy === 'Orphan') obj.metadata.finalizers = [...(obj.metadata.finalizers ?? []).filter((f: string) => f !== 'orphan'), 'orphan'];
    if (opts.dryRun) return clone(obj);
    const old = this.store('namespaces').get(obj.metadata.name!);
    return this.write('namespaces', obj, old);
  }

  /** Whether an update leaves a terminating object with nothing to wait for. */
  private finished(resource: string, obj: KubeObject, old: KubeObject): boolean {
    if (!old.metadata.deletionTimestamp || obj.metadata.finalizers?.length) return false;
    if (resource === 'namespaces' && obj.spec?.finalizers?.length) return false;
    return !(old.metadata.deletionGracePeriodSeconds ?? 0);
  }

  // ---- binding subresource -----------------------------------------------------------------

  /** Source: pkg/registry/core/pod/storage/storage.go BindingREST.setPodNodeNameAndConditions. */
  private bind(info: ResourceInfo, namespace: string | undefined, input: KubeObject, sharedResult = false): KubeObject {
    if (info.resource !== 'pods') throw notFound(info, input.metadata?.name ?? '');
    const name = input.metadata?.name ?? '';
    const stored = this.store(info.resource).get(key(namespace, name));
    if (!stored) throw notFound(info, name);
    const nodeName = input.spec?.nodeName ?? (input as any).target?.name;
    if (stored.metadata.deletionTimestamp) throw conflict(info, name, 'pod is being deleted, cannot be assigned to a host');
    if (stored.spec?.nodeName) throw conflict(info, name, `pod ${name} is already assigned to node "${stored.spec.nodeName}"`);
    // A new object over the stored (frozen) one's parts: only what binding changes is new.
    const conds = (stored.status?.conditions ?? []).filter((c: any) => c.type !== 'PodScheduled');
    conds.push({ type: 'PodScheduled', status: 'True', lastProbeTime: null, lastTransitionTime: this.clock.nowISO() });
    const pod: KubeObject = { ...stored, metadata: { ...stored.metadata }, spec: { ...stored.spec, nodeName }, status: { ...stored.status, conditions: conds } };
    return this.write(info.resource, pod, stored, sharedResult);
  }

  /** Stores a changed object as-is (server-internal writes that skip strategies). */
  private write(resource: string, obj: KubeObject, prev?: KubeObject, sharedResult = false): KubeObject {
    const k = key(obj.metadata.namespace, obj.metadata.name!);
    const old = prev ?? this.store(resource).get(k);
    obj.metadata.resourceVersion = String(++this.rv);
    this.store(resource).set(k, obj);
    this.emit(resource, 'MODIFIED', obj, old);
    return sharedResult ? obj : clone(obj);
  }

  // ---- scale subresource (autoscaling/v1 Scale) ------------------------------------------------

  getScale(info: ResourceInfo, namespace: string | undefined, name: string): KubeObject {
    if (!['statefulsets', 'deployments', 'replicasets'].includes(info.resource)) throw notFound(info, name);
    const o = this.get(info.resource, namespace, name);
    return {
      kind: 'Scale', apiVersion: 'autoscaling/v1',
      metadata: { name, namespace: o.metadata.namespace, uid: o.metadata.uid, resourceVersion: o.metadata.resourceVersion, creationTimestamp: o.metadata.creationTimestamp },
      spec: { replicas: o.spec?.replicas ?? 0 },
      status: { replicas: o.status?.replicas ?? 0, selector: formatLabelSelector(o.spec?.selector) },
    };
  }

  private updateScale(info: ResourceInfo, namespace: string | undefined, scale: KubeObject, opts: WriteOptions): KubeObject {
    const name = scale.metadata?.name ?? '';
    const o = this.get(info.resource, namespace, name);
    if (scale.metadata?.resourceVersion && scale.metadata.resourceVersion !== o.metadata.resourceVersion) {
      throw conflict(info, name, 'the object has been modified; please apply your changes to the latest version and try again');
    }
    const replicas = scale.spec?.replicas;
    if (typeof replicas !== 'number' || !Number.isInteger(replicas) || replicas < 0) {
      throw invalid('Scale', 'autoscaling', name, [{ field: 'spec.replicas', type: 'Invalid', value: String(replicas), detail: 'must be greater than or equal to 0' }]);
    }
    o.spec.replicas = replicas;
    delete o.metadata.resourceVersion;
    this.update(info.resource, namespace, o, opts);
    return this.getScale(info, namespace, name);
  }

  // ---- watch -------------------------------------------------------------------------------

  watch<T extends KubeObject>(resource: string, namespace: string | undefined, opts: WatchOptions, onEvent: (ev: WatchEvent<T>) => void): Unsubscribe {
    const info = this.info(resource);
    const ml = this.labelMatcher(opts.labelSelector);
    const mf = this.fieldMatcher(resource, opts.fieldSelector);
    const w: Watcher = {
      id: this.nextWatcherId++, resource, namespace: info.namespaced ? namespace : undefined,
      matchLabels: ml, matchFields: mf, onEvent: onEvent as (ev: WatchEvent) => void, startRv: this.rv,
    };
    // Replay: initial objects and/or events after a resourceVersion are queued for this watcher
    // only, ahead of anything new, so the stream is consistent with the store.
    const replay: WatchEvent[] = [];
    if (opts.sendInitialEvents) {
      // The stored (frozen) objects, in list order, without copies.
      const store = this.store(resource);
      for (const k of store.sortedKeys()) {
        const o = store.get(k)!;
        if ((!w.namespace || o.metadata.namespace === w.namespace) && ml(o) && mf(o)) replay.push({ type: 'ADDED', object: o });
      }
    } else if (opts.resourceVersion && opts.resourceVersion !== '0') {
      const from = Number(opts.resourceVersion);
      const first = Math.max(0, this.log.length - EVENT_LOG_SIZE);
      if (this.log.length && this.log[first].rv > from + 1 && from < this.rv) {
        throw expired(`too old resource version: ${from} (${this.log[first].rv - 1})`);
      }
      for (let i = first; i < this.log.length; i++) {
        const e = this.log[i];
        if (e.rv <= from || e.resource !== resource) continue;
        const ev = this.eventFor(w, e);
        if (ev) replay.push(ev);
      }
    }
    this.watchers.push(w);
    this.watchersByResource.set(resource, [...(this.watchersByResource.get(resource) ?? []), w]);
    this.watchersById.set(w.id, w);
    if (replay.length) this.pending.push(...replay.map((ev) => ({ rv: -w.id, resource, ev })));
    return () => {
      this.watchers = this.watchers.filter((x) => x !== w);
      this.watchersByResource.set(resource, (this.watchersByResource.get(resource) ?? []).filter((x) => x !== w));
      this.watchersById.delete(w.id);
    };
  }

  /** Delivers queued watch events. Returns how many were delivered. Called by the event loop. */
  flush(): number {
    let n = 0;
    while (this.pending.length) {
      const batch = this.pending;
      this.pending = [];
      for (const e of batch) {
        n++;
        if (e.rv < 0) {
          // A replay for one watcher.
          const w = this.watchersById.get(-e.rv);
          if (w) w.onEvent(e.ev);
          continue;
        }
        for (const w of this.watchersByResource.get(e.resource) ?? []) {
          if (e.rv <= w.startRv) continue;
          const ev = this.eventFor(w, e);
          if (ev) w.onEvent(ev);
        }
      }
    }
    return n;
  }

  hasPending(): boolean {
    return this.pending.length > 0;
  }

  // ---- snapshot ----------------------------------------------------------------------------

  save(): ApiServerState {
    const objects: Record<string, KubeObject[]> = {};
    for (const [r, s] of this.storesInOrder()) {
      // Stored objects are frozen and never changed in place: the snapshot shares them.
      objects[r] = s.sortedKeys().map((k) => s.get(k)!);
    }
    return { resourceVersion: this.rv, objects };
  }

  /**
   * JSON.stringify(this.save()), from each stored object's JSON text worked out once: stored
   * objects are never changed in place (a write stores a new object), so a text cached by object
   * identity stays right, and a later save re-serialises only what was written since.
   */
  saveJSON(spans?: SavedSpans): string {
    // Concatenated with +, not joined: a join copies the characters into a new string, and the
    // snapshot's whole text is copied once anyway, when it is flattened (snapshotJSON).
    const head = `{"resourceVersion":${JSON.stringify(this.rv)},"objects":{`;
    let out = head;
    for (const r of this.resourcesInOrder()) {
      // A resource still lazy since a restore has not changed: its text is what was restored.
      const name = JSON.stringify(r);
      const text = this.lazy.get(r) ?? this.stores.get(r)!.json();
      if (out.length > head.length) out += ',';
      out += name + ':';
      if (spans) spans[r] = [out.length, out.length + text.length];
      out += text;
    }
    return out + '}}';
  }

  /** The resources that have objects, in name order. */
  private resourcesInOrder(): string[] {
    const names = [...this.stores.entries()].filter(([, s]) => s.size).map(([r]) => r);
    return [...names, ...this.lazy.keys()].sort();
  }

  private storesInOrder(): [string, ObjectStore][] {
    return this.resourcesInOrder().map((r) => [r, this.store(r)]);
  }

  /**
   * `texts`: for some resources of `state`, the JSON array text its objects were parsed from
   * (exactly what saveJSON wrote), kept as the resource's saved text until it is written to, so
   * the first save after a restore does not serialise again what nobody changed.
   * `lazy`: resources given as that text alone, parsed on first use. `onParsed` hears when one is.
   */
  load(state: ApiServerState, texts: Record<string, string> = {}, lazy: Record<string, string> = {}, onParsed?: (resource: string) => void): void {
    this.stores.clear();
    this.lazy = new Map(Object.entries(lazy));
    this.onParsed = onParsed;
    this.rv = state.resourceVersion;
    this.pending = [];
    this.log = [];
    for (const [r, items] of Object.entries(state.objects)) if (!this.lazy.has(r)) this.fill(this.store(r), items, texts[r]);
  }

  /** Whether a resource restored as text has not been parsed yet. */
  isLazy(resource: string): boolean {
    return this.lazy.has(resource);
  }

  private fill(s: ObjectStore, items: KubeObject[], text: string | undefined): void {
    // Frozen at the top only: freezing a whole snapshot in depth costs more than the rest of a
    // restore, and nothing changes stored objects in place (writes store new, frozen objects).
    for (const o of items) s.set(key(o.metadata.namespace, o.metadata.name!), Object.freeze(o));
    if (text !== undefined && s.size) s.keepText(text);
  }

  // ---- helpers -----------------------------------------------------------------------------

  private info(resource: string): ResourceInfo {
    const info = resourceInfo(resource);
    if (!info) throw notFoundResource(resource);
    return info;
  }

  private store(resource: string): ObjectStore {
    let s = this.stores.get(resource);
    if (!s) {
      this.stores.set(resource, (s = new ObjectStore()));
      const text = this.lazy.get(resource);
      if (text !== undefined) {
        this.lazy.delete(resource);
        this.fill(s, JSON.parse(text) as KubeObject[], text);
        this.onParsed?.(resource);
      }
    }
    return s;
  }

  private resolveNamespace(info: ResourceInfo, namespace: string | undefined, obj: KubeObject): string | undefined {
    if (!info.namespaced) {
      delete obj.metadata.namespace;
      return undefined;
    }
    const fromObj = obj.metadata.namespace;
    const ns = namespace ?? fromObj ?? 'default';
    if (fromObj && namespace && fromObj !== namespace) {
      throw badRequest(`the namespace of the provided object does not match the namespace sent on the request`);
    }
    obj.metadata.namespace = ns;
    return ns;
  }

  /**
   * What a watcher sees of one change. A filtered watch sees an object enter its selection as
   * ADDED and leave it as DELETED (apiserver storage/cacher cacheWatcher.convertToWatchEvent).
   */
  private eventFor(w: Watcher, e: LoggedEvent): WatchEvent | undefined {
    const cur = this.matches(w, e.ev.object);
    if (e.ev.type !== 'MODIFIED' || !e.prev) return cur ? e.ev : undefined;
    const before = this.matches(w, e.prev);
    if (cur && before) return e.ev;
    if (cur) return { type: 'ADDED', object: e.ev.object };
    if (before) return { type: 'DELETED', object: e.ev.object };
    return undefined;
  }

  private emit(resource: string, type: WatchEvent['type'], obj: KubeObject, prev?: KubeObject): void {
    // The stored object itself, frozen: every watcher shares it (stored objects are never
    // changed in place; a write stores a new object).
    const e: LoggedEvent = { rv: this.rv, resource, ev: { type, object: deepFreeze(obj) }, prev: type === 'MODIFIED' ? prev : undefined };
    if (TEXT_AT_WRITE.has(resource) && type !== 'DELETED') jsonText.set(obj, JSON.stringify(obj));
    this.pending.push(e);
    this.log.push(e);
    // Trim in chunks: one splice per EVENT_LOG_SIZE / 4 writes instead of one per write.
    if (this.log.length > EVENT_LOG_SIZE + (EVENT_LOG_SIZE >> 2)) this.log.splice(0, this.log.length - EVENT_LOG_SIZE);
  }

  private matches(w: Watcher, o: KubeObject): boolean {
    if (w.namespace && o.metadata.namespace !== w.namespace) return false;
    return w.matchLabels(o) && w.matchFields(o);
  }

  private labelMatcher(sel?: string): (o: KubeObject) => boolean {
    if (!sel) return () => true;
    let reqs;
    try {
      reqs = parseLabelSelector(sel);
    } catch (e) {
      throw badRequest((e as Error).message);
    }
    return (o) => matchRequirements(reqs, o.metadata.labels);
  }

  private fieldMatcher(resource: string, sel?: string): (o: KubeObject) => boolean {
    if (!sel) return () => true;
    let reqs;
    try {
      reqs = parseFieldSelector(sel);
    } catch (e) {
      throw badRequest((e as Error).message);
    }
    // Each registry's field label conversion accepts only its own fields.
    const unsupported = checkFieldSelector(resource, reqs);
    if (unsupported) throw badRequest(unsupported);
    return (o) => matchFields(reqs, o);
  }

  /** A version-4-shaped UUID from the seeded random source. */
  private uuid(): string {
    // The draws in the order of the fields (8-4-3, the variant, 3-12); one string per half
    // rather than one per field.
    let x = '';
    for (let i = 0; i < 15; i++) x += HEX[this.random.int(16)];
    const v = '89ab'[this.random.int(4)];
    let y = '';
    for (let i = 0; i < 15; i++) y += HEX[this.random.int(16)];
    return `${x.slice(0, 8)}-${x.slice(8, 12)}-4${x.slice(12)}-${v}${y.slice(0, 3)}-${y.slice(3)}`;
  }
}

/** Spread over the limit of requests per loop turn (a runaway client): answered with 429. */
export function throttled(): ApiError {
  return tooManyRequests('the server has received too many requests and has asked us to try again later');
}

function notFoundResource(resource: string): ApiError {
  return new ApiError({ kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', reason: 'NotFound', code: 404, message: `the server could not find the requested resource (${resource})` });
}

const HEX = '0123456789abcdef';

// Each stored object's JSON text, once it has been worked out (saveJSON, or emit for the
// resources below).
const jsonText = new WeakMap<KubeObject, string>();

/**
 * Resources whose objects get their text when stored, as etcd keeps every object encoded: an
 * Event is written once (a repeat rewrites it now and then) and Events are a third of a big
 * cluster's snapshot, so the save after a scale-up need not stop to encode thousands of them;
 * each write pays a few microseconds instead. Objects rewritten often (pods, claims) would be
 * encoded at every write, more work in all, so they get their text at the first save after.
 */
const TEXT_AT_WRITE = new Set(['events']);

/** A version 4 UUID made from a text (InternalWriteOptions.uidFrom): four hashes of it, its version and variant bits set as uuid.NewRandom sets them. */
function hashedUuid(text: string): string {
  const hex = [0, 1, 2, 3].map((i) => mixedHash(`${text}#${i}`).toString(16).padStart(8, '0')).join('');
  const variant = HEX[8 + (parseInt(hex[16], 16) & 3)];
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/**
 * One resource's objects by `namespace/name`. It keeps its keys in etcd's (lexical) order once
 * asked for them, until a key comes or goes: snapshots list every object in that order, and
 * most writes between two snapshots change objects, not which objects there are.
 */
class ObjectStore extends Map<string, KubeObject> {
  private sorted: string[] | undefined;
  /** The JSON array of the objects in key order, until any object is written or removed. */
  private text: string | undefined;

  override set(k: string, v: KubeObject): this {
    if (this.sorted && !this.has(k)) this.sorted = undefined;
    this.text = undefined;
    return super.set(k, v);
  }

  override delete(k: string): boolean {
    const gone = super.delete(k);
    if (gone) this.sorted = this.text = undefined;
    return gone;
  }

  override clear(): void {
    this.sorted = this.text = undefined;
    super.clear();
  }

  /**
   * JSON.stringify of the objects in key order, from each object's text worked out once
   * (stored objects never change in place). A resource nobody wrote to since the last save (the
   * Events of a quiet cluster) gives the same text again without touching its objects.
   */
  json(): string {
    if (this.text === undefined) {
      // Concatenated, not joined: see saveJSON.
      let text = '';
      for (const k of this.sortedKeys()) {
        const o = this.get(k)!;
        let t = jsonText.get(o);
        if (t === undefined) jsonText.set(o, (t = JSON.stringify(o)));
        text = text ? text + ',' + t : t;
      }
      this.text = '[' + text + ']';
    }
    return this.text;
  }

  /** The objects' JSON array as it was saved (they were parsed from it), until a write. */
  keepText(text: string): void {
    this.text = text;
  }

  sortedKeys(): string[] {
    return (this.sorted ??= [...this.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
  }
}

function key(namespace: string | undefined, name: string): string {
  return namespace ? `${namespace}/${name}` : name;
}

function toIsoPlus(iso: string, seconds: number): string {
  return new Date(Date.parse(iso) + seconds * 1000).toISOString().replace('.000Z', 'Z');
}

function sameSet(a: string[], b: string[]): boolean {
  const sa = new Set(a);
  const sb = new Set(b);
  return sa.size === sb.size && [...sa].every((x) => sb.has(x));
}
