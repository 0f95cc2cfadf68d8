// Cluster DNS as CoreDNS's kubernetes plugin answers it, by the Kubernetes DNS specification
// (kubernetes/dns docs/specification.md, schema 1.0.1):
// - ClusterIP Service: `<svc>.<ns>.svc.cluster.local A <clusterIP>`; SRV per port → the service name.
// - headless Service: one A per *ready* endpoint, NXDOMAIN when there is none (§2.4.1);
//   `<hostname>.<svc>.<ns>.svc.cluster.local` for each ready endpoint; SRV per ready endpoint ×
//   port → that endpoint's name (§2.4.2); PTR of an endpoint IP → its name (§2.4.3; CoreDNS
//   answers it for the endpoints of every Service, reverse.go).
// - `<a>-<b>-<c>-<d>.<ns>.pod.cluster.local A` (§2.6, deprecated but required).
// Endpoints are read from EndpointSlices (`conditions.ready`), as CoreDNS does. An endpoint
// without a hostname is named by its dashed IP (`10-244-1-5`), CoreDNS's system-assigned name.
// The pod's resolver (/etc/resolv.conf written by the kubelet): search
// `<ns>.svc.cluster.local svc.cluster.local cluster.local`, options ndots:5.
import type { DnsAnswer, DnsRecord } from '../runtime-api.ts';
import type { EndpointSlice, Service } from '../types.ts';

export const CLUSTER_DOMAIN = 'cluster.local';
/** The `ttl 30` of the Corefile minikube and kubeadm ship. */
export const DNS_TTL = 30;
export const NDOTS = 5;
export const KUBE_DNS_IP = '10.96.0.10';

/** What the DNS server reads (its informer caches). */
export interface DnsView {
  service(namespace: string, name: string): Service | undefined;
  services(): Service[];
  /** The EndpointSlices of a Service (label kubernetes.io/service-name). */
  slices(namespace: string, service: string): EndpointSlice[];
  namespaceExists(name: string): boolean;
}

export function searchPath(namespace: string): string[] {
  return [`${namespace}.svc.${CLUSTER_DOMAIN}`, `svc.${CLUSTER_DOMAIN}`, CLUSTER_DOMAIN];
}

/**
 * A query as a pod's stub resolver sends it: a name with fewer than ndots dots is tried with each
 * search domain first, then as is; a name ending in `.` only as is. The first answer with records
 * wins; NODATA (NOERROR, no records) lets the search go on, as glibc and musl do.
 */
export function resolve(view: DnsView, fromNamespace: string, name: string, type: 'A' | 'SRV' | 'PTR' = 'A'): DnsAnswer {
  let n = name.trim().toLowerCase();
  if (type === 'PTR' && isIPv4(n)) n = `${n.split('.').reverse().join('.')}.in-addr.arpa.`;
  const absolute = n.endsWith('.');
  if (absolute) n = n.slice(0, -1);
  const dots = (n.match(/\./g) ?? []).length;
  const search = searchPath(fromNamespace).map((s) => `${n}.${s}`);
  const candidates = absolute ? [n] : dots >= NDOTS ? [n, ...search] : [...search, n];
  let nodata: DnsAnswer | undefined;
  for (const c of candidates) {
    const a = lookup(view, c, type);
    if (a.records.length) return a;
    if (a.rcode === 'NOERROR' && !nodata) nodata = a;
  }
  return nodata ?? { rcode: 'NXDOMAIN', name: n, records: [] };
}

/** One absolute name, no search path. */
export function lookup(view: DnsView, fqdn: string, type: 'A' | 'SRV' | 'PTR'): DnsAnswer {
  const name = fqdn.toLowerCase().replace(/\.$/, '');
  const all = recordsFor(view, name);
  if (!all) return { rcode: 'NXDOMAIN', name, records: [] };
  return { rcode: 'NOERROR', name, records: all.filter((r) => r.type === type) };
}

/** Every record a name has, or undefined when the name does not exist (NXDOMAIN). */
function recordsFor(view: DnsView, name: string): DnsRecord[] | undefined {
  if (name.endsWith('.in-addr.arpa')) return ptrRecords(view, name);
  if (name !== CLUSTER_DOMAIN && !name.endsWith(`.${CLUSTER_DOMAIN}`)) return undefined; // no upstream: the lab is offline
  const labels = name === CLUSTER_DOMAIN ? [] : name.slice(0, -CLUSTER_DOMAIN.length - 1).split('.');
  const n = labels.length;
  if (n === 0) return [];
  if (labels[n - 1] === 'pod') {
    // <a-b-c-d>.<ns>.pod.cluster.local
    if (n === 1) return [];
    if (n === 2) return view.namespaceExists(labels[0]) ? [] : undefined;
    if (n !== 3) return undefined;
    const ip = labels[0].replace(/-/g, '.');
    return isIPv4(ip) ? [{ type: 'A', name, ip, ttl: DNS_TTL }] : undefined;
  }
  if (labels[n - 1] !== 'svc') return undefined;
  if (n === 1) return [];
  if (n === 2) return view.namespaceExists(labels[0]) ? [] : undefined;
  const ns = labels[n - 2];
  const svcName = labels[n - 3];
  const svc = view.service(ns, svcName);
  if (!svc) return undefined;
  if (n === 3) return serviceRecords(view, svc, name);
  if (n === 4) return endpointRecords(view, svc, labels[0], name);
  if (n === 5 && labels[0].startsWith('_') && labels[1].startsWith('_')) return srvRecords(view, svc, labels[0].slice(1), labels[1].slice(1), name);
  return undefined;
}

interface ReadyEndpoint {
  ip: string;
  host: string; // hostname, or the dashed IP
}

/** Ready endpoints of a Service across its slices, deduplicated by IP, in slice order. */
function readyEndpoints(view: DnsView, svc: Service): { eps: ReadyEndpoint[]; ports: Map<string, { port: number; protocol: string }> } {
  const eps: ReadyEndpoint[] = [];
  const seen = new Set<string>();
  const ports = new Map<string, { port: number; protocol: string }>();
  for (const s of view.slices(svc.metadata.namespace!, svc.metadata.name!)) {
    for (const p of s.ports ?? []) ports.set(`${p.name ?? ''}/${p.protocol ?? 'TCP'}`, { port: p.port!, protocol: p.protocol ?? 'TCP' });
    for (const e of s.endpoints ?? []) {
      if (e.conditions?.ready === false) continue; // nil means ready
      for (const ip of e.addresses) {
        if (seen.has(ip)) continue;
        seen.add(ip);
        eps.push({ ip, host: e.hostname ?? ip.replace(/\./g, '-') });
      }
    }
  }
  return { eps, ports };
}

function isHeadless(svc: Service): boolean {
  return svc.spec?.clusterIP === 'None';
}

function svcFqdn(svc: Service): string {
  return `${svc.metadata.name}.${svc.metadata.namespace}.svc.${CLUSTER_DOMAIN}`;
}

function serviceRecords(view: DnsView, svc: Service, name: string): DnsRecord[] | undefined {
  if (!isHeadless(svc)) {
    const ip = svc.spec?.clusterIP;
    if (!ip) return undefined;
    const ports = svc.spec?.ports ?? [];
    return [
      { type: 'A', name, ip, ttl: DNS_TTL },
      // A query without _port._proto matches every port (CoreDNS treats them as wildcards).
      ...ports.map((p): DnsRecord => ({ type: 'SRV', name, port: p.port, priority: 0, weight: weight(ports.length), target: svcFqdn(svc), ttl: DNS_TTL })),
    ];
  }
  const { eps, ports } = readyEndpoints(view, svc);
  if (!eps.length) return undefined; // §2.4.1: no ready endpoints → NXDOMAIN
  const srv: DnsRecord[] = [];
  const total = eps.length * ports.size;
  for (const p of ports.values()) for (const e of eps) srv.push({ type: 'SRV', name, port: p.port, priority: 0, weight: weight(total), target: `${e.host}.${svcFqdn(svc)}`, ttl: DNS_TTL });
  return [...eps.map((e): DnsRecord => ({ type: 'A', name, ip: e.ip, ttl: DNS_TTL })), ...srv];
}

function endpointRecords(view: DnsView, svc: Service, host: string, name: string): DnsRecord[] | undefined {
  if (!isHeadless(svc)) return undefined; // the spec gives per-endpoint names to headless Services only
  const recs = readyEndpoints(view, svc).eps.filter((e) => e.host === host).map((e): DnsRecord => ({ type: 'A', name, ip: e.ip, ttl: DNS_TTL }));
  return recs.length ? recs : undefined;
}

function srvRecords(view: DnsView, svc: Service, port: string, proto: string, name: string): DnsRecord[] | undefined {
  const matches = (svc.spec?.ports ?? []).filter((p) => (p.name ?? '').toLowerCase() === port && (p.protocol ?? 'TCP').toLowerCase() === proto && p.name);
  if (!matches.length) return undefined; // unnamed ports have no SRV record
  if (!isHeadless(svc)) {
    return matches.map((p): DnsRecord => ({ type: 'SRV', name, port: p.port, priority: 0, weight: weight(matches.length), target: svcFqdn(svc), ttl: DNS_TTL }));
  }
  const { eps, ports } = readyEndpoints(view, svc);
  if (!eps.length) return undefined;
  const out: DnsRecord[] = [];
  for (const p of matches) {
    const ep = ports.get(`${p.name}/${p.protocol ?? 'TCP'}`);
    if (!ep) continue;
    for (const e of eps) out.push({ type: 'SRV', name, port: ep.port, priority: 0, weight: 0, target: `${e.host}.${svcFqdn(svc)}`, ttl: DNS_TTL });
  }
  for (const r of out) if (r.type === 'SRV') r.weight = weight(out.length);
  return out.length ? out : undefined;
}

/**
 * PTR as CoreDNS answers it (plugin/kubernetes/reverse.go serviceRecordForIP): the first Service
 * whose ClusterIP is the address → `<svc>.<ns>.svc.<zone>`; else every ready endpoint with that
 * address, of any Service → `<hostname or dashed IP>.<svc>.<ns>.svc.<zone>`. An address nobody
 * has falls through to the upstream resolver, which answers NXDOMAIN.
 */
function ptrRecords(view: DnsView, name: string): DnsRecord[] | undefined {
  const parts = name.slice(0, -'.in-addr.arpa'.length).split('.');
  if (parts.length !== 4) return undefined;
  const ip = parts.reverse().join('.');
  if (!isIPv4(ip)) return undefined;
  const services = view.services().sort((a, b) => (svcFqdn(a) < svcFqdn(b) ? -1 : 1));
  const byClusterIP = services.find((svc) => svc.spec?.clusterIP === ip);
  if (byClusterIP) return [{ type: 'PTR', name, target: svcFqdn(byClusterIP), ttl: DNS_TTL }];
  // CoreDNS lists them in its endpoint index's order, which is arbitrary, and a client such as
  // getnameinfo takes the first; here endpoints with a hostname (a StatefulSet pod under its
  // headless Service) come first, so a pod also behind a ClusterIP Service keeps its stable name.
  const named: DnsRecord[] = [];
  const dashed: DnsRecord[] = [];
  for (const svc of services) {
    for (const e of readyEndpoints(view, svc).eps) {
      if (e.ip === ip) (e.host === ip.replace(/\./g, '-') ? dashed : named).push({ type: 'PTR', name, target: `${e.host}.${svcFqdn(svc)}`, ttl: DNS_TTL });
    }
  }
  const out = [...named, ...dashed];
  return out.length ? out : undefined;
}

/** CoreDNS spreads weight evenly over the records of one priority: 100 / n. */
function weight(n: number): number {
  return Math.floor(100 / Math.max(1, n));
}

export function isIPv4(s: string): boolean {
  const p = s.split('.');
  return p.length === 4 && p.every((x) => /^[0-9]{1,3}$/.test(x) && Number(x) <= 255);
}
