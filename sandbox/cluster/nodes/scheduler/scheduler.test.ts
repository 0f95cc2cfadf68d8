import { describe, expect, it } from 'vitest';
import { createPod, events, getPod, testCluster, boundClaim } from '../testing.ts';
import { backoffDuration } from './scheduler.ts';

const scheduledCondition = (pod: any) => pod?.status?.conditions?.find((c: any) => c.type === 'PodScheduled');

describe('default-scheduler (pkg/scheduler/schedule_one.go)', () => {
  it('leaves a pod Pending with the FitError text when no node fits, then places it when a node frees up', () => {
    const { c } = testCluster();
    c.api.patch('nodes', undefined, 'minikube', { spec: { taints: [{ key: 'dedicated', value: 'db', effect: 'NoSchedule' }] } }, 'merge');
    createPod(c, 'hog-1', { cpu: '1500m', nodeName: 'minikube-m02' });
    createPod(c, 'hog-2', { cpu: '1500m', nodeName: 'minikube-m03' });
    createPod(c, 'web-0', { cpu: '1' });

    const want =
      '0/3 nodes are available: 1 node(s) had untolerated taint(s), 2 Insufficient cpu. no new claims to deallocate, ' +
      'preemption: 0/3 nodes are available: 1 Preemption is not helpful for scheduling, 2 No preemption victims found for incoming pod.';
    const pod = getPod(c, 'web-0');
    expect(pod?.spec?.nodeName).toBeUndefined();
    expect(scheduledCondition(pod)).toMatchObject({ status: 'False', reason: 'Unschedulable', message: want });
    expect(events(c, 'web-0', 'FailedScheduling')).toEqual([{ reason: 'FailedScheduling', message: want, type: 'Warning', source: 'default-scheduler', count: 1 }]);

    c.api.delete('pods', 'default', 'hog-1');
    c.advance(1000);
    expect(getPod(c, 'web-0')?.spec?.nodeName).toBe('minikube-m02');
    expect(events(c, 'web-0', 'Scheduled')).toEqual([
      { reason: 'Scheduled', message: 'Successfully assigned default/web-0 to minikube-m02', type: 'Normal', source: 'default-scheduler', count: 1 },
    ]);
    expect(scheduledCondition(getPod(c, 'web-0'))?.status).toBe('True');
  });

  it('says preemption is not helpful when the request is larger than any node (fit.go Unresolvable)', () => {
    const { c } = testCluster();
    createPod(c, 'huge', { cpu: '64' });
    expect(scheduledCondition(getPod(c, 'huge'))?.message).toBe(
      '0/3 nodes are available: 3 Insufficient cpu. no new claims to deallocate, preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.',
    );
  });

  it('does not retry a pod that does not fit on every heartbeat, only on changes that can help', () => {
    const { c } = testCluster();
    createPod(c, 'huge', { cpu: '3' });
    c.advance(120_000);
    expect(events(c, 'huge', 'FailedScheduling')[0].count).toBe(1);
  });

  it('spreads three replicas of one StatefulSet over the three nodes', () => {
    for (const seed of [1, 2, 3, 4]) {
      const { c } = testCluster(seed);
      c.api.create('statefulsets', 'default', {
        metadata: { name: 'web' },
        spec: {
          serviceName: 'nginx', replicas: 3, selector: { matchLabels: { app: 'nginx' } },
          template: { metadata: { labels: { app: 'nginx' } }, spec: { containers: [{ name: 'nginx', image: 'nginx' }] } },
        },
      });
      for (const n of ['web-0', 'web-1', 'web-2']) createPod(c, n, { labels: { app: 'nginx' } });
      const nodes = ['web-0', 'web-1', 'web-2'].map((n) => getPod(c, n)?.spec?.nodeName);
      expect(new Set(nodes).size, `seed ${seed}: ${nodes.join(',')}`).toBe(3);
    }
  });

  it('places no new pod on a cordoned node', () => {
    const { c } = testCluster();
    c.api.patch('nodes', undefined, 'minikube-m02', { spec: { unschedulable: true } }, 'merge');
    c.settle();
    for (let i = 0; i < 6; i++) createPod(c, `p-${i}`);
    const placed = Array.from({ length: 6 }, (_, i) => getPod(c, `p-${i}`)?.spec?.nodeName);
    expect(placed.every((n) => n === 'minikube' || n === 'minikube-m03')).toBe(true);

    createPod(c, 'pinned', { nodeSelector: { 'kubernetes.io/hostname': 'minikube-m02' } });
    expect(scheduledCondition(getPod(c, 'pinned'))?.message).toBe(
      "0/3 nodes are available: 1 node(s) were unschedulable, 2 node(s) didn't match Pod's node affinity/selector. no new claims to deallocate, " +
        'preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.',
    );
  });

  it('names a missing claim, then an unbound Immediate claim (volumebinding PreFilter)', () => {
    const { c } = testCluster();
    createPod(c, 'web-0', { claims: ['data-web-0'] });
    expect(scheduledCondition(getPod(c, 'web-0'))?.message).toBe(
      '0/3 nodes are available: persistentvolumeclaim "data-web-0" not found. no new claims to deallocate, preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.',
    );
    c.api.create('persistentvolumeclaims', 'default', { metadata: { name: 'data-web-0' }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } } });
    c.advance(2000);
    expect(scheduledCondition(getPod(c, 'web-0'))?.message).toBe(
      '0/3 nodes are available: pod has unbound immediate PersistentVolumeClaims. no new claims to deallocate, preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.',
    );
    c.api.delete('persistentvolumeclaims', 'default', 'data-web-0');
    c.api.patch('persistentvolumeclaims', 'default', 'data-web-0', { metadata: { finalizers: null } }, 'merge');
    c.settle();
    boundClaim(c, 'data-web-0', 'pvc-0001');
    c.advance(5000);
    expect(getPod(c, 'web-0')?.spec?.nodeName).toBeTruthy();
  });

  it('backs off 1 s, doubling up to 10 s', () => {
    expect([1, 2, 3, 4, 5, 9].map(backoffDuration)).toEqual([1000, 2000, 4000, 8000, 10000, 10000]);
  });

  it('restores a snapshot and goes on scheduling', () => {
    const { c } = testCluster();
    createPod(c, 'huge', { cpu: '3' });
    const snap = JSON.parse(JSON.stringify(c.snapshot()));
    expect(snap.components['default-scheduler'].backoff['default/huge'].attempts).toBe(1);
  });
});

describe('InterPodAffinity (plugins/interpodaffinity/filtering.go)', () => {
  const zk = (c: any, name: string) =>
    c.api.create('pods', 'default', {
      metadata: { name, labels: { app: 'zk' } },
      spec: {
        containers: [{ name: 'zk', image: 'zookeeper' }],
        affinity: { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ labelSelector: { matchExpressions: [{ key: 'app', operator: 'In', values: ['zk'] }] }, topologyKey: 'kubernetes.io/hostname' }] } },
      },
    });

  it('keeps one zk pod per node and explains the fourth', () => {
    const { c } = testCluster();
    for (const n of ['zk-0', 'zk-1', 'zk-2', 'zk-3']) zk(c, n);
    c.settle();
    expect(new Set(['zk-0', 'zk-1', 'zk-2'].map((n) => getPod(c, n)?.spec?.nodeName)).size).toBe(3);
    expect(scheduledCondition(getPod(c, 'zk-3'))?.message).toBe(
      "0/3 nodes are available: 3 node(s) didn't match pod anti-affinity rules. no new claims to deallocate, preemption: 0/3 nodes are available: 3 No preemption victims found for incoming pod.",
    );
  });

  it('mixes a cordoned node with anti-affinity, as when draining a ZooKeeper node', () => {
    const { c } = testCluster();
    for (const n of ['zk-0', 'zk-1', 'zk-2']) zk(c, n);
    c.settle();
    const victim = getPod(c, 'zk-1')!.spec!.nodeName!;
    c.api.patch('nodes', undefined, victim, { spec: { unschedulable: true } }, 'merge');
    c.api.delete('pods', 'default', 'zk-1');
    c.settle();
    zk(c, 'zk-1');
    c.settle();
    expect(scheduledCondition(getPod(c, 'zk-1'))?.message).toBe(
      "0/3 nodes are available: 1 node(s) were unschedulable, 2 node(s) didn't match pod anti-affinity rules. no new claims to deallocate, " +
        'preemption: 0/3 nodes are available: 1 Preemption is not helpful for scheduling, 2 No preemption victims found for incoming pod.',
    );
  });

  it('waits for scheduling gates to be removed', () => {
    const { c } = testCluster();
    c.api.create('pods', 'default', { metadata: { name: 'gated' }, spec: { schedulingGates: [{ name: 'example.com/wait' }], containers: [{ name: 'c', image: 'nginx' }] } });
    c.advance(5000);
    expect(getPod(c, 'gated')?.spec?.nodeName).toBeUndefined();
    c.api.patch('pods', 'default', 'gated', { spec: { schedulingGates: null } }, 'merge');
    c.settle();
    expect(getPod(c, 'gated')?.spec?.nodeName).toBeTruthy();
  });
});

describe('VolumeBinding with WaitForFirstConsumer (plugins/volumebinding)', () => {
  it('finds a local volume on the right node, binds it, and binds the pod once the claim is bound', () => {
    const { c } = testCluster();
    c.api.create('storageclasses', undefined, { metadata: { name: 'local' }, provisioner: 'kubernetes.io/no-provisioner', volumeBindingMode: 'WaitForFirstConsumer' });
    c.api.create('persistentvolumeclaims', 'default', { metadata: { name: 'data' }, spec: { storageClassName: 'local', accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } } });
    createPod(c, 'db', { claims: ['data'] });
    expect(scheduledCondition(getPod(c, 'db'))?.message).toBe(
      "0/3 nodes are available: 3 node(s) didn't find available persistent volumes to bind. no new claims to deallocate, preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.",
    );
    c.api.create('persistentvolumes', undefined, {
      metadata: { name: 'local-pv' },
      spec: {
        storageClassName: 'local', accessModes: ['ReadWriteOnce'], capacity: { storage: '5Gi' }, local: { path: '/mnt/disks/ssd1' },
        nodeAffinity: { required: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'kubernetes.io/hostname', operator: 'In', values: ['minikube-m03'] }] }] } },
      },
    });
    c.advance(2000);
    expect((c.api.get('persistentvolumes', undefined, 'local-pv') as any).spec.claimRef.name).toBe('data');
    expect(getPod(c, 'db')?.spec?.nodeName).toBeUndefined();
    // What the PV controller then does: complete the binding on the claim.
    c.api.patch('persistentvolumeclaims', 'default', 'data', { metadata: { annotations: { 'pv.kubernetes.io/bind-completed': 'yes' } }, spec: { volumeName: 'local-pv' } }, 'merge');
    c.settle();
    expect(getPod(c, 'db')?.spec?.nodeName).toBe('minikube-m03');
  });
});

describe('PodTopologySpread (plugins/podtopologyspread/filtering.go)', () => {
  it('refuses a node that would exceed maxSkew for a DoNotSchedule constraint', () => {
    const { c } = testCluster();
    const spread = (name: string, nodeName?: string) =>
      c.api.create('pods', 'default', {
        metadata: { name, labels: { app: 'db' } },
        spec: {
          nodeName,
          nodeSelector: nodeName ? undefined : { 'kubernetes.io/hostname': 'minikube' },
          containers: [{ name: 'c', image: 'nginx' }],
          topologySpreadConstraints: [
            { maxSkew: 1, topologyKey: 'kubernetes.io/hostname', whenUnsatisfiable: 'DoNotSchedule', nodeAffinityPolicy: 'Ignore', labelSelector: { matchLabels: { app: 'db' } } },
          ],
        },
      });
    spread('db-0', 'minikube');
    c.settle();
    spread('db-1');
    c.settle();
    expect(scheduledCondition(getPod(c, 'db-1'))?.message).toBe(
      "0/3 nodes are available: 1 node(s) didn't match pod topology spread constraints, 2 node(s) didn't match Pod's node affinity/selector. no new claims to deallocate, " +
        'preemption: 0/3 nodes are available: 1 No preemption victims found for incoming pod, 2 Preemption is not helpful for scheduling.',
    );
  });
});
