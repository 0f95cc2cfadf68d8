import { describe, expect, it } from 'vitest';
import type { PersistentVolume, PersistentVolumeClaim } from '../types.ts';
import type { Cluster } from '../cluster.ts';
import type { Disks } from './disks.ts';
import { eventsFor, runPod, testCluster } from './testkit.ts';
import { PV_RESYNC_MS } from './pv-controller.ts';

function claim(c: Cluster, name: string, spec: Record<string, unknown> = {}): PersistentVolumeClaim {
  c.api.create('persistentvolumeclaims', 'default', {
    metadata: { name },
    spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } }, ...spec },
  });
  c.settle();
  return c.api.get('persistentvolumeclaims', 'default', name);
}

function staticPV(c: Cluster, name: string, size: string, spec: Record<string, unknown> = {}): void {
  c.api.create('persistentvolumes', undefined, {
    metadata: { name },
    spec: {
      capacity: { storage: size }, accessModes: ['ReadWriteOnce'], persistentVolumeReclaimPolicy: 'Retain',
      storageClassName: 'manual', hostPath: { path: `/data/${name}` }, ...spec,
    },
  });
  c.settle();
}

const disks = (c: Cluster) => c.component<Disks>('disks')!;

describe('dynamic provisioning (pv_controller.go + minikube storage-provisioner)', () => {
  it('binds a claim of class standard to pvc-<uid> in the same instant, with a disk', () => {
    const { c } = testCluster();
    const t0 = c.clock.now();
    const pvc = claim(c, 'www-web-0', { storageClassName: 'standard' });
    expect(c.clock.now()).toBe(t0);
    const pvName = `pvc-${pvc.metadata.uid}`;
    expect(pvc.status?.phase).toBe('Bound');
    expect(pvc.spec?.volumeName).toBe(pvName);
    expect(pvc.status?.capacity).toEqual({ storage: '1Gi' });
    expect(pvc.status?.accessModes).toEqual(['ReadWriteOnce']);
    expect(pvc.metadata.annotations).toMatchObject({
      'pv.kubernetes.io/bind-completed': 'yes',
      'pv.kubernetes.io/bound-by-controller': 'yes',
      'volume.beta.kubernetes.io/storage-provisioner': 'k8s.io/minikube-hostpath',
      'volume.kubernetes.io/storage-provisioner': 'k8s.io/minikube-hostpath',
    });
    const pv = c.api.get<PersistentVolume>('persistentvolumes', undefined, pvName);
    expect(pv.status?.phase).toBe('Bound');
    expect(pv.spec?.hostPath?.path).toBe('/tmp/hostpath-provisioner/default/www-web-0');
    expect(pv.spec?.persistentVolumeReclaimPolicy).toBe('Delete');
    expect(pv.spec?.storageClassName).toBe('standard');
    expect(pv.spec?.capacity).toEqual({ storage: '1Gi' });
    expect(pv.spec?.claimRef).toMatchObject({ kind: 'PersistentVolumeClaim', namespace: 'default', name: 'www-web-0', uid: pvc.metadata.uid });
    expect(pv.metadata.annotations?.['pv.kubernetes.io/provisioned-by']).toBe('k8s.io/minikube-hostpath');
    expect(pv.metadata.finalizers).toEqual(['kubernetes.io/pv-protection']);
    expect(disks(c).fs(pvName)).toBeDefined();
  });

  it('reports ExternalProvisioning, Provisioning and ProvisioningSucceeded on the claim, once each', () => {
    const { c } = testCluster();
    const pvc = claim(c, 'data', { storageClassName: 'standard' });
    const evs = eventsFor(c, 'default', 'data');
    expect(evs.map((e) => e.reason).sort()).toEqual(['ExternalProvisioning', 'Provisioning', 'ProvisioningSucceeded']);
    const by = Object.fromEntries(evs.map((e) => [e.reason, e]));
    expect(by.ExternalProvisioning.source).toBe('persistentvolume-controller');
    expect(by.ExternalProvisioning.message).toBe("Waiting for a volume to be created either by the external provisioner 'k8s.io/minikube-hostpath' or manually by the system administrator. If volume creation is delayed, please verify that the provisioner is running and correctly registered.");
    expect(by.Provisioning.message).toBe('External provisioner is provisioning volume for claim "default/data"');
    expect(by.Provisioning.source).toMatch(/^k8s\.io\/minikube-hostpath_minikube_[0-9a-f-]{36}$/);
    expect(by.ProvisioningSucceeded.message).toBe(`Successfully provisioned volume pvc-${pvc.metadata.uid}`);
    expect(evs.every((e) => e.count === 1)).toBe(true);
  });

  it('gives a claim without storageClassName the default class standard', () => {
    const { c } = testCluster();
    const pvc = claim(c, 'data');
    expect(pvc.spec?.storageClassName).toBe('standard');
    expect(pvc.status?.phase).toBe('Bound');
  });

  it('deletes the PV and its files when the claim is deleted (reclaimPolicy Delete)', () => {
    const { c } = testCluster();
    const pvc = claim(c, 'data', { storageClassName: 'standard' });
    const pvName = pvc.spec!.volumeName!;
    disks(c).fs(pvName)!.writeFile('/index.html', 'hello');
    c.api.delete('persistentvolumeclaims', 'default', 'data');
    c.settle();
    expect(() => c.api.get('persistentvolumeclaims', 'default', 'data')).toThrow('not found');
    expect(() => c.api.get('persistentvolumes', undefined, pvName)).toThrow(`persistentvolumes "${pvName}" not found`);
    expect(disks(c).fs(pvName)).toBeUndefined();
  });

  it('waits for the first consumer with a WaitForFirstConsumer class, then provisions once a node is selected', () => {
    const { c } = testCluster();
    c.api.create('storageclasses', undefined, { metadata: { name: 'wffc' }, provisioner: 'k8s.io/minikube-hostpath', volumeBindingMode: 'WaitForFirstConsumer' });
    claim(c, 'data', { storageClassName: 'wffc' });
    c.api.create('pods', 'default', {
      metadata: { name: 'app' }, spec: { containers: [{ name: 'c', image: 'busybox' }], volumes: [{ name: 'd', persistentVolumeClaim: { claimName: 'data' } }] },
    });
    c.advance(PV_RESYNC_MS);
    const reasons = eventsFor(c, 'default', 'data').map((e) => `${e.reason}: ${e.message}`).sort();
    expect(reasons).toEqual(['WaitForFirstConsumer: waiting for first consumer to be created before binding', 'WaitForPodScheduled: waiting for pod app to be scheduled']);
    expect(c.api.get<PersistentVolumeClaim>('persistentvolumeclaims', 'default', 'data').status?.phase).toBe('Pending');
    // What the scheduler's VolumeBinding plugin does when it picks a node.
    c.api.patch('persistentvolumeclaims', 'default', 'data', { metadata: { annotations: { 'volume.kubernetes.io/selected-node': 'minikube' } } }, 'merge');
    c.settle();
    expect(c.api.get<PersistentVolumeClaim>('persistentvolumeclaims', 'default', 'data').status?.phase).toBe('Bound');
  });

  it('fails to provision a claim whose StorageClass does not exist', () => {
    const { c } = testCluster();
    const pvc = claim(c, 'data', { storageClassName: 'fast' });
    expect(pvc.status?.phase).toBe('Pending');
    const ev = eventsFor(c, 'default', 'data').find((e) => e.reason === 'ProvisioningFailed');
    expect(ev).toMatchObject({ type: 'Warning', message: 'storageclass.storage.k8s.io "fast" not found', source: 'persistentvolume-controller' });
  });
});

describe('static PersistentVolumes (index.go findBestMatchForClaim)', () => {
  it('turns a new PV Available', () => {
    const { c } = testCluster();
    staticPV(c, 'pv-a', '1Gi');
    expect(c.api.get<PersistentVolume>('persistentvolumes', undefined, 'pv-a').status?.phase).toBe('Available');
  });

  it('binds the smallest PV of the claimed class that fits', () => {
    const { c } = testCluster();
    staticPV(c, 'pv-big', '10Gi');
    staticPV(c, 'pv-small', '512Mi');
    staticPV(c, 'pv-mid', '2Gi');
    staticPV(c, 'pv-other-class', '1Gi', { storageClassName: 'slow' });
    const pvc = claim(c, 'data', { storageClassName: 'manual' });
    expect(pvc.spec?.volumeName).toBe('pv-mid');
    expect(pvc.status?.capacity).toEqual({ storage: '2Gi' });
    const pv = c.api.get<PersistentVolume>('persistentvolumes', undefined, 'pv-mid');
    expect(pv.status?.phase).toBe('Bound');
    expect(pv.metadata.annotations?.['pv.kubernetes.io/bound-by-controller']).toBe('yes');
  });

  it('skips PVs whose access modes do not cover the claim', () => {
    const { c } = testCluster();
    staticPV(c, 'pv-rwo', '1Gi');
    staticPV(c, 'pv-rwx', '5Gi', { accessModes: ['ReadWriteMany', 'ReadWriteOnce'] });
    const pvc = claim(c, 'shared', { storageClassName: 'manual', accessModes: ['ReadWriteMany'] });
    expect(pvc.spec?.volumeName).toBe('pv-rwx');
  });

  it('binds a pending claim to a PV created later, at the next periodic sync (15 s)', () => {
    const { c } = testCluster();
    claim(c, 'data', { storageClassName: 'manual' });
    staticPV(c, 'pv-a', '1Gi');
    expect(c.api.get<PersistentVolumeClaim>('persistentvolumeclaims', 'default', 'data').status?.phase).toBe('Pending');
    c.advance(PV_RESYNC_MS);
    expect(c.api.get<PersistentVolumeClaim>('persistentvolumeclaims', 'default', 'data').spec?.volumeName).toBe('pv-a');
  });

  it('leaves a Retain PV Released with its files when its claim is deleted', () => {
    const { c } = testCluster();
    staticPV(c, 'pv-a', '1Gi');
    claim(c, 'data', { storageClassName: 'manual' });
    disks(c).fs('pv-a')!.writeFile('/data.txt', 'keep me');
    c.api.delete('persistentvolumeclaims', 'default', 'data');
    c.settle();
    const pv = c.api.get<PersistentVolume>('persistentvolumes', undefined, 'pv-a');
    expect(pv.status?.phase).toBe('Released');
    expect(pv.spec?.claimRef?.name).toBe('data');
    expect(disks(c).fs('pv-a')!.readFile('/data.txt')).toBe('keep me');
    // A new claim of the same name does not get the released volume back.
    const again = claim(c, 'data', { storageClassName: 'manual' });
    expect(again.status?.phase).toBe('Pending');
  });

  it('marks a released static PV with reclaimPolicy Delete outside /tmp Failed', () => {
    const { c } = testCluster();
    staticPV(c, 'pv-a', '1Gi', { persistentVolumeReclaimPolicy: 'Delete' });
    claim(c, 'data', { storageClassName: 'manual' });
    c.api.delete('persistentvolumeclaims', 'default', 'data');
    c.settle();
    const pv = c.api.get<PersistentVolume>('persistentvolumes', undefined, 'pv-a');
    expect(pv.status?.phase).toBe('Failed');
    expect(pv.status?.message).toBe('host_path deleter only supports /tmp/.+ but received provided /data/pv-a');
  });

  it('reports FailedBinding for a claim with class "" and no volume', () => {
    const { c } = testCluster();
    claim(c, 'data', { storageClassName: '' });
    expect(eventsFor(c, 'default', 'data')).toContainEqual(expect.objectContaining({
      reason: 'FailedBinding', message: 'no persistent volumes available for this claim and no storage class is set',
    }));
  });
});

describe('claims in use (pvc_protection_controller.go)', () => {
  it('keeps a claim used by a pod Terminating until the pod is gone, then reclaims its volume', () => {
    const { c } = testCluster();
    const pvc = claim(c, 'www-web-0', { storageClassName: 'standard' });
    runPod(c, 'web-0', { claims: ['www-web-0'], ip: '10.244.0.10' });
    c.api.delete('persistentvolumeclaims', 'default', 'www-web-0');
    c.settle();
    const terminating = c.api.get<PersistentVolumeClaim>('persistentvolumeclaims', 'default', 'www-web-0');
    expect(terminating.metadata.deletionTimestamp).toBeDefined();
    expect(terminating.metadata.finalizers).toEqual(['kubernetes.io/pvc-protection']);
    expect(c.api.get<PersistentVolume>('persistentvolumes', undefined, pvc.spec!.volumeName!).status?.phase).toBe('Bound');
    c.api.delete('pods', 'default', 'web-0', { gracePeriodSeconds: 0 });
    c.settle();
    expect(() => c.api.get('persistentvolumeclaims', 'default', 'www-web-0')).toThrow('not found');
    expect(() => c.api.get('persistentvolumes', undefined, pvc.spec!.volumeName!)).toThrow('not found');
  });

  it('does not count a pod that is not scheduled yet', () => {
    const { c } = testCluster();
    claim(c, 'data', { storageClassName: 'standard' });
    c.api.create('pods', 'default', {
      metadata: { name: 'p' },
      spec: { containers: [{ name: 'c', image: 'busybox' }], volumes: [{ name: 'd', persistentVolumeClaim: { claimName: 'data' } }] },
    });
    c.api.delete('persistentvolumeclaims', 'default', 'data');
    c.settle();
    expect(() => c.api.get('persistentvolumeclaims', 'default', 'data')).toThrow('not found');
  });
});

describe('volumes in use (pv_protection_controller.go)', () => {
  it('keeps a deleted PV while it is Bound, and lets it go once released', () => {
    const { c } = testCluster();
    staticPV(c, 'pv-a', '1Gi');
    claim(c, 'data', { storageClassName: 'manual' });
    c.api.delete('persistentvolumes', undefined, 'pv-a');
    c.settle();
    const pv = c.api.get<PersistentVolume>('persistentvolumes', undefined, 'pv-a');
    expect(pv.metadata.deletionTimestamp).toBeDefined();
    expect(pv.status?.phase).toBe('Bound');
    c.api.delete('persistentvolumeclaims', 'default', 'data');
    c.settle();
    expect(() => c.api.get('persistentvolumes', undefined, 'pv-a')).toThrow('not found');
  });
});

describe('snapshots', () => {
  it('restores volume files and the provisioner identity', async () => {
    const { c } = testCluster();
    const pvc = claim(c, 'data', { storageClassName: 'standard' });
    disks(c).fs(pvc.spec!.volumeName!)!.mkdir('/a');
    disks(c).fs(pvc.spec!.volumeName!)!.writeFile('/a/b.txt', 'x');
    const snap = JSON.parse(JSON.stringify(c.snapshot()));
    const { Cluster } = await import('../cluster.ts');
    const r = Cluster.restore(snap);
    expect(r.component<Disks>('disks')!.fs(pvc.spec!.volumeName!)!.readFile('/a/b.txt')).toBe('x');
    const again = r.snapshot();
    for (const name of ['disks', 'storage-provisioner', 'persistentvolume-binder-controller']) {
      expect(JSON.stringify(again.components[name])).toBe(JSON.stringify(snap.components[name]));
    }
  });
});
