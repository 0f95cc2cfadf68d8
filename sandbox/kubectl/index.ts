// kubectl: parses a command line and runs it against the simulator's resource API, printing what
// kubectl 1.35 prints. The shell calls runKubectl for every `kubectl ...` line.
import type { CommandIO, Services } from '../shell/types.ts';
import { makeContext } from './cli/context.ts';
import { errorText, KubectlError } from './cli/errors.ts';
import { GLOBAL_FLAGS, parseFlags } from './cli/flags.ts';
import { COMMANDS, findCommand, NOT_SIMULATED, suggestCommands } from './commands/registry.ts';
import { rootHelp, commandHelp } from './commands/help.ts';

export { registerContainerRunner, registerInteractiveShell, type ContainerRunner } from './hooks.ts';

/** Global flags that take a value, to find the verb in `kubectl -n kube-system get pods`. */
const VALUE_GLOBALS = new Set(GLOBAL_FLAGS.filter((f) => f.type !== 'bool').flatMap((f) => [`--${f.name}`, ...(f.short ? [`-${f.short}`] : [])]));

export async function runKubectl(io: CommandIO, services: Services): Promise<number> {
  const argv = io.argv.slice(1);
  // Find the verb: the first word that is not a global flag or its value.
  let verbAt = -1;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--') break;
    if (a.startsWith('-')) {
      if (VALUE_GLOBALS.has(a)) i++;
      continue;
    }
    verbAt = i;
    break;
  }
  try {
    if (verbAt < 0) {
      if (argv.includes('--version')) {
        io.stderr('error: unknown flag: --version\nSee \'kubectl --help\' for usage.\n');
        return 1;
      }
      const unknown = argv.find((a) => a.startsWith('-') && !['-h', '--help'].includes(a));
      if (unknown && !VALUE_GLOBALS.has(unknown)) parseFlags(argv, [], 'kubectl');
      io.stdout(rootHelp());
      return 0;
    }
    const verb = argv[verbAt];
    const cmd = findCommand(verb);
    if (!cmd && NOT_SIMULATED.includes(verb)) {
      // A real kubectl verb: "unknown command" would tell the learner kubectl has no such thing.
      io.stderr(`error: "kubectl ${verb}" is not available in this lab\n`);
      return 1;
    }
    if (!cmd) {
      // cobra's findSuggestions: a "Did you mean this?" line, then one tab-indented line per command.
      const s = suggestCommands(verb);
      io.stderr(`error: unknown command "${verb}" for "kubectl"${s.length ? `\n\nDid you mean this?\n${s.map((n) => `\t${n}\n`).join('')}` : '\n'}`);
      return 1;
    }
    const rest = [...argv.slice(0, verbAt), ...argv.slice(verbAt + 1)];
    const parsed = parseFlags(rest, cmd.flags, `kubectl ${cmd.name}`);
    if (parsed.flags.help) {
      io.stdout(commandHelp(cmd));
      return 0;
    }
    // The lab's kubeconfig has one context. client-go's ConfirmUsable refuses another name and
    // checkErr prints the configuration error as is (clientcmd validation.go errContextNotFound;
    // kubectl cmd/util/helpers.go: "Error in configuration: ").
    const contextName = parsed.flags.context as string | undefined;
    if (contextName && contextName !== 'minikube' && cmd.name !== 'config') {
      io.stderr(`Error in configuration: context was not found for specified context: ${contextName}\n`);
      return 1;
    }
    const ctx = makeContext(io, services, parsed, `kubectl ${cmd.name}`);
    return await cmd.run(ctx, parsed);
  } catch (e) {
    if (!(e instanceof Error)) {
      io.stderr(`error: ${String(e)}\n`);
      return 1;
    }
    io.stderr(errorText(e));
    return e instanceof KubectlError ? e.exitCode : 1;
  }
}

export { COMMANDS };
