// kubectl logs --timestamps, --since and --since-time against the real kubelet runtime.
// Sources: kubernetes/kubectl pkg/cmd/logs/logs.go (ToLogOptions: --since rounded to seconds,
// --since-time through util.ParseRFC3339; Validate's messages), kubernetes/kubernetes
// pkg/kubelet/kuberuntime/logs/logs.go (NewLogOptions: since = now - sinceSeconds, or sinceTime
// when later; lines before it skipped after the tail is taken; timestamps as RFC3339NanoFixed).
import { describe, expect, it } from 'vitest';
import { labSteps } from '../testing/lab-steps.ts';

async function ticker() {
  const lab = await labSteps(`kubectl run t --image=busybox:1.36 --restart=Never -- sh -c 'echo one; sleep 3; echo two; sleep 30; echo three'\nsleep 40\n`);
  const started = Date.parse(lab.session.cluster.api.get('pods', 'default', 't').status.containerStatuses[0].state.terminated.startedAt);
  return { ...lab, started };
}

/** The kubelet's log timestamp: RFC3339 with nine fraction digits. */
const STAMP = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{9}Z /;

describe('kubectl logs: when each line was written', () => {
  it('--timestamps puts each line\'s time first, nine fraction digits, lines 3 s and 30 s apart as the script slept', async () => {
    const { step, started } = await ticker();
    const out = (await step('kubectl logs t --timestamps\n')).split('\n').filter((l) => STAMP.test(l));
    expect(out.map((l) => l.replace(STAMP, ''))).toEqual(['one', 'two', 'three']);
    const times = out.map((l) => Date.parse(l.slice(0, 30)));
    expect(times[1] - times[0]).toBe(3000);
    expect(times[2] - times[1]).toBe(30_000);
    // The first line comes as the container starts (startedAt is whole seconds).
    expect(Math.floor(times[0] / 1000) * 1000).toBe(started);
  });

  it('--since keeps the lines of the last N seconds; --since-time those from an instant on; tail is taken first', async () => {
    const { step, session, started } = await ticker();
    const ago = Math.ceil((session.cluster.clock.now() - (started + 30_000)) / 1000) + 5;
    expect(await step(`kubectl logs t --since=${ago}s\n`)).toMatch(/\nthree\n[^]*$/);
    expect(await step(`kubectl logs t --since=${ago}s\n`)).not.toContain('two');
    const at = new Date(started + 3000).toISOString().replace('.000Z', 'Z');
    const fromTwo = await step(`kubectl logs t --since-time=${at}\n`);
    expect(fromTwo).toContain('two\nthree\n');
    expect(fromTwo).not.toContain('one');
    // --tail=2 gives two and three; --since then drops two.
    const both = await step(`kubectl logs t --tail=2 --since=${ago}s\n`);
    expect(both).toContain('three\n');
    expect(both).not.toContain('two');
  });

  it('refuses a duration without a unit, a negative one, both options together and a time that is not RFC 3339', async () => {
    const { step } = await ticker();
    expect(await step('kubectl logs t --since=10\n')).toContain(`error: invalid argument "10" for "--since" flag: time: missing unit in duration "10"\nSee 'kubectl logs --help' for usage.\n`);
    expect(await step('kubectl logs t --since=2d\n')).toContain('time: unknown unit "d" in duration "2d"');
    expect(await step('kubectl logs t --since=-5m\n')).toContain('error: --since must be greater than 0\n');
    expect(await step('kubectl logs t --since=1m --since-time=2026-01-01T00:00:05Z\n')).toContain('error: at most one of `sinceTime` or `sinceSeconds` may be specified\n');
    expect(await step('kubectl logs t --since-time=2026/01/01\n')).toContain('error: parsing time "2026/01/01" as "2006-01-02T15:04:05Z07:00": cannot parse "/01/01" as "-"\n');
    expect(await step('kubectl logs t --since-time=2026-13-01T00:00:00Z\n')).toContain('error: parsing time "2026-13-01T00:00:00Z": month out of range\n');
  });
});
