// The pod network, cluster DNS and the API server proxy, as one component ('network') that
// hosts reach through ctx.component<Network>('network') (kubectl exec'd curl and nslookup,
// kubectl proxy). It reads the shared informer caches, as CoreDNS and kube-proxy watch the API.
//
// On a fresh cluster it also creates the two Services every cluster has: `default/kubernetes`
// (the API server, 10.96.0.1, created by kube-apiserver) and `kube-system/kube-dns`
// (10.96.0.10, created by kubeadm's CoreDNS addon, which minikube installs).
import type { Component, ComponentContext } from '../component.ts';
import type { ClusterNetwork, DnsAnswer, HttpRequest, HttpResponse, KubeletRuntime, NetError } from '../runtime-api.ts';
import type { EndpointSlice, Endpoints, Namespace, Pod, Service } from '../types.ts';
import { resolve as dnsResolve, type DnsView } from './dns.ts';
import { loadbalance } from './dns-loadbalance.ts';
import { connect, isIP, isNetError, netError, parseUrl, type NetView } from './http.ts';
import { apiServerProxy, isProxyPath, type ProxyView } from './proxy.ts';
import { apiServerRest } from './api-rest.ts';

const LABEL_SERVICE_NAME = 'kubernetes.io/service-name';
/** minikube's API server as pods reach it (docker driver). */
export const API_SERVER_IP = '192.168.49.2';
export const API_SERVER_PORT = 8443;
/** genericapiserver's DefaultEndpointReconcilerInterval, the kubernetesservice controller's period. */
const KUBERNETES_SERVICE_INTERVAL_MS = 10_000;
const KUBERNETES_SERVICE_KEY = 'kubernetes-service';

export class Network implements Component, ClusterNetwork {
  readonly name = 'network';
  private ctx!: ComponentContext;

  start(ctx: ComponentContext): void {
    this.ctx = ctx;
    for (const r of ['services', 'endpointslices', 'endpoints', 'pods', 'namespaces']) ctx.informers.for(r);
    // kube-apiserver's kubernetesservice controller checks every 10 s (EndpointInterval) that the
    // `kubernetes` Service exists: deleted (`kubectl delete all --all`), it is back at the next check.
    ctx.informers.for<Service>('services').onChange((ev) => {
      const m = ev.object.metadata;
      if (ev.type === 'DELETED' && m.namespace === 'default' && m.name === 'kubernetes') {
        ctx.enqueue(KUBERNETES_SERVICE_KEY, KUBERNETES_SERVICE_INTERVAL_MS - (ctx.clock.now() % KUBERNETES_SERVICE_INTERVAL_MS));
      }
    });
  }

  sync(key: string): void {
    if (key === KUBERNETES_SERVICE_KEY && !this.ctx.api.peek('services', 'default', 'kubernetes')) this.createKubernetesService();
  }

  /** pkg/controlplane/controller/kubernetesservice: the `kubernetes` Service, port https 443 → 8443 (minikube's apiserver port). */
  private createKubernetesService(): void {
    this.ctx.api.create('services', 'default', {
      metadata: { name: 'kubernetes', namespace: 'default', labels: { component: 'apiserver', provider: 'kubernetes' } },
      spec: {
        clusterIP: '10.96.0.1', clusterIPs: ['10.96.0.1'], internalTrafficPolicy: 'Cluster', ipFamilies: ['IPv4'], ipFamilyPolicy: 'SingleStack',
        ports: [{ name: 'https', port: 443, protocol: 'TCP', targetPort: 8443 }], sessionAffinity: 'None', type: 'ClusterIP',
      },
      status: { loadBalancer: {} },
    });
  }

  /** Runs once on a fresh cluster. */
  bootstrap(): void {
    const { api } = this.ctx;
    this.createKubernetesService();
    // Its endpoints are the API server itself (minikube's docker driver: 192.168.49.2:8443),
    // written by kube-apiserver's endpoint reconciler, not by the endpoints controllers.
    // Source: pkg/controlplane/reconcilers (endpointsadapter.go: slice named as the Service).
    api.create('endpoints', 'default', {
      metadata: { name: 'kubernetes', namespace: 'default', labels: { 'endpointslice.kubernetes.io/skip-mirror': 'true' } },
      subsets: [{ addresses: [{ ip: API_SERVER_IP }], ports: [{ name: 'https', port: API_SERVER_PORT, protocol: 'TCP' }] }],
    });
    api.create('endpointslices', 'default', {
      metadata: { name: 'kubernetes', namespace: 'default', labels: { 'kubernetes.io/service-name': 'kubernetes' } },
      addressType: 'IPv4',
      endpoints: [{ addresses: [API_SERVER_IP], conditions: { ready: true } }],
      ports: [{ name: 'https', port: API_SERVER_PORT, protocol: 'TCP' }],
    });
    // kubernetes/kubernetes cmd/kubeadm/app/phases/addons/dns/manifests.go (CoreDNS Service).
    api.create('services', 'kube-system', {
      metadata: {
        name: 'kube-dns', namespace: 'kube-system',
        labels: { 'k8s-app': 'kube-dns', 'kubernetes.io/cluster-service': 'true', 'kubernetes.io/name': 'CoreDNS' },
        annotations: { 'prometheus.io/port': '9153', 'prometheus.io/scrape': 'true' },
      },
      spec: {
        clusterIP: '10.96.0.10', clusterIPs: ['10.96.0.10'], internalTrafficPolicy: 'Cluster', ipFamilies: ['IPv4'], ipFamilyPolicy: 'SingleStack',
        ports: [
          { name: 'dns', port: 53, protocol: 'UDP', targetPort: 53 },
          { name: 'dns-tcp', port: 53, protocol: 'TCP', targetPort: 53 },
          { name: 'metrics', port: 9153, protocol: 'TCP', targetPort: 9153 },
        ],
        selector: { 'k8s-app': 'kube-dns' }, sessionAffinity: 'None', type: 'ClusterIP',
      },
      status: { loadBalancer: {} },
    });
  }

  /** A pod's query, answered as CoreDNS writes it: A records shuffled (dns-loadbalance.ts). */
  resolve(fromNamespace: string, name: string, type: 'A' | 'SRV' | 'PTR' = 'A'): DnsAnswer {
    return loadbalance(dnsResolve(this.dnsView(), fromNamespace, name, type), () => this.ctx.random.int(65536));
  }

  http(from: { namespace: string; pod: string } | undefined, url: string, req: Partial<HttpRequest> = {}): HttpResponse | NetError {
    return this.open(from, url, req).result;
  }

  /**
   * http(), and the address the client connected to once the name was resolved: busybox wget
   * prints it (`Connecting to web-svc (10.104.37.211:80)`, `can't connect to remote host
   * (10.104.37.211)`), curl -v too. Undefined when the name did not resolve.
   */
  open(from: { namespace: string; pod: string } | undefined, url: string, req: Partial<HttpRequest> = {}): { ip?: string; result: HttpResponse | NetError } {
    const u = parseUrl(url);
    if (!u) return { result: netError('resolve', url, 0) };
    let ip: string | undefined;
    if (isIP(u.host)) ip = u.host;
    else if (from && u.host.toLowerCase() === 'localhost') ip = this.pod(from.namespace, from.pod)?.status?.podIP;
    else if (from) {
      // The pod's resolver; with several A records (a headless Service) the client takes the
      // first of the list CoreDNS shuffled: any one of them, drawn here in one go.
      const ans = dnsResolve(this.dnsView(), from.namespace, u.host, 'A');
      const ips = ans.records.flatMap((r) => (r.type === 'A' ? [r.ip] : []));
      if (ips.length) ip = ips[this.ctx.random.int(ips.length)];
    }
    // The node's resolver does not know cluster names.
    if (!ip) return { result: netError('resolve', u.host, u.port) };
    // localhost is the pod's own network namespace: /etc/hosts says 127.0.0.1.
    const peer = u.host.toLowerCase() === 'localhost' ? '127.0.0.1' : ip;
    const target = connect(this.netView(), ip, u.port, (n) => this.ctx.random.int(n));
    if (target === 'refused' || target === 'timeout') return { ip: peer, result: netError(target, u.host, u.port) };
    const request: HttpRequest = { method: (req.method ?? 'GET').toUpperCase(), path: u.path, headers: { host: u.host, ...(req.headers ?? {}) }, body: req.body };
    const res = this.dial(target.pod, target.port, request);
    return { ip: peer, result: isNetError(res) ? netError(res.error, u.host, u.port) : res };
  }

  proxy(path: string, req: Partial<HttpRequest> = {}): HttpResponse {
    if (!isProxyPath(path)) return apiServerRest(this.ctx.api, path, req);
    return apiServerProxy(this.proxyView(), (pod, port, r) => this.dial(pod, port, r), (n) => this.ctx.random.int(n), path, req);
  }

  // ---- plumbing ----------------------------------------------------------------------------

  private dial(pod: Pod, port: number, req: HttpRequest): HttpResponse | NetError {
    const kubelet = this.ctx.component('kubelet') as unknown as KubeletRuntime | undefined;
    const ip = pod.status?.podIP ?? '';
    if (!kubelet?.serveHttp) return { error: 'refused', host: ip, port };
    return kubelet.serveHttp(pod.metadata.namespace!, pod.metadata.name!, port, req);
  }

  private pod(ns: string, name: string): Pod | undefined {
    return this.ctx.informers.for<Pod>('pods').get(ns, name);
  }

  private slices(ns: string, service: string): EndpointSlice[] {
    return this.ctx.informers.for<EndpointSlice>('endpointslices').list(ns)
      .filter((s) => s.metadata.labels?.[LABEL_SERVICE_NAME] === service)
      .sort((a, b) => (a.metadata.name! < b.metadata.name! ? -1 : 1));
  }

  private dnsView(): DnsView {
    const inf = this.ctx.informers;
    return {
      service: (ns, name) => inf.for<Service>('services').get(ns, name),
      services: () => inf.for<Service>('services').list(),
      slices: (ns, svc) => this.slices(ns, svc),
      namespaceExists: (name) => !!inf.for<Namespace>('namespaces').get(undefined, name),
    };
  }

  private netView(): NetView {
    const inf = this.ctx.informers;
    return {
      podByIP: (ip) => {
        // A running pod wins over a finished one that held the same IP.
        let found: Pod | undefined;
        for (const p of inf.for<Pod>('pods').list()) {
          if (p.status?.podIP !== ip) continue;
          const done = p.status.phase === 'Succeeded' || p.status.phase === 'Failed';
          if (!done) return p;
          found ??= p;
        }
        return found;
      },
      serviceByClusterIP: (ip) => inf.for<Service>('services').list().find((s) => s.spec?.clusterIP === ip),
      slices: (ns, svc) => this.slices(ns, svc),
    };
  }

  private proxyView(): ProxyView {
    const inf = this.ctx.informers;
    return {
      pod: (ns, name) => inf.for<Pod>('pods').get(ns, name),
      service: (ns, name) => inf.for<Service>('services').get(ns, name),
      endpoints: (ns, name) => inf.for<Endpoints>('endpoints').get(ns, name),
    };
  }
}
