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
