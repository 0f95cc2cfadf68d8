// `kubectl exec ... -- wget` in the shell: busybox wget as the kubelet also runs it for a
// container's own command (cluster/kubelet/programs/wget.ts). The shell waits out what the
// program asks to wait, in virtual time, and tells it whether Ctrl-C ended the wait.
import { wget as start } from '../cluster/kubelet/programs/wget.ts';
import type { Dial } from '../cluster/kubelet/programs/http-client.ts';
import type { CommandIO, Services } from './types.ts';

export async function wget(io: CommandIO, services: Services, dial: Dial): Promise<number> {
  const run = start(io, dial);
  let interrupted = false;
  for (;;) {
    const step = run.next(interrupted);
    if (step.done) return step.value;
    await services.sleep(step.value, io.signal);
    interrupted = io.signal.aborted;
  }
}
