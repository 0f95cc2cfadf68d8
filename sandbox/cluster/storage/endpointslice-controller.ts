// The EndpointSlice controller: for each Service with a selector, slices named
// `<service>-<5 random>` listing every pod with an IP (terminating ones too) with its
// ready/serving/terminating conditions. Cluster DNS and the service proxy read these.
// Source: kubernetes/kubernetes pkg/controller/endpointslice/endpointslice_controller.go and
// reconciler.go, staging/src/k8s.io/endpointslice/utils.go (podToEndpoint, setEndpointSliceLabels,
// newEndpointSlice: generateName, ownerReference, `endpointslice.kubernetes.io/managed-by`),
// and the placeholder slice a Service without endpoints gets.
import type { ComponentContext } from '../component.ts';
import { clone } from '../api/clone.ts';
import { deepEqual } from '../api/field.ts';
import type { EndpointSlice, Node, Pod, Service } from '../types.ts';
import {
  ANN_LAST_CHANGE_TRIGGER_TIME, byName, findPort, isHeadless, isPodReady, LABEL_HEADLESS, LABEL_SERVICE_NAME, type Selected,
  ServiceEndpointsController, shouldPodBeInEndpoints, shouldSetHostname,
} from './endpoint-util.ts';

export const LABEL_SLICE_MANAGED_BY = 'endpointslice.kubernetes.io/managed-by';
export const ENDPOINTSLICE_CONTROLLER_NAME = 'endpointslice-controller.k8s.io';
/** --max-endpoints-per-slice default. */
const MAX_ENDPOINTS_PER_SLICE = 100;

type SliceEndpoint = EndpointSlice['endpoints'][number];
type SlicePort = NonNullable<EndpointSlice['ports']>[number];

/**
 * What a pod contributes under one Service object: its endpoint (with the zone of its `node`,
 * `zone`, checked at each sync since nodes change apart from pods), the ports it offers and their
 * JSON (`pk`, what endpoints are grouped by), and its key in a slice. Undefined `ep`: not an endpoint.
 */
type PodEndpoint = { ep?: SliceEndpoint; ports: SlicePort[]; pk: string; key: string; node?: string; zone?: string };
/** Endpoints that offer the same ports (`pk`: their JSON), each with its key and selected pod. */
type Group = { pk: string; ports: SlicePort[]; endpoints: SliceEndpoint[]; keys: string[]; entries: Selected<PodEndpoint>[] };
/** What one slice will hold: `idx` indexes the group's endpoints (no group: the placeholder). */
type Plan = { cur?: EndpointSlice; group?: Group; idx: number[] };

/** Derived per selected pod: its endpoint (stored objects never change: kept while the pod object is). */
export class EndpointSliceController extends ServiceEndpointsController<PodEndpoint> {
  readonly name = 'endpointslice-controller';
  /** The endpoint keys of stored slices, in order (stored slices are frozen: never stale). */
  private sliceKeys = new WeakMap<EndpointSlice, string[]>();

  protected endpointCount(ns: string, name: string): number {
    // Asked on every pod change of the Service: the slices counted in place, not listed and sorted.
    let n = 0;
    for (const s of this.ctx.informers.for<EndpointSlice>('endpointslices').list(ns)) if (this.isSliceOf(s, name)) n += s.endpoints?.length ?? 0;
    return n;
  }

  protected watchOwn(ctx: ComponentContext): void {
    ctx.informers.for<EndpointSlice>('endpointslices').onChange((ev, old) => {
      const o = ev.object;
      if (o.metadata.labels?.[LABEL_SLICE_MANAGED_BY] === ENDPOINTSLICE_CONTROLLER_NAME && o.metadata.labels[LABEL_SERVICE_NAME]) {
        const key = `${o.metadata.namespace}/${o.metadata.labels[LABEL_SERVICE_NAME]}`;
        if (old) this.batcher.add(key);
        else ctx.enqueue(key);
      }
    });
    ctx.informers.for<Node>('nodes');
  }

  protected syncService(ns: string, name: string): void {
    const { api, informers } = this.ctx;
    const svc = informers.for<Service>('services').get(ns, name);
    const existing = this.slicesOf(ns, name);
    if (!svc || !svc.spec?.selector || !Object.keys(svc.spec.selector).length) {
      if (!svc) for (const s of existing) if (!s.metadata.deletionTimestamp) api.delete('endpointslices', ns, s.metadata.name!);
      return;
    }

    // Desired: endpoints grouped by the ports they offer (`entries`: whose endpoint each is).
    const groups = new Map<string, Group>();
    const portsJSON = new Map<string, string>();
    // Each node's zone (null: none), looked up once per sync rather than once per pod.
    const zones = new Map<string, string | null>();
    let last: Group | undefined;
    for (const e of this.selectedPods(svc)) {
      const pod = e.pod;
      // The pod's node as derived from this pod object, if it was (saves a read of every pod).
      const node = e.derivedFrom === pod ? e.derived!.node : pod.spec?.nodeName;
      let zone: string | undefined;
      if (node) {
        let z = zones.get(node);
        if (z === undefined) zones.set(node, (z = this.ctx.informers.for<Node>('nodes').get(undefined, node)?.metadata.labels?.['topology.kubernetes.io/zone'] ?? null));
        zone = z ?? undefined;
      }
      if (e.derivedFrom !== pod || e.derived!.zone !== zone) {
        e.derived = this.podEndpoint(pod, svc, portsJSON, zone);
        e.derivedFrom = pod;
      }
      const pe = e.derived!;
      if (!pe.ep) continue;
      // Pods of one Service nearly always offer the same ports: the last group is tried first.
      let g = last?.pk === pe.pk ? last : groups.get(pe.pk);
      if (!g) groups.set(pe.pk, (g = { pk: pe.pk, ports: pe.ports, endpoints: [], keys: [], entries: [] }));
      g.endpoints.push(pe.ep);
      g.keys.push(pe.key);
      g.entries.push(e);
      last = g;
    }

    // Placement is stable, as in reconciler.go reconcileByAddressType: an endpoint stays in the
    // slice that has it (updated in place), new ones fill slices with room, then new slices.
    // Plans name endpoints by their index in the group.
    const labels: Record<string, string> = { ...(svc.metadata.labels ?? {}), [LABEL_SERVICE_NAME]: name, [LABEL_SLICE_MANAGED_BY]: ENDPOINTSLICE_CONTROLLER_NAME };
    if (isHeadless(svc)) labels[LABEL_HEADLESS] = '';
    const live = existing.filter((sl) => !sl.metadata.deletionTimestamp);
    const used = new Set<EndpointSlice>();
    const plans: Plan[] = [];
    for (const [pk, g] of groups) {
      const keys = g.keys;
      // Each key's (last) index; `placed` is by that index.
      const want = new Map<string, number>();
      for (let i = 0; i < keys.length; i++) want.set(keys[i], i);
      const placed = new Uint8Array(keys.length);
      const mine: Plan[] = [];
      for (const sl of live) {
        if (used.has(sl) || JSON.stringify(sl.ports ?? []) !== pk) continue;
        used.add(sl);
        const idx: number[] = [];
        for (const k of this.keysOf(sl)) {
          const i = want.get(k);
          if (i !== undefined && !placed[i]) {
            idx.push(i);
            placed[i] = 1;
          }
        }
        mine.push({ cur: sl, group: g, idx });
      }
      // Every index its key's own unless two endpoints share a key.
      const unique = want.size === keys.length;
      const fresh: number[] = [];
      for (let i = 0; i < keys.length; i++) if (!placed[unique ? i : want.get(keys[i])!]) fresh.push(i);
      // Taken from the front in order (an index, not shift(): a thousand new endpoints would
      // move the rest of the array a thousand times).
      let next = 0;
      for (const p of mine) while (next < fresh.length && p.idx.length < MAX_ENDPOINTS_PER_SLICE) p.idx.push(fresh[next++]);
      while (next < fresh.length) {
        mine.push({ group: g, idx: fresh.slice(next, next + MAX_ENDPOINTS_PER_SLICE) });
        next += MAX_ENDPOINTS_PER_SLICE;
      }
      for (const p of mine) {
        if (p.idx.length) plans.push(p);
        else if (p.cur) used.delete(p.cur);
      }
    }
    // A Service without endpoints still gets one (placeholder) slice.
    if (!plans.length) plans.push({ idx: [] });
    // Creates become updates of slices that would otherwise be deleted (reconciler.go finalize),
    // so the placeholder keeps its name when the first pod arrives.
    const leftovers = live.filter((sl) => !used.has(sl));
    for (const p of plans) if (!p.cur && leftovers.length) p.cur = leftovers.shift();

    for (const p of plans) {
      const cur = p.cur;
      const g = p.group;
      const ports = g?.ports;
      const endpoints = g ? p.idx.map((i) => g.endpoints[i]) : [];
      let written: EndpointSlice;
      if (cur) {
        if (JSON.stringify(cur.ports ?? []) === JSON.stringify(ports ?? []) && sameLabels(cur.metadata.labels, labels)
          && deepEqual(cur.endpoints ?? [], endpoints)) continue;
        const next: EndpointSlice = { ...cur, metadata: clone(cur.metadata) };
        next.metadata.labels = labels;
        next.metadata.annotations = { ...(next.metadata.annotations ?? {}), [ANN_LAST_CHANGE_TRIGGER_TIME]: this.ctx.clock.nowISO() };
        next.endpoints = endpoints;
        if (ports) next.ports = ports;
        else delete next.ports;
        // The endpoints are mostly the stored (frozen) ones of the last write: shared, not copied.
        // (Defaulting changes only ports, which are built afresh and so copied.)
        written = api.update('endpointslices', ns, next, { sharedResult: true, shareFrozen: true });
      } else {
        const slice: EndpointSlice = {
          metadata: {
            generateName: `${name}-`, namespace: ns, labels,
            annotations: { [ANN_LAST_CHANGE_TRIGGER_TIME]: this.ctx.clock.nowISO() },
            ownerReferences: [{ apiVersion: 'v1', kind: 'Service', name, uid: svc.metadata.uid!, controller: true, blockOwnerDeletion: true }],
          },
          addressType: 'IPv4',
          endpoints,
          ...(ports ? { ports } : {}),
        };
        written = api.create('endpointslices', ns, slice, { sharedResult: true });
      }
      // The stored slice holds copies of what was written, in the same order: each pod's
      // endpoint becomes its stored (frozen) copy, so while the pod does not change, comparing
      // this slice next time finds the same objects rather than walking equal ones.
      if (g && written !== cur && written.endpoints?.length === p.idx.length) {
        for (let j = 0; j < p.idx.length; j++) g.entries[p.idx[j]].derived!.ep = written.endpoints[j];
      }
    }
    for (const sl of leftovers) api.delete('endpointslices', ns, sl.metadata.name!);
  }

  private keysOf(sl: EndpointSlice): string[] {
    let keys = this.sliceKeys.get(sl);
    if (!keys) this.sliceKeys.set(sl, (keys = (sl.endpoints ?? []).map(endpointKey)));
    return keys;
  }

  private slicesOf(ns: string, service: string): EndpointSlice[] {
    return this.ctx.informers.for<EndpointSlice>('endpointslices').list(ns)
      .filter((s) => this.isSliceOf(s, service))
      .sort(byName);
  }

  private isSliceOf(s: EndpointSlice, service: string): boolean {
    return s.metadata.labels?.[LABEL_SERVICE_NAME] === service && s.metadata.labels?.[LABEL_SLICE_MANAGED_BY] === ENDPOINTSLICE_CONTROLLER_NAME;
  }

  /**
   * A pod's endpoint and ports under the Service, or no endpoint: one without an IP, or that
   * offers none of a Service's ports.
   */
  private podEndpoint(pod: Pod, svc: Service, portsJSON: Map<string, string>, zone: string | undefined): PodEndpoint {
    const ports: SlicePort[] = [];
    const node = pod.spec?.nodeName;
    if (!shouldPodBeInEndpoints(pod, true)) return { ports, pk: '', key: '', node, zone };
    let numbers = '';
    for (const sp of svc.spec?.ports ?? []) {
      const n = findPort(pod, sp);
      numbers += `${n},`;
      if (n === undefined) continue;
      const p: SlicePort = { name: sp.name ?? '', protocol: sp.protocol ?? 'TCP', port: n };
      if (sp.appProtocol) p.appProtocol = sp.appProtocol;
      ports.push(p);
    }
    if ((svc.spec?.ports ?? []).length && !ports.length) return { ports, pk: '', key: '', node, zone };
    // The ports are the Service's ports with the numbers findPort gives: the same numbers give
    // the same JSON, worked out once rather than once per pod.
    let pk = portsJSON.get(numbers);
    if (pk === undefined) portsJSON.set(numbers, (pk = JSON.stringify(ports)));
    const ep = this.podToEndpoint(pod, svc, zone);
    return { ep, ports, pk, key: endpointKey(ep), node, zone };
  }

  /** podToEndpoint: ready only if Ready and not terminating (unless publishNotReadyAddresses). */
  private podToEndpoint(pod: Pod, svc: Service, zone: string | undefined): SliceEndpoint {
    const podReady = isPodReady(pod);
    const terminating = !!pod.metadata.deletionTimestamp;
    const publish = !!svc.spec?.publishNotReadyAddresses;
    let ready = publish || podReady;
    if (terminating && !publish) ready = false;
    const ep: SliceEndpoint = {
      addresses: [pod.status!.podIP ?? pod.status!.podIPs![0].ip!],
      conditions: { ready, serving: podReady, terminating },
    };
    if (shouldSetHostname(pod, svc)) ep.hostname = pod.spec!.hostname;
    ep.targetRef = { kind: 'Pod', namespace: pod.metadata.namespace, name: pod.metadata.name, uid: pod.metadata.uid };
    if (pod.spec?.nodeName) {
      ep.nodeName = pod.spec.nodeName;
      if (zone) ep.zone = zone;
    }
    return ep;
  }
}

function endpointKey(e: SliceEndpoint): string {
  return e.targetRef ? `${e.targetRef.namespace}/${e.targetRef.name}` : e.addresses[0];
}

function sameLabels(a: Record<string, string> | undefined, b: Record<string, string>): boolean {
  const ea = Object.entries(a ?? {}).sort(([x], [y]) => (x < y ? -1 : 1));
  const eb = Object.entries(b).sort(([x], [y]) => (x < y ? -1 : 1));
  return JSON.stringify(ea) === JSON.stringify(eb);
}
