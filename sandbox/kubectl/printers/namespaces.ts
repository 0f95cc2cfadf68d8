// `kubectl get ns`: NAME STATUS AGE. Source: kubernetes/kubernetes
// pkg/printers/internalversion/printers.go printNamespace.
import { age } from './age.ts';
import { registerTable } from './table.ts';

registerTable('namespaces', {
  columns: ['NAME', 'STATUS', 'AGE'],
  wide: [],
  row: (o, now) => [o.metadata.name ?? '', o.status?.phase ?? (o.metadata.deletionTimestamp ? 'Terminating' : 'Active'), age(o.metadata.creationTimestamp, now)],
});
