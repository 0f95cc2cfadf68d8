// Shared caches of API objects fed by watches, like client-go's SharedInformerFactory.
// Controllers read from these and write through the API. Cached objects are shared: never
// mutate them; clone before an update.
import type { ApiClient, KubeObject, WatchEvent } from './api/client.ts';
import { labelSelectorMatcher } from './api/selectors.ts';
import type { LabelSelector } from 'kubernetes-types/meta/v1';

export type Handler = (ev: WatchEvent, old: KubeObject | undefined) => void;

export class Informer<T extends KubeObject = KubeObject> {
  private items = new Map<string, T>();
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
    return this.items.get(namespace ? `${namespace}/${name}` : name);
  }

  list(namespace?: string, selector?: LabelSelector): T[] {
    const match = selector ? labelSelectorMatcher(selector) : undefined;
    const out: T[] = [];
    for (const o of this.items.values()) {
      if (namespace && o.metadata.namespace !== namespace) continue;
      if (match && !match(o.metadata.labels)) continue;
      out.push(o);
    }
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
    if (ev.type === 'DELETED') this.items.delete(k);
    else this.items.set(k, o);
    for (const h of this.handlers) h(ev, old);
  }
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
