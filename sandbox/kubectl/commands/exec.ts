// kubectl exec POD [-c CONTAINER] [-it] -- COMMAND [args...]: runs the command in the container
// through the shell's container interpreter; `-it ... -- sh` hands the terminal to an
// interactive container shell (see sandbox/kubectl/README.md for the hooks the shell provides).
// Source: kubernetes/kubectl pkg/cmd/exec/exec.go (Complete: "you must specify at least one
// command for the container"; Run: "cannot exec into a container in a completed pod").
import type { KubectlContext } from '../cli/context.ts';
import { KubectlError } from '../cli/errors.ts';
import { getContainerRunner, getInteractiveShell } from '../hooks.ts';
import { FOR_ATTACH, podForArgument, podRunningTimeout } from '../cli/first-pod.ts';
import { pickContainer } from '../cli/pod-container.ts';
import { assertKubeletReachable } from '../cli/kubelet-dial.ts';
import type { KubectlCommand } from './types.ts';

export async function runInPod(ctx: KubectlContext, namespace: string, podName: string, container: string, command: string[], interactive: boolean, opts?: { exited?: boolean }): Promise<number> {
  const env = ctx.services.runtime.containerEnv(namespace, podName, container, opts);
  if (!env) throw new KubectlError(`unable to upgrade connection: container not found ("${container}")`);
  if (interactive) {
    const shell = getInteractiveShell();
    if (shell) return shell(env, command, ctx.io);
  }
  const runner = await getContainerRunner();
  if (!runner) throw new KubectlError('running commands inside containers is not available in this shell (sandbox/shell/container.ts runInContainer is missing)');
  return runner(env, command, ctx.io);
}

export const execCommand: KubectlCommand = {
  name: 'exec',
  short: 'Execute a command in a container',
  flags: [
    { name: 'container', short: 'c', type: 'string' },
    { name: 'stdin', short: 'i', type: 'bool' },
    { name: 'tty', short: 't', type: 'bool' },
    { name: 'quiet', short: 'q', type: 'bool' },
    { name: 'filename', short: 'f', type: 'strings' },
    { name: 'pod-running-timeout', type: 'string', default: '1m0s' },
  ],
  async run(ctx, p) {
    if (!p.args.length) throw new KubectlError(`pod, type/name or --filename must be specified`);
    const command = p.dash ?? p.args.slice(1);
    if (!p.dash && p.args.length > 1) {
      // cmdutil.UsageErrorf adds the help hint.
      throw new KubectlError(`exec [POD] [COMMAND] is not supported anymore. Use exec [POD] -- [COMMAND] instead\nSee 'kubectl exec -h' for help and examples`);
    }
    if (!command.length) throw new KubectlError('you must specify at least one command for the container');
    const { pod } = await podForArgument(ctx, p.args[0], FOR_ATTACH, podRunningTimeout(p.flags['pod-running-timeout'], FOR_ATTACH));
    const phase = pod.status?.phase;
    if (phase === 'Succeeded' || phase === 'Failed') throw new KubectlError(`cannot exec into a container in a completed pod; current phase is ${phase}`);
    const container = pickContainer(ctx, pod, p.flags.container, 'exec', !!p.flags.quiet);
    if (p.flags.tty && !p.flags.stdin && !p.flags.quiet) ctx.err('Unable to use a TTY - input is not a terminal or the right kind of file\n');
    await assertKubeletReachable(ctx, pod);
    const code = await runInPod(ctx, pod.metadata.namespace ?? ctx.namespace, pod.metadata.name!, container, command, !!(p.flags.stdin && p.flags.tty));
    // client-go remotecommand returns a CodeExitError; kubectl's checkErr prints its text as is
    // and exits with the command's status (also 126 after an OCI "executable file not found").
    if (code !== 0) ctx.err(`command terminated with exit code ${code}\n`);
    return code;
  },
};
