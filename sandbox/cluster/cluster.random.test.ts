// A randomized run of learner-like steps on the full cluster, with the invariants checked after
// every step, and a determinism check: the same seed and steps give the same snapshot.
import { describe, expect, it } from 'vitest';
import { Cluster } from './cluster.ts';
import { Random } from './random.ts';
import { ApiError } from './api/errors.ts';
import type { KubeletRuntime } from './runtime-api.ts';
import { checkRetainedClaims, checkStatefulIdentities, checkVolumeBindings, WatchMirror, type Violation } from './invariants.ts';

function manifest(name: string, replicas: number, parallel: boolean) {
  return {
    apiVersion: 'apps/v1', kind: 'StatefulSet', metadata: { name },
    spec: {
      serviceName: 'nginx', replicas, podManagementPolicy: parallel ? 'Parallel' : 'OrderedReady',
      selector: { matchLabels: { app: name } },
      template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: 'nginx', image: 'registry.k8s.io/nginx-slim:0.21', volumeMounts: [{ name: 'data', mountPath: '/data' }] }] } },
      volumeClaimTemplates: [{ metadata: { name: 'data' }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } } }],
    },
  };
}

/** Runs `steps` random learner actions; returns the log of what was done and any violations. */
function randomRun(seed: number, steps: number): { cluster: Cluster; log: string[]; violations: Violation[] } {
  const c = Cluster.create({ seed });
  const r = new Random(seed * 7919);
  const mirrors = ['pods', 'persistentvolumeclaims', 'statefulsets'].map((res) => new WatchMirror(c.api, res));
  const everClaims = new Map<string, boolean>();
  const userDeleted = new Set<string>();
  const log: string[] = [];
  const violations: Violation[] = [];
  const nodes = c.api.list('nodes').items.map((n) => n.metadata.name!);
  const kubelet = c.component<KubeletRuntime & { name: string }>('kubelet');
  for (let i = 0; i < steps; i++) {
    const sets = c.api.list('statefulsets', 'default').items.map((s) => s.metadata.name!);
    const pods = c.api.list('pods', 'default').items.map((p) => p.metadata.name!);
    const claims = c.api.list('persistentvolumeclaims', 'default').items.map((p) => p.metadata.name!);
    const action = r.int(10);
    try {
      if (action === 0 || !sets.length) {
        const name = ['web', 'db', 'cache'][r.int(3)];
        log.push(`create ${name}`);
        c.api.create('statefulsets', 'default', manifest(name, r.int(4), r.int(2) === 1));
      } else if (action === 1) {
        const s = r.pick(sets);
        const n = r.int(5);
        log.push(`scale ${s} ${n}`);
        c.api.patch('statefulsets', 'default', s, { spec: { replicas: n } }, 'merge');
      } else if (action === 2 && pods.length) {
        const p = r.pick(pods);
        log.push(`delete pod ${p}`);
        c.api.delete('pods', 'default', p);
      } else if (action === 3 && claims.length && r.int(3) === 0) {
        const p = r.pick(claims);
        log.push(`delete pvc ${p}`);
        userDeleted.add(`default/${p}`);
        c.api.delete('persistentvolumeclaims', 'default', p);
      } else if (action === 4 && kubelet) {
        const n = r.pick(nodes);
        const op = r.pick(['stopNode', 'cutNode', 'startNode'] as const);
        log.push(`${op} ${n}`);
        kubelet[op](n);
      } else if (action === 5 && sets.length) {
        const s = r.pick(sets);
        log.push(`image ${s}`);
        c.api.patch('statefulsets', 'default', s, { spec: { template: { metadata: { annotations: { rev: String(i) } } } } }, 'merge');
      } else {
        const ms = [1000, 5000, 30_000, 120_000][r.int(4)];
        log.push(`advance ${ms}`);
        c.advance(ms);
      }
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
      log.push(`  -> ${e.status.reason}`);
    }
    c.settle();
    for (const v of [...checkVolumeBindings(c.api), ...checkStatefulIdentities(c.api), ...checkRetainedClaims(c.api, everClaims, userDeleted), ...mirrors.flatMap((m) => m.check(c.api))]) {
      violations.push({ rule: v.rule, detail: `step ${i} (${log[log.length - 1]}): ${v.detail}` });
    }
  }
  return { cluster: c, log, violations };
}

describe('randomized learner runs', () => {
  for (const seed of [1, 2, 3, 4]) {
    it(`keeps every invariant through 150 random steps (seed ${seed})`, () => {
      const { violations } = randomRun(seed, 150);
      expect(violations).toEqual([]);
    });
  }

  it('gives an identical snapshot for the same seed and steps', () => {
    const a = randomRun(11, 80).cluster.snapshot();
    const b = randomRun(11, 80).cluster.snapshot();
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
  });

  it('restores a busy cluster into one that continues identically', () => {
    const { cluster } = randomRun(12, 60);
    const restored = Cluster.restore(JSON.parse(JSON.stringify(cluster.snapshot())));
    cluster.advance(600_000);
    restored.advance(600_000);
    expect(JSON.stringify(restored.snapshot())).toBe(JSON.stringify(cluster.snapshot()));
  });
});
