// `kubectl get endpoints`: NAME ENDPOINTS AGE; at most three addresses then `+ N more...`.
// Source: kubernetes/kubernetes pkg/printers/internalversion/printers.go printEndpoints, formatEndpoints.
import type { KubeObject } from '../../cluster/api/client.ts';
import { age } from './age.ts';
import { registerTable } from './table.ts';

export function formatEndpoints(ep: KubeObject): string {
  const subsets: any[] = ep.subsets ?? [];
  if (!subsets.length) return '<none>';
  const list: string[] = [];
  const max = 3;
  let more = false;
  let count = 0;
  for (const ss of subsets) {
    const addrs: any[] = ss.addresses ?? [];
    if (!(ss.ports ?? []).length) {
      count += addrs.length;
      for (const a of addrs) {
        if (list.length === max) { more = true; break; }
        list.push(a.ip);
      }
      continue;
    }
    for (const p of ss.ports) {
      count += addrs.length;
      for (const a of addrs) {
        if (list.length === max) { more = true; break; }
        list.push(`${a.ip}:${p.port}`);
      }
    }
  }
  const ret = list.join(',');
  return more ? `${ret} + ${count - max} more...` : ret;
}

registerTable('endpoints', {
  columns: ['NAME', 'ENDPOINTS', 'AGE'],
  wide: [],
  row: (o, now) => [o.metadata.name ?? '', formatEndpoints(o), age(o.metadata.creationTimestamp, now)],
});
