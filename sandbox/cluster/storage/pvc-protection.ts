// Storage object in use protection for claims: a claim carries the kubernetes.io/pvc-protection
// finalizer, and a deleted claim keeps it (stays Terminating) while a scheduled pod uses it.
// Source: kubernetes/kubernetes pkg/controller/volume/pvcprotection/pvc_protection_controller.go
// (processPVC, isBeingUsed, podUsesPVC). The admission plugin StorageObjectInUseProtection adds
// the finalizer on create; the controller adds it too when it is missing.
import type { Component, ComponentContext } from '../component.ts';
import { ApiError } from '../api/errors.ts';
import { clone } from '../api/clone.ts';
import type { PersistentVolumeClaim, Pod } from '../types.ts';
import { hasFinalizer, PVC_PROTECTION_FINALIZER } from './volume-util.ts';

export class PvcProtectionController implements Component {
  readonly name = 'persistentvolumeclaim-protection-controller';
  private ctx!: ComponentContext;

  start(ctx: ComponentContext): void {
    this.ctx = ctx;
    ctx.informers.for<PersistentVolumeClaim>('persistentvolumeclaims').onChange((ev) => {
      if (ev.type !== 'DELETED') ctx.enqueue(`${ev.object.metadata.namespace}/${ev.object.metadata.name}`);
    });
    // A pod that goes away (or changes) may free the claims it names.
    ctx.informers.for<Pod>('pods').onChange((ev, old) => {
      for (const p of [ev.object, old]) {
        for (const v of p?.spec?.volumes ?? []) {
          if (v.persistentVolumeClaim?.claimName) ctx.enqueue(`${p!.metadata.namespace}/${v.persistentVolumeClaim.claimName}`);
        }
      }
    });
  }

  sync(key: string): void {
    const [ns, name] = key.split('/');
    const claim = this.ctx.informers.for<PersistentVolumeClaim>('persistentvolumeclaims').get(ns, name);
    if (!claim) return;
    try {
      const has = hasFinalizer(claim, PVC_PROTECTION_FINALIZER);
      if (!claim.metadata.deletionTimestamp && !has) {
        const next = clone(claim);
        next.metadata.finalizers = [...(next.metadata.finalizers ?? []), PVC_PROTECTION_FINALIZER];
        this.ctx.api.update('persistentvolumeclaims', ns, next);
      } else if (claim.metadata.deletionTimestamp && has && !this.isBeingUsed(claim)) {
        const next = clone(claim);
        next.metadata.finalizers = next.metadata.finalizers!.filter((f) => f !== PVC_PROTECTION_FINALIZER);
        this.ctx.api.update('persistentvolumeclaims', ns, next);
      }
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
      this.ctx.enqueue(key, 1000);
    }
  }

  /**
   * podUsesPVC: a pod uses the claim once it is scheduled (spec.nodeName set), whatever its
   * phase, until the pod object is gone: the kubelet may still have the volume mounted.
   */
  private isBeingUsed(claim: PersistentVolumeClaim): boolean {
    for (const pod of this.ctx.informers.for<Pod>('pods').list(claim.metadata.namespace)) {
      if (!pod.spec?.nodeName) continue;
      if ((pod.spec.volumes ?? []).some((v) => v.persistentVolumeClaim?.claimName === claim.metadata.name)) return true;
    }
    return false;
  }
}
