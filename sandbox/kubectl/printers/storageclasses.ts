// `kubectl get sc`: NAME PROVISIONER RECLAIMPOLICY VOLUMEBINDINGMODE ALLOWVOLUMEEXPANSION AGE;
// the default class is marked `(default)`. Source: kubernetes/kubernetes
// pkg/printers/internalversion/printers.go printStorageClass.
import { age } from './age.ts';
import { registerTable } from './table.ts';

registerTable('storageclasses', {
  columns: ['NAME', 'PROVISIONER', 'RECLAIMPOLICY', 'VOLUMEBINDINGMODE', 'ALLOWVOLUMEEXPANSION', 'AGE'],
  wide: [],
  row(o, now) {
    const a = o.metadata.annotations ?? {};
    const isDefault = a['storageclass.kubernetes.io/is-default-class'] === 'true' || a['storageclass.beta.kubernetes.io/is-default-class'] === 'true';
    const name = isDefault ? `${o.metadata.name} (default)` : (o.metadata.name ?? '');
    return [name, o.provisioner ?? '', o.reclaimPolicy ?? 'Delete', o.volumeBindingMode ?? 'Immediate', String(o.allowVolumeExpansion ?? false), age(o.metadata.creationTimestamp, now)];
  },
});
