// One run of a startup, liveness or readiness probe against a container, with the failure text
// the kubelet puts after "Readiness probe failed: " (pkg/kubelet/prober/prober.go and
// pkg/probe/http, tcp, exec).
import type { FileSystem } from '../fs.ts';
import type { Container } from '../types.ts';
import type { HttpRequest, HttpResponse } from '../runtime-api.ts';
import { evalTest } from './test-expr.ts';

export type ProbeOutcome = { ok: true } | { ok: false; output: string };

export interface ProbeTarget {
  podIP: string;
  container: Container;
  /** The container's own server: a response, or undefined when nothing listens on the port. */
  serve(port: number, req: HttpRequest): HttpResponse | undefined;
  fs: FileSystem;
  programs: string[];
  busybox: boolean;
}

export function resolvePort(port: number | string | undefined, container: Container): number | undefined {
  if (typeof port === 'number') return port;
  if (port === undefined) return undefined;
  if (/^\d+$/.test(port)) return Number(port);
  return container.ports?.find((p) => p.name === port)?.containerPort;
}

export function runProbe(probe: any, t: ProbeTarget): ProbeOutcome {
  if (probe.httpGet) {
    const port = resolvePort(probe.httpGet.port, t.container);
    const host = probe.httpGet.host || t.podIP;
    const path = probe.httpGet.path || '/';
    const scheme = (probe.httpGet.scheme || 'HTTP').toLowerCase();
    const url = `${scheme}://${host}:${port}${path.startsWith('/') ? path : '/' + path}`;
    if (port === undefined) return { ok: false, output: `Get "${url}": dial tcp ${host}:0: connect: connection refused` };
    const headers: Record<string, string> = { 'User-Agent': 'kube-probe/1.35', Accept: '*/*' };
    for (const h of probe.httpGet.httpHeaders ?? []) headers[h.name] = h.value;
    const res = t.serve(port, { method: 'GET', path, headers });
    if (!res) return { ok: false, output: `Get "${url}": dial tcp ${host}:${port}: connect: connection refused` };
    if (res.status >= 200 && res.status < 400) return { ok: true };
    return { ok: false, output: `HTTP probe failed with statuscode: ${res.status}` };
  }
  if (probe.tcpSocket || probe.grpc) {
    const port = resolvePort(probe.tcpSocket?.port ?? probe.grpc?.port, t.container);
    const host = probe.tcpSocket?.host || t.podIP;
    if (port !== undefined && t.serve(port, { method: 'HEAD', path: '/', headers: { 'User-Agent': 'kube-probe/1.35' } })) return { ok: true };
    return { ok: false, output: `dial tcp ${host}:${port ?? 0}: connect: connection refused` };
  }
  if (probe.exec) return execProbe(probe.exec.command ?? [], t);
  return { ok: true };
}

function execProbe(argv: string[], t: ProbeTarget): ProbeOutcome {
  let words = argv;
  if ((words[0] === 'sh' || words[0] === '/bin/sh' || words[0] === 'bash' || words[0] === '/bin/bash') && words[1] === '-c') {
    words = (words[2] ?? '').trim().split(/\s+/);
  }
  const [cmd0, ...rest] = words;
  const cmd = (cmd0 ?? '').split('/').pop() ?? '';
  if (!t.programs.includes(cmd) && !['true', 'false', 'exit', 'test', '['].includes(cmd)) {
    return { ok: false, output: `OCI runtime exec failed: exec failed: unable to start container process: exec: "${cmd0}": executable file not found in $PATH: unknown` };
  }
  const file = rest.filter((a) => !a.startsWith('-'))[0];
  switch (cmd) {
    case 'false':
      return { ok: false, output: '' };
    case 'exit':
      return rest[0] && rest[0] !== '0' ? { ok: false, output: '' } : { ok: true };
    case 'cat':
      if (file && !t.fs.exists(file)) {
        return { ok: false, output: t.busybox ? `cat: can't open '${file}': No such file or directory\n` : `cat: ${file}: No such file or directory\n` };
      }
      return { ok: true };
    case 'ls':
      if (file && !t.fs.exists(file)) {
        return { ok: false, output: t.busybox ? `ls: ${file}: No such file or directory\n` : `ls: cannot access '${file}': No such file or directory\n` };
      }
      return { ok: true };
    case 'test':
    case '[': {
      // The same evaluator as the shells' builtin, so `test ! -f /tmp/unhealthy` works as a probe.
      const args = cmd === '[' ? (rest.at(-1) === ']' ? rest.slice(0, -1) : undefined) : rest;
      if (!args) return { ok: false, output: t.busybox ? 'sh: missing ]\n' : "sh: [: missing `]'\n" };
      const r = evalTest(args, t.fs, '/');
      if (r.status === 0) return { ok: true };
      return { ok: false, output: r.status === 2 ? (t.busybox ? `sh: ${r.busybox}\n` : `sh: ${cmd}: ${r.error}\n`) : '' };
    }
    default:
      return { ok: true };
  }
}
