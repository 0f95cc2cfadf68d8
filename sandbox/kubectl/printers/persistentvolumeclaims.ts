// `kubectl get pvc`: NAME STATUS VOLUME CAPACITY ACCESS MODES STORAGECLASS VOLUMEATTRIBUTESCLASS AGE
// (+ VOLUMEMODE). Capacity and access modes show only once bound to a volume.
// Source: kubernetes/kubernetes pkg/printers/internalversion/printers.go printPersistentVolumeClaim.
import { age } from './age.ts';
import { accessModesString, registerTable } from './table.ts';

registerTable('persistentvolumeclaims', {
  columns: ['NAME', 'STATUS', 'VOLUME', 'CAPACITY', 'ACCESS MODES', 'STORAGECLASS', 'VOLUMEATTRIBUTESCLASS', 'AGE'],
  wide: ['VOLUMEMODE'],
  row(o, now, wide) {
    const spec = o.spec ?? {};
    const phase = o.metadata.deletionTimestamp ? 'Terminating' : (o.status?.phase ?? '');
    let capacity = '';
    let modes = '';
    if (spec.volumeName) {
      modes = accessModesString(o.status?.accessModes);
      capacity = o.status?.capacity?.storage ?? '0';
    }
    const cells = [o.metadata.name ?? '', phase, spec.volumeName ?? '', capacity, modes, spec.storageClassName ?? o.metadata.annotations?.['volume.beta.kubernetes.io/storage-class'] ?? '', spec.volumeAttributesClassName || '<unset>', age(o.metadata.creationTimestamp, now)];
    if (wide) cells.push(spec.volumeMode ?? '<unset>');
    return cells;
  },
});
