// A container's own shell script carries on in virtual time with the cluster as it is when the
// script gets there: after each `sleep` the kubelet plans the rest (processes.ts resumeScript), so
// the init-container wait loop of the Kubernetes docs ends when its Service appears
// (kubernetes/website content/en/docs/concepts/workloads/pods/init-containers.md, "Examples").
import { describe, expect, it } from 'vitest';
import { Cluster } from '../cluster.ts';
import type { Pod, Service } from '../types.ts';
import type { Kubelet } from './kubelet.ts';
import { podCells } from '../../kubectl/printers/pods.ts';

function cluster() {
  const c = Cluster.create({ seed: 5 });
  return { c, kubelet: c.component<Kubelet>('kubelet')! };
}

const pod = (c: Cluster, name: string) => c.api.get('pods', 'default', name) as Pod;
/** kubectl get pods' STATUS column (printers/pods.ts, printPod in kubernetes/pkg/printers/internalversion). */
const status = (c: Cluster, name: string) => podCells(pod(c, name) as never, c.clock.now()).reason;

/** The brief's form of the docs' loop: the Service's full name spelled out. */
const WAIT_LOOP = 'until nslookup myservice.default.svc.cluster.local; do echo waiting for myservice; sleep 2; done';
/** The docs' own loop (init-containers.md, myapp-pod): the namespace read from the service account's files. */
const DOCS_LOOP = 'until nslookup myservice.$(cat /var/run/secrets/kubernetes.io/serviceaccount/namespace).svc.cluster.local; do echo waiting for myservice; sleep 2; done';

/**
 * The docs' myapp-pod with one init container. `withToken` mounts the volume the ServiceAccount
 * admission plugin adds to every pod (plugin/pkg/admission/serviceaccount/admission.go
 * TokenVolumeSource: token, kube-root-ca.crt, the namespace from the downward API), which the
 * simulated API server does not add by itself.
 */
function createMyapp(c: Cluster, loop = WAIT_LOOP, withToken = false): void {
  const dir = '/var/run/secrets/kubernetes.io/serviceaccount';
  const volume = {
    name: 'kube-api-access', projected: { sources: [
      { serviceAccountToken: { path: 'token', expirationSeconds: 3607 } },
      { configMap: { name: 'kube-root-ca.crt', items: [{ key: 'ca.crt', path: 'ca.crt' }] } },
      { downwardAPI: { items: [{ path: 'namespace', fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.namespace' } }] } },
    ] },
  };
  const mounts = withToken ? { volumeMounts: [{ name: 'kube-api-access', mountPath: dir, readOnly: true }] } : {};
  c.api.create('pods', 'default', {
    metadata: { name: 'myapp-pod', labels: { 'app.kubernetes.io/name': 'MyApp' } },
    spec: {
      containers: [{ name: 'myapp-container', image: 'busybox:1.28', command: ['sh', '-c', 'echo The app is running! && sleep 3600'], ...mounts }],
      initContainers: [{ name: 'init-myservice', image: 'busybox:1.28', command: ['sh', '-c', loop], ...mounts }],
      ...(withToken ? { volumes: [volume] } : {}),
    },
  });
}

function createMyservice(c: Cluster): void {
  c.api.create('services', 'default', { metadata: { name: 'myservice' }, spec: { ports: [{ protocol: 'TCP', port: 80, targetPort: 9376 }] } });
}

/** Advances in small steps until the pod's first (init or app) container runs; returns its start. */
function untilRunning(c: Cluster, name: string, init = false): number {
  for (let i = 0; i < 600; i++) {
    const st = init ? pod(c, name).status?.initContainerStatuses?.[0] : pod(c, name).status?.containerStatuses?.[0];
    if (st?.state?.running) return Date.parse(st.state.running.startedAt!);
    c.advance(100);
  }
  throw new Error(`${name} never ran`);
}

describe('the init-container wait loop (kubernetes.io init-containers example)', () => {
  it('stays Init:0/1 logging "waiting for myservice" every 2 s, then completes and the app starts within one pass of the Service appearing', () => {
    const { c, kubelet } = cluster();
    createMyapp(c);
    untilRunning(c, 'myapp-pod', true);
    c.advance(20_000);
    expect(status(c, 'myapp-pod')).toBe('Init:0/1');
    const init = () => kubelet.logs('default', 'myapp-pod', 'init-myservice')!;
    const waits = init().filter((l) => l.text === 'waiting for myservice');
    expect(waits.length).toBeGreaterThanOrEqual(10);
    for (let i = 1; i < waits.length; i++) expect(waits[i].at - waits[i - 1].at).toBe(2000);
    // Each pass, busybox 1.28's nslookup fails before the echo.
    expect(init().map((l) => l.text)).toContain("nslookup: can't resolve 'myservice.default.svc.cluster.local'");
    expect(kubelet.logs('default', 'myapp-pod', 'myapp-container')).toBeUndefined();

    const created = c.clock.now();
    createMyservice(c);
    c.advance(10_000);
    const done = pod(c, 'myapp-pod').status!.initContainerStatuses![0].state!.terminated!;
    expect(done).toMatchObject({ exitCode: 0, reason: 'Completed' });
    // The next pass's nslookup answers: at most one pass (2 s) after the Service exists.
    const finished = Date.parse(done.finishedAt!);
    expect(finished).toBeGreaterThanOrEqual(created - 1000);
    expect(finished - created).toBeLessThanOrEqual(2000);
    const ip = (c.api.get('services', 'default', 'myservice') as Service).spec!.clusterIP;
    expect(init().slice(-2).map((l) => l.text)).toEqual(['Name:      myservice.default.svc.cluster.local', `Address 1: ${ip} myservice.default.svc.cluster.local`]);
    expect(init().filter((l) => l.text === 'waiting for myservice' && l.at > finished)).toEqual([]);
    expect(kubelet.logs('default', 'myapp-pod', 'myapp-container')!.map((l) => l.text)).toEqual(['The app is running!']);
    expect(status(c, 'myapp-pod')).toBe('Running');
  });

  it("runs the docs' own loop, which reads the namespace from the service account's files with $(cat ...)", () => {
    const { c, kubelet } = cluster();
    createMyapp(c, DOCS_LOOP, true);
    untilRunning(c, 'myapp-pod', true);
    c.advance(10_000);
    expect(status(c, 'myapp-pod')).toBe('Init:0/1');
    const init = () => kubelet.logs('default', 'myapp-pod', 'init-myservice')!.map((l) => l.text);
    expect(init()).toContain("nslookup: can't resolve 'myservice.default.svc.cluster.local'");
    createMyservice(c);
    c.advance(10_000);
    expect(init().at(-2)).toBe('Name:      myservice.default.svc.cluster.local');
    expect(status(c, 'myapp-pod')).toBe('Running');
  });

  it('a cluster saved in the middle of the loop carries on as the original: same lines at the same times, same end', () => {
    const { c, kubelet } = cluster();
    createMyapp(c);
    untilRunning(c, 'myapp-pod', true);
    c.advance(7_300); // mid-sleep
    const restored = Cluster.restoreJSON(c.snapshotJSON());
    const again = restored.component<Kubelet>('kubelet')!;
    for (const x of [c, restored]) {
      x.advance(5_000);
      createMyservice(x);
      x.advance(10_000);
    }
    expect(again.logs('default', 'myapp-pod', 'init-myservice')).toEqual(kubelet.logs('default', 'myapp-pod', 'init-myservice'));
    expect(again.logs('default', 'myapp-pod', 'myapp-container')).toEqual(kubelet.logs('default', 'myapp-pod', 'myapp-container'));
    expect(pod(restored, 'myapp-pod').status).toEqual(pod(c, 'myapp-pod').status);
    expect(status(restored, 'myapp-pod')).toBe('Running');
  });
});

describe("a script's later statements see the cluster as it is when the script gets there", () => {
  it("`sleep 5; nslookup myservice` answers for a Service created during the sleep", () => {
    const { c, kubelet } = cluster();
    c.api.create('pods', 'default', {
      metadata: { name: 'late' },
      spec: { restartPolicy: 'Never', containers: [{ name: 'late', image: 'busybox:1.28', command: ['sh', '-c', 'sleep 5; nslookup myservice'] }] },
    });
    const started = untilRunning(c, 'late');
    c.advance(1_000);
    createMyservice(c);
    c.advance(30_000);
    const logs = kubelet.logs('default', 'late')!;
    const ip = (c.api.get('services', 'default', 'myservice') as Service).spec!.clusterIP;
    expect(logs.map((l) => l.text).slice(-2)).toEqual(['Name:      myservice', `Address 1: ${ip} myservice.default.svc.cluster.local`]);
    // startedAt has whole seconds: the answer comes 5 s after the start, within that second.
    expect(logs[0].at - started).toBeGreaterThanOrEqual(5_000);
    expect(logs[0].at - started).toBeLessThan(6_000);
    expect(pod(c, 'late').status?.phase).toBe('Succeeded');
  });

  it('`while true; do date; sleep 10; done` logs the virtual time then, every 10 s', () => {
    const { c, kubelet } = cluster();
    c.api.create('pods', 'default', {
      metadata: { name: 'clock' },
      spec: { containers: [{ name: 'clock', image: 'busybox:1.36', command: ['sh', '-c', 'while true; do date; sleep 10; done'] }] },
    });
    untilRunning(c, 'clock');
    c.advance(45_000);
    const logs = kubelet.logs('default', 'clock')!;
    expect(logs.length).toBeGreaterThanOrEqual(5);
    for (let i = 1; i < logs.length; i++) expect(logs[i].at - logs[i - 1].at).toBe(10_000);
    // busybox date's default format (Thu Jan  1 00:00:10 UTC 2026) names the second the line was written.
    for (const l of logs) {
      expect(l.text).toMatch(/^\w{3} \w{3} [ \d]\d \d\d:\d\d:\d\d UTC \d{4}$/);
      expect(Date.parse(l.text)).toBe(Math.floor(l.at / 1000) * 1000);
    }
    expect(status(c, 'clock')).toBe('Running');
  });

  it('a pod deleted during `sleep 5; exit 3` is gone once the script ends, not at the end of the 30 s grace period (sh ignores SIGTERM)', () => {
    const { c } = cluster();
    c.api.create('pods', 'default', {
      metadata: { name: 'bye' },
      spec: { restartPolicy: 'Never', terminationGracePeriodSeconds: 30, containers: [{ name: 'bye', image: 'busybox:1.36', command: ['sh', '-c', 'sleep 5; exit 3'] }] },
    });
    const started = untilRunning(c, 'bye');
    c.api.delete('pods', 'default', 'bye');
    while (c.api.list('pods', 'default').items.some((p) => p.metadata.name === 'bye') && c.clock.now() < started + 60_000) c.advance(200);
    // The script's exit at 5 s ends the last container; the kubelet then finishes the pod (within a second or so).
    expect(c.clock.now() - started).toBeGreaterThanOrEqual(5_000);
    expect(c.clock.now() - started).toBeLessThan(8_000);
  });
});

describe("the Kubernetes docs' counter pod (kubernetes/website content/en/examples/debug/counter-pod.yaml)", () => {
  const COUNTER = 'i=0; while true; do echo "$i: $(date)"; i=$((i+1)); sleep 1; done';

  it('logs a numbered date every second, and a cluster saved mid-count carries on counting from where it was', () => {
    const { c, kubelet } = cluster();
    c.api.create('pods', 'default', { metadata: { name: 'counter' }, spec: { containers: [{ name: 'count', image: 'busybox:1.28', args: ['/bin/sh', '-c', COUNTER] }] } });
    const started = untilRunning(c, 'counter');
    c.advance(4_500);
    const restored = Cluster.restoreJSON(c.snapshotJSON());
    for (const x of [c, restored]) x.advance(3_000);
    const lines = kubelet.logs('default', 'counter')!.map((l) => l.text);
    expect(lines.length).toBeGreaterThanOrEqual(7);
    lines.forEach((line, n) => expect(line).toBe(`${n}: ${new Date(started + n * 1000).toUTCString().replace(/^(\w+), (\d+) (\w+) (\d+) (\S+) GMT$/, (_m, d, day, mon, y, t) => `${d} ${mon} ${day.replace(/^0/, ' ')} ${t} UTC ${y}`)}`));
    expect(restored.component<Kubelet>('kubelet')!.logs('default', 'counter')).toEqual(kubelet.logs('default', 'counter'));
  });
});
