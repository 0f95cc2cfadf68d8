// The tutorial's lifecycle across parts: the StatefulSet controller (with the workload tests'
// stand-in kubelet) creating claims, this folder binding them and publishing the pods in DNS.
import { describe, expect, it } from 'vitest';
import { Cluster } from '../cluster.ts';
import { Bootstrap } from '../bootstrap.ts';
import { workloadControllers } from '../controllers/index.ts';
import { FakeKubelet } from '../controllers/testing/fake-kubelet.ts';
import { webStatefulSet } from '../controllers/testing/helpers.ts';
import type { PersistentVolumeClaim } from '../types.ts';
import { storageAndServiceControllers } from './index.ts';
import type { Network } from '../network/index.ts';
import { headlessNginx } from './testkit.ts';

function until(c: Cluster, cond: () => boolean): void {
  for (let i = 0; i < 600 && !cond(); i++) c.advance(500);
  expect(cond()).toBe(true);
}

describe('web StatefulSet with volumeClaimTemplates under the headless Service nginx', () => {
  it('binds www-web-N to pvc-<uid> volumes and publishes web-N.nginx in DNS; scale down keeps the claims', () => {
    const c = Cluster.create({ seed: 2, components: (spec) => [new Bootstrap(spec), new FakeKubelet({ node: 'minikube' }), ...workloadControllers(spec), ...storageAndServiceControllers(spec)] });
    const net = c.component<Network>('network')!;
    headlessNginx(c);
    c.api.create('statefulsets', 'default', webStatefulSet());
    until(c, () => net.resolve('default', 'nginx').records.length === 3);
    for (const i of [0, 1, 2]) {
      const pvc = c.api.get<PersistentVolumeClaim>('persistentvolumeclaims', 'default', `www-web-${i}`);
      expect(pvc.status?.phase).toBe('Bound');
      expect(pvc.spec?.volumeName).toBe(`pvc-${pvc.metadata.uid}`);
      expect(net.resolve('default', `web-${i}.nginx`).records).toHaveLength(1);
    }
    c.api.patch('statefulsets', 'default', 'web', { spec: { replicas: 1 } }, 'merge');
    until(c, () => c.api.list('pods', 'default').items.length === 1);
    expect(net.resolve('default', 'web-2.nginx').rcode).toBe('NXDOMAIN');
    expect(c.api.list<PersistentVolumeClaim>('persistentvolumeclaims', 'default').items.map((p) => p.status?.phase)).toEqual(['Bound', 'Bound', 'Bound']);
  });
});
