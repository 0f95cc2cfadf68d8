// kubectl figures named in issue 4: `kubectl get pods` and `kubectl describe sts` on a
// 1,000-pod cluster, goal ≤ 5 ms each (median and mean of 50 warm runs; GC and a busy machine
// show up in the mean). Pods are created through the API.
import { Cluster } from '../sandbox/cluster/cluster.ts';
import { Bootstrap } from '../sandbox/cluster/bootstrap.ts';
import { MemoryFs } from '../sandbox/cluster/fs.ts';
import { runKubectl } from '../sandbox/kubectl/index.ts';
import type { CommandIO, Services } from '../sandbox/shell/types.ts';

const c = Cluster.create({ seed: 1, components: (spec) => [new Bootstrap(spec)] });
const sts = c.api.create('statefulsets', 'default', {
  metadata: { name: 'web' },
  spec: {
    replicas: 1000, serviceName: 'nginx', podManagementPolicy: 'Parallel', selector: { matchLabels: { app: 'nginx' } },
    updateStrategy: { type: 'RollingUpdate', rollingUpdate: { partition: 0 } },
    template: { metadata: { labels: { app: 'nginx' } }, spec: { containers: [{ name: 'nginx', image: 'registry.k8s.io/nginx-slim:0.21', ports: [{ containerPort: 80, name: 'web' }] }] } },
  },
});
for (let i = 0; i < 1000; i++) {
  c.api.create('pods', 'default', {
    metadata: { name: `web-${i}`, labels: { app: 'nginx' }, ownerReferences: [{ apiVersion: 'apps/v1', kind: 'StatefulSet', name: 'web', uid: sts.metadata.uid, controller: true }] },
    spec: { nodeName: `minikube-m${String((i % 50) + 2).padStart(2, '0')}`, containers: [{ name: 'nginx', image: 'registry.k8s.io/nginx-slim:0.21' }] },
    status: { phase: 'Running', podIP: `10.244.${i >> 8}.${i & 255}`, podIPs: [{ ip: `10.244.${i >> 8}.${i & 255}` }], conditions: [{ type: 'Ready', status: 'True' }], containerStatuses: [{ name: 'nginx', ready: true, restartCount: 0, state: { running: { startedAt: '2026-01-01T00:00:00Z' } } }] },
  });
}
for (let i = 0; i < 40; i++) {
  c.api.create('events', 'default', { metadata: { name: `web.${i}` }, involvedObject: { kind: 'StatefulSet', name: 'web', namespace: 'default', uid: sts.metadata.uid }, reason: 'SuccessfulCreate', message: `create Pod web-${i} in StatefulSet web successful`, type: 'Normal', source: { component: 'statefulset-controller' }, firstTimestamp: '2026-01-01T00:00:00Z', lastTimestamp: '2026-01-01T00:00:00Z', count: 1 });
}
c.settle();
c.advance(300_000);

function servicesFor(cluster: Cluster): Services {
  return {
    api: cluster.api, now: () => cluster.clock.now(),
    async nextChange() { return 'quiet' as const; },
    async sleep() {},
  } as unknown as Services;
}
let services = servicesFor(c);

async function time(line: string, runs = 50): Promise<void> {
  let bytes = 0;
  const io: CommandIO = {
    argv: line.split(' '), stdin: '', stdout: (t) => { bytes += t.length; }, stderr: (t) => { bytes += t.length; },
    env: {}, cwd: '/', fs: new MemoryFs(), signal: { aborted: false, onAbort: () => () => {} }, isTTY: false, columns: 120,
  };
  for (let i = 0; i < 20; i++) await runKubectl(io, services);
  bytes = 0;
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await runKubectl(io, services);
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  const mean = times.reduce((a, b) => a + b, 0) / runs;
  console.log(`${line.padEnd(30)} median ${times[runs >> 1].toFixed(2)} ms, mean ${mean.toFixed(2)} ms  (${Math.round(bytes / runs)} bytes; goal ≤ 5 ms)`);
}

await time('kubectl get pods');
await time('kubectl describe sts web');
await time('kubectl get pods -o wide');
await time('kubectl get pods -o name');

// The same on the full simulator (scheduler, kubelets, controllers): a Parallel StatefulSet of
// 1,000 replicas after two virtual minutes: the three nodes hold what fits (pod limit 110
// each), the rest stay Pending with FailedScheduling events; describe searches all events.
const built = performance.now();
const full = Cluster.create({ seed: 1 });
full.api.create('statefulsets', 'default', {
  metadata: { name: 'web' },
  spec: {
    replicas: 1000, serviceName: 'nginx', podManagementPolicy: 'Parallel', selector: { matchLabels: { app: 'nginx' } },
    template: { metadata: { labels: { app: 'nginx' } }, spec: { containers: [{ name: 'nginx', image: 'registry.k8s.io/nginx-slim:0.21', resources: { requests: { cpu: '1m', memory: '1Mi' } } }] } },
  },
});
full.settle();
full.advance(120_000);
const pods = full.api.list('pods', 'default').items;
const running = pods.filter((p) => p.status?.phase === 'Running').length;
console.log(`full simulator: ${pods.length} pods (${running} Running), ${full.api.list('events', 'default').items.length} events, built in ${Math.round(performance.now() - built)} ms`);
services = servicesFor(full);
await time('kubectl get pods');
await time('kubectl describe sts web');
