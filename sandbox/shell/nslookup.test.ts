// nslookup against the real cluster DNS (sandbox/cluster/network) with the tutorial's headless
// Service nginx and pods web-0, web-1; output as busybox networking/nslookup.c and bind9 print it.
import { describe, expect, it } from 'vitest';
import { MemoryFs } from '../cluster/fs.ts';
import type { ContainerEnv } from '../cluster/runtime-api.ts';
import type { Network } from '../cluster/network/index.ts';
import { headlessNginx, testCluster, webPods } from '../cluster/storage/testkit.ts';
import { nslookup, type NslookupKind } from './nslookup.ts';
import type { CommandIO, Services } from './types.ts';

function lab(pods = 2) {
  const { c } = testCluster();
  headlessNginx(c);
  webPods(c, pods);
  const network = c.component<Network>('network')!;
  const env: ContainerEnv = {
    namespace: 'default', pod: 'dns', container: 'dns', image: 'busybox:1.36', hostname: 'dns', podIP: '10.244.0.20', env: {}, programs: ['nslookup'],
    // What the kubelet writes for a ClusterFirst pod in default (pkg/kubelet/network/dns).
    fs: new MemoryFs({ files: { '/etc/resolv.conf': 'nameserver 10.96.0.10\nsearch default.svc.cluster.local svc.cluster.local cluster.local\noptions ndots:5\n' } }),
  };
  const run = async (kind: NslookupKind, ...args: string[]) => {
    let out = '';
    let err = '';
    const io: CommandIO = {
      argv: ['nslookup', ...args], stdin: '', stdout: (t) => void (out += t), stderr: (t) => void (err += t), env: {}, cwd: '/', fs: env.fs,
      signal: { aborted: false, onAbort: () => () => {} }, isTTY: false, columns: 80,
    };
    const status = await nslookup(io, { network } as unknown as Services, env, kind);
    return { out, err, status };
  };
  return { c, run };
}

const HEAD_NEW = 'Server:\t\t10.96.0.10\nAddress:\t10.96.0.10:53\n\n';

describe('busybox ≥1.29 nslookup (FEATURE_NSLOOKUP_BIG)', () => {
  it('prints SRV answers as `<name>\\tservice = <prio> <weight> <port> <target>`, one per ready pod', async () => {
    const { run } = lab();
    for (const flag of ['-type=srv', '-type=SRV', '-q=srv', '-querytype=Srv']) {
      const r = await run('busybox-new', flag, 'nginx.default.svc.cluster.local');
      expect(r).toEqual({
        out: HEAD_NEW +
          'nginx.default.svc.cluster.local\tservice = 0 50 80 web-0.nginx.default.svc.cluster.local\n' +
          'nginx.default.svc.cluster.local\tservice = 0 50 80 web-1.nginx.default.svc.cluster.local\n\n',
        err: '',
        status: 0,
      });
    }
    const named = await run('busybox-new', '-type=srv', '_web._tcp.nginx.default.svc.cluster.local');
    expect(named.out).toContain('_web._tcp.nginx.default.svc.cluster.local\tservice = 0 50 80 web-1.nginx.default.svc.cluster.local\n');
  });

  it('tries each search domain for a name without a dot, A then AAAA, and fails if any reply was NXDOMAIN', async () => {
    const { run } = lab();
    const r = await run('busybox-new', 'nginx');
    // The two A records in either order: CoreDNS's loadbalance plugin shuffles them.
    const a = (ip: string) => `Name:\tnginx.default.svc.cluster.local\nAddress: ${ip}\n`;
    const rest =
      "** server can't find nginx.svc.cluster.local: NXDOMAIN\n\n** server can't find nginx.cluster.local: NXDOMAIN\n\n" +
      '\n' + // AAAA nginx.default.svc.cluster.local: NOERROR, no records
      "** server can't find nginx.svc.cluster.local: NXDOMAIN\n\n** server can't find nginx.cluster.local: NXDOMAIN\n\n";
    expect([HEAD_NEW + a('10.244.0.10') + a('10.244.0.11') + '\n' + rest, HEAD_NEW + a('10.244.0.11') + a('10.244.0.10') + '\n' + rest]).toContain(r.out);
    expect(r.status).toBe(1);
  });

  it('uses no search list when a server is named (parse_resolvconf is skipped)', async () => {
    const { run } = lab();
    expect(await run('busybox-new', 'nginx', '10.96.0.10')).toEqual({ out: HEAD_NEW + "** server can't find nginx: NXDOMAIN\n\n** server can't find nginx: NXDOMAIN\n\n", err: '', status: 1 });
  });

  it('sends a name with a dot as typed (no search path), so web-0.nginx is NXDOMAIN', async () => {
    const { run } = lab();
    const r = await run('busybox-new', 'web-0.nginx');
    expect(r).toEqual({ out: HEAD_NEW + "** server can't find web-0.nginx: NXDOMAIN\n\n** server can't find web-0.nginx: NXDOMAIN\n\n", err: '', status: 1 });
    expect((await run('busybox-new', 'web-0.nginx.default.svc.cluster.local.')).out).toBe(HEAD_NEW + 'Name:\tweb-0.nginx.default.svc.cluster.local\nAddress: 10.244.0.10\n\n\n');
  });

  it('answers an IP with a PTR query: the pod name from the headless Service, or NXDOMAIN', async () => {
    const { run } = lab();
    expect(await run('busybox-new', '10.244.0.11')).toEqual({ out: HEAD_NEW + '11.0.244.10.in-addr.arpa\tname = web-1.nginx.default.svc.cluster.local\n\n', err: '', status: 0 });
    expect(await run('busybox-new', '10.96.0.10')).toMatchObject({ out: HEAD_NEW + '10.0.96.10.in-addr.arpa\tname = kube-dns.kube-system.svc.cluster.local\n\n' });
    expect(await run('busybox-new', '10.244.9.9')).toEqual({ out: HEAD_NEW + "** server can't find 9.9.244.10.in-addr.arpa: NXDOMAIN\n\n", err: '', status: 1 });
  });

  it('rejects an unknown type and an unknown option as busybox does', async () => {
    const { run } = lab();
    expect(await run('busybox-new', '-type=bogus', 'nginx')).toEqual({ out: '', err: 'nslookup: invalid query type "bogus"\n', status: 1 });
    const r = await run('busybox-new', '-x', 'nginx');
    expect(r.status).toBe(1);
    expect(r.err).toContain('QUERY_TYPE: soa,ns,a,aaaa,cname,mx,txt,ptr,srv,any\n');
  });
});

describe('the order of a headless Service\'s addresses', () => {
  it('changes from one answer to the next, as CoreDNS\'s loadbalance plugin shuffles them; the set does not', async () => {
    const { run } = lab(3);
    const orders = new Set<string>();
    for (let i = 0; i < 30; i++) {
      const lines = (await run('busybox-old', 'nginx')).out.split('\n').filter((l) => l.startsWith('Address ') && !l.includes('kube-dns'));
      expect(lines.map((l) => l.replace(/^Address \d: /, '')).sort()).toEqual([
        '10.244.0.10 web-0.nginx.default.svc.cluster.local', '10.244.0.11 web-1.nginx.default.svc.cluster.local', '10.244.0.12 web-2.nginx.default.svc.cluster.local',
      ]);
      expect(lines.map((l) => l.slice(0, 10))).toEqual(['Address 1:', 'Address 2:', 'Address 3:']);
      orders.add(lines.join('|'));
    }
    // Six orders of three pods; thirty answers show most of them.
    expect(orders.size).toBeGreaterThanOrEqual(4);
  });
});

describe('busybox ≤1.28 and bind9 nslookup', () => {
  it('busybox 1.28: search path applied, reverse names after each address; options show the usage', async () => {
    const { run } = lab();
    const head = 'Server:    10.96.0.10\nAddress 1: 10.96.0.10 kube-dns.kube-system.svc.cluster.local\n\nName:      nginx\n';
    const web0 = '10.244.0.10 web-0.nginx.default.svc.cluster.local\n';
    const web1 = '10.244.0.11 web-1.nginx.default.svc.cluster.local\n';
    const old = await run('busybox-old', 'nginx');
    expect(old).toMatchObject({ err: '', status: 0 });
    expect([head + `Address 1: ${web0}Address 2: ${web1}`, head + `Address 1: ${web1}Address 2: ${web0}`]).toContain(old.out);
    const r = await run('busybox-old', '-type=srv', 'nginx');
    expect(r).toMatchObject({ out: '', status: 1 });
    expect(r.err).toContain('Usage: nslookup [HOST] [SERVER]\n');
  });

  it('bind9: search path applied, record data fully qualified with a trailing dot', async () => {
    const { run } = lab();
    expect((await run('bind', '-type=srv', 'nginx')).out).toBe(
      'Server:\t\t10.96.0.10\nAddress:\t10.96.0.10#53\n\n' +
        'nginx.default.svc.cluster.local\tservice = 0 50 80 web-0.nginx.default.svc.cluster.local.\n' +
        'nginx.default.svc.cluster.local\tservice = 0 50 80 web-1.nginx.default.svc.cluster.local.\n\n',
    );
    expect((await run('bind', '10.244.0.10')).out).toBe('Server:\t\t10.96.0.10\nAddress:\t10.96.0.10#53\n\n10.0.244.10.in-addr.arpa\tname = web-0.nginx.default.svc.cluster.local.\n\n');
    expect((await run('bind', 'web-0.nginx')).out).toBe('Server:\t\t10.96.0.10\nAddress:\t10.96.0.10#53\n\nName:\tweb-0.nginx.default.svc.cluster.local\nAddress: 10.244.0.10\n\n');
  });
});
