// `kubectl get svc`: NAME TYPE CLUSTER-IP EXTERNAL-IP PORT(S) AGE (+ SELECTOR).
// Source: kubernetes/kubernetes pkg/printers/internalversion/printers.go printService,
// getServiceExternalIP, makePortString.
import type { KubeObject } from '../../cluster/api/client.ts';
import { age } from './age.ts';
import { formatLabels, registerTable } from './table.ts';

function externalIP(svc: KubeObject, wide: boolean): string {
  const spec = svc.spec ?? {};
  const ext: string[] = spec.externalIPs ?? [];
  switch (spec.type ?? 'ClusterIP') {
    case 'ClusterIP':
    case 'NodePort':
      return ext.length ? ext.join(',') : '<none>';
    case 'LoadBalancer': {
      const ing: any[] = svc.status?.loadBalancer?.ingress ?? [];
      const list = [...ing.map((i) => i.ip || i.hostname).filter(Boolean), ...ext];
      if (!list.length) return '<pending>';
      const r = list.join(',');
      return !wide && r.length > 16 ? r.slice(0, 13) + '...' : r;
    }
    case 'ExternalName':
      return spec.externalName ?? '';
  }
  return '<unknown>';
}

export function servicePorts(ports: any[] | undefined): string {
  const list = (ports ?? []).map((p) => (p.nodePort ? `${p.port}:${p.nodePort}/${p.protocol ?? 'TCP'}` : `${p.port}/${p.protocol ?? 'TCP'}`));
  return list.length ? list.join(',') : '<none>';
}

registerTable('services', {
  columns: ['NAME', 'TYPE', 'CLUSTER-IP', 'EXTERNAL-IP', 'PORT(S)', 'AGE'],
  wide: ['SELECTOR'],
  row(svc, now, wide) {
    const spec = svc.spec ?? {};
    const clusterIP = (spec.clusterIPs?.[0] ?? spec.clusterIP) || '<none>';
    const cells = [svc.metadata.name ?? '', spec.type ?? 'ClusterIP', clusterIP, externalIP(svc, wide), servicePorts(spec.ports), age(svc.metadata.creationTimestamp, now)];
    if (wide) cells.push(formatLabels(spec.selector));
    return cells;
  },
});
