// What the API server answers to a GET outside the proxy subresources, as `kubectl proxy`
// passes it on from curl: the health checks, /version, /api and /apis (the lab's groups), and
// the objects and lists of the kinds
// the lab serves (`/api/v1/namespaces/default/pods/web-0`, `/apis/apps/v1/statefulsets`), with
// labelSelector and fieldSelector. Anything else is the API server's generic 404.
// JSON is pretty-printed for curl, Wget and browsers, or with ?pretty=true (apiserver
// handlers/negotiation isPrettyPrint); list items carry no kind or apiVersion, as the server
// encodes them. Objects print kind, apiVersion and metadata first, with metadata's fields in
// ObjectMeta's order; the fields below them keep the order the lab stored them in, not Go's
// struct order (the lab keeps no field order per kind).
// The lab's proxy changes nothing: other methods get a 405 that says so, and a watch a 501.
// Sources: kubernetes/kubernetes staging/src/k8s.io/apiserver/pkg/endpoints (installer paths),
// pkg/server/healthz ("ok"), pkg/endpoints/handlers/responsewriters.
import type { ApiClient, KubeObject } from '../api/client.ts';
import { ApiError, methodNotAllowed, type Status } from '../api/errors.ts';
import { RESOURCES, type ResourceInfo } from '../api/resources.ts';
import { SERVER_VERSION_INFO } from '../api/version.ts';
import { goEscapeHtml } from '../api/field.ts';
import type { HttpRequest, HttpResponse } from '../runtime-api.ts';
import { notFoundPath } from './proxy.ts';

const HEALTH = new Set(['/healthz', '/livez', '/readyz']);

/** ObjectMeta's fields in the order the server writes them (k8s.io/apimachinery meta/v1 types.go). */
const OBJECT_META_ORDER = [
  'name', 'generateName', 'namespace', 'selfLink', 'uid', 'resourceVersion', 'generation', 'creationTimestamp',
  'deletionTimestamp', 'deletionGracePeriodSeconds', 'labels', 'annotations', 'ownerReferences', 'finalizers', 'managedFields',
];

export function apiServerRest(api: ApiClient, path: string, req: Partial<HttpRequest> = {}): HttpResponse {
  const q = path.indexOf('?');
  const urlPath = q < 0 ? path : path.slice(0, q);
  const query = parseQuery(q < 0 ? '' : path.slice(q + 1));
  const pretty = isPrettyPrint(query, req.headers);
  const method = (req.method ?? 'GET').toUpperCase();
  try {
    if (HEALTH.has(urlPath)) return readOnly(method) ?? { status: 200, headers: { 'content-type': 'text/plain; charset=utf-8' }, body: 'ok' };
    if (urlPath === '/version') return readOnly(method) ?? json(200, SERVER_VERSION_INFO, pretty);
    if (urlPath === '/api' || urlPath === '/api/') return readOnly(method) ?? json(200, API_VERSIONS, pretty);
    if (urlPath === '/apis' || urlPath === '/apis/') return readOnly(method) ?? json(200, apiGroupList(), pretty);
    const target = parsePath(urlPath);
    if (!target) return statusJson(notFoundPath(), pretty);
    const refused = readOnly(method);
    if (refused) return refused;
    if (/^(true|1)$/.test(query.get('watch') ?? '')) {
      return statusJson({ ...notFoundPath(), code: 501, reason: 'NotImplemented', message: "the lab's API server proxy does not stream watches: use kubectl get -w" }, pretty);
    }
    const { info, namespace, name } = target;
    if (name !== undefined) return json(200, ordered(api.get(info.resource, namespace, name), true), pretty);
    const list = api.list(info.resource, namespace, {
      labelSelector: query.get('labelSelector') ?? undefined,
      fieldSelector: query.get('fieldSelector') ?? undefined,
    });
    return json(200, { kind: list.kind, apiVersion: list.apiVersion, metadata: list.metadata, items: list.items.map((o) => ordered(o, false)) }, pretty);
  } catch (e) {
    if (e instanceof ApiError) return statusJson(e.status, pretty);
    throw e;
  }

  /** GET and HEAD only: this proxy is for looking. */
  function readOnly(m: string): HttpResponse | undefined {
    if (m === 'GET' || m === 'HEAD') return undefined;
    return statusJson(methodNotAllowed(`the lab's API server proxy only reads (GET): change objects with kubectl`).status, pretty);
  }
}

/** GET /api: the core group's versions, and where clients reach the server (minikube's API server address). */
const API_VERSIONS = { kind: 'APIVersions', versions: ['v1'], serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress: '192.168.49.2:8443' }] };

/** The groups the server lists first come first (its built-in groups' priority: apps before storage.k8s.io...). */
const GROUP_PRIORITY = ['apps', 'storage.k8s.io', 'coordination.k8s.io', 'discovery.k8s.io'];

/** GET /apis: the named groups the lab serves, each with its one version. */
function apiGroupList(): unknown {
  const groups = [...new Set(RESOURCES.map((r) => r.group).filter(Boolean))];
  groups.sort((a, b) => rank(a) - rank(b) || (a < b ? -1 : 1));
  return {
    kind: 'APIGroupList',
    apiVersion: 'v1',
    groups: groups.map((name) => {
      const version = RESOURCES.find((r) => r.group === name)!.version;
      const gv = { groupVersion: `${name}/${version}`, version };
      return { name, versions: [gv], preferredVersion: gv };
    }),
  };
  function rank(g: string): number {
    const k = GROUP_PRIORITY.indexOf(g);
    return k < 0 ? GROUP_PRIORITY.length : k;
  }
}

/** `/api/v1[/namespaces/NS]/RESOURCE[/NAME[/status]]`, `/apis/GROUP/VERSION/...`; undefined for any other path. */
function parsePath(path: string): { info: ResourceInfo; namespace?: string; name?: string } | undefined {
  let parts: string[];
  try {
    parts = path.split('/').filter(Boolean).map(decodeURIComponent);
  } catch {
    return undefined; // a malformed %-escape names nothing the server has
  }
  let group: string;
  let version: string;
  let rest: string[];
  if (parts[0] === 'api') [group, version, rest] = ['', parts[1], parts.slice(2)];
  else if (parts[0] === 'apis') [group, version, rest] = [parts[1], parts[2], parts.slice(3)];
  else return undefined;
  let namespace: string | undefined;
  if (rest[0] === 'namespaces' && rest.length >= 3) {
    namespace = rest[1];
    rest = rest.slice(2);
  }
  const [resource, name, sub, ...more] = rest;
  const info = RESOURCES.find((r) => r.resource === resource && r.group === group && r.version === version);
  if (!info || more.length || (sub !== undefined && sub !== 'status')) return undefined;
  if (namespace !== undefined && !info.namespaced) return undefined;
  // A namespaced object is reached through its namespace; its collection also across all of them.
  if (name !== undefined && info.namespaced && namespace === undefined) return undefined;
  return { info, namespace, name };
}

/** The object as the server writes it: kind, apiVersion, metadata (ObjectMeta order), the rest as stored. */
function ordered(o: KubeObject, withType: boolean): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (withType) {
    out.kind = o.kind;
    out.apiVersion = o.apiVersion;
  }
  const meta: Record<string, unknown> = {};
  const m = o.metadata as Record<string, unknown>;
  for (const k of OBJECT_META_ORDER) if (m[k] !== undefined) meta[k] = m[k];
  for (const k of Object.keys(m)) if (!(k in meta) && m[k] !== undefined) meta[k] = m[k];
  out.metadata = meta;
  for (const [k, v] of Object.entries(o)) if (k !== 'kind' && k !== 'apiVersion' && k !== 'metadata') out[k] = v;
  return out;
}

/** A query's parameters (the first of each name), as net/url's Query().Get reads them. */
function parseQuery(text: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const part of text.split('&')) {
    if (!part) continue;
    const eq = part.indexOf('=');
    const decode = (s: string) => {
      try {
        return decodeURIComponent(s.replace(/\+/g, ' '));
      } catch {
        return s;
      }
    };
    const key = decode(eq < 0 ? part : part.slice(0, eq));
    if (!out.has(key)) out.set(key, decode(eq < 0 ? '' : part.slice(eq + 1)));
  }
  return out;
}

/** isPrettyPrint: ?pretty= wins; else curl, Wget and browsers get indented JSON. */
function isPrettyPrint(query: Map<string, string>, headers: Record<string, string> | undefined): boolean {
  const pp = query.get('pretty');
  if (pp) return /^(1|t|T|TRUE|true|True)$/.test(pp);
  const ua = Object.entries(headers ?? {}).find(([k]) => k.toLowerCase() === 'user-agent')?.[1] ?? '';
  return ua.startsWith('curl') || ua.startsWith('Wget') || ua.startsWith('Mozilla/5.0');
}

/** The JSON serializer's output: one line, or indented by two spaces; a newline after it. */
function json(status: number, body: unknown, pretty: boolean): HttpResponse {
  const text = goEscapeHtml(JSON.stringify(body, null, pretty ? 2 : undefined));
  return { status, headers: { 'content-type': 'application/json' }, body: `${text}\n` };
}

function statusJson(s: Status, pretty: boolean): HttpResponse {
  return json(s.code, s, pretty);
}
