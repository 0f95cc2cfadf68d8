// Exec probes as the liveness/readiness docs write them
// (website content/en/docs/tasks/configure-pod-container/configure-liveness-readiness-startup-probes.md):
// the exit status of the command decides, and `test`/`[` follow the shell's own rules.
import { describe, expect, it } from 'vitest';
import { MemoryFs } from '../fs.ts';
import { runProbe, type ProbeTarget } from './probes.ts';

function target(files: Record<string, string>, busybox = true): ProbeTarget {
  const fs = new MemoryFs();
  fs.mkdir('/tmp', { recursive: true });
  for (const [path, text] of Object.entries(files)) fs.writeFile(path, text);
  return {
    podIP: '10.244.1.5',
    container: { name: 'c', image: 'busybox' } as ProbeTarget['container'],
    serve: () => undefined,
    fs,
    programs: ['sh', 'cat', 'ls', 'test'],
    busybox,
  };
}

const exec = (...command: string[]) => ({ exec: { command } });

describe('exec probes with test', () => {
  it('`test ! -f /tmp/unhealthy` passes until the file appears', () => {
    const probe = exec('sh', '-c', 'test ! -f /tmp/unhealthy');
    expect(runProbe(probe, target({ '/tmp/ok': '' }))).toEqual({ ok: true });
    expect(runProbe(probe, target({ '/tmp/unhealthy': '' })).ok).toBe(false);
  });

  it('`[ -f /tmp/healthy ]` needs the closing bracket, with busybox wording', () => {
    expect(runProbe(exec('[', '-f', '/tmp/healthy', ']'), target({ '/tmp/healthy': 'x' }))).toEqual({ ok: true });
    expect(runProbe(exec('[', '-f', '/tmp/healthy'), target({ '/tmp/healthy': 'x' }))).toEqual({ ok: false, output: 'sh: missing ]\n' });
  });

  it('cat of a missing file fails with the message the kubelet shows', () => {
    expect(runProbe(exec('cat', '/tmp/healthy'), target({}))).toEqual({
      ok: false,
      output: "cat: can't open '/tmp/healthy': No such file or directory\n",
    });
  });
});
