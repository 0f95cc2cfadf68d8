// bash's history expansion at an interactive prompt (readline histexpand.c): what it expands,
// what it leaves alone, and its complaints.
import { describe, expect, it } from 'vitest';
import { expandHistory } from './history-expansion.ts';
import { Session } from './session.ts';

const H = ['kubectl get pods', "kubectl exec web-0 -- sh -c 'echo hi'", 'echo one two three'];

describe('history expansion', () => {
  it('expands events: !!, !N, !-N, !prefix, !?text?', () => {
    expect(expandHistory('!! | wc -l', H)).toEqual({ line: 'echo one two three | wc -l', changed: true });
    expect(expandHistory('!1 -w', H)).toEqual({ line: 'kubectl get pods -w', changed: true });
    expect(expandHistory('!-2', H)).toEqual({ line: "kubectl exec web-0 -- sh -c 'echo hi'", changed: true });
    expect(expandHistory('!kubectl', H)).toEqual({ line: "kubectl exec web-0 -- sh -c 'echo hi'", changed: true });
    expect(expandHistory('!?get?', H)).toEqual({ line: 'kubectl get pods', changed: true });
  });

  it('expands words: !$, !^, !*, !!:N, keeping a quoted word whole', () => {
    expect(expandHistory('echo !$ !^', H)).toEqual({ line: 'echo three one', changed: true });
    expect(expandHistory('echo !*', H)).toEqual({ line: 'echo one two three', changed: true });
    expect(expandHistory('echo !-2:$', H)).toEqual({ line: "echo 'echo hi'", changed: true });
    expect(expandHistory('echo !!:9', H)).toEqual({ error: ':9: bad word specifier' });
  });

  it("leaves ! alone in single quotes, after a backslash, before a blank, = or (, and at the end", () => {
    for (const line of ["echo '!!'", 'echo \\!!', 'echo ! x', 'test a != b', 'echo hi!']) expect(expandHistory(line, H)).toEqual({ line, changed: false });
    expect(expandHistory('!nope', H)).toEqual({ error: '!nope: event not found' });
  });

  it('shows the expanded line before running it, in an interactive session only', async () => {
    let out = '';
    const s = new Session({ seed: 1, interactive: true, output: { stdout: (t) => void (out += t), stderr: (t) => void (out += t) } });
    await s.run('echo hello');
    await s.run('!!');
    await s.run('echo !nope');
    expect(out).toBe('hello\necho hello\nhello\nbash: !nope: event not found\n');
    expect(s.shell.history.at(-1)).toBe('echo hello');
    await s.close();
    let script = '';
    const t = new Session({ seed: 1, interactive: false, output: { stdout: (x) => void (script += x), stderr: (x) => void (script += x) } });
    await t.run('echo a!!');
    expect(script).toBe('a!!\n');
    await t.close();
  });
});
