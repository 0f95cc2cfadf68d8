// `kubectl get sts`: NAME READY AGE (+ CONTAINERS IMAGES). READY is readyReplicas/spec.replicas.
// Source: kubernetes/kubernetes pkg/printers/internalversion/printers.go printStatefulSet.
import { age } from './age.ts';
import { containerCells, registerTable } from './table.ts';

registerTable('statefulsets', {
  columns: ['NAME', 'READY', 'AGE'],
  wide: ['CONTAINERS', 'IMAGES'],
  row(o, now, wide) {
    const cells = [o.metadata.name ?? '', `${o.status?.readyReplicas ?? 0}/${o.spec?.replicas ?? 0}`, age(o.metadata.creationTimestamp, now)];
    if (wide) cells.push(...containerCells(o.spec?.template?.spec?.containers));
    return cells;
  },
});
