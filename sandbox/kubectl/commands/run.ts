// kubectl run NAME --image=IMAGE [--restart=Never] [--rm -it] [-- COMMAND...]: creates one pod
// labelled run=NAME (`pod/NAME created`); with -i/-t waits for it to run, attaches
// (`If you don't see a command prompt, try pressing enter.`), and with --rm deletes it after.
// Source: kubernetes/kubectl pkg/cmd/run/run.go (Run, generators, "--rm should only be used for
// attached containers"), pkg/cmd/attach/attach.go (the prompt hint).
import type { KubeObject } from '../../cluster/api/client.ts';
import { resourceInfo } from '../../cluster/api/resources.ts';
import { applyPatch } from '../../cluster/api/patch.ts';
import type { PatchType } from '../../cluster/api/client.ts';
import { NETWORK_PROGRAMS } from '../../cluster/kubelet/programs/run-program.ts';
import type { KubectlContext } from '../cli/context.ts';
import { KubectlError } from '../cli/errors.ts';
import { FOR_ATTACH, podRunningTimeout } from '../cli/first-pod.ts';
import { toJson, toYaml } from '../printers/object.ts';
import { dryRunFlag } from './apply.ts';
import { waitGone } from './delete.ts';
import { runInPod } from './exec.ts';
import { QUIET_MS, type KubectlCommand } from './types.ts';

const NAME_RE = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

export const runCommand: KubectlCommand = {
  name: 'run',
  short: 'Run a particular image on the cluster',
  flags: [
    { name: 'image', type: 'string' },
    { name: 'restart', type: 'string', default: 'Always' },
    { name: 'leave-stdin-open', type: 'bool' },
    { name: 'rm', type: 'bool' },
    { name: 'stdin', short: 'i', type: 'bool' },
    { name: 'tty', short: 't', type: 'bool' },
    { name: 'command', type: 'bool' },
    { name: 'port', type: 'string' },
    { name: 'labels', short: 'l', type: 'string' },
    { name: 'env', type: 'strings' },
    { name: 'image-pull-policy', type: 'string' },
    { name: 'dry-run', type: 'string', noOptDefault: 'unchanged' },
    { name: 'output', short: 'o', type: 'string' },
    { name: 'attach', type: 'bool' },
    { name: 'quiet', short: 'q', type: 'bool' },
    { name: 'annotations', type: 'strings' },
    { name: 'overrides', type: 'string' },
    { name: 'override-type', type: 'string', default: 'merge' },
    { name: 'expose', type: 'bool' },
    { name: 'pod-running-timeout', type: 'string' },
  ],
  async run(ctx, p) {
    const name = p.args[0];
    // cobra checks the flag marked required (MarkFlagRequired("image")) before Validate runs.
    if (!p.flags.image) throw new KubectlError('required flag(s) "image" not set');
    if (!name) throw new KubectlError('NAME is required for run');
    if (!NAME_RE.test(name) || name.length > 253) {
      throw new KubectlError(`invalid pod name "${name}": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')`);
    }
    const restart = String(p.flags.restart);
    if (!['Always', 'OnFailure', 'Never'].includes(restart)) throw new KubectlError(`invalid restart policy: ${restart}`);
    const attach = p.flags.stdin || p.flags.tty || p.flags.attach;
    if (p.flags.rm && !attach) throw new KubectlError('--rm should only be used for attached containers');
    const labels: Record<string, string> = {};
    if (p.flags.labels) for (const kv of String(p.flags.labels).split(',')) {
      const [k, v] = kv.split('=');
      labels[k] = v ?? '';
    } else labels.run = name;
    const args = p.dash ?? p.args.slice(1);
    const container: any = { name, image: p.flags.image };
    if (args.length) {
      if (p.flags.command) container.command = args;
      else container.args = args;
    }
    if (p.flags.port) container.ports = [{ containerPort: Number(p.flags.port) }];
    if ((p.flags.env as string[]).length) container.env = (p.flags.env as string[]).map((e) => ({ name: e.split('=')[0], value: e.split('=').slice(1).join('=') }));
    if (p.flags['image-pull-policy']) container.imagePullPolicy = p.flags['image-pull-policy'];
    if (p.flags.stdin) {
      container.stdin = true;
      container.stdinOnce = true;
    }
    if (p.flags.tty) container.tty = true;
    container.resources = {};
    const generated: KubeObject = { apiVersion: 'v1', kind: 'Pod', metadata: { name, labels }, spec: { containers: [container], dnsPolicy: 'ClusterFirst', restartPolicy: restart } };
    const pod = p.flags.overrides ? override(generated, String(p.flags.overrides), String(p.flags['override-type'])) : generated;
    const dryRun = dryRunFlag(p.flags['dry-run'] === 'unchanged' ? 'client' : p.flags['dry-run']);
    const { api } = ctx.services;
    if (dryRun === 'client') {
      if (p.flags.output === 'yaml') ctx.out(toYaml({ ...pod, metadata: { ...pod.metadata, creationTimestamp: null }, status: {} }));
      else if (p.flags.output === 'json') ctx.out(toJson(pod));
      else ctx.out(`pod/${name} created (dry run)\n`);
      return 0;
    }
    const created = api.create('pods', ctx.namespace, pod);
    if (!attach) {
      ctx.out(`pod/${name} created\n`);
      return 0;
    }
    // Wait for the pod to run (or finish), as kubectl's attach does (pod-running-timeout 1m):
    // waitForPod in run.go follows the pod with a watch, so a pod seen Running on the way counts
    // even when the clock (the browser lab runs in real time) has moved past it before we look.
    let sawRunning = false;
    const stopWatch = api.watch('pods', ctx.namespace, { fieldSelector: `metadata.name=${name}`, resourceVersion: created.metadata.resourceVersion }, (ev) => {
      if (ev.object?.status?.phase === 'Running') sawRunning = true;
    });
    let cur = created;
    // handleAttachPod gives up after --pod-running-timeout (1m): a pod stuck in ErrImagePull or
    // Pending must not keep the terminal forever.
    const timeoutMs = podRunningTimeout(p.flags['pod-running-timeout'], FOR_ATTACH);
    const until = ctx.now() + timeoutMs;
    try {
      for (;;) {
        cur = api.get('pods', ctx.namespace, name);
        const phase = cur.status?.phase;
        if (phase === 'Running' || phase === 'Succeeded' || phase === 'Failed') break;
        if (ctx.now() >= until) throw new KubectlError('timed out waiting for the condition');
        const r = await ctx.services.nextChange(Math.min(QUIET_MS, until - ctx.now()), ctx.io.signal, ['pods']);
        if (r === 'interrupted') return 1;
      }
    } finally {
      stopWatch();
    }
    const command = [...(container.command ?? []), ...(container.args ?? [])];
    const interactive = !!(p.flags.stdin && p.flags.tty);
    const logs = ctx.services.runtime.logs(ctx.namespace, name, name) ?? [];
    let code = 0;
    if (cur.status?.phase === 'Running' && asksServers(command)) {
      if (interactive && !p.flags.quiet) ctx.err("If you don't see a command prompt, try pressing enter.\n");
      const followed = await followToExit(ctx, name);
      if (followed === 'interrupted') return 1;
      code = followed;
    } else if (cur.status?.phase === 'Running') {
      if (interactive && !p.flags.quiet) ctx.err("If you don't see a command prompt, try pressing enter.\n");
      code = await runInPod(ctx, ctx.namespace, name, name, command.length ? command : ['sh'], interactive);
      // Leaving the session closes stdin (stdinOnce): the container's shell exits with it, so
      // `--rm` does not wait out a grace period for a shell that ignores SIGTERM.
      // The attached shell is the container's own: its exit status is the container's.
      if (p.flags.stdin) ctx.services.runtime.closeStdin?.(ctx.namespace, name, name, code);
    } else if (sawRunning && command.length && !logs.length && !isShell(command[0]) && !runsItself(command)) {
      // The command ran and ended between two looks. The kubelet's own model of a container's
      // process runs nslookup and wget as they are (their output is in the log, printed below),
      // but not the image's other programs (cat, ls, env...): what kubectl would have shown for
      // those is what the same command prints in the container's environment.
      code = await runInPod(ctx, ctx.namespace, name, name, command, false, { exited: true });
    } else {
      for (const { text } of logs) ctx.out(text.endsWith('\n') ? text : text + '\n');
      code = cur.status?.containerStatuses?.[0]?.state?.terminated?.exitCode ?? (cur.status?.phase === 'Failed' ? 1 : 0);
    }
    // run.go: with restart Never/OnFailure kubectl waits (waitForPod, up to --pod-running-timeout)
    // for the pod to complete (OnFailure: to succeed) and takes the exit code from its status;
    // --rm deletes it only after that (deferred), so the container has ended on its own by then.
    // With restart Always it neither waits nor looks at an exit code.
    const waitForExitCode = restart !== 'Always' && !p.flags['leave-stdin-open'];
    let failure: string | undefined;
    if (waitForExitCode) {
      const done = await waitForCompletion(ctx, name, restart === 'OnFailure' ? ['Succeeded'] : ['Succeeded', 'Failed'], timeoutMs);
      if (done === 'interrupted') return 1;
      if (typeof done === 'string') {
        failure = done;
        code = 1;
      } else if (done.status?.phase === 'Succeeded') {
        code = 0;
      } else {
        // A CodeExitError, printed without "error: " after the (deferred) --rm delete:
        // `pod default/dns-test terminated (Error)`, exit status = the container's.
        const terminated = done.status?.containerStatuses?.[0]?.state?.terminated;
        code = terminated?.exitCode ?? 0;
        if (!terminated || code === 0) {
          failure = `error: pod ${ctx.namespace}/${name} failed with unknown exit code\n`;
          code = 1;
        } else {
          failure = `pod ${ctx.namespace}/${name} terminated (${terminated.reason ?? ''})\n${terminated.message ?? ''}`;
        }
      }
    }
    if (p.flags.rm) {
      const gone = api.delete('pods', ctx.namespace, name);
      ctx.out(`pod "${name}" deleted from ${ctx.namespace} namespace\n`);
      await waitGone(ctx, [{ info: resourceInfo('pods')!, namespace: ctx.namespace, name, uid: gone.metadata.uid }]);
    }
    if (!waitForExitCode) return 0;
    if (failure) ctx.err(failure.endsWith('\n') ? failure : failure + '\n');
    return code;
  },
};

/**
 * waitForPod with podCompleted (or podSucceeded): the pod once its phase is one of `phases`;
 * what kubectl prints when the wait fails instead (the pod deleted meanwhile, the timeout), or
 * 'interrupted' (Ctrl-C).
 */
async function waitForCompletion(ctx: KubectlContext, name: string, phases: string[], timeoutMs: number): Promise<KubeObject | string> {
  const until = ctx.now() + timeoutMs;
  for (;;) {
    let pod: KubeObject;
    try {
      pod = ctx.services.api.get('pods', ctx.namespace, name);
    } catch {
      // podCompleted on a DELETED event: errors.NewNotFound(pods, "").
      return 'Error from server (NotFound): pods "" not found\n';
    }
    if (phases.includes(pod.status?.phase)) return pod;
    if (ctx.now() >= until) return 'error: timed out waiting for the condition\n';
    const r = await ctx.services.nextChange(Math.min(QUIET_MS, until - ctx.now()), ctx.io.signal, ['pods']);
    if (r === 'interrupted') return 'interrupted';
  }
}

/**
 * --overrides: the JSON fragment applied to the generated pod before it is sent, as a JSON merge
 * patch by default (--override-type merge), or strategic or JSON patch. Source: kubectl
 * pkg/cmd/util/override_options.go (Overrider.Apply) and pkg/cmd/util/helpers.go (Merge:
 * jsonpatch.MergePatch, whose bad input is "Invalid JSON Patch").
 */
function override(pod: KubeObject, fragment: string, type: string): KubeObject {
  if (!['json', 'merge', 'strategic'].includes(type)) throw new KubectlError(`invalid override type: ${type}`);
  let patch: unknown;
  try {
    patch = JSON.parse(fragment);
  } catch {
    throw new KubectlError('Invalid JSON Patch');
  }
  if (type === 'merge' && (typeof patch !== 'object' || patch === null || Array.isArray(patch))) throw new KubectlError('Invalid JSON Patch');
  return applyPatch(pod, patch, type as PatchType, 'pods');
}

/** A shell as the command: its script's output is already in the container's log. */
function isShell(cmd: string): boolean {
  return ['sh', 'bash', 'ash'].includes(baseName(cmd));
}

function baseName(cmd: string): string {
  return cmd.slice(cmd.lastIndexOf('/') + 1);
}

/**
 * A command the kubelet runs as the container's process with all it prints (nslookup, wget:
 * cluster/kubelet/programs/run-program.ts): its output is in the container's log.
 */
function runsItself(command: string[]): boolean {
  return command.length > 0 && NETWORK_PROGRAMS.includes(baseName(command[0]));
}

/**
 * wget as the container's process has already sent its request when kubectl attaches: running
 * it again through exec would ask the server twice (two lines in nginx's access log, a POST
 * stored twice), so attach follows the process's output instead, until the pod has ended, as
 * run.go does (waitForPod with podCompleted before it reads the exit code). nslookup changes
 * nothing anywhere, and still runs through exec, which prints the same lines.
 */
function asksServers(command: string[]): boolean {
  return runsItself(command) && baseName(command[0]) === 'wget';
}

/**
 * What `kubectl run -i` shows for such a command: the container's output as it writes it, until
 * it exits (attach streams the process's stdout and stderr); its exit code, or 'interrupted'.
 */
async function followToExit(ctx: KubectlContext, name: string): Promise<number | 'interrupted'> {
  let seen = 0;
  for (;;) {
    const lines = ctx.services.runtime.logs(ctx.namespace, name, name) ?? [];
    for (const { text } of lines.slice(seen)) ctx.out(text.endsWith('\n') ? text : text + '\n');
    seen = Math.max(seen, lines.length);
    let pod: KubeObject | undefined;
    try {
      pod = ctx.services.api.get('pods', ctx.namespace, name);
    } catch {
      return 1; // deleted meanwhile: the attach ends with the stream
    }
    const phase = pod.status?.phase;
    if (phase === 'Succeeded' || phase === 'Failed') return pod.status?.containerStatuses?.[0]?.state?.terminated?.exitCode ?? (phase === 'Failed' ? 1 : 0);
    const before = ctx.now();
    const r = await ctx.services.nextChange(QUIET_MS, ctx.io.signal, ['pods']);
    if (r === 'interrupted') return 'interrupted';
    // A script's waits end (after an hour): no time passes any more, so stop following.
    if (r === 'quiet' && ctx.now() === before) return 0;
  }
}
