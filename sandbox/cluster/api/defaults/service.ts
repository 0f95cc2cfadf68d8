// Service defaults and the ClusterIP/NodePort allocation the service REST storage does.
// Sources: kubernetes/kubernetes pkg/apis/core/v1/defaults.go SetDefaults_Service,
// pkg/registry/core/service/storage/alloc.go (ipFamilies, ipFamilyPolicy, clusterIPs).
// Dynamic ClusterIPs and NodePorts as the allocators give them (pkg/registry/core/service/
// ipallocator/bitmap.go and portallocator/allocator.go, RandomScanStrategyWithOffset): a random
// start above the range's static band (calculateRangeOffset: 256 addresses of a /12, 86 ports of
// 30000-32767), then the first free one upwards, wrapping, then the static band. Here the "random"
// start is a hash of the Service's namespace, name and the store's resourceVersion: it looks like
// the real spread (10.104.37.211), a Service created again gets another address, a session reads
// the same every time, and the cluster's random stream (uids, name suffixes) is left alone.
// 10.96.0.1 (the `kubernetes` Service) and 10.96.0.10 (kube-dns) are kept for the Services that
// own them on a real cluster.
import type { KubeObject } from '../client.ts';
import type { StrategyContext } from '../strategy.ts';
import type { FieldError } from '../errors.ts';
import { goStruct, invalidRendered } from '../field.ts';
import { isIPv4 } from '../validation/service.ts';
import { mixedHash } from './mixed-hash.ts';

export const SERVICE_CIDR = '10.96.0.0/12';
const BASE = ipToInt('10.96.0.0');
const SIZE = 1 << 20;
const RESERVED: Record<string, string> = { 'default/kubernetes': '10.96.0.1', 'kube-system/kube-dns': '10.96.0.10' };
export const NODE_PORT_RANGE = [30000, 32767] as const;

function ipToInt(ip: string): number {
  return ip.split('.').reduce((a, p) => a * 256 + Number(p), 0);
}

function intToIp(n: number): string {
  return [24, 16, 8, 0].map((s) => Math.floor(n / 2 ** s) % 256).join('.');
}

/** calculateRangeOffset (min(max(16, size/step), max)): 256 for a /12 (step 16, max 256), 86 for 2,768 ports (step 32, max 128). */
const IP_STATIC_BAND = Math.min(Math.max(16, Math.floor(SIZE / 16)), 256);
const PORT_STATIC_BAND = Math.min(Math.max(16, Math.floor((NODE_PORT_RANGE[1] - NODE_PORT_RANGE[0] + 1) / 32)), 128);

/**
 * RandomScanStrategyWithOffset.AllocateBit: from a start in [offset, max) upwards to max, then
 * from offset up to the start, then the static band [0, offset). Undefined when all are taken.
 */
function randomScan(max: number, offset: number, hash: number, free: (i: number) => boolean): number | undefined {
  const start = offset + (hash % (max - offset));
  for (let i = start; i < max; i++) if (free(i)) return i;
  for (let i = offset; i < start; i++) if (free(i)) return i;
  for (let i = 0; i < offset; i++) if (free(i)) return i;
  return undefined;
}

/** The allocation's "random" start: a hash of namespace, name, resourceVersion and what is allocated. */
function startHash(svc: KubeObject, ctx: StrategyContext, what: string): number {
  return mixedHash(`${svc.metadata.namespace}/${svc.metadata.name}@${ctx.resourceVersion}/${what}`);
}

export function inServiceRange(ip: string): boolean {
  const n = ipToInt(ip);
  return n > BASE && n < BASE + SIZE - 1;
}

function usedIPs(ctx: StrategyContext): Set<string> {
  const used = new Set<string>();
  for (const s of ctx.peekList('services')) for (const ip of s.spec?.clusterIPs ?? [s.spec?.clusterIP]) if (ip && ip !== 'None') used.add(ip);
  return used;
}

/** SetDefaults_Service plus allocation. Returns allocation errors (answered as Invalid). */
export function prepareNewService(svc: KubeObject, ctx: StrategyContext): FieldError[] {
  const s = (svc.spec = svc.spec && typeof svc.spec === 'object' ? svc.spec : {});
  s.type ??= 'ClusterIP';
  s.sessionAffinity ??= 'None';
  for (const p of Array.isArray(s.ports) ? s.ports : []) {
    if (!p || typeof p !== 'object') continue;
    p.protocol ??= 'TCP';
    if (p.targetPort === undefined || p.targetPort === 0 || p.targetPort === '') p.targetPort = p.port;
  }
  if (s.type === 'ClusterIP' || s.type === 'NodePort' || s.type === 'LoadBalancer') s.internalTrafficPolicy ??= 'Cluster';
  if (s.type === 'NodePort' || s.type === 'LoadBalancer') s.externalTrafficPolicy ??= 'Cluster';
  svc.status = { loadBalancer: {} };
  if (s.type === 'ExternalName') return [];
  s.ipFamilies ??= ['IPv4'];
  s.ipFamilyPolicy ??= 'SingleStack';
  const errs: FieldError[] = [];
  const requested = s.clusterIP || s.clusterIPs?.[0];
  if (requested === 'None') {
    s.clusterIP = 'None';
    s.clusterIPs = ['None'];
  } else if (requested) {
    if (isIPv4(requested)) {
      if (!inServiceRange(requested)) errs.push(invalidRendered('spec.clusterIPs', goStruct([requested]), `failed to allocate IP ${requested}: the provided network does not match the current range`));
      else if (usedIPs(ctx).has(requested)) errs.push(invalidRendered('spec.clusterIPs', goStruct([requested]), `failed to allocate IP ${requested}: provided IP is already allocated`));
    }
    s.clusterIP = requested;
    s.clusterIPs = [requested];
  } else {
    const used = usedIPs(ctx);
    const own = RESERVED[`${svc.metadata.namespace}/${svc.metadata.name}`];
    const reserved = new Set(Object.values(RESERVED));
    // The bitmap's offsets: 0 is the network's first usable address, SIZE - 2 are usable.
    const free = (i: number) => {
      const cand = intToIp(BASE + 1 + i);
      return !used.has(cand) && !reserved.has(cand);
    };
    const i = own && !used.has(own) ? ipToInt(own) - BASE - 1 : randomScan(SIZE - 2, IP_STATIC_BAND, startHash(svc, ctx, 'ip'), free);
    const ip = i === undefined ? '' : intToIp(BASE + 1 + i);
    s.clusterIP = ip;
    s.clusterIPs = [ip];
  }
  if (s.type === 'NodePort' || s.type === 'LoadBalancer') {
    const usedPorts = new Set<number>();
    for (const o of ctx.peekList('services')) for (const p of o.spec?.ports ?? []) if (p.nodePort) usedPorts.add(p.nodePort);
    const [first, last] = NODE_PORT_RANGE;
    for (const [n, p] of (Array.isArray(s.ports) ? s.ports : []).entries()) {
      if (!p || p.nodePort) continue;
      const i = randomScan(last - first + 1, PORT_STATIC_BAND, startHash(svc, ctx, `port${n}`), (k) => !usedPorts.has(first + k));
      if (i === undefined) continue;
      p.nodePort = first + i;
      usedPorts.add(p.nodePort);
    }
  }
  return errs;
}

/** On update a client that omits allocated values keeps them (service REST patchAllocatedValues). */
export function keepAllocated(svc: KubeObject, old: KubeObject): void {
  const s = (svc.spec ??= {});
  const o = old.spec ?? {};
  s.type ??= o.type;
  if (s.type !== 'ExternalName' && o.type !== 'ExternalName') {
    // clusterIP and clusterIPs[0] are one value: fill whichever the client left out.
    if (s.clusterIP && !s.clusterIPs?.length) s.clusterIPs = [s.clusterIP];
    if (!s.clusterIP && s.clusterIPs?.length) s.clusterIP = s.clusterIPs[0];
    if (!s.clusterIP) s.clusterIP = o.clusterIP;
    if (!s.clusterIPs?.length) s.clusterIPs = o.clusterIPs;
    s.ipFamilies ??= o.ipFamilies;
    s.ipFamilyPolicy ??= o.ipFamilyPolicy;
  }
  if ((s.type === 'NodePort' || s.type === 'LoadBalancer') && Array.isArray(s.ports)) {
    for (const p of s.ports) {
      if (p.nodePort) continue;
      const prev = (o.ports ?? []).find((q: any) => q.port === p.port && (q.protocol ?? 'TCP') === (p.protocol ?? 'TCP'));
      if (prev?.nodePort) p.nodePort = prev.nodePort;
    }
  }
  s.sessionAffinity ??= 'None';
  for (const p of Array.isArray(s.ports) ? s.ports : []) {
    p.protocol ??= 'TCP';
    if (p.targetPort === undefined || p.targetPort === 0 || p.targetPort === '') p.targetPort = p.port;
  }
  if (s.type === 'ClusterIP' || s.type === 'NodePort' || s.type === 'LoadBalancer') s.internalTrafficPolicy ??= 'Cluster';
}
