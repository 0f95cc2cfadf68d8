// curl (curl 8.x wording) over the simulated network (busybox wget: wget.ts). The caller says where
// the request comes from: a pod (its DNS search path and the pod network) or the learner's machine
// (only `localhost:<port>` served by a local job such as `kubectl proxy`; cluster addresses are
// not routed there and time out, cluster names do not resolve).
import type { HttpRequest, HttpResponse, NetError } from '../cluster/runtime-api.ts';
import { resolvePath } from '../cluster/fs.ts';
import { fsErrorText } from './interpreter.ts';
import { isNetError, KERNEL_CONNECT_TIMEOUT_MS, parseUrl, reason, type Dial } from '../cluster/kubelet/programs/http-client.ts';
import type { CommandIO, Services } from './types.ts';

/** curl [-s] [-i] [-I] [-v] [-f] [-L] [-X M] [-d DATA] [-H 'K: V'] [-o FILE] [-m SECS] URL */
export async function curl(io: CommandIO, services: Services, dial: Dial): Promise<number> {
  const args = io.argv.slice(1);
  let url: string | undefined;
  let method: string | undefined;
  let body: string | undefined;
  let include = false;
  let head = false;
  let verbose = false;
  let fail = false;
  let silent = false;
  let showError = false;
  let output: string | undefined;
  let maxTime: number | undefined;
  const headers: Record<string, string> = {};
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    const val = () => {
      const v = args[++i];
      if (v === undefined) throw new CurlUsage(`option ${a}: requires parameter`);
      return v;
    };
    try {
      if (a === '-X' || a === '--request') method = val();
      else if (a === '-d' || a === '--data' || a === '--data-raw' || a === '--data-binary') body = val();
      else if (a === '-H' || a === '--header') {
        const h = val();
        const c = h.indexOf(':');
        if (c > 0) headers[h.slice(0, c).trim()] = h.slice(c + 1).trim();
      } else if (a === '-o' || a === '--output') output = val();
      else if (a === '-m' || a === '--max-time' || a === '--connect-timeout') maxTime = Number(val());
      else if (a.startsWith('-') && !a.startsWith('--') && a.length > 1) {
        for (const f of a.slice(1)) {
          if (f === 's') silent = true;
          else if (f === 'S') showError = true;
          else if (f === 'i') include = true;
          else if (f === 'I') head = true;
          else if (f === 'v') verbose = true;
          else if (f === 'f') fail = true;
          else if (f === 'L' || f === 'k') continue;
          else throw new CurlUsage(`option -${f}: is unknown`);
        }
      } else if (a === '--silent') silent = true;
      else if (a === '--include') include = true;
      else if (a === '--head') head = true;
      else if (a === '--fail') fail = true;
      else if (a === '--verbose') verbose = true;
      else if (a === '--location' || a === '--insecure') continue;
      else if (a.startsWith('--')) throw new CurlUsage(`option ${a}: is unknown`);
      else url = a;
    } catch (e) {
      if (!(e instanceof CurlUsage)) throw e;
      io.stderr(`curl: ${e.message}\ncurl: try 'curl --help' or 'curl --manual' for more information\n`);
      return 2;
    }
  }
  const err = (code: number, msg: string) => {
    if (!silent || showError) io.stderr(`curl: (${code}) ${msg}\n`);
    return code;
  };
  if (!url) {
    io.stderr("curl: no URL specified\ncurl: try 'curl --help' or 'curl --manual' for more information\n");
    return 2;
  }
  const u = parseUrl(url);
  if (!u) return err(3, `URL rejected: Malformed input to a URL function`);
  if (/^https:/i.test(url)) return err(35, `OpenSSL/3.0.15: error:0A00010B:SSL routines::wrong version number`);
  method ??= head ? 'HEAD' : body !== undefined ? 'POST' : 'GET';
  if (body !== undefined) headers['Content-Type'] ??= 'application/x-www-form-urlencoded';
  // curl names itself unless -H says otherwise (the API server pretty-prints JSON for it).
  if (!Object.keys(headers).some((k) => k.toLowerCase() === 'user-agent')) headers['User-Agent'] = 'curl/8.11.1';
  const dialled = dial(url, { method, path: u.path, headers, body });
  if (dialled === 'unavailable') {
    io.stderr('curl: the simulated cluster network is not available in this lab\n');
    return 7;
  }
  const res = dialled.result;
  // -v: the address it tries once the name resolved (connect.c "  Trying %s:%d...").
  const ip = dialled.ip ?? u.host;
  if (verbose && !(isNetError(res) && res.error === 'resolve')) io.stderr(`*   Trying ${ip}:${u.port}...\n`);
  if (isNetError(res)) {
    switch (res.error) {
      case 'resolve':
        return err(6, `Could not resolve host: ${res.host}`);
      case 'refused':
        return err(7, `Failed to connect to ${res.host} port ${res.port} after 0 ms: Couldn't connect to server`);
      case 'empty':
        return err(52, 'Empty reply from server');
      case 'timeout': {
        // Nothing answers: curl's own timeout (-m) ends the wait with "Timeout was reached";
        // without one the kernel gives up first: connect.c prints CURLE_COULDNT_CONNECT's text
        // and, the errno being ETIMEDOUT, exits with CURLE_OPERATION_TIMEDOUT (28).
        const own = maxTime !== undefined && Number.isFinite(maxTime) && maxTime > 0 && maxTime * 1000 < KERNEL_CONNECT_TIMEOUT_MS;
        const ms = own ? Math.round(maxTime! * 1000) : KERNEL_CONNECT_TIMEOUT_MS;
        await services.sleep(ms, io.signal);
        if (io.signal.aborted) return 130;
        return err(28, `Failed to connect to ${res.host} port ${res.port} after ${ms} ms: ${own ? 'Timeout was reached' : "Couldn't connect to server"}`);
      }
    }
  }
  if (fail && res.status >= 400) return err(22, `The requested URL returned error: ${res.status}`);
  const statusLine = `HTTP/1.1 ${res.status} ${reason(res.status)}`.trimEnd();
  const headerText = [statusLine, ...Object.entries(res.headers).map(([k, v]) => `${k}: ${v}`)].join('\r\n') + '\r\n\r\n';
  if (verbose) {
    // The header blocks as the debug callback shows them, each line after "> " or "< ", the empty one too.
    io.stderr(`* Connected to ${u.host} (${ip}) port ${u.port}\n> ${method} ${u.path} HTTP/1.1\n> Host: ${u.host}${u.port === 80 ? '' : `:${u.port}`}\n> User-Agent: curl/8.11.1\n> Accept: */*\n> \n`);
    io.stderr(headerText.split('\r\n').filter(Boolean).map((l) => `< ${l}`).join('\n') + '\n< \n');
  }
  const text = (include || head ? headerText : '') + (head ? '' : res.body);
  if (output !== undefined && output !== '-') {
    try {
      io.fs.writeFile(resolvePath(io.cwd, output), text);
    } catch (e) {
      return err(23, `Failure writing output to destination, passed ${text.length} returned 0 (${fsErrorText(e)})`);
    }
  } else io.stdout(text);
  return 0;
}

class CurlUsage extends Error {}

/** What `localhost:<port>` reaches from the learner's machine. */
export interface LocalPorts {
  /** Serves `port` until the returned function is called; undefined when the port is taken. */
  listen(port: number, handler: (req: HttpRequest) => HttpResponse | NetError): (() => void) | undefined;
  handler(port: number): ((req: HttpRequest) => HttpResponse | NetError) | undefined;
}

export function createLocalPorts(): LocalPorts {
  const ports = new Map<number, (req: HttpRequest) => HttpResponse | NetError>();
  return {
    listen(port, handler) {
      if (ports.has(port)) return undefined;
      ports.set(port, handler);
      return () => {
        if (ports.get(port) === handler) ports.delete(port);
      };
    },
    handler: (port) => ports.get(port),
  };
}
