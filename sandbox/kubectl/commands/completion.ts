// kubectl completion SHELL (kubectl pkg/cmd/completion/completion.go RunCompletion): the argument
// checks and their messages are kubectl's. The script is not: the lab's terminal completes
// kubectl with Tab by itself, so the lab prints a comment that says so, and sourcing it changes
// nothing. `source <(kubectl completion bash)`, the first line of kubectl's cheat sheet, runs
// without a complaint, and `complete -F __start_kubectl k` (the shell's `complete` builtin)
// makes an alias complete as kubectl does.
import { KubectlError } from '../cli/errors.ts';
import type { KubectlCommand } from './types.ts';

/** completion.go completionShells. */
const SHELLS = ['bash', 'zsh', 'fish', 'powershell'];

export const completionCommand: KubectlCommand = {
  name: 'completion',
  short: 'Output shell completion code for the specified shell (bash, zsh or fish)',
  flags: [],
  async run(ctx, p) {
    // cmdutil.UsageErrorf: the message, then where to find the usage.
    const usage = (msg: string) => new KubectlError(`${msg}\nSee 'kubectl completion -h' for help and examples`);
    if (!p.args.length) throw usage('Shell not specified.');
    if (p.args.length > 1) throw usage('Too many arguments. Expected only the shell type.');
    if (!SHELLS.includes(p.args[0])) throw usage(`Unsupported shell type ${JSON.stringify(p.args[0])}.`);
    ctx.out(
      `# kubectl completion for ${p.args[0]}, as this lab gives it: the lab's terminal already completes\n` +
        '# kubectl commands, resource types and object names with Tab, so there is nothing to load.\n' +
        '# To have an alias complete the same way: alias k=kubectl; complete -o default -F __start_kubectl k\n',
    );
    return 0;
  },
};
