// The API server's proxy subresources, as `kubectl proxy` and `kubectl get --raw` reach them:
//   /api/v1/namespaces/<ns>/pods/[<scheme>:]<pod>[:<port>]/proxy/<path>
//   /api/v1/namespaces/<ns>/services/[<scheme>:]<svc>[:<port>]/proxy/<path>
// Sources: kubernetes/kubernetes pkg/registry/core/pod/strategy.go ResourceLocation (no port:
// the first containerPort), pkg/registry/core/service/storage/storage.go ResourceLocation (port
// by name, or by number translated to the port's name; an empty port part only matches an
// unnamed port; a random ready address), apimachinery pkg/util/net SplitSchemeNamePort,
// apimachinery pkg/util/proxy/upgradeaware.go (301 for an empty path; `error trying to reach
// service: ...` 503 when the dial fails).
import type { HttpRequest, HttpResponse, NetError } from '../runtime-api.ts';
import type { Endpoints, Pod, Service } from '../types.ts';
import { ApiError, badRequest, notFound, serviceUnavailable, type Status } from '../api/errors.ts';
import { resourceInfo } from '../api/resources.ts';
import { isNetError } from './http.ts';

export interface ProxyView {
  pod(namespace: string, name: string): Pod | undefined;
  service(namespace: string, name: string): Service | undefined;
  endpoints(namespace: string, name: string): Endpoints | undefined;
}

/** Sends the request to a pod's port (through the kubelet's container runtime). */
export type DialPod = (pod: Pod, port: number, req: HttpRequest) => HttpResponse | NetError;

const PROXY_PATH = /^\/api\/v1\/namespaces\/([^/]+)\/(pods|services)\/([^/]+)\/proxy(\/.*)?$/;

/** Whether a request path (query and all) is one of the proxy subresources. */
export function isProxyPath(path: string): boolean {
  const q = path.indexOf('?');
  return PROXY_PATH.test(q < 0 ? path : path.slice(0, q));
}

export function apiServerProxy(view: ProxyView, dial: DialPod, pick: (n: number) => number, path: string, req: Partial<HttpRequest> = {}): HttpResponse {
  const q = path.indexOf('?');
  const urlPath = q < 0 ? path : path.slice(0, q);
  const query = q < 0 ? '' : path.slice(q);
  const m = PROXY_PATH.exec(urlPath);
  if (!m) return statusResponse(notFoundPath());
  const [, ns, kind, id, rest] = m;
  const method = (req.method ?? 'GET').toUpperCase();
  try {
    const target = kind === 'pods' ? podLocation(view, ns, decodeURIComponent(id)) : serviceLocation(view, ns, decodeURIComponent(id), pick);
    if (!rest && (method === 'GET' || method === 'HEAD')) {
      return { status: 301, headers: { location: `${urlPath}/${query}` }, body: '' };
    }
    const forwarded: HttpRequest = { method, path: `${rest || '/'}${query}`, headers: req.headers, body: req.body };
    const portNum = Number(target.port);
    if (!/^[0-9]+$/.test(target.port)) throw serviceUnavailable(`error trying to reach service: dial tcp: lookup tcp/${target.port}: unknown port`);
    const res = dial(target.pod, portNum, forwarded);
    if (isNetError(res)) {
      const why = res.error === 'timeout' ? 'i/o timeout' : 'connect: connection refused';
      throw serviceUnavailable(`error trying to reach service: dial tcp ${target.ip}:${portNum}: ${why}`);
    }
    return res;
  } catch (e) {
    if (e instanceof ApiError) return statusResponse(e.status);
    throw e;
  }
}

/** SplitSchemeNamePort: `name`, `name:port` or `scheme:name:port` (scheme "", http or https). */
export function splitSchemeNamePort(id: string): { scheme: string; name: string; port: string } | undefined {
  const parts = id.split(':');
  let scheme = '';
  let name: string;
  let port = '';
  if (parts.length === 1) name = parts[0];
  else if (parts.length === 2) [name, port] = parts;
  else if (parts.length === 3) [scheme, name, port] = parts;
  else return undefined;
  if (!name || !['', 'http', 'https'].includes(scheme)) return undefined;
  return { scheme, name, port };
}

interface Location {
  pod: Pod;
  ip: string;
  port: string;
}

function podLocation(view: ProxyView, ns: string, id: string): Location {
  const parts = splitSchemeNamePort(id);
  if (!parts) throw badRequest(`invalid pod request "${id}"`);
  const pod = view.pod(ns, parts.name);
  if (!pod) throw notFound(resourceInfo('pods')!, parts.name);
  let port = parts.port;
  if (!port) {
    // Try to figure out a port: the first one a container declares.
    for (const c of pod.spec?.containers ?? []) {
      if (c.ports?.length) {
        port = String(c.ports[0].containerPort);
        break;
      }
    }
  }
  const ip = pod.status?.podIP ?? '';
  if (!ip) throw badRequest('address not allowed'); // proxyutil.IsProxyableIP
  // No port at all: the URL has none, so HTTP's 80 (https: 443).
  return { pod, ip, port: port || (parts.scheme === 'https' ? '443' : '80') };
}

function serviceLocation(view: ProxyView, ns: string, id: string, pick: (n: number) => number): Location {
  const parts = splitSchemeNamePort(id);
  if (!parts) throw badRequest(`invalid service request "${id}"`);
  const { name } = parts;
  let portStr = parts.port;
  // A port *number* is translated to that Service port's name.
  if (/^[0-9]+$/.test(portStr)) {
    const svc = view.service(ns, name);
    if (!svc) throw notFound(resourceInfo('services')!, name);
    const sp = (svc.spec?.ports ?? []).find((p) => p.port === Number(portStr));
    if (!sp) throw serviceUnavailable(`no service port ${Number(portStr)} found for service "${name}"`);
    portStr = sp.name ?? '';
  }
  const eps = view.endpoints(ns, name);
  if (!eps) throw notFound(resourceInfo('endpoints')!, name);
  const subsets = eps.subsets ?? [];
  if (!subsets.length) throw serviceUnavailable(`no endpoints available for service "${name}"`);
  // Pick a random subset to start from, then a random address within the first subset that has the port.
  const ssSeed = pick(subsets.length);
  for (let i = 0; i < subsets.length; i++) {
    const ss = subsets[(ssSeed + i) % subsets.length];
    if (!ss.addresses?.length) continue;
    for (const p of ss.ports ?? []) {
      if ((p.name ?? '') !== portStr) continue;
      const addrSeed = pick(ss.addresses.length);
      for (let t = 0; t < ss.addresses.length; t++) {
        const addr = ss.addresses[(addrSeed + t) % ss.addresses.length];
        // We only proxy to addresses that are actually pods (isValidAddress).
        if (addr.targetRef?.kind !== 'Pod') continue;
        const pod = view.pod(addr.targetRef.namespace ?? ns, addr.targetRef.name!);
        if (!pod || pod.status?.podIP !== addr.ip) continue;
        return { pod, ip: addr.ip, port: String(p.port) };
      }
    }
  }
  throw serviceUnavailable(`no endpoints available for service "${name}"`);
}

/** The API server's answer to a path it does not serve. */
export function notFoundPath(): Status {
  return { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: 'the server could not find the requested resource', reason: 'NotFound', details: {}, code: 404 };
}

/** A Status as the API server writes it to curl (pretty-printed JSON). */
export function statusResponse(s: Status): HttpResponse {
  return { status: s.code, headers: { 'content-type': 'application/json' }, body: `${JSON.stringify(s, null, 2)}\n` };
}
