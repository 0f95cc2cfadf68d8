// What a program that runs in a container gets, whoever starts it: the shell of `kubectl exec`
// (sandbox/shell, which passes its CommandIO) or the kubelet running the container's own command
// (processes.ts). Only what the programs here use: no stdin, no terminal, no signals.
import type { FileSystem } from '../../fs.ts';

export interface ProgramIO {
  /** argv[0] is the program's name. */
  argv: string[];
  stdout(text: string): void;
  stderr(text: string): void;
  cwd: string;
  /** The container's root file system. */
  fs: FileSystem;
}
