// The Endpoints controller: one Endpoints object per Service with a selector, named as the
// Service, listing ready pods in `addresses` and the others in `notReadyAddresses`.
// Source: kubernetes/kubernetes pkg/controller/endpoint/endpoints_controller.go (syncService,
// addEndpointSubset, podToEndpointAddressForService) and pkg/api/v1/endpoints/util.go
// (RepackSubsets). Endpoints is deprecated since 1.33 in favour of EndpointSlice, but
// `kubectl get endpoints` still shows it and the controller still runs.
import type { ComponentContext } from '../component.ts';
import { clone } from '../api/clone.ts';
import { deepEqual } from '../api/field.ts';
import type { Endpoints, Pod, Service } from '../types.ts';
import {
  ANN_LAST_CHANGE_TRIGGER_TIME, findPort, isHeadless, isPodReady, LABEL_HEADLESS, ServiceEndpointsController,
  shouldPodBeInEndpoints, shouldSetHostname,
} from './endpoint-util.ts';

export const LABEL_MANAGED_BY = 'endpoints.kubernetes.io/managed-by';
export const ENDPOINTS_CONTROLLER_NAME = 'endpoint-controller';

type Address = NonNullable<NonNullable<Endpoints['subsets']>[number]['addresses']>[number];
type EndpointPort = NonNullable<NonNullable<Endpoints['subsets']>[number]['ports']>[number];
type Subset = NonNullable<Endpoints['subsets']>[number];
/**
 * One address with one of its ports (`portKey`: the port's JSON, what repackSubsets groups by;
 * `key`: the address's identity in RepackSubsets, IP, pod UID and readiness; `rank`: its place
 * in the last sort, see repackSubsets).
 */
type Part = { addr: Address; ready: boolean; key: string; port?: EndpointPort; portKey?: string; rank?: number };

/**
 * Derived per selected pod: what it contributes (stored objects never change, so the same pod
 * object under the same Service object gives the same parts).
 */
export class EndpointsController extends ServiceEndpointsController<Part[]> {
  readonly name = 'endpoints-controller';

  protected endpointCount(ns: string, name: string): number {
    const ep = this.ctx.informers.for<Endpoints>('endpoints').get(ns, name);
    return (ep?.subsets ?? []).reduce((n, s) => n + (s.addresses?.length ?? 0) + (s.notReadyAddresses?.length ?? 0), 0);
  }

  protected watchOwn(ctx: ComponentContext): void {
    ctx.informers.for<Endpoints>('endpoints').onChange((ev, old) => {
      // Someone changed or removed what we manage: put it back.
      const key = `${ev.object.metadata.namespace}/${ev.object.metadata.name}`;
      if (ev.object.metadata.labels?.[LABEL_MANAGED_BY] !== ENDPOINTS_CONTROLLER_NAME) return;
      if (old) this.batcher.add(key);
      else ctx.enqueue(key);
    });
  }

  protected syncService(ns: string, name: string): void {
    const { api, informers } = this.ctx;
    const svc = informers.for<Service>('services').get(ns, name);
    const current = informers.for<Endpoints>('endpoints').get(ns, name);
    if (!svc) {
      // The Service is gone: remove the Endpoints we made for it.
      if (current?.metadata.labels?.[LABEL_MANAGED_BY] === ENDPOINTS_CONTROLLER_NAME) api.delete('endpoints', ns, name);
      return;
    }
    if (!svc.spec?.selector || !Object.keys(svc.spec.selector).length) return;
    const parts: Part[] = [];
    const portJSON = new Map<string, string>();
    for (const e of this.selectedPods(svc)) {
      if (e.derivedFrom !== e.pod) {
        e.derived = podParts(e.pod, svc, portJSON);
        e.derivedFrom = e.pod;
      }
      for (const part of e.derived!) parts.push(part);
    }
    const subsets = repackSubsets(parts);

    const labels: Record<string, string> = { ...(svc.metadata.labels ?? {}), [LABEL_MANAGED_BY]: ENDPOINTS_CONTROLLER_NAME };
    if (isHeadless(svc)) labels[LABEL_HEADLESS] = '';
    if (current && deepEqual(current.subsets ?? [], subsets) && JSON.stringify(sortKeys(current.metadata.labels)) === JSON.stringify(sortKeys(labels))) return;

    const next: Endpoints = current ? { ...current, metadata: clone(current.metadata) } : { metadata: { name, namespace: ns } };
    next.metadata.labels = labels;
    next.metadata.annotations = { ...(next.metadata.annotations ?? {}), [ANN_LAST_CHANGE_TRIGGER_TIME]: this.ctx.clock.nowISO() };
    if (subsets.length) next.subsets = subsets;
    else delete next.subsets;
    // Each address and port is a frozen part built once per pod object: shared, not copied.
    if (current) api.update('endpoints', ns, next, { sharedResult: true, shareFrozen: true });
    else api.create('endpoints', ns, next, { sharedResult: true });
  }
}

/**
 * addEndpointSubset for one pod (podToEndpointAddressForService): its address with each Service
 * port findPort resolves. Nothing for a pod that is not an endpoint.
 */
function podParts(pod: Pod, svc: Service, portJSON: Map<string, string>): Part[] {
  const publishNotReady = !!svc.spec!.publishNotReadyAddresses;
  if (!shouldPodBeInEndpoints(pod, publishNotReady)) return [];
  const addr: Address = { ip: pod.status!.podIP ?? pod.status!.podIPs![0].ip! };
  if (shouldSetHostname(pod, svc)) addr.hostname = pod.spec!.hostname;
  if (pod.spec?.nodeName) addr.nodeName = pod.spec.nodeName;
  addr.targetRef = Object.freeze({ kind: 'Pod', namespace: pod.metadata.namespace, name: pod.metadata.name, uid: pod.metadata.uid });
  // Frozen: written into Endpoints objects as they are (shareFrozen), and never changed.
  Object.freeze(addr);
  const ready = publishNotReady || isPodReady(pod);
  const key = `${addr.ip}/${addr.targetRef.uid}/${ready}`;
  const ports = svc.spec!.ports ?? [];
  if (!ports.length) return isHeadless(svc) ? [{ addr, ready, key }] : [];
  const parts: Part[] = [];
  for (let i = 0; i < ports.length; i++) {
    const sp = ports[i];
    const portNum = findPort(pod, sp);
    if (portNum === undefined) continue;
    const epp: EndpointPort = { port: portNum, protocol: sp.protocol ?? 'TCP' };
    if (sp.name) epp.name = sp.name;
    if (sp.appProtocol) epp.appProtocol = sp.appProtocol;
    Object.freeze(epp);
    // Each port's JSON depends only on the Service port and the number findPort gives: worked
    // out once per pair rather than once per pod.
    const jk = `${i}/${portNum}`;
    let portKey = portJSON.get(jk);
    if (portKey === undefined) portJSON.set(jk, (portKey = JSON.stringify(epp)));
    parts.push({ addr, ready, key, port: epp, portKey });
  }
  return parts;
}

/**
 * RepackSubsets: addresses that offer the same set of ports share a subset. Addresses are
 * sorted by the IP string (LessEndpointAddress compares the bytes: 10.244.0.10 before 10.244.0.9).
 */
function repackSubsets(parts: Part[]): Subset[] {
  // Addresses by IP, equal IPs by key: what sorting the keys, then stably by IP, gives.
  const byIpThenKey = (a: Part, b: Part) => cmpStr(a.addr.ip, b.addr.ip) || cmpStr(a.key, b.key);
  const pkOf = (p: Part) => (p.port ? p.portKey ?? JSON.stringify(p.port) : '');
  if (parts.length && parts.every((p) => pkOf(p) === pkOf(parts[0]))) {
    // One set of ports (every StatefulSet's Service): one subset, its addresses sorted, a repeated
    // key kept once, with no maps of keys to build. The parts go in as the last sync sorted them
    // (`rank`: a part lives as long as its pod object), new ones after, so the sort finds them
    // almost in order (TimSort takes the runs) rather than sorting a thousand addresses afresh.
    // Where a part starts does not change the result: the order is total, and parts with the
    // same key are one pod's, with the same address and readiness.
    const slots = new Array<Part | undefined>(parts.length);
    const rest: Part[] = [];
    for (const p of parts) {
      if (p.rank !== undefined && p.rank < slots.length && !slots[p.rank]) slots[p.rank] = p;
      else rest.push(p);
    }
    const sorted: Part[] = [];
    for (const p of slots) if (p) sorted.push(p);
    for (const p of rest) sorted.push(p);
    sorted.sort(byIpThenKey);
    for (let i = 0; i < sorted.length; i++) sorted[i].rank = i;
    const list: Part[] = [];
    for (let i = 0; i < sorted.length; i++) if (i + 1 === sorted.length || sorted[i + 1].key !== sorted[i].key) list.push(sorted[i]);
    return [subset(list, parts[0].port ? [parts[0].port] : [])];
  }
  const addrs = new Map<string, Part>();
  const portToAddrs = new Map<string, { port?: EndpointPort; keys: Set<string> }>();
  for (const p of parts) {
    addrs.set(p.key, p);
    const pk = pkOf(p);
    let e = portToAddrs.get(pk);
    if (!e) portToAddrs.set(pk, (e = { port: p.port, keys: new Set() }));
    e.keys.add(p.key);
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
  for (const { keys, ports } of byAddrSet.values()) out.push(subset(keys.map((k) => addrs.get(k)!).sort(byIpThenKey), ports));
  return out.sort((a, b) => cmpStr((a.addresses ?? a.notReadyAddresses)?.[0]?.ip ?? '', (b.addresses ?? b.notReadyAddresses)?.[0]?.ip ?? ''));
}

/** One subset: its addresses (in order) split by readiness, its ports by name then number. */
function subset(list: Part[], ports: EndpointPort[]): Subset {
  const s: Subset = {};
  const ready: Address[] = [];
  const notReady: Address[] = [];
  for (const p of list) (p.ready ? ready : notReady).push(p.addr);
  if (ready.length) s.addresses = ready;
  if (notReady.length) s.notReadyAddresses = notReady;
  if (ports.length) s.ports = ports.sort((a, b) => ((a.name ?? '') < (b.name ?? '') ? -1 : (a.name ?? '') > (b.name ?? '') ? 1 : a.port - b.port));
  return s;
}

function cmpStr(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function sortKeys(o: Record<string, string> | undefined): [string, string][] {
  return Object.entries(o ?? {}).sort(([a], [b]) => (a < b ? -1 : 1));
}
