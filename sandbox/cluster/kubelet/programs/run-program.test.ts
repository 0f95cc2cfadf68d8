// The kubelet's runner for a container's own nslookup and wget, with the network answered by
// stand-ins: which nslookup an image has, and wget's wait counted into the time, not slept.
import { describe, expect, it } from 'vitest';
import { MemoryFs } from '../../fs.ts';
import type { DnsAnswer } from '../../runtime-api.ts';
import { runProgram, type ProgramHost } from './run-program.ts';

const kube: DnsAnswer = { rcode: 'NOERROR', name: 'kubernetes.default.svc.cluster.local', records: [{ type: 'A', name: 'kubernetes.default.svc.cluster.local', ip: '10.96.0.1', ttl: 5 }] };

function host(over: Partial<ProgramHost> = {}): ProgramHost {
  return {
    namespace: 'default', image: 'busybox:1.36', busybox: true,
    fs: new MemoryFs({ files: { '/etc/resolv.conf': 'nameserver 10.96.0.10\nsearch default.svc.cluster.local svc.cluster.local cluster.local\noptions ndots:5\n' } }),
    resolve: (q, type) => (type === 'A' && /^kubernetes\.default\.svc\.cluster\.local\.?$/.test(q) ? kube : { rcode: 'NXDOMAIN', name: q, records: [] }),
    dial: () => ({ ip: '10.96.0.1', result: { error: 'timeout', host: '10.96.0.1', port: 80 } }),
    ...over,
  };
}

describe('runProgram', () => {
  it("runs the image's nslookup: busybox ≥1.29's own queries, bind9's on a Debian image", () => {
    const busybox = runProgram(['nslookup', 'kubernetes.default.svc.cluster.local'], host())!;
    expect(busybox.output[0]).toEqual({ stream: 'stdout', text: 'Server:\t\t10.96.0.10\nAddress:\t10.96.0.10:53\n\n', at: 0 });
    expect(busybox.code).toBe(0);
    const bind = runProgram(['/usr/bin/nslookup', 'kubernetes.default.svc.cluster.local'], host({ image: 'nginx:1.29', busybox: false }))!;
    expect(bind.output.map((o) => o.text).join('')).toBe('Server:\t\t10.96.0.10\nAddress:\t10.96.0.10#53\n\nName:\tkubernetes.default.svc.cluster.local\nAddress: 10.96.0.1\n\n');
  });

  it("counts wget's wait for an address nobody answers into its time, and prints the failure after it", () => {
    const r = runProgram(['wget', 'http://10.96.0.1'], host())!;
    expect(r).toEqual({
      output: [
        { stream: 'stderr', text: 'Connecting to 10.96.0.1 (10.96.0.1:80)\n', at: 0 },
        { stream: 'stderr', text: "wget: can't connect to remote host (10.96.0.1): Connection timed out\n", at: 127_000 },
      ],
      code: 1,
      ms: 127_000,
    });
  });

  it("saves wget's download in the container's file system, relative to /", () => {
    const fs = host().fs;
    const r = runProgram(['wget', '-q', 'http://web/'], host({ fs, dial: () => ({ ip: '10.96.0.5', result: { status: 200, headers: {}, body: 'hello\n' } }) }))!;
    expect(r).toEqual({ output: [], code: 0, ms: 0 });
    expect(fs.readFile('/index.html')).toBe('hello\n');
  });

  it('leaves other programs to the planner', () => {
    expect(runProgram(['cat', '/etc/hostname'], host())).toBeUndefined();
  });
});
