import { describe, expect, it } from 'vitest';
import type { EndpointSlice, Endpoints, Pod, Service } from '../types.ts';
import type { Cluster } from '../cluster.ts';
import { headlessNginx, runPod, setPodStatus, testCluster, webPods } from './testkit.ts';

const endpoints = (c: Cluster, name = 'nginx') => c.api.get<Endpoints>('endpoints', 'default', name);
const slices = (c: Cluster, name = 'nginx') =>
  c.api.list<EndpointSlice>('endpointslices', 'default', { labelSelector: `kubernetes.io/service-name=${name}` }).items;

describe('Endpoints (endpoints_controller.go)', () => {
  it('lists ready pods in addresses and the others in notReadyAddresses', () => {
    const { c } = testCluster();
    headlessNginx(c);
    webPods(c, 2);
    runPod(c, 'web-2', { labels: { app: 'nginx' }, hostname: 'web-2', subdomain: 'nginx', ip: '10.244.0.12', ready: false });
    const ep = endpoints(c);
    expect(ep.subsets).toHaveLength(1);
    expect(ep.subsets![0].addresses!.map((a) => a.ip)).toEqual(['10.244.0.10', '10.244.0.11']);
    expect(ep.subsets![0].notReadyAddresses!.map((a) => a.ip)).toEqual(['10.244.0.12']);
    expect(ep.subsets![0].ports).toEqual([{ name: 'web', port: 80, protocol: 'TCP' }]);
    expect(ep.metadata.labels).toEqual({ app: 'nginx', 'endpoints.kubernetes.io/managed-by': 'endpoint-controller', 'service.kubernetes.io/headless': '' });
  });

  it('sets hostname from the pod for StatefulSet pods whose subdomain is the service', () => {
    const { c } = testCluster();
    headlessNginx(c);
    webPods(c, 1);
    runPod(c, 'other', { labels: { app: 'nginx' }, hostname: 'other', subdomain: 'elsewhere', ip: '10.244.0.20' });
    const addrs = endpoints(c).subsets![0].addresses!;
    expect(addrs[0]).toEqual({
      ip: '10.244.0.10', hostname: 'web-0', nodeName: 'minikube',
      targetRef: { kind: 'Pod', namespace: 'default', name: 'web-0', uid: c.api.get('pods', 'default', 'web-0').metadata.uid },
    });
    expect(addrs[1].hostname).toBeUndefined();
  });

  it('moves a pod to notReadyAddresses when it stops being Ready, and drops it when it terminates', () => {
    const { c } = testCluster();
    headlessNginx(c);
    webPods(c, 1);
    setPodStatus(c, 'default', 'web-0', '10.244.0.10', false);
    expect(endpoints(c).subsets![0].notReadyAddresses!.map((a) => a.ip)).toEqual(['10.244.0.10']);
    c.api.delete('pods', 'default', 'web-0');
    c.settle();
    expect(endpoints(c).subsets).toBeUndefined();
  });

  it('lists not-ready pods as addresses when publishNotReadyAddresses is set', () => {
    const { c } = testCluster();
    headlessNginx(c, { publishNotReadyAddresses: true });
    webPods(c, 2, false);
    expect(endpoints(c).subsets![0].addresses!.map((a) => a.ip)).toEqual(['10.244.0.10', '10.244.0.11']);
  });

  it('maps a named targetPort to each pod’s container port', () => {
    const { c } = testCluster();
    c.api.create('services', 'default', {
      metadata: { name: 'app' }, spec: { selector: { app: 'x' }, ports: [{ name: 'http', port: 80, targetPort: 'http' }] },
    });
    runPod(c, 'a', { labels: { app: 'x' }, ip: '10.244.1.2', ports: [{ name: 'http', containerPort: 8080 }] });
    runPod(c, 'b', { labels: { app: 'x' }, ip: '10.244.1.3', ports: [{ name: 'other', containerPort: 9090 }] });
    const ep = endpoints(c, 'app');
    expect(ep.subsets).toEqual([expect.objectContaining({ ports: [{ name: 'http', port: 8080, protocol: 'TCP' }] })]);
    expect(ep.subsets![0].addresses!.map((a) => a.ip)).toEqual(['10.244.1.2']);
  });

  it('deletes the Endpoints with the Service, and leaves Services without a selector alone', () => {
    const { c } = testCluster();
    headlessNginx(c);
    c.api.create('services', 'default', { metadata: { name: 'manual' }, spec: { ports: [{ port: 80 }] } });
    c.settle();
    expect(() => c.api.get('endpoints', 'default', 'manual')).toThrow('endpoints "manual" not found');
    c.api.delete('services', 'default', 'nginx');
    c.settle();
    expect(() => endpoints(c)).toThrow('not found');
  });
});

describe('EndpointSlices (endpointslice controller)', () => {
  it('makes one slice <svc>-<5 random> with the service-name label and per-endpoint conditions', () => {
    const { c } = testCluster();
    headlessNginx(c);
    webPods(c, 2);
    setPodStatus(c, 'default', 'web-1', '10.244.0.11', false);
    const [s] = slices(c);
    expect(slices(c)).toHaveLength(1);
    expect(s.metadata.name).toMatch(/^nginx-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
    expect(s.metadata.labels).toMatchObject({
      'kubernetes.io/service-name': 'nginx', 'endpointslice.kubernetes.io/managed-by': 'endpointslice-controller.k8s.io', 'service.kubernetes.io/headless': '',
    });
    expect(s.metadata.ownerReferences?.[0]).toMatchObject({ kind: 'Service', name: 'nginx', controller: true, blockOwnerDeletion: true });
    expect(s.addressType).toBe('IPv4');
    expect(s.ports).toEqual([{ name: 'web', protocol: 'TCP', port: 80 }]);
    expect(s.endpoints.map((e) => [e.addresses[0], e.hostname, e.conditions])).toEqual([
      ['10.244.0.10', 'web-0', { ready: true, serving: true, terminating: false }],
      ['10.244.0.11', 'web-1', { ready: false, serving: false, terminating: false }],
    ]);
  });

  it('keeps a terminating pod as a not-ready, terminating endpoint', () => {
    const { c } = testCluster();
    headlessNginx(c);
    webPods(c, 1);
    c.api.delete('pods', 'default', 'web-0');
    c.settle();
    expect(slices(c)[0].endpoints[0].conditions).toEqual({ ready: false, serving: true, terminating: true });
  });

  it('gives a Service without pods a placeholder slice, reused when a pod arrives', () => {
    const { c } = testCluster();
    headlessNginx(c);
    const [placeholder] = slices(c);
    expect(placeholder.endpoints).toEqual([]);
    expect(placeholder.ports).toBeUndefined();
    webPods(c, 1);
    expect(slices(c).map((s) => s.metadata.name)).toEqual([placeholder.metadata.name]);
    expect(slices(c)[0].endpoints).toHaveLength(1);
  });
});

describe('which pods a Service selects, between syncs (endpoint-util.ts selections)', () => {
  const relabel = (c: Cluster, name: string, labels: Record<string, string>) => {
    const pod = c.api.get<Pod>('pods', 'default', name);
    c.api.update('pods', 'default', { ...pod, metadata: { ...pod.metadata, labels } });
    c.settle();
  };
  const sliceIPs = (c: Cluster, name = 'nginx') => slices(c, name).flatMap((s) => s.endpoints.map((e) => e.addresses[0])).sort();

  it('drops a pod relabelled out of the Service and lists it again when relabelled back', () => {
    const { c } = testCluster();
    headlessNginx(c);
    webPods(c, 3);
    relabel(c, 'web-1', { app: 'other' });
    expect(endpoints(c).subsets![0].addresses!.map((a) => a.ip)).toEqual(['10.244.0.10', '10.244.0.12']);
    expect(sliceIPs(c)).toEqual(['10.244.0.10', '10.244.0.12']);
    relabel(c, 'web-1', { app: 'nginx' });
    expect(endpoints(c).subsets![0].addresses!.map((a) => a.ip)).toEqual(['10.244.0.10', '10.244.0.11', '10.244.0.12']);
    expect(sliceIPs(c)).toEqual(['10.244.0.10', '10.244.0.11', '10.244.0.12']);
  });

  it('follows a change of the Service selector to the pods it now selects', () => {
    const { c } = testCluster();
    headlessNginx(c);
    webPods(c, 2);
    runPod(c, 'canary', { labels: { app: 'canary' }, ip: '10.244.0.30' });
    const svc = c.api.get<Service>('services', 'default', 'nginx');
    c.api.update('services', 'default', { ...svc, spec: { ...svc.spec, selector: { app: 'canary' } } });
    c.settle();
    expect(endpoints(c).subsets![0].addresses!.map((a) => a.ip)).toEqual(['10.244.0.30']);
    expect(sliceIPs(c)).toEqual(['10.244.0.30']);
    // A pod created after the change is picked up too.
    runPod(c, 'canary-2', { labels: { app: 'canary' }, ip: '10.244.0.31' });
    expect(endpoints(c).subsets![0].addresses!.map((a) => a.ip)).toEqual(['10.244.0.30', '10.244.0.31']);
    expect(sliceIPs(c)).toEqual(['10.244.0.30', '10.244.0.31']);
  });

  it('groups addresses by port (RepackSubsets) and endpoints by their set of ports (one slice each)', () => {
    const { c } = testCluster();
    c.api.create('services', 'default', {
      metadata: { name: 'app' },
      spec: { selector: { app: 'x' }, ports: [{ name: 'http', port: 80, targetPort: 'http' }, { name: 'metrics', port: 9100 }] },
    });
    runPod(c, 'a', { labels: { app: 'x' }, ip: '10.244.1.2', ports: [{ name: 'http', containerPort: 8080 }] });
    runPod(c, 'b', { labels: { app: 'x' }, ip: '10.244.1.3', ports: [{ name: 'web', containerPort: 80 }] });
    runPod(c, 'c', { labels: { app: 'x' }, ip: '10.244.1.4', ports: [{ name: 'http', containerPort: 8080 }] });
    // b's container has no port named http: it offers only metrics. The two ports have different
    // sets of addresses, so each gets its own subset.
    expect(endpoints(c, 'app').subsets!.map((s) => ({ ips: s.addresses!.map((a) => a.ip), ports: s.ports!.map((p) => `${p.name}:${p.port}`) }))).toEqual([
      { ips: ['10.244.1.2', '10.244.1.4'], ports: ['http:8080'] },
      { ips: ['10.244.1.2', '10.244.1.3', '10.244.1.4'], ports: ['metrics:9100'] },
    ]);
    const bySlice = slices(c, 'app').map((s) => ({ ports: s.ports!.map((p) => p.port), ips: s.endpoints.map((e) => e.addresses[0]) }));
    expect(bySlice.sort((x, y) => x.ips.length - y.ips.length)).toEqual([
      { ports: [9100], ips: ['10.244.1.3'] },
      { ports: [8080, 9100], ips: ['10.244.1.2', '10.244.1.4'] },
    ]);
  });
});

describe('large Services (simulator batching, endpoint-util.ts)', () => {
  function bigService(c: Cluster, n: number): void {
    headlessNginx(c);
    for (let i = 0; i < n; i++) {
      c.api.create('pods', 'default', { metadata: { name: `web-${i}`, labels: { app: 'nginx' } }, spec: { nodeName: 'minikube', containers: [{ name: 'nginx', image: 'nginx', ports: [{ name: 'web', containerPort: 80 }] }] } });
    }
    c.settle();
    // All pods get their IP and Ready in one instant (one batch, so one sync).
    for (let i = 0; i < n; i++) {
      const pod = c.api.get<Pod>('pods', 'default', `web-${i}`);
      const ip = `10.244.${i >> 8}.${i & 255}`;
      pod.status = { ...pod.status, phase: 'Running', podIP: ip, podIPs: [{ ip }], conditions: [{ type: 'Ready', status: 'True' }] };
      c.api.update('pods', 'default', pod, { subresource: 'status' });
    }
    // The Service selects more than 100 pods, so these changes land at the end of one batch.
    c.advance(500);
  }

  it('applies pod changes to a Service with more than 100 endpoints at the end of a 500 ms batch', () => {
    const { c } = testCluster();
    bigService(c, 120);
    expect(endpoints(c).subsets![0].addresses).toHaveLength(120);
    expect(slices(c).map((s) => s.endpoints.length).sort()).toEqual([100, 20]);
    setPodStatus(c, 'default', 'web-7', '10.244.0.7', false);
    expect(endpoints(c).subsets![0].addresses).toHaveLength(120);
    c.advance(500);
    expect(endpoints(c).subsets![0].addresses).toHaveLength(119);
    expect(slices(c).flatMap((s) => s.endpoints).filter((e) => !e.conditions.ready).map((e) => e.targetRef?.name)).toEqual(['web-7']);
  });

  it('keeps each endpoint in its slice when others change (stable placement)', () => {
    const { c } = testCluster();
    bigService(c, 120);
    const before = Object.fromEntries(slices(c).map((s) => [s.metadata.name, s.metadata.resourceVersion]));
    setPodStatus(c, 'default', 'web-7', '10.244.0.7', false);
    c.advance(500);
    const changed = slices(c).filter((s) => before[s.metadata.name!] !== s.metadata.resourceVersion);
    expect(changed).toHaveLength(1);
  });

  it('restores a pending batch exactly', async () => {
    const { c } = testCluster();
    bigService(c, 110);
    setPodStatus(c, 'default', 'web-3', '10.244.0.3', false);
    const snap = JSON.parse(JSON.stringify(c.snapshot()));
    const { Cluster } = await import('../cluster.ts');
    const again = Cluster.restore(snap).snapshot();
    expect(again.clock).toEqual(snap.clock);
    for (const name of ['endpoints-controller', 'endpointslice-controller']) expect(again.components[name]).toEqual(snap.components[name]);
  });
});

describe('the kubernetes Service', () => {
  it('points at the API server 192.168.49.2:8443, and the controllers leave it alone', () => {
    const { c } = testCluster();
    expect(endpoints(c, 'kubernetes').subsets).toEqual([{ addresses: [{ ip: '192.168.49.2' }], ports: [{ name: 'https', port: 8443, protocol: 'TCP' }] }]);
    expect(slices(c, 'kubernetes').map((s) => s.metadata.name)).toEqual(['kubernetes']);
    expect(c.api.get('services', 'default', 'kubernetes').spec.clusterIP).toBe('10.96.0.1');
  });
});
