// `kubectl get deploy`: NAME READY UP-TO-DATE AVAILABLE AGE (+ CONTAINERS IMAGES SELECTOR).
// Source: kubernetes/kubernetes pkg/printers/internalversion/printers.go printDeployment.
import { age } from './age.ts';
import { containerCells, formatSelector, registerTable } from './table.ts';

registerTable('deployments', {
  columns: ['NAME', 'READY', 'UP-TO-DATE', 'AVAILABLE', 'AGE'],
  wide: ['CONTAINERS', 'IMAGES', 'SELECTOR'],
  row(o, now, wide) {
    const s = o.status ?? {};
    const cells = [o.metadata.name ?? '', `${s.readyReplicas ?? 0}/${o.spec?.replicas ?? 0}`, String(s.updatedReplicas ?? 0), String(s.availableReplicas ?? 0), age(o.metadata.creationTimestamp, now)];
    if (wide) cells.push(...containerCells(o.spec?.template?.spec?.containers), formatSelector(o.spec?.selector));
    return cells;
  },
});
