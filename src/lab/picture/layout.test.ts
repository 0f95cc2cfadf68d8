import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../../sandbox/cluster/api/client.ts';
import { describePicture, layoutPicture, type PictureInput } from './layout.ts';
import { headlessDnsNames } from './dns.ts';
import { podState } from './pod-state.ts';

// ---- fixtures shaped like what the simulator's API returns -----------------------------------
function node(name: string, opts: { ready?: string; unschedulable?: boolean } = {}): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name },
    spec: opts.unschedulable ? { unschedulable: true } : {},
    status: { conditions: [{ type: 'Ready', status: opts.ready ?? 'True' }] },
  };
}

function stsPod(set: string, ordinal: number, opts: { node?: string; ready?: boolean; phase?: string; deleting?: boolean; reason?: string; restarts?: number; waiting?: string; subdomain?: string } = {}): KubeObject {
  const name = `${set}-${ordinal}`;
  const ready = opts.ready ?? true;
  const phase = opts.phase ?? (opts.node ? 'Running' : 'Pending');
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name,
      namespace: 'default',
      labels: { app: 'nginx', 'apps.kubernetes.io/pod-index': String(ordinal), 'statefulset.kubernetes.io/pod-name': name },
      ownerReferences: [{ apiVersion: 'apps/v1', kind: 'StatefulSet', name: set, uid: 'u', controller: true }],
      ...(opts.deleting ? { deletionTimestamp: '2026-01-01T00:05:00Z' } : {}),
    },
    spec: {
      nodeName: opts.node,
      hostname: name,
      subdomain: opts.subdomain ?? 'nginx',
      containers: [{ name: 'nginx', image: 'registry.k8s.io/nginx-slim:0.24' }],
      volumes: [{ name: 'www', persistentVolumeClaim: { claimName: `www-${name}` } }],
    },
    status: {
      phase,
      ...(opts.reason ? { reason: opts.reason } : {}),
      ...(opts.node ? { podIP: `10.244.${ordinal}.5` } : {}),
      conditions: [{ type: 'Ready', status: opts.node && ready && phase === 'Running' ? 'True' : 'False' }],
      containerStatuses: opts.node
        ? [
            {
              name: 'nginx',
              ready: !!(ready && phase === 'Running'),
              restartCount: opts.restarts ?? 0,
              state: opts.waiting ? { waiting: { reason: opts.waiting } } : phase === 'Running' ? { running: { startedAt: '2026-01-01T00:00:00Z' } } : { waiting: { reason: 'ContainerCreating' } },
            },
          ]
        : [],
    },
  };
}

function pvc(name: string, volume?: string): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'PersistentVolumeClaim',
    metadata: { name, namespace: 'default', labels: { app: 'nginx' } },
    spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } }, ...(volume ? { volumeName: volume } : {}) },
    status: volume ? { phase: 'Bound', capacity: { storage: '1Gi' } } : { phase: 'Pending' },
  };
}

function pv(name: string, claim?: string): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'PersistentVolume',
    metadata: { name },
    spec: { capacity: { storage: '1Gi' }, persistentVolumeReclaimPolicy: 'Delete', ...(claim ? { claimRef: { namespace: 'default', name: claim } } : {}) },
    status: { phase: claim ? 'Bound' : 'Available' },
  };
}

const headless: KubeObject = { apiVersion: 'v1', kind: 'Service', metadata: { name: 'nginx', namespace: 'default' }, spec: { clusterIP: 'None', selector: { app: 'nginx' }, ports: [{ port: 80 }] } };
const web: KubeObject = { apiVersion: 'apps/v1', kind: 'StatefulSet', metadata: { name: 'web', namespace: 'default' }, spec: { replicas: 3, serviceName: 'nginx' }, status: { readyReplicas: 2 } };

function threeNodes(): PictureInput {
  return {
    nodes: [node('minikube-m03'), node('minikube'), node('minikube-m02')],
    pods: [stsPod('web', 1, { node: 'minikube-m02' }), stsPod('web', 0, { node: 'minikube' }), stsPod('web', 2)],
    pvcs: [pvc('www-web-0', 'pvc-aaa'), pvc('www-web-1', 'pvc-bbb'), pvc('www-web-2')],
    pvs: [pv('pvc-aaa', 'www-web-0'), pv('pvc-bbb', 'www-web-1')],
    services: [headless],
    statefulsets: [web],
  };
}

const overlaps = (a: { x: number; y: number; width: number; height: number }, b: typeof a) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

describe('layoutPicture', () => {
  it('draws one column per node, in name order', () => {
    const p = layoutPicture(threeNodes());
    const nodes = p.columns.filter((c) => c.kind === 'node');
    expect(nodes.map((c) => c.title)).toEqual(['minikube', 'minikube-m02', 'minikube-m03']);
    expect(nodes[0].x).toBeLessThan(nodes[1].x);
    expect(nodes[1].x).toBeLessThan(nodes[2].x);
  });

  it('places web-1 on minikube-m02 and links it to claim www-web-1 and its volume', () => {
    const p = layoutPicture(threeNodes());
    const web1 = p.pods.find((x) => x.name === 'web-1')!;
    const m02 = p.columns.find((c) => c.title === 'minikube-m02')!;
    expect(web1.column).toBe('node/minikube-m02');
    expect(web1.ordinal).toBe(1);
    expect(web1.x).toBeGreaterThanOrEqual(m02.x);
    expect(web1.x + web1.width).toBeLessThanOrEqual(m02.x + m02.width);
    const claim = p.claims.find((c) => c.name === 'www-web-1')!;
    expect(claim.column).toBe('node/minikube-m02');
    expect(claim.y).toBeGreaterThan(web1.y);
    expect(claim.volumeName).toBe('pvc-bbb');
    expect(p.links.map((l) => l.key)).toContain('pod/default/web-1->pvc/default/www-web-1');
    expect(p.links.map((l) => l.key)).toContain('pvc/default/www-web-1->pv/pvc-bbb');
    expect(p.volumes.find((v) => v.name === 'pvc-bbb')!.column).toBe('node/minikube-m02');
  });

  it('puts a pod without a node in the "Not scheduled" lane, with its pending claim', () => {
    const p = layoutPicture(threeNodes());
    const web2 = p.pods.find((x) => x.name === 'web-2')!;
    expect(web2.column).toBe('lane/unscheduled');
    expect(web2.tone).toBe('pending');
    expect(p.columns.at(-1)!.title).toBe('Not scheduled');
    expect(p.claims.find((c) => c.name === 'www-web-2')!.phase).toBe('Pending');
  });

  it('has no lane for unscheduled pods when every pod is on a node', () => {
    const input = threeNodes();
    input.pods = input.pods.filter((x) => x.spec.nodeName);
    input.pvcs = input.pvcs.filter((c) => c.metadata.name !== 'www-web-2');
    expect(layoutPicture(input).columns.map((c) => c.kind)).toEqual(['node', 'node', 'node']);
  });

  it('keeps the claim of a scaled-down pod in "Claims not mounted", still bound to its volume', () => {
    const input = threeNodes();
    input.pods = input.pods.filter((x) => x.metadata.name !== 'web-1');
    const p = layoutPicture(input);
    const claim = p.claims.find((c) => c.name === 'www-web-1')!;
    expect(claim.column).toBe('lane/storage');
    expect(claim.pods).toEqual([]);
    expect(p.links.map((l) => l.key)).toContain('pvc/default/www-web-1->pv/pvc-bbb');
    expect(p.volumes.filter((v) => v.name === 'pvc-bbb')).toHaveLength(1);
  });

  it('shows a released volume with no claim in the storage lane', () => {
    const input = threeNodes();
    input.pvs.push({ ...pv('pvc-old'), status: { phase: 'Released' } });
    const p = layoutPicture(input);
    expect(p.volumes.find((v) => v.name === 'pvc-old')).toMatchObject({ column: 'lane/storage', phase: 'Released' });
  });

  it('stacks cards in a column without overlapping', () => {
    const input = threeNodes();
    input.pods = [0, 1, 2, 3, 4].map((i) => stsPod('web', i, { node: 'minikube' }));
    input.pvcs = [0, 1, 2, 3, 4].map((i) => pvc(`www-web-${i}`, `pvc-${i}`));
    input.pvs = [0, 1, 2, 3, 4].map((i) => pv(`pvc-${i}`, `www-web-${i}`));
    const p = layoutPicture(input);
    const boxes = [...p.pods, ...p.claims, ...p.volumes];
    for (let i = 0; i < boxes.length; i++) for (let j = i + 1; j < boxes.length; j++) expect(overlaps(boxes[i], boxes[j]), `${boxes[i].key} / ${boxes[j].key}`).toBe(false);
    const col = p.columns.find((c) => c.title === 'minikube')!;
    for (const b of boxes) expect(b.y + b.height).toBeLessThanOrEqual(col.y + col.height);
    expect(p.height).toBeGreaterThanOrEqual(col.y + col.height);
  });

  it('sorts pods by ordinal the way people count (web-2 before web-10)', () => {
    const input = threeNodes();
    input.pods = [10, 2, 1].map((i) => stsPod('web', i, { node: 'minikube' }));
    expect(layoutPicture(input).pods.map((x) => x.name)).toEqual(['web-1', 'web-2', 'web-10']);
  });

  it('shows a stopped, cordoned node as NotReady with its machine state', () => {
    const input = threeNodes();
    input.nodes = [node('minikube'), node('minikube-m02', { ready: 'Unknown', unschedulable: true })];
    input.machines = [
      { name: 'minikube', state: 'running', ready: 'True' },
      { name: 'minikube-m02', state: 'stopped', ready: 'Unknown' },
    ];
    const m02 = layoutPicture(input).columns.find((c) => c.title === 'minikube-m02')!;
    expect(m02).toMatchObject({ ready: 'Unknown', status: 'NotReady,SchedulingDisabled', cordoned: true, machine: 'stopped' });
  });

  it('marks a pod being deleted as Terminating, and one on a lost node as Unknown', () => {
    const input = threeNodes();
    input.pods = [stsPod('web', 0, { node: 'minikube', deleting: true }), stsPod('web', 1, { node: 'minikube-m02', deleting: true, reason: 'NodeLost', ready: false })];
    const p = layoutPicture(input);
    expect(p.pods.map((x) => [x.name, x.status, x.tone])).toEqual([
      ['web-0', 'Terminating', 'terminating'],
      ['web-1', 'Unknown', 'unknown'],
    ]);
  });

  it('fades a pod whose node stopped reporting to unknown, keeping the status kubectl shows', () => {
    const input = threeNodes();
    input.nodes = [node('minikube'), node('minikube-m02', { ready: 'Unknown' })];
    input.pods = [stsPod('web', 0, { node: 'minikube' }), stsPod('web', 1, { node: 'minikube-m02', deleting: true, ready: false })];
    const p = layoutPicture(input);
    expect(p.pods.map((x) => [x.name, x.status, x.tone, x.nodeLost])).toEqual([
      ['web-0', 'Running', 'ready', false],
      ['web-1', 'Terminating', 'unknown', true],
    ]);
  });

  it('gives the headless Service DNS names for ready pods only', () => {
    const p = layoutPicture(threeNodes());
    const svc = p.services.find((s) => s.key === 'svc/default/nginx')!;
    expect(svc.detail).toBe('headless');
    expect(svc.dnsNames).toEqual(['web-0.nginx.default.svc.cluster.local', 'web-1.nginx.default.svc.cluster.local']);
    expect(p.services.find((s) => s.kind === 'statefulset')).toMatchObject({ name: 'web', detail: '2/3' });
  });

  it('starts the node columns below the Services band', () => {
    const p = layoutPicture(threeNodes());
    const band = Math.max(...p.services.map((s) => s.y + s.height));
    for (const c of p.columns) expect(c.y).toBeGreaterThan(band);
  });
});

describe('headlessDnsNames', () => {
  it('gives no names when the Service named by serviceName does not exist', () => {
    const pods = [stsPod('web', 0, { node: 'minikube', subdomain: 'nginx' })];
    const other = { ...headless, metadata: { name: 'web-svc', namespace: 'default' } };
    expect(headlessDnsNames([other], pods).get('default/web-svc')).toEqual([]);
  });

  it('gives no names through a Service that is not headless', () => {
    const pods = [stsPod('web', 0, { node: 'minikube' })];
    const clusterIP = { ...headless, spec: { ...headless.spec, clusterIP: '10.96.0.20' } };
    expect(headlessDnsNames([clusterIP], pods).size).toBe(0);
  });

  it('lists a not-ready pod when the Service publishes not-ready addresses', () => {
    const pods = [stsPod('web', 0, { node: 'minikube', ready: false })];
    expect(headlessDnsNames([headless], pods).get('default/nginx')).toEqual([]);
    const publish = { ...headless, spec: { ...headless.spec, publishNotReadyAddresses: true } };
    expect(headlessDnsNames([publish], pods).get('default/nginx')!.map((d) => d.name)).toEqual(['web-0.nginx.default.svc.cluster.local']);
  });
});

describe('podState', () => {
  it('counts restarts and shows a failing image in red', () => {
    const s = podState(stsPod('web', 0, { node: 'minikube', phase: 'Pending', waiting: 'ImagePullBackOff', restarts: 0 }));
    expect(s).toMatchObject({ status: 'ImagePullBackOff', tone: 'failed', ready: false });
    expect(podState(stsPod('web', 0, { node: 'minikube', restarts: 3 })).restarts).toBe(3);
  });

  it('shows a scheduled pod whose container is being created as progressing', () => {
    expect(podState(stsPod('web', 0, { node: 'minikube', phase: 'Pending' }))).toMatchObject({ status: 'ContainerCreating', tone: 'progressing' });
  });
});

describe('describePicture', () => {
  it('says in words what the picture shows', () => {
    const text = describePicture(layoutPicture(threeNodes())).join('\n');
    expect(text).toContain('Service nginx: headless, gives web-0.nginx.default.svc.cluster.local, web-1.nginx.default.svc.cluster.local.');
    expect(text).toContain('Node minikube-m02: Ready. Pods: web-1 Running, mounts www-web-1.');
    expect(text).toContain('Not scheduled: web-2 Pending, mounts www-web-2.');
    expect(text).toContain('Claim www-web-1: Bound, 1Gi, volume pvc-bbb.');
  });
});
