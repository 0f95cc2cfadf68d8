// What a pod asks for and what a node offers, as the scheduler counts them.
// Source: kubernetes/kubernetes pkg/scheduler/framework/types.go (Resource, NodeInfo,
// getNonMissingContainerRequests) and pkg/scheduler/util/pod_resources.go
// (DefaultMilliCPURequest = 100, DefaultMemoryRequest = 200 MB).
import { parseQuantity } from '../../api/quantity.ts';
import type { Node, Pod } from '../../types.ts';

export interface Resources {
  milliCPU: number;
  memory: number;
}

export const DEFAULT_MILLI_CPU_REQUEST = 100;
export const DEFAULT_MEMORY_REQUEST = 200 * 1024 * 1024;

/** Quantity.MilliValue (rounded up). */
export function milliValue(q: string | number | undefined): number {
  const v = parseQuantity(q);
  return Number.isFinite(v) ? Math.ceil(v * 1000 - 1e-6) : 0;
}

/** Quantity.Value (rounded up). */
export function value(q: string | number | undefined): number {
  const v = parseQuantity(q);
  return Number.isFinite(v) ? Math.ceil(v - 1e-6) : 0;
}

function add(r: Resources, list: Record<string, any> | undefined): void {
  if (!list) return;
  if (list.cpu !== undefined) r.milliCPU += milliValue(list.cpu);
  if (list.memory !== undefined) r.memory += value(list.memory);
}

/**
 * computePodResourceRequest: the sum of the containers' requests, at least the largest init
 * container's, plus the pod overhead. `nonZero` substitutes the scheduler's defaults for a
 * container that requests nothing (used for scoring only, never for fitting).
 */
export function podRequests(pod: Pod, nonZero = false): Readonly<Resources> {
  // A stored pod's spec is frozen: its requests are parsed once (the scheduler asks for them on
  // every scheduling attempt and every cache update), and handed out without a copy (callers
  // only read them): never change the result.
  const spec = pod.spec;
  if (!spec || !Object.isFrozen(spec)) return computePodRequests(pod, nonZero);
  const cache = nonZero ? nonZeroRequestsBySpec : requestsBySpec;
  let r = cache.get(spec);
  if (!r) cache.set(spec, (r = computePodRequests(pod, nonZero)));
  return r;
}

const requestsBySpec = new WeakMap<object, Resources>();
const nonZeroRequestsBySpec = new WeakMap<object, Resources>();

/** The same, parsed now and not remembered (for a spec that will not be asked about again). */
export function computePodRequests(pod: Pod, nonZero = false): Resources {
  const r: Resources = { milliCPU: 0, memory: 0 };
  for (const c of pod.spec?.containers ?? []) {
    const req = (c.resources?.requests ?? {}) as Record<string, any>;
    add(r, req);
    if (nonZero) {
      if (req.cpu === undefined) r.milliCPU += DEFAULT_MILLI_CPU_REQUEST;
      if (req.memory === undefined) r.memory += DEFAULT_MEMORY_REQUEST;
    }
  }
  for (const c of pod.spec?.initContainers ?? []) {
    const one: Resources = { milliCPU: 0, memory: 0 };
    add(one, c.resources?.requests as Record<string, any> | undefined);
    r.milliCPU = Math.max(r.milliCPU, one.milliCPU);
    r.memory = Math.max(r.memory, one.memory);
  }
  add(r, pod.spec?.overhead as Record<string, any> | undefined);
  return r;
}

export interface Allocatable extends Resources {
  pods: number;
}

/**
 * status.allocatable parsed. A stored node's allocatable is frozen: parsed once, not once per pod
 * scored, and handed out without a copy (the filters and scores only read it): never change it.
 */
export function nodeAllocatable(node: Node): Readonly<Allocatable> {
  const a = (node.status?.allocatable ?? {}) as Record<string, any>;
  if (!Object.isFrozen(a)) return computeAllocatable(a);
  let r = allocatableOf.get(a);
  if (!r) allocatableOf.set(a, (r = computeAllocatable(a)));
  return r;
}

const allocatableOf = new WeakMap<object, Allocatable>();

function computeAllocatable(a: Record<string, any>): Allocatable {
  return { milliCPU: milliValue(a.cpu), memory: value(a.memory), pods: value(a.pods) };
}

/** The host ports a pod's containers claim (NodePorts plugin). */
export function podHostPorts(pod: Pod): string[] {
  const out: string[] = [];
  for (const c of pod.spec?.containers ?? []) {
    for (const p of c.ports ?? []) {
      if (p.hostPort && p.hostPort > 0) out.push(`${p.protocol ?? 'TCP'}/${p.hostIP || '0.0.0.0'}/${p.hostPort}`);
    }
  }
  return out;
}

/** Two host-port claims clash when protocol and port match and either IP is 0.0.0.0 or they are equal. */
export function portsConflict(a: string, b: string): boolean {
  const [pa, ia, na] = a.split('/');
  const [pb, ib, nb] = b.split('/');
  if (pa !== pb || na !== nb) return false;
  return ia === '0.0.0.0' || ib === '0.0.0.0' || ia === ib;
}
