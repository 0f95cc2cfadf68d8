// exec, attach, cp, port-forward and logs do not stop at the API server: it dials the kubelet of
// the pod's node (the node's InternalIP, port 10250). When the lab has cut that machine's network
// or powered it off, the dial fails and the API server answers with the dial error, as a Status
// without a reason (ErrorToAPIStatus on a plain error), so kubectl prints `Error from server: ...`:
//   exec, attach, cp:  Error from server: error dialing backend: dial tcp 192.168.49.3:10250: i/o timeout
//   port-forward:      error: error upgrading connection: error dialing backend: dial tcp ...
//   logs:              Error from server: Get "https://192.168.49.3:10250/containerLogs/default/web-1/nginx": dial tcp ...
// A cut network drops packets: the dial gives up after the kubelet client's 30 s dial timeout
// (`i/o timeout`). A powered-off machine has no address on the network any more: the dial fails
// after the ARP attempts, about 3 s (`connect: no route to host`).
// Sources: kubernetes/apimachinery pkg/util/proxy/upgradeaware.go (dial: "error dialing backend:
// %v"), kubernetes/kubernetes pkg/kubelet/client/kubelet_client.go (net.Dialer Timeout 30s),
// client-go transport/spdy (a Status body becomes a StatusError), client-go tools/portforward
// ("error upgrading connection: %s").
import type { KubeObject } from '../../cluster/api/client.ts';
import { ApiError } from '../../cluster/api/errors.ts';
import type { KubectlContext } from './context.ts';

const KUBELET_PORT = 10250;
const DIAL_TIMEOUT_MS = 30_000;
const NO_ROUTE_MS = 3_000;

/** Why the API server cannot reach the pod's kubelet, waiting as long as the dial would; undefined when it can. */
export async function kubeletDialError(ctx: KubectlContext, pod: KubeObject): Promise<string | undefined> {
  const node: string | undefined = pod.spec?.nodeName;
  if (!node) return undefined;
  let state: ReturnType<KubectlContext['services']['runtime']['nodeState']>;
  try {
    state = ctx.services.runtime.nodeState(node);
  } catch {
    return undefined; // no machines behind this cluster (tests without a kubelet)
  }
  if (state !== 'cut' && state !== 'stopped') return undefined;
  const ip = pod.status?.hostIP || nodeAddress(ctx, node);
  await ctx.services.sleep(state === 'cut' ? DIAL_TIMEOUT_MS : NO_ROUTE_MS, ctx.io.signal);
  return `dial tcp ${ip}:${KUBELET_PORT}: ${state === 'cut' ? 'i/o timeout' : 'connect: no route to host'}`;
}

function nodeAddress(ctx: KubectlContext, node: string): string {
  try {
    const n = ctx.services.api.get('nodes', undefined, node);
    return (n.status?.addresses ?? []).find((a: any) => a.type === 'InternalIP')?.address ?? node;
  } catch {
    return node;
  }
}

/** A Status with no reason, as the API server's responder writes a plain error. */
export function backendError(message: string): ApiError {
  return new ApiError({ kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, reason: '', code: 500 });
}

/** exec, attach and cp: the upgrade to the kubelet fails. */
export async function assertKubeletReachable(ctx: KubectlContext, pod: KubeObject): Promise<void> {
  const dial = await kubeletDialError(ctx, pod);
  if (dial) throw backendError(`error dialing backend: ${dial}`);
}

/** The kubelet URL the API server's log streamer GETs (query keys sorted, as url.Values.Encode). */
export function containerLogsUrl(pod: KubeObject, container: string, query: Record<string, string | undefined>): string {
  const q = Object.keys(query).filter((k) => query[k] !== undefined).sort().map((k) => `${k}=${encodeURIComponent(query[k]!)}`).join('&');
  return `https://${pod.status?.hostIP ?? ''}:${KUBELET_PORT}/containerLogs/${pod.metadata.namespace}/${pod.metadata.name}/${container}${q ? `?${q}` : ''}`;
}
