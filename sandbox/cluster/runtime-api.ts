// The few side channels a real cluster has besides the resource API, as interfaces that the
// components implement and the hosts (kubectl exec, curl, nslookup, the lab command) use:
// what a container sees, HTTP between pods, cluster DNS, and the lab's machine operations.
import type { FileSystem } from './fs.ts';

export interface HttpRequest {
  method: string; // GET, POST...
  path: string; // with query, e.g. `/` or `/data?x=1`
  headers?: Record<string, string>;
  body?: string;
}

export interface HttpResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** Why a connection failed, in curl's words (curl exit codes 6, 7, 28). */
export type NetError =
  | { error: 'resolve'; host: string } // curl: (6) Could not resolve host: web-0.nginx
  | { error: 'refused'; host: string; port: number } // curl: (7) Failed to connect to ... Connection refused
  | { error: 'timeout'; host: string; port: number } // curl: (28) ... timed out
  | { error: 'empty'; host: string; port: number }; // curl: (52) Empty reply from server (accepted, then closed)

/** Implemented by the kubelet component (name 'kubelet'). */
export interface KubeletRuntime {
  /**
   * What `kubectl exec` runs in: undefined when the pod/container is not running there. With
   * `exited`, also a container whose process has ended (kubectl run -it showing what a command
   * that finished before the attach printed).
   */
  containerEnv(namespace: string, pod: string, container?: string, opts?: { exited?: boolean }): ContainerEnv | undefined;
  /**
   * The session attached by `kubectl run -i` has ended: with `stdinOnce` the runtime closes the
   * container's stdin (core/v1 Container.stdinOnce), so a shell reading it ends. That session
   * was the shell itself, so the shell ends with the session's `exitCode` (`exit 3`; at EOF,
   * the last command's status).
   */
  closeStdin?(namespace: string, pod: string, container?: string, exitCode?: number): void;
  /** A request to a container port of a running pod, as its process would answer it. */
  serveHttp(namespace: string, pod: string, port: number, req: HttpRequest): HttpResponse | NetError;
  /** Container logs (`kubectl logs`), oldest first; previous = the last terminated instance. */
  logs(namespace: string, pod: string, container?: string, previous?: boolean): LogLine[] | undefined;
  /** The machine under a node: stop (power off), cut (alive, unreachable), start (boot / reconnect). */
  stopNode(name: string): void;
  cutNode(name: string): void;
  startNode(name: string): void;
  nodeState(name: string): 'running' | 'stopped' | 'cut' | undefined;
}

/**
 * One line of a container's log and when it was written (virtual ms): the container runtime
 * keeps a timestamp with every line (the CRI log format, `<RFC3339Nano> stdout F <line>`), which
 * `kubectl logs --timestamps` prints and `--since` filters on.
 */
export interface LogLine {
  at: number;
  text: string;
}

export interface ContainerEnv {
  namespace: string;
  pod: string;
  container: string;
  image: string;
  hostname: string;
  podIP: string;
  /** The container's root: image files overlaid with its volume mounts (writes to a mount persist on the volume). */
  fs: FileSystem;
  env: Record<string, string>;
  /** Commands the image has (busybox: sh, ls, cat, nslookup, wget...; nginx: sh, cat, curl...). */
  programs: string[];
  /** Appends to the container's log (what a process writes to stdout). */
  log?(line: string): void;
}

/** One DNS answer record as the cluster DNS gives it (kubernetes/dns docs/specification.md). */
export type DnsRecord =
  | { type: 'A'; name: string; ip: string; ttl: number }
  | { type: 'SRV'; name: string; port: number; priority: number; weight: number; target: string; ttl: number }
  | { type: 'PTR'; name: string; target: string; ttl: number };

export interface DnsAnswer {
  /** NXDOMAIN when the name does not exist (also a headless Service with no ready endpoints: kubernetes/dns docs/specification.md 2.4.1). */
  rcode: 'NOERROR' | 'NXDOMAIN';
  /** The fully qualified name that answered after search-path expansion (`web-0.nginx.default.svc.cluster.local`). */
  name: string;
  records: DnsRecord[];
}

/** Implemented in network/ (component name 'network'). */
export interface ClusterNetwork {
  /** The resolver a pod uses: its namespace's search path (`<ns>.svc.cluster.local svc.cluster.local cluster.local`), ndots 5. */
  resolve(fromNamespace: string, name: string, type?: 'A' | 'SRV' | 'PTR'): DnsAnswer;
  /** An HTTP request from a pod (or from the node network when `from` is undefined) to a URL. */
  http(from: { namespace: string; pod: string } | undefined, url: string, req?: Partial<HttpRequest>): HttpResponse | NetError;
  /**
   * http(), and the address the client connected to once the name resolved (busybox wget and
   * curl -v print it). Optional: a network without it (a test's fake) leaves the address out.
   */
  open?(from: { namespace: string; pod: string } | undefined, url: string, req?: Partial<HttpRequest>): { ip?: string; result: HttpResponse | NetError };
  /** The API server proxy: `/api/v1/namespaces/<ns>/pods/<pod>[:port]/proxy/<path>` and `.../services/<svc>[:port]/proxy/<path>`. */
  proxy(path: string, req?: Partial<HttpRequest>): HttpResponse;
}
