// kubectl logs POD|TYPE/NAME [-c CONTAINER] [-f] [--previous] [--tail=N] [--timestamps].
// Source: kubernetes/kubectl pkg/cmd/logs/logs.go (Validate, RunLogs), pkg/polymorphichelpers/
// logsforobject.go (a controller's first pod), and the API server's errors for containers that
// do not run: `container "nginx" in pod "web-0" is waiting to start: ContainerCreating`.
import type { KubeObject } from '../../cluster/api/client.ts';
import { ApiError } from '../../cluster/api/errors.ts';
import type { KubectlContext } from '../cli/context.ts';
import { KubectlError } from '../cli/errors.ts';
import { requireResource } from '../cli/resources.ts';
import { QUIET_MS, type KubectlCommand } from './types.ts';

function badRequest(message: string): ApiError {
  return new ApiError({ kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, reason: 'BadRequest', code: 400 });
}

/** The pod a `logs`/`exec` argument names: `web-0`, `pod/web-0`, `sts/web` (its first pod). */
export function resolvePod(ctx: KubectlContext, arg: string): KubeObject {
  const { api } = ctx.services;
  if (!arg.includes('/')) return api.get('pods', ctx.namespace, arg);
  const [type, name] = [arg.slice(0, arg.indexOf('/')), arg.slice(arg.indexOf('/') + 1)];
  const info = requireResource(type);
  if (info.resource === 'pods') return api.get('pods', ctx.namespace, name);
  const owner = api.get(info.resource, ctx.namespace, name);
  const sel = owner.spec?.selector?.matchLabels ?? owner.spec?.selector;
  if (!sel || typeof sel !== 'object') throw new KubectlError(`cannot attach to ${info.kind}: selector for ${info.kind} not implemented`);
  const labelSelector = Object.entries(sel).map(([k, v]) => `${k}=${v}`).join(',');
  const pods = api.list('pods', ctx.namespace, { labelSelector }).items.filter((p) => !p.metadata.deletionTimestamp);
  if (!pods.length) throw new KubectlError(`timed out waiting for the condition`);
  // logsforobject picks by the same sort as `kubectl get` would show first (ByLogging: ready, running, newest).
  return pods.sort((a, b) => (a.metadata.name! < b.metadata.name! ? -1 : 1))[0];
}

/** The container of a pod a command addresses; kubectl's default-container rules. */
export function pickContainer(ctx: KubectlContext, pod: KubeObject, requested: string | undefined, verb: 'logs' | 'exec'): string {
  const containers: any[] = pod.spec?.containers ?? [];
  const names = containers.map((c) => c.name);
  if (requested) {
    const all = [...names, ...(pod.spec?.initContainers ?? []).map((c: any) => c.name)];
    if (!all.includes(requested)) {
      if (verb === 'logs') throw badRequest(`container ${requested} is not valid for pod ${pod.metadata.name}`);
      throw new KubectlError(`container ${requested} not found in pod ${pod.metadata.name}`);
    }
    return requested;
  }
  const annotated = pod.metadata.annotations?.['kubectl.kubernetes.io/default-container'];
  if (annotated && names.includes(annotated)) return annotated;
  if (names.length > 1) {
    if (verb === 'logs') throw badRequest(`a container name must be specified for pod ${pod.metadata.name}, choose one of: [${names.join(' ')}]`);
    ctx.err(`Defaulted container "${names[0]}" out of: ${names.join(', ')}\n`);
  }
  return names[0];
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
  ],
  async run(ctx, p) {
    if (!p.args.length) throw new KubectlError(`expected 'logs [-f] [-p] (POD | TYPE/NAME) [-c CONTAINER]'.\nPOD or TYPE/NAME is a required argument for the logs command\nSee 'kubectl logs -h' for help and examples`);
    if (p.args.length > 2) throw new KubectlError(`expected 'logs [-f] [-p] (POD | TYPE/NAME) [-c CONTAINER]'.`);
    const pod = resolvePod(ctx, p.args[0]);
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
