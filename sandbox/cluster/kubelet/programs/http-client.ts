// What the HTTP clients of a container (busybox wget here, curl in sandbox/shell/curl.ts) share:
// reading a URL, the reason phrases of a status line, telling a network error from a response,
// the dial that also names the address it connected to, and how long an unanswered connect waits.
import type { HttpRequest, HttpResponse, NetError } from '../../runtime-api.ts';

const REASONS: Record<number, string> = {
  200: 'OK', 201: 'Created', 204: 'No Content', 301: 'Moved Permanently', 302: 'Found', 304: 'Not Modified',
  400: 'Bad Request', 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found', 405: 'Method Not Allowed',
  409: 'Conflict', 422: 'Unprocessable Entity', 500: 'Internal Server Error', 502: 'Bad Gateway',
  503: 'Service Unavailable', 504: 'Gateway Timeout',
};

export function reason(status: number): string {
  return REASONS[status] ?? '';
}

export interface ParsedUrl {
  host: string;
  port: number;
  path: string;
}

/** `localhost:8001/api`, `http://web-0.nginx/`, `10.244.1.3:80`: scheme optional, http only. */
export function parseUrl(raw: string): ParsedUrl | undefined {
  const m = /^(?:(https?):\/\/)?([^/:?#\s]+)(?::(\d+))?([/?][^#\s]*)?$/i.exec(raw);
  if (!m) return undefined;
  const port = m[3] ? Number(m[3]) : m[1]?.toLowerCase() === 'https' ? 443 : 80;
  const path = m[4] ? (m[4].startsWith('?') ? '/' + m[4] : m[4]) : '/';
  return { host: m[2], port, path };
}

export function isNetError(r: HttpResponse | NetError): r is NetError {
  return 'error' in r;
}

/** A request that also says which address it connected to (wget prints it); see Network.open. */
export type Dial = (url: string, req: Partial<HttpRequest>) => { ip?: string; result: HttpResponse | NetError } | 'unavailable';

/**
 * How long a connection to an address nobody answers takes to fail: the kernel's SYN
 * retransmissions (tcp_syn_retries 6: 1+2+4+8+16+32+64 s).
 */
export const KERNEL_CONNECT_TIMEOUT_MS = 127_000;
