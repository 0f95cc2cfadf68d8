import { describe, expect, it } from 'vitest';
import { errorOf, newServer } from '../testing/server.ts';

const claim = (name = 'www-web-0', spec: any = {}) => ({ metadata: { name }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } }, ...spec } });

describe('PersistentVolumeClaim and PersistentVolume on create', () => {
  it('takes the default StorageClass, volumeMode Filesystem, the pvc-protection finalizer and phase Pending', () => {
    const { api } = newServer();
    const pvc = api.create('persistentvolumeclaims', 'default', claim());
    expect(pvc.spec.storageClassName).toBe('standard');
    expect(pvc.spec.volumeMode).toBe('Filesystem');
    expect(pvc.metadata.finalizers).toEqual(['kubernetes.io/pvc-protection']);
    expect(pvc.status).toEqual({ phase: 'Pending' });
  });

  it('leaves storageClassName "" alone (no dynamic provisioning) and picks the newest default class', () => {
    const { api, clock } = newServer();
    expect(api.create('persistentvolumeclaims', 'default', claim('a', { storageClassName: '' })).spec.storageClassName).toBe('');
    clock.setNow(clock.now() + 1000);
    api.create('storageclasses', undefined, { metadata: { name: 'fast', annotations: { 'storageclass.kubernetes.io/is-default-class': 'true' } }, provisioner: 'x' });
    expect(api.create('persistentvolumeclaims', 'default', claim('b')).spec.storageClassName).toBe('fast');
  });

  it('refuses changes to a claim spec with the real message', () => {
    const { api } = newServer();
    api.create('persistentvolumeclaims', 'default', claim());
    const err = errorOf(() => api.patch('persistentvolumeclaims', 'default', 'www-web-0', { spec: { accessModes: ['ReadWriteMany'] } }, 'merge'));
    expect(err.message.startsWith('PersistentVolumeClaim "www-web-0" is invalid: spec: Forbidden: spec is immutable after creation except resources.requests and volumeAttributesClassName for bound claims\n  core.PersistentVolumeClaimSpec{\n')).toBe(true);
    expect(err.message).toContain('- \tAccessModes: ["ReadWriteOnce"],\n+ \tAccessModes: ["ReadWriteMany"],');
  });

  it('lets the binder set volumeName once and a bound claim grow', () => {
    const { api } = newServer();
    api.create('persistentvolumeclaims', 'default', claim());
    api.patch('persistentvolumeclaims', 'default', 'www-web-0', { spec: { volumeName: 'pvc-1' } }, 'merge');
    api.patch('persistentvolumeclaims', 'default', 'www-web-0', { status: { phase: 'Bound' } }, 'merge', { subresource: 'status' });
    const grown = api.patch('persistentvolumeclaims', 'default', 'www-web-0', { spec: { resources: { requests: { storage: '2Gi' } } } }, 'merge');
    expect(grown.spec.resources.requests.storage).toBe('2Gi');
    expect(errorOf(() => api.patch('persistentvolumeclaims', 'default', 'www-web-0', { spec: { resources: { requests: { storage: '1Gi' } } } }, 'merge')).message)
      .toBe('PersistentVolumeClaim "www-web-0" is invalid: spec.resources.requests.storage: Forbidden: field can not be less than previous value');
  });

  it('gives a PersistentVolume reclaim policy Retain, the pv-protection finalizer and phase Pending', () => {
    const { api } = newServer();
    const pv = api.create('persistentvolumes', undefined, { metadata: { name: 'pv-1' }, spec: { capacity: { storage: '1Gi' }, accessModes: ['ReadWriteOnce'], hostPath: { path: '/data' } } });
    expect(pv.spec.persistentVolumeReclaimPolicy).toBe('Retain');
    expect(pv.spec.volumeMode).toBe('Filesystem');
    expect(pv.metadata.finalizers).toEqual(['kubernetes.io/pv-protection']);
    expect(pv.status.phase).toBe('Pending');
  });

  it('gives a Namespace the kubernetes finalizer, phase Active and its name label', () => {
    const { api } = newServer();
    const ns = api.create('namespaces', undefined, { metadata: { name: 'lab' } });
    expect(ns.spec).toEqual({ finalizers: ['kubernetes'] });
    expect(ns.status).toEqual({ phase: 'Active' });
    expect(ns.metadata.labels).toEqual({ 'kubernetes.io/metadata.name': 'lab' });
  });
});
