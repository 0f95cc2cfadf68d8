/**
 * The names a StatefulSet gives its Pods, their DNS records and their volume claims.
 * Pod: `<statefulset>-<ordinal>` (kubernetes/kubernetes pkg/controller/statefulset/stateful_set_utils.go getPodName).
 * PVC: `<claim template>-<statefulset>-<ordinal>` (same file, getPersistentVolumeClaimName).
 * DNS: `<pod>.<headless service>.<namespace>.svc.<cluster domain>` (kubernetes/dns docs/specification.md §2.4.1).
 */
export interface StatefulSetNamesInput {
  statefulSet: string;
  service: string;
  claimTemplate: string;
  replicas: number;
  namespace?: string;
  startOrdinal?: number;
  clusterDomain?: string;
}

export interface ReplicaNames {
  ordinal: number;
  pod: string;
  dns: string;
  pvc: string;
}

/**
 * RFC 1123 label: what a StatefulSet's name (ValidateStatefulSetName, pkg/apis/apps/validation),
 * a volume's name and a Pod hostname must be.
 */
export function isDnsLabel(name: string): boolean {
  return name.length <= 63 && /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(name);
}

/**
 * RFC 1035 label: what a Service's name must be (ValidateServiceName = NameIsDNS1035Label,
 * pkg/apis/core/validation): an RFC 1123 label that starts with a letter.
 */
export function isDns1035Label(name: string): boolean {
  return name.length <= 63 && /^[a-z]([-a-z0-9]*[a-z0-9])?$/.test(name);
}

export function statefulSetNames(input: StatefulSetNamesInput): ReplicaNames[] {
  const { statefulSet, service, claimTemplate, replicas } = input;
  const namespace = input.namespace ?? 'default';
  const start = input.startOrdinal ?? 0;
  const domain = input.clusterDomain ?? 'cluster.local';
  const rows: ReplicaNames[] = [];
  for (let ordinal = start; ordinal < start + replicas; ordinal++) {
    const pod = `${statefulSet}-${ordinal}`;
    rows.push({ ordinal, pod, dns: `${pod}.${service}.${namespace}.svc.${domain}`, pvc: `${claimTemplate}-${pod}` });
  }
  return rows;
}
