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
  ANN_LAST_CHANGE_TRIGGER_TIME, byName, findPort, isHeadless, isPodReady, LABEL_HEADLESS, LABEL_SERVICE_NAME, ServiceEndpointsController,
  shouldPodBeInEndpoints, shouldSetHostname,
} from './endpoint-util.ts';

export const LABEL_SLICE_MANAGED_BY = 'endpointslice.kubernetes.io/managed-by';
export const ENDPOINTSLICE_CONTROLLER_NAME = 'endpointslice-controller.k8s.io';
/** --max-endpoints-per-slice default. */
const MAX_ENDPOINTS_PER_SLICE = 100;

type SliceEndpoint = EndpointSlice['endpoints'][number];
type SlicePort = NonNullable<EndpointSlice['ports']>[number];

export class EndpointSliceController extends ServiceEndpointsController {
  readonly name = 'endpointslice-controller';

  protected endpointCount(ns: string, name: string): number {
    let n = 0;
    for (const s of this.slicesOf(ns, name)) n += s.endpoints?.length ?? 0;
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

    // Desired: endpoints grouped by the ports they offer.
    const groups = new Map<string, { ports: SlicePort[]; endpoints: SliceEndpoint[] }>();
    const pods = this.selectedPods(svc);
    // A pod's ports are the Service's ports with the numbers findPort gives: the same numbers
    // give the same JSON, worked out once rather than once per pod.
    const portsJSON = new Map<string, string>();
    for (const pod of pods) {
      if (!shouldPodBeInEndpoints(pod, true)) continue;
      const ports: SlicePort[] = [];
      let numbers = '';
      for (const sp of svc.spec.ports ?? []) {
        const n = findPort(pod, sp);
        numbers += `${n},`;
        if (n === undefined) continue;
        const p: SlicePort = { name: sp.name ?? '', protocol: sp.protocol ?? 'TCP', port: n };
        if (sp.appProtocol) p.appProtocol = sp.appProtocol;
        ports.push(p);
      }
      if ((svc.spec.ports ?? []).length && !ports.length) continue;
      let pk = portsJSON.get(numbers);
      if (pk === undefined) portsJSON.set(numbers, (pk = JSON.stringify(ports)));
      let g = groups.get(pk);
      if (!g) groups.set(pk, (g = { ports, endpoints: [] }));
      g.endpoints.push(this.podToEndpoint(pod, svc));
    }

    // Placement is stable, as in reconciler.go reconcileByAddressType: an endpoint stays in the
    // slice that has it (updated in place), new ones fill slices with room, then new slices.
    const labels: Record<string, string> = { ...(svc.metadata.labels ?? {}), [LABEL_SERVICE_NAME]: name, [LABEL_SLICE_MANAGED_BY]: ENDPOINTSLICE_CONTROLLER_NAME };
    if (isHeadless(svc)) labels[LABEL_HEADLESS] = '';
    const live = existing.filter((sl) => !sl.metadata.deletionTimestamp);
    const used = new Set<EndpointSlice>();
    const plans: { cur?: EndpointSlice; ports?: SlicePort[]; endpoints: SliceEndpoint[] }[] = [];
    for (const [pk, g] of groups) {
      const keys = g.endpoints.map(endpointKey);
      const want = new Map<string, SliceEndpoint>();
      for (let i = 0; i < keys.length; i++) want.set(keys[i], g.endpoints[i]);
      const placed = new Set<string>();
      const mine: typeof plans = [];
      for (const sl of live) {
        if (used.has(sl) || JSON.stringify(sl.ports ?? []) !== pk) continue;
        used.add(sl);
        const eps: SliceEndpoint[] = [];
        for (const e of sl.endpoints ?? []) {
          const k = endpointKey(e);
          const w = want.get(k);
          if (w && !placed.has(k)) {
            eps.push(w);
            placed.add(k);
          }
        }
        mine.push({ cur: sl, ports: g.ports, endpoints: eps });
      }
      const fresh = g.endpoints.filter((_, i) => !placed.has(keys[i]));
      // Taken from the front in order (an index, not shift(): a thousand new endpoints would
      // move the rest of the array a thousand times).
      let next = 0;
      for (const p of mine) while (next < fresh.length && p.endpoints.length < MAX_ENDPOINTS_PER_SLICE) p.endpoints.push(fresh[next++]);
      while (next < fresh.length) {
        mine.push({ ports: g.ports, endpoints: fresh.slice(next, next + MAX_ENDPOINTS_PER_SLICE) });
        next += MAX_ENDPOINTS_PER_SLICE;
      }
      for (const p of mine) {
        if (p.endpoints.length) plans.push(p);
        else if (p.cur) used.delete(p.cur);
      }
    }
    // A Service without endpoints still gets one (placeholder) slice.
    if (!plans.length) plans.push({ ports: undefined, endpoints: [] });
    // Creates become updates of slices that would otherwise be deleted (reconciler.go finalize),
    // so the placeholder keeps its name when the first pod arrives.
    const leftovers = live.filter((sl) => !used.has(sl));
    for (const p of plans) if (!p.cur && leftovers.length) p.cur = leftovers.shift();

    for (const p of plans) {
      const cur = p.cur;
      if (cur) {
        if (JSON.stringify(cur.ports ?? []) === JSON.stringify(p.ports ?? []) && sameLabels(cur.metadata.labels, labels)
          && deepEqual(cur.endpoints ?? [], p.endpoints)) continue;
        const next: EndpointSlice = { ...cur, metadata: clone(cur.metadata) };
        next.metadata.labels = labels;
        next.metadata.annotations = { ...(next.metadata.annotations ?? {}), [ANN_LAST_CHANGE_TRIGGER_TIME]: this.ctx.clock.nowISO() };
        next.endpoints = p.endpoints;
        if (p.ports) next.ports = p.ports;
        else delete next.ports;
        api.update('endpointslices', ns, next, { sharedResult: true });
      } else {
        const slice: EndpointSlice = {
          metadata: {
            generateName: `${name}-`, namespace: ns, labels,
            annotations: { [ANN_LAST_CHANGE_TRIGGER_TIME]: this.ctx.clock.nowISO() },
            ownerReferences: [{ apiVersion: 'v1', kind: 'Service', name, uid: svc.metadata.uid!, controller: true, blockOwnerDeletion: true }],
          },
          addressType: 'IPv4',
          endpoints: p.endpoints,
          ...(p.ports ? { ports: p.ports } : {}),
        };
        api.create('endpointslices', ns, slice, { sharedResult: true });
      }
    }
    for (const sl of leftovers) api.delete('endpointslices', ns, sl.metadata.name!);
  }

  private slicesOf(ns: string, service: string): EndpointSlice[] {
    return this.ctx.informers.for<EndpointSlice>('endpointslices').list(ns)
      .filter((s) => s.metadata.labels?.[LABEL_SERVICE_NAME] === service && s.metadata.labels?.[LABEL_SLICE_MANAGED_BY] === ENDPOINTSLICE_CONTROLLER_NAME)
      .sort(byName);
  }

  /** podToEndpoint: ready only if Ready and not terminating (unless publishNotReadyAddresses). */
  private podToEndpoint(pod: Pod, svc: Service): SliceEndpoint {
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
      const zone = this.ctx.informers.for<Node>('nodes').get(undefined, pod.spec.nodeName)?.metadata.labels?.['topology.kubernetes.io/zone'];
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
