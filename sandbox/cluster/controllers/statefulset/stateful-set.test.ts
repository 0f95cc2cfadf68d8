import { describe, expect, it } from 'vitest';
import type { PersistentVolumeClaim, Pod } from '../../types.ts';
import {
  advanceUntil, eventMessages, isReady, names, pod, podIfAny, recordWatch, sts, webStatefulSet, workloadCluster,
} from '../testing/helpers.ts';
import { checkOnePodPerIdentity, IdentityWatch } from './invariants.ts';

function readyAll(c: ReturnType<typeof workloadCluster>['c'], n: number, name = 'web', start = 0): void {
  advanceUntil(c, () => {
    for (let i = start; i < start + n; i++) if (!isReady(podIfAny(c, `${name}-${i}`))) return false;
    return true;
  });
}

function scale(c: ReturnType<typeof workloadCluster>['c'], replicas: number, name = 'web'): void {
  c.api.patch('statefulsets', 'default', name, { spec: { replicas } }, 'merge');
  c.settle();
}

describe('StatefulSet controller: scaling (stateful_set_control.go processReplica / processCondemned)', () => {
  it('creates web-0, web-1, web-2 one at a time under OrderedReady', () => {
    const { c } = workloadCluster();
    const log = recordWatch(c, 'pods');
    c.api.create('statefulsets', 'default', webStatefulSet());
    c.settle();
    expect(names(c, 'pods')).toEqual(['web-0']);
    readyAll(c, 3);
    const added = log.filter((e) => e.type === 'ADDED').map((e) => e.name);
    expect(added).toEqual(['web-0', 'web-1', 'web-2']);
    // Each pod is created only once its predecessor is Running and Ready.
    for (const n of [1, 2]) {
      const createdAt = log.find((e) => e.type === 'ADDED' && e.name === `web-${n}`)!.at;
      const prevReadyAt = log.find((e) => e.name === `web-${n - 1}` && isReady(e.obj as Pod))!.at;
      expect(createdAt).toBeGreaterThanOrEqual(prevReadyAt);
    }
    expect(eventMessages(c, 'web').slice(0, 2)).toEqual([
      'Normal SuccessfulCreate create Claim www-web-0 Pod web-0 in StatefulSet web success',
      'Normal SuccessfulCreate create Pod web-0 in StatefulSet web successful',
    ]);
  });

  it('gives each pod its identity: hostname, subdomain, labels and the controller reference', () => {
    const { c } = workloadCluster();
    const set = c.api.create('statefulsets', 'default', webStatefulSet({ replicas: 1 }));
    c.settle();
    const p = pod(c, 'web-0');
    expect(p.spec!.hostname).toBe('web-0');
    expect(p.spec!.subdomain).toBe('nginx');
    expect(p.metadata.generateName).toBe('web-');
    expect(p.metadata.labels).toMatchObject({
      app: 'nginx', 'statefulset.kubernetes.io/pod-name': 'web-0', 'apps.kubernetes.io/pod-index': '0',
    });
    expect(p.metadata.labels!['controller-revision-hash']).toMatch(/^web-[4-9bcdf]{1,10}$/);
    expect(p.metadata.ownerReferences).toEqual([{ apiVersion: 'apps/v1', kind: 'StatefulSet', name: 'web', uid: set.metadata.uid, controller: true, blockOwnerDeletion: true }]);
    // The claim template's volume (updateStorage), then the API credentials the ServiceAccount admission adds.
    expect(p.spec!.volumes!.map((v) => v.name)).toEqual(['www', expect.stringMatching(/^kube-api-access-[bcdfghjklmnpqrstvwxz2456789]{5}$/)]);
    expect(p.spec!.volumes![0]).toEqual({ name: 'www', persistentVolumeClaim: { claimName: 'www-web-0' } });
  });

  it('creates the claim before the pod, with the template labels plus the selector labels', () => {
    const { c } = workloadCluster();
    const log: string[] = [];
    c.api.watch('pods', 'default', {}, (ev) => log.push(`pod ${ev.type} ${ev.object.metadata.name}`));
    c.api.watch('persistentvolumeclaims', 'default', {}, (ev) => log.push(`pvc ${ev.type} ${ev.object.metadata.name}`));
    const spec = webStatefulSet({ replicas: 1 });
    spec.spec!.volumeClaimTemplates![0].metadata!.labels = { tier: 'storage', app: 'overridden' };
    c.api.create('statefulsets', 'default', spec);
    c.settle();
    expect(log.slice(0, 2)).toEqual(['pvc ADDED www-web-0', 'pod ADDED web-0']);
    const pvc = c.api.get<PersistentVolumeClaim>('persistentvolumeclaims', 'default', 'www-web-0');
    expect(pvc.metadata.labels).toEqual({ tier: 'storage', app: 'nginx' });
    expect(pvc.spec!.resources!.requests!.storage).toBe('1Gi');
    expect(pvc.metadata.ownerReferences).toBeUndefined();
  });

  it('numbers pods from spec.ordinals.start', () => {
    const { c } = workloadCluster();
    c.api.create('statefulsets', 'default', webStatefulSet({ replicas: 2, ordinals: { start: 5 } }));
    readyAll(c, 2, 'web', 5);
    expect(names(c, 'pods')).toEqual(['web-5', 'web-6']);
    expect(pod(c, 'web-6').metadata.labels!['apps.kubernetes.io/pod-index']).toBe('6');
    expect(names(c, 'persistentvolumeclaims')).toEqual(['www-web-5', 'www-web-6']);
  });

  it('Parallel creates all at once', () => {
    const { c } = workloadCluster();
    c.api.create('statefulsets', 'default', webStatefulSet({ replicas: 5, podManagementPolicy: 'Parallel' }));
    c.settle();
    expect(names(c, 'pods')).toEqual(['web-0', 'web-1', 'web-2', 'web-3', 'web-4']);
    expect(names(c, 'persistentvolumeclaims')).toEqual(['www-web-0', 'www-web-1', 'www-web-2', 'www-web-3', 'www-web-4']);
  });

  it('Parallel scales down all condemned pods at once, without waiting for readiness', () => {
    const { c, kubelet } = workloadCluster();
    c.api.create('statefulsets', 'default', webStatefulSet({ replicas: 5, podManagementPolicy: 'Parallel' }));
    readyAll(c, 5);
    kubelet.setReady('default', 'web-0', false);
    c.settle();
    scale(c, 2);
    const terminating = c.api.list('pods', 'default').items.filter((p) => p.metadata.deletionTimestamp).map((p) => p.metadata.name);
    expect(terminating).toEqual(['web-2', 'web-3', 'web-4']);
  });

  it('syncs a burst of pods turning Ready in one instant a bounded number of times', () => {
    const { c } = workloadCluster();
    const ctrl = c.component<{ sync(k: string): void }>('statefulset-controller')!;
    let syncs = 0;
    const orig = ctrl.sync.bind(ctrl);
    ctrl.sync = (k: string) => {
      syncs++;
      orig(k);
    };
    c.api.create('statefulsets', 'default', webStatefulSet({ replicas: 200, podManagementPolicy: 'Parallel' }));
    c.advance(3_000);
    expect(sts(c).status).toMatchObject({ replicas: 200, readyReplicas: 200, availableReplicas: 200 });
    expect(syncs).toBeLessThan(100);
  });

  it('deletes web-4 before web-3 when scaling down', () => {
    const { c } = workloadCluster();
    c.api.create('statefulsets', 'default', webStatefulSet({ replicas: 5 }));
    readyAll(c, 5);
    const log = recordWatch(c, 'pods');
    scale(c, 3);
    // Only web-4 is terminating; web-3 waits until web-4 is gone.
    expect(pod(c, 'web-4').metadata.deletionTimestamp).toBeDefined();
    expect(pod(c, 'web-3').metadata.deletionTimestamp).toBeUndefined();
    advanceUntil(c, () => names(c, 'pods').length === 3);
    const terminating = log.filter((e) => e.type === 'MODIFIED' && e.obj.metadata.deletionTimestamp && !log.some((x) => x !== e && x.name === e.name && x.type === 'MODIFIED' && x.obj.metadata.deletionTimestamp && x.at < e.at));
    const order = [...new Set(terminating.map((e) => e.name))];
    expect(order).toEqual(['web-4', 'web-3']);
    const web4Gone = log.find((e) => e.type === 'DELETED' && e.name === 'web-4')!.at;
    const web3Terminating = terminating.find((e) => e.name === 'web-3')!.at;
    expect(web3Terminating).toBeGreaterThanOrEqual(web4Gone);
    expect(eventMessages(c, 'web').filter((m) => m.includes('delete'))).toEqual([
      'Normal SuccessfulDelete delete Pod web-4 in StatefulSet web successful',
      'Normal SuccessfulDelete delete Pod web-3 in StatefulSet web successful',
    ]);
  });

  it('holds scale-down while web-1 is not ready', () => {
    const { c, kubelet } = workloadCluster();
    c.api.create('statefulsets', 'default', webStatefulSet({ replicas: 3 }));
    readyAll(c, 3);
    kubelet.setReady('default', 'web-1', false);
    c.settle();
    scale(c, 2);
    c.advance(120_000);
    expect(pod(c, 'web-2').metadata.deletionTimestamp).toBeUndefined();
    kubelet.setReady('default', 'web-1', true);
    c.settle();
    expect(pod(c, 'web-2').metadata.deletionTimestamp).toBeDefined();
    advanceUntil(c, () => names(c, 'pods').length === 2);
  });

  it('holds an unhealthy condemned pod that is not the first unhealthy pod (processCondemned)', () => {
    const { c, kubelet } = workloadCluster();
    c.api.create('statefulsets', 'default', webStatefulSet({ replicas: 5 }));
    readyAll(c, 5);
    kubelet.setReady('default', 'web-3', false);
    kubelet.setReady('default', 'web-4', false);
    c.settle();
    scale(c, 3);
    c.advance(60_000);
    // web-4 goes first, but it is unhealthy and the first unhealthy pod is web-3: wait.
    expect(c.api.list('pods', 'default').items.filter((p) => p.metadata.deletionTimestamp)).toEqual([]);
    kubelet.setReady('default', 'web-4', true);
    c.settle();
    expect(pod(c, 'web-4').metadata.deletionTimestamp).toBeDefined();
    // Once web-4 is gone, web-3 is the first unhealthy pod and is deleted though not ready.
    advanceUntil(c, () => names(c, 'pods').length === 3);
  });

  it('deletes an unhealthy condemned pod at once when it is the first unhealthy pod', () => {
    const { c, kubelet } = workloadCluster();
    c.api.create('statefulsets', 'default', webStatefulSet({ replicas: 3 }));
    readyAll(c, 3);
    kubelet.breakPod('default', 'web-3');
    scale(c, 5);
    c.advance(60_000);
    // OrderedReady waits on web-3 forever: web-4 is never created.
    expect(names(c, 'pods')).toEqual(['web-0', 'web-1', 'web-2', 'web-3']);
    scale(c, 3);
    // web-3 is the first unhealthy pod: deleted at once, though retained replicas are healthy.
    expect(pod(c, 'web-3').metadata.deletionTimestamp).toBeDefined();
    expect(eventMessages(c, 'web').at(-1)).toBe('Normal SuccessfulDelete delete Pod web-3 in StatefulSet web successful');
  });
});

describe('StatefulSet controller: identity and storage', () => {
  it('recreates a deleted web-1 with the same name and claim', () => {
    const { c } = workloadCluster();
    c.api.create('statefulsets', 'default', webStatefulSet());
    readyAll(c, 3);
    const old = pod(c, 'web-1');
    const claimUid = c.api.get('persistentvolumeclaims', 'default', 'www-web-1').metadata.uid;
    c.api.delete('pods', 'default', 'web-1');
    c.settle();
    // Terminating: the controller does not create a second web-1 meanwhile.
    expect(pod(c, 'web-1').metadata.uid).toBe(old.metadata.uid);
    expect(checkOnePodPerIdentity(c.api)).toEqual([]);
    advanceUntil(c, () => {
      const p = podIfAny(c, 'web-1');
      return !!p && p.metadata.uid !== old.metadata.uid;
    });
    const fresh = pod(c, 'web-1');
    expect(fresh.spec!.hostname).toBe('web-1');
    expect(fresh.spec!.volumes![0].persistentVolumeClaim!.claimName).toBe('www-web-1');
    expect(c.api.get('persistentvolumeclaims', 'default', 'www-web-1').metadata.uid).toBe(claimUid);
    expect(names(c, 'persistentvolumeclaims')).toEqual(['www-web-0', 'www-web-1', 'www-web-2']);
  });

  it('deletes a Failed pod and recreates it under the same name', () => {
    const { c, kubelet } = workloadCluster();
    c.api.create('statefulsets', 'default', webStatefulSet());
    readyAll(c, 3);
    const old = pod(c, 'web-2');
    kubelet.fail('default', 'web-2');
    c.settle();
    advanceUntil(c, () => isReady(podIfAny(c, 'web-2')) && pod(c, 'web-2').metadata.uid !== old.metadata.uid);
    expect(eventMessages(c, 'web')).toContain('Normal SuccessfulDelete delete Pod web-2 in StatefulSet web successful');
  });

  it('keeps claims on scale-down and reuses them on scale-up', () => {
    const { c } = workloadCluster();
    c.api.create('statefulsets', 'default', webStatefulSet());
    readyAll(c, 3);
    const uids = c.api.list('persistentvolumeclaims', 'default').items.map((p) => p.metadata.uid);
    scale(c, 1);
    advanceUntil(c, () => names(c, 'pods').length === 1);
    expect(names(c, 'persistentvolumeclaims')).toEqual(['www-web-0', 'www-web-1', 'www-web-2']);
    scale(c, 3);
    readyAll(c, 3);
    expect(c.api.list('persistentvolumeclaims', 'default').items.map((p) => p.metadata.uid)).toEqual(uids);
    expect(eventMessages(c, 'web').filter((m) => m.includes('Claim')).length).toBe(3);
  });

  it('retention policy Delete removes claims on scale-down', () => {
    const { c } = workloadCluster();
    c.api.create('statefulsets', 'default', webStatefulSet({ persistentVolumeClaimRetentionPolicy: { whenScaled: 'Delete', whenDeleted: 'Retain' } }));
    readyAll(c, 3);
    expect(c.api.get('persistentvolumeclaims', 'default', 'www-web-2').metadata.ownerReferences).toBeUndefined();
    scale(c, 1);
    // The condemned pod's claim is given to the pod before the pod is deleted.
    const claim = c.api.get('persistentvolumeclaims', 'default', 'www-web-2');
    expect(claim.metadata.ownerReferences).toEqual([expect.objectContaining({ kind: 'Pod', name: 'web-2', controller: true })]);
    advanceUntil(c, () => names(c, 'pods').length === 1 && names(c, 'persistentvolumeclaims').length === 1);
    expect(names(c, 'persistentvolumeclaims')).toEqual(['www-web-0']);
    // Scaling up again makes fresh claims.
    scale(c, 2);
    readyAll(c, 2);
    expect(names(c, 'persistentvolumeclaims')).toEqual(['www-web-0', 'www-web-1']);
  });

  it('with whenScaled: Delete, scaling back up before the old claim is gone gets a fresh claim', () => {
    const { c } = workloadCluster();
    c.api.create('statefulsets', 'default', webStatefulSet({ persistentVolumeClaimRetentionPolicy: { whenScaled: 'Delete', whenDeleted: 'Retain' } }));
    readyAll(c, 3);
    const oldClaim = c.api.get('persistentvolumeclaims', 'default', 'www-web-2').metadata.uid;
    const oldPod = pod(c, 'web-2').metadata.uid;
    scale(c, 2);
    scale(c, 3);
    // The old web-2 is terminating; its claim (owned by it) goes with it, then both come back.
    advanceUntil(c, () => isReady(podIfAny(c, 'web-2')) && pod(c, 'web-2').metadata.uid !== oldPod);
    const claim = c.api.get('persistentvolumeclaims', 'default', 'www-web-2');
    expect(claim.metadata.uid).not.toBe(oldClaim);
    expect(claim.metadata.ownerReferences).toBeUndefined();
    expect(checkOnePodPerIdentity(c.api)).toEqual([]);
  });

  it('warns about a claim controlled by something else and leaves its owner alone', () => {
    const { c } = workloadCluster();
    c.api.create('persistentvolumeclaims', 'default', {
      metadata: { name: 'www-web-0', labels: { app: 'nginx' }, ownerReferences: [{ apiVersion: 'v1', kind: 'ConfigMap', name: 'keeper', uid: 'keeper-uid', controller: true }] },
      spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } },
    });
    // (The garbage collector would delete a claim whose owner is missing; give it one.)
    const keeper = c.api.create('configmaps', 'default', { metadata: { name: 'keeper' } });
    const claim = c.api.get('persistentvolumeclaims', 'default', 'www-web-0');
    claim.metadata.ownerReferences![0].uid = keeper.metadata.uid!;
    c.api.update('persistentvolumeclaims', 'default', claim);
    c.api.create('statefulsets', 'default', webStatefulSet({ replicas: 1, persistentVolumeClaimRetentionPolicy: { whenScaled: 'Retain', whenDeleted: 'Delete' } }));
    readyAll(c, 1);
    expect(eventMessages(c, 'web')).toContain('Warning ConflictingController PersistentVolumeClaim www-web-0 has a conflicting OwnerReference that acts as a manging controller, the retention policy is ignored for this claim');
    expect(c.api.get('persistentvolumeclaims', 'default', 'www-web-0').metadata.ownerReferences!.map((r) => r.kind)).toEqual(['ConfigMap']);
  });

  it('retention policy whenDeleted: Delete owns claims by the set, so deleting the set removes them', () => {
    const { c } = workloadCluster();
    const set = c.api.create('statefulsets', 'default', webStatefulSet({ replicas: 2, persistentVolumeClaimRetentionPolicy: { whenScaled: 'Retain', whenDeleted: 'Delete' } }));
    readyAll(c, 2);
    expect(c.api.get('persistentvolumeclaims', 'default', 'www-web-0').metadata.ownerReferences)
      .toEqual([{ apiVersion: 'apps/v1', kind: 'StatefulSet', name: 'web', uid: set.metadata.uid, controller: true, blockOwnerDeletion: true }]);
    c.api.delete('statefulsets', 'default', 'web');
    c.settle();
    // The garbage collector deletes them at once; pvc-protection holds each until its pod is gone.
    expect(c.api.list('persistentvolumeclaims', 'default').items.every((p) => p.metadata.deletionTimestamp)).toBe(true);
    advanceUntil(c, () => names(c, 'pods').length === 0);
    expect(names(c, 'persistentvolumeclaims')).toEqual([]);
  });
});

describe('StatefulSet controller: deletion', () => {
  it('lets the garbage collector delete the pods of a deleted set, keeping the claims', () => {
    const { c } = workloadCluster();
    c.api.create('statefulsets', 'default', webStatefulSet());
    readyAll(c, 3);
    c.api.delete('statefulsets', 'default', 'web');
    c.settle();
    // All at once, in no order: every pod is terminating.
    expect(c.api.list('pods', 'default').items.every((p) => p.metadata.deletionTimestamp)).toBe(true);
    advanceUntil(c, () => names(c, 'pods').length === 0);
    expect(names(c, 'persistentvolumeclaims')).toEqual(['www-web-0', 'www-web-1', 'www-web-2']);
    expect(names(c, 'controllerrevisions')).toEqual([]);
  });

  it('orphans the pods with --cascade=orphan and adopts them when the set comes back', () => {
    const { c } = workloadCluster();
    c.api.create('statefulsets', 'default', webStatefulSet());
    readyAll(c, 3);
    const rev = names(c, 'controllerrevisions');
    const uids = c.api.list('pods', 'default').items.map((p) => p.metadata.uid);
    c.api.delete('statefulsets', 'default', 'web', { propagationPolicy: 'Orphan' });
    c.settle();
    expect(c.api.peek('statefulsets', 'default', 'web')).toBeUndefined();
    const pods = c.api.list('pods', 'default').items;
    expect(pods.map((p) => p.metadata.ownerReferences)).toEqual([undefined, undefined, undefined]);
    // A deleted orphan is not recreated.
    c.api.delete('pods', 'default', 'web-2');
    advanceUntil(c, () => names(c, 'pods').length === 2);
    c.advance(30_000);
    expect(names(c, 'pods')).toEqual(['web-0', 'web-1']);
    const again = c.api.create('statefulsets', 'default', webStatefulSet());
    c.settle();
    expect(pod(c, 'web-0').metadata.ownerReferences?.[0].uid).toBe(again.metadata.uid);
    expect(pod(c, 'web-0').metadata.uid).toBe(uids[0]);
    // The same template hashes to the same revision, so nothing rolls.
    expect(names(c, 'controllerrevisions')).toEqual(rev);
    readyAll(c, 3);
    expect(pod(c, 'web-1').metadata.uid).toBe(uids[1]);
  });
});

function setImage(c: ReturnType<typeof workloadCluster>['c'], image: string, name = 'web'): void {
  const s = sts(c, name);
  s.spec!.template.spec!.containers[0].image = image;
  c.api.update('statefulsets', 'default', s);
  c.settle();
}

function revisionOf(c: ReturnType<typeof workloadCluster>['c'], name: string): string {
  return pod(c, name).metadata.labels!['controller-revision-hash'];
}

describe('StatefulSet controller: updates and revisions', () => {
  it('records revisions as ControllerRevisions named web-<hash> with revision numbers', () => {
    const { c } = workloadCluster();
    const set = c.api.create('statefulsets', 'default', webStatefulSet({ replicas: 1 }));
    c.settle();
    const [cr] = c.api.list('controllerrevisions', 'default').items;
    expect(cr.metadata.name).toMatch(/^web-[4-9bcdf]{1,10}$/);
    expect(cr.revision).toBe(1);
    expect(cr.metadata.labels).toEqual({ app: 'nginx', 'controller.kubernetes.io/hash': cr.metadata.name!.slice(4) });
    expect(cr.metadata.ownerReferences).toEqual([{ apiVersion: 'apps/v1', kind: 'StatefulSet', name: 'web', uid: set.metadata.uid, controller: true, blockOwnerDeletion: true }]);
    expect(cr.data.spec.template.$patch).toBe('replace');
    expect(cr.data.spec.template.spec.containers[0].image).toBe('registry.k8s.io/nginx-slim:0.21');
    // A second cluster computes the same name for the same template.
    const other = workloadCluster({ seed: 99 }).c;
    other.api.create('statefulsets', 'default', webStatefulSet({ replicas: 1 }));
    other.settle();
    expect(names(other, 'controllerrevisions')).toEqual([cr.metadata.name]);
  });

  it('rolling update in reverse ordinal, partition leaves lower ordinals on the old revision', () => {
    const { c } = workloadCluster();
    c.api.create('statefulsets', 'default', webStatefulSet());
    readyAll(c, 3);
    const oldRev = sts(c).status!.currentRevision!;
    c.api.patch('statefulsets', 'default', 'web', { spec: { updateStrategy: { type: 'RollingUpdate', rollingUpdate: { partition: 1 } } } }, 'merge');
    c.settle();
    const log = recordWatch(c, 'pods');
    setImage(c, 'registry.k8s.io/nginx-slim:0.24');
    const newRev = sts(c).status!.updateRevision!;
    expect(newRev).not.toBe(oldRev);
    expect(newRev).toMatch(/^web-[4-9bcdf]{1,10}$/);
    advanceUntil(c, () => revisionOf(c, 'web-1') === newRev && isReady(pod(c, 'web-1')));
    c.advance(60_000);
    const order = [...new Set(log.filter((e) => e.obj.metadata.deletionTimestamp).map((e) => e.name))];
    expect(order).toEqual(['web-2', 'web-1']);
    expect(revisionOf(c, 'web-0')).toBe(oldRev);
    expect(pod(c, 'web-0').spec!.containers[0].image).toBe('registry.k8s.io/nginx-slim:0.21');
    expect(pod(c, 'web-2').spec!.containers[0].image).toBe('registry.k8s.io/nginx-slim:0.24');
    let s = sts(c).status!;
    expect(s).toMatchObject({ currentRevision: oldRev, updateRevision: newRev, currentReplicas: 1, updatedReplicas: 2, readyReplicas: 3 });
    // A deleted pod below the partition comes back at the old revision.
    const web0 = pod(c, 'web-0').metadata.uid;
    c.api.delete('pods', 'default', 'web-0');
    advanceUntil(c, () => isReady(podIfAny(c, 'web-0')) && pod(c, 'web-0').metadata.uid !== web0);
    expect(revisionOf(c, 'web-0')).toBe(oldRev);
    // Lowering the partition finishes the rollout and the update revision becomes current.
    c.api.patch('statefulsets', 'default', 'web', { spec: { updateStrategy: { rollingUpdate: { partition: 0 } } } }, 'merge');
    c.settle();
    advanceUntil(c, () => sts(c).status!.currentRevision === newRev);
    s = sts(c).status!;
    expect(s).toMatchObject({ replicas: 3, readyReplicas: 3, currentReplicas: 3, updatedReplicas: 3, currentRevision: newRev, updateRevision: newRev });
    expect(eventMessages(c, 'web').slice(-2)).toEqual([
      'Normal SuccessfulDelete delete Pod web-0 in StatefulSet web successful',
      'Normal SuccessfulCreate create Pod web-0 in StatefulSet web successful',
    ]);
  });

  it('waits for each updated pod to be Ready before deleting the next', () => {
    const { c, kubelet } = workloadCluster();
    c.api.create('statefulsets', 'default', webStatefulSet());
    readyAll(c, 3);
    setImage(c, 'nginx:doesnotexist');
    // The old web-2 is terminating; its replacement will never become ready.
    expect(pod(c, 'web-2').metadata.deletionTimestamp).toBeDefined();
    kubelet.breakPod('default', 'web-2');
    advanceUntil(c, () => podIfAny(c, 'web-2')?.metadata.labels?.['controller-revision-hash'] === sts(c).status!.updateRevision);
    c.advance(300_000);
    // The broken web-2 holds the rollout: web-1 and web-0 keep the old template.
    expect(pod(c, 'web-1').spec!.containers[0].image).toBe('registry.k8s.io/nginx-slim:0.21');
    expect(pod(c, 'web-1').metadata.deletionTimestamp).toBeUndefined();
  });

  it('rolls back to an earlier template by reusing its revision with a new number', () => {
    const { c } = workloadCluster();
    c.api.create('statefulsets', 'default', webStatefulSet({ replicas: 1 }));
    readyAll(c, 1);
    const first = sts(c).status!.updateRevision!;
    setImage(c, 'registry.k8s.io/nginx-slim:0.24');
    advanceUntil(c, () => sts(c).status!.currentRevision !== first && isReady(podIfAny(c, 'web-0')));
    setImage(c, 'registry.k8s.io/nginx-slim:0.21');
    advanceUntil(c, () => sts(c).status!.currentRevision === first && isReady(podIfAny(c, 'web-0')));
    const revs = c.api.list('controllerrevisions', 'default').items.map((r) => [r.metadata.name, r.revision]);
    expect(revs).toContainEqual([first, 3]);
    expect(revs.length).toBe(2);
  });

  it('keeps at most revisionHistoryLimit unused revisions', () => {
    const { c } = workloadCluster();
    c.api.create('statefulsets', 'default', webStatefulSet({ replicas: 1, revisionHistoryLimit: 2 }));
    readyAll(c, 1);
    for (const tag of ['0.22', '0.23', '0.24', '0.25']) {
      setImage(c, `registry.k8s.io/nginx-slim:${tag}`);
      advanceUntil(c, () => sts(c).status!.currentRevision === sts(c).status!.updateRevision && isReady(podIfAny(c, 'web-0')));
    }
    const revs = c.api.list('controllerrevisions', 'default').items.map((r) => r.revision).sort();
    expect(revs).toEqual([3, 4, 5]);
  });

  it('OnDelete waits for manual deletes', () => {
    const { c } = workloadCluster();
    c.api.create('statefulsets', 'default', webStatefulSet({ updateStrategy: { type: 'OnDelete' } }));
    readyAll(c, 3);
    const oldRev = sts(c).status!.currentRevision;
    setImage(c, 'registry.k8s.io/nginx-slim:0.24');
    c.advance(600_000);
    expect(c.api.list('pods', 'default').items.every((p) => !p.metadata.deletionTimestamp)).toBe(true);
    const s = sts(c).status!;
    expect(s.updateRevision).not.toBe(oldRev);
    expect(s).toMatchObject({ currentRevision: oldRev, currentReplicas: 3 });
    expect(s.updatedReplicas).toBeUndefined();
    c.api.delete('pods', 'default', 'web-1');
    advanceUntil(c, () => isReady(podIfAny(c, 'web-1')) && revisionOf(c, 'web-1') === s.updateRevision);
    expect(pod(c, 'web-1').spec!.containers[0].image).toBe('registry.k8s.io/nginx-slim:0.24');
    expect(revisionOf(c, 'web-0')).toBe(oldRev);
    expect(sts(c).status).toMatchObject({ currentReplicas: 2, updatedReplicas: 1, currentRevision: oldRev });
  });

  it('ignores maxUnavailable: one pod at a time (MaxUnavailableStatefulSet is off in 1.35.4+)', () => {
    const { c } = workloadCluster();
    c.api.create('statefulsets', 'default', webStatefulSet({ replicas: 4, updateStrategy: { type: 'RollingUpdate', rollingUpdate: { partition: 0, maxUnavailable: 3 } } }));
    readyAll(c, 4);
    setImage(c, 'registry.k8s.io/nginx-slim:0.24');
    expect(c.api.list('pods', 'default').items.filter((p) => p.metadata.deletionTimestamp).map((p) => p.metadata.name)).toEqual(['web-3']);
  });
});

describe('StatefulSet controller: status', () => {
  it('status fields at each step', () => {
    const { c } = workloadCluster();
    c.api.create('statefulsets', 'default', webStatefulSet({ replicas: 2 }));
    c.settle();
    let s = sts(c);
    const rev = s.status!.updateRevision;
    // web-0 exists (Pending); zero counts are omitted as the API serialises them (omitempty).
    expect(s.status).toEqual({ replicas: 1, observedGeneration: 1, currentReplicas: 1, updatedReplicas: 1, currentRevision: rev, updateRevision: rev, collisionCount: 0, availableReplicas: 0 });
    advanceUntil(c, () => isReady(podIfAny(c, 'web-0')));
    expect(sts(c).status).toMatchObject({ replicas: 2, readyReplicas: 1, availableReplicas: 1, currentReplicas: 2, updatedReplicas: 2 });
    readyAll(c, 2);
    expect(sts(c).status).toEqual({ replicas: 2, observedGeneration: 1, readyReplicas: 2, currentReplicas: 2, updatedReplicas: 2, currentRevision: rev, updateRevision: rev, collisionCount: 0, availableReplicas: 2 });
    scale(c, 1);
    s = sts(c);
    expect(s.metadata.generation).toBe(2);
    // web-1 is terminating: still counted in replicas and (while Ready) readyReplicas, not in currentReplicas.
    expect(s.status).toMatchObject({ observedGeneration: 2, replicas: 2, readyReplicas: 2, currentReplicas: 1, updatedReplicas: 1 });
    advanceUntil(c, () => sts(c).status!.replicas === 1);
    expect(sts(c).status).toMatchObject({ replicas: 1, readyReplicas: 1, availableReplicas: 1, currentReplicas: 1, updatedReplicas: 1 });
  });

  it('counts a pod available only after minReadySeconds, and waits for it before the next', () => {
    const { c } = workloadCluster();
    c.api.create('statefulsets', 'default', webStatefulSet({ replicas: 2, minReadySeconds: 10 }));
    advanceUntil(c, () => isReady(podIfAny(c, 'web-0')), 60_000, 100);
    expect(sts(c).status).toMatchObject({ readyReplicas: 1, availableReplicas: 0 });
    expect(podIfAny(c, 'web-1')).toBeUndefined();
    c.advance(9_000);
    expect(podIfAny(c, 'web-1')).toBeUndefined();
    c.advance(1_000);
    expect(sts(c).status).toMatchObject({ availableReplicas: 1 });
    expect(podIfAny(c, 'web-1')).toBeDefined();
  });

  it('is deterministic and survives a snapshot', async () => {
    const run = (seed: number) => {
      const { c } = workloadCluster({ seed });
      c.api.create('statefulsets', 'default', webStatefulSet({ replicas: 3 }));
      c.advance(3_000);
      return c;
    };
    const a = run(4);
    const b = run(4);
    expect(JSON.stringify(a.snapshot())).toBe(JSON.stringify(b.snapshot()));
  });
});

describe('StatefulSet invariants (invariants.ts)', () => {
  it('at most one live pod per identity through deletes, failures, scaling and updates', () => {
    const { c, kubelet } = workloadCluster();
    const watch = new IdentityWatch(c.api);
    c.api.create('statefulsets', 'default', webStatefulSet({ replicas: 3 }));
    readyAll(c, 3);
    c.api.delete('pods', 'default', 'web-1');
    kubelet.fail('default', 'web-2');
    c.settle();
    scale(c, 5);
    setImage(c, 'registry.k8s.io/nginx-slim:0.24');
    c.advance(120_000);
    scale(c, 2);
    c.advance(120_000);
    expect(checkOnePodPerIdentity(c.api)).toEqual([]);
    expect(watch.violations).toEqual([]);
  });

  it('reports a second pod claiming an identity', () => {
    const { c } = workloadCluster();
    const watch = new IdentityWatch(c.api);
    c.api.create('statefulsets', 'default', webStatefulSet({ replicas: 1 }));
    c.settle();
    c.api.create('pods', 'default', { metadata: { name: 'impostor', labels: { 'statefulset.kubernetes.io/pod-name': 'web-0' } }, spec: { containers: [{ name: 'x', image: 'busybox' }], volumes: [{ name: 'www', persistentVolumeClaim: { claimName: 'www-web-0' } }] } });
    c.settle();
    expect(checkOnePodPerIdentity(c.api).map((v) => v.rule)).toEqual(['one pod per StatefulSet identity', 'one pod per StatefulSet claim']);
    expect(watch.violations).toHaveLength(1);
  });
});
