// kubectl logs POD|TYPE/NAME [-c CONTAINER] [-f] [--previous] [--tail=N] [--timestamps].
// Source: kubernetes/kubectl pkg/cmd/logs/logs.go (Validate, RunLogs), pkg/polymorphichelpers/
// logsforobject.go (a controller's first pod, ByLogging: cli/first-pod.ts; the default container),
// and the API server's errors for containers that do not run: `container "nginx" in pod "web-0" is waiting to start: ContainerCreating`.
import type { KubeObject } from '../../cluster/api/client.ts';
import { ApiError } from '../../cluster/api/errors.ts';
import { KubectlError } from '../cli/errors.ts';
import { FOR_LOGS, podForArgument, podRunningTimeout } from '../cli/first-pod.ts';
import { pickContainer } from '../cli/pod-container.ts';
import { QUIET_MS, type KubectlCommand } from './types.ts';

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
