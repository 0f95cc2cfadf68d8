import { describe, expect, it } from 'vitest';
import type { Network } from './index.ts';
import { Cluster } from '../cluster.ts';
import type { HttpResponse } from '../runtime-api.ts';
import { headlessNginx, runPod, setPodStatus, testCluster, webPods } from '../storage/testkit.ts';

const net = (c: Cluster) => c.component<Network>('network')!;
const ips = (c: Cluster, ns: string, name: string) =>
  net(c).resolve(ns, name).records.map((r) => (r.type === 'A' ? r.ip : '')).sort();

function clusterIPService(c: Cluster, name = 'web', ip = '10.96.100.1'): void {
  c.api.create('services', 'default', {
    metadata: { name }, spec: { clusterIP: ip, selector: { app: 'nginx' }, ports: [{ name: 'http', port: 8080, targetPort: 'web' }] },
  });
  c.settle();
}

describe('cluster DNS (kubernetes/dns docs/specification.md)', () => {
  it('resolves web-0.nginx.default.svc.cluster.local only while the headless Service nginx exists', () => {
    const { c } = testCluster();
    webPods(c, 1);
    expect(net(c).resolve('default', 'web-0.nginx.default.svc.cluster.local').rcode).toBe('NXDOMAIN');
    headlessNginx(c);
    const ans = net(c).resolve('default', 'web-0.nginx.default.svc.cluster.local');
    expect(ans).toEqual({ rcode: 'NOERROR', name: 'web-0.nginx.default.svc.cluster.local', records: [{ type: 'A', name: 'web-0.nginx.default.svc.cluster.local', ip: '10.244.0.10', ttl: 30 }] });
    c.api.delete('services', 'default', 'nginx');
    c.settle();
    expect(net(c).resolve('default', 'web-0.nginx.default.svc.cluster.local').rcode).toBe('NXDOMAIN');
  });

  it('answers the headless service name with every ready pod IP (§2.4.1)', () => {
    const { c } = testCluster();
    headlessNginx(c);
    webPods(c, 3);
    setPodStatus(c, 'default', 'web-2', '10.244.0.12', false);
    expect(ips(c, 'default', 'nginx')).toEqual(['10.244.0.10', '10.244.0.11']);
    expect(net(c).resolve('default', 'web-2.nginx').rcode).toBe('NXDOMAIN');
  });

  it('answers NXDOMAIN for a headless service with no ready endpoints', () => {
    const { c } = testCluster();
    headlessNginx(c);
    webPods(c, 1, false);
    expect(net(c).resolve('default', 'nginx.default.svc.cluster.local').rcode).toBe('NXDOMAIN');
  });

  it('publishes not-ready pods with publishNotReadyAddresses', () => {
    const { c } = testCluster();
    headlessNginx(c, { publishNotReadyAddresses: true });
    webPods(c, 2, false);
    expect(ips(c, 'default', 'nginx')).toEqual(['10.244.0.10', '10.244.0.11']);
  });

  it('resolves web-0.nginx from a pod in default through the search path, not from another namespace', () => {
    const { c } = testCluster();
    headlessNginx(c);
    webPods(c, 1);
    const ans = net(c).resolve('default', 'web-0.nginx');
    expect(ans.name).toBe('web-0.nginx.default.svc.cluster.local');
    expect(ans.records).toHaveLength(1);
    expect(net(c).resolve('kube-system', 'web-0.nginx').rcode).toBe('NXDOMAIN');
    expect(net(c).resolve('kube-system', 'web-0.nginx.default').records).toHaveLength(1);
    expect(net(c).resolve('kube-system', 'web-0.nginx.default.svc.cluster.local.').records).toHaveLength(1);
  });

  it('gives SRV records per ready pod for the named port (§2.4.2), none for unnamed ports', () => {
    const { c } = testCluster();
    headlessNginx(c);
    webPods(c, 2);
    const srv = net(c).resolve('default', '_web._tcp.nginx.default.svc.cluster.local', 'SRV');
    expect(srv.records).toEqual([
      { type: 'SRV', name: '_web._tcp.nginx.default.svc.cluster.local', port: 80, priority: 0, weight: 50, target: 'web-0.nginx.default.svc.cluster.local', ttl: 30 },
      { type: 'SRV', name: '_web._tcp.nginx.default.svc.cluster.local', port: 80, priority: 0, weight: 50, target: 'web-1.nginx.default.svc.cluster.local', ttl: 30 },
    ]);
    expect(net(c).resolve('default', '_http._tcp.nginx', 'SRV').rcode).toBe('NXDOMAIN');
  });

  it('answers a ClusterIP service with its IP, and SRV pointing at the service', () => {
    const { c } = testCluster();
    clusterIPService(c);
    expect(net(c).resolve('default', 'web').records).toEqual([{ type: 'A', name: 'web.default.svc.cluster.local', ip: '10.96.100.1', ttl: 30 }]);
    expect(net(c).resolve('default', '_http._tcp.web', 'SRV').records).toEqual([
      { type: 'SRV', name: '_http._tcp.web.default.svc.cluster.local', port: 8080, priority: 0, weight: 100, target: 'web.default.svc.cluster.local', ttl: 30 },
    ]);
    expect(net(c).resolve('default', 'web-0.web').rcode).toBe('NXDOMAIN');
  });

  it('has kube-dns at 10.96.0.10 and kubernetes at 10.96.0.1, with PTR records', () => {
    const { c } = testCluster();
    expect(ips(c, 'default', 'kube-dns.kube-system')).toEqual(['10.96.0.10']);
    expect(ips(c, 'default', 'kubernetes')).toEqual(['10.96.0.1']);
    expect(net(c).resolve('default', '10.96.0.10', 'PTR').records).toEqual([
      { type: 'PTR', name: '10.0.96.10.in-addr.arpa', target: 'kube-dns.kube-system.svc.cluster.local', ttl: 30 },
    ]);
    headlessNginx(c);
    webPods(c, 1);
    expect(net(c).resolve('default', '10.244.0.10', 'PTR').records[0]).toMatchObject({ target: 'web-0.nginx.default.svc.cluster.local' });
  });

  it('answers PTR as CoreDNS reverse.go does: a ClusterIP first, else endpoints of any Service, else NXDOMAIN', () => {
    const { c } = testCluster();
    webPods(c, 1);
    clusterIPService(c); // not headless: its endpoints still get a PTR, named by the dashed IP
    expect(net(c).resolve('default', '10.244.0.10', 'PTR').records).toEqual([
      { type: 'PTR', name: '10.0.244.10.in-addr.arpa', target: '10-244-0-10.web.default.svc.cluster.local', ttl: 30 },
    ]);
    // The ClusterIP answers with its Service only (the first match).
    expect(net(c).resolve('default', '10.96.100.1', 'PTR').records.map((r) => (r.type === 'PTR' ? r.target : ''))).toEqual(['web.default.svc.cluster.local']);
    // The reverse name as a resolver sends it, absolute or not (5 dots ≥ ndots: tried as is first).
    expect(net(c).resolve('default', '1.100.96.10.in-addr.arpa.', 'PTR').records).toHaveLength(1);
    expect(net(c).resolve('default', '1.100.96.10.in-addr.arpa', 'PTR').records).toHaveLength(1);
    expect(net(c).resolve('default', '10.244.9.9', 'PTR').rcode).toBe('NXDOMAIN');
  });

  it('names a pod behind both a headless and a ClusterIP Service by its hostname first', () => {
    const { c } = testCluster();
    headlessNginx(c);
    webPods(c, 1);
    clusterIPService(c, 'a-client', '10.96.100.2'); // sorts before nginx, yet comes second
    expect(net(c).resolve('default', '10.244.0.10', 'PTR').records.map((r) => (r.type === 'PTR' ? r.target : ''))).toEqual([
      'web-0.nginx.default.svc.cluster.local',
      '10-244-0-10.a-client.default.svc.cluster.local',
    ]);
  });

  it('treats a name with a trailing dot as absolute: no search path', () => {
    const { c } = testCluster();
    headlessNginx(c);
    webPods(c, 1);
    expect(net(c).resolve('default', 'web-0.nginx').records).toHaveLength(1);
    expect(net(c).resolve('default', 'web-0.nginx.').rcode).toBe('NXDOMAIN');
    expect(net(c).resolve('default', 'nginx.').rcode).toBe('NXDOMAIN');
  });

  it('answers the deprecated pod A record <a-b-c-d>.<ns>.pod.cluster.local', () => {
    const { c } = testCluster();
    expect(ips(c, 'default', '10-244-0-10.default.pod.cluster.local')).toEqual(['10.244.0.10']);
  });

  it('answers NXDOMAIN for names outside the cluster (the lab has no upstream DNS)', () => {
    const { c } = testCluster();
    expect(net(c).resolve('default', 'example.com')).toEqual({ rcode: 'NXDOMAIN', name: 'example.com', records: [] });
  });
});

describe('HTTP between pods and Services', () => {
  it('reaches one of the ready pods through a ClusterIP service, on the named target port', () => {
    const { c, kubelet } = testCluster();
    clusterIPService(c);
    webPods(c, 3);
    setPodStatus(c, 'default', 'web-1', '10.244.0.11', false);
    runPod(c, 'client', { ip: '10.244.1.99' });
    const seen = new Set<string>();
    for (let i = 0; i < 40; i++) {
      const r = net(c).http({ namespace: 'default', pod: 'client' }, 'http://web:8080/index.html') as HttpResponse;
      expect(r.status).toBe(200);
      seen.add(r.body.split(':')[0]);
    }
    expect([...seen].sort()).toEqual(['web-0', 'web-2']);
    expect(kubelet.requests.at(-1)).toMatchObject({ port: 80, req: { method: 'GET', path: '/index.html' } });
  });

  it('reaches a StatefulSet pod by its DNS name, and a pod by IP', () => {
    const { c } = testCluster();
    headlessNginx(c);
    webPods(c, 2);
    runPod(c, 'client', { ip: '10.244.1.99' });
    expect(net(c).http({ namespace: 'default', pod: 'client' }, 'web-1.nginx')).toMatchObject({ status: 200, body: 'web-1:80 GET /' });
    expect(net(c).http(undefined, 'http://10.244.0.10/x?y=1')).toMatchObject({ status: 200, body: 'web-0:80 GET /x?y=1' });
  });

  it('fails as curl would: unknown names, services without ready endpoints, IPs nobody has', () => {
    const { c, kubelet } = testCluster();
    clusterIPService(c);
    webPods(c, 1, false);
    runPod(c, 'client', { ip: '10.244.1.99' });
    const from = { namespace: 'default', pod: 'client' };
    expect(net(c).http(from, 'http://nope')).toEqual({ error: 'resolve', host: 'nope' });
    expect(net(c).http(from, 'http://web:8080/')).toEqual({ error: 'refused', host: 'web', port: 8080 });
    expect(net(c).http(from, 'http://web:9999/')).toEqual({ error: 'timeout', host: 'web', port: 9999 });
    expect(net(c).http(from, 'http://10.244.9.9/')).toEqual({ error: 'timeout', host: '10.244.9.9', port: 80 });
    kubelet.down.add('web-0');
    expect(net(c).http(from, 'http://10.244.0.10:80/')).toEqual({ error: 'refused', host: '10.244.0.10', port: 80 });
    expect(net(c).http(undefined, 'http://web:8080/')).toEqual({ error: 'resolve', host: 'web' });
  });

  it('says which address a request went to once the name resolved (busybox wget prints it), 127.0.0.1 for localhost', () => {
    const { c } = testCluster();
    clusterIPService(c);
    headlessNginx(c);
    webPods(c, 2);
    runPod(c, 'client', { ip: '10.244.1.99' });
    const from = { namespace: 'default', pod: 'client' };
    expect(net(c).open(from, 'http://web:8080/')).toMatchObject({ ip: '10.96.100.1', result: { status: 200 } });
    expect(net(c).open(from, 'http://web:9999/')).toEqual({ ip: '10.96.100.1', result: { error: 'timeout', host: 'web', port: 9999 } });
    expect(net(c).open(from, 'web-1.nginx')).toMatchObject({ ip: '10.244.0.11', result: { body: 'web-1:80 GET /' } });
    // localhost is the client pod itself.
    expect(net(c).open(from, 'http://localhost:81/')).toMatchObject({ ip: '127.0.0.1', result: { body: 'client:81 GET /' } });
    expect(net(c).open(from, 'http://nope')).toEqual({ result: { error: 'resolve', host: 'nope' } });
  });
});

describe('API server proxy (pod and service ResourceLocation)', () => {
  const body = (r: HttpResponse) => JSON.parse(r.body);

  it('answers 503 `no endpoints available for service "nginx"` when the port part is empty and the port is named', () => {
    const { c } = testCluster();
    headlessNginx(c);
    webPods(c, 2);
    const r = net(c).proxy('/api/v1/namespaces/default/services/nginx/proxy/');
    expect(r.status).toBe(503);
    expect(body(r)).toEqual({ kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: 'no endpoints available for service "nginx"', reason: 'ServiceUnavailable', code: 503 });
  });

  it('reaches a ready pod through services/nginx:web/proxy/ and services/nginx:80/proxy/', () => {
    const { c } = testCluster();
    headlessNginx(c);
    webPods(c, 2);
    expect(net(c).proxy('/api/v1/namespaces/default/services/nginx:web/proxy/')).toMatchObject({ status: 200, body: expect.stringMatching(/^web-[01]:80 GET \/$/) });
    expect(net(c).proxy('/api/v1/namespaces/default/services/http:nginx:80/proxy/index.html?a=b')).toMatchObject({ status: 200, body: expect.stringMatching(/GET \/index\.html\?a=b$/) });
    const r = net(c).proxy('/api/v1/namespaces/default/services/nginx:81/proxy/');
    expect([r.status, body(r).message]).toEqual([503, 'no service port 81 found for service "nginx"']);
  });

  it('proxies to a pod on its first container port, and reports what fails', () => {
    const { c, kubelet } = testCluster();
    webPods(c, 1);
    expect(net(c).proxy('/api/v1/namespaces/default/pods/web-0/proxy/')).toMatchObject({ status: 200, body: 'web-0:80 GET /' });
    expect(net(c).proxy('/api/v1/namespaces/default/pods/web-0/proxy')).toMatchObject({ status: 301, headers: { location: '/api/v1/namespaces/default/pods/web-0/proxy/' } });
    const missing = net(c).proxy('/api/v1/namespaces/default/pods/web-9/proxy/');
    expect([missing.status, body(missing).message]).toEqual([404, 'pods "web-9" not found']);
    kubelet.down.add('web-0');
    const down = net(c).proxy('/api/v1/namespaces/default/pods/web-0:80/proxy/');
    expect([down.status, body(down).message]).toEqual([503, 'error trying to reach service: dial tcp 10.244.0.10:80: connect: connection refused']);
  });

  it('answers 404 endpoints not found for a service without a selector or endpoints', () => {
    const { c } = testCluster();
    c.api.create('services', 'default', { metadata: { name: 'manual' }, spec: { ports: [{ name: 'http', port: 80 }] } });
    c.settle();
    const r = net(c).proxy('/api/v1/namespaces/default/services/manual:http/proxy/');
    expect([r.status, body(r).message]).toEqual([404, 'endpoints "manual" not found']);
  });
});

describe('the kubernetes Service (kube-apiserver kubernetesservice controller, every 10 s)', () => {
  it('comes back at the next 10-second check after it is deleted, at the same address', () => {
    const c = Cluster.create({ seed: 8 });
    c.advance(3_000);
    c.api.delete('services', 'default', 'kubernetes');
    c.advance(6_000);
    expect(c.api.peek('services', 'default', 'kubernetes')).toBeUndefined();
    c.advance(1_000);
    const svc = c.api.peek('services', 'default', 'kubernetes') as any;
    expect(svc?.spec).toMatchObject({ clusterIP: '10.96.0.1', ports: [{ name: 'https', port: 443, protocol: 'TCP', targetPort: 8443 }] });
    expect(svc?.metadata.creationTimestamp).toBe(new Date(c.clock.now()).toISOString().replace('.000Z', 'Z'));
  });
});
