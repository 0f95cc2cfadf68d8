import { describe, expect, it } from 'vitest';
import type { Cluster } from '../cluster.ts';
import { boundClaim, createPod, events, getPod, testCluster } from './testing.ts';
import { isVolumeAttached } from './volume-names.ts';

const attached = (c: Cluster, node: string) => (c.api.get('nodes', undefined, node) as any).status.volumesAttached ?? [];
const VOLUME = 'kubernetes.io/host-path/pvc-0a1b';

/** web-1 with claim www-web-1 on minikube-m02, whose kubelet then falls silent; 60 s later it is NotReady. */
function lostNodeWithVolume() {
  const { c, kubelet } = testCluster();
  boundClaim(c, 'www-web-1', 'pvc-0a1b');
  createPod(c, 'web-1', { nodeName: 'minikube-m02', claims: ['www-web-1'] });
  kubelet.stopNode('minikube-m02');
  c.advance(60_000);
  return { c, kubelet };
}

describe('attach/detach controller (pkg/controller/volume/attachdetach)', () => {
  it("attaches a scheduled pod's volume to its node and lists it in node.status.volumesAttached", () => {
    const { c } = testCluster();
    boundClaim(c, 'www-web-0', 'pvc-0a1b');
    createPod(c, 'web-0', { claims: ['www-web-0'] });
    const nodeName = getPod(c, 'web-0')!.spec!.nodeName!;
    expect(attached(c, nodeName)).toEqual([{ name: VOLUME, devicePath: '' }]);
    expect(isVolumeAttached(c.api.get('nodes', undefined, nodeName), c.api.get('persistentvolumes', undefined, 'pvc-0a1b'))).toBe(true);
    expect(events(c, 'web-0', 'SuccessfulAttachVolume').map((e) => [e.message, e.source])).toEqual([['AttachVolume.Attach succeeded for volume "pvc-0a1b" ', 'attachdetach-controller']]);
  });

  it('detaches when the pod is gone from a healthy node', () => {
    const { c } = testCluster();
    boundClaim(c, 'www-web-0', 'pvc-0a1b');
    createPod(c, 'web-0', { nodeName: 'minikube-m03', claims: ['www-web-0'] });
    c.api.delete('pods', 'default', 'web-0');
    c.settle();
    expect(getPod(c, 'web-0')).toBeUndefined();
    expect(attached(c, 'minikube-m03')).toEqual([]);
  });

  it('answers a replacement on another node with Multi-Attach, then force-detaches after 6 minutes', () => {
    const { c } = lostNodeWithVolume();
    c.api.delete('pods', 'default', 'web-1', { gracePeriodSeconds: 0 });
    createPod(c, 'web-1', { claims: ['www-web-1'] });
    const newNode = getPod(c, 'web-1')!.spec!.nodeName!;
    expect(newNode).not.toBe('minikube-m02');
    expect(events(c, 'web-1', 'FailedAttachVolume').map((e) => [e.type, e.message])).toEqual([
      ['Warning', 'Multi-Attach error for volume "pvc-0a1b" Volume is already exclusively attached to one node and can\'t be attached to another'],
    ]);
    c.advance(359_000);
    expect(attached(c, 'minikube-m02')).toEqual([{ name: VOLUME, devicePath: '' }]);
    expect(attached(c, newNode)).toEqual([]);
    c.advance(1000);
    expect(attached(c, 'minikube-m02')).toEqual([]);
    expect(attached(c, newNode)).toEqual([{ name: VOLUME, devicePath: '' }]);
  });

  it('detaches at once from a node tainted out-of-service', () => {
    const { c } = lostNodeWithVolume();
    const n = c.api.get('nodes', undefined, 'minikube-m02') as any;
    c.api.patch('nodes', undefined, 'minikube-m02', { spec: { taints: [...n.spec.taints, { key: 'node.kubernetes.io/out-of-service', value: 'nodeshutdown', effect: 'NoExecute' }] } }, 'merge');
    c.advance(20_000);
    expect(getPod(c, 'web-1')).toBeUndefined();
    expect(attached(c, 'minikube-m02')).toEqual([]);
    createPod(c, 'web-1', { claims: ['www-web-1'] });
    expect(attached(c, getPod(c, 'web-1')!.spec!.nodeName!)).toEqual([{ name: VOLUME, devicePath: '' }]);
    expect(events(c, 'web-1', 'FailedAttachVolume')).toEqual([]);
  });

  it('names the pod that holds a ReadWriteOnce volume on another node', () => {
    const { c } = testCluster();
    boundClaim(c, 'shared', 'pvc-0a1b');
    createPod(c, 'app-a', { nodeName: 'minikube-m02', claims: ['shared'] });
    createPod(c, 'app-b', { nodeName: 'minikube-m03', claims: ['shared'] });
    expect(events(c, 'app-b', 'FailedAttachVolume').map((e) => e.message)).toEqual(['Multi-Attach error for volume "pvc-0a1b" Volume is already used by pod(s) app-a']);
  });

  it('attaches a ReadWriteMany volume to several nodes', () => {
    const { c } = testCluster();
    boundClaim(c, 'shared', 'pvc-0a1b', ['ReadWriteMany']);
    createPod(c, 'app-a', { nodeName: 'minikube-m02', claims: ['shared'] });
    createPod(c, 'app-b', { nodeName: 'minikube-m03', claims: ['shared'] });
    expect(attached(c, 'minikube-m02')).toHaveLength(1);
    expect(attached(c, 'minikube-m03')).toHaveLength(1);
  });
});
