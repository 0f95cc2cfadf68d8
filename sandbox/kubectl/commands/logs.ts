// kubectl logs POD|TYPE/NAME [-c CONTAINER] [-f] [--previous] [--tail=N] [--timestamps].
// Source: kubernetes/kubectl pkg/cmd/logs/logs.go (Validate, RunLogs), pkg/polymorphichelpers/
// logsforobject.go (a controller's first pod, ByLogging: cli/first-pod.ts; the default container),
// and the API server's errors for containers that do not run: `container "nginx" in pod "web-0" is waiting to start: ContainerCreating`.
import type { KubeObject } from '../../cluster/api/client.ts';
import { ApiError } from '../../cluster/api/errors.ts';
import type { KubectlContext } from '../cli/context.ts';
import { KubectlError } from '../cli/errors.ts';
import { FOR_LOGS, podForArgument, podRunningTimeout } from '../cli/first-pod.ts';
import { QUIET_MS, type KubectlCommand } from './types.ts';

function badRequest(message: string): ApiError {
  return new ApiError({ kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, reason: 'BadRequest', code: 400 });
}

/** podcmd.AllContainerNames: `nginx, sidecar, setup (init)`. */
function allContainerNames(pod: KubeObject): string {
  const names = (pod.spec?.containers ?? []).map((c: any) => c.name);
  for (const c of pod.spec?.ephemeralContainers ?? []) names.push(`${c.name} (ephem)`);
  for (const c of pod.spec?.initContainers ?? []) names.push(`${c.name} (init)`);
  return names.join(', ');
}

/**
 * The container of a pod a command addresses, by kubectl's rules: the one asked for (`-c`), else
 * the pod's kubectl.kubernetes.io/default-container annotation, else the first container, saying
 * so on stderr when the pod has others (podcmd.FindOrDefaultContainerByName for exec; the same
 * rules inlined in logsforobject.go for logs, which also says when the annotation names no
 * container). `quiet`: exec's -q.
 */
export function pickContainer(ctx: KubectlContext, pod: KubeObject, requested: string | undefined, verb: 'logs' | 'exec', quiet = false): string {
  const spec = pod.spec ?? {};
  const all = [...(spec.containers ?? []), ...(spec.initContainers ?? []), ...(spec.ephemeralContainers ?? [])].map((c: any) => c.name);
  if (requested) {
    if (all.includes(requested)) return requested;
    if (verb === 'logs') throw new KubectlError(`container ${requested} is not valid for pod ${pod.metadata.name} out of: ${allContainerNames(pod)}`);
    throw new KubectlError(`container ${requested} not found in pod ${pod.metadata.name}`);
  }
  if (!(spec.containers ?? []).length) throw new KubectlError(`pod ${pod.metadata.namespace}/${pod.metadata.name} does not have any containers`);
  const annotated = pod.metadata.annotations?.['kubectl.kubernetes.io/default-container'];
  if (annotated) {
    if (all.includes(annotated)) return annotated;
    if (verb === 'logs') ctx.err(`Default container name "${annotated}" not found in pod ${pod.metadata.name}\n`);
  }
  const first = spec.containers[0].name;
  const others = spec.containers.length > 1 || (spec.initContainers ?? []).length > 0 || (spec.ephemeralContainers ?? []).length > 0;
  if (others && !quiet) ctx.err(`Defaulted container "${first}" out of: ${allContainerNames(pod)}\n`);
  return first;
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
    { name: 'all-containers', type: 'bool' },
    { name: 'prefix', type: 'bool' },
    { name: 'selector', short: 'l', type: 'string' },
    { name: 'pod-running-timeout', type: 'string', default: '20s' },
  ],
  async run(ctx, p) {
    if (!p.args.length) throw new KubectlError(`expected 'logs [-f] [-p] (POD | TYPE/NAME) [-c CONTAINER]'.\nPOD or TYPE/NAME is a required argument for the logs command\nSee 'kubectl logs -h' for help and examples`);
    if (p.args.length > 2) throw new KubectlError(`expected 'logs [-f] [-p] (POD | TYPE/NAME) [-c CONTAINER]'.`);
    const { pod, via, count } = await podForArgument(ctx, p.args[0], FOR_LOGS, podRunningTimeout(p.flags['pod-running-timeout'], FOR_LOGS));
    if (via && count > 1) ctx.err(`Found ${count} pods, using pod/${pod.metadata.name}\n`);
    const container = pickContainer(ctx, pod, p.flags.container ?? p.args[1], 'logs');
    const read = () => ctx.services.runtime.logs(pod.metadata.namespace ?? ctx.namespace, pod.metadata.name!, container, p.flags.previous);
    let lines = read();
    if (!lines) {
      if (p.flags.previous) throw badRequest(`previous terminated container "${container}" in pod "${pod.metadata.name}" not found`);
      throw notRunningError(pod, container);
    }
    const tail: number = p.flags.tail;
    const shown = tail >= 0 ? lines.slice(Math.max(0, lines.length - tail)) : lines;
    for (const l of shown) ctx.out(l.endsWith('\n') ? l : l + '\n');
    if (!p.flags.follow) return 0;
    let seen = lines.length;
    for (;;) {
      const r = await ctx.services.nextChange(QUIET_MS, ctx.io.signal, ['pods']);
      lines = read() ?? [];
      for (const l of lines.slice(seen)) ctx.out(l.endsWith('\n') ? l : l + '\n');
      seen = Math.max(seen, lines.length);
      if (r !== 'changed') return 0;
    }
  },
};
