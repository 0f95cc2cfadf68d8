// The kubelet's saveJSON keeps each pod runtime's text between saves (pod-texts.ts). A text kept
// after its pod changed would restore a learner's saved lab wrong, so this drives random
// learner-like steps through every way the kubelet's state changes (pods of many kinds, deletes
// and force deletes, node power, exec writing files and logs, HTTP, stdin, time) and checks after
// EVERY step that the kept text is exactly what serialising the state anew gives. Removing any one
// of the kubelet's invalidations (`changing`, `changingPods`, SavedFs's writes) makes it fail.
// Its restores check that every runtime comes back whole, including the specs saved as their
// stored pods' (pod-texts.ts): saying "as stored" for a pod whose image was set since, or that
// is gone from the API, makes it fail too.
import { describe, expect, it } from 'vitest';
import { Cluster } from '../cluster.ts';
import { Bootstrap } from '../bootstrap.ts';
import { Random } from '../random.ts';
import { ApiError } from '../api/errors.ts';
import type { KubeObject } from '../api/client.ts';
import type { ContainerEnv } from '../runtime-api.ts';
import { kubeletComponents, type Kubelet } from './index.ts';
import { boundClaim, FakeScheduler } from './test-helpers.ts';
import { MemoryFs } from '../fs.ts';
import { SavedFs } from './saved-fs.ts';
import { SPEC_AS_STORED } from './pod-texts.ts';

const NODES = ['minikube', 'minikube-m02', 'minikube-m03'];

/** Pods that between them reach every stage and container state the kubelet keeps. */
const KINDS: Record<string, (name: string, claim: string) => KubeObject['spec']> = {
  // Readiness fails until /usr/share/nginx/html/healthz is written by an exec; HTTP logs lines.
  nginx: () => ({
    containers: [{
      name: 'nginx', image: 'nginx', ports: [{ containerPort: 80 }],
      readinessProbe: { httpGet: { path: '/healthz', port: 80 }, periodSeconds: 5 },
      livenessProbe: { httpGet: { path: '/', port: 80 }, periodSeconds: 10 },
    }],
  }),
  crash: () => ({ containers: [{ name: 'c', image: 'busybox:1.36', command: ['sh', '-c', 'echo boom; exit 1'] }] }),
  // A script writing to an emptyDir over time, with an exec readiness probe on it.
  writer: () => ({
    containers: [{
      name: 'w', image: 'busybox:1.36', command: ['sh', '-c', 'echo hi > /cache/note; sleep 5; echo more >> /cache/note; sleep 3600'],
      volumeMounts: [{ name: 'cache', mountPath: '/cache' }], readinessProbe: { exec: { command: ['cat', '/cache/note'] }, periodSeconds: 5 },
    }],
    volumes: [{ name: 'cache', emptyDir: {} }],
  }),
  unknownImage: () => ({ containers: [{ name: 'x', image: 'example.invalid/nope:1' }] }),
  neverPull: () => ({ containers: [{ name: 'n', image: 'busybox:1.37', imagePullPolicy: 'Never', command: ['sleep', '3600'] }] }),
  // Liveness fails (and restarts the container) until an exec creates /tmp/healthy.
  liveness: () => ({
    containers: [{ name: 'l', image: 'busybox:1.36', command: ['sleep', '3600'], livenessProbe: { exec: { command: ['cat', '/tmp/healthy'] }, periodSeconds: 5, failureThreshold: 2 } }],
  }),
  startup: () => ({
    containers: [{ name: 's', image: 'busybox:1.36', command: ['sleep', '3600'], startupProbe: { exec: { command: ['cat', '/tmp/started'] }, periodSeconds: 5, failureThreshold: 30 } }],
  }),
  init: () => ({
    initContainers: [{ name: 'install', image: 'busybox:1.28', command: ['sh', '-c', 'echo hello from init > /work-dir/index.html; sleep 3'], volumeMounts: [{ name: 'workdir', mountPath: '/work-dir' }] }],
    containers: [{ name: 'nginx', image: 'nginx', ports: [{ containerPort: 80 }], volumeMounts: [{ name: 'workdir', mountPath: '/usr/share/nginx/html' }] }],
    volumes: [{ name: 'workdir', emptyDir: {} }],
  }),
  once: () => ({ restartPolicy: 'Never', containers: [{ name: 'o', image: 'busybox:1.36', command: ['sh', '-c', 'echo hello'] }] }),
  onFailure: () => ({ restartPolicy: 'OnFailure', containers: [{ name: 'f', image: 'busybox:1.36', command: ['sh', '-c', 'sleep 2; exit 3'] }] }),
  shell: () => ({ containers: [{ name: 'sh', image: 'busybox:1.36', command: ['sh'], stdin: true, stdinOnce: true, tty: true }] }),
  // The PV's stand-in disk keeps what is POSTed, and outlives the pod.
  pet: (_name, claim) => ({
    containers: [{ name: 'kubia', image: 'luksa/kubia-pet', ports: [{ containerPort: 8080 }], volumeMounts: [{ name: 'data', mountPath: '/var/data' }] }],
    volumes: [{ name: 'data', persistentVolumeClaim: { claimName: claim } }],
  }),
  // Waits in the volumes stage for a claim nobody creates (FailedMount after two minutes).
  unbound: () => ({
    containers: [{ name: 'u', image: 'busybox:1.36', command: ['sleep', '3600'], volumeMounts: [{ name: 'data', mountPath: '/data' }] }],
    volumes: [{ name: 'data', persistentVolumeClaim: { claimName: 'missing' } }],
  }),
  // Logs every request, and ignores SIGTERM: it still answers during a force delete's 2 s.
  kubia: () => ({ containers: [{ name: 'kubia', image: 'luksa/kubia', ports: [{ containerPort: 8080 }] }] }),
  hostPath: () => ({
    containers: [{ name: 'h', image: 'busybox:1.36', command: ['sh', '-c', 'echo up >> /host/log; sleep 3600'], volumeMounts: [{ name: 'host', mountPath: '/host' }] }],
    volumes: [{ name: 'host', hostPath: { path: '/srv/shared' } }],
  }),
};

function newCluster(seed: number): Cluster {
  return Cluster.create({ seed, components: (spec) => [new Bootstrap(spec), ...kubeletComponents(spec), new FakeScheduler()] });
}

interface Run {
  log: string[];
  steps: number;
  /** Steps that changed a pod runtime that was there (and whose text was kept) before the step. */
  podChangedSteps: number;
  /** What the kubelet's state went through, to show the run reached the states it claims to test. */
  seen: Set<string>;
}

/**
 * `steps` random steps; after each, saveJSON() must equal JSON.stringify(save()). Stops at the
 * first step where they differ and says where (`mismatch`).
 */
function randomRun(seed: number, steps: number): Run & { mismatch?: { step: number; what: string } } {
  let cluster = newCluster(seed);
  const r = new Random(seed * 104_729);
  const log: string[] = [];
  const seen = new Set<string>();
  const held: ContainerEnv[] = [];
  // Deleted pods' names too: a force-deleted pod may still run on a cut-off node (findRuntime's fallback).
  const deleted: string[] = [];
  let forced: string | undefined;
  let claims = 0;
  let podChangedSteps = 0;
  let last = new Map<string, string>();
  const kubelet = () => cluster.component<Kubelet>('kubelet')!;
  for (let i = 0; i < steps; i++) {
    const pods = cluster.api.list('pods', 'default').items.map((p) => p.metadata.name!);
    const anyPod = () => (deleted.length && r.int(4) === 0 ? r.pick(deleted) : r.pick(pods));
    const action = r.int(14);
    try {
      if (action <= 2 || !pods.length) {
        const kind = r.pick(Object.keys(KINDS));
        const name = `${kind.toLowerCase()}-${i}`;
        const claim = `data-${claims++}`;
        if (kind === 'pet') boundClaim(cluster, 'default', claim, `pv-${claim}`);
        log.push(`create ${name}`);
        cluster.api.create('pods', 'default', { metadata: { name, annotations: { 'test/node': r.pick(NODES) } }, spec: KINDS[kind](name, claim) });
      } else if (action === 3) {
        const p = r.pick(pods);
        const force = r.int(3) === 0;
        log.push(`delete ${p}${force ? ' --force' : ''}`);
        deleted.push(p);
        if (force) forced = p;
        cluster.api.delete('pods', 'default', p, force ? { gracePeriodSeconds: 0 } : {});
      } else if (action === 4) {
        const n = r.pick(NODES);
        const op = r.pick(['stopNode', 'cutNode', 'startNode', 'startNode'] as const);
        log.push(`${op} ${n}`);
        kubelet()[op](n);
      } else if (action === 5 || action === 6) {
        // kubectl exec: files in the root and on volumes, lines on stdout; the session is kept.
        const p = anyPod();
        const env = kubelet().containerEnv('default', p);
        const paths = ['/tmp/healthy', '/tmp/started', '/usr/share/nginx/html/healthz', '/cache/note', '/host/log', '/var/data/kubia.txt', '/work-dir/x', '/tmp/new', '/tmp/later', '/etc/hostname'];
        const op = r.pick(['write', 'append', 'rm', 'mkdir', 'log'] as const);
        // rm what is there (a script's file, an exec's, the kubelet's /etc/hostname), else anything.
        const present = op === 'rm' && env ? paths.filter((x) => env.fs.exists(x)) : [];
        const path = r.pick(present.length ? present : paths);
        log.push(`exec ${p} ${op} ${path}${env ? '' : ' (not running)'}`);
        if (env) {
          try {
            if (op === 'write' || op === 'append') env.fs.writeFile(path, `line ${i}\n`, { append: op === 'append' });
            else if (op === 'rm') env.fs.rm(path, { recursive: true });
            else if (op === 'mkdir') env.fs.mkdir(`${path}.d`, { recursive: true });
            else env.log?.(`stdout ${i}`);
          } catch {
            // No such file, read-only: what the shell would print, nothing kept.
          }
          held.push(env);
        }
      } else if (action === 7 && held.length) {
        // An exec session opened steps ago (maybe its pod is gone, restarted or restored) writes again.
        const env = r.pick(held);
        log.push(`held session ${env.pod} logs and writes`);
        env.log?.(`later ${i}`);
        try {
          env.fs.writeFile('/tmp/later', `${i}\n`, { append: true });
        } catch {
          // As above.
        }
      } else if (action === 8) {
        // Often the pod just force-deleted: curl right after `kubectl delete --force`.
        const p = forced && r.int(3) === 0 ? forced : anyPod();
        const port = r.pick([80, 8080]);
        const post = r.int(2) === 0;
        log.push(`http ${post ? 'POST' : 'GET'} ${p}:${port}`);
        kubelet().serveHttp('default', p, port, post ? { method: 'POST', path: '/', body: `data ${i}` } : { method: 'GET', path: r.pick(['/', '/healthz', '/nope']) });
      } else if (action === 9) {
        const p = anyPod();
        log.push(`logs ${p}`);
        kubelet().logs('default', p, undefined, r.int(2) === 0);
        kubelet().closeStdin?.('default', p);
      } else if (action === 11 && r.int(5) === 0) {
        // kubectl set image on a pod: the stored spec changes under the kubelet's copy.
        const p = r.pick(pods);
        const image = `busybox:1.${30 + r.int(7)}`;
        log.push(`set image ${p} ${image}`);
        cluster.api.patch('pods', 'default', p, [{ op: 'replace', path: '/spec/containers/0/image', value: image }], 'json');
      } else if (action === 10 && r.int(4) === 0) {
        // Save and restore, as a reload of the lab does; the run goes on in the restored cluster.
        log.push('restore');
        const before = runtimes(kubelet());
        cluster = Cluster.restoreJSON(cluster.snapshotJSON(), { components: (spec) => [new Bootstrap(spec), ...kubeletComponents(spec), new FakeScheduler()] });
        // Specs saved as the stored pods' are picked again from the restored pods: the runtimes
        // come back whole, exactly as they were.
        const after = runtimes(kubelet());
        if (after !== before) return { log, steps, podChangedSteps, seen, mismatch: { step: i, what: `restored runtimes, ${firstDifference(after, before)}` } };
      } else {
        const ms = r.pick([100, 300, 1000, 1000, 5000, 10_000, 30_000, 120_000]);
        log.push(`advance ${ms}`);
        cluster.advance(ms);
      }
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
      log.push(`  -> ${e.status.reason}`);
    }
    // Right after the step, before the cluster reacts (a save settles first, but the kept texts
    // must hold at any moment), and once it has.
    let state: any;
    for (const when of ['before settle', 'after settle']) {
      if (when === 'after settle') cluster.settle();
      const fast = kubelet().saveJSON();
      const slow = JSON.stringify(kubelet().save());
      if (fast !== slow) return { log, steps, podChangedSteps, seen, mismatch: { step: i, what: `${when}, ${firstDifference(fast, slow)}` } };
      state = JSON.parse(slow);
      note(seen, state);
    }
    const texts = podTexts(state);
    if ([...texts].some(([uid, text]) => last.has(uid) && last.get(uid) !== text)) podChangedSteps++;
    last = texts;
  }
  return { log, steps, podChangedSteps, seen };
}

/** The kubelet's pod runtimes as it holds them, every spec written out whole. */
function runtimes(k: Kubelet): string {
  return JSON.stringify((k as unknown as { nodes: unknown }).nodes);
}

/** Each pod runtime's own text, by uid. */
function podTexts(state: any): Map<string, string> {
  const out = new Map<string, string>();
  for (const node of Object.values<any>(state.nodes)) for (const [uid, rt] of Object.entries(node.pods)) out.set(uid, JSON.stringify(rt));
  return out;
}

/** The states of the kubelet's state worth having been through. */
function note(seen: Set<string>, state: any): void {
  for (const node of Object.values<any>(state.nodes)) {
    seen.add(`power:${node.power}`);
    for (const rt of Object.values<any>(node.pods)) {
      seen.add(`stage:${rt.stage}`);
      seen.add(rt.spec === SPEC_AS_STORED ? 'spec:as stored' : 'spec:whole');
      if (rt.deletion) seen.add('deleting');
      if (rt.apiGone) seen.add('force-deleted');
      for (const c of rt.containers) {
        seen.add(`phase:${c.phase}`);
        if (c.waitingReason) seen.add(`waiting:${c.waitingReason}`);
        if (c.restartCount) seen.add('restarted');
        if (Object.values<any>(c.probes).some((p) => p.failures)) seen.add('probe-failing');
        if (c.logs.length) seen.add('logs');
        if (c.killReason) seen.add(`killed:${c.killReason}`);
      }
    }
  }
  for (const k of Object.keys(state.files)) seen.add(`files:${k.split('/')[0]}`);
}

function firstDifference(a: string, b: string): string {
  let i = 0;
  while (i < a.length && a[i] === b[i]) i++;
  return `at ${i}: kept …${a.slice(Math.max(0, i - 80), i + 80)}… anew …${b.slice(Math.max(0, i - 80), i + 80)}…`;
}

describe('kubelet saveJSON keeps texts only while they hold (pod-texts.ts, saved-fs.ts)', () => {
  const runs: Run[] = [];
  for (const seed of [1, 2, 3, 4, 5]) {
    it(`equals JSON.stringify(save()) after every one of 300 random steps (seed ${seed})`, () => {
      const run = randomRun(seed, 300);
      expect(run.mismatch && `${run.mismatch.what}\nsteps: ${run.log.slice(-6).join(' | ')}`).toBeUndefined();
      runs.push(run);
    });
  }

  it('follows a request served by a force-deleted pod during its last 2 s (findRuntime by name)', () => {
    const cluster = newCluster(7);
    const kubelet = cluster.component<Kubelet>('kubelet')!;
    cluster.api.create('pods', 'default', { metadata: { name: 'kubia' }, spec: KINDS.kubia('kubia', '') });
    cluster.advance(30_000);
    cluster.api.delete('pods', 'default', 'kubia', { gracePeriodSeconds: 0 });
    cluster.settle();
    const before = kubelet.saveJSON();
    expect(kubelet.serveHttp('default', 'kubia', 8080, { method: 'GET', path: '/' })).toMatchObject({ status: 200 });
    expect(kubelet.saveJSON()).toBe(JSON.stringify(kubelet.save()));
    expect(kubelet.saveJSON()).not.toBe(before);
  });

  it('keeps a file system text only while MemoryFs has no way to change besides the ones SavedFs watches', () => {
    // A new MemoryFs method that changes files would need SavedFs to drop its text there too.
    expect(Object.getOwnPropertyNames(MemoryFs.prototype).sort()).toEqual(['constructor', 'exists', 'find', 'load', 'mkdir', 'parentOf', 'readFile', 'readdir', 'rm', 'save', 'stat', 'writeFile']);
    expect(Object.getOwnPropertyNames(SavedFs.prototype).sort()).toEqual(['constructor', 'load', 'mkdir', 'rm', 'saveJSON', 'writeFile']);
  });

  it('went through the states it is meant to test, changing pods that were there at many steps (the five runs above)', () => {
    const seen = new Set(runs.flatMap((r) => [...r.seen]));
    expect([...seen].sort()).toEqual(expect.arrayContaining([
      'power:running', 'power:stopped', 'power:cut',
      'stage:volumes', 'stage:sandbox', 'stage:running', 'stage:terminating', 'stage:terminated',
      'deleting', 'force-deleted', 'restarted', 'probe-failing', 'logs', 'killed:liveness', 'killed:delete',
      'phase:new', 'phase:pulling', 'phase:waiting', 'phase:running', 'phase:exited',
      // (ErrImagePull lasts one second before ImagePullBackOff: a step seldom ends inside it.)
      'waiting:CrashLoopBackOff', 'waiting:ImagePullBackOff', 'waiting:ErrImageNeverPull',
      'files:root', 'files:empty', 'files:host', 'files:disk',
      // A runtime's spec saved as its stored pod's, and whole (its pod gone from the API).
      'spec:as stored', 'spec:whole',
    ]));
    console.log(`steps that changed a pod already saved: ${runs.map((r) => `${r.podChangedSteps}/${r.steps}`).join(', ')}`);
    for (const r of runs) expect(r.podChangedSteps).toBeGreaterThan(r.steps / 6);
  });
});
