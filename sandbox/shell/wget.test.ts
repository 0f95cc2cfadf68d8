// busybox wget's messages (networking/wget.c, libbb/xconnect.c) and curl's timeouts
// (lib/connect.c), with the network answered by a stand-in and virtual time counted by sleep.
import { describe, expect, it } from 'vitest';
import { curl } from './curl.ts';
import type { Dial } from '../cluster/kubelet/programs/http-client.ts';
import { wget } from './wget.ts';
import { Interruptor } from './interrupt.ts';
import { MemoryFs } from '../cluster/fs.ts';
import type { HttpResponse, NetError } from '../cluster/runtime-api.ts';
import type { CommandIO, Services } from './types.ts';

/** Runs one command line's argv against a network that answers `result` from `ip`. */
async function run(argv: string[], result: HttpResponse | NetError, ip?: string, fs = new MemoryFs({ files: { '/tmp/': '' } })) {
  let text = '';
  let slept = 0;
  const io = { argv, stdin: '', stdout: (t: string) => (text += t), stderr: (t: string) => (text += t), env: {}, cwd: '/', fs, signal: new Interruptor(), isTTY: false, columns: 80 } as unknown as CommandIO;
  const services = { sleep: async (ms: number) => void (slept += ms) } as unknown as Services;
  const dial: Dial = () => ({ ip, result });
  const status = argv[0] === 'wget' ? await wget(io, services, dial) : await curl(io, services, dial);
  return { text, status, slept };
}

const page: HttpResponse = { status: 200, headers: {}, body: 'web-1\n' };

describe('busybox wget', () => {
  it('says where it connects, the resolved address and port, unless -q (wget.c "Connecting to %s (%s)")', async () => {
    expect(await run(['wget', '-O-', 'http://web-svc'], page, '10.96.0.2')).toEqual({ text: 'Connecting to web-svc (10.96.0.2:80)\nweb-1\n', status: 0, slept: 0 });
    expect((await run(['wget', '-qO-', 'http://web-svc'], page, '10.96.0.2')).text).toBe('web-1\n');
  });

  it('names the IP when the connection is refused (xconnect: "can\'t connect to remote host (%s)")', async () => {
    const r = await run(['wget', '-O-', 'http://web-0.nginx:81'], { error: 'refused', host: 'web-0.nginx', port: 81 }, '10.244.1.2');
    expect(r).toEqual({ text: "Connecting to web-0.nginx:81 (10.244.1.2:81)\nwget: can't connect to remote host (10.244.1.2): Connection refused\n", status: 1, slept: 0 });
  });

  it('prints the response with -S, bundled with -q and -O (getopt32 "cqSO:..."), indented as fgets_trim_sanitize does', async () => {
    const r = await run(['wget', '-qSO-', 'http://web-svc'], { status: 200, headers: { Server: 'nginx/1.13.0' }, body: 'web-1\n' }, '10.96.0.2');
    expect(r.text).toBe('  HTTP/1.1 200 OK\n  Server: nginx/1.13.0\nweb-1\n');
  });

  it('saves to a file it names only if none is there (O_EXCL), under -P DIR; -O FILE overwrites', async () => {
    const fs = new MemoryFs({ files: { '/tmp/': '', '/index.html': 'old' } });
    expect((await run(['wget', '-q', 'http://web-svc/'], page, '10.96.0.2', fs)).text).toBe("wget: can't open 'index.html': File exists\n");
    expect((await run(['wget', '-q', '-P', '/tmp', 'http://web-svc/'], page, '10.96.0.2', fs)).status).toBe(0);
    expect(fs.readFile('/tmp/index.html')).toBe('web-1\n');
    expect((await run(['wget', '-qO', 'index.html', 'http://web-svc/'], page, '10.96.0.2', fs)).status).toBe(0);
    expect(fs.readFile('/index.html')).toBe('web-1\n');
  });

  it('prints nothing before "bad address" when the name does not resolve', async () => {
    expect(await run(['wget', '-O-', 'http://nosuch'], { error: 'resolve', host: 'nosuch' })).toEqual({ text: "wget: bad address 'nosuch'\n", status: 1, slept: 0 });
  });

  it('waits for an address nobody answers: -T fires first ("download timed out"), else the kernel gives up', async () => {
    const timeout: NetError = { error: 'timeout', host: 'web-svc', port: 8080 };
    expect(await run(['wget', '-T', '2', '-qO-', 'http://web-svc:8080'], timeout, '10.96.0.2')).toEqual({ text: 'wget: download timed out\n', status: 1, slept: 2000 });
    const slow = await run(['wget', '-qO-', 'http://web-svc:8080'], timeout, '10.96.0.2');
    expect(slow.text).toBe("wget: can't connect to remote host (10.96.0.2): Connection timed out\n");
    expect(slow.slept).toBeGreaterThan(100_000);
  });
});

describe('curl -v', () => {
  it('names the address it tries and connects to (connect.c "Trying %s:%d...", "Connected to %s (%s) port %u")', async () => {
    const r = await run(['curl', '-v', 'http://web-svc'], { status: 200, headers: { 'Content-Length': '6' }, body: 'web-1\n' }, '10.96.0.2');
    expect(r.text).toBe(
      '*   Trying 10.96.0.2:80...\n* Connected to web-svc (10.96.0.2) port 80\n' +
        '> GET / HTTP/1.1\n> Host: web-svc\n> User-Agent: curl/8.11.1\n> Accept: */*\n> \n' +
        '< HTTP/1.1 200 OK\n< Content-Length: 6\n< \nweb-1\n',
    );
  });

  it('tries nothing when the name does not resolve', async () => {
    expect((await run(['curl', '-v', 'http://nosuch'], { error: 'resolve', host: 'nosuch' })).text).toBe('curl: (6) Could not resolve host: nosuch\n');
  });
});

describe('curl connecting to an address nobody answers', () => {
  it('with -m: "Timeout was reached"; without: the kernel gives up, "Couldn\'t connect to server", still exit 28 (ETIMEDOUT)', async () => {
    const timeout: NetError = { error: 'timeout', host: 'web-svc', port: 8080 };
    expect(await run(['curl', '-m', '3', 'web-svc:8080'], timeout)).toEqual({ text: 'curl: (28) Failed to connect to web-svc port 8080 after 3000 ms: Timeout was reached\n', status: 28, slept: 3000 });
    const slow = await run(['curl', 'web-svc:8080'], timeout);
    expect(slow.text).toBe(`curl: (28) Failed to connect to web-svc port 8080 after ${slow.slept} ms: Couldn't connect to server\n`);
    expect(slow.status).toBe(28);
  });
});
