// A container's own command running one of the programs that ask the network (busybox nslookup,
// wget), for the kubelet's script planner (processes.ts): the same implementations `kubectl exec`
// runs, with what they print kept in order with the time it was printed, so the kubelet can log
// each line when the script reaches it. The network answers at once; wget's wait for an address
// nobody answers is added to the time instead of slept.
import type { FileSystem } from '../../fs.ts';
import type { Dial } from './http-client.ts';
import { busyboxNslookupKind, nslookup, type Resolve } from './nslookup.ts';
import type { ProgramIO } from './program-io.ts';
import { wget } from './wget.ts';

/** The programs runProgram runs; any other program of the image is left to the planner. */
export const NETWORK_PROGRAMS: readonly string[] = ['nslookup', 'wget'];

/** One write of the program, `at` ms after it started. */
export interface ProgramOutput {
  stream: 'stdout' | 'stderr';
  text: string;
  at: number;
}

export interface ProgramResult {
  output: ProgramOutput[];
  code: number;
  /** How long it ran (virtual ms). */
  ms: number;
}

/** The container the program runs in, as the kubelet sees it at the container's start. */
export interface ProgramHost {
  namespace: string;
  image: string;
  /** busybox's applets (nslookup as busybox prints it); else Debian's (bind9 nslookup). */
  busybox: boolean;
  /** The container's root file system (/etc/resolv.conf, where wget saves). */
  fs: FileSystem;
  /** The cluster DNS from the pod's namespace. */
  resolve: Resolve;
  /** HTTP from the pod. */
  dial: Dial;
}

/** Runs `argv` when it is a network program; undefined for any other program. */
export function runProgram(argv: string[], host: ProgramHost): ProgramResult | undefined {
  const name = (argv[0] ?? '').slice((argv[0] ?? '').lastIndexOf('/') + 1);
  if (!NETWORK_PROGRAMS.includes(name)) return undefined;
  const output: ProgramOutput[] = [];
  let ms = 0;
  const io: ProgramIO = {
    argv: [name, ...argv.slice(1)],
    stdout: (text) => void output.push({ stream: 'stdout', text, at: ms }),
    stderr: (text) => void output.push({ stream: 'stderr', text, at: ms }),
    // The images' WORKDIR: busybox and nginx set none, so the process starts in /.
    cwd: '/',
    fs: host.fs,
  };
  if (name === 'nslookup') {
    const code = nslookup(io, host.resolve, host, host.busybox ? busyboxNslookupKind(host.image) : 'bind');
    return { output, code, ms };
  }
  // Nothing interrupts a container's own process mid-wait here (a kill ends the container).
  const run = wget(io, host.dial);
  for (;;) {
    const step = run.next(false);
    if (step.done) return { output, code: step.value, ms };
    ms += step.value;
  }
}
