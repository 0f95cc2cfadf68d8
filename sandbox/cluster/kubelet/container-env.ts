// What a container's process sees besides its files: the environment the kubelet builds
// (pkg/kubelet/kubelet_pods.go makeEnvironmentVariables: service links, then the container's
// own env with $(VAR) expansion) and the kubelet-managed /etc/hosts, /etc/hostname and
// /etc/resolv.conf.
import type { Container, Pod, PodSpec, Service } from '../types.ts';

export interface EnvSources {
  pod: { name: string; namespace: string; uid: string; labels?: Record<string, string>; annotations?: Record<string, string>; spec: PodSpec };
  podIP: string;
  hostIP: string;
  nodeName: string;
  /** Services of the pod's namespace, and `kubernetes` of `default` if there is one. */
  services: Service[];
  masterService?: Service;
  configMap(name: string): Record<string, string> | undefined;
}

/** `<NAME>_SERVICE_HOST` and friends for one service (pkg/kubelet/envvars/envvars.go FromServices). */
export function serviceEnv(svc: { name: string; clusterIP: string; ports: { name?: string; port: number; protocol?: string }[] }): Record<string, string> {
  const out: Record<string, string> = {};
  if (!svc.clusterIP || svc.clusterIP === 'None' || !svc.ports.length) return out;
  const n = svc.name.toUpperCase().replace(/-/g, '_');
  const first = svc.ports[0];
  out[`${n}_SERVICE_HOST`] = svc.clusterIP;
  out[`${n}_SERVICE_PORT`] = String(first.port);
  for (const p of svc.ports) if (p.name) out[`${n}_SERVICE_PORT_${p.name.toUpperCase().replace(/-/g, '_')}`] = String(p.port);
  const proto = (first.protocol ?? 'TCP').toLowerCase();
  out[`${n}_PORT`] = `${proto}://${svc.clusterIP}:${first.port}`;
  for (const p of svc.ports) {
    const pr = (p.protocol ?? 'TCP');
    const prefix = `${n}_PORT_${p.port}_${pr.toUpperCase()}`;
    out[prefix] = `${pr.toLowerCase()}://${svc.clusterIP}:${p.port}`;
    out[`${prefix}_PROTO`] = pr.toLowerCase();
    out[`${prefix}_PORT`] = String(p.port);
    out[`${prefix}_ADDR`] = svc.clusterIP;
  }
  return out;
}

function svcOf(s: Service) {
  return { name: s.metadata.name!, clusterIP: s.spec?.clusterIP ?? '', ports: (s.spec?.ports ?? []).map((p) => ({ name: p.name, port: p.port, protocol: p.protocol })) };
}

export function containerEnvironment(container: Container, imageEnv: Record<string, string>, hostname: string, src: EnvSources): Record<string, string> {
  const env: Record<string, string> = { ...imageEnv, HOSTNAME: hostname };
  // Service links: the master service always, the namespace's services unless disabled.
  const master = src.masterService ? svcOf(src.masterService) : { name: 'kubernetes', clusterIP: '10.96.0.1', ports: [{ name: 'https', port: 443, protocol: 'TCP' }] };
  if (src.pod.spec.enableServiceLinks !== false) {
    for (const s of [...src.services].sort((a, b) => (a.metadata.name! < b.metadata.name! ? -1 : 1))) Object.assign(env, serviceEnv(svcOf(s)));
  }
  Object.assign(env, serviceEnv(master));
  const expand = (v: string) => v.replace(/\$\(([A-Za-z_][A-Za-z0-9_]*)\)/g, (m, k) => (k in env ? env[k] : m)).replace(/\$\$/g, '$');
  for (const e of container.env ?? []) {
    if (e.value !== undefined) env[e.name] = expand(e.value);
    else if (e.valueFrom?.fieldRef) env[e.name] = fieldRef(e.valueFrom.fieldRef.fieldPath, src);
    else if (e.valueFrom?.configMapKeyRef) env[e.name] = src.configMap(e.valueFrom.configMapKeyRef.name ?? '')?.[e.valueFrom.configMapKeyRef.key] ?? '';
    else env[e.name] = '';
  }
  for (const from of container.envFrom ?? []) {
    if (from.configMapRef) for (const [k, v] of Object.entries(src.configMap(from.configMapRef.name ?? '') ?? {})) env[(from.prefix ?? '') + k] = v;
  }
  return env;
}

export function fieldRef(path: string, src: EnvSources): string {
  const m = /^metadata\.(labels|annotations)\['(.+)'\]$/.exec(path);
  if (m) return (m[1] === 'labels' ? src.pod.labels : src.pod.annotations)?.[m[2]] ?? '';
  switch (path) {
    case 'metadata.name': return src.pod.name;
    case 'metadata.namespace': return src.pod.namespace;
    case 'metadata.uid': return src.pod.uid;
    case 'spec.nodeName': return src.nodeName;
    case 'spec.serviceAccountName': return src.pod.spec.serviceAccountName ?? 'default';
    case 'status.hostIP': return src.hostIP;
    case 'status.hostIPs': return src.hostIP;
    case 'status.podIP': return src.podIP;
    case 'status.podIPs': return src.podIP;
    default: return '';
  }
}

/** The pod's hostname: spec.hostname, else the pod name (kubelet GeneratePodHostNameAndDomain). */
export function podHostname(pod: { name: string; spec: PodSpec }): string {
  return (pod.spec.hostname || pod.name).slice(0, 63);
}

/** Kubelet-managed /etc/hosts (kubelet_pods.go managedHostsFileContent). */
export function hostsFile(pod: { name: string; namespace: string; spec: PodSpec }, podIP: string): string {
  const hostname = podHostname(pod);
  const lines = [
    '# Kubernetes-managed hosts file.',
    '127.0.0.1\tlocalhost',
    '::1\tlocalhost ip6-localhost ip6-loopback',
    'fe00::0\tip6-localnet',
    'fe00::0\tip6-mcastprefix',
    'fe00::1\tip6-allnodes',
    'fe00::2\tip6-allrouters',
    pod.spec.subdomain ? `${podIP}\t${hostname}.${pod.spec.subdomain}.${pod.namespace}.svc.cluster.local\t${hostname}` : `${podIP}\t${hostname}`,
  ];
  const aliases = pod.spec.hostAliases ?? [];
  if (aliases.length) {
    lines.push('', '# Entries added by HostAliases.');
    for (const a of aliases) lines.push(`${a.ip}\t${(a.hostnames ?? []).join('\t')}`);
  }
  return lines.join('\n') + '\n';
}

/** ClusterFirst DNS: the cluster DNS service and the namespace's search path. */
export function resolvConf(namespace: string): string {
  return `nameserver 10.96.0.10\nsearch ${namespace}.svc.cluster.local svc.cluster.local cluster.local\noptions ndots:5\n`;
}

export type { Pod };
