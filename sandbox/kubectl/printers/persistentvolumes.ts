// `kubectl get pv`: NAME CAPACITY ACCESS MODES RECLAIM POLICY STATUS CLAIM STORAGECLASS
// VOLUMEATTRIBUTESCLASS REASON AGE (+ VOLUMEMODE).
// Source: kubernetes/kubernetes pkg/printers/internalversion/printers.go printPersistentVolume.
import { age } from './age.ts';
import { accessModesString, registerTable } from './table.ts';

registerTable('persistentvolumes', {
  columns: ['NAME', 'CAPACITY', 'ACCESS MODES', 'RECLAIM POLICY', 'STATUS', 'CLAIM', 'STORAGECLASS', 'VOLUMEATTRIBUTESCLASS', 'REASON', 'AGE'],
  wide: ['VOLUMEMODE'],
  row(o, now, wide) {
    const spec = o.spec ?? {};
    const claim = spec.claimRef ? `${spec.claimRef.namespace}/${spec.claimRef.name}` : '';
    const phase = o.metadata.deletionTimestamp ? 'Terminating' : (o.status?.phase ?? '');
    const cells = [o.metadata.name ?? '', spec.capacity?.storage ?? '0', accessModesString(spec.accessModes), spec.persistentVolumeReclaimPolicy ?? '', phase, claim, spec.storageClassName ?? '', spec.volumeAttributesClassName || '<unset>', o.status?.reason ?? '', age(o.metadata.creationTimestamp, now)];
    if (wide) cells.push(spec.volumeMode ?? '<unset>');
    return cells;
  },
});
