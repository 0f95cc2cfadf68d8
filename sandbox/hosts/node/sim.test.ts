import { afterAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Session } from '../../shell/session.ts';
import { runTranscript } from '../../shell/transcript.ts';
import { testCluster, fakeKubectl } from '../../shell/testing.ts';
import { NodeFs } from './node-fs.ts';

const dirs: string[] = [];
function tempDir(): string {
  const d = mkdtempSync(join(tmpdir(), 'sim-'));
  dirs.push(d);
  return d;
}
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

async function transcript(dir: string, script: string, seed: number): Promise<string> {
  let out = '';
  const write = (t: string) => void (out += t);
  const session = new Session({
    seed,
    interactive: false,
    fs: new NodeFs(),
    cwd: dir,
    home: dir,
    createCluster: (s) => testCluster(s, 2),
    programs: { kubectl: fakeKubectl },
    output: { stdout: write, stderr: write },
  });
  await runTranscript(session, script, write);
  return out;
}

describe('the Node host', () => {
  it('works in the real folder it was started from', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'web.yaml'), 'kind: StatefulSet\n');
    const out = await transcript(dir, "grep kind web.yaml\ncat <<'EOF' > new.yaml\nkind: Service\nEOF\nls", 1);
    expect(out).toBe("$ grep kind web.yaml\nkind: StatefulSet\n$ cat <<'EOF' > new.yaml\n> kind: Service\n> EOF\n$ ls\nnew.yaml  web.yaml\n");
    expect(readFileSync(join(dir, 'new.yaml'), 'utf8')).toBe('kind: Service\n');
  });

  it('prints the same transcript twice for the same file and seed', async () => {
    const dir = tempDir();
    const script = 'kubectl get cm -w &\nsleep 7\ndate\nkubectl get cm -w\nkill %1\nlab time +30s';
    expect(await transcript(dir, script, 3)).toBe(await transcript(dir, script, 3));
  });

  it('runs standard input as a script from the command line', () => {
    const dir = tempDir();
    const sim = join(import.meta.dirname, 'sim.ts');
    const tsx = join(import.meta.dirname, '../../../node_modules/.bin/tsx');
    const run = () => execFileSync(tsx, [sim, '--seed', '4'], { cwd: dir, input: 'echo "a  b" | wc -w\nsleep 90\ndate\nnope\n', encoding: 'utf8' });
    const out = run();
    expect(out).toBe('$ echo "a  b" | wc -w\n2\n$ sleep 90\n$ date\nThu Jan  1 00:01:30 UTC 2026\n$ nope\nbash: nope: command not found\n');
    expect(run()).toBe(out);
  }, 30_000);
});
