// The Session's waits on the full simulator: kubelets renew their kube-node-lease Lease and post
// node status every 10 s (pkg/kubelet/nodelease, kubelet_node_status.go), which must not count as
// news to a wait that names no resources.
import { describe, expect, it } from 'vitest';
import { Session } from './session.ts';

describe('Session.nextChange on the full simulator', () => {
  it('ends each wait after 10 quiet virtual seconds in an idle cluster, Lease renewals notwithstanding', async () => {
    const s = new Session({ seed: 1, interactive: false, output: { stdout: () => {}, stderr: () => {} } });
    await s.services.sleep(120_000); // nodes up, leases created and renewed
    expect(s.cluster.api.list('leases', 'kube-node-lease').items.length).toBeGreaterThan(0);
    for (let i = 0; i < 3; i++) {
      const t0 = s.cluster.clock.now();
      expect(await s.services.nextChange(10_000)).toBe('quiet');
      expect(s.cluster.clock.now() - t0).toBe(10_000);
    }
  });

  it('still wakes on a real change (a new pod gets scheduled and started)', async () => {
    const s = new Session({ seed: 1, interactive: false, output: { stdout: () => {}, stderr: () => {} } });
    await s.services.sleep(30_000);
    s.cluster.api.create('pods', 'default', { metadata: { name: 'p' }, spec: { containers: [{ name: 'c', image: 'nginx' }] } });
    expect(await s.services.nextChange(10_000)).toBe('changed');
  });
});

describe("curl from the learner's machine", () => {
  it('reaches no pod or Service address and resolves no cluster name: only localhost ports (kubectl proxy)', async () => {
    let out = '';
    const s = new Session({ seed: 1, interactive: false, output: { stdout: (t) => void (out += t), stderr: (t) => void (out += t) } });
    await s.run('kubectl run web --image nginx; sleep 20');
    const ip = s.cluster.api.get<{ status?: { podIP?: string } }>('pods', 'default', 'web')?.status?.podIP;
    expect(ip).toMatch(/^10\.244\./);
    out = '';
    const t0 = s.cluster.clock.now();
    await s.run(`curl -s ${ip}; echo "status $?"; curl web; curl -sS -m 2 ${ip}`);
    expect(out).toBe(`status 28\ncurl: (6) Could not resolve host: web\ncurl: (28) Failed to connect to ${ip} port 80 after 2000 ms: Timeout was reached\n`);
    expect(s.cluster.clock.now() - t0).toBe(129_000);
    await s.close();
  });
});
