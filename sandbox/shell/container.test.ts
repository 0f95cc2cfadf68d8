import { describe, expect, it } from 'vitest';
import { testSession } from './testing.ts';

async function inPod(pod: string, lines: string[], shell = 'sh') {
  const t = testSession();
  return t.transcript([`kubectl exec -it ${pod} -- ${shell}`, ...lines].join('\n'));
}

describe('a container shell', () => {
  it('shows the busybox prompt and returns to the learner shell on exit', async () => {
    const out = await inPod('dns-test', ['hostname', 'exit', 'echo back']);
    expect(out).toBe('$ kubectl exec -it dns-test -- sh\n/ # hostname\ndns-test\n/ # exit\n$ echo back\nback\n');
  });

  it("shows bash's prompt in a Debian image and the FQDN from /etc/hosts", async () => {
    const out = await inPod('web-0', ['hostname -f', 'cd /root', 'exit'], 'bash');
    expect(out).toContain('root@web-0:/# hostname -f\nweb-0.nginx.default.svc.cluster.local\nroot@web-0:/# cd /root\nroot@web-0:~# exit\n');
  });

  it('writes a file with echo > and reads it back with cat', async () => {
    const out = await inPod('web-0', ['echo hello > /usr/share/nginx/html/index.html', 'cat /usr/share/nginx/html/index.html', 'exit']);
    expect(out).toContain('# cat /usr/share/nginx/html/index.html\nhello\n');
  });

  it('prints nslookup as busybox 1.28 does, search path applied (networking/nslookup.c, small version)', async () => {
    const out = await inPod('dns-test', ['nslookup web-0.nginx', 'nslookup web-9.nginx', 'exit']);
    expect(out).toContain(
      '/ # nslookup web-0.nginx\nServer:    10.96.0.10\nAddress 1: 10.96.0.10 kube-dns.kube-system.svc.cluster.local\n\nName:      web-0.nginx\nAddress 1: 10.244.1.3 web-0.nginx.default.svc.cluster.local\n',
    );
    expect(out).toContain("\nnslookup: can't resolve 'web-9.nginx'\n");
  });

  it('prints nslookup as busybox 1.36 does: A then AAAA reply, NXDOMAIN per query (FEATURE_NSLOOKUP_BIG)', async () => {
    const out = await inPod('bb', ['nslookup web-0.nginx.default.svc.cluster.local', 'nslookup x.default.svc.cluster.local', 'exit']);
    expect(out).toContain('Server:\t\t10.96.0.10\nAddress:\t10.96.0.10:53\n\nName:\tweb-0.nginx.default.svc.cluster.local\nAddress: 10.244.1.3\n\n\n');
    expect(out).toContain("** server can't find x.default.svc.cluster.local: NXDOMAIN\n\n");
  });

  it('words file errors as busybox does in a busybox image, as coreutils does elsewhere (ls.c, cat.c)', async () => {
    const t = testSession();
    await t.session.run('kubectl exec dns-test -- ls /nope; echo "status $?"');
    await t.session.run('kubectl exec dns-test -- cat /nope');
    await t.session.run('kubectl exec web-0 -- ls /nope');
    await t.session.run('kubectl exec web-0 -- cat /nope');
    expect(t.out()).toBe(
      'ls: /nope: No such file or directory\ncommand terminated with exit code 1\nstatus 1\n' +
        "cat: can't open '/nope': No such file or directory\ncommand terminated with exit code 1\n" +
        "ls: cannot access '/nope': No such file or directory\ncommand terminated with exit code 2\n" +
        'cat: /nope: No such file or directory\ncommand terminated with exit code 1\n',
    );
  });

  it('words head, tail, touch, rm and mkdir errors as busybox does (head.c, tail.c, touch.c, libbb)', async () => {
    const t = testSession();
    await t.session.run(`kubectl exec dns-test -- sh -c 'head /nope; tail /nope; touch /a/b; rm /nope; mkdir /a/b; rm /etc'`);
    expect(t.out()).toBe(
      'head: /nope: No such file or directory\n' +
        "tail: can't open '/nope': No such file or directory\ntail: no files\n" +
        'touch: /a/b: No such file or directory\n' +
        "rm: can't remove '/nope': No such file or directory\n" +
        "mkdir: can't create directory '/a/b': No such file or directory\n" +
        "rm: '/etc' is a directory\ncommand terminated with exit code 1\n",
    );
  });

  it('has only the programs of its image', async () => {
    const out = await inPod('dns-test', ['curl web-0.nginx', 'exit']);
    expect(out).toContain('/ # curl web-0.nginx\nsh: curl: not found\n');
  });

  it('fails to exec a program the image lacks as the OCI runtime reports it', async () => {
    const t = testSession();
    expect(await t.session.run('kubectl exec web-0 -- nslookup web-1.nginx')).toBe(126);
    expect(t.out()).toBe(
      'OCI runtime exec failed: exec failed: unable to start container process: exec: "nslookup": executable file not found in $PATH: unknown\ncommand terminated with exit code 126\n',
    );
  });

  it('curls another pod through the cluster network', async () => {
    const t = testSession();
    await t.session.run('kubectl exec web-0 -- curl -s web-1.nginx');
    await t.session.run('kubectl exec web-0 -- curl -s nope');
    expect(t.out()).toBe('web-1\ncommand terminated with exit code 6\n');
  });
});

describe('container shells in a loop', () => {
  it('attaches to each pod in turn', async () => {
    const t = testSession();
    const out = await t.transcript('for p in web-0 web-1; do kubectl exec -it $p -- sh; done\nhostname\nexit\nhostname\nexit\necho end');
    expect(out).toBe('$ for p in web-0 web-1; do kubectl exec -it $p -- sh; done\n# hostname\nweb-0\n# exit\n# hostname\nweb-1\n# exit\n$ echo end\nend\n');
  });
});
