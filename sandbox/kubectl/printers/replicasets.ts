// `kubectl get rs`: NAME DESIRED CURRENT READY AGE (+ CONTAINERS IMAGES SELECTOR).
// Source: kubernetes/kubernetes pkg/printers/internalversion/printers.go printReplicaSet.
import { age } from './age.ts';
import { containerCells, formatSelector, registerTable } from './table.ts';

registerTable('replicasets', {
  columns: ['NAME', 'DESIRED', 'CURRENT', 'READY', 'AGE'],
  wide: ['CONTAINERS', 'IMAGES', 'SELECTOR'],
  row(o, now, wide) {
    const s = o.status ?? {};
    const cells = [o.metadata.name ?? '', String(o.spec?.replicas ?? 0), String(s.replicas ?? 0), String(s.readyReplicas ?? 0), age(o.metadata.creationTimestamp, now)];
    if (wide) cells.push(...containerCells(o.spec?.template?.spec?.containers), formatSelector(o.spec?.selector));
    return cells;
  },
});
