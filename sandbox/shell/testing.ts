// Test fixtures for the shell: a small cluster whose components are fakes (a clock-driven
// "ticker" that writes ConfigMaps, a kubelet runtime with two pods, a network with DNS for them)
// and a fake kubectl covering what the shell tests need (exec, get -w, proxy). The real kubectl,
// kubelet and network are tested in their own folders.
import { Cluster } from '../cluster/cluster.ts';
import { Bootstrap } from '../cluster/bootstrap.ts';
import { MemoryFs } from '../cluster/fs.ts';
import type { Component, ComponentContext } from '../cluster/component.ts';
import type { ClusterNetwork, ContainerEnv, DnsAnswer, HttpResponse, KubeletRuntime, LogLine, NetError } from '../cluster/runtime-api.ts';
import { runInContainer } from './container.ts';
import { Session } from './session.ts';
import { runTranscript } from './transcript.ts';
import type { Command, Services } from './types.ts';

/** Writes ConfigMap `tick-N` every 5 s of virtual time, `count` times (then the cluster is quiet). */
class Ticker implements Component {
  readonly name = 'ticker';
  private ctx!: ComponentContext;
  private n = 0;
  private readonly count: number;
  constructor(count: number) {
    this.count = count;
  }
  start(ctx: ComponentContext): void {
    this.ctx = ctx;
  }
  bootstrap(): void {
    if (this.count) this.ctx.setTimer(5000, 'tick');
  }
  onTimer(): void {
    this.n++;
    this.ctx.api.create('configmaps', 'default', { metadata: { name: `tick-${this.n}` }, data: {} });
    if (this.n < this.count) this.ctx.setTimer(5000, 'tick');
  }
  save() {
    return { n: this.n };
  }
  load(s: unknown) {
    this.n = (s as { n: number }).n;
  }
}

const PODS: Record<string, { ip: string; image: string }> = {
  'web-0': { ip: '10.244.1.3', image: 'registry.k8s.io/nginx-slim:0.8' },
  'web-1': { ip: '10.244.2.4', image: 'registry.k8s.io/nginx-slim:0.8' },
  'dns-test': { ip: '10.244.1.9', image: 'busybox:1.28' },
  'bb': { ip: '10.244.1.10', image: 'busybox:1.36' },
};

/**
 * Every 10 s, as kubelets do: posts node status with only the heartbeat time moved, and renews
 * the node's Lease in kube-node-lease (pkg/kubelet/nodelease) with only renewTime moved.
 */
class Heartbeats implements Component {
  readonly name = 'heartbeats';
  private ctx!: ComponentContext;
  start(ctx: ComponentContext): void {
    this.ctx = ctx;
  }
  bootstrap(): void {
    this.onTimer();
  }
  onTimer(): void {
    for (const n of this.ctx.api.list('nodes').items) {
      n.status = { conditions: [{ type: 'Ready', status: 'True', lastHeartbeatTime: this.ctx.clock.nowISO() }] };
      this.ctx.api.update('nodes', undefined, n, { subresource: 'status' });
      const name = n.metadata.name!;
      const spec = { holderIdentity: name, leaseDurationSeconds: 40, renewTime: this.ctx.clock.nowISO() };
      const lease = this.ctx.api.peek('leases', 'kube-node-lease', name);
      if (lease) this.ctx.api.update('leases', 'kube-node-lease', { ...lease, spec });
      else this.ctx.api.create('leases', 'kube-node-lease', { metadata: { name, namespace: 'kube-node-lease' }, spec });
    }
    this.ctx.setTimer(10_000, 'beat');
  }
}

class FakeKubelet implements Component, KubeletRuntime {
  readonly name = 'kubelet';
  private ctx!: ComponentContext;
  private fss = new Map<string, MemoryFs>();
  private nodes: Record<string, 'running' | 'stopped' | 'cut'> = { minikube: 'running', 'minikube-m02': 'running' };
  start(ctx: ComponentContext): void {
    this.ctx = ctx;
  }
  bootstrap(): void {
    for (const n of Object.keys(this.nodes)) this.ctx.api.create('nodes', undefined, { metadata: { name: n } });
  }
  containerEnv(namespace: string, pod: string): ContainerEnv | undefined {
    const p = PODS[pod];
    if (!p || namespace !== 'default') return undefined;
    let fs = this.fss.get(pod);
    if (!fs) {
      fs = new MemoryFs({ files: { '/etc/hosts': `127.0.0.1\tlocalhost\n${p.ip}\t${pod}.nginx.default.svc.cluster.local\t${pod}\n`, '/usr/share/nginx/html/index.html': `${pod}\n`, '/root/': '' } });
      this.fss.set(pod, fs);
    }
    const busybox = p.image.startsWith('busybox');
    return {
      namespace, pod, container: 'c', image: p.image, hostname: pod, podIP: p.ip, fs,
      env: { KUBERNETES_SERVICE_HOST: '10.96.0.1' },
      programs: busybox ? ['cat', 'echo', 'env', 'head', 'hostname', 'ls', 'mkdir', 'nslookup', 'rm', 'sed', 'sh', 'sleep', 'tail', 'touch', 'wget'] : ['bash', 'cat', 'curl', 'echo', 'env', 'hostname', 'ls', 'sed', 'sh', 'sleep'],
    };
  }
  serveHttp(): HttpResponse | NetError {
    return { status: 200, headers: {}, body: '' };
  }
  logs(): LogLine[] | undefined {
    return [];
  }
  stopNode(n: string): void {
    this.nodes[n] = 'stopped';
  }
  cutNode(n: string): void {
    this.nodes[n] = 'cut';
  }
  startNode(n: string): void {
    this.nodes[n] = 'running';
  }
  nodeState(n: string) {
    return this.nodes[n];
  }
}

class FakeNetwork implements Component, ClusterNetwork {
  readonly name = 'network';
  start(): void {}
  resolve(_ns: string, name: string, type: 'A' | 'SRV' | 'PTR' = 'A'): DnsAnswer {
    if (type === 'PTR') {
      const ip = name.replace(/\.in-addr\.arpa\.?$/, '').split('.').reverse().join('.');
      if (ip === '10.96.0.10') return { rcode: 'NOERROR', name, records: [{ type: 'PTR', name, target: 'kube-dns.kube-system.svc.cluster.local.', ttl: 30 }] };
      const pod = Object.keys(PODS).find((p) => PODS[p].ip === ip);
      return pod ? { rcode: 'NOERROR', name, records: [{ type: 'PTR', name, target: `${pod}.nginx.default.svc.cluster.local.`, ttl: 30 }] } : { rcode: 'NXDOMAIN', name, records: [] };
    }
    // The pod's search path (ndots 5): a name with a trailing dot is absolute.
    const candidates = name.endsWith('.') ? [name] : [`${name}.default.svc.cluster.local.`, `${name}.svc.cluster.local.`, `${name}.cluster.local.`, `${name}.`];
    for (const c of candidates) {
      const m = /^(web-\d)\.nginx\.default\.svc\.cluster\.local\.$/.exec(c);
      if (m && PODS[m[1]]) return { rcode: 'NOERROR', name: c, records: [{ type: 'A', name: c, ip: PODS[m[1]].ip, ttl: 30 }] };
    }
    return { rcode: 'NXDOMAIN', name: candidates[candidates.length - 1], records: [] };
  }
  http(_from: unknown, url: string): HttpResponse | NetError {
    const host = url.replace(/^https?:\/\//, '').split(/[/:]/)[0];
    const ans = this.resolve('default', host);
    if (!/^\d/.test(host) && ans.rcode === 'NXDOMAIN') return { error: 'resolve', host };
    const pod = /^(web-\d)/.exec(host)?.[1] ?? 'web-0';
    return { status: 200, headers: { 'Content-Type': 'text/html' }, body: `${pod}\n` };
  }
  proxy(path: string): HttpResponse {
    if (path === '/api/v1/namespaces/default/pods') return { status: 200, headers: { 'Content-Type': 'application/json' }, body: '{"kind":"PodList","items":[]}\n' };
    return { status: 404, headers: {}, body: '404 page not found\n' };
  }
}

export function testCluster(seed: number, ticks = 0, heartbeats = false): Cluster {
  return Cluster.create({
    seed,
    components: (spec) => [new Bootstrap(spec), new Ticker(ticks), new FakeKubelet(), new FakeNetwork(), ...(heartbeats ? [new Heartbeats()] : [])],
  });
}

/** A stand-in for kubectl with just what the shell tests drive: exec, get cm -w, proxy. */
export const fakeKubectl: Command = async (io, services) => {
  const args = io.argv.slice(1);
  if (args[0] === 'exec') {
    const dd = args.indexOf('--');
    const pod = args.filter((a, i) => i > 0 && (dd < 0 || i < dd) && !a.startsWith('-'))[0];
    const env = services.runtime.containerEnv('default', pod);
    if (!env) {
      io.stderr(`Error from server (NotFound): pods "${pod}" not found\n`);
      return 1;
    }
    const tty = args.some((a) => /^-[a-z]*t/.test(a));
    const status = await runInContainer(env, args.slice(dd + 1), { ...io, isTTY: io.isTTY && tty }, services);
    if (status) io.stderr(`command terminated with exit code ${status}\n`);
    return status;
  }
  if (args[0] === 'get' && args[1] === 'cm' && args.includes('-w')) {
    const seen = new Set<string>();
    const print = () => {
      for (const cm of services.api.list('configmaps', 'default').items) {
        if (seen.has(cm.metadata.name!)) continue;
        seen.add(cm.metadata.name!);
        io.stdout(`${cm.metadata.name} ${new Date(services.now()).toISOString().slice(11, 19)}\n`);
      }
    };
    print();
    for (;;) {
      const r = await services.nextChange(10_000, io.signal, ['configmaps']);
      print();
      if (r !== 'changed') return 0;
    }
  }
  if (args[0] === 'proxy') {
    io.stdout('Starting to serve on 127.0.0.1:8001\n');
    const stop = services.listen?.(8001, (req) => services.network.proxy(req.path, req));
    await new Promise<void>((r) => io.signal.onAbort(r));
    stop?.();
    return 0;
  }
  io.stderr(`fake kubectl: ${args.join(' ')}\n`);
  return 1;
};

/** A non-interactive session over the test cluster; everything printed lands in `out()`. */
export function testSession(opts: { seed?: number; ticks?: number; heartbeats?: boolean; interactive?: boolean; programs?: Record<string, Command>; readTerminal?: Services['readTerminal'] } = {}) {
  let text = '';
  const write = (t: string) => void (text += t);
  const session = new Session({
    seed: opts.seed ?? 1,
    interactive: opts.interactive ?? false,
    createCluster: (seed) => testCluster(seed, opts.ticks ?? 0, opts.heartbeats),
    output: { stdout: write, stderr: write },
    programs: { kubectl: fakeKubectl, ...opts.programs },
    readTerminal: opts.readTerminal,
  });
  return {
    session,
    out: () => text,
    take: () => {
      const t = text;
      text = '';
      return t;
    },
    transcript: async (script: string) => {
      await runTranscript(session, script, write);
      return text;
    },
  };
}

/** What a fresh test session prints for `script`, run a line at a time as typed at the prompt. */
export async function runLines(script: string): Promise<string> {
  const t = testSession();
  for (const line of script.split('\n')) await t.session.run(line);
  return t.out();
}
