// The Endpoints controller: one Endpoints object per Service with a selector, named as the
// Service, listing ready pods in `addresses` and the others in `notReadyAddresses`.
// Source: kubernetes/kubernetes pkg/controller/endpoint/endpoints_controller.go (syncService,
// addEndpointSubset, podToEndpointAddressForService) and pkg/api/v1/endpoints/util.go
// (RepackSubsets). Endpoints is deprecated since 1.33 in favour of EndpointSlice, but
// `kubectl get endpoints` still shows it and the controller still runs.
import type { Component, ComponentContext } from '../component.ts';
import { ApiError } from '../api/errors.ts';
import { clone } from '../api/clone.ts';
import type { Endpoints, Pod, Service } from '../types.ts';
import {
  ANN_LAST_CHANGE_TRIGGER_TIME, byName, findPort, isHeadless, isPodReady, LABEL_HEADLESS, PodChangeBatcher, selectsPod,
  shouldPodBeInEndpoints, shouldSetHostname,
} from './endpoint-util.ts';

export const LABEL_MANAGED_BY = 'endpoints.kubernetes.io/managed-by';
export const ENDPOINTS_CONTROLLER_NAME = 'endpoint-controller';

type Address = NonNullable<NonNullable<Endpoints['subsets']>[number]['addresses']>[number];
type EndpointPort = NonNullable<NonNullable<Endpoints['subsets']>[number]['ports']>[number];
type Subset = NonNullable<Endpoints['subsets']>[number];

export class EndpointsController implements Component {
  readonly name = 'endpoints-controller';
  private ctx!: ComponentContext;
  private batcher!: PodChangeBatcher;
  private saved?: string[];

  start(ctx: ComponentContext): void {
    this.ctx = ctx;
    this.batcher = new PodChangeBatcher(ctx, (key) => {
      const [ns, name] = key.split('/');
      const ep = ctx.informers.for<Endpoints>('endpoints').get(ns, name);
      return (ep?.subsets ?? []).reduce((n, s) => n + (s.addresses?.length ?? 0) + (s.notReadyAddresses?.length ?? 0), 0);
    });
    this.batcher.load(this.saved);
    ctx.informers.for<Service>('services').onChange((ev) => ctx.enqueue(`${ev.object.metadata.namespace}/${ev.object.metadata.name}`));
    // A pod seen for the first time (also each pod when the cluster is restored) syncs at once:
    // it has no IP yet, and restore must not set timers the snapshot did not have.
    ctx.informers.for<Pod>('pods').onChange((ev, old) =>
      servicesOfPodChange(ctx, ev.object as Pod, old as Pod | undefined, (k) => (old ? this.batcher.add(k) : ctx.enqueue(k))));
    ctx.informers.for<Endpoints>('endpoints').onChange((ev, old) => {
      // Someone changed or removed what we manage: put it back.
      const key = `${ev.object.metadata.namespace}/${ev.object.metadata.name}`;
      if (ev.object.metadata.labels?.[LABEL_MANAGED_BY] !== ENDPOINTS_CONTROLLER_NAME) return;
      if (old) this.batcher.add(key);
      else ctx.enqueue(key);
    });
  }

  onTimer(type: string, data: unknown): void {
    this.batcher.onTimer(type, data);
  }

  save(): unknown {
    return { batched: this.batcher.save() };
  }

  load(state: unknown): void {
    this.saved = (state as { batched?: string[] })?.batched;
    this.batcher?.load(this.saved);
  }

  sync(key: string): void {
    const [ns, name] = key.split('/');
    try {
      this.syncService(ns, name);
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
      this.ctx.enqueue(key, 1000);
    }
  }

  private syncService(ns: string, name: string): void {
    const { api, informers } = this.ctx;
    const svc = informers.for<Service>('services').get(ns, name);
    const current = informers.for<Endpoints>('endpoints').get(ns, name);
    if (!svc) {
      // The Service is gone: remove the Endpoints we made for it.
      if (current?.metadata.labels?.[LABEL_MANAGED_BY] === ENDPOINTS_CONTROLLER_NAME) api.delete('endpoints', ns, name);
      return;
    }
    if (!svc.spec?.selector || !Object.keys(svc.spec.selector).length) return;
    const publishNotReady = !!svc.spec.publishNotReadyAddresses;
    const parts: { addr: Address; ready: boolean; port?: EndpointPort }[] = [];
    const pods = informers.for<Pod>('pods').list(ns).filter((p) => selectsPod(svc, p)).sort(byName);
    for (const pod of pods) {
      if (!shouldPodBeInEndpoints(pod, publishNotReady)) continue;
      const addr: Address = { ip: pod.status!.podIP ?? pod.status!.podIPs![0].ip! };
      if (shouldSetHostname(pod, svc)) addr.hostname = pod.spec!.hostname;
      if (pod.spec?.nodeName) addr.nodeName = pod.spec.nodeName;
      addr.targetRef = { kind: 'Pod', namespace: pod.metadata.namespace, name: pod.metadata.name, uid: pod.metadata.uid };
      const ready = publishNotReady || isPodReady(pod);
      const ports = svc.spec.ports ?? [];
      if (!ports.length) {
        if (isHeadless(svc)) parts.push({ addr, ready });
        continue;
      }
      for (const sp of ports) {
        const portNum = findPort(pod, sp);
        if (portNum === undefined) continue;
        const epp: EndpointPort = { port: portNum, protocol: sp.protocol ?? 'TCP' };
        if (sp.name) epp.name = sp.name;
        if (sp.appProtocol) epp.appProtocol = sp.appProtocol;
        parts.push({ addr, ready, port: epp });
      }
    }
    const subsets = repackSubsets(parts);

    const labels: Record<string, string> = { ...(svc.metadata.labels ?? {}), [LABEL_MANAGED_BY]: ENDPOINTS_CONTROLLER_NAME };
    if (isHeadless(svc)) labels[LABEL_HEADLESS] = '';
    if (current && JSON.stringify(current.subsets ?? []) === JSON.stringify(subsets) && JSON.stringify(sortKeys(current.metadata.labels)) === JSON.stringify(sortKeys(labels))) return;

    const next: Endpoints = current ? { ...current, metadata: clone(current.metadata) } : { metadata: { name, namespace: ns } };
    next.metadata.labels = labels;
    next.metadata.annotations = { ...(next.metadata.annotations ?? {}), [ANN_LAST_CHANGE_TRIGGER_TIME]: this.ctx.clock.nowISO() };
    if (subsets.length) next.subsets = subsets;
    else delete next.subsets;
    if (current) api.update('endpoints', ns, next);
    else api.create('endpoints', ns, next);
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
  const view = (p: Pod) => [
    p.metadata.labels, p.metadata.deletionTimestamp, p.status?.podIP, p.status?.phase, isPodReady(p),
    p.spec?.hostname, p.spec?.subdomain, p.spec?.nodeName, p.metadata.uid,
  ];
  return JSON.stringify(view(a)) !== JSON.stringify(view(b));
}

/**
 * RepackSubsets: addresses that offer the same set of ports share a subset. Addresses are
 * sorted by the IP string (LessEndpointAddress compares the bytes: 10.244.0.10 before 10.244.0.9).
 */
function repackSubsets(parts: { addr: Address; ready: boolean; port?: EndpointPort }[]): Subset[] {
  const addrs = new Map<string, { addr: Address; ready: boolean }>();
  const portToAddrs = new Map<string, { port?: EndpointPort; keys: Set<string> }>();
  for (const p of parts) {
    const ak = `${p.addr.ip}/${p.addr.targetRef?.uid}/${p.ready}`;
    addrs.set(ak, { addr: p.addr, ready: p.ready });
    const pk = p.port ? JSON.stringify(p.port) : '';
    let e = portToAddrs.get(pk);
    if (!e) portToAddrs.set(pk, (e = { port: p.port, keys: new Set() }));
    e.keys.add(ak);
  }
  const byAddrSet = new Map<string, { keys: string[]; ports: EndpointPort[] }>();
  for (const { port, keys } of portToAddrs.values()) {
    const sorted = [...keys].sort();
    const k = sorted.join('|');
    let e = byAddrSet.get(k);
    if (!e) byAddrSet.set(k, (e = { keys: sorted, ports: [] }));
    if (port) e.ports.push(port);
  }
  const out: Subset[] = [];
  for (const { keys, ports } of byAddrSet.values()) {
    const list = keys.map((k) => addrs.get(k)!).sort((a, b) => cmpStr(a.addr.ip, b.addr.ip));
    const s: Subset = {};
    const ready = list.filter((a) => a.ready).map((a) => a.addr);
    const notReady = list.filter((a) => !a.ready).map((a) => a.addr);
    if (ready.length) s.addresses = ready;
    if (notReady.length) s.notReadyAddresses = notReady;
    if (ports.length) s.ports = ports.sort((a, b) => ((a.name ?? '') < (b.name ?? '') ? -1 : (a.name ?? '') > (b.name ?? '') ? 1 : a.port - b.port));
    out.push(s);
  }
  return out.sort((a, b) => cmpStr((a.addresses ?? a.notReadyAddresses)?.[0]?.ip ?? '', (b.addresses ?? b.notReadyAddresses)?.[0]?.ip ?? ''));
}

function cmpStr(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function sortKeys(o: Record<string, string> | undefined): [string, string][] {
  return Object.entries(o ?? {}).sort(([a], [b]) => (a < b ? -1 : 1));
}
