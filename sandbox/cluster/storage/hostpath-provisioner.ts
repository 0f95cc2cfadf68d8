// minikube's storage-provisioner (kube-system/storage-provisioner), the external provisioner
// behind the default StorageClass `standard`. It creates a PV `pvc-<claim uid>` backed by
// /tmp/hostpath-provisioner/<namespace>/<claim> for each claim the PV controller marks with
// `volume.kubernetes.io/storage-provisioner: k8s.io/minikube-hostpath`, and deletes released
// PVs it made whose reclaimPolicy is Delete.
// Sources: kubernetes/minikube pkg/storage/storage_provisioner.go (Provision, Delete) and
// kubernetes-sigs/sig-storage-lib-external-provisioner controller/controller.go
// (shouldProvision, provisionClaimOperation, shouldDelete, deleteVolumeOperation; events
// `Provisioning` and `ProvisioningSucceeded`, recorded as `<provisioner>_<host>_<uuid>`).
//
// The simulator treats these volumes as network-attached (no node affinity), as bootstrap.ts says.
import type { Component, ComponentContext } from '../component.ts';
import type { EventRecorder } from '../events.ts';
import { ApiError } from '../api/errors.ts';
import type { ClusterSpec } from '../components.ts';
import type { PersistentVolume, PersistentVolumeClaim, StorageClass } from '../types.ts';
import type { Disks } from './disks.ts';
import { ANN_DYNAMICALLY_PROVISIONED, claimKey, claimProvisioner } from './volume-util.ts';

export const MINIKUBE_PROVISIONER = 'k8s.io/minikube-hostpath';
const PV_DIR = '/tmp/hostpath-provisioner';

export class HostpathProvisioner implements Component {
  readonly name = 'storage-provisioner';
  private ctx!: ComponentContext;
  private readonly host: string;
  /** The lib's controller identity (event source) and minikube's hostPathProvisionerIdentity. */
  private ids?: { controller: string; identity: string };
  private rec?: EventRecorder;

  constructor(spec: ClusterSpec) {
    this.host = spec.nodes[0]?.name ?? 'minikube';
  }

  start(ctx: ComponentContext): void {
    this.ctx = ctx;
    ctx.informers.for<PersistentVolumeClaim>('persistentvolumeclaims').onChange((ev) => {
      if (ev.type !== 'DELETED') ctx.enqueue(`claim:${claimKey(ev.object)}`);
    });
    ctx.informers.for<PersistentVolume>('persistentvolumes').onChange((ev) => {
      if (ev.type !== 'DELETED') ctx.enqueue(`volume:${ev.object.metadata.name}`);
    });
    ctx.informers.for<StorageClass>('storageclasses');
  }

  sync(key: string): void {
    const i = key.indexOf(':');
    const rest = key.slice(i + 1);
    try {
      if (key.startsWith('claim:')) {
        const [ns, name] = rest.split('/');
        const claim = this.ctx.informers.for<PersistentVolumeClaim>('persistentvolumeclaims').get(ns, name);
        if (claim && this.shouldProvision(claim)) this.provision(claim);
      } else {
        const volume = this.ctx.informers.for<PersistentVolume>('persistentvolumes').get(undefined, rest);
        if (volume && this.shouldDelete(volume)) this.deleteVolume(volume);
      }
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
      this.ctx.enqueue(key, 1000);
    }
  }

  save(): unknown {
    return { ids: this.ids };
  }

  load(state: unknown): void {
    this.ids = (state as { ids?: { controller: string; identity: string } })?.ids;
  }

  private shouldProvision(claim: PersistentVolumeClaim): boolean {
    if (claim.spec?.volumeName) return false;
    if (claim.metadata.deletionTimestamp) return false;
    if (claimProvisioner(claim) !== MINIKUBE_PROVISIONER) return false;
    const cls = this.storageClass(claim);
    if (!cls || cls.provisioner !== MINIKUBE_PROVISIONER) return false;
    // Already provisioned (the PV name is deterministic).
    return !this.ctx.informers.for('persistentvolumes').get(undefined, `pvc-${claim.metadata.uid}`);
  }

  private provision(claim: PersistentVolumeClaim): void {
    const cls = this.storageClass(claim)!;
    const ids = this.identities();
    const ns = claim.metadata.namespace!;
    this.recorder().event(claim, 'Normal', 'Provisioning', `External provisioner is provisioning volume for claim "${ns}/${claim.metadata.name}"`);
    if (claim.spec?.selector) {
      this.recorder().event(claim, 'Warning', 'ProvisioningFailed', `failed to provision volume with StorageClass "${cls.metadata.name}": claim Selector is not supported`);
      return;
    }
    const pvName = `pvc-${claim.metadata.uid}`;
    const pv: PersistentVolume = {
      metadata: {
        name: pvName,
        annotations: { hostPathProvisionerIdentity: ids.identity, [ANN_DYNAMICALLY_PROVISIONED]: MINIKUBE_PROVISIONER },
      },
      spec: {
        accessModes: [...(claim.spec?.accessModes ?? [])],
        capacity: { storage: claim.spec?.resources?.requests?.storage ?? '0' },
        claimRef: {
          kind: 'PersistentVolumeClaim', namespace: ns, name: claim.metadata.name, uid: claim.metadata.uid,
          apiVersion: 'v1', resourceVersion: claim.metadata.resourceVersion,
        },
        hostPath: { path: `${PV_DIR}/${ns}/${claim.metadata.name}`, type: '' },
        persistentVolumeReclaimPolicy: cls.reclaimPolicy ?? 'Delete',
        storageClassName: cls.metadata.name,
        volumeMode: claim.spec?.volumeMode ?? 'Filesystem',
        ...(cls.mountOptions?.length ? { mountOptions: [...cls.mountOptions] } : {}),
      },
      status: { phase: 'Pending' },
    };
    this.ctx.component<Disks>('disks')?.create(pvName);
    this.ctx.api.create('persistentvolumes', undefined, pv, { sharedResult: true });
    this.recorder().event(claim, 'Normal', 'ProvisioningSucceeded', `Successfully provisioned volume ${pvName}`);
  }

  private shouldDelete(volume: PersistentVolume): boolean {
    return volume.metadata.annotations?.[ANN_DYNAMICALLY_PROVISIONED] === MINIKUBE_PROVISIONER
      && volume.status?.phase === 'Released'
      && volume.spec?.persistentVolumeReclaimPolicy === 'Delete'
      && !volume.metadata.deletionTimestamp;
  }

  /** Removes the directory (the disk), then the PV object; pv-protection lets it go once unbound. */
  private deleteVolume(volume: PersistentVolume): void {
    this.ctx.component<Disks>('disks')?.delete(volume.metadata.name!);
    this.ctx.api.delete('persistentvolumes', undefined, volume.metadata.name!);
  }

  private storageClass(claim: PersistentVolumeClaim): StorageClass | undefined {
    const name = claim.spec?.storageClassName;
    return name ? this.ctx.informers.for<StorageClass>('storageclasses').get(undefined, name) : undefined;
  }

  private identities(): { controller: string; identity: string } {
    if (!this.ids) this.ids = { controller: `${this.host}_${uuid(this.ctx)}`, identity: uuid(this.ctx) };
    return this.ids;
  }

  private recorder(): EventRecorder {
    if (!this.rec) this.rec = this.ctx.recorder(`${MINIKUBE_PROVISIONER}_${this.identities().controller}`);
    return this.rec;
  }
}

function uuid(ctx: ComponentContext): string {
  const h = (n: number) => ctx.random.string(n, '0123456789abcdef');
  return `${h(8)}-${h(4)}-4${h(3)}-${'89ab'[ctx.random.int(4)]}${h(3)}-${h(12)}`;
}
