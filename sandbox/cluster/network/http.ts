// HTTP between pods and Services, as kube-proxy and the pod network deliver it: a URL's host is
// resolved by cluster DNS (or is an IP), a ClusterIP is translated to one ready endpoint chosen
// at random (kube-proxy's iptables/nftables rules pick with equal probability), a pod IP goes to
// that pod, and the container's process answers through the kubelet.
// - A Service port with no ready endpoints is rejected (kube-proxy installs a REJECT rule:
//   curl sees "Connection refused"); with none ready it falls back to serving terminating
//   endpoints (ProxyTerminatingEndpoints, GA 1.28). Source: kubernetes/kubernetes
//   pkg/proxy/topology.go CategorizeEndpoints.
// - An IP nobody owns, or a ClusterIP port the Service does not expose, times out.
import type { HttpRequest, HttpResponse, NetError } from '../runtime-api.ts';
import type { EndpointSlice, Pod, Service } from '../types.ts';
import { isIPv4 } from './dns.ts';

export interface ParsedUrl {
  scheme: string;
  host: string;
  port: number;
  path: string; // with query
}

/** `http://web-0.nginx:8080/x?y`, `web-0.nginx/x`, `10.244.1.5`. */
export function parseUrl(url: string): ParsedUrl | undefined {
  const m = /^(?:([a-zA-Z][a-zA-Z0-9+.-]*):\/\/)?([^/:?#]+)(?::([0-9]*))?([/?][^#]*)?(?:#.*)?$/.exec(url.trim());
  if (!m) return undefined;
  const scheme = (m[1] ?? 'http').toLowerCase();
  const port = m[3] ? Number(m[3]) : scheme === 'https' ? 443 : 80;
  let path = m[4] ?? '/';
  if (path.startsWith('?')) path = `/${path}`;
  return { scheme, host: m[2], port, path };
}

/** What the network needs to see. */
export interface NetView {
  podByIP(ip: string): Pod | undefined;
  serviceByClusterIP(ip: string): Service | undefined;
  slices(namespace: string, service: string): EndpointSlice[];
}

export type Dial = (pod: Pod, port: number, req: HttpRequest) => HttpResponse | NetError;

/**
 * Where a connection to ip:port lands: a pod and a container port, or a NetError (host/port in
 * the error are the ones given, as curl reports them).
 */
export function connect(view: NetView, ip: string, port: number, pick: (n: number) => number): { pod: Pod; port: number } | 'refused' | 'timeout' {
  const svc = view.serviceByClusterIP(ip);
  if (svc) {
    const sp = (svc.spec?.ports ?? []).find((p) => p.port === port && (p.protocol ?? 'TCP') === 'TCP');
    if (!sp) return 'timeout';
    const candidates = serviceEndpoints(view, svc, sp.name ?? '');
    if (!candidates.length) return 'refused';
    const chosen = candidates[pick(candidates.length)];
    const pod = view.podByIP(chosen.ip);
    return pod ? { pod, port: chosen.port } : 'timeout';
  }
  const pod = view.podByIP(ip);
  return pod ? { pod, port } : 'timeout';
}

/** Ready endpoints for one Service port; serving-terminating ones only when none is ready. */
function serviceEndpoints(view: NetView, svc: Service, portName: string): { ip: string; port: number }[] {
  const ready: { ip: string; port: number }[] = [];
  const terminating: { ip: string; port: number }[] = [];
  for (const s of view.slices(svc.metadata.namespace!, svc.metadata.name!)) {
    const p = (s.ports ?? []).find((x) => (x.name ?? '') === portName);
    if (!p?.port) continue;
    for (const e of s.endpoints ?? []) {
      const ip = e.addresses[0];
      if (e.conditions?.ready !== false) ready.push({ ip, port: p.port });
      else if (e.conditions?.serving && e.conditions?.terminating) terminating.push({ ip, port: p.port });
    }
  }
  return ready.length ? ready : terminating;
}

export function isIP(host: string): boolean {
  return isIPv4(host);
}

export function netError(kind: NetError['error'], host: string, port: number): NetError {
  return kind === 'resolve' ? { error: 'resolve', host } : { error: kind, host, port };
}

export function isNetError(r: HttpResponse | NetError): r is NetError {
  return (r as NetError).error !== undefined;
}
