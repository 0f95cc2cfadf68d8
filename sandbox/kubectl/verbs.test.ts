// What `kubectl VERB` says for a verb kubectl 1.35 has but the lab does not simulate, and for a
// verb kubectl does not have (kubectl pkg/cmd/cmd.go NewKubectlCommand's command groups; cobra's
// "unknown command" with suggestions).
import { describe, expect, it } from 'vitest';
import { createHarness } from './testing/harness.ts';

describe('kubectl verbs (pkg/cmd/cmd.go)', () => {
  it('does not call a real kubectl verb unknown: debug and attach exist in kubectl', async () => {
    const h = createHarness();
    for (const verb of ['debug', 'attach', 'auth', 'autoscale']) {
      const r = await h.run(`kubectl ${verb} web-0`);
      expect(r.code).toBe(1);
      expect(r.stderr).toBe(`error: "kubectl ${verb}" is not available in this lab\n`);
    }
  });

  // kubectl pkg/cmd/completion/completion.go RunCompletion: its checks and UsageErrorf wording.
  it('checks kubectl completion SHELL as kubectl does, and gives bash a script that loads nothing', async () => {
    const h = createHarness();
    const see = "\nSee 'kubectl completion -h' for help and examples\n";
    expect(await h.run('kubectl completion')).toMatchObject({ stderr: `error: Shell not specified.${see}`, code: 1 });
    expect(await h.run('kubectl completion bash zsh')).toMatchObject({ stderr: `error: Too many arguments. Expected only the shell type.${see}`, code: 1 });
    expect(await h.run('kubectl completion tcsh')).toMatchObject({ stderr: `error: Unsupported shell type "tcsh".${see}`, code: 1 });
    const bash = await h.run('kubectl completion bash');
    expect(bash.code).toBe(0);
    // Only comment lines: `source <(kubectl completion bash)` runs it without a word.
    expect(bash.stdout.trimEnd().split('\n').every((l) => l.startsWith('# '))).toBe(true);
    expect(bash.stdout).toContain('complete -o default -F __start_kubectl k');
  });

  it('still calls a made-up verb unknown, with suggestions', async () => {
    const h = createHarness();
    expect((await h.run('kubectl gett pods')).stderr).toBe('error: unknown command "gett" for "kubectl"\n\nDid you mean this?\n\tget\n\tset\n');
    // cobra suggests among all of kubectl's commands, simulated or not.
    expect((await h.run('kubectl evnts')).stderr).toBe('error: unknown command "evnts" for "kubectl"\n\nDid you mean this?\n\tevents\n');
    expect((await h.run('kubectl dif')).stderr).toBe('error: unknown command "dif" for "kubectl"\n\nDid you mean this?\n\tdiff\n\tedit\n');
  });
});

describe('--context (client-go clientcmd ConfirmUsable)', () => {
  it('accepts the lab\'s one context and refuses any other', async () => {
    const h = createHarness();
    expect((await h.run('kubectl --context=minikube get ns -o name')).code).toBe(0);
    expect(await h.run('kubectl get ns --context=prod')).toMatchObject({ stdout: '', stderr: 'Error in configuration: context was not found for specified context: prod\n', code: 1 });
  });
});
