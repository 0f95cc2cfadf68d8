// A container whose own command is busybox nslookup or wget, on the full simulated cluster: the
// kubelet runs the same programs `kubectl exec` runs (programs/run-program.ts), so `kubectl logs`
// shows what busybox prints (networking/nslookup.c, networking/wget.c) and the pod ends with the
// program's exit status, as it would on a real cluster.
import { describe, expect, it } from 'vitest';
import { Cluster } from '../cluster.ts';
import type { Pod } from '../types.ts';
import { NGINX_INDEX_HTML } from './images.ts';
import type { Kubelet } from './kubelet.ts';

function cluster() {
  const c = Cluster.create({ seed: 3 });
  return { c, kubelet: c.component<Kubelet>('kubelet')! };
}

function runNever(c: Cluster, name: string, image: string, command: string[]): void {
  c.api.create('pods', 'default', {
    metadata: { name },
    spec: { restartPolicy: 'Never', terminationGracePeriodSeconds: 30, containers: [{ name, image, command }] },
  });
}

const pod = (c: Cluster, name: string) => c.api.get('pods', 'default', name) as Pod;
const terminated = (c: Cluster, name: string) => pod(c, name).status?.containerStatuses?.[0]?.state?.terminated;
const logText = (k: Kubelet, name: string) => (k.logs('default', name) ?? []).map((l) => l.text);

describe("a container's own nslookup", () => {
  it('busybox:1.28 prints through getaddrinfo with the search path, and the pod succeeds', () => {
    const { c, kubelet } = cluster();
    runNever(c, 'dns', 'busybox:1.28', ['nslookup', 'kubernetes.default']);
    c.advance(60_000);
    expect(logText(kubelet, 'dns')).toEqual([
      'Server:    10.96.0.10',
      'Address 1: 10.96.0.10 kube-dns.kube-system.svc.cluster.local',
      '',
      'Name:      kubernetes.default',
      'Address 1: 10.96.0.1 kubernetes.default.svc.cluster.local',
    ]);
    expect(pod(c, 'dns').status?.phase).toBe('Succeeded');
    expect(terminated(c, 'dns')).toMatchObject({ exitCode: 0, reason: 'Completed' });
  });

  it('busybox:1.36 asks A then AAAA for a name with dots as typed (add_query_with_search), and the pod succeeds', () => {
    const { c, kubelet } = cluster();
    runNever(c, 'dns', 'busybox:1.36', ['nslookup', 'kubernetes.default.svc.cluster.local']);
    c.advance(60_000);
    expect(logText(kubelet, 'dns')).toEqual([
      'Server:\t\t10.96.0.10',
      'Address:\t10.96.0.10:53',
      '',
      'Name:\tkubernetes.default.svc.cluster.local',
      'Address: 10.96.0.1',
      '',
      '', // AAAA: NOERROR without records (the cluster is IPv4 only)
    ]);
    expect(pod(c, 'dns').status?.phase).toBe('Succeeded');
  });

  it("fails on a name nobody answers: busybox:1.28 says it can't resolve it, exit 1, the pod Failed", () => {
    const { c, kubelet } = cluster();
    runNever(c, 'dns', 'busybox:1.28', ['nslookup', 'nosuch']);
    c.advance(60_000);
    expect(logText(kubelet, 'dns').at(-1)).toBe("nslookup: can't resolve 'nosuch'");
    expect(pod(c, 'dns').status?.phase).toBe('Failed');
    expect(terminated(c, 'dns')).toMatchObject({ exitCode: 1, reason: 'Error' });
  });

  it('busybox:1.36 exits 1 when a reply was NXDOMAIN (nslookup_main returns G.exitcode)', () => {
    const { c, kubelet } = cluster();
    runNever(c, 'dns', 'busybox:1.36', ['nslookup', 'kubernetes.default']);
    c.advance(60_000);
    expect(logText(kubelet, 'dns')).toContain("** server can't find kubernetes.default: NXDOMAIN");
    expect(terminated(c, 'dns')).toMatchObject({ exitCode: 1, reason: 'Error' });
  });

  it("feeds its exit status to the script's && and ||", () => {
    const { c, kubelet } = cluster();
    runNever(c, 'bad', 'busybox:1.28', ['sh', '-c', 'nslookup nosuch && echo ok || echo failed']);
    runNever(c, 'good', 'busybox:1.28', ['sh', '-c', 'nslookup kubernetes.default && echo ok || echo failed']);
    c.advance(60_000);
    expect(logText(kubelet, 'bad').slice(-2)).toEqual(["nslookup: can't resolve 'nosuch'", 'failed']);
    expect(logText(kubelet, 'good').slice(-2)).toEqual(['Address 1: 10.96.0.1 kubernetes.default.svc.cluster.local', 'ok']);
    // The script's status is its last command's: echo's 0.
    expect(pod(c, 'bad').status?.phase).toBe('Succeeded');
  });
});

describe("a container's own wget", () => {
  it('logs the page a pod serving nginx answers, and nginx logs the request', () => {
    const { c, kubelet } = cluster();
    c.api.create('pods', 'default', { metadata: { name: 'web' }, spec: { containers: [{ name: 'nginx', image: 'nginx:1.29', ports: [{ containerPort: 80 }] }] } });
    c.advance(60_000);
    const ip = pod(c, 'web').status?.podIP;
    expect(ip).toMatch(/^10\.244\./);
    runNever(c, 'get', 'busybox:1.36', ['wget', '-qO-', `http://${ip}`]);
    c.advance(60_000);
    expect(logText(kubelet, 'get')).toEqual(NGINX_INDEX_HTML.replace(/\n$/, '').split('\n'));
    expect(pod(c, 'get').status?.phase).toBe('Succeeded');
    expect(logText(kubelet, 'web').at(-1)).toMatch(/"GET \/ HTTP\/1\.1" 200 \d+ "-" "-" "-"$/);
  });

  it('waits for a Service address nobody serves until the kernel gives up (127 s), then logs it and fails', () => {
    const { c, kubelet } = cluster();
    // The `kubernetes` Service (10.96.0.1) has port 443 only: nothing answers port 80.
    runNever(c, 'get', 'busybox:1.36', ['wget', '-qO-', 'http://10.96.0.1']);
    c.advance(60_000);
    const started = Date.parse(pod(c, 'get').status!.containerStatuses![0].state!.running!.startedAt!);
    expect(logText(kubelet, 'get')).toEqual([]);
    c.advance(120_000);
    const logs = kubelet.logs('default', 'get')!;
    expect(logs.map((l) => l.text)).toEqual(["wget: can't connect to remote host (10.96.0.1): Connection timed out"]);
    // startedAt has whole seconds: the line is 127 s after the start, within that second.
    expect(logs[0].at - started).toBeGreaterThanOrEqual(127_000);
    expect(logs[0].at - started).toBeLessThan(128_000);
    const t = terminated(c, 'get')!;
    expect(t).toMatchObject({ exitCode: 1, reason: 'Error' });
    expect(Date.parse(t.finishedAt!) - Date.parse(t.startedAt!)).toBe(127_000);
  });

  it('with -T stops waiting sooner: "download timed out" after its seconds, and the script goes on after', () => {
    const { c, kubelet } = cluster();
    runNever(c, 'get', 'busybox:1.36', ['sh', '-c', 'wget -T 5 -qO- http://10.96.0.1 || echo gave up']);
    c.advance(60_000);
    const logs = kubelet.logs('default', 'get')!;
    expect(logs.map((l) => l.text)).toEqual(['wget: download timed out', 'gave up']);
    expect(terminated(c, 'get')).toMatchObject({ exitCode: 0 });
    const t = terminated(c, 'get')!;
    expect(Date.parse(t.finishedAt!) - Date.parse(t.startedAt!)).toBe(5_000);
  });

  it('a cluster saved during the wait carries on as the original: the same line at the same time', () => {
    const { c, kubelet } = cluster();
    runNever(c, 'get', 'busybox:1.36', ['wget', '-qO-', 'http://10.96.0.1']);
    c.advance(60_000);
    const restored = Cluster.restoreJSON(c.snapshotJSON());
    c.advance(120_000);
    restored.advance(120_000);
    const again = restored.component<Kubelet>('kubelet')!;
    expect(again.logs('default', 'get')).toEqual(kubelet.logs('default', 'get'));
    expect(again.logs('default', 'get')).toHaveLength(1);
    expect(terminated(restored, 'get')).toEqual(terminated(c, 'get'));
  });
});
