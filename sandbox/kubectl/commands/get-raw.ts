// kubectl get --raw URI: a GET to the API server, its body printed as it comes: the proxy paths
// (`/api/v1/namespaces/default/pods/web-0/proxy/`, `.../services/nginx:web/proxy/`), objects and
// lists (`/api/v1/namespaces/default/pods`), /healthz and /version, as network/api-rest.ts
// answers them. A failed request reads as client-go reports it: a Status body as that
// Status, anything else as a generic error for its code (a text body is the message).
// Sources: kubernetes/kubectl pkg/cmd/get/get.go (Validate: --raw rules), pkg/rawhttp/raw.go
// (RawGet: the stream copied to stdout), client-go rest/request.go
// (transformUnstructuredResponseError, newUnstructuredResponseError), apimachinery
// pkg/api/errors/errors.go (NewGenericServerResponse).
import type { HttpResponse } from '../../cluster/runtime-api.ts';
import { ApiError, type Status } from '../../cluster/api/errors.ts';
import type { KubectlContext } from '../cli/context.ts';
import { KubectlError } from '../cli/errors.ts';
import { SERVER_VERSION_INFO } from '../../cluster/api/version.ts';
import { CLIENT_VERSION } from './misc.ts';

/** NewGenericServerResponse's reason and message for a code (serverMessage kept for 403, 406, 415). */
function genericError(code: number, serverMessage: string): Status {
  let reason = 'Unknown';
  let message = `the server responded with the status code ${code} but did not return more information`;
  switch (code) {
    case 400: [reason, message] = ['BadRequest', 'the server rejected our request for an unknown reason']; break;
    case 401: [reason, message] = ['Unauthorized', 'the server has asked for the client to provide credentials']; break;
    case 403: [reason, message] = ['Forbidden', serverMessage]; break;
    case 404: [reason, message] = ['NotFound', 'the server could not find the requested resource']; break;
    case 405: [reason, message] = ['MethodNotAllowed', 'the server does not allow this method on the requested resource']; break;
    case 406: [reason, message] = ['NotAcceptable', serverMessage]; break;
    case 409: [reason, message] = ['Conflict', 'the server reported a conflict']; break;
    case 415: [reason, message] = ['UnsupportedMediaType', serverMessage]; break;
    case 422: [reason, message] = ['Invalid', 'the server rejected our request due to an error in our request']; break;
    case 429: [reason, message] = ['TooManyRequests', 'the server has received too many requests and has asked us to try again later']; break;
    case 503: [reason, message] = ['ServiceUnavailable', 'the server is currently unable to handle the request']; break;
    case 504: [reason, message] = ['Timeout', 'the server was unable to return a response in the time allotted, but may still be processing the request']; break;
    default:
      if (code >= 500) [reason, message] = ['InternalError', `an error on the server (${JSON.stringify(serverMessage)}) has prevented the request from succeeding`];
  }
  return { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', code, reason, message, details: { causes: [{ reason: 'UnexpectedServerResponse', message: serverMessage }] } };
}

function header(res: HttpResponse, name: string): string | undefined {
  const key = Object.keys(res.headers).find((k) => k.toLowerCase() === name);
  return key === undefined ? undefined : res.headers[key];
}

/** The error client-go makes of a response outside 2xx. */
function responseError(res: HttpResponse): ApiError {
  try {
    const body = JSON.parse(res.body);
    if (body && body.kind === 'Status') return new ApiError(body as Status);
  } catch {
    // not a Status
  }
  const text = /^text\//i.test(header(res, 'content-type') ?? '');
  return new ApiError(genericError(res.status, text ? res.body.trim() : 'unknown'));
}

export function getRaw(ctx: KubectlContext, uri: string, hasOtherArgs: boolean, f: Record<string, any>): number {
  if (hasOtherArgs) throw new KubectlError('arguments may not be passed when --raw is specified');
  if (f.watch || f['watch-only'] || f.selector) throw new KubectlError('--raw may not be specified with other flags that filter the server request or alter the output');
  if (f.output) throw new KubectlError('--raw and --output are mutually exclusive');
  if (!uri.startsWith('/')) throw new KubectlError(`--raw must be a valid URL path: parse "${uri}": invalid URI for request`);
  // kubectl's own user agent (rest.DefaultKubernetesUserAgent): the server answers it compact JSON.
  const get = { method: 'GET', headers: { 'User-Agent': `kubectl/${CLIENT_VERSION} (linux/amd64) kubernetes/${SERVER_VERSION_INFO.gitCommit.slice(0, 7)}` } };
  let res = ctx.services.network.proxy(uri, get);
  // net/http follows a redirect for GET (`.../proxy` → `.../proxy/`).
  for (let hops = 0; hops < 10 && [301, 302, 307, 308].includes(res.status) && header(res, 'location')?.startsWith('/'); hops++) {
    res = ctx.services.network.proxy(header(res, 'location')!, get);
  }
  if (res.status < 200 || res.status > 206) throw responseError(res);
  ctx.out(res.body);
  return 0;
}
