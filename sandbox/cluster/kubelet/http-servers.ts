// What the images' own servers answer over HTTP: nginx serving its html folder (with its access
// and error log lines), and the kubia apps of "Kubernetes in Action" (kubia-pet stores a POSTed
// body on its volume and reports it with its pod's name).
import { utf8Length, type FileSystem } from '../fs.ts';
import type { HttpRequest, HttpResponse } from '../runtime-api.ts';
import type { ImageInfo } from './images.ts';
import { strftime } from '../strftime.ts';

export interface ServeContext {
  fs: FileSystem;
  hostname: string;
  info: ImageInfo;
  now: number;
  clientIp: string;
  host: string;
}

export interface Served {
  response: HttpResponse;
  logs: string[];
}

export function httpDate(ms: number): string {
  return strftime('%a, %d %b %Y %H:%M:%S GMT', ms);
}

/** nginx's `$time_local`: `01/Jan/2026:00:00:05 +0000`. */
function timeLocal(ms: number): string {
  return strftime('%d/%b/%Y:%H:%M:%S %z', ms);
}

/** nginx's error-log time: `2026/01/01 00:00:05`. */
export function nginxLogTime(ms: number): string {
  return strftime('%Y/%m/%d %H:%M:%S', ms);
}

function errorPage(code: number, text: string, version: string): string {
  return `<html>\r\n<head><title>${code} ${text}</title></head>\r\n<body>\r\n<center><h1>${code} ${text}</h1></center>\r\n<hr><center>nginx/${version}</center>\r\n</body>\r\n</html>\r\n`;
}

const TYPES: Record<string, string> = { html: 'text/html', htm: 'text/html', txt: 'text/plain', css: 'text/css', js: 'application/javascript', json: 'application/json' };

/** nginx serving /usr/share/nginx/html as its default.conf says. */
export function serveNginx(req: HttpRequest, c: ServeContext): Served {
  const version = c.info.nginxVersion ?? '1.29.3';
  const root = '/usr/share/nginx/html';
  const path = decodeURIComponent((req.path || '/').split('?')[0] || '/');
  const method = (req.method || 'GET').toUpperCase();
  const headers = (extra: Record<string, string>) => ({ Server: `nginx/${version}`, Date: httpDate(c.now), ...extra, Connection: 'keep-alive' });
  const logs: string[] = [];
  const ua = req.headers?.['User-Agent'] ?? req.headers?.['user-agent'] ?? '-';
  const errorLog = (msg: string) =>
    logs.push(`${nginxLogTime(c.now)} [error] 29#29: *1 ${msg}, client: ${c.clientIp}, server: localhost, request: "${method} ${req.path || '/'} HTTP/1.1", host: "${c.host}"`);
  const fail = (code: number, text: string): HttpResponse => {
    const body = errorPage(code, text, version);
    return { status: code, headers: headers({ 'Content-Type': 'text/html', 'Content-Length': String(utf8Length(body)) }), body };
  };
  let res: HttpResponse;
  const file = root + path;
  const isDir = c.fs.exists(file) && c.fs.stat(file).type === 'dir';
  if (method !== 'GET' && method !== 'HEAD') {
    res = c.fs.exists(path.endsWith('/') ? file + 'index.html' : file) ? fail(405, 'Not Allowed') : fail(404, 'Not Found');
  } else if (path.endsWith('/')) {
    const index = file + 'index.html';
    if (c.fs.exists(index) && c.fs.stat(index).type === 'file') res = ok(index);
    else if (isDir) {
      errorLog(`directory index of "${file}" is forbidden`);
      res = fail(403, 'Forbidden');
    } else {
      errorLog(`"${index}" is not found (2: No such file or directory)`);
      res = fail(404, 'Not Found');
    }
  } else if (isDir) {
    const body = errorPage(301, 'Moved Permanently', version);
    res = { status: 301, headers: headers({ 'Content-Type': 'text/html', 'Content-Length': String(utf8Length(body)), Location: `http://${c.host}${path}/` }), body };
  } else if (c.fs.exists(file)) {
    res = ok(file);
  } else {
    errorLog(`open() "${file}" failed (2: No such file or directory)`);
    res = fail(404, 'Not Found');
  }
  if (method === 'HEAD') res = { ...res, body: '' };
  const bytes = method === 'HEAD' ? 0 : utf8Length(res.body);
  logs.push(`${c.clientIp} - - [${timeLocal(c.now)}] "${method} ${req.path || '/'} HTTP/1.1" ${res.status} ${bytes} "-" "${ua}" "-"`);
  return { response: res, logs };

  function ok(f: string): HttpResponse {
    const body = c.fs.readFile(f);
    const st = c.fs.stat(f);
    const ext = f.slice(f.lastIndexOf('.') + 1);
    const size = utf8Length(body);
    return {
      status: 200,
      headers: headers({
        'Content-Type': TYPES[ext] ?? 'application/octet-stream', 'Content-Length': String(size),
        'Last-Modified': httpDate(st.mtime), ETag: `"${Math.floor(st.mtime / 1000).toString(16)}-${size.toString(16)}"`, 'Accept-Ranges': 'bytes',
      }),
      body,
    };
  }
}

/**
 * luksa/kubia-pet (Kubernetes in Action, chapter 10, app.js): POST stores the body in
 * /var/data/kubia.txt, GET tells who answered and what is stored.
 */
export function serveKubiaPet(req: HttpRequest, c: ServeContext): Served {
  const dataFile = '/var/data/kubia.txt';
  const headers = { Date: httpDate(c.now), Connection: 'keep-alive', 'Transfer-Encoding': 'chunked' };
  if ((req.method || 'GET').toUpperCase() === 'POST') {
    c.fs.writeFile(dataFile, req.body ?? '');
    return { response: { status: 200, headers, body: `Data stored on pod ${c.hostname}\n` }, logs: ['New data has been received and stored.'] };
  }
  const data = c.fs.exists(dataFile) ? c.fs.readFile(dataFile) : 'No data posted yet';
  return { response: { status: 200, headers, body: `You've hit ${c.hostname}\nData stored on this pod: ${data}\n` }, logs: [] };
}

/** luksa/kubia (chapter 2): answers with the pod's hostname and logs the client. */
export function serveKubia(_req: HttpRequest, c: ServeContext): Served {
  return {
    response: { status: 200, headers: { Date: httpDate(c.now), Connection: 'keep-alive', 'Transfer-Encoding': 'chunked' }, body: `You've hit ${c.hostname}\n` },
    logs: [`Received request from ::ffff:${c.clientIp}`],
  };
}
