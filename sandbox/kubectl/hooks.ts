// The two things kubectl needs from the shell: running a command inside a container, and
// handing the terminal to an interactive container shell. The shell registers them at start.
import type { CommandIO } from '../shell/types.ts';
import type { ContainerEnv } from '../cluster/runtime-api.ts';

export type ContainerRunner = (env: ContainerEnv, argv: string[], io: CommandIO) => Promise<number>;

let containerRunner: ContainerRunner | undefined;
let interactiveShell: ContainerRunner | undefined;

/**
 * The shell registers how to run a command inside a container (`kubectl exec web-0 -- ls`):
 * sandbox/shell/container.ts `runInContainer`. Without it kubectl tries to import that module.
 */
export function registerContainerRunner(fn: ContainerRunner): void {
  containerRunner = fn;
}

/**
 * The shell registers how to hand the terminal to an interactive container shell
 * (`kubectl exec -it web-0 -- sh`, `kubectl run -it --rm ...`). It resolves with the exit
 * status when the learner leaves that shell.
 */
export function registerInteractiveShell(fn: ContainerRunner): void {
  interactiveShell = fn;
}

export async function getContainerRunner(): Promise<ContainerRunner | undefined> {
  if (containerRunner) return containerRunner;
  try {
    const path = '../shell/container.ts';
    const mod = await import(/* @vite-ignore */ path);
    if (typeof mod.runInContainer === 'function') containerRunner = mod.runInContainer as ContainerRunner;
  } catch {
    // not there (yet): the caller prints a clear error
  }
  return containerRunner;
}

export function getInteractiveShell(): ContainerRunner | undefined {
  return interactiveShell;
}

