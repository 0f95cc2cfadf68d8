// `kubectl get cm`: NAME DATA AGE. Source: kubernetes/kubernetes
// pkg/printers/internalversion/printers.go printConfigMap.
import { age } from './age.ts';
import { registerTable } from './table.ts';

registerTable('configmaps', {
  columns: ['NAME', 'DATA', 'AGE'],
  wide: [],
  row: (o, now) => [o.metadata.name ?? '', String(Object.keys(o.data ?? {}).length + Object.keys(o.binaryData ?? {}).length), age(o.metadata.creationTimestamp, now)],
});
