// The figures of issue 3's benchmark, as one scenario that runs the same in Node
// (simulator.bench.ts) and in a browser's Web Worker (simulator-chromium.bench.ts): a 1,000-replica
// Parallel StatefulSet on 50 nodes settles in ≤ 1 s of wall time; snapshot and restore of that
// cluster ≤ 50 ms each; one virtual hour of an idle 100-pod cluster ≤ 50 ms.
// No Node built-ins here: the browser runs this file too.
import { Cluster, LAZY_RESOURCES } from '../sandbox/cluster/cluster.ts';
import { splitSaved } from '../sandbox/cluster/saved-layout.ts';
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

/**
 * Where the figures go; the host's CPU time in ms when it has one (Node's process.cpuUsage); and
 * a full garbage collection when the host can ask for one (V8's --expose-gc).
 */
export interface ScenarioHost {
  log(line: string): void;
  cpuMs?(): number;
  collectGarbage?(): void;
}

/** A stopwatch: wall time, and the host's CPU time over the same span when it can tell. */
function stopwatch(host: ScenarioHost): () => string {
  const t0 = performance.now();
  const c0 = host.cpuMs?.();
  return () => {
    const cpu = c0 === undefined ? '' : ` (cpu ${(host.cpuMs!() - c0).toFixed(1)} ms)`;
    return `${(performance.now() - t0).toFixed(1)} ms${cpu}`;
  };
}

// Counted on the stored objects (peekAll): a list would copy 1,000 pods at every step, which is
// the harness's cost, not the simulator's.
function readyPods(c: Cluster): number {
  let n = 0;
  for (const p of c.api.peekAll('pods') as Iterable<any>) if (p.status?.conditions?.some((x: any) => x.type === 'Ready' && x.status === 'True')) n++;
  return n;
}

/** "min / median of N" of a list of milliseconds. */
function summary(ms: number[]): string {
  const s = [...ms].sort((a, b) => a - b);
  return `min ${s[0].toFixed(1)} ms, median ${s[Math.floor(s.length / 2)].toFixed(1)} ms of ${s.length}`;
}

/** Wall milliseconds of f, and its result. */
function timed<T>(f: () => T): [number, T] {
  const t0 = performance.now();
  const r = f();
  return [performance.now() - t0, r];
}

export function runSimulatorScenario(host: ScenarioHost, runs: number): void {
  // 1. 1,000 replicas, Parallel, 50 nodes: wall time until every pod is Ready. Then the snapshot
  // and restore of that cluster: from the running cluster to the versioned JSON string a host
  // stores, and from that string to a running cluster. Several runs in one process, each on a
  // fresh cluster: the first pays the JIT's warm-up, as a learner's first big scale-up does.
  host.log(host.collectGarbage ? 'each run starts on a collected heap (one cluster, as in a fresh tab)' : 'no full collection between runs (the host cannot ask for one): later runs may pay for earlier ones');
  const settles: number[] = [], firsts: number[] = [], laters: number[] = [], restores: number[] = [], parses: number[] = [], eventReads: number[] = [];
  for (let run = 1; run <= runs; run++) {
    // Each run as in a fresh tab, with one cluster: the clusters of earlier runs are garbage,
    // and without this a later run's step pays for collecting them (a 100 ms mark-compact
    // inside a snapshot, seen with --trace-gc), which no learner's tab would.
    host.collectGarbage?.();
    const c = Cluster.create({ seed: 1, spec: { nodes: nodes(50) } });
    c.api.create('services', 'default', { metadata: { name: 'nginx' }, spec: { clusterIP: 'None', selector: { app: 'big' }, ports: [{ port: 80, name: 'web' }] } });
    const settle = stopwatch(host);
    const t0 = performance.now();
    c.api.create('statefulsets', 'default', statefulSet('big', 1000, 'Parallel'));
    let steps = 0;
    while (readyPods(c) < 1000 && c.nextTimerAt() !== undefined && steps++ < 200) c.advance(5000);
    settles.push(performance.now() - t0);
    const wall = settle();
    host.log(`run ${run}: 1000-replica Parallel StatefulSet on 50 nodes: ${readyPods(c)} Ready after ${(c.clock.now() - Date.UTC(2026, 0, 1)) / 1000}s virtual, wall ${wall}`);
    // The first save after the scale-up writes every object's text; a later save (the lab saves
    // after each command) writes again only what changed: here, 10 virtual seconds on.
    const [first, json] = timed(() => c.snapshotJSON());
    c.advance(10_000);
    const [later, json2] = timed(() => c.snapshotJSON());
    const [restore, restored] = timed(() => Cluster.restoreJSON(json2));
    firsts.push(first);
    laters.push(later);
    restores.push(restore);
    const same = restored.snapshotJSON() === json2;
    // A restore leaves the Events as text until something reads them (kubectl get events, the
    // lab's events feed, the next Event recorded): that first read's cost, shown apart.
    const [eventRead, events] = timed(() => [...restored.api.peekAll('events')].length);
    eventReads.push(eventRead);
    // How much of a restore is V8's JSON.parse of the text (the Events left out, as the restore
    // leaves them): the same parse again, timed apart, after the restore and on a collected heap
    // (beside two big clusters a collection often lands inside it). The rest of a restore is the
    // components taking their state and the informers' first delivery of every object.
    host.collectGarbage?.();
    const [parse] = timed(() => splitSaved(json2, LAZY_RESOURCES));
    parses.push(parse);
    host.log(`  snapshot: first ${first.toFixed(1)} ms (${(json.length / 1e6).toFixed(1)} MB JSON), a later one ${later.toFixed(1)} ms; restore ${restore.toFixed(1)} ms (its JSON.parse alone, timed apart: ${parse.toFixed(1)} ms; then the first read of its ${events} Events ${eventRead.toFixed(1)} ms); restored snapshot identical: ${same}`);
  }
  host.log(`settle of 1000 replicas: ${summary(settles)} (goal ≤ 1000 ms)`);
  host.log(`first snapshot after the scale-up: ${summary(firsts)} (goal ≤ 50 ms)`);
  host.log(`a later snapshot: ${summary(laters)} (goal ≤ 50 ms)`);
  host.log(`restore: ${summary(restores)} (goal ≤ 50 ms)`);
  host.log(`its JSON.parse of the text, timed apart: ${summary(parses)}`);
  host.log(`first read of the restored Events (deferred by the restore): ${summary(eventReads)}`);

  // 2. One virtual hour of an idle 100-pod cluster.
  host.collectGarbage?.();
  const c = Cluster.create({ seed: 2 });
  c.api.create('services', 'default', { metadata: { name: 'nginx' }, spec: { clusterIP: 'None', selector: { app: 'idle' }, ports: [{ port: 80, name: 'web' }] } });
  c.api.create('statefulsets', 'default', statefulSet('idle', 100, 'Parallel'));
  c.advance(120_000);
  const t = stopwatch(host);
  c.advance(3_600_000);
  host.log(`one virtual hour of an idle cluster with ${readyPods(c)} Ready pods: ${t()} (goal ≤ 50 ms)`);
}
