// The pod a command reaches through another object (`kubectl logs sts/web`, `exec svc/nginx`,
// `port-forward deploy/x`): the first of the pods the object selects, in the order the command
// asks for, waiting for one to appear. Sources (kubernetes/kubernetes, staging/src/k8s.io/kubectl):
// - pkg/polymorphichelpers/helpers.go: GetFirstPod / GetPodList (a list by label selector, all
//   pods, terminating ones too, sorted; with none, a watch until one appears) and
//   SelectorsForObject (which kinds have a selector, and the errors of the others);
// - pkg/polymorphichelpers/logsforobject.go: logs sort by podutils.ByLogging and say
//   "Found N pods, using pod/NAME" when there is more than one;
// - AttachablePodForObjectFn (exec, attach, port-forward): sort.Reverse(podutils.ActivePods);
// - pkg/util/podutils/podutils.go: ByLogging and ActivePods.
import type { KubeObject } from '../../cluster/api/client.ts';
import type { ResourceInfo } from '../../cluster/api/resources.ts';
import { formatLabelSelector } from '../../cluster/api/selectors.ts';
import type { KubectlContext } from './context.ts';
import { KubectlError } from './errors.ts';
import { requireResource } from './resources.ts';
import { parseDuration } from './duration.ts';

/** Which pod comes first: a negative number when a does. */
export type PodOrder = (a: KubeObject, b: KubeObject) => number;

/** The kinds SelectorsForObject knows (their selector is spec.selector; a Service's is a map). */
const SELECTING_KINDS = new Set(['ReplicaSet', 'ReplicationController', 'StatefulSet', 'DaemonSet', 'Deployment', 'Job', 'Service']);

/** Go's %T of the typed object kubectl decoded: `*v1.StatefulSet` (the package is the API version). */
export function goType(info: ResourceInfo): string {
  return `*${info.version}.${info.kind}`;
}

/**
 * SelectorsForObject: the label selector (as a string) of the pods an object selects. Throws the
 * reason there is none, for the caller to prefix (`cannot attach to *v1.ConfigMap: ...`).
 */
export function podSelectorOf(obj: KubeObject, info: ResourceInfo): string {
  if (!SELECTING_KINDS.has(info.kind)) throw new Error(`selector for ${goType(info)} not implemented`);
  if (info.kind === 'Service' || info.kind === 'ReplicationController') {
    const sel: Record<string, string> | undefined = obj.spec?.selector;
    if (info.kind === 'Service' && (!sel || !Object.keys(sel).length)) throw new Error(`invalid service '${obj.metadata.name}': Service is defined without a selector`);
    return formatLabelSelector({ matchLabels: sel ?? {} });
  }
  return formatLabelSelector(obj.spec?.selector);
}

function isReady(pod: KubeObject): boolean {
  return (pod.status?.conditions ?? []).some((c: any) => c.type === 'Ready' && c.status === 'True');
}

/** podReadyTime: when the Ready condition turned True (the pod is ready). */
function readySince(pod: KubeObject): number {
  const c = (pod.status?.conditions ?? []).find((x: any) => x.type === 'Ready' && x.status === 'True');
  return c?.lastTransitionTime ? Date.parse(c.lastTransitionTime) : 0;
}

function maxRestarts(pod: KubeObject): number {
  return Math.max(0, ...(pod.status?.containerStatuses ?? []).map((s: any) => s.restartCount ?? 0));
}

/** A missing creation time sorts after every other (afterOrZero). */
function created(pod: KubeObject): number {
  return pod.metadata.creationTimestamp ? Date.parse(pod.metadata.creationTimestamp) : Infinity;
}

/** Go's sort leaves equal pods in no particular order; here the name decides, so runs repeat. */
function byName(a: KubeObject, b: KubeObject): number {
  return a.metadata.name! < b.metadata.name! ? -1 : a.metadata.name! > b.metadata.name! ? 1 : 0;
}

/** The phase ranks of ByLogging (Running first) and ActivePods (Pending first). */
const LOGGING_RANK: Record<string, number> = { Running: 0, Unknown: 1, Pending: 2 };
const ACTIVE_RANK: Record<string, number> = { Pending: 0, Unknown: 1, Running: 2 };

/** A phase's rank in a Go map literal: phases it does not list count as 0. */
function rank(ranks: Record<string, number>, pod: KubeObject): number {
  return ranks[pod.status?.phase ?? ''] ?? 0;
}

/**
 * podutils.ByLogging: assigned, then Running < Unknown < Pending, ready, ready for longer, MORE
 * restarts (the pod whose logs are likeliest to explain something), older.
 */
export const byLogging: PodOrder = (a, b) =>
  Number(!!b.spec?.nodeName) - Number(!!a.spec?.nodeName) ||
  rank(LOGGING_RANK, a) - rank(LOGGING_RANK, b) ||
  Number(isReady(b)) - Number(isReady(a)) ||
  (isReady(a) && isReady(b) ? readySince(a) - readySince(b) : 0) ||
  maxRestarts(b) - maxRestarts(a) ||
  created(a) - created(b) ||
  byName(a, b);

/**
 * sort.Reverse(podutils.ActivePods): assigned, Running > Unknown > Pending, ready, ready for
 * longer, fewer restarts, older.
 */
export const mostActiveFirst: PodOrder = (a, b) =>
  Number(!!b.spec?.nodeName) - Number(!!a.spec?.nodeName) ||
  rank(ACTIVE_RANK, b) - rank(ACTIVE_RANK, a) ||
  Number(isReady(b)) - Number(isReady(a)) ||
  (isReady(a) && isReady(b) ? readySince(a) - readySince(b) : 0) ||
  maxRestarts(a) - maxRestarts(b) ||
  created(a) - created(b) ||
  byName(a, b);

/**
 * GetFirstPod: the first pod by `order` of those `selector` matches, and how many there are.
 * With none yet, it waits (the lab's virtual time runs on) up to `timeoutMs` for one to appear,
 * then fails as client-go's watch does: "timed out waiting for the condition".
 */
export async function firstPod(ctx: KubectlContext, selector: string, order: PodOrder, timeoutMs: number): Promise<{ pod: KubeObject; count: number }> {
  const until = ctx.services.now() + timeoutMs;
  for (;;) {
    const pods = ctx.services.api.list('pods', ctx.namespace, { labelSelector: selector }).items;
    if (pods.length) return { pod: [...pods].sort(order)[0], count: pods.length };
    if (ctx.services.now() >= until) break;
    const r = await ctx.services.nextChange(until - ctx.services.now(), ctx.io.signal, ['pods']);
    if (r === 'interrupted') break;
  }
  throw new KubectlError('timed out waiting for the condition');
}

/** How a command picks a pod through another object: its order, wait and error wording. */
export interface PodPick {
  order: PodOrder;
  timeoutMs: number;
  /** The words before SelectorsForObject's error: `cannot get the logs from *v1.ConfigMap`. */
  cannotUse: (goType: string) => string;
}

/** logsforobject.go: ByLogging, --pod-running-timeout 20s (defaultPodLogsTimeout). */
export const FOR_LOGS: PodPick = { order: byLogging, timeoutMs: 20_000, cannotUse: (t) => `cannot get the logs from ${t}` };

/** AttachablePodForObjectFn (exec, attach): most active first, --pod-running-timeout 1m. */
export const FOR_ATTACH: PodPick = { order: mostActiveFirst, timeoutMs: 60_000, cannotUse: (t) => `cannot attach to ${t}` };

/**
 * The pod a `POD` or `TYPE/NAME` argument names: `web-0`, `pod/web-0`, or the first pod of
 * `sts/web`, `svc/nginx`... `via` is the object a pod was reached through, and `count` how many
 * pods it selects.
 */
export async function podForArgument(ctx: KubectlContext, arg: string, pick: PodPick, timeoutMs = pick.timeoutMs): Promise<{ pod: KubeObject; via?: KubeObject; count: number }> {
  const { api } = ctx.services;
  const slash = arg.indexOf('/');
  if (slash < 0) return { pod: api.get('pods', ctx.namespace, arg), count: 1 };
  const info = requireResource(arg.slice(0, slash));
  const name = arg.slice(slash + 1);
  if (info.resource === 'pods') return { pod: api.get('pods', ctx.namespace, name), count: 1 };
  const via = api.get(info.resource, ctx.namespace, name);
  let selector: string;
  try {
    selector = podSelectorOf(via, info);
  } catch (e) {
    throw new KubectlError(`${pick.cannotUse(goType(info))}: ${(e as Error).message}`);
  }
  const { pod, count } = await firstPod(ctx, selector, pick.order, timeoutMs);
  return { pod, via, count };
}

/**
 * --pod-running-timeout (cmdutil.GetPodRunningTimeoutFlag): a Go duration above zero; the
 * command's default when not given.
 */
export function podRunningTimeout(value: string | undefined, pick: PodPick): number {
  if (value === undefined) return pick.timeoutMs;
  const ms = parseDuration(value, '--pod-running-timeout');
  if (ms <= 0) throw new KubectlError('--pod-running-timeout must be higher than zero');
  return ms;
}
