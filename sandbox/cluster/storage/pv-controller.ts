// The PersistentVolume binder: binds claims to volumes, asks for dynamic provisioning, and
// reclaims released volumes. Mirrors kubernetes/kubernetes
// pkg/controller/volume/persistentvolume/pv_controller.go (syncClaim, syncUnboundClaim,
// syncBoundClaim, syncVolume, bind, reclaimVolume) and index.go (findBestMatchForClaim).
// Events are recorded as `persistentvolume-controller`, as the real controller does.
//
// Provisioning itself is done by an external provisioner (minikube's `k8s.io/minikube-hostpath`,
// see hostpath-provisioner.ts): this controller only marks the claim for it and reports
// ExternalProvisioning, then binds the PV the provisioner creates.
import type { Component, ComponentContext } from '../component.ts';
import type { EventRecorder } from '../events.ts';
import { ApiError } from '../api/errors.ts';
import { labelSelectorMatcher } from '../api/selectors.ts';
import { clone } from '../api/clone.ts';
import type { PersistentVolume, PersistentVolumeClaim, Pod, StorageClass } from '../types.ts';
import type { Disks } from './disks.ts';
import { parseQuantity as quantityValue } from '../api/quantity.ts';
import {
  ANN_BETA_STORAGE_PROVISIONER, ANN_BIND_COMPLETED, ANN_BOUND_BY_CONTROLLER, ANN_DYNAMICALLY_PROVISIONED,
  ANN_SELECTED_NODE, ANN_STORAGE_PROVISIONER, claimClass, claimKey, defaultClass, isVolumeBoundToClaim, volumeClass,
} from './volume-util.ts';

/** `--pvclaimbinder-sync-period`: how often a pending claim or unbound volume is looked at again. */
export const PV_RESYNC_MS = 15_000;

export class PersistentVolumeController implements Component {
  readonly name = 'persistentvolume-binder-controller';
  private ctx!: ComponentContext;
  private recorder!: EventRecorder;
  /** Keys with a resync timer set, so a pending claim has one timer, not one per sync. */
  private resyncs = new Map<string, number>();
  // Indexes over the volume cache (rebuilt from the informer on start, so not saved), like the
  // controller's persistentVolumeOrderedIndex: volumes by the claim they name, and unclaimed ones.
  private byClaimRef = new Map<string, Set<string>>();
  private unclaimed = new Set<string>();

  start(ctx: ComponentContext): void {
    this.ctx = ctx;
    this.recorder = ctx.recorder('persistentvolume-controller');
    ctx.informers.for<PersistentVolumeClaim>('persistentvolumeclaims').onChange((ev) => {
      const c = ev.object;
      ctx.enqueue(`claim:${claimKey(c)}`);
      if (ev.type === 'DELETED') {
        this.cancelResync(`claim:${claimKey(c)}`);
        // The volumes that pointed at it are now released (deleteClaim → volumeQueue.Add).
        if (c.spec?.volumeName) ctx.enqueue(`volume:${c.spec.volumeName}`);
        for (const pv of [...(this.byClaimRef.get(claimKey(c)) ?? [])].sort()) ctx.enqueue(`volume:${pv}`);
      }
    });
    ctx.informers.for<PersistentVolume>('persistentvolumes').onChange((ev, old) => {
      const pv = ev.object as PersistentVolume;
      if (old) this.unindex(old as PersistentVolume);
      if (ev.type !== 'DELETED') this.index(pv);
      ctx.enqueue(`volume:${pv.metadata.name}`);
    });
    ctx.informers.for<StorageClass>('storageclasses');
    ctx.informers.for<Pod>('pods');
  }

  sync(key: string): void {
    const i = key.indexOf(':');
    const kind = key.slice(0, i);
    const rest = key.slice(i + 1);
    try {
      if (kind === 'claim') {
        const [ns, name] = rest.split('/');
        const claim = this.claims().get(ns, name);
        if (claim) this.syncClaim(claim);
      } else if (kind === 'volume') {
        const volume = this.volumes().get(undefined, rest);
        if (volume) this.syncVolume(volume);
      }
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
      this.ctx.enqueue(key, 1000);
    }
  }

  onTimer(type: string, data: unknown): void {
    if (type !== 'resync') return;
    this.resyncs.delete(data as string);
    this.ctx.enqueue(data as string);
  }

  save(): unknown {
    return { resyncs: [...this.resyncs].sort(([a], [b]) => (a < b ? -1 : 1)) };
  }

  load(state: unknown): void {
    this.resyncs = new Map((state as { resyncs?: [string, number][] })?.resyncs ?? []);
  }

  // ---- claims ------------------------------------------------------------------------------

  private syncClaim(claim: PersistentVolumeClaim): void {
    if (!claim.metadata.annotations?.[ANN_BIND_COMPLETED]) this.syncUnboundClaim(claim);
    else this.syncBoundClaim(claim);
  }

  private syncUnboundClaim(claim: PersistentVolumeClaim): void {
    const volumeName = claim.spec?.volumeName;
    if (!volumeName) {
      // The user did not care which PV they get.
      const cls = this.ctx.informers.for<StorageClass>('storageclasses').get(undefined, claimClass(claim));
      const delayBinding = cls?.volumeBindingMode === 'WaitForFirstConsumer';
      const volume = this.findBestMatchForClaim(claim, delayBinding);
      if (volume) {
        this.bind(volume, claim);
        return;
      }
      // No PV could be found. RetroactiveDefaultStorageClass (GA 1.28): a claim with no class
      // gets the default class, then is synced again.
      if (claim.spec?.storageClassName === undefined || claim.spec?.storageClassName === null) {
        const def = defaultClass(this.ctx.informers.for<StorageClass>('storageclasses').list());
        if (def) {
          const next = clone(claim);
          next.spec = { ...next.spec, storageClassName: def.metadata.name };
          this.ctx.api.update('persistentvolumeclaims', claim.metadata.namespace, next);
          return;
        }
      }
      if (delayBinding && !claim.metadata.annotations?.[ANN_SELECTED_NODE]) {
        // The scheduler picks the node (and sets selected-node) once a pod uses the claim.
        this.emitEventForUnboundDelayBindingClaim(claim);
        this.updateClaimStatus(claim, 'Pending', undefined);
      } else if (claimClass(claim) !== '') {
        this.provisionClaim(claim);
      } else {
        this.recorder.event(claim, 'Normal', 'FailedBinding', 'no persistent volumes available for this claim and no storage class is set');
        this.updateClaimStatus(claim, 'Pending', undefined);
      }
      this.resync(`claim:${claimKey(claim)}`);
      return;
    }
    // The user asked for a specific PV.
    const volume = this.volumes().get(undefined, volumeName);
    if (!volume) {
      this.updateClaimStatus(claim, 'Pending', undefined);
      this.resync(`claim:${claimKey(claim)}`);
      return;
    }
    if (!volume.spec?.claimRef || isVolumeBoundToClaim(volume, claim)) {
      this.bind(volume, claim);
      return;
    }
    // Claimed by someone else: wait (the user pre-bound it).
    this.updateClaimStatus(claim, 'Pending', undefined);
    this.resync(`claim:${claimKey(claim)}`);
  }

  private syncBoundClaim(claim: PersistentVolumeClaim): void {
    const volumeName = claim.spec?.volumeName;
    if (!volumeName) {
      this.updateClaimStatusWithEvent(claim, 'Lost', 'ClaimLost', 'Bound claim has lost reference to PersistentVolume. Data on the volume is lost!');
      return;
    }
    const volume = this.volumes().get(undefined, volumeName);
    if (!volume) {
      this.updateClaimStatusWithEvent(claim, 'Lost', 'ClaimLost', 'Bound claim has lost its PersistentVolume. Data on the volume is lost!');
      return;
    }
    if (!volume.spec?.claimRef) {
      // The volume lost its claimRef (by the user?): bind it again.
      this.bind(volume, claim);
      return;
    }
    if (isVolumeBoundToClaim(volume, claim)) {
      // Both sides point at each other: make sure status says so.
      this.bind(volume, claim);
      return;
    }
    this.updateClaimStatusWithEvent(claim, 'Lost', 'ClaimMisbound', 'Two claims are bound to the same volume, this one is bound incorrectly');
  }

  /**
   * provisionClaimOperation for a provisioner that is not an in-tree plugin: mark the claim with
   * the provisioner's name and wait for the PV. Source: pv_controller.go provisionClaimOperation,
   * setClaimProvisioner, provisionClaimOperationExternal.
   */
  private provisionClaim(claim: PersistentVolumeClaim): void {
    const className = claimClass(claim);
    const cls = this.ctx.informers.for<StorageClass>('storageclasses').get(undefined, className);
    if (!cls) {
      this.recorder.event(claim, 'Warning', 'ProvisioningFailed', `storageclass.storage.k8s.io "${className}" not found`);
      this.updateClaimStatus(claim, 'Pending', undefined);
      return;
    }
    const provisioner = cls.provisioner;
    const ann = claim.metadata.annotations ?? {};
    let current = claim;
    if (ann[ANN_STORAGE_PROVISIONER] !== provisioner || ann[ANN_BETA_STORAGE_PROVISIONER] !== provisioner) {
      const annotations = { ...claim.metadata.annotations, [ANN_BETA_STORAGE_PROVISIONER]: provisioner, [ANN_STORAGE_PROVISIONER]: provisioner };
      current = this.ctx.api.update('persistentvolumeclaims', claim.metadata.namespace, { ...claim, metadata: { ...claim.metadata, annotations } });
    }
    this.recorder.event(current, 'Normal', 'ExternalProvisioning',
      `Waiting for a volume to be created either by the external provisioner '${provisioner}' or manually by the system administrator. If volume creation is delayed, please verify that the provisioner is running and correctly registered.`);
    // The API server defaults a new claim's phase to Pending; make sure a learner sees it.
    if (!current.status?.phase) this.updateClaimStatus(current, 'Pending', undefined);
  }

  /** emitEventForUnboundDelayBindingClaim: who the claim waits for. */
  private emitEventForUnboundDelayBindingClaim(claim: PersistentVolumeClaim): void {
    const podNames = this.ctx.informers.for<Pod>('pods').list(claim.metadata.namespace)
      .filter((p) => !p.spec?.nodeName && (p.spec?.volumes ?? []).some((v) => v.persistentVolumeClaim?.claimName === claim.metadata.name))
      .map((p) => p.metadata.name!)
      .sort();
    if (!podNames.length) this.recorder.event(claim, 'Normal', 'WaitForFirstConsumer', 'waiting for first consumer to be created before binding');
    else if (podNames.length === 1) this.recorder.event(claim, 'Normal', 'WaitForPodScheduled', `waiting for pod ${podNames[0]} to be scheduled`);
    else this.recorder.event(claim, 'Normal', 'WaitForPodScheduled', `waiting for pods ${podNames.join(',')} to be scheduled`);
  }

  /**
   * findBestMatchForClaim (index.go): a volume pre-bound to the claim wins; otherwise the
   * Available, unclaimed, same-class volume whose labels match the selector, with the fewest
   * access modes that cover the request, smallest capacity first.
   */
  private findBestMatchForClaim(claim: PersistentVolumeClaim, delayBinding: boolean): PersistentVolume | undefined {
    const requested = quantityValue(claim.spec?.resources?.requests?.storage);
    const modes = claim.spec?.accessModes ?? [];
    const cls = claimClass(claim);
    const selector = claim.spec?.selector ? labelSelectorMatcher(claim.spec.selector) : undefined;
    const volumeMode = claim.spec?.volumeMode ?? 'Filesystem';
    let best: PersistentVolume | undefined;
    let bestKey: [number, number, string] | undefined;
    const volumes = this.volumes();
    for (const name of [...(this.byClaimRef.get(claimKey(claim)) ?? [])].sort()) {
      const volume = volumes.get(undefined, name);
      if (!volume || volume.metadata.deletionTimestamp) continue;
      if ((volume.spec?.volumeMode ?? 'Filesystem') !== volumeMode) continue;
      if (isVolumeBoundToClaim(volume, claim)) return volume;
    }
    // With WaitForFirstConsumer only the scheduler binds free volumes (it knows the node).
    if (delayBinding) return undefined;
    for (const name of [...this.unclaimed].sort()) {
      const volume = volumes.get(undefined, name);
      if (!volume) continue;
      if ((volume.spec?.volumeMode ?? 'Filesystem') !== volumeMode) continue;
      if (volume.metadata.deletionTimestamp) continue;
      if (volume.status?.phase !== 'Available') continue;
      if (volume.spec?.claimRef) continue;
      if (selector && !selector(volume.metadata.labels)) continue;
      if (volumeClass(volume) !== cls) continue;
      const vmodes = volume.spec?.accessModes ?? [];
      if (!modes.every((m) => vmodes.includes(m))) continue;
      const size = quantityValue(volume.spec?.capacity?.storage);
      if (!(size >= requested)) continue;
      const k: [number, number, string] = [vmodes.length, size, volume.metadata.name!];
      if (!bestKey || k[0] < bestKey[0] || (k[0] === bestKey[0] && k[1] < bestKey[1])) {
        best = volume;
        bestKey = k;
      }
    }
    return best;
  }

  /** bind: volume → claim first, then claim → volume (two steps, each an API write). */
  private bind(volume: PersistentVolume, claim: PersistentVolumeClaim): void {
    let v = this.bindVolumeToClaim(volume, claim);
    v = this.updateVolumePhase(v, 'Bound');
    const c = this.bindClaimToVolume(claim, v);
    this.updateClaimStatus(c, 'Bound', v);
    this.cancelResync(`claim:${claimKey(claim)}`);
  }

  // The writes below build the new object from shallow copies of the stored (frozen) one, and
  // only when something changes: the API server copies what it is sent anyway, and most binds
  // of an already bound pair change nothing.
  private bindVolumeToClaim(volume: PersistentVolume, claim: PersistentVolumeClaim): PersistentVolume {
    const shouldSetBoundByController = !isVolumeBoundToClaim(volume, claim);
    const ref = volume.spec?.claimRef;
    const setRef = !ref || ref.name !== claim.metadata.name || ref.namespace !== claim.metadata.namespace || ref.uid !== claim.metadata.uid;
    const setBoundBy = shouldSetBoundByController && !volume.metadata.annotations?.[ANN_BOUND_BY_CONTROLLER];
    if (!setRef && !setBoundBy) return volume;
    const next: PersistentVolume = { ...volume, metadata: { ...volume.metadata } };
    if (setRef) {
      next.spec = {
        ...next.spec,
        claimRef: {
          kind: 'PersistentVolumeClaim', namespace: claim.metadata.namespace, name: claim.metadata.name,
          uid: claim.metadata.uid, apiVersion: 'v1', resourceVersion: claim.metadata.resourceVersion,
        },
      };
    }
    if (setBoundBy) next.metadata.annotations = { ...next.metadata.annotations, [ANN_BOUND_BY_CONTROLLER]: 'yes' };
    return this.ctx.api.update('persistentvolumes', undefined, next);
  }

  private bindClaimToVolume(claim: PersistentVolumeClaim, volume: PersistentVolume): PersistentVolumeClaim {
    const shouldSetBoundByController = claim.spec?.volumeName !== volume.metadata.name;
    const setVolumeName = claim.spec?.volumeName !== volume.metadata.name;
    const ann = claim.metadata.annotations ?? {};
    const setBoundBy = shouldSetBoundByController && !ann[ANN_BOUND_BY_CONTROLLER];
    const setCompleted = !ann[ANN_BIND_COMPLETED];
    if (!setVolumeName && !setBoundBy && !setCompleted) return claim;
    const next: PersistentVolumeClaim = { ...claim, metadata: { ...claim.metadata, annotations: { ...ann } } };
    if (setVolumeName) next.spec = { ...next.spec, volumeName: volume.metadata.name };
    if (setBoundBy) next.metadata.annotations![ANN_BOUND_BY_CONTROLLER] = 'yes';
    if (setCompleted) next.metadata.annotations![ANN_BIND_COMPLETED] = 'yes';
    return this.ctx.api.update('persistentvolumeclaims', claim.metadata.namespace, next);
  }

  private updateClaimStatus(claim: PersistentVolumeClaim, phase: string, volume: PersistentVolume | undefined): PersistentVolumeClaim {
    // A shallow copy: only its top level changes (the API server copies what it is sent).
    const status = { ...(claim.status ?? {}) } as NonNullable<PersistentVolumeClaim['status']>;
    let dirty = false;
    if (claim.status?.phase !== phase) {
      status.phase = phase;
      dirty = true;
    }
    if (!volume) {
      if (status.accessModes !== undefined) { delete status.accessModes; dirty = true; }
      if (status.capacity !== undefined) { delete status.capacity; dirty = true; }
    } else {
      const modes = volume.spec?.accessModes;
      if (JSON.stringify(status.accessModes) !== JSON.stringify(modes)) { status.accessModes = clone(modes); dirty = true; }
      // Capacity is copied when the claim becomes Bound, not after (a resize may differ on purpose).
      if (claim.status?.phase !== phase) {
        const vcap = volume.spec?.capacity?.storage;
        if (status.capacity?.storage === undefined || quantityValue(status.capacity.storage) !== quantityValue(vcap)) {
          status.capacity = clone(volume.spec?.capacity);
          dirty = true;
        }
      }
    }
    if (!dirty) return claim;
    return this.ctx.api.update('persistentvolumeclaims', claim.metadata.namespace, { ...claim, status }, { subresource: 'status' });
  }

  private updateClaimStatusWithEvent(claim: PersistentVolumeClaim, phase: string, reason: string, message: string): void {
    if (claim.status?.phase === phase) return;
    this.updateClaimStatus(claim, phase, undefined);
    this.recorder.event(claim, 'Warning', reason, message);
  }

  // ---- volumes -----------------------------------------------------------------------------

  private syncVolume(volume: PersistentVolume): void {
    const ref = volume.spec?.claimRef;
    if (!ref) {
      this.updateVolumePhase(volume, 'Available');
      return;
    }
    if (!ref.uid) {
      // Pre-bound by the user to a claim that has not bound yet: the claim sync handles it.
      this.updateVolumePhase(volume, 'Available');
      return;
    }
    let claim: PersistentVolumeClaim | undefined = this.claims().get(ref.namespace, ref.name!);
    // The claim was deleted and another with the same name created.
    if (claim && claim.metadata.uid !== ref.uid) claim = undefined;
    if (!claim) {
      // Released. Do not overwrite Failed: let the user see what went wrong.
      let v = volume;
      if (v.status?.phase !== 'Released' && v.status?.phase !== 'Failed') v = this.updateVolumePhase(v, 'Released');
      this.reclaimVolume(v);
      return;
    }
    if (!claim.spec?.volumeName) {
      // Provisioned for (or pre-bound to) a claim that is not bound yet: finish in syncClaim.
      this.ctx.enqueue(`claim:${claimKey(claim)}`);
      return;
    }
    if (claim.spec.volumeName === volume.metadata.name) {
      this.updateVolumePhase(volume, 'Bound');
      return;
    }
    // Bound to a claim that is bound elsewhere.
    if (volume.metadata.annotations?.[ANN_DYNAMICALLY_PROVISIONED] && volume.spec?.persistentVolumeReclaimPolicy === 'Delete') {
      let v = volume;
      if (v.status?.phase !== 'Released' && v.status?.phase !== 'Failed') v = this.updateVolumePhase(v, 'Released');
      this.reclaimVolume(v);
      return;
    }
    this.unbindVolume(volume);
  }

  /** unbindVolume: a controller-made binding is removed; a user's pre-binding loses only its UID. */
  private unbindVolume(volume: PersistentVolume): void {
    const next = clone(volume);
    if (next.metadata.annotations?.[ANN_BOUND_BY_CONTROLLER]) {
      delete next.spec!.claimRef;
      delete next.metadata.annotations[ANN_BOUND_BY_CONTROLLER];
    } else if (next.spec?.claimRef) {
      next.spec.claimRef.uid = '';
    }
    const v = this.ctx.api.update<PersistentVolume>('persistentvolumes', undefined, next);
    this.updateVolumePhase(v, 'Available');
  }

  /** reclaimVolume: Retain keeps it Released; Delete deletes it (or waits for its external provisioner). */
  private reclaimVolume(volume: PersistentVolume): void {
    const policy = volume.spec?.persistentVolumeReclaimPolicy ?? 'Retain';
    if (policy === 'Retain') return;
    if (policy === 'Recycle') {
      this.updateVolumePhaseWithEvent(volume, 'Failed', 'VolumeFailedRecycle', 'No recycler plugin found for the volume!');
      return;
    }
    if (policy !== 'Delete') {
      this.updateVolumePhaseWithEvent(volume, 'Failed', 'VolumeUnknownReclaimPolicy', 'Volume has unrecognized PersistentVolumeReclaimPolicy');
      return;
    }
    if (volume.metadata.deletionTimestamp) return; // already being deleted
    const provisionedBy = volume.metadata.annotations?.[ANN_DYNAMICALLY_PROVISIONED];
    if (provisionedBy && !provisionedBy.startsWith('kubernetes.io/')) return; // its external provisioner deletes it
    // In-tree deleters (findDeletablePlugin): only hostPath's, and only under /tmp
    // (pkg/volume/hostpath/host_path.go hostPathDeleter.Delete).
    const hostPath = volume.spec?.hostPath?.path;
    if (hostPath === undefined) {
      this.updateVolumePhaseWithEvent(volume, 'Failed', 'VolumeFailedDelete', `error getting deleter volume plugin for volume "${volume.metadata.name}": no deletable volume plugin matched`);
      return;
    }
    if (!/\/tmp\/.+/.test(hostPath)) {
      this.updateVolumePhaseWithEvent(volume, 'Failed', 'VolumeFailedDelete', `host_path deleter only supports /tmp/.+ but received provided ${hostPath}`);
      return;
    }
    this.ctx.component<Disks>('disks')?.delete(volume.metadata.name!);
    this.ctx.api.delete('persistentvolumes', undefined, volume.metadata.name!);
  }

  private updateVolumePhase(volume: PersistentVolume, phase: string, message?: string): PersistentVolume {
    if (volume.status?.phase === phase) return volume;
    // lastPhaseTransitionTime (GA 1.31) is stamped on every phase change
    // (pkg/registry/core/persistentvolume/strategy.go).
    const status: NonNullable<PersistentVolume['status']> = { ...volume.status, phase, lastPhaseTransitionTime: this.ctx.clock.nowISO() };
    if (message) status.message = message;
    else delete status.message;
    return this.ctx.api.update('persistentvolumes', undefined, { ...volume, status }, { subresource: 'status' });
  }

  private updateVolumePhaseWithEvent(volume: PersistentVolume, phase: string, reason: string, message: string): void {
    if (volume.status?.phase === phase) return;
    const v = this.updateVolumePhase(volume, phase, message);
    this.recorder.event(v, 'Warning', reason, message);
  }

  // ---- helpers -----------------------------------------------------------------------------

  private resync(key: string): void {
    if (this.resyncs.has(key)) return;
    this.resyncs.set(key, this.ctx.setTimer(PV_RESYNC_MS, 'resync', key));
  }

  /** A bound or deleted claim needs no periodic look (keeps "skip to the next change" meaningful). */
  private cancelResync(key: string): void {
    const id = this.resyncs.get(key);
    if (id === undefined) return;
    this.ctx.cancelTimer(id);
    this.resyncs.delete(key);
  }

  private claims() {
    return this.ctx.informers.for<PersistentVolumeClaim>('persistentvolumeclaims');
  }

  private volumes() {
    return this.ctx.informers.for<PersistentVolume>('persistentvolumes');
  }

  private index(pv: PersistentVolume): void {
    const ref = pv.spec?.claimRef;
    if (!ref) {
      this.unclaimed.add(pv.metadata.name!);
      return;
    }
    const k = `${ref.namespace}/${ref.name}`;
    let set = this.byClaimRef.get(k);
    if (!set) this.byClaimRef.set(k, (set = new Set()));
    set.add(pv.metadata.name!);
  }

  private unindex(pv: PersistentVolume): void {
    const ref = pv.spec?.claimRef;
    if (!ref) {
      this.unclaimed.delete(pv.metadata.name!);
      return;
    }
    const k = `${ref.namespace}/${ref.name}`;
    const set = this.byClaimRef.get(k);
    set?.delete(pv.metadata.name!);
    if (set && !set.size) this.byClaimRef.delete(k);
  }
}
