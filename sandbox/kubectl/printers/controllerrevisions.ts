// `kubectl get controllerrevisions`: NAME CONTROLLER REVISION AGE; CONTROLLER like
// `statefulset.apps/web`. Source: kubernetes/kubernetes pkg/printers/internalversion/printers.go
// printControllerRevision, formatResourceName.
import { age } from './age.ts';
import { registerTable } from './table.ts';

registerTable('controllerrevisions', {
  columns: ['NAME', 'CONTROLLER', 'REVISION', 'AGE'],
  wide: [],
  row(o, now) {
    const ref = (o.metadata.ownerReferences ?? []).find((r: any) => r.controller);
    let controller = '<none>';
    if (ref) {
      const group = String(ref.apiVersion ?? '').includes('/') ? String(ref.apiVersion).split('/')[0] : '';
      controller = `${String(ref.kind).toLowerCase()}${group ? '.' + group : ''}/${ref.name}`;
    }
    return [o.metadata.name ?? '', controller, String(o.revision ?? 0), age(o.metadata.creationTimestamp, now)];
  },
});
