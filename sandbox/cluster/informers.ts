// Shared caches of API objects fed by watches, like client-go's SharedInformerFactory.
// Controllers read from these and write through the API. Cached objects are shared: never
// mutate them; clone before an update.
import type { ApiClient, KubeObject, WatchEvent } from './api/client.ts';
import { labelSelectorMatcher } from './api/selectors.ts';
import type { LabelSelector } from 'kubernetes-types/meta/v1';

export type Handler = (ev: WatchEvent, old: KubeObject | undefined) => void;

export class Informer<T extends KubeObject = KubeObject> {
  private items = new Map<string, T>();
  // Indexes (client-go's cache.Indexers): keys by namespace, and by controller owner uid
  // (objects without a controller under NO_CONTROLLER + namespace). Sets keep the items map's
  // insertion order, so an indexed list is in the same order as a full scan.
  private byNamespace = new Map<string, Set<string>>();
  private byController = new Map<string, Set<string>>();
  // The same objects by namespace ('' for cluster-scoped) and name: get() is the controllers'
  // most frequent read, and a lookup this way needs no `namespace/name` string built per call.
  private byNamespaceName = new Map<string, Map<string, T>>();
  private handlers: Handler[] = [];
  readonly resource: string;

  constructor(api: ApiClient, resource: string) {
    this.resource = resource;
    api.watch<T>(resource, undefined, { sendInitialEvents: true }, (ev) => this.onEvent(ev));
  }

  onChange(h: Handler): void {
    this.handlers.push(h);
    // A late subscriber sees what is already known, as an informer's AddFunc would on sync.
    for (const o of this.items.values()) h({ type: 'ADDED', object: o }, undefined);
  }

  get(namespace: string | undefined, name: string): T | undefined {
    return this.byNamespaceName.get(namespace || '')?.get(name);
  }

  list(namespace?: string, selector?: LabelSelector): T[] {
    const match = selector ? labelSelectorMatcher(selector) : undefined;
    const out: T[] = [];
    if (namespace) {
      for (const k of this.byNamespace.get(namespace) ?? []) {
        const o = this.items.get(k)!;
        if (!match || match(o.metadata.labels)) out.push(o);
      }
      return out;
    }
    for (const o of this.items.values()) {
      if (match && !match(o.metadata.labels)) continue;
      out.push(o);
    }
    return out;
  }

  /** Objects whose controller owner reference has this uid. */
  listControlledBy(uid: string): T[] {
    return this.fromKeys(this.byController.get(uid));
  }

  /** Objects of a namespace without a controller owner reference (adoption candidates). */
  listOrphans(namespace: string): T[] {
    return this.fromKeys(this.byController.get(NO_CONTROLLER + namespace));
  }

  private fromKeys(keys: Set<string> | undefined): T[] {
    const out: T[] = [];
    if (keys) for (const k of keys) out.push(this.items.get(k)!);
    return out;
  }

  size(): number {
    return this.items.size;
  }

  private onEvent(ev: WatchEvent<T>): void {
    const o = ev.object;
    Object.freeze(o);
    const k = o.metadata.namespace ? `${o.metadata.namespace}/${o.metadata.name}` : o.metadata.name!;
    const old = this.items.get(k);
    // Each side's controller key once (a key is a loop over ownerReferences).
    const was = old ? controllerIndexKey(old) : undefined;
    const now = ev.type === 'DELETED' ? undefined : controllerIndexKey(o);
    if (was !== undefined && (ev.type === 'DELETED' || was !== now)) removeFrom(this.byController, was, k);
    const ns = o.metadata.namespace || '';
    if (ev.type === 'DELETED') {
      this.items.delete(k);
      const names = this.byNamespaceName.get(ns);
      if (names) {
        names.delete(o.metadata.name!);
        if (!names.size) this.byNamespaceName.delete(ns);
      }
      if (o.metadata.namespace) removeFrom(this.byNamespace, o.metadata.namespace, k);
    } else {
      this.items.set(k, o);
      let names = this.byNamespaceName.get(ns);
      if (!names) this.byNamespaceName.set(ns, (names = new Map()));
      names.set(o.metadata.name!, o);
      if (!old) {
        if (o.metadata.namespace) addTo(this.byNamespace, o.metadata.namespace, k);
        addTo(this.byController, now!, k);
      } else if (was !== now) {
        addTo(this.byController, now!, k);
      }
    }
    for (const h of this.handlers) h(ev, old);
  }
}

const NO_CONTROLLER = 'no-controller:';

function controllerIndexKey(o: KubeObject): string {
  const refs = o.metadata.ownerReferences;
  if (refs) for (const r of refs) if (r.controller === true) return r.uid;
  return NO_CONTROLLER + (o.metadata.namespace ?? '');
}

function addTo(index: Map<string, Set<string>>, v: string, k: string): void {
  let s = index.get(v);
  if (!s) index.set(v, (s = new Set()));
  s.add(k);
}

function removeFrom(index: Map<string, Set<string>>, v: string, k: string): void {
  const s = index.get(v);
  if (!s) return;
  s.delete(k);
  if (!s.size) index.delete(v);
}

/** One informer per resource, created on first use. */
export class Informers {
  private byResource = new Map<string, Informer>();
  private readonly api: ApiClient;

  constructor(api: ApiClient) {
    this.api = api;
  }

  for<T extends KubeObject = KubeObject>(resource: string): Informer<T> {
    let inf = this.byResource.get(resource);
    if (!inf) this.byResource.set(resource, (inf = new Informer(this.api, resource)));
    return inf as unknown as Informer<T>;
  }
}

/** `namespace/name` (or `name` for cluster-scoped objects), the work-queue key of client-go. */
export function keyOf(o: KubeObject): string {
  return o.metadata.namespace ? `${o.metadata.namespace}/${o.metadata.name}` : o.metadata.name!;
}

export function splitKey(k: string): [string | undefined, string] {
  const i = k.indexOf('/');
  return i < 0 ? [undefined, k] : [k.slice(0, i), k.slice(i + 1)];
}
