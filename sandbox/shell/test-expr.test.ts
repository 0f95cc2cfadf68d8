// `test` / `[` as POSIX and bash's test.c evaluate them, in the learner's shell and in a
// container shell (`kubectl exec ... -- sh -c '...'`), and as a pure function for exec probes.
import { describe, expect, it } from 'vitest';
import { MemoryFs } from '../cluster/fs.ts';
import { evalTest } from '../cluster/kubelet/test-expr.ts';
import { testSession } from './testing.ts';

const fs = new MemoryFs({ files: { '/tmp/healthy': 'ok\n', '/tmp/empty': '', '/data/': '' } });
const t = (...args: string[]) => evalTest(args, fs, '/');

describe('evalTest', () => {
  it('negates with ! (test ! -f /tmp/unhealthy, the liveness-exec probe idiom)', () => {
    expect(t('!', '-f', '/tmp/unhealthy')).toEqual({ status: 0 });
    expect(t('!', '-f', '/tmp/healthy')).toEqual({ status: 1 });
    expect(t('!', '!', '-e', '/tmp/healthy')).toEqual({ status: 0 });
    expect(t('!', '')).toEqual({ status: 0 });
  });

  it('file primaries -e -f -d -s and relative paths', () => {
    expect(t('-e', '/data')).toEqual({ status: 0 });
    expect(t('-f', '/data')).toEqual({ status: 1 });
    expect(t('-d', '/data')).toEqual({ status: 0 });
    expect(t('-s', '/tmp/empty')).toEqual({ status: 1 });
    expect(t('-s', '/tmp/healthy')).toEqual({ status: 0 });
    expect(evalTest(['-f', 'healthy'], fs, '/tmp')).toEqual({ status: 0 });
  });

  it('strings and integers; by argument count as POSIX says', () => {
    expect(t()).toEqual({ status: 1 });
    expect(t('-n')).toEqual({ status: 0 }); // one argument: non-empty
    expect(t('-z', '')).toEqual({ status: 0 });
    expect(t('a', '=', 'a')).toEqual({ status: 0 });
    expect(t('a', '!=', 'a')).toEqual({ status: 1 });
    expect(t('3', '-gt', '2')).toEqual({ status: 0 });
    expect(t('(', 'x', ')')).toEqual({ status: 0 });
    expect(t('-f', '/tmp/healthy', '-a', '2', '-le', '1')).toEqual({ status: 1 });
    expect(t('-f', '/nope', '-o', '(', 'a', '=', 'a', ')')).toEqual({ status: 0 });
  });

  it("errors as bash's test builtin words them (status 2)", () => {
    expect(t('1', '-eq', 'a')).toEqual({ status: 2, error: 'a: integer expression expected', busybox: 'a: bad number' });
    expect(t('-q', 'x')).toEqual({ status: 2, error: '-q: unary operator expected', busybox: 'x: unknown operand' });
    expect(t('a', 'b', 'c')).toEqual({ status: 2, error: 'b: binary operator expected', busybox: 'b: unknown operand' });
    expect(t('a', '=', 'a', 'b', 'c')).toEqual({ status: 2, error: 'too many arguments', busybox: 'b: unknown operand' });
  });
});

describe('test in the shells', () => {
  it('runs in the learner shell with [ ], ! and if', async () => {
    const s = testSession();
    await s.session.run('touch ready; if [ ! -f missing ] && test -f ready; then echo ok; fi');
    await s.session.run('[ 1 -eq x ]; echo $?');
    await s.session.run('[ -f ready; echo $?');
    expect(s.out()).toBe("ok\nbash: [: x: integer expression expected\n2\nbash: [: missing `]'\n2\n");
  });

  it('words errors as busybox ash does in a busybox image (sh: x: bad number, sh: missing ])', async () => {
    const s = testSession();
    await s.session.run(`kubectl exec dns-test -- sh -c '[ 1 -eq x ]; [ a b c ]; [ -f /etc/hosts; test -f /etc/hosts && echo hosts'`);
    expect(s.out()).toBe('sh: x: bad number\nsh: b: unknown operand\nsh: missing ]\nhosts\n');
  });

  it("runs inside kubectl exec ... -- sh -c '...'", async () => {
    const s = testSession();
    await s.session.run(`kubectl exec web-0 -- sh -c 'test ! -f /tmp/unhealthy && echo alive'`);
    await s.session.run(`kubectl exec web-0 -- sh -c '[ -d /usr/share/nginx/html ] && echo dir'`);
    await s.session.run(`kubectl exec web-0 -- sh -c 'test -f /nope'; echo $?`);
    expect(s.out()).toBe('alive\ndir\ncommand terminated with exit code 1\n1\n');
  });
});
