// busybox wget (networking/wget.c, 1.36) over the simulated network: `wget -qO- URL` prints the
// body, plain `wget URL` saves it (index.html for a path ending in /). Unless -q it says where it
// connects once the name resolved (`Connecting to HOST (IP:PORT)`), before the connection is
// tried; a failed connect names the IP (libbb xconnect). Options as its getopt32 string
// "cqSO:o:P:Y:U:T:+t:n::" and long options: -S prints the response's status and headers, -P DIR,
// -o LOGFILE, -T SEC, --header, --post-data, --spider; -c -U -Y -t -n are accepted and ignored.
//
// One implementation for `kubectl exec ... -- wget` (sandbox/shell/wget.ts) and a container whose
// own command is wget (the kubelet's processes.ts). The network answers at once; the only time
// that passes is the wait for a connection nobody answers, which the program yields (in ms) to
// whoever runs it: the shell sleeps in virtual time and sends back whether Ctrl-C ended the wait,
// the kubelet adds the wait to the script's clock.
import { FsError, resolvePath } from '../../fs.ts';
import type { HttpResponse } from '../../runtime-api.ts';
import { fsErrorText } from './fs-error-text.ts';
import { getopt, glibcMessage, type GetoptSpec } from './getopt.ts';
import { isNetError, KERNEL_CONNECT_TIMEOUT_MS, parseUrl, reason, type Dial } from './http-client.ts';
import type { ProgramIO } from './program-io.ts';

/**
 * wget's run: each value it yields is a wait in ms; the runner resumes it with `true` when the
 * wait was interrupted (the process then exits 130). It returns the exit status.
 */
export type WgetRun = Generator<number, number, boolean | undefined>;

/** wget.c: G.timeout_seconds = 900 unless -T. */
const DEFAULT_TIMEOUT_S = 900;

const USAGE =
  'BusyBox v1.36.1 (2023-05-18 22:34:17 UTC) multi-call binary.\n\nUsage: wget [-cqS] [--spider] [-O FILE] [-o LOGFILE] [--header STR]\n\t[--post-data STR | --post-file FILE] [-Y on/off]\n\t[-P DIR] [-U AGENT] [-T SEC] URL...\n';

const OPTIONS: GetoptSpec = {
  short: 'cqSO:o:P:Y:U:T:t:n::',
  long: [
    { name: 'continue', arg: 'none', key: 'c' },
    { name: 'quiet', arg: 'none', key: 'q' },
    { name: 'server-response', arg: 'none', key: 'S' },
    { name: 'output-document', arg: 'required', key: 'O' },
    { name: 'output-file', arg: 'required', key: 'o' },
    { name: 'directory-prefix', arg: 'required', key: 'P' },
    { name: 'proxy', arg: 'required', key: 'Y' },
    { name: 'user-agent', arg: 'required', key: 'U' },
    { name: 'timeout', arg: 'required', key: 'T' },
    { name: 'tries', arg: 'required', key: 't' },
    { name: 'header', arg: 'required' },
    { name: 'post-data', arg: 'required' },
    { name: 'spider', arg: 'none' },
    { name: 'no-check-certificate', arg: 'none', key: 'ignored' },
    { name: 'no-verbose', arg: 'none', key: 'ignored' },
    { name: 'no-clobber', arg: 'none', key: 'ignored' },
  ],
};

interface Settings {
  quiet: boolean;
  serverResponse: boolean;
  out?: string;
  dir?: string;
  timeoutS: number;
  headers: Record<string, string>;
  postData?: string;
  spider: boolean;
}

export function* wget(io: ProgramIO, dial: Dial): WgetRun {
  const { options, operands, error } = getopt(io.argv.slice(1), OPTIONS);
  if (error) {
    io.stderr(`wget: ${glibcMessage(error)}\n${USAGE}`);
    return 1;
  }
  const s: Settings = { quiet: false, serverResponse: false, timeoutS: DEFAULT_TIMEOUT_S, headers: {}, spider: false };
  let log: string | undefined;
  for (const { key, value } of options) {
    if (key === 'q') s.quiet = true;
    else if (key === 'S') s.serverResponse = true;
    else if (key === 'O') s.out = value;
    else if (key === 'o') log = value;
    else if (key === 'P') s.dir = value;
    else if (key === 'T') {
      // getopt32's "T:+": a number, else xatou's complaint.
      if (!/^\d+$/.test(value!)) {
        io.stderr(`wget: invalid number '${value}'\n`);
        return 1;
      }
      s.timeoutS = Number(value);
    } else if (key === 'header') {
      const c = value!.indexOf(':');
      if (c > 0) s.headers[value!.slice(0, c).trim()] = value!.slice(c + 1).trim();
    } else if (key === 'post-data') s.postData = value;
    else if (key === 'spider') s.spider = true;
  }
  // "-1": at least one URL, else the usage.
  if (!operands.length) {
    io.stderr(USAGE);
    return 1;
  }
  // -o FILE: wget's messages go to the file (stderr redirected), -O - output still to stdout.
  let logged = '';
  const msgIO: ProgramIO = log !== undefined && log !== '-' ? { ...io, stderr: (t) => void (logged += t) } : io;
  let status = 0;
  for (const url of operands) {
    status = yield* downloadOne(msgIO, dial, url, s);
    if (status) break; // busybox dies on the first failure
  }
  if (log !== undefined && log !== '-') {
    try {
      io.fs.writeFile(resolvePath(io.cwd, log), logged);
    } catch (e) {
      io.stderr(`wget: can't open '${log}': ${fsErrorText(e)}\n`);
      return 1;
    }
  }
  return status;
}

function* downloadOne(io: ProgramIO, dial: Dial, url: string, s: Settings): WgetRun {
  const u = parseUrl(url);
  if (!u) {
    io.stderr(`wget: bad address '${url}'\n`);
    return 1;
  }
  const method = s.postData !== undefined ? 'POST' : 'GET';
  const headers = s.postData !== undefined ? { 'Content-Type': 'application/x-www-form-urlencoded', ...s.headers } : s.headers;
  const dialled = dial(url, { method, path: u.path, headers, body: s.postData });
  if (dialled === 'unavailable') {
    io.stderr('wget: the simulated cluster network is not available in this lab\n');
    return 1;
  }
  const { result: res } = dialled;
  // xhost2sockaddr dies before anything is printed when the name does not resolve.
  if (isNetError(res) && res.error === 'resolve') {
    io.stderr(`wget: bad address '${res.host}'\n`);
    return 1;
  }
  const ip = dialled.ip ?? u.host;
  if (!s.quiet) io.stderr(`Connecting to ${u.host}${u.port === 80 ? '' : `:${u.port}`} (${ip}:${u.port})\n`);
  if (isNetError(res)) {
    if (res.error === 'refused') io.stderr(`wget: can't connect to remote host (${ip}): Connection refused\n`);
    else if (res.error === 'empty') io.stderr('wget: error getting response\n');
    else {
      // Nothing answers: -T's alarm ("download timed out") or, sooner, the kernel gives up.
      const limitMs = s.timeoutS > 0 ? s.timeoutS * 1000 : Infinity;
      const interrupted = yield Math.min(limitMs, KERNEL_CONNECT_TIMEOUT_MS);
      if (interrupted) return 130;
      io.stderr(limitMs < KERNEL_CONNECT_TIMEOUT_MS ? 'wget: download timed out\n' : `wget: can't connect to remote host (${ip}): Connection timed out\n`);
    }
    return 1;
  }
  const statusLine = `HTTP/1.1 ${res.status} ${reason(res.status)}`.trimEnd();
  // -S: fgets_trim_sanitize(sfp, "  %s\n") and get_sanitized_hdr print each line indented.
  if (s.serverResponse) io.stderr([statusLine, ...Object.entries(res.headers).map(([k, v]) => `${k}: ${v}`)].map((l) => `  ${l}\n`).join(''));
  if (res.status >= 400) {
    io.stderr(`wget: server returned error: ${statusLine}\n`);
    return 1;
  }
  if (s.spider) return 0;
  return save(io, u.path, res, s);
}

/** The body to stdout (-O -) or a file; a file wget names itself must not exist yet (O_EXCL). */
function save(io: ProgramIO, path: string, res: HttpResponse, s: Settings): number {
  const named = s.out !== undefined;
  let file = s.out ?? (path.replace(/[?#].*$/, '').split('/').pop() || 'index.html');
  if (file === '-') {
    io.stdout(res.body);
    return 0;
  }
  if (s.dir !== undefined && !named) file = `${s.dir.replace(/\/$/, '')}/${file}`;
  const p = resolvePath(io.cwd, file);
  try {
    if (!named && io.fs.exists(p)) throw new FsError('EEXIST', p);
    io.fs.writeFile(p, res.body);
  } catch (e) {
    io.stderr(`wget: can't open '${file}': ${fsErrorText(e)}\n`);
    return 1;
  }
  if (!s.quiet) io.stderr(`saving to '${file}'\n${file.slice(file.lastIndexOf('/') + 1).padEnd(20)} 100% |********************************| ${res.body.length}  0:00:00 ETA\n'${file}' saved\n`);
  return 0;
}
