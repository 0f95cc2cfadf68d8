// Random and mangled command lines: the shell must never throw, never hang, and always come
// back to a prompt.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { testSession } from './testing.ts';

const WORDS = [
  'echo', 'cat', 'grep', '-i', '-v', '-c', '-E', 'head', '-n', '2', 'tail', 'wc', '-l', 'sort', 'uniq', 'ls', 'mkdir', '-p', 'rm',
  '-rf', 'touch', 'cp', 'mv', 'tee', 'seq', 'sleep', '1', '0.5', 'date', 'env', 'kubectl', 'get', 'cm', '-w', 'exec', '-it', 'web-0',
  'dns-test', '--', 'sh', '-c', 'hostname', 'nslookup', 'web-0.nginx', 'lab', 'time', '+5s', 'next', 'pause', 'node', 'stop', 'start',
  'cut', 'minikube', 'reset', 'help', 'jobs', 'kill', '%1', '%2', 'fg', 'wait', 'cd', '..', '/', 'pwd', 'export', 'X=1', '$X',
  '"$X"', '${X:-d}', '$(echo a)', '`echo b`', "'q'", '"d q"', '|', '||', '&&', ';', '&', '>', '>>', '<', '2>&1', '2>', 'f.txt',
  '<<EOF', 'EOF', 'for', 'i', 'in', 'do', 'done', 'while', 'until', 'false', 'true', 'if', 'then', 'else', 'fi', '{', '}', '(', ')',
  '$((1+2))', '$((1/0))', '*', '*.txt', '?', '~', '\\', 'curl', 'localhost:8001', 'wget', '-qO-', 'exit', 'history', 'clear',
  'foo', 'jq', '.items[].a', '-r', 'test', '[', ']', '-z', '=', '!', '#', 'x\ny', '\n', '$?', '$$', 'unset', 'type', 'which', 'alias', 'k=kubectl', 'printf', '%s\\n', 'source', 'f.txt',
  '+%s', '+%F%T', "+'%-d %_5N %:z %Q'", '-d', '@0', '@-5', 'tomorrow', '-R', '-I', '-Ins', '--rfc-3339=ns', '--rfc-3339', '0102030426',
];

const word = fc.oneof({ weight: 6, arbitrary: fc.constantFrom(...WORDS) }, { weight: 1, arbitrary: fc.string({ maxLength: 6 }) });
const line = fc.array(word, { minLength: 1, maxLength: 10 }).map((ws) => ws.join(' '));
const mangled = fc
  .tuple(fc.constantFrom('for i in 0 1; do kubectl exec "web-$i" -- sh -c \'hostname\'; done', 'cat <<\'EOF\' > web.yaml\nkind: Pod\nEOF', 'echo "source f.sh" > f.sh; source f.sh', 'kubectl get cm -w | grep tick | wc -l', 'echo "$(date)" && ls -l || echo no'), fc.nat(60), fc.nat(5), fc.string({ maxLength: 3 }))
  .map(([s, at, del, ins]) => s.slice(0, at) + ins + s.slice(at + del));

function withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout>;
  return Promise.race([
    p.finally(() => clearTimeout(timer)),
    new Promise<T>((_, reject) => (timer = setTimeout(() => reject(new Error(`hang: ${JSON.stringify(what)}`)), ms))),
  ]);
}

describe('the shell under random input', () => {
  it('always returns to a prompt, without an exception or a hang', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.oneof(line, mangled), { minLength: 1, maxLength: 4 }), async (lines) => {
        const t = testSession({ ticks: 2 });
        for (const l of lines) {
          const status = await withTimeout(t.session.run(l), 3000, l);
          expect(Number.isInteger(status)).toBe(true);
          expect(t.session.busy).toBe(false);
          expect(t.session.prompt()).toMatch(/[#$] $/);
        }
        await withTimeout(t.session.close(), 3000, 'close');
      }),
      { numRuns: 2000, seed: 42 },
    );
  }, 60_000);
});
