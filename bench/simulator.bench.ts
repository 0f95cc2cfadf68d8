// Simulator figures named in issue 3: a 1,000-replica Parallel StatefulSet on 50 nodes settles
// in ≤ 1 s of wall time; one virtual hour of an idle 100-pod cluster ≤ 50 ms; snapshot and
// restore of the 1,000-pod cluster ≤ 50 ms each.
import { Cluster } from '../sandbox/cluster/cluster.ts';
import type { NodeSpec } from '../sandbox/cluster/components.ts';

function nodes(n: number): NodeSpec[] {
  return Array.from({ length: n }, (_, i) => ({ name: i === 0 ? 'minikube' : `minikube-m${String(i + 1).padStart(2, '0')}`, cpuMillis: 64000, memoryMiB: 256000, pods: 110 }));
}

function statefulSet(name: string, replicas: number, policy: 'OrderedReady' | 'Parallel') {
  return {
    apiVersion: 'apps/v1', kind: 'StatefulSet',
    metadata: { name },
    spec: {
      serviceName: 'nginx', replicas, podManagementPolicy: policy,
      selector: { matchLabels: { app: name } },
      template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: 'nginx', image: 'registry.k8s.io/nginx-slim:0.21', ports: [{ containerPort: 80, name: 'web' }], volumeMounts: [{ name: 'www', mountPath: '/usr/share/nginx/html' }] }] } },
      volumeClaimTemplates: [{ metadata: { name: 'www' }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } } }],
    },
  };
}

/** A stopwatch: wall time, and this process's CPU time (user + system) over the same span. */
function stopwatch(): () => string {
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  return () => {
    const cpu = process.cpuUsage(c0);
    return `${(performance.now() - t0).toFixed(1)} ms (cpu ${((cpu.user + cpu.system) / 1000).toFixed(1)} ms)`;
  };
}

// Counted on the stored objects (peekAll): a list would copy 1,000 pods at every step, which is
// the harness's cost, not the simulator's.
function readyPods(c: Cluster): number {
  let n = 0;
  for (const p of c.api.peekAll('pods') as Iterable<any>) if (p.status?.conditions?.some((x: any) => x.type === 'Ready' && x.status === 'True')) n++;
  return n;
}

// 1. 1,000 replicas, Parallel, 50 nodes: wall time until every pod is Ready.
{
  const c = Cluster.create({ seed: 1, spec: { nodes: nodes(50) } });
  c.api.create('services', 'default', { metadata: { name: 'nginx' }, spec: { clusterIP: 'None', selector: { app: 'big' }, ports: [{ port: 80, name: 'web' }] } });
  const settle = stopwatch();
  c.api.create('statefulsets', 'default', statefulSet('big', 1000, 'Parallel'));
  let steps = 0;
  while (readyPods(c) < 1000 && c.nextTimerAt() !== undefined && steps++ < 200) c.advance(5000);
  const wall = settle();
  console.log(`1000-replica Parallel StatefulSet on 50 nodes: ${readyPods(c)} Ready after ${(c.clock.now() - Date.UTC(2026, 0, 1)) / 1000}s virtual, wall ${wall} (goal ≤ 1000 ms)`);

  // 3. Snapshot and restore of that cluster: from the running cluster to the versioned JSON
  // string a host stores, and from that string to a running cluster.
  let t = stopwatch();
  const json = c.snapshotJSON();
  console.log(`snapshot of the 1000-pod cluster: ${t()} (${(json.length / 1e6).toFixed(1)} MB JSON) (goal ≤ 50 ms)`);
  t = stopwatch();
  const restored = Cluster.restoreJSON(json);
  console.log(`restore of the 1000-pod cluster: ${t()} (goal ≤ 50 ms)`);
  // Once more each, warm (a long session's second save), for comparison.
  t = stopwatch();
  const again = restored.snapshotJSON();
  const tSnap = t();
  t = stopwatch();
  Cluster.restoreJSON(again);
  console.log(`  again, warm: snapshot ${tSnap}, restore ${t()}; restored snapshot identical: ${again === json}`);
}

// 2. One virtual hour of an idle 100-pod cluster.
{
  const c = Cluster.create({ seed: 2 });
  c.api.create('services', 'default', { metadata: { name: 'nginx' }, spec: { clusterIP: 'None', selector: { app: 'idle' }, ports: [{ port: 80, name: 'web' }] } });
  const sts = statefulSet('idle', 100, 'Parallel') as any;
  for (const n of c.api.list('nodes').items) void n;
  c.api.create('statefulsets', 'default', sts);
  c.advance(120_000);
  const t = stopwatch();
  c.advance(3_600_000);
  console.log(`one virtual hour of an idle cluster with ${readyPods(c)} Ready pods: ${t()} (goal ≤ 50 ms)`);
}
