// kubectl port-forward TYPE/NAME [LOCAL_PORT:]REMOTE_PORT [...]: serves local ports on the
// learner's machine (services.listen) and hands each request to the chosen pod's container port
// (services.runtime.serveHttp, the kubelet's view of the pod's network namespace), until Ctrl-C,
// `kill %N`, or the pod goes away.
// Sources (kubernetes/kubernetes):
// - staging/src/k8s.io/kubectl/pkg/cmd/portforward/portforward.go: Complete (usage error, pod
//   chosen through AttachablePodForObjectFn (cli/first-pod.ts), --pod-running-timeout, translateServicePortToTargetPort,
//   convertPodNamedPortToNumber), RunPortForwardContext ("unable to forward port because pod is
//   not running. Current status=%v").
// - staging/src/k8s.io/client-go/tools/portforward/portforward.go: parsePorts, parseAddresses
//   (localhost = 127.0.0.1 and ::1, sorted), getListener ("Forwarding from %s -> %d"),
//   listenOnPort / forward ("Unable to listen on port %d: ...", "unable to listen on any of the
//   requested ports: %v"), handleConnection ("Handling connection for %d"; an error from the
//   pod closes the stream), ErrLostConnectionToPod ("lost connection to pod").
// - staging/src/k8s.io/kubectl/pkg/util/service_port.go, pod_port.go: the port lookups.
import type { KubeObject } from '../../cluster/api/client.ts';
import type { HttpRequest, HttpResponse, NetError } from '../../cluster/runtime-api.ts';
import type { Interrupt } from '../../shell/types.ts';
import type { KubectlContext } from '../cli/context.ts';
import { KubectlError } from '../cli/errors.ts';
import { FOR_ATTACH, podForArgument, podRunningTimeout } from '../cli/first-pod.ts';
import { QUIET_MS, type KubectlCommand } from './types.ts';
import { kubeletDialError } from '../cli/kubelet-dial.ts';

/**
 * `:80` asks the kernel for a free ephemeral port (Linux: 32768–60999, picked at random). The
 * lab's Services offer no seeded random source, so it takes the first port from 32768 up that
 * services.listen accepts: the same number on every run.
 */
const FIRST_EPHEMERAL_PORT = 32768;

/** A local port forwarded to a pod port (client-go's ForwardedPort; 0 = any free port). */
interface ForwardedPort {
  local: number;
  remote: number;
}

/** kubectl's cmdutil.UsageErrorf: the message and the help hint. */
function usageError(msg: string): KubectlError {
  return new KubectlError(`${msg}\nSee 'kubectl port-forward -h' for help and examples`);
}

/** splitPort in portforward.go: `[LOCAL]:REMOTE`, or one port used for both. */
function splitPort(port: string): [string, string] {
  const parts = port.split(':');
  return parts.length === 2 ? [parts[0], parts[1]] : [parts[0], parts[0]];
}

/** util.LookupContainerPortNumberByName: containers first, then init containers. */
function containerPortByName(pod: KubeObject, name: string): number {
  for (const list of [pod.spec?.containers ?? [], pod.spec?.initContainers ?? []]) {
    for (const c of list as any[]) {
      const hit = (c.ports ?? []).find((p: any) => p.name === name);
      if (hit) return Number(hit.containerPort);
    }
  }
  throw new KubectlError(`Pod '${pod.metadata.name}' does not have a named port '${name}'`);
}

/** convertPodNamedPortToNumber: named container ports become numbers, `LOCAL:` kept. */
function podPorts(ports: string[], pod: KubeObject): string[] {
  return ports.map((port) => {
    const [local, remote] = splitPort(port);
    if (remote === '') throw new KubectlError('remote port cannot be empty');
    const number = /^[0-9]+$/.test(remote) ? remote : String(containerPortByName(pod, remote));
    return local !== remote ? `${local}:${number}` : number;
  });
}

/** translateServicePortToTargetPort: a Service port (number or name) becomes the pod's target port. */
function servicePorts(ports: string[], svc: KubeObject, pod: KubeObject): string[] {
  const specPorts: any[] = svc.spec?.ports ?? [];
  return ports.map((port) => {
    let [local, remote] = splitPort(port);
    let portnum = Number(remote);
    if (!/^[0-9]+$/.test(remote)) {
      const named = specPorts.find((p) => p.name === remote);
      if (!named) throw new KubectlError(`Service '${svc.metadata.name}' does not have a named port '${remote}'`);
      portnum = Number(named.port);
      if (local === remote) local = String(portnum);
    }
    remote = String(containerPortByServicePort(svc, pod, portnum));
    return local !== remote ? `${local}:${remote}` : remote;
  });
}

/** util.LookupContainerPortNumberByServicePort: a headless Service's port is used as is. */
function containerPortByServicePort(svc: KubeObject, pod: KubeObject, port: number): number {
  if (svc.spec?.clusterIP === 'None') return port;
  const sp = (svc.spec?.ports ?? []).find((p: any) => Number(p.port) === port);
  if (!sp) throw new KubectlError(`Service ${svc.metadata.name} does not have a service port ${port}`);
  const target = sp.targetPort;
  if (target === undefined || target === 0 || target === '0') return port;
  if (typeof target === 'number' || /^[0-9]+$/.test(String(target))) return Number(target);
  return containerPortByName(pod, String(target));
}

/** client-go parsePorts: `5000`, `8888:5000`, `:5000` / `0:5000` (any free local port). */
function parsePorts(ports: string[]): ForwardedPort[] {
  return ports.map((s) => {
    const parts = s.split(':');
    if (parts.length > 2) throw new KubectlError(`invalid port format '${s}'`);
    const localText = parts.length === 1 ? parts[0] : parts[0] || '0';
    const remoteText = parts.length === 1 ? parts[0] : parts[1];
    const local = parseUint16(localText, 'local');
    const remote = parseUint16(remoteText, 'remote');
    if (remote === 0) throw new KubectlError('remote port must be > 0');
    return { local, remote };
  });
}

/** strconv.ParseUint(s, 10, 16) with portforward.go's wrapping of its error. */
function parseUint16(s: string, which: 'local' | 'remote'): number {
  if (!/^[0-9]+$/.test(s)) throw new KubectlError(`error parsing ${which} port '${s}': strconv.ParseUint: parsing "${s}": invalid syntax`);
  const n = Number(s);
  if (n > 65535) throw new KubectlError(`error parsing ${which} port '${s}': strconv.ParseUint: parsing "${s}": value out of range`);
  return n;
}

/**
 * client-go parseAddresses: `localhost` binds 127.0.0.1 and ::1 (sorted: 127.0.0.1 first). The
 * lab's machine has no other interface, so another IP is refused here with the lab's own words.
 */
function parseAddresses(addresses: string[]): string[] {
  const out = new Set<string>();
  for (const a of addresses) {
    if (a === 'localhost') {
      out.add('127.0.0.1');
      out.add('::1');
    } else if (a === '127.0.0.1' || a === '::1') out.add(a);
    else if (/^[0-9.]+$/.test(a) || a.includes(':')) {
      throw new KubectlError(`--address ${a}: the lab's machine can only listen on localhost (use --address localhost or --address 127.0.0.1)`);
    } else throw new KubectlError(`${a} is not a valid IP`);
  }
  return [...out].sort();
}

/** net.JoinHostPort: brackets around an IPv6 address. */
function joinHostPort(host: string, port: number): string {
  return host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
}

/** The pod to forward to and, for a Service, the Service whose ports the learner named. */
async function resolveTarget(ctx: KubectlContext, arg: string, timeoutMs: number): Promise<{ pod: KubeObject; service?: KubeObject }> {
  const { pod, via } = await podForArgument(ctx, arg, FOR_ATTACH, timeoutMs);
  return { pod, service: via?.kind === 'Service' ? via : undefined };
}

/** An Interrupt that fires on Ctrl-C / `kill` or when `lose()` is called (the pod stream closed). */
function lostOrInterrupted(signal: Interrupt): Interrupt & { lose(): void; lost: boolean } {
  const callbacks = new Set<() => void>();
  const state = { lost: false };
  const fire = () => {
    for (const cb of [...callbacks]) cb();
    callbacks.clear();
  };
  signal.onAbort(fire);
  return {
    get aborted() {
      return signal.aborted || state.lost;
    },
    get lost() {
      return state.lost;
    },
    lose() {
      if (state.lost) return;
      state.lost = true;
      fire();
    },
    onAbort(cb) {
      if (signal.aborted || state.lost) {
        cb();
        return () => {};
      }
      callbacks.add(cb);
      return () => void callbacks.delete(cb);
    },
  };
}

/** klog's header for an error line: `E1127 10:40:00.000000   12345 portforward.go:424] `. */
function klogError(now: number): string {
  const d = new Date(now);
  const two = (n: number) => String(n).padStart(2, '0');
  const micros = String(d.getUTCMilliseconds() * 1000).padStart(6, '0');
  return `E${two(d.getUTCMonth() + 1)}${two(d.getUTCDate())} ${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())}.${micros}   12345 portforward.go:424] `;
}

export const portForwardCommand: KubectlCommand = {
  name: 'port-forward',
  short: 'Forward one or more local ports to a pod',
  flags: [
    { name: 'address', type: 'strings', default: ['localhost'] },
    { name: 'pod-running-timeout', type: 'string', default: '1m0s' },
  ],
  async run(ctx, p) {
    if (p.args.length < 2) throw usageError('TYPE/NAME and list of ports are required for port-forward');
    // Complete: find the pod, then turn named and Service ports into container port numbers.
    const { pod: chosen, service } = await resolveTarget(ctx, p.args[0], podRunningTimeout(p.flags['pod-running-timeout'], FOR_ATTACH));
    const portArgs = service ? servicePorts(p.args.slice(1), service, chosen) : podPorts(p.args.slice(1), chosen);
    // RunPortForwardContext reads the pod again and needs it Running.
    const namespace = chosen.metadata.namespace ?? ctx.namespace;
    const podName = chosen.metadata.name!;
    const pod = ctx.services.api.get('pods', namespace, podName);
    const phase = pod.status?.phase ?? '';
    if (phase !== 'Running') throw new KubectlError(`unable to forward port because pod is not running. Current status=${phase}`);
    // ForwardPorts dials the kubelet (through the API server) before it listens.
    const dial = await kubeletDialError(ctx, pod);
    if (dial) throw new KubectlError(`error upgrading connection: error dialing backend: ${dial}`);
    // NewOnAddresses: addresses, then ports.
    const given = (p.flags.address as string[]).filter(Boolean);
    const addresses = parseAddresses(given.length ? given : ['localhost']);
    const ports = parsePorts(portArgs);
    if (!ctx.services.listen) throw new KubectlError('port forwarding is not available in this shell: it cannot listen on local ports');
    const listen = ctx.services.listen;

    const signal = lostOrInterrupted(ctx.io.signal);
    const stops: (() => void)[] = [];
    try {
      // forward(): listen on every port; one that fails is reported and skipped.
      let listening = false;
      for (const port of ports) {
        const handler = (req: HttpRequest): HttpResponse | NetError => {
          ctx.out(`Handling connection for ${port.local}\n`);
          if (signal.aborted) return { error: 'refused', host: 'localhost', port: port.local };
          // The kubelet connects to localhost:REMOTE inside the pod's network namespace, so the
          // container sees the request come from 127.0.0.1.
          const res = ctx.services.runtime.serveHttp(namespace, podName, port.remote, { ...req, headers: { ...req.headers, 'X-Client-IP': '127.0.0.1' } });
          if ('error' in res) {
            // handleConnection: the kubelet's message on the error stream is logged through
            // runtime.HandleErrorWithLogger ("An error occurred forwarding", localPort,
            // remotePort; logger named "UnhandledError") and the stream connection closed, so
            // forward() returns ErrLostConnectionToPod. The message is containerd's
            // (failed to connect inside the pod's network namespace) with the pod's UID standing
            // in for the sandbox ID. The client's connection was accepted and is closed with
            // nothing sent: curl says (52) Empty reply from server.
            const sandbox = (pod.metadata.uid ?? podName).replace(/-/g, '');
            const cause = `error forwarding port ${port.remote} to pod ${sandbox}, uid : failed to execute portforward in network namespace \\"/var/run/netns/cni-${pod.metadata.uid ?? podName}\\": failed to connect to localhost:${port.remote} inside namespace \\"${sandbox}\\", IPv4: dial tcp4 127.0.0.1:${port.remote}: connect: connection refused IPv6 dial tcp6 [::1]:${port.remote}: connect: connection refused `;
            ctx.err(`${klogError(ctx.services.now())}"An error occurred forwarding" err="${cause}" logger="UnhandledError" localPort=${port.local} remotePort=${port.remote}\n`);
            signal.lose();
            return { error: 'empty', host: 'localhost', port: port.local };
          }
          return res;
        };
        const bound = bindPort(listen, port, handler);
        if (!bound) {
          // listenOnPort: both addresses of `localhost` failed ("all" failure mode).
          const errs = addresses.map((a) => `unable to create listener: Error listen ${a.includes(':') ? 'tcp6' : 'tcp4'} ${joinHostPort(a, port.local)}: bind: address already in use`);
          ctx.err(`Unable to listen on port ${port.local}: Listeners failed to create with the following errors: [${errs.join(' ')}]\n`);
          continue;
        }
        stops.push(bound);
        listening = true;
        for (const a of addresses) ctx.out(`Forwarding from ${joinHostPort(a, port.local)} -> ${port.remote}\n`);
      }
      if (!listening) throw new KubectlError(`unable to listen on any of the requested ports: [${ports.map((x) => `{${x.local} ${x.remote}}`).join(' ')}]`);

      // Forward until Ctrl-C / kill, or until the pod this stream goes to is gone or stops running.
      const uid = pod.metadata.uid;
      for (;;) {
        const r = await ctx.services.nextChange(QUIET_MS, signal, ['pods']);
        if (!signal.lost) {
          const now = ctx.services.api.list('pods', namespace).items.find((x) => x.metadata.name === podName);
          if (!now || now.metadata.uid !== uid || now.status?.phase !== 'Running') signal.lose();
        }
        if (signal.lost) throw new KubectlError('lost connection to pod');
        if (r !== 'changed') return 0;
      }
    } finally {
      for (const stop of stops) stop();
    }
  },
};

/**
 * Binds `port.local` (0: the first free port from FIRST_EPHEMERAL_PORT) and writes the port it
 * got back into `port`, as getListener does. services.listen answers undefined when the port is
 * taken (a Services contract the shell must honour: see the comment on Services.listen).
 */
function bindPort(listen: NonNullable<KubectlContext['services']['listen']>, port: ForwardedPort, handler: (req: HttpRequest) => HttpResponse | NetError): (() => void) | undefined {
  if (port.local !== 0) return listen(port.local, handler) ?? undefined;
  for (let n = FIRST_EPHEMERAL_PORT; n <= 60999; n++) {
    const stop = listen(n, handler) ?? undefined;
    if (stop) {
      port.local = n;
      return stop;
    }
  }
  return undefined;
}
