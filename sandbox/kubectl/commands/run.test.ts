// `kubectl run -it --rm ... -- nslookup NAME` in the browser lab, where the clock runs in real
// time: the command's pod can start and finish between two looks of kubectl. run.go's
// waitForPod follows the pod with a watch, so what the command printed must still be shown
// (the Kubernetes DNS tutorial's own command, docs/tasks/administer-cluster/dns-debugging-resolution).
import { describe, expect, it } from 'vitest';
import { Session } from '../../shell/session.ts';
import { runTranscript } from '../../shell/transcript.ts';
import { labSteps } from '../testing/lab-steps.ts';

async function runTicking(s: Session, line: string, tickMs: number): Promise<number> {
  let finished: number | undefined;
  void s.run(line).then((code) => (finished = code));
  for (let i = 0; i < 2000 && finished === undefined; i++) {
    s.tick(tickMs);
    await new Promise((r) => setTimeout(r, 0));
  }
  if (finished === undefined) throw new Error(`"${line}" did not finish`);
  return finished;
}

describe('kubectl run -it with a one-shot command, interactive clock', () => {
  for (const tickMs of [16, 250, 1000]) {
    it(`prints nslookup's answer when the clock moves ${tickMs} ms per tick`, async () => {
      let out = '';
      const s = new Session({ seed: 3, interactive: true, output: { stdout: (t) => void (out += t), stderr: (t) => void (out += t) } });
      await runTicking(s, 'sleep 40', 1000); // nodes Ready, DNS up
      out = '';
      const code = await runTicking(s, 'kubectl run -it --rm dns --image busybox:1.28 --restart=Never -- nslookup kubernetes.default', tickMs);
      expect(out).toContain('Name:      kubernetes.default');
      expect(out).toContain('Address 1: 10.96.0.1 kubernetes.default.svc.cluster.local');
      expect(out).toContain('pod "dns" deleted from default namespace');
      expect(code).toBe(0);
    });
  }
});

describe('kubectl run -it --rm ... -- sh, then exit', () => {
  it('gives the prompt back at once: the shell got EOF on stdin (stdinOnce), so --rm waits for no grace period', async () => {
    let out = '';
    const s = new Session({ seed: 3, interactive: false, output: { stdout: (t) => void (out += t), stderr: (t) => void (out += t) } });
    await runTranscript(s, 'sleep 40\n', () => {});
    const t0 = s.cluster.clock.now();
    await runTranscript(s, 'kubectl run -it --rm shell --image busybox:1.28 --restart=Never -- sh\nhostname\nexit\n', (t) => void (out += t));
    expect(out).toContain('shell\n');
    expect(out).toContain('pod "shell" deleted from default namespace');
    // busybox sh as PID 1 ignores SIGTERM: without EOF the delete would take the 30 s grace period.
    expect(s.cluster.clock.now() - t0).toBeLessThan(10_000);
  });
});

describe('kubectl run -it with an image that cannot be pulled (run.go handleAttachPod, --pod-running-timeout)', () => {
  it('gives up after 1 minute in the browser lab too, leaving the pod, as kubectl does', async () => {
    let out = '';
    const s = new Session({ seed: 3, interactive: true, output: { stdout: (t) => void (out += t), stderr: (t) => void (out += t) } });
    await runTicking(s, 'sleep 40', 1000);
    out = '';
    const t0 = s.cluster.clock.now();
    const code = await runTicking(s, 'kubectl run -it --rm typo --image busybox:1.288 --restart=Never -- sh', 1000);
    expect([out, code]).toEqual(['error: timed out waiting for the condition\n', 1]);
    const waited = s.cluster.clock.now() - t0;
    expect(waited).toBeGreaterThanOrEqual(60_000);
    // Back-off retries change the pod at 10, 20, 40, 80 s...: the deadline is checked at the next one.
    expect(waited).toBeLessThan(5 * 60_000);
    expect(s.cluster.api.get('pods', 'default', 'typo').status.containerStatuses[0].state.waiting.reason).toMatch(/ErrImagePull|ImagePullBackOff/);
  });

  it('--pod-running-timeout=10s shortens the wait', async () => {
    let out = '';
    const s = new Session({ seed: 3, interactive: false, output: { stdout: (t) => void (out += t), stderr: (t) => void (out += t) } });
    await runTranscript(s, 'sleep 40\n', () => {});
    const t0 = s.cluster.clock.now();
    await runTranscript(s, 'kubectl run -i --rm typo --image busybox:1.288 --restart=Never --pod-running-timeout=10s -- echo hi\n', (t) => void (out += t));
    expect(out).toContain('error: timed out waiting for the condition\n');
    expect(s.cluster.clock.now() - t0).toBe(10_000);
  });
});

describe('kubectl run without arguments (run.go: cobra checks the required --image first)', () => {
  it('asks for --image before the NAME, then for the NAME', async () => {
    let out = '';
    const s = new Session({ seed: 3, interactive: false, output: { stdout: (t) => void (out += t), stderr: (t) => void (out += t) } });
    await runTranscript(s, 'kubectl run\n', () => {});
    expect(out).toBe('error: required flag(s) "image" not set\n');
    out = '';
    await runTranscript(s, 'kubectl run --image busybox:1.28\n', () => {});
    expect(out).toBe('error: NAME is required for run\n');
  });
});

describe('kubectl run -i with wget as the command (the kubelet runs it as the container process)', () => {
  it('shows the page once and nginx logs one request: attach follows the process, it does not run wget again', async () => {
    const { step } = await labSteps('kubectl run web --image=nginx --port=80\nkubectl wait --for=condition=Ready pod/web\n');
    const out = await step(`kubectl run -it --rm c --image busybox --restart=Never -- wget -qO- http://$(kubectl get pod web -o jsonpath='{.status.podIP}')\n`);
    expect(out).toContain('<title>Welcome to nginx!</title>');
    expect(out).toContain('pod "c" deleted from default namespace');
    const access = (await step('kubectl logs web\n')).split('\n').filter((l) => l.includes('"GET / HTTP/1.1"'));
    expect(access).toHaveLength(1);
  });

  it("waits with the process for an address nobody serves, prints busybox's message, and exits with its status", async () => {
    const { step, session } = await labSteps('sleep 30\n');
    const before = session.cluster.clock.now();
    const out = await step('kubectl run -i --rm t --image busybox --restart=Never -- wget -T 3 http://10.96.0.1; echo "status $?"\n');
    expect(out).toContain('Connecting to 10.96.0.1 (10.96.0.1:80)\nwget: download timed out\n');
    expect(out).toContain('pod default/t terminated (Error)\n');
    expect(out).toContain('status 1\n');
    expect(session.cluster.clock.now() - before).toBeGreaterThanOrEqual(3000);
  });
});

describe('kubectl run -i with --restart=Never waits for the pod to complete (run.go waitForPod with podCompleted)', () => {
  async function session() {
    let out = '';
    const s = new Session({ seed: 3, interactive: false, output: { stdout: (t) => void (out += t), stderr: (t) => void (out += t) } });
    await runTranscript(s, 'sleep 40\n', () => {});
    return { s, out: () => out, clear: () => void (out = '') };
  }

  it('returns with the pod Completed, not still Running', async () => {
    const { s, out, clear } = await session();
    clear();
    await runTranscript(s, "kubectl run -i u --image busybox:1.28 --restart=Never -- sh -c 'echo hi'\nkubectl get pod u --no-headers\n", () => {});
    expect(out()).toMatch(/^u\s+0\/1\s+Completed\s+0\s+/m);
  });

  it('with --rm deletes the pod only after it ended on its own: no Killing event, no grace period', async () => {
    const { s, out } = await session();
    const t0 = s.cluster.clock.now();
    await runTranscript(s, "kubectl run -i --rm t --image busybox:1.28 --restart=Never -- sh -c 'echo hi; exit 3'; echo \"status $?\"\n", () => {});
    expect(out()).toContain('pod "t" deleted from default namespace\npod default/t terminated (Error)\n');
    expect(out()).toContain('status 3');
    const killing = (s.cluster.api.list('events', 'default').items as any[]).filter((e) => e.involvedObject?.name === 't' && e.reason === 'Killing');
    expect(killing).toEqual([]);
    expect(s.cluster.clock.now() - t0).toBeLessThan(10_000);
  });

  it("an interactive shell's exit status is the container's (`exit 3` in the attached shell)", async () => {
    const { s, out } = await session();
    await runTranscript(s, 'kubectl run -it sh3 --image busybox:1.28 --restart=Never -- sh\nexit 3\necho "status $?"\nkubectl get pod sh3 --no-headers\n', () => {});
    expect(out()).toContain('pod default/sh3 terminated (Error)\n');
    expect(out()).toContain('status 3');
    expect(out()).toMatch(/^sh3\s+0\/1\s+Error\s+0\s+/m);
  });
});

describe('kubectl run --overrides (kubectl pkg/cmd/util/override_options.go Overrider.Apply)', () => {
  async function run(line: string) {
    let out = '';
    const s = new Session({ seed: 3, interactive: false, output: { stdout: (t) => void (out += t), stderr: (t) => void (out += t) } });
    await runTranscript(s, `${line}\n`, () => {});
    return { s, out };
  }

  it('merges the JSON into the generated pod before it is sent (a JSON merge patch by default)', async () => {
    const { s } = await run(`kubectl run quiet --image busybox:1.28 --restart=Never --overrides='{"spec":{"automountServiceAccountToken":false,"nodeSelector":{"disk":"ssd"}}}' -- true`);
    const pod = s.cluster.api.get('pods', 'default', 'quiet') as any;
    expect(pod.spec.nodeSelector).toEqual({ disk: 'ssd' });
    expect(pod.spec.volumes).toBeUndefined();
    expect(pod.spec.containers[0].args).toEqual(['true']);
  });

  it('refuses text that is not JSON, and an unknown --override-type, creating nothing', async () => {
    expect((await run(`kubectl run a --image busybox --overrides='{spec'`)).out).toBe('error: Invalid JSON Patch\n');
    const bad = await run(`kubectl run b --image busybox --overrides='{}' --override-type=yaml`);
    expect(bad.out).toBe('error: invalid override type: yaml\n');
    expect(bad.s.cluster.api.list('pods', 'default').items).toEqual([]);
  });
});
