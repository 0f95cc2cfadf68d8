import { describe, expect, it } from 'vitest';
import { testSession } from './testing.ts';
import { Session } from './session.ts';

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

  it("words a failed cd as ash and dash do, status 2 (ash cdcmd/ash_vmsg, dash cdcmd/exvwarning2)", async () => {
    const t = testSession();
    await t.session.run(`kubectl exec dns-test -- sh -c 'cd /nope; echo "status $?"; cd /etc/hosts'`);
    await t.session.run(`kubectl exec web-0 -- sh -c 'cd /nope; echo "status $?"'`);
    expect(t.out()).toBe(
      "sh: cd: line 1: can't cd to /nope: No such file or directory\nstatus 2\n" +
        "sh: cd: line 1: can't cd to /etc/hosts: Not a directory\ncommand terminated with exit code 2\n" +
        "sh: 1: cd: can't cd to /nope\nstatus 2\n",
    );
    // Interactive ash names no line.
    expect(await inPod('dns-test', ['cd /nope', 'cd /etc', 'exit'])).toContain("/ # cd /nope\nsh: cd: can't cd to /nope: No such file or directory\n/ # cd /etc\n/etc # exit\n");
  });

  it('gives a program run without a shell no PWD, and HOME last as runc appends it; a shell exports PWD', async () => {
    const t = testSession();
    await t.session.run('kubectl exec web-0 -- env | grep -c PWD');
    await t.session.run('kubectl exec web-0 -- env | tail -1');
    await t.session.run(`kubectl exec web-0 -- sh -c 'env | sed -n /PWD/p'`);
    expect(t.out()).toBe('0\nHOME=/root\nPWD=/\n');
  });

  it("lists long as busybox ls does in a busybox image (display_single: %-10s %4lu %-8.8s %-8.8s %9u), as GNU ls elsewhere", async () => {
    const t = testSession();
    await t.session.run('kubectl exec dns-test -- ls -l /usr/share/nginx/html');
    await t.session.run('kubectl exec web-0 -- ls -l /usr/share/nginx/html');
    expect(t.out()).toBe(
      // The test image's files date from 1970: over half a year old, so the year is shown.
      'total 4\n-rw-r--r--    1 root     root             9 Jan  1  1970 index.html\n' +
        'total 4\n-rw-r--r-- 1 root root 6 Jan  1  1970 index.html\n',
    );
  });

  it('answers hostname -d and -s from /etc/hosts, and cannot rename the pod (hostname.c)', async () => {
    const t = testSession();
    await t.session.run(`kubectl exec web-0 -- sh -c 'hostname -d; hostname -s; hostname other'`);
    await t.session.run('kubectl exec dns-test -- hostname other');
    expect(t.out()).toBe(
      'nginx.default.svc.cluster.local\nweb-0\nhostname: you must be root to change the host name\ncommand terminated with exit code 1\n' +
        'hostname: sethostname: Operation not permitted\ncommand terminated with exit code 1\n',
    );
  });

  it("echoes as dash in a Debian image (escapes always, -e printed) and as ash's in busybox", async () => {
    const t = testSession();
    await t.session.run(`kubectl exec web-0 -- sh -c 'echo -e "a\\tb"; echo -n x; echo "1\\c"; echo 2'`);
    await t.session.run(`kubectl exec dns-test -- sh -c 'echo -e "a\\tb"; echo "c\\td"'`);
    expect(t.out()).toBe('-e a\tb\nx12\na\tb\nc\\td\n');
  });

  it('finds programs in /bin in a busybox image and lists history as ash does (show_history: %4d from 0); dash has no history', async () => {
    const t = testSession();
    const out = await t.transcript(['kubectl exec -it dns-test -- sh', 'type ls', 'which ls', 'history', 'exit', `kubectl exec web-0 -- sh -c 'type ls; history'`].join('\n'));
    expect(out).toContain('/ # type ls\nls is /bin/ls\n/ # which ls\n/bin/ls\n/ # history\n   0 type ls\n   1 which ls\n   2 history\n/ # exit\n');
    expect(out).toContain('ls is /usr/bin/ls\nsh: 1: history: not found\ncommand terminated with exit code 127\n');
  });

  it('runs echo, true, false, test, pwd and printf given to exec directly, as the image\'s programs', async () => {
    // The full simulator: an nginx image lists these programs.
    let out = '';
    const s = new Session({ seed: 1, interactive: false, output: { stdout: (x) => void (out += x), stderr: (x) => void (out += x) } });
    await s.run('kubectl run web --image nginx; sleep 20');
    out = '';
    await s.run(`kubectl exec web -- echo -e 'a\\tb'; kubectl exec web -- true && kubectl exec web -- test -f /etc/hosts && kubectl exec web -- pwd`);
    await s.run(`kubectl exec web -- printf '%s-%d\\n' web 0; kubectl exec web -- false`);
    expect(out).toBe('a\tb\n/\nweb-0\ncommand terminated with exit code 1\n');
    await s.close();
  });

  it("gives sh -c its operands as $0 and $1... (POSIX sh -c command_string command_name argument)", async () => {
    const t = testSession();
    await t.session.run(`kubectl exec web-0 -- sh -c 'echo "$0|$1|$#|$*"; for a in "$@"; do echo "[$a]"; done' name 'one 1' two`);
    expect(t.out()).toBe('name|one 1|2|one 1 two\n[one 1]\n[two]\n');
  });

  it("names the command's line as dash and bash -c do: of the script, or of the lines read so far", async () => {
    const t = testSession();
    await t.session.run("printf 'echo a\\ncd /nope\\nnosuch\\n' > s.sh; kubectl exec -i web-0 -- sh < s.sh");
    await t.session.run(`kubectl exec web-0 -- bash -c 'true; nosuch'`);
    expect(t.out()).toBe("a\nsh: 2: cd: can't cd to /nope\nsh: 3: nosuch: not found\ncommand terminated with exit code 127\nbash: line 1: nosuch: command not found\ncommand terminated with exit code 127\n");
    const out = await inPod('web-0', ['true', 'nosuch', 'exit']);
    expect(out).toContain('# nosuch\nsh: 2: nosuch: not found\n');
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
