// Which pods back a Service, and on which port: the helpers both endpoint controllers share.
// Sources: kubernetes/kubernetes pkg/controller/util/endpointslice (ShouldPodBeInEndpoints,
// ShouldSetHostname), pkg/api/v1/pod/util.go (FindPort, IsPodReady).
import type { ComponentContext } from '../component.ts';
import type { Pod, Service } from '../types.ts';

export type ServicePort = NonNullable<NonNullable<Service['spec']>['ports']>[number];

export const LABEL_SERVICE_NAME = 'kubernetes.io/service-name';
export const LABEL_HEADLESS = 'service.kubernetes.io/headless';
export const ANN_LAST_CHANGE_TRIGGER_TIME = 'endpoints.kubernetes.io/last-change-trigger-time';

export function isPodReady(pod: Pod): boolean {
  return (pod.status?.conditions ?? []).some((c) => c.type === 'Ready' && c.status === 'True');
}

/** A terminal pod or one without an IP is never an endpoint; a terminating one only if asked. */
export function shouldPodBeInEndpoints(pod: Pod, includeTerminating: boolean): boolean {
  const phase = pod.status?.phase;
  if (phase === 'Succeeded' || phase === 'Failed') return false;
  if (!pod.status?.podIP && !(pod.status?.podIPs ?? []).length) return false;
  if (!includeTerminating && pod.metadata.deletionTimestamp) return false;
  return true;
}

/** The endpoint gets the pod's hostname only under the Service its subdomain names. */
export function shouldSetHostname(pod: Pod, svc: Service): boolean {
  return !!pod.spec?.hostname && pod.spec.subdomain === svc.metadata.name && svc.metadata.namespace === pod.metadata.namespace;
}

/** FindPort: a named targetPort is looked up among the pod's container ports (same protocol). */
export function findPort(pod: Pod, sp: ServicePort): number | undefined {
  const target = sp.targetPort ?? sp.port;
  if (typeof target === 'number') return target;
  if (/^[0-9]+$/.test(target)) return Number(target);
  const proto = sp.protocol ?? 'TCP';
  const containers = [...(pod.spec?.containers ?? []), ...(pod.spec?.initContainers ?? []).filter((c) => c.restartPolicy === 'Always')];
  for (const c of containers) {
    for (const p of c.ports ?? []) if (p.name === target && (p.protocol ?? 'TCP') === proto) return p.containerPort;
  }
  return undefined;
}

export function isHeadless(svc: Service): boolean {
  return svc.spec?.clusterIP === 'None';
}

/** The pods a Service selects (selector as matchLabels; an empty selector selects nothing here). */
export function selectsPod(svc: Service, pod: Pod): boolean {
  const sel = svc.spec?.selector;
  if (!sel || !Object.keys(sel).length) return false;
  if (pod.metadata.namespace !== svc.metadata.namespace) return false;
  const labels = pod.metadata.labels ?? {};
  return Object.entries(sel).every(([k, v]) => labels[k] === v);
}

export function byName(a: { metadata: { name?: string } }, b: { metadata: { name?: string } }): number {
  return a.metadata.name! < b.metadata.name! ? -1 : a.metadata.name! > b.metadata.name! ? 1 : 0;
}

/**
 * Pod-driven syncs of a large Service are batched, like kube-controller-manager's
 * --endpoint-updates-batch-period and --endpointslice-updates-batch-period: every change to a
 * Service with more than LARGE_SERVICE_ENDPOINTS endpoints within this period is handled by one
 * sync at its end. Small Services (every lesson) sync at once. This is a simulator setting (the
 * flags default to 0): rewriting a 1,000-address Endpoints object on every pod change would make
 * a big StatefulSet take seconds of wall time.
 */
export const ENDPOINT_UPDATES_BATCH_MS = 500;
export const LARGE_SERVICE_ENDPOINTS = 100;

export class PodChangeBatcher {
  private pending = new Set<string>();
  private readonly ctx: ComponentContext;
  private readonly size: (key: string) => number;

  constructor(ctx: ComponentContext, size: (key: string) => number) {
    this.ctx = ctx;
    this.size = size;
  }

  /** A pod change for Service `key`: sync now, or at the end of the current batch. */
  add(key: string): void {
    if (this.size(key) <= LARGE_SERVICE_ENDPOINTS) {
      this.ctx.enqueue(key);
      return;
    }
    if (this.pending.has(key)) return;
    this.pending.add(key);
    this.ctx.setTimer(ENDPOINT_UPDATES_BATCH_MS, 'batch', key);
  }

  onTimer(type: string, data: unknown): void {
    if (type !== 'batch') return;
    this.pending.delete(data as string);
    this.ctx.enqueue(data as string);
  }

  save(): string[] {
    return [...this.pending].sort();
  }

  load(keys: string[] | undefined): void {
    this.pending = new Set(keys ?? []);
  }
}
