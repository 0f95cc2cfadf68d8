import { describe, expect, it } from 'vitest';
import type { Pod } from '../types.ts';
import {
  boundClaim, busyboxPod, condition, eventLog, kubeletCluster, nginxPod, podStatusColumn, watchPods,
} from './test-helpers.ts';

const get = (api: any, name: string, ns = 'default'): Pod => api.get('pods', ns, name);
const exists = (api: any, name: string) => {
  try {
    api.get('pods', 'default', name);
    return true;
  } catch {
    return false;
  }
};

describe('node registration (kubelet_node_status.go, nodestatus/setters.go)', () => {
  it('registers the three minikube nodes with their labels, addresses, pod CIDRs and a Ready condition', () => {
    const { api } = kubeletCluster();
    const nodes = api.list('nodes').items;
    expect(nodes.map((n) => n.metadata.name)).toEqual(['minikube', 'minikube-m02', 'minikube-m03']);
    const [first, second] = nodes;
    expect(first.metadata.labels).toMatchObject({
      'kubernetes.io/hostname': 'minikube', 'kubernetes.io/os': 'linux', 'kubernetes.io/arch': 'amd64',
      'beta.kubernetes.io/os': 'linux', 'minikube.k8s.io/name': 'minikube', 'node-role.kubernetes.io/control-plane': '',
    });
    expect(second.metadata.labels?.['node-role.kubernetes.io/control-plane']).toBeUndefined();
    expect(second.status.addresses).toEqual([{ type: 'InternalIP', address: '192.168.49.3' }, { type: 'Hostname', address: 'minikube-m02' }]);
    expect(second.spec.podCIDR).toBe('10.244.1.0/24');
    expect(first.status.capacity).toMatchObject({ cpu: '2', memory: '3993600Ki', pods: '110' });
    expect(first.status.nodeInfo).toMatchObject({ kubeletVersion: 'v1.35.0', containerRuntimeVersion: 'docker://28.4.0', operatingSystem: 'linux' });
    const ready = first.status.conditions.find((c: any) => c.type === 'Ready');
    expect(ready).toMatchObject({ status: 'True', reason: 'KubeletReady', message: 'kubelet is posting ready status' });
    expect(first.status.conditions.map((c: any) => c.type)).toEqual(['MemoryPressure', 'DiskPressure', 'PIDPressure', 'Ready']);
  });

  it('records the kubelet start-up events on the node, with the node name as its UID', () => {
    const { cluster } = kubeletCluster();
    const events = [...cluster.api.peekAll('events')].filter((e) => e.involvedObject.name === 'minikube-m02');
    expect(events.map((e) => e.reason)).toEqual(expect.arrayContaining(['Starting', 'NodeHasSufficientMemory', 'NodeAllocatableEnforced', 'NodeReady']));
    expect(events.find((e) => e.reason === 'Starting')).toMatchObject({ message: 'Starting kubelet.', involvedObject: { kind: 'Node', uid: 'minikube-m02' }, source: { component: 'kubelet', host: 'minikube-m02' } });
  });

  it('heartbeats every 10 s through the Ready condition and stops when the machine is powered off', () => {
    const { cluster, kubelet, api } = kubeletCluster();
    const beat = () => api.get('nodes', undefined, 'minikube-m02').status.conditions.find((c: any) => c.type === 'Ready').lastHeartbeatTime;
    const t0 = beat();
    cluster.advance(10_000);
    const t1 = beat();
    expect(Date.parse(t1) - Date.parse(t0)).toBe(10_000);
    kubelet.stopNode('minikube-m02');
    cluster.advance(60_000);
    expect(beat()).toBe(t1);
    expect(kubelet.nodeState('minikube-m02')).toBe('stopped');
  });
});

describe('running a pod', () => {
  it('takes an nginx pod from Pending through ContainerCreating to Running and Ready in a few seconds', () => {
    const { cluster, api } = kubeletCluster();
    const events = eventLog(cluster);
    const seen = watchPods(cluster);
    api.create('pods', 'default', nginxPod('web'));
    cluster.settle();
    expect(podStatusColumn(get(api, 'web'))).toBe('ContainerCreating');
    expect(get(api, 'web').status?.phase).toBe('Pending');
    cluster.advance(10_000);
    const pod = get(api, 'web');
    expect(pod.status?.phase).toBe('Running');
    expect(condition(pod, 'Ready')).toBe('True');
    expect(pod.status?.conditions?.map((c) => c.type)).toEqual(['PodReadyToStartContainers', 'Initialized', 'Ready', 'ContainersReady', 'PodScheduled']);
    expect(pod.status?.podIP).toBe('10.244.0.2');
    expect(pod.status?.hostIP).toBe('192.168.49.2');
    const cs = pod.status!.containerStatuses![0];
    expect(cs).toMatchObject({ name: 'nginx', ready: true, started: true, restartCount: 0, image: 'nginx:latest' });
    expect(cs.containerID).toMatch(/^docker:\/\/[0-9a-f]{64}$/);
    expect(cs.imageID).toMatch(/^docker-pullable:\/\/nginx@sha256:[0-9a-f]{64}$/);
    // The first Running write comes after the pull (2.7–4.1 s) and the sandbox (0.3–0.7 s).
    const running = seen.find((s) => s.pod.status?.phase === 'Running')!;
    const created = seen[0].at;
    expect(running.at - created).toBeGreaterThan(2_500);
    expect(running.at - created).toBeLessThan(5_000);
    const pe = events.filter((e) => e.object === 'Pod/web');
    expect(pe.map((e) => e.reason)).toEqual(['Scheduled', 'Pulling', 'Pulled', 'Created', 'Started']);
    expect(pe[1]).toMatchObject({ message: 'Pulling image "nginx"', fieldPath: 'spec.containers{nginx}' });
    expect(pe[2].message).toMatch(/^Successfully pulled image "nginx" in \d\.\d{1,3}s \(\d\.\d{1,3}s including waiting\)\. Image size: \d+ bytes\.$/);
    expect(pe[3].message).toBe('Container created');
    expect(pe[4].message).toBe('Container started');
    expect(seen.map((s) => podStatusColumn(s.pod))).toEqual(['Pending', 'Pending', 'ContainerCreating', 'Running']);
  });

  it('says the image is already present for a second pod with a tagged image on the same node', () => {
    const { cluster, api } = kubeletCluster();
    const events = eventLog(cluster);
    api.create('pods', 'default', nginxPod('a', { container: { image: 'nginx:1.27' } }));
    cluster.advance(10_000);
    api.create('pods', 'default', nginxPod('b', { container: { image: 'nginx:1.27' } }));
    cluster.advance(3_000);
    expect(get(api, 'b').status?.phase).toBe('Running');
    expect(events.filter((e) => e.object === 'Pod/b').map((e) => e.message)).toContain('Container image "nginx:1.27" already present on machine and can be accessed by the pod');
  });

  it('serves the nginx welcome page on port 80 and logs the request; other ports are refused', () => {
    const { cluster, api, kubelet } = kubeletCluster();
    api.create('pods', 'default', nginxPod('web'));
    cluster.advance(10_000);
    const res = kubelet.serveHttp('default', 'web', 80, { method: 'GET', path: '/', headers: { 'User-Agent': 'curl/8.5.0' } });
    expect(res).toMatchObject({ status: 200 });
    expect((res as any).body).toContain('<title>Welcome to nginx!</title>');
    expect((res as any).headers['Content-Length']).toBe('615');
    expect(kubelet.serveHttp('default', 'web', 80, { method: 'GET', path: '/nope' })).toMatchObject({ status: 404 });
    expect(kubelet.serveHttp('default', 'web', 8080, { method: 'GET', path: '/' })).toEqual({ error: 'refused', host: '10.244.0.2', port: 8080 });
    const logs = kubelet.logs('default', 'web')!.map((l) => l.text);
    expect(logs.some((l) => /"GET \/ HTTP\/1\.1" 200 615 "-" "curl\/8\.5\.0" "-"$/.test(l))).toBe(true);
    expect(logs[0]).toContain('/docker-entrypoint.sh');
  });

  it('answers for luksa/kubia-pet: POST stores the body on the pod, GET reports it', () => {
    const { cluster, api, kubelet } = kubeletCluster();
    api.create('pods', 'default', { metadata: { name: 'kubia-0' }, spec: { containers: [{ name: 'kubia', image: 'luksa/kubia-pet', ports: [{ containerPort: 8080 }] }] } });
    cluster.advance(15_000);
    const first = kubelet.serveHttp('default', 'kubia-0', 8080, { method: 'GET', path: '/' }) as any;
    expect(first.body).toBe("You've hit kubia-0\nData stored on this pod: No data posted yet\n");
    const post = kubelet.serveHttp('default', 'kubia-0', 8080, { method: 'POST', path: '/', body: 'Hey there!' }) as any;
    expect(post.body).toBe('Data stored on pod kubia-0\n');
    expect((kubelet.serveHttp('default', 'kubia-0', 8080, { method: 'GET', path: '/' }) as any).body).toBe("You've hit kubia-0\nData stored on this pod: Hey there!\n");
    expect(kubelet.logs('default', 'kubia-0')!.map((l) => l.text)).toEqual(['New data has been received and stored.']);
  });

  it('gives an exec environment with the pod hostname, cluster DNS and service variables', () => {
    const { cluster, api, kubelet } = kubeletCluster();
    api.create('pods', 'default', busyboxPod('bb', ['sleep', '3600'], { spec: { hostname: 'web-0', subdomain: 'nginx' } }));
    cluster.advance(10_000);
    const env = kubelet.containerEnv('default', 'bb')!;
    expect(env.hostname).toBe('web-0');
    expect(env.fs.readFile('/etc/resolv.conf')).toBe('nameserver 10.96.0.10\nsearch default.svc.cluster.local svc.cluster.local cluster.local\noptions ndots:5\n');
    expect(env.fs.readFile('/etc/hosts')).toContain(`${env.podIP}\tweb-0.nginx.default.svc.cluster.local\tweb-0`);
    expect(env.env.KUBERNETES_SERVICE_HOST).toBe('10.96.0.1');
    expect(env.env.HOSTNAME).toBe('web-0');
    expect(env.programs).toContain('nslookup');
  });
});

describe('image pull failures (images/image_manager.go)', () => {
  it('shows ErrImagePull then ImagePullBackOff and retries after 10 s, 20 s, 40 s...', () => {
    const { cluster, api } = kubeletCluster();
    const events = eventLog(cluster);
    const seen = watchPods(cluster);
    api.create('pods', 'default', nginxPod('bad', { container: { image: 'nginx:doesnotexist' } }));
    cluster.advance(5_000);
    const statuses = seen.map((s) => podStatusColumn(s.pod));
    expect(statuses).toContain('ErrImagePull');
    expect(statuses[statuses.length - 1]).toBe('ImagePullBackOff');
    const cs = get(api, 'bad').status!.containerStatuses![0];
    expect(cs.state?.waiting?.message).toBe('Back-off pulling image "nginx:doesnotexist": ErrImagePull: Error response from daemon: manifest for nginx:doesnotexist not found: manifest unknown: manifest unknown');
    const pe = events.filter((e) => e.object === 'Pod/bad');
    expect(pe.map((e) => `${e.type} ${e.reason}: ${e.message}`).slice(0, 6)).toEqual([
      'Normal Scheduled: Successfully assigned default/bad to minikube',
      'Normal Pulling: Pulling image "nginx:doesnotexist"',
      'Warning Failed: Failed to pull image "nginx:doesnotexist": Error response from daemon: manifest for nginx:doesnotexist not found: manifest unknown: manifest unknown',
      'Warning Failed: Error: ErrImagePull',
      'Normal BackOff: Back-off pulling image "nginx:doesnotexist"',
      'Warning Failed: Error: ImagePullBackOff',
    ]);
    // Pull attempts: each failure doubles the back-off.
    const pulls: number[] = [];
    const count = () => [...api.peekAll('events')].find((e) => e.involvedObject.name === 'bad' && e.reason === 'Pulling')?.count ?? 0;
    let last = count();
    for (let t = 0; t < 200; t++) {
      cluster.advance(1_000);
      if (count() !== last) {
        pulls.push(cluster.clock.now());
        last = count();
      }
    }
    const gaps = pulls.slice(1).map((p, i) => Math.round((p - pulls[i]) / 1000));
    expect(gaps.length).toBeGreaterThanOrEqual(2);
    for (let i = 1; i < gaps.length; i++) expect(gaps[i]).toBeGreaterThan(gaps[i - 1]);
    expect(gaps[0]).toBeGreaterThanOrEqual(20);
  });

  it('reports "pull access denied" for a repository Docker Hub does not have', () => {
    const { cluster, api } = kubeletCluster();
    api.create('pods', 'default', nginxPod('app', { container: { image: 'app' } }));
    cluster.advance(3_000);
    const w = get(api, 'app').status!.containerStatuses![0].state!.waiting!;
    expect(w.reason).toMatch(/ErrImagePull|ImagePullBackOff/);
    expect(w.message).toContain("pull access denied for app, repository does not exist or may require 'docker login'");
  });
});

describe('restarts (kuberuntime_manager.go doBackOff)', () => {
  it('restarts a container that exits and backs off with CrashLoopBackOff, 10 s then 20 s', () => {
    const { cluster, api } = kubeletCluster();
    api.create('pods', 'default', busyboxPod('crash', ['sh', '-c', 'echo boom; exit 1']));
    cluster.advance(6_000);
    let pod = get(api, 'crash');
    let cs = pod.status!.containerStatuses![0];
    expect(cs.restartCount).toBe(1);
    expect(cs.state?.waiting?.reason).toBe('CrashLoopBackOff');
    expect(cs.state?.waiting?.message).toBe(`back-off 10s restarting failed container=busybox pod=crash_default(${pod.metadata.uid})`);
    expect(cs.lastState?.terminated).toMatchObject({ exitCode: 1, reason: 'Error' });
    expect(pod.status?.phase).toBe('Running');
    cluster.advance(12_000);
    cs = get(api, 'crash').status!.containerStatuses![0];
    expect(cs.restartCount).toBe(2);
    expect(cs.state?.waiting?.message).toContain('back-off 20s restarting failed container=busybox');
    const backoff = [...api.peekAll('events')].find((e) => e.involvedObject.name === 'crash' && e.reason === 'BackOff');
    expect(backoff?.message).toBe(`Back-off restarting failed container busybox in pod crash_default(${pod.metadata.uid})`);
  });

  it('ends a shell reading stdin when kubectl closes it (stdinOnce), but not `sh -c SCRIPT`, which never reads stdin', () => {
    const { cluster, api, kubelet } = kubeletCluster();
    const attached = { stdin: true, stdinOnce: true, tty: true };
    api.create('pods', 'default', busyboxPod('shell', ['sh'], { container: attached, restartPolicy: 'Never' }));
    api.create('pods', 'default', busyboxPod('script', ['sh', '-c', 'sleep 3600; echo done'], { container: attached, restartPolicy: 'Never' }));
    cluster.advance(10_000);
    kubelet.closeStdin('default', 'shell');
    kubelet.closeStdin('default', 'script');
    cluster.advance(5_000);
    expect(get(api, 'shell').status!.containerStatuses![0].state?.terminated?.exitCode).toBe(0);
    expect(get(api, 'script').status!.containerStatuses![0].state?.running).toBeDefined();
  });

  it('keeps the time each log line was written, through a snapshot (CRI log lines carry their timestamp)', async () => {
    const { Cluster } = await import('../cluster.ts');
    const { cluster, api, kubelet } = kubeletCluster();
    api.create('pods', 'default', busyboxPod('ticker', ['sh', '-c', 'echo one; sleep 3; echo two; sleep 60']));
    cluster.advance(20_000);
    const lines = kubelet.logs('default', 'ticker')!;
    expect(lines.map((l) => l.text)).toEqual(['one', 'two']);
    const started = get(api, 'ticker').status!.containerStatuses![0].state!.running!.startedAt!;
    // startedAt is whole seconds; the lines are 3 s apart, the first at the container's start.
    expect(lines[1].at - lines[0].at).toBe(3000);
    expect(Math.floor(lines[0].at / 1000) * 1000).toBe(Date.parse(started));
    const restored = Cluster.restoreJSON(cluster.snapshotJSON());
    expect(restored.component<typeof kubelet>('kubelet')!.logs('default', 'ticker')).toEqual(lines);
  });

  it('lets a container that ends with restartPolicy Never leave the pod Succeeded (Completed)', () => {
    const { cluster, api, kubelet } = kubeletCluster();
    api.create('pods', 'default', busyboxPod('once', ['sh', '-c', 'echo hello'], { restartPolicy: 'Never' }));
    cluster.advance(8_000);
    const pod = get(api, 'once');
    expect(pod.status?.phase).toBe('Succeeded');
    expect(podStatusColumn(pod)).toBe('Completed');
    expect(condition(pod, 'Ready')).toBe('False');
    expect(pod.status?.conditions?.find((c) => c.type === 'Ready')?.reason).toBe('PodCompleted');
    expect(kubelet.logs('default', 'once')!.map((l) => l.text)).toEqual(['hello']);
    api.delete('pods', 'default', 'once');
    cluster.advance(1_000);
    expect((cluster.snapshot().components.kubelet as any).nodes.minikube.pods).toEqual({});
  });
});

describe('probes (pkg/kubelet/prober)', () => {
  it('keeps Ready False while the readiness probe fails, and turns Ready once it passes', () => {
    const { cluster, api, kubelet } = kubeletCluster();
    api.create('pods', 'default', nginxPod('web', { container: { readinessProbe: { httpGet: { path: '/healthz', port: 80 }, periodSeconds: 5 } } }));
    cluster.advance(20_000);
    let pod = get(api, 'web');
    expect(pod.status?.phase).toBe('Running');
    expect(condition(pod, 'Ready')).toBe('False');
    expect(pod.status?.conditions?.find((c) => c.type === 'Ready')).toMatchObject({ reason: 'ContainersNotReady', message: 'containers with unready status: [nginx]' });
    const unhealthy = [...api.peekAll('events')].find((e) => e.reason === 'Unhealthy');
    expect(unhealthy).toMatchObject({ type: 'Warning', message: 'Readiness probe failed: HTTP probe failed with statuscode: 404' });
    expect(unhealthy!.count).toBeGreaterThan(1);
    kubelet.containerEnv('default', 'web')!.fs.writeFile('/usr/share/nginx/html/healthz', 'ok');
    cluster.advance(6_000);
    pod = get(api, 'web');
    expect(condition(pod, 'Ready')).toBe('True');
  });

  it('reports a refused tcpSocket readiness probe in the words of the dialer', () => {
    const { cluster, api } = kubeletCluster();
    api.create('pods', 'default', nginxPod('web', { container: { readinessProbe: { tcpSocket: { port: 8080 }, periodSeconds: 5 } } }));
    cluster.advance(10_000);
    const pod = get(api, 'web');
    expect(condition(pod, 'Ready')).toBe('False');
    const e = [...api.peekAll('events')].find((x) => x.reason === 'Unhealthy');
    expect(e?.message).toBe(`Readiness probe failed: dial tcp ${pod.status?.podIP}:8080: connect: connection refused`);
  });

  it('holds liveness and readiness until the startup probe passes (started: false until then)', () => {
    const { cluster, api, kubelet } = kubeletCluster();
    api.create('pods', 'default', busyboxPod('slow', ['sleep', '3600'], {
      container: { startupProbe: { exec: { command: ['cat', '/tmp/started'] }, periodSeconds: 2, failureThreshold: 30 } },
    }));
    cluster.advance(10_000);
    let cs = get(api, 'slow').status!.containerStatuses![0];
    expect(cs).toMatchObject({ started: false, ready: false });
    kubelet.containerEnv('default', 'slow')!.fs.writeFile('/tmp/started', '');
    cluster.advance(3_000);
    cs = get(api, 'slow').status!.containerStatuses![0];
    expect(cs).toMatchObject({ started: true, ready: true });
  });

  it('restarts a container whose liveness probe fails three times', () => {
    const { cluster, api } = kubeletCluster();
    api.create('pods', 'default', busyboxPod('live', ['sleep', '3600'], { container: { livenessProbe: { exec: { command: ['cat', '/tmp/healthy'] }, periodSeconds: 5 } } }));
    // Third failure at about 12 s; sleep ignores SIGTERM, so the kill takes the 30 s grace period.
    cluster.advance(40_000);
    expect(get(api, 'live').status!.containerStatuses![0].restartCount).toBe(0);
    cluster.advance(10_000);
    const pod = get(api, 'live');
    expect(pod.status!.containerStatuses![0].restartCount).toBe(1);
    const msgs = [...api.peekAll('events')].filter((e) => e.involvedObject.name === 'live').map((e) => e.message);
    expect(msgs).toContain("Liveness probe failed: cat: can't open '/tmp/healthy': No such file or directory\n");
    expect(msgs).toContain('Container busybox failed liveness probe, will be restarted');
  });
});

describe('the Kubernetes docs examples', () => {
  it('restarts the liveness-exec pod once /tmp/healthy is gone (tasks/configure-pod-container/configure-liveness-readiness-startup-probes)', () => {
    const { cluster, api } = kubeletCluster();
    api.create('pods', 'default', {
      metadata: { name: 'liveness-exec', labels: { test: 'liveness' } },
      spec: { containers: [{ name: 'liveness', image: 'registry.k8s.io/busybox:1.27.2', args: ['/bin/sh', '-c', 'touch /tmp/healthy; sleep 30; rm -f /tmp/healthy; sleep 600'], livenessProbe: { exec: { command: ['cat', '/tmp/healthy'] }, initialDelaySeconds: 5, periodSeconds: 5 } }] },
    });
    cluster.advance(30_000);
    expect(get(api, 'liveness-exec').status!.containerStatuses![0].restartCount).toBe(0);
    expect([...api.peekAll('events')].some((e) => e.reason === 'Unhealthy')).toBe(false);
    cluster.advance(60_000);
    const events = [...api.peekAll('events')].filter((e) => e.involvedObject.name === 'liveness-exec');
    expect(events.find((e) => e.reason === 'Unhealthy')?.message).toBe("Liveness probe failed: cat: can't open '/tmp/healthy': No such file or directory\n");
    expect(get(api, 'liveness-exec').status!.containerStatuses![0].restartCount).toBe(1);
  });

  it('runs init containers first: the app waits in PodInitializing, then serves what the init container wrote', () => {
    const { cluster, api, kubelet } = kubeletCluster();
    api.create('pods', 'default', {
      metadata: { name: 'init-demo' },
      spec: {
        initContainers: [{ name: 'install', image: 'busybox:1.28', command: ['sh', '-c', 'echo hello from init > /work-dir/index.html; sleep 3'], volumeMounts: [{ name: 'workdir', mountPath: '/work-dir' }] }],
        containers: [{ name: 'nginx', image: 'nginx', ports: [{ containerPort: 80 }], volumeMounts: [{ name: 'workdir', mountPath: '/usr/share/nginx/html' }] }],
        volumes: [{ name: 'workdir', emptyDir: {} }],
      },
    });
    cluster.advance(3_000);
    let pod = get(api, 'init-demo');
    expect(pod.status?.phase).toBe('Pending');
    expect(pod.status?.containerStatuses?.[0].state?.waiting?.reason).toBe('PodInitializing');
    expect(condition(pod, 'Initialized')).toBe('False');
    cluster.advance(15_000);
    pod = get(api, 'init-demo');
    expect(pod.status?.phase).toBe('Running');
    expect(pod.status?.initContainerStatuses?.[0].state?.terminated).toMatchObject({ exitCode: 0, reason: 'Completed' });
    expect((kubelet.serveHttp('default', 'init-demo', 80, { method: 'GET', path: '/' }) as any).body).toBe('hello from init\n');
  });
});

describe('graceful termination', () => {
  it('lets nginx go at once but waits the 30 s grace period for busybox sleep, which ignores SIGTERM', () => {
    const { cluster, api } = kubeletCluster();
    api.create('pods', 'default', nginxPod('web'));
    api.create('pods', 'default', busyboxPod('bb', ['sleep', '3600']));
    cluster.advance(10_000);
    api.delete('pods', 'default', 'web');
    api.delete('pods', 'default', 'bb');
    cluster.advance(1_000);
    expect(exists(api, 'web')).toBe(false);
    expect(exists(api, 'bb')).toBe(true);
    expect(podStatusColumn(get(api, 'bb'))).toBe('Terminating');
    cluster.advance(28_000);
    expect(exists(api, 'bb')).toBe(true);
    cluster.advance(2_000);
    expect(exists(api, 'bb')).toBe(false);
    const killing = [...api.peekAll('events')].filter((e) => e.reason === 'Killing').map((e) => `${e.involvedObject.name}: ${e.message}`);
    expect(killing).toEqual(expect.arrayContaining(['web: Stopping container nginx', 'bb: Stopping container busybox']));
  });

  it('reports the terminal phase before removing the pod: Completed for nginx, Error for a killed sleep', () => {
    const { cluster, api } = kubeletCluster();
    const seen = watchPods(cluster);
    api.create('pods', 'default', nginxPod('web'));
    api.create('pods', 'default', busyboxPod('bb', ['sleep', '3600']));
    cluster.advance(10_000);
    api.delete('pods', 'default', 'web');
    api.delete('pods', 'default', 'bb');
    cluster.advance(40_000);
    const last = (n: string) => seen.filter((s) => s.pod.metadata.name === n && s.type !== 'DELETED').pop()!.pod;
    expect(last('web').status?.phase).toBe('Succeeded');
    expect(last('web').status?.containerStatuses?.[0].state?.terminated).toMatchObject({ exitCode: 0, reason: 'Completed' });
    expect(last('bb').status?.phase).toBe('Failed');
    expect(last('bb').status?.containerStatuses?.[0].state?.terminated).toMatchObject({ exitCode: 137, reason: 'Error' });
    expect(seen.filter((s) => s.type === 'DELETED').map((s) => s.pod.metadata.name).sort()).toEqual(['bb', 'web']);
  });
});

describe('volumes with contents', () => {
  it('keeps a file written to a PVC mount after the pod is deleted, for the next pod using the claim', () => {
    const { cluster, api, kubelet } = kubeletCluster();
    boundClaim(cluster, 'default', 'www-web-0', 'pvc-0001');
    const pod = (name: string) => nginxPod(name, {
      container: { volumeMounts: [{ name: 'www', mountPath: '/usr/share/nginx/html' }] },
      spec: { volumes: [{ name: 'www', persistentVolumeClaim: { claimName: 'www-web-0' } }] },
    });
    api.create('pods', 'default', pod('web-0'));
    cluster.advance(10_000);
    // An empty volume hides the image's index.html: nginx answers 403.
    expect(kubelet.serveHttp('default', 'web-0', 80, { method: 'GET', path: '/' })).toMatchObject({ status: 403 });
    kubelet.containerEnv('default', 'web-0')!.fs.writeFile('/usr/share/nginx/html/index.html', 'web-0\n');
    expect((kubelet.serveHttp('default', 'web-0', 80, { method: 'GET', path: '/' }) as any).body).toBe('web-0\n');
    api.delete('pods', 'default', 'web-0');
    cluster.advance(5_000);
    expect(exists(api, 'web-0')).toBe(false);
    api.create('pods', 'default', { ...pod('web-0'), metadata: { name: 'web-0', annotations: { 'test/node': 'minikube-m03' } } });
    cluster.advance(10_000);
    expect(get(api, 'web-0').spec?.nodeName).toBe('minikube-m03');
    expect(kubelet.containerEnv('default', 'web-0')!.fs.readFile('/usr/share/nginx/html/index.html')).toBe('web-0\n');
  });

  it('drops an emptyDir with its pod', () => {
    const { cluster, api, kubelet } = kubeletCluster();
    const pod = busyboxPod('scratch', ['sh', '-c', 'echo hi > /cache/note; sleep 3600'], {
      container: { volumeMounts: [{ name: 'cache', mountPath: '/cache' }] },
      spec: { volumes: [{ name: 'cache', emptyDir: {} }], terminationGracePeriodSeconds: 2 },
    });
    api.create('pods', 'default', pod);
    cluster.advance(10_000);
    expect(kubelet.containerEnv('default', 'scratch')!.fs.readFile('/cache/note')).toBe('hi\n');
    api.delete('pods', 'default', 'scratch');
    cluster.advance(5_000);
    api.create('pods', 'default', busyboxPod('scratch', ['sleep', '3600'], {
      container: { volumeMounts: [{ name: 'cache', mountPath: '/cache' }] },
      spec: { volumes: [{ name: 'cache', emptyDir: {} }] },
    }));
    cluster.advance(10_000);
    expect(kubelet.containerEnv('default', 'scratch')!.fs.exists('/cache/note')).toBe(false);
  });

  it('waits for an unbound claim and reports FailedMount after two minutes', () => {
    const { cluster, api } = kubeletCluster();
    api.create('persistentvolumeclaims', 'default', { metadata: { name: 'data' }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } } });
    api.create('pods', 'default', busyboxPod('p', ['sleep', '3600'], { container: { volumeMounts: [{ name: 'data', mountPath: '/data' }] }, spec: { volumes: [{ name: 'data', persistentVolumeClaim: { claimName: 'data' } }] } }));
    cluster.advance(121_000);
    expect(podStatusColumn(get(api, 'p'))).toBe('ContainerCreating');
    const failed = [...api.peekAll('events')].find((e) => e.reason === 'FailedMount');
    expect(failed?.message).toBe('Unable to attach or mount volumes: unmounted volumes=[data], unattached volumes=[data], failed to process volumes=[]: context deadline exceeded');
  });
});

describe('machines under the nodes', () => {
  it('stops serving and leaves the pod Running in the API when its node is powered off', () => {
    const { cluster, api, kubelet } = kubeletCluster();
    api.create('pods', 'default', nginxPod('web'));
    cluster.advance(10_000);
    kubelet.stopNode('minikube');
    cluster.advance(30_000);
    expect(kubelet.serveHttp('default', 'web', 80, { method: 'GET', path: '/' })).toMatchObject({ error: 'timeout' });
    expect(kubelet.containerEnv('default', 'web')).toBeUndefined();
    expect(podStatusColumn(get(api, 'web'))).toBe('Running');
  });

  it('keeps containers running on a cut-off node while the API cannot reach it', () => {
    const { cluster, api, kubelet } = kubeletCluster();
    api.create('pods', 'default', busyboxPod('bb', ['sleep', '3600']));
    cluster.advance(10_000);
    kubelet.cutNode('minikube');
    api.delete('pods', 'default', 'bb');
    cluster.advance(120_000);
    // The kubelet never saw the deletion: the pod stays Terminating and its container runs on.
    expect(podStatusColumn(get(api, 'bb'))).toBe('Terminating');
    expect(kubelet.containerEnv('default', 'bb')).toBeDefined();
    expect(kubelet.nodeState('minikube')).toBe('cut');
    kubelet.startNode('minikube');
    cluster.advance(35_000);
    expect(exists(api, 'bb')).toBe(false);
  });

  it('restarts the containers of surviving pods after a reboot, with a new sandbox', () => {
    const { cluster, api, kubelet } = kubeletCluster();
    const events = eventLog(cluster);
    api.create('pods', 'default', nginxPod('web'));
    cluster.advance(10_000);
    kubelet.stopNode('minikube');
    cluster.advance(60_000);
    kubelet.startNode('minikube');
    cluster.advance(10_000);
    const pod = get(api, 'web');
    const cs = pod.status!.containerStatuses![0];
    expect(pod.status?.phase).toBe('Running');
    expect(cs.restartCount).toBe(1);
    expect(cs.lastState?.terminated).toMatchObject({ exitCode: 255, reason: 'Error' });
    expect(events.map((e) => e.reason)).toEqual(expect.arrayContaining(['Rebooted', 'SandboxChanged']));
    expect(kubelet.serveHttp('default', 'web', 80, { method: 'GET', path: '/' })).toMatchObject({ status: 200 });
  });

  it('kills the containers of a pod force-deleted while its node was cut off', () => {
    const { cluster, api, kubelet } = kubeletCluster();
    api.create('pods', 'default', busyboxPod('bb', ['sleep', '3600']));
    cluster.advance(10_000);
    kubelet.cutNode('minikube');
    api.delete('pods', 'default', 'bb', { gracePeriodSeconds: 0 });
    cluster.advance(1_000);
    expect(kubelet.containerEnv('default', 'bb')).toBeDefined();
    kubelet.startNode('minikube');
    cluster.advance(5_000);
    expect(kubelet.containerEnv('default', 'bb')).toBeUndefined();
  });
});

describe('snapshots', () => {
  it('restores the kubelets exactly: files, processes and timers', async () => {
    const { Cluster } = await import('../cluster.ts');
    const { cluster, api, kubelet } = kubeletCluster();
    api.create('pods', 'default', nginxPod('web'));
    api.create('pods', 'default', busyboxPod('crash', ['sh', '-c', 'exit 1']));
    cluster.advance(10_000);
    kubelet.containerEnv('default', 'web')!.fs.writeFile('/tmp/x', 'kept');
    const snap = JSON.parse(JSON.stringify(cluster.snapshot()));
    // Restore builds the full component set; compare what the kubelet owns.
    const again = Cluster.restore(snap);
    const mine = (c: typeof cluster) => JSON.stringify([c.snapshot().components.kubelet, c.api.list('pods', 'default').items]);
    expect(mine(again)).toBe(mine(cluster));
    expect(again.component<any>('kubelet').containerEnv('default', 'web').fs.readFile('/tmp/x')).toBe('kept');
    // The restored cluster carries on: the crashing container keeps restarting, nginx keeps serving.
    again.advance(60_000);
    const crash = again.api.get<any>('pods', 'default', 'crash');
    expect(crash.status.containerStatuses[0].restartCount).toBeGreaterThan(get(api, 'crash').status!.containerStatuses![0].restartCount);
    expect(again.component<any>('kubelet').serveHttp('default', 'web', 80, { method: 'GET', path: '/' }).status).toBe(200);
  });

  it('gives the same result for the same seed and steps', () => {
    const run = () => {
      const { cluster, api, kubelet } = kubeletCluster({ seed: 9 });
      api.create('pods', 'default', nginxPod('web'));
      api.create('pods', 'default', nginxPod('bad', { container: { image: 'nginx:nope' } }));
      cluster.advance(30_000);
      kubelet.stopNode('minikube');
      cluster.advance(10_000);
      kubelet.startNode('minikube');
      cluster.advance(30_000);
      return JSON.stringify(cluster.snapshot());
    };
    expect(run()).toBe(run());
  });
});

describe('with the rest of the cluster (scheduler, PV controller, attach-detach, StatefulSet)', () => {
  it('runs web-0 from a StatefulSet and serves what was written to its volume after the pod is replaced', async () => {
    const { Cluster } = await import('../cluster.ts');
    const c = Cluster.create({ seed: 4 });
    const kubelet = c.component<any>('kubelet');
    c.api.create('services', 'default', { metadata: { name: 'nginx' }, spec: { clusterIP: 'None', selector: { app: 'nginx' }, ports: [{ port: 80, name: 'web' }] } });
    c.api.create('statefulsets', 'default', {
      metadata: { name: 'web' },
      spec: {
        serviceName: 'nginx', replicas: 1, selector: { matchLabels: { app: 'nginx' } },
        template: { metadata: { labels: { app: 'nginx' } }, spec: { containers: [{ name: 'nginx', image: 'registry.k8s.io/nginx-slim:0.21', ports: [{ containerPort: 80, name: 'web' }], volumeMounts: [{ name: 'www', mountPath: '/usr/share/nginx/html' }] }] } },
        volumeClaimTemplates: [{ metadata: { name: 'www' }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } } }],
      },
    });
    c.advance(30_000);
    expect(get(c.api, 'web-0').status?.phase).toBe('Running');
    kubelet.containerEnv('default', 'web-0').fs.writeFile('/usr/share/nginx/html/index.html', 'web-0\n');
    const uid = get(c.api, 'web-0').metadata.uid;
    c.api.delete('pods', 'default', 'web-0');
    c.advance(30_000);
    expect(get(c.api, 'web-0').metadata.uid).not.toBe(uid);
    expect(kubelet.serveHttp('default', 'web-0', 80, { method: 'GET', path: '/' }).body).toBe('web-0\n');
  });
});
