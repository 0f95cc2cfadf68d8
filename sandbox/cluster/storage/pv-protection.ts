// Storage object in use protection for volumes: a PV carries kubernetes.io/pv-protection, and a
// deleted PV keeps it while it is Bound to a claim.
// Source: kubernetes/kubernetes pkg/controller/volume/pvprotection/pv_protection_controller.go
// (processPV, isBeingUsed: `pv.Status.Phase == v1.VolumeBound`).
import type { Component, ComponentContext } from '../component.ts';
import { ApiError } from '../api/errors.ts';
import { clone } from '../api/clone.ts';
import type { PersistentVolume } from '../types.ts';
import { hasFinalizer, PV_PROTECTION_FINALIZER } from './volume-util.ts';

export class PvProtectionController implements Component {
  readonly name = 'persistentvolume-protection-controller';
  private ctx!: ComponentContext;

  start(ctx: ComponentContext): void {
    this.ctx = ctx;
    ctx.informers.for<PersistentVolume>('persistentvolumes').onChange((ev) => {
      if (ev.type !== 'DELETED') ctx.enqueue(ev.object.metadata.name!);
    });
  }

  sync(name: string): void {
    const pv = this.ctx.informers.for<PersistentVolume>('persistentvolumes').get(undefined, name);
    if (!pv) return;
    try {
      const has = hasFinalizer(pv, PV_PROTECTION_FINALIZER);
      if (!pv.metadata.deletionTimestamp && !has) {
        const next = clone(pv);
        next.metadata.finalizers = [...(next.metadata.finalizers ?? []), PV_PROTECTION_FINALIZER];
        this.ctx.api.update('persistentvolumes', undefined, next);
      } else if (pv.metadata.deletionTimestamp && has && pv.status?.phase !== 'Bound') {
        const next = clone(pv);
        next.metadata.finalizers = next.metadata.finalizers!.filter((f) => f !== PV_PROTECTION_FINALIZER);
        this.ctx.api.update('persistentvolumes', undefined, next);
      }
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
      this.ctx.enqueue(name, 1000);
    }
  }
}
