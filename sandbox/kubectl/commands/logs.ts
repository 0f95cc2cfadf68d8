// kubectl logs POD|TYPE/NAME [-c CONTAINER] [-f] [--previous] [--tail=N] [--prefix] [--all-containers]
// [--timestamps] [--since=DURATION | --since-time=RFC3339],
// or kubectl logs -l SELECTOR: every matching pod, the last 10 lines of each unless --tail.
// Source: kubernetes/kubectl pkg/cmd/logs/logs.go (Validate, RunLogs), pkg/polymorphichelpers/
// logsforobject.go (a controller's first pod, ByLogging: cli/first-pod.ts; the default container),
// and the API server's errors for containers that do not run: `container "nginx" in pod "web-0" is waiting to start: ContainerCreating`.
// What the kubelet does with the options: kubernetes/kubernetes pkg/kubelet/kuberuntime/logs/logs.go
// (NewLogOptions: since = now - sinceSeconds, or sinceTime when later; tail first, then lines
// before `since` skipped; --timestamps prefixes each line with its time as RFC3339NanoFixed).
import type { KubeObject } from '../../cluster/api/client.ts';
import type { LogLine } from '../../cluster/runtime-api.ts';
import { parseGoDuration, parseGoRFC3339 } from '../cli/go-time.ts';
import { usageHint } from '../cli/flags.ts';
import { ApiError } from '../../cluster/api/errors.ts';
import { KubectlError } from '../cli/errors.ts';
import { readList } from '../cli/read.ts';
import { backendError, containerLogsUrl, kubeletDialError } from '../cli/kubelet-dial.ts';
import { resourceInfo } from '../../cluster/api/resources.ts';
import { enhanceListError } from './objects.ts';
import { FOR_LOGS, podForArgument, podRunningTimeout } from '../cli/first-pod.ts';
import { pickContainer } from '../cli/pod-container.ts';
import { QUIET_MS, type KubectlCommand } from './types.ts';

const USAGE = `expected 'logs [-f] [-p] (POD | TYPE/NAME) [-c CONTAINER]'.`;
/** logs.go selectorTail: lines per pod with -l when --tail is not given. */
const SELECTOR_TAIL = 10;

function badRequest(message: string): ApiError {
  return new ApiError({ kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, reason: 'BadRequest', code: 400 });
}

function notRunningError(pod: KubeObject, container: string): ApiError {
  const st = (pod.status?.containerStatuses ?? []).find((c: any) => c.name === container);
  const waiting = st?.state?.waiting;
  if (waiting) return badRequest(`container "${container}" in pod "${pod.metadata.name}" is waiting to start: ${waiting.reason ?? 'ContainerCreating'}`);
  if (!pod.spec?.nodeName) return badRequest(`container "${container}" in pod "${pod.metadata.name}" is waiting to start: ContainerCreating`);
  return badRequest(`container "${container}" in pod "${pod.metadata.name}" is waiting to start: ContainerCreating`);
}

export const logsCommand: KubectlCommand = {
  name: 'logs',
  short: 'Print the logs for a container in a pod',
  flags: [
    { name: 'container', short: 'c', type: 'string' },
    { name: 'follow', short: 'f', type: 'bool' },
    { name: 'previous', short: 'p', type: 'bool' },
    { name: 'tail', type: 'int', default: -1 },
    { name: 'timestamps', type: 'bool' },
    { name: 'since', type: 'string' },
    { name: 'since-time', type: 'string' },
    { name: 'all-containers', type: 'bool' },
    { name: 'prefix', type: 'bool' },
    { name: 'selector', short: 'l', type: 'string' },
    { name: 'pod-running-timeout', type: 'string', default: '20s' },
    { name: 'max-log-requests', type: 'int', default: 5 },
  ],
  async run(ctx, p) {
    // pflag reads --since as a Duration when the flags are parsed, before anything else.
    let sinceMs = 0;
    if (p.flags.since !== undefined) {
      try {
        sinceMs = parseGoDuration(p.flags.since);
      } catch (e) {
        throw new KubectlError(`invalid argument "${p.flags.since}" for "--since" flag: ${(e as Error).message}\n${usageHint('kubectl logs')}`);
      }
    }
    const selector: string | undefined = p.flags.selector || undefined;
    if (!p.args.length && !selector) throw new KubectlError(`${USAGE}\nPOD or TYPE/NAME is a required argument for the logs command\nSee 'kubectl logs -h' for help and examples`);
    if (p.args.length === 1 && selector) throw new KubectlError(`only a selector (-l) or a POD name is allowed\nSee 'kubectl logs -h' for help and examples`);
    if (p.args.length > 2) throw new KubectlError(USAGE);
    // ToLogOptions (in Complete): --since-time through util.ParseRFC3339; --since rounded to seconds.
    let sinceTime: number | undefined;
    if (p.flags['since-time']) {
      try {
        sinceTime = parseGoRFC3339(p.flags['since-time']);
      } catch (e) {
        throw new KubectlError((e as Error).message);
      }
    }
    const sinceSeconds = goRoundSeconds(sinceMs);
    // Validate.
    if (p.flags['since-time'] && sinceMs !== 0) throw new KubectlError('at most one of `sinceTime` or `sinceSeconds` may be specified');
    if (p.flags['all-containers'] && (p.flags.container ?? p.args[1])) throw new KubectlError(`--all-containers=true should not be specified with container name ${p.flags.container ?? p.args[1]}`);
    if (sinceSeconds < 0) throw new KubectlError('--since must be greater than 0');
    let pods: KubeObject[];
    if (selector) {
      try {
        pods = readList(ctx.services.api, 'pods', ctx.namespace, { labelSelector: selector });
      } catch (e) {
        throw enhanceListError(e, resourceInfo('pods')!, selector, '');
      }
      if (!pods.length) ctx.err(`No resources found in ${ctx.namespace} namespace.\n`);
    } else {
      const { pod, via, count } = await podForArgument(ctx, p.args[0], FOR_LOGS, podRunningTimeout(p.flags['pod-running-timeout'], FOR_LOGS));
      if (via && count > 1) ctx.err(`Found ${count} pods, using pod/${pod.metadata.name}\n`);
      pods = [pod];
    }
    const streams: LogStream[] = pods.flatMap((pod) =>
      (p.flags['all-containers'] ? allContainers(pod) : [pickContainer(ctx, pod, p.flags.container ?? p.args[1], 'logs')]).map((container) => ({ pod, container, seen: 0 })),
    );
    const maxFollow: number = p.flags['max-log-requests'];
    if (p.flags.follow && streams.length > maxFollow) {
      throw new KubectlError(`you are attempting to follow ${streams.length} log streams, but maximum allowed concurrency is ${maxFollow}, use --max-log-requests to increase the limit`);
    }
    // With a selector each pod shows its last 10 lines unless --tail is given (logs.go selectorTail).
    const tail: number = selector && !p.set.has('tail') ? SELECTOR_TAIL : p.flags.tail;
    const read = (s: LogStream) => ctx.services.runtime.logs(s.pod.metadata.namespace ?? ctx.namespace, s.pod.metadata.name!, s.container, p.flags.previous);
    // The kubelet works out `since` when the request reaches it (NewLogOptions).
    const since = (): number => Math.max(sinceSeconds ? ctx.now() - sinceSeconds * 1000 : -Infinity, sinceTime ?? -Infinity);
    const print = (s: LogStream, lines: LogLine[], after: number) => {
      const prefix = p.flags.prefix ? `[pod/${s.pod.metadata.name}/${s.container}] ` : '';
      for (const l of lines) {
        if (l.at < after) continue;
        const stamp = p.flags.timestamps ? `${rfc3339NanoFixed(l.at)} ` : '';
        ctx.out(prefix + stamp + (l.text.endsWith('\n') ? l.text : l.text + '\n'));
      }
    };
    // One stream after the other (sequentialConsumeRequest); the first that cannot be read ends the command.
    for (const s of streams) {
      // The API server's log streamer GETs the kubelet's containerLogs URL.
      const dial = await kubeletDialError(ctx, s.pod);
      if (dial) {
        const query = { follow: p.flags.follow ? 'true' : undefined, previous: p.flags.previous ? 'true' : undefined, sinceSeconds: sinceSeconds ? String(sinceSeconds) : undefined, sinceTime: p.flags['since-time'] ? new Date(sinceTime!).toISOString().replace('.000Z', 'Z') : undefined, tailLines: tail >= 0 ? String(tail) : undefined, timestamps: p.flags.timestamps ? 'true' : undefined };
        throw backendError(`Get "${containerLogsUrl(s.pod, s.container, query)}": ${dial}`);
      }
      const lines = read(s);
      if (!lines) {
        if (p.flags.previous) throw badRequest(`previous terminated container "${s.container}" in pod "${s.pod.metadata.name}" not found`);
        throw notRunningError(s.pod, s.container);
      }
      print(s, tail >= 0 ? lines.slice(Math.max(0, lines.length - tail)) : lines, since());
      s.seen = lines.length;
    }
    if (!p.flags.follow) return 0;
    for (;;) {
      const r = await ctx.services.nextChange(QUIET_MS, ctx.io.signal, ['pods']);
      for (const s of streams) {
        const lines = read(s) ?? [];
        print(s, lines.slice(s.seen), since());
        s.seen = Math.max(s.seen, lines.length);
      }
      if (r !== 'changed') return 0;
    }
  },
};

interface LogStream {
  pod: KubeObject;
  container: string;
  /** Lines already printed (for -f). */
  seen: number;
}

/** --all-containers: init containers, then containers, then ephemeral ones (logsforobject.go). */
function allContainers(pod: KubeObject): string[] {
  const spec = pod.spec ?? {};
  return [...(spec.initContainers ?? []), ...(spec.containers ?? []), ...(spec.ephemeralContainers ?? [])].map((c: any) => c.name);
}

/** time.Duration.Round(time.Second).Seconds(): halves away from zero. */
function goRoundSeconds(ms: number): number {
  return Math.sign(ms) * Math.round(Math.abs(ms) / 1000);
}

/** types.RFC3339NanoFixed, the kubelet's log timestamps: `2026-01-01T00:00:05.120000000Z`. */
function rfc3339NanoFixed(ms: number): string {
  return new Date(ms).toISOString().replace(/\.(\d{3})Z$/, '.$1000000Z');
}
