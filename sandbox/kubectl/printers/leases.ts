// leases (coordination.k8s.io): NAME HOLDER AGE.
// Source: kubernetes/kubernetes pkg/printers/internalversion/printers.go (leaseColumnDefinitions,
// printLease: HOLDER is spec.holderIdentity, empty when unset).
import { age } from './age.ts';
import { registerTable } from './table.ts';

registerTable('leases', {
  columns: ['NAME', 'HOLDER', 'AGE'],
  wide: [],
  row: (o, now) => [o.metadata.name ?? '', o.spec?.holderIdentity ?? '', age(o.metadata.creationTimestamp, now)],
});
