import { describe, expect, it } from 'vitest';
import { ApiError } from '../../api/errors.ts';
import type { ApiServer } from '../../api/server.ts';
import type { Informer } from '../../informers.ts';
import type { PersistentVolumeClaim, Pod, StatefulSet } from '../../types.ts';
import { StatefulPodControl } from './stateful-pod-control.ts';
import { newStatefulSetPod } from './stateful-set-utils.ts';
import { webStatefulSet } from '../testing/helpers.ts';

const forbidden = (what: string) => new ApiError({ kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', reason: 'Forbidden', code: 403, message: `${what} is forbidden: exceeded quota: lab-limits` });

function control(failOn: string, claims: PersistentVolumeClaim[] = []) {
  const events: string[] = [];
  const api = {
    create(resource: string, _ns: string, obj: any) {
      if (resource === failOn) throw forbidden(`${resource} "${obj.metadata.name}"`);
      return obj;
    },
  } as unknown as ApiServer;
  const empty = { get: () => undefined, list: () => [] } as unknown as Informer<Pod>;
  const claimInformer = { get: (_ns: string, n: string) => claims.find((c) => c.metadata.name === n), list: () => claims } as unknown as Informer<PersistentVolumeClaim>;
  const recorder = { event: (_o: unknown, type: string, reason: string, msg: string) => events.push(`${type} ${reason} ${msg}`) };
  return { spc: new StatefulPodControl(api, recorder, empty, claimInformer), events };
}

const set = { ...webStatefulSet(), metadata: { name: 'web', namespace: 'default', uid: 'u1' } } as StatefulSet;

describe('StatefulPodControl events (stateful_pod_control.go recordPodEvent / recordClaimEvent)', () => {
  it('reports a failed claim with "for", then the pod as failed', () => {
    const { spc, events } = control('persistentvolumeclaims');
    expect(() => spc.createStatefulPod(set, newStatefulSetPod(set, 0))).toThrow('failed to create PVC www-web-0');
    expect(events).toEqual([
      'Warning FailedCreate create Claim www-web-0 for Pod web-0 in StatefulSet web failed error: persistentvolumeclaims "www-web-0" is forbidden: exceeded quota: lab-limits',
      'Warning FailedCreate create Pod web-0 in StatefulSet web failed error: failed to create PVC www-web-0: persistentvolumeclaims "www-web-0" is forbidden: exceeded quota: lab-limits',
    ]);
  });

  it('reports a failed pod after a successful claim', () => {
    const { spc, events } = control('pods');
    expect(() => spc.createStatefulPod(set, newStatefulSetPod(set, 1))).toThrow();
    expect(events).toEqual([
      'Normal SuccessfulCreate create Claim www-web-1 Pod web-1 in StatefulSet web success',
      'Warning FailedCreate create Pod web-1 in StatefulSet web failed error: pods "web-1" is forbidden: exceeded quota: lab-limits',
    ]);
  });

  it('refuses to create a pod whose claim is being deleted', () => {
    const dying = { metadata: { name: 'www-web-2', namespace: 'default', deletionTimestamp: '2026-01-01T00:00:00Z' } } as PersistentVolumeClaim;
    const { spc, events } = control('none', [dying]);
    expect(() => spc.createStatefulPod(set, newStatefulSetPod(set, 2))).toThrow('pvc www-web-2 is being deleted');
    expect(events).toEqual(['Warning FailedCreate create Pod web-2 in StatefulSet web failed error: pvc www-web-2 is being deleted']);
  });
});
