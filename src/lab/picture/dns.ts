// The DNS names a headless Service gives its pods, as cluster DNS answers them
// (kubernetes/dns docs/specification.md §2.4 "Records for a Headless Service"; kubernetes/website
// content/en/docs/concepts/services-networking/dns-pod-service.md "A/AAAA records" for pods with
// hostname and subdomain):
// - a pod with spec.hostname and spec.subdomain gets `<hostname>.<subdomain>.<ns>.svc.<zone>` only
//   when a headless Service named <subdomain> exists in its namespace and selects it;
// - the record comes from the Service's endpoints, which list only ready pods unless the Service
//   sets publishNotReadyAddresses.
// The StatefulSet controller sets hostname = pod name and subdomain = spec.serviceName.
import type { KubeObject } from '../../../sandbox/cluster/api/client.ts';
import { isPodReady, naturalCompare } from './pod-state.ts';

export const CLUSTER_DOMAIN = 'cluster.local';

export function isHeadless(svc: KubeObject): boolean {
  return svc.spec?.clusterIP === 'None';
}

export function selects(svc: KubeObject, pod: KubeObject): boolean {
  const sel: Record<string, string> | undefined = svc.spec?.selector;
  if (!sel || !Object.keys(sel).length) return false;
  const labels = pod.metadata.labels ?? {};
  return Object.entries(sel).every(([k, v]) => labels[k] === v);
}

export interface DnsName {
  pod: string;
  namespace: string;
  service: string;
  name: string; // web-0.nginx.default.svc.cluster.local
}

/** The per-pod names each headless Service gives, by Service (key `<ns>/<name>`), pods in natural order. */
export function headlessDnsNames(services: KubeObject[], pods: KubeObject[]): Map<string, DnsName[]> {
  const out = new Map<string, DnsName[]>();
  for (const svc of services) {
    if (!isHeadless(svc)) continue;
    const ns = svc.metadata.namespace ?? 'default';
    const names: DnsName[] = [];
    for (const pod of pods) {
      if ((pod.metadata.namespace ?? 'default') !== ns) continue;
      const hostname = pod.spec?.hostname;
      if (!hostname || pod.spec?.subdomain !== svc.metadata.name) continue;
      if (!selects(svc, pod)) continue;
      if (!pod.status?.podIP && !(pod.status?.podIPs ?? []).length) continue;
      if (!isPodReady(pod) && !svc.spec?.publishNotReadyAddresses) continue;
      if (pod.metadata.deletionTimestamp && !svc.spec?.publishNotReadyAddresses) continue;
      names.push({ pod: pod.metadata.name!, namespace: ns, service: svc.metadata.name!, name: `${hostname}.${svc.metadata.name}.${ns}.svc.${CLUSTER_DOMAIN}` });
    }
    names.sort((a, b) => naturalCompare(a.pod, b.pod));
    out.set(`${ns}/${svc.metadata.name}`, names);
  }
  return out;
}
