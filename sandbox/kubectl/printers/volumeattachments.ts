// `kubectl get volumeattachments`: NAME ATTACHER PV NODE ATTACHED AGE. Source: kubernetes/kubernetes
// pkg/printers/internalversion/printers.go printVolumeAttachment (PV empty for an inline volume).
import { age } from './age.ts';
import { registerTable } from './table.ts';

registerTable('volumeattachments', {
  columns: ['NAME', 'ATTACHER', 'PV', 'NODE', 'ATTACHED', 'AGE'],
  wide: [],
  row(o, now) {
    return [o.metadata.name ?? '', o.spec?.attacher ?? '', o.spec?.source?.persistentVolumeName ?? '', o.spec?.nodeName ?? '', String(o.status?.attached ?? false), age(o.metadata.creationTimestamp, now)];
  },
});
