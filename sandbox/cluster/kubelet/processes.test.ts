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
