// `kubectl get endpointslices`: NAME ADDRESSTYPE PORTS ENDPOINTS AGE.
// Source: kubernetes/kubernetes pkg/printers/internalversion/printers.go printEndpointSlice,
// formatDiscoveryPorts, formatDiscoveryEndpoints.
import { age } from './age.ts';
import { registerTable } from './table.ts';

function ports(list: any[] | undefined): string {
  if (!list?.length) return '<unset>';
  return list.map((p) => (p.port == null ? '<unset>' : String(p.port))).join(',');
}

function endpoints(list: any[] | undefined): string {
  if (!list?.length) return '<unset>';
  const out: string[] = [];
  const max = 3;
  let more = false;
  let count = 0;
  for (const e of list) {
    for (const a of e.addresses ?? []) {
      if (out.length < max) out.push(a);
      else more = true;
      count++;
    }
  }
  return more ? `${out.join(',')} + ${count - max} more...` : out.join(',');
}

registerTable('endpointslices', {
  columns: ['NAME', 'ADDRESSTYPE', 'PORTS', 'ENDPOINTS', 'AGE'],
  wide: [],
  row: (o, now) => [o.metadata.name ?? '', o.addressType ?? '', ports(o.ports), endpoints(o.endpoints), age(o.metadata.creationTimestamp, now)],
});
