// kubectl: parses a command line and runs it against the simulator's resource API.
// (Stub until the kubectl module lands; the signature is the contract with the shell.)
import type { CommandIO, Services } from '../shell/types.ts';

export async function runKubectl(io: CommandIO, _services: Services): Promise<number> {
  io.stderr('kubectl: not available yet\n');
  return 1;
}
