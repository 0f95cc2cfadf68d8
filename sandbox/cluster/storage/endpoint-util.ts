// Which pods back a Service, and on which port: the helpers both endpoint controllers share.
// Sources: kubernetes/kubernetes pkg/controller/util/endpointslice (ShouldPodBeInEndpoints,
// ShouldSetHostname), pkg/api/v1/pod/util.go (FindPort, IsPodReady).
import type { Component, ComponentContext } from '../component.ts';
import { ApiError } from '../api/errors.ts';
import type { Pod, Service } from '../types.ts';

export type ServicePort = NonNullable<NonNullable<Service['spec']>['ports']>[number];

export const LABEL_SERVICE_NAME = 'kubernetes.io/service-name';
export const LABEL_HEADLESS = 'service.kubernetes.io/headless';
export const ANN_LAST_CHANGE_TRIGGER_TIME = 'endpoints.kubernetes.io/last-change-trigger-time';

export function isPodReady(pod: Pod): boolean {
  // A plain loop: this runs for every pod change and every pod of every sync.
  const conditions = pod.status?.conditions;
  if (!conditions) return false;
  for (let i = 0; i < conditions.length; i++) if (conditions[i].type === 'Ready' && conditions[i].status === 'True') return true;
  return false;
}

/** A terminal pod or one without an IP is never an endpoint; a terminating one only if asked. */
export function shouldPodBeInEndpoints(pod: Pod, includeTerminating: boolean): boolean {
  const phase = pod.status?.phase;
  if (phase === 'Succeeded' || phase === 'Failed') return false;
  if (!pod.status?.podIP && !(pod.status?.podIPs ?? []).length) return false;
  if (!includeTerminating && pod.metadata.deletionTimestamp) return false;
  return true;
}

/** The endpoint gets the pod's hostname only under the Service its subdomain names. */
export function shouldSetHostname(pod: Pod, svc: Service): boolean {
  return !!pod.spec?.hostname && pod.spec.subdomain === svc.metadata.name && svc.metadata.namespace === pod.metadata.namespace;
}

/** FindPort: a named targetPort is looked up among the pod's container ports (same protocol). */
export function findPort(pod: Pod, sp: ServicePort): number | undefined {
  const target = sp.targetPort ?? sp.port;
  if (typeof target === 'number') return target;
  if (/^[0-9]+$/.test(target)) return Number(target);
  const proto = sp.protocol ?? 'TCP';
  const containers = [...(pod.spec?.containers ?? []), ...(pod.spec?.initContainers ?? []).filter((c) => c.restartPolicy === 'Always')];
  for (const c of containers) {
    for (const p of c.ports ?? []) if (p.name === target && (p.protocol ?? 'TCP') === proto) return p.containerPort;
  }
  return undefined;
}

export function isHeadless(svc: Service): boolean {
  return svc.spec?.clusterIP === 'None';
}

/** The pods a Service selects (selector as matchLabels; an empty selector selects nothing here). */
export function selectsPod(svc: Service, pod: Pod): boolean {
  const sel = selectorOf(svc);
  if (!sel.length) return false;
  if (pod.metadata.namespace !== svc.metadata.namespace) return false;
  return matchesSelector(sel, pod);
}

/** A Service's selector as entries, worked out once per (frozen) Service object: asked on every pod change. */
function selectorOf(svc: Service): [string, string][] {
  let sel = selectors.get(svc);
  if (!sel) selectors.set(svc, (sel = Object.entries(svc.spec?.selector ?? {})));
  return sel;
}
const selectors = new WeakMap<Service, [string, string][]>();

/** selectsPod with the selector's entries taken once, not once per pod. */
function matchesSelector(selector: [string, string][], pod: Pod): boolean {
  const labels = pod.metadata.labels;
  if (!labels) return false;
  for (let i = 0; i < selector.length; i++) if (labels[selector[i][0]] !== selector[i][1]) return false;
  return true;
}

export function byName(a: { metadata: { name?: string } }, b: { metadata: { name?: string } }): number {
  return a.metadata.name! < b.metadata.name! ? -1 : a.metadata.name! > b.metadata.name! ? 1 : 0;
}

/**
 * Pod-driven syncs of a large Service are batched, like kube-controller-manager's
 * --endpoint-updates-batch-period and --endpointslice-updates-batch-period: every change to a
 * Service with more than LARGE_SERVICE_ENDPOINTS endpoints (or selected pods, as of its last
 * sync) within this period is handled by one sync at its end. Small Services (every lesson) sync at once. This is a simulator setting (the
 * flags default to 0): rewriting a 1,000-address Endpoints object on every pod change would make
 * a big StatefulSet take seconds of wall time.
 */
export const ENDPOINT_UPDATES_BATCH_MS = 500;
export const LARGE_SERVICE_ENDPOINTS = 100;

export class PodChangeBatcher {
  private pending = new Set<string>();
  private readonly ctx: ComponentContext;
  private readonly size: (key: string) => number;

  constructor(ctx: ComponentContext, size: (key: string) => number) {
    this.ctx = ctx;
    this.size = size;
  }

  /** A pod change for Service `key`: sync now, or at the end of the current batch. */
  add(key: string): void {
    if (this.size(key) <= LARGE_SERVICE_ENDPOINTS) {
      this.ctx.enqueue(key);
      return;
    }
    if (this.pending.has(key)) return;
    this.pending.add(key);
    this.ctx.setTimer(ENDPOINT_UPDATES_BATCH_MS, 'batch', key);
  }

  onTimer(type: string, data: unknown): void {
    if (type !== 'batch') return;
    this.pending.delete(data as string);
    this.ctx.enqueue(data as string);
  }

  save(): string[] {
    return [...this.pending].sort();
  }

  load(keys: string[] | undefined): void {
    this.pending = new Set(keys ?? []);
  }
}

/** `ns/name` of every Service whose selector matches the pod, before or after the change. */
export function servicesOfPodChange(ctx: ComponentContext, pod: Pod, old: Pod | undefined, add: (key: string) => void): void {
  if (old && old !== pod && !podEndpointsChanged(old, pod)) return;
  for (const svc of ctx.informers.for<Service>('services').list(pod.metadata.namespace)) {
    if (selectsPod(svc, pod) || (old && selectsPod(svc, old))) add(`${svc.metadata.namespace}/${svc.metadata.name}`);
  }
}

/**
 * podEndpointsChanged (staging/src/k8s.io/endpointslice/util/controller_utils.go): only what an
 * endpoint shows (IP, readiness, deletion, labels, hostname, subdomain, node) makes a pod update
 * worth a sync; container restarts and other status churn do not.
 */
function podEndpointsChanged(a: Pod, b: Pod): boolean {
  // Both endpoint controllers ask about the same change: the last answer is kept.
  if (lastChange.a === a && lastChange.b === b) return lastChange.changed;
  // Field by field, each as its JSON would compare (undefined and null both mean "none"): no
  // strings are built for the thousands of pod status writes a big StatefulSet makes.
  const same = (x: unknown, y: unknown) => (x ?? null) === (y ?? null);
  // Labels as JSON unless they are the same (frozen) object, which a status write keeps.
  const changed = (a.metadata.labels !== b.metadata.labels && JSON.stringify(a.metadata.labels ?? null) !== JSON.stringify(b.metadata.labels ?? null))
    || !same(a.metadata.deletionTimestamp, b.metadata.deletionTimestamp) || !same(a.status?.podIP, b.status?.podIP)
    || !same(a.status?.phase, b.status?.phase) || isPodReady(a) !== isPodReady(b)
    || !same(a.spec?.hostname, b.spec?.hostname) || !same(a.spec?.subdomain, b.spec?.subdomain)
    || !same(a.spec?.nodeName, b.spec?.nodeName) || !same(a.metadata.uid, b.metadata.uid);
  lastChange = { a, b, changed };
  return changed;
}

// Watch events carry frozen objects: the same pair of objects always gives the same answer.
let lastChange: { a?: Pod; b?: Pod; changed: boolean } = { changed: false };

/** A pod a Service selects, with what the controller derived from it (`derivedFrom`: for which pod object). */
export type Selected<D> = { pod: Pod; derived?: D; derivedFrom?: Pod };

/**
 * The pods one Service object selects, kept up to date by the pod watch between syncs (the
 * informer calls its handlers after updating its cache, so this always equals a scan of it).
 * `sorted`: the same by pod name, until a pod joins or leaves.
 */
type Selection<D> = { svc: Service; selector: [string, string][]; byName: Map<string, Selected<D>>; sorted?: Selected<D>[] };

/**
 * What the Endpoints and EndpointSlice controllers share: watches of Services and pods (pod
 * changes of a large Service batched by PodChangeBatcher), the batch timer, its snapshot
 * state, and a sync per Service key that retries API errors after a second.
 */
export abstract class ServiceEndpointsController<D> implements Component {
  abstract readonly name: string;
  protected ctx!: ComponentContext;
  protected batcher!: PodChangeBatcher;
  private saved?: string[];
  /**
   * Pods a large Service selected at its last sync (only those over LARGE_SERVICE_ENDPOINTS).
   * Counted with its endpoints when deciding whether to batch, so a thousand pods that have no
   * IP yet do not each trigger a sync over all of them. Plain JSON, saved with the batch.
   */
  private selected: Record<string, number> = {};
  /**
   * Per Service key, the pods it selects: a sync of a thousand-pod Service neither scans every
   * pod of the namespace again nor sorts them again, and what it derived from a pod object is
   * kept while that object is current. Derived from the informer, so not saved.
   */
  private selections = new Map<string, Selection<D>>();

  /** How many endpoints the Service's own objects list now (small Services sync at once). */
  protected abstract endpointCount(namespace: string, name: string): number;
  /** Watches of the controller's own objects, registered after the Service and pod watches. */
  protected abstract watchOwn(ctx: ComponentContext): void;
  protected abstract syncService(namespace: string, name: string): void;

  start(ctx: ComponentContext): void {
    this.ctx = ctx;
    this.batcher = new PodChangeBatcher(ctx, (key) => {
      const [ns, name] = key.split('/');
      return Math.max(this.endpointCount(ns, name), this.selected[key] ?? 0);
    });
    this.batcher.load(this.saved);
    ctx.informers.for<Service>('services').onChange((ev) => ctx.enqueue(`${ev.object.metadata.namespace}/${ev.object.metadata.name}`));
    // A pod seen for the first time (also each pod when the cluster is restored) syncs at once:
    // it has no IP yet, and restore must not set timers the snapshot did not have.
    ctx.informers.for<Pod>('pods').onChange((ev, old) => {
      this.track(ev.object as Pod, ev.type === 'DELETED');
      servicesOfPodChange(ctx, ev.object as Pod, old as Pod | undefined, (k) => (old ? this.batcher.add(k) : ctx.enqueue(k)));
    });
    this.watchOwn(ctx);
  }

  onTimer(type: string, data: unknown): void {
    this.batcher.onTimer(type, data);
  }

  save(): unknown {
    return Object.keys(this.selected).length ? { batched: this.batcher.save(), selected: { ...this.selected } } : { batched: this.batcher.save() };
  }

  load(state: unknown): void {
    this.saved = (state as { batched?: string[] })?.batched;
    this.selected = { ...((state as { selected?: Record<string, number> })?.selected ?? {}) };
    this.batcher?.load(this.saved);
  }

  /**
   * The pods the Service selects (selector as matchLabels, in the Service's namespace), by name;
   * remembers how many for a large Service. The entries are kept between syncs: read them, do
   * not change them, except for what the controller derives from each pod.
   */
  protected selectedPods(svc: Service): Selected<D>[] {
    const key = `${svc.metadata.namespace}/${svc.metadata.name}`;
    let s = this.selections.get(key);
    if (s?.svc !== svc) {
      // A new Service object (or the first sync): select by scanning the namespace.
      const selector = selectorOf(svc);
      s = { svc, selector, byName: new Map() };
      if (selector.length) {
        for (const p of this.ctx.informers.for<Pod>('pods').list(svc.metadata.namespace)) if (matchesSelector(selector, p)) s.byName.set(p.metadata.name!, { pod: p });
      }
      this.selections.set(key, s);
    }
    if (!s.sorted) s.sorted = [...s.byName.values()].sort((a, b) => byName(a.pod, b.pod));
    if (s.sorted.length > LARGE_SERVICE_ENDPOINTS) this.selected[key] = s.sorted.length;
    else delete this.selected[key];
    return s.sorted;
  }

  /** A pod changed (or went away): update the selections of its namespace's Services. */
  private track(pod: Pod, deleted: boolean): void {
    const name = pod.metadata.name!;
    for (const s of this.selections.values()) {
      if (s.svc.metadata.namespace && s.svc.metadata.namespace !== pod.metadata.namespace) continue;
      const entry = s.byName.get(name);
      if (!deleted && s.selector.length && matchesSelector(s.selector, pod)) {
        if (entry) entry.pod = pod;
        else {
          s.byName.set(name, { pod });
          s.sorted = undefined;
        }
      } else if (entry) {
        s.byName.delete(name);
        s.sorted = undefined;
      }
    }
  }

  sync(key: string): void {
    const [ns, name] = key.split('/');
    if (!this.ctx.informers.for<Service>('services').get(ns, name)) {
      delete this.selected[key];
      this.selections.delete(key);
    }
    try {
      this.syncService(ns, name);
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
      this.ctx.enqueue(key, 1000);
    }
  }
}
