// Which pod `kubectl logs|exec|port-forward TYPE/NAME` reaches, and the container it defaults to.
// Orders: kubernetes/kubernetes staging/src/k8s.io/kubectl/pkg/util/podutils/podutils.go
// (ByLogging for logs, sort.Reverse(ActivePods) for exec, attach and port-forward); messages:
// pkg/polymorphichelpers/logsforobject.go, helpers.go, pkg/cmd/util/podcmd/podcmd.go.
import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../cluster/api/client.ts';
import { Session } from '../../shell/session.ts';
import { byLogging, mostActiveFirst } from './first-pod.ts';

function pod(name: string, o: { node?: string; phase?: string; readySince?: string; restarts?: number; created?: string } = {}): KubeObject {
  const conditions = o.readySince ? [{ type: 'Ready', status: 'True', lastTransitionTime: o.readySince }] : [{ type: 'Ready', status: 'False' }];
  return {
    metadata: { name, creationTimestamp: o.created ?? '2026-01-01T00:00:00Z' },
    spec: { nodeName: o.node ?? 'minikube', containers: [{ name: 'app', image: 'nginx' }] },
    status: { phase: o.phase ?? 'Running', conditions, containerStatuses: [{ name: 'app', restartCount: o.restarts ?? 0 }] },
  };
}

const names = (pods: KubeObject[], order: (a: KubeObject, b: KubeObject) => number) => [...pods].sort(order).map((p) => p.metadata.name);

describe('the first pod of an object', () => {
  it('logs prefer the pod that restarted most (its logs likely explain why); exec prefers the steadiest', () => {
    const steady = pod('steady', { readySince: '2026-01-01T00:01:00Z' });
    const flaky = pod('flaky', { readySince: '2026-01-01T00:01:00Z', restarts: 3 });
    expect(names([steady, flaky], byLogging)).toEqual(['flaky', 'steady']);
    expect(names([steady, flaky], mostActiveFirst)).toEqual(['steady', 'flaky']);
  });

  it('both put a scheduled, Running, Ready pod first, the one Ready longest ahead', () => {
    const pods = [
      pod('unscheduled', { node: '', phase: 'Pending' }),
      pod('pending', { phase: 'Pending' }),
      pod('running-not-ready'),
      pod('ready-later', { readySince: '2026-01-01T00:05:00Z' }),
      pod('ready-first', { readySince: '2026-01-01T00:02:00Z' }),
    ];
    const expected = ['ready-first', 'ready-later', 'running-not-ready', 'pending', 'unscheduled'];
    expect(names(pods, byLogging)).toEqual(expected);
    expect(names(pods, mostActiveFirst)).toEqual(expected);
  });

  it('a phase neither order lists (Succeeded) ranks as Running for logs but as Pending for exec', () => {
    const done = pod('done', { phase: 'Succeeded', created: '2026-01-01T00:00:00Z' });
    const running = pod('running', { created: '2026-01-01T00:00:30Z' });
    // Same rank for logs: the older pod comes first.
    expect(names([running, done], byLogging)).toEqual(['done', 'running']);
    expect(names([done, running], mostActiveFirst)).toEqual(['running', 'done']);
  });
});

const TWO_CONTAINERS = `cat <<'EOF' > two.yaml
apiVersion: v1
kind: Pod
metadata:
  name: two
  labels:
    app: two
spec:
  initContainers:
  - name: setup
    image: busybox:1.36
    command: ["sh", "-c", "true"]
  containers:
  - name: web
    image: registry.k8s.io/nginx-slim:0.21
  - name: side
    image: busybox:1.36
    command: ["sh", "-c", "sleep 3600"]
---
apiVersion: v1
kind: Service
metadata:
  name: two
spec:
  selector:
    app: two
  ports:
  - port: 80
---
apiVersion: v1
kind: Service
metadata:
  name: nothing
spec:
  selector:
    app: nothing
  ports:
  - port: 80
EOF
kubectl apply -f two.yaml
kubectl wait --for=condition=Ready pod/two --timeout=60s
`;

async function shell() {
  let out = '';
  const session = new Session({ seed: 1, interactive: false, output: { stdout: (t) => void (out += t), stderr: (t) => void (out += t) } });
  await session.run(TWO_CONTAINERS);
  return async (line: string) => {
    out = '';
    await session.run(line);
    return out;
  };
}

describe('the container a command defaults to', () => {
  it('logs and exec take the first container and say which, naming init containers as such', async () => {
    const run = await shell();
    expect(await run('kubectl logs two')).toMatch(/^Defaulted container "web" out of: web, side, setup \(init\)\n/);
    expect(await run('kubectl exec two -- hostname')).toBe('Defaulted container "web" out of: web, side, setup (init)\ntwo\n');
    expect(await run('kubectl exec -q two -- hostname')).toBe('two\n');
    expect(await run('kubectl exec two -c side -- hostname')).toBe('two\n');
  });

  it('a container the pod does not have: each command with its own words', async () => {
    const run = await shell();
    expect(await run('kubectl logs two -c nope')).toBe('error: container nope is not valid for pod two\n');
    expect(await run('kubectl exec two -c nope -- true')).toBe('Error from server (BadRequest): container nope is not valid for pod two\n');
  });

  it('through a Service: one pod needs no "Found N pods" line; a Service selecting none times out after --pod-running-timeout', async () => {
    const run = await shell();
    expect(await run('kubectl exec svc/two -c side -- hostname')).toBe('two\n');
    expect(await run('kubectl logs svc/two -c side')).toBe('');
    const t0 = Number((await run('date +%s')).trim());
    expect(await run('kubectl logs svc/nothing --pod-running-timeout=5s')).toBe('error: timed out waiting for the condition\n');
    const t1 = Number((await run('date +%s')).trim());
    expect(t1 - t0).toBeGreaterThanOrEqual(5);
    expect(t1 - t0).toBeLessThan(20);
  });
});
