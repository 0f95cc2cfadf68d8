import { describe, expect, it } from 'vitest';
import { lookupImage } from './images.ts';
import { argvOf, interpret, planProcess } from './processes.ts';

const ctx = { hostname: 'web-0', env: { GREETING: 'hi' }, logTime: '2026/01/01 00:00:00', programs: ['sh', 'sleep', 'echo', 'cat'], stdinTty: false };

describe('what runs in a container', () => {
  it('runs nginx from the image default, stopping at once on its STOPSIGNAL', () => {
    const info = lookupImage('nginx:1.27')!;
    const plan = planProcess(info, argvOf(info), ctx);
    expect(plan).toMatchObject({ kind: 'nginx', port: 80, stopMs: 100 });
    expect(plan.exitAfterMs).toBeUndefined();
  });

  it('exits a busybox with no command at once (sh reads EOF), so it crash-loops', () => {
    const info = lookupImage('busybox')!;
    expect(planProcess(info, argvOf(info), ctx).exitAfterMs).toBe(10);
  });

  it('sleeps for the given time and ignores SIGTERM', () => {
    const info = lookupImage('busybox')!;
    const plan = planProcess(info, argvOf(info, ['sleep', '3600']), ctx);
    expect(plan.exitAfterMs).toBe(3_600_000);
    expect(plan.stopMs).toBeUndefined();
  });

  it('follows simple shell: echo to the log and to files, sleep, exit', () => {
    const r = interpret('echo "$GREETING from $(hostname)" > /data/hello; echo started; sleep 2; rm -f /data/hello; exit 3', ctx);
    expect(r.actions).toEqual([
      { at: 0, op: 'write', path: '/data/hello', data: 'hi from web-0\n', append: false },
      { at: 0, op: 'log', data: 'started' },
      { at: 2000, op: 'rm', path: '/data/hello' },
    ]);
    expect(r.ms).toBe(2000);
    expect(r.exitCode).toBe(3);
  });

  it('treats a loop as running until killed', () => {
    expect(interpret('while true; do echo tick; sleep 5; done', ctx).forever).toBe(true);
  });

  it('fails with 127 for a program the image lacks', () => {
    const r = interpret('curl http://x', ctx);
    expect(r.exitCode).toBe(127);
    expect(r.actions).toEqual([{ at: 0, op: 'log', data: 'sh: curl: not found' }]);
  });

  it('prints the date as busybox does, at the time the script reaches it (coreutils/date.c default format)', () => {
    const r = interpret('date; sleep 5; date +%H:%M:%S', { ...ctx, now: Date.UTC(2026, 0, 1, 0, 0, 2) });
    expect(r.actions).toEqual([
      { at: 0, op: 'log', data: 'Thu Jan  1 00:00:02 UTC 2026' },
      { at: 5000, op: 'log', data: '00:00:07' },
    ]);
  });
});

describe("a script's and-or lists and the programs the kubelet runs for it", () => {
  it('runs what follows && only after success and what follows || only after failure; a skipped command keeps the status (sh and-or lists)', () => {
    const logs = (script: string) => interpret(script, ctx).actions.map((a) => a.data);
    expect(logs('false && echo a || echo b')).toEqual(['b']);
    expect(logs('true || echo a && echo b')).toEqual(['b']);
    expect(logs('false && echo a; echo c')).toEqual(['c']);
    expect(interpret('false && echo a', ctx).exitCode).toBe(1);
    expect(interpret('true || false', ctx).exitCode).toBe(0);
  });

  // A stand-in for the kubelet's runner: `net` prints a line on stdout, waits `wait` ms, then one
  // on stderr, and exits with `code`; any other program is not one the kubelet runs.
  const net = { ...ctx, programs: [...ctx.programs, 'net', 'other'] };
  const runner = (argv: string[]) => {
    if (argv[0] !== 'net') return undefined;
    const [, out, wait, err, code] = argv;
    return {
      output: [
        { stream: 'stdout' as const, text: out.replace(/\\n/g, '\n'), at: 0 },
        ...(err ? [{ stream: 'stderr' as const, text: `${err}\n`, at: Number(wait) }] : []),
      ],
      code: Number(code ?? 0),
      ms: Number(wait),
    };
  };

  it("logs a program's lines at the time it printed them and adds its wait to the script's clock", () => {
    const r = interpret('net "one\\ntwo\\n" 3000 late 1; echo after', { ...net, run: runner });
    expect(r.actions).toEqual([
      { at: 0, op: 'log', data: 'one' },
      { at: 0, op: 'log', data: 'two' },
      { at: 3000, op: 'log', data: 'late' },
      { at: 3000, op: 'log', data: 'after' },
    ]);
    expect(r.ms).toBe(3000);
    expect(r.exitCode).toBe(0);
  });

  it("ends the container with the program's status when it is the last command", () => {
    expect(interpret('net x 0 oops 1', { ...net, run: runner }).exitCode).toBe(1);
    expect(planProcess(lookupImage('busybox')!, ['net', 'x', '0', 'oops', '1'], { ...net, run: runner })).toMatchObject({ exitCode: 1, exitAfterMs: 10 });
  });

  it('sends its stdout to the file of a redirect, its stderr still to the log', () => {
    const r = interpret('net "page\\n" 0 note > /tmp/out', { ...net, run: runner });
    expect(r.actions).toEqual([
      { at: 0, op: 'write', path: '/tmp/out', data: 'page\n', append: false },
      { at: 0, op: 'log', data: 'note' },
    ]);
  });

  it('opens (truncates) the file when the statement starts, and writes what comes after a wait at its time', () => {
    const r = interpret('net "" 5000 late 1 > /tmp/out 2>&1', { ...net, run: runner });
    expect(r.actions).toEqual([
      { at: 0, op: 'write', path: '/tmp/out', data: '', append: false },
      { at: 5000, op: 'write', path: '/tmp/out', data: 'late\n', append: true },
    ]);
  });

  it('applies 2>, 2>&1, >&2, &> and /dev/null left to right as sh does', () => {
    const actions = (script: string) => interpret(script, { ...net, run: runner }).actions;
    expect(actions('net "out\\n" 0 err 2>/dev/null')).toEqual([{ at: 0, op: 'log', data: 'out' }]);
    expect(actions('net "out\\n" 0 err >/dev/null')).toEqual([{ at: 0, op: 'log', data: 'err' }]);
    expect(actions('net "out\\n" 0 err > /dev/null 2>&1')).toEqual([]);
    // 2>&1 first: stderr goes where stdout went then (the log), stdout then to /dev/null.
    expect(actions('net "out\\n" 0 err 2>&1 >/dev/null')).toEqual([{ at: 0, op: 'log', data: 'err' }]);
    expect(actions('net "out\\n" 0 err &> /tmp/both')).toEqual([
      { at: 0, op: 'write', path: '/tmp/both', data: 'out\n', append: false },
      { at: 0, op: 'write', path: '/tmp/both', data: 'err\n', append: true },
    ]);
    expect(actions('echo hi >&2; echo quiet > /dev/null; nosuch 2>/dev/null')).toEqual([{ at: 0, op: 'log', data: 'hi' }]);
    expect(actions('echo a >> /f; echo b 1>/g')).toEqual([
      { at: 0, op: 'write', path: '/f', data: 'a\n', append: true },
      { at: 0, op: 'write', path: '/g', data: 'b\n', append: false },
    ]);
  });

  it('logs a last line without a newline when the program ends', () => {
    const r = interpret('net "a\\nno newline" 2000', { ...net, run: runner });
    expect(r.actions).toEqual([
      { at: 0, op: 'log', data: 'a' },
      { at: 2000, op: 'log', data: 'no newline' },
    ]);
  });

  it("leaves any other program of the image as it was: exit 0 without output", () => {
    expect(interpret('other x || echo failed', { ...net, run: runner })).toMatchObject({ exitCode: 0, actions: [] });
  });
});
