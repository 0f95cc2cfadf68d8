import { describe, expect, it } from 'vitest';
import { errorOf, newServer, webStatefulSet } from '../testing/server.ts';

const deployment = () => ({
  metadata: { name: 'nginx-deployment' },
  spec: { selector: { matchLabels: { app: 'nginx' } }, template: { metadata: { labels: { app: 'nginx' } }, spec: { containers: [{ name: 'nginx', image: 'nginx:1.14.2' }] } } },
});

describe('workload defaults (apps/v1 defaults.go)', () => {
  it('defaults a StatefulSet as reference §1.2 lists', () => {
    const { api } = newServer();
    const sts = api.create('statefulsets', 'default', webStatefulSet());
    expect(sts.spec).toMatchObject({
      replicas: 2, podManagementPolicy: 'OrderedReady', revisionHistoryLimit: 10,
      updateStrategy: { type: 'RollingUpdate', rollingUpdate: { partition: 0 } },
      persistentVolumeClaimRetentionPolicy: { whenDeleted: 'Retain', whenScaled: 'Retain' },
    });
    expect(sts.spec.template.spec).toMatchObject({ restartPolicy: 'Always', dnsPolicy: 'ClusterFirst', terminationGracePeriodSeconds: 30, schedulerName: 'default-scheduler', securityContext: {} });
    expect(sts.spec.template.spec.containers[0].imagePullPolicy).toBe('IfNotPresent');
    expect(sts.spec.template.spec.tolerations).toBeUndefined();
    expect(sts.spec.volumeClaimTemplates[0]).toMatchObject({ apiVersion: 'v1', kind: 'PersistentVolumeClaim', spec: { volumeMode: 'Filesystem' }, status: { phase: 'Pending' } });
    expect(sts.metadata.generation).toBe(1);
    expect(sts.status).toEqual({});
  });

  it('keeps an OnDelete strategy without a rollingUpdate block', () => {
    const { api } = newServer();
    const s = webStatefulSet();
    s.spec.updateStrategy = { type: 'OnDelete' };
    expect(api.create('statefulsets', 'default', s).spec.updateStrategy).toEqual({ type: 'OnDelete' });
  });

  it('defaults a Deployment: replicas 1, RollingUpdate 25%/25%, history 10, progress deadline 600', () => {
    const { api } = newServer();
    const d = api.create('deployments', 'default', deployment());
    expect(d.spec).toMatchObject({
      replicas: 1, revisionHistoryLimit: 10, progressDeadlineSeconds: 600,
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: '25%', maxSurge: '25%' } },
    });
  });

  it('refuses a Deployment selector change: field is immutable', () => {
    const { api } = newServer();
    api.create('deployments', 'default', deployment());
    const d = api.get('deployments', 'default', 'nginx-deployment');
    d.spec.selector = { matchLabels: { app: 'web' } };
    d.spec.template.metadata.labels = { app: 'web' };
    expect(errorOf(() => api.update('deployments', 'default', d)).message).toBe(
      'Deployment.apps "nginx-deployment" is invalid: spec.selector: Invalid value: {"matchLabels":{"app":"web"}}: field is immutable',
    );
  });

  it('defaults a ReplicaSet to one replica', () => {
    const { api } = newServer();
    expect(api.create('replicasets', 'default', deployment()).spec.replicas).toBe(1);
  });
});
