import { describe, expect, it } from 'vitest';
import { errorOf, newServer } from '../testing/server.ts';

const deployment = (spec: any = {}) => ({
  metadata: { name: 'nginx-deployment' },
  spec: { selector: { matchLabels: { app: 'nginx' } }, template: { metadata: { labels: { app: 'nginx' } }, spec: { containers: [{ name: 'nginx', image: 'nginx:1.14.2' }] } }, ...spec },
});

describe('Deployment and ReplicaSet validation (apps/validation)', () => {
  it('rejects a template whose labels the selector does not match', () => {
    const { api } = newServer();
    expect(errorOf(() => api.create('deployments', 'default', deployment({ selector: { matchLabels: { app: 'web' } } }))).message)
      .toBe('Deployment.apps "nginx-deployment" is invalid: spec.template.metadata.labels: Invalid value: {"app":"nginx"}: `selector` does not match template `labels`');
  });

  it('rejects maxSurge and maxUnavailable both 0', () => {
    const { api } = newServer();
    expect(errorOf(() => api.create('deployments', 'default', deployment({ strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 0, maxUnavailable: 0 } } }))).message)
      .toBe('Deployment.apps "nginx-deployment" is invalid: spec.strategy.rollingUpdate.maxUnavailable: Invalid value: 0: may not be 0 when `maxSurge` is 0');
  });

  it('rejects rollingUpdate under Recreate and a restartPolicy other than Always', () => {
    const { api } = newServer();
    const d = deployment({ strategy: { type: 'Recreate', rollingUpdate: { maxSurge: 1 } } });
    d.spec.template.spec = { ...d.spec.template.spec, restartPolicy: 'Never' } as any;
    expect(errorOf(() => api.create('deployments', 'default', d)).message).toBe(
      'Deployment.apps "nginx-deployment" is invalid: [spec.template.spec.restartPolicy: Unsupported value: "Never": supported values: "Always", ' +
      "spec.strategy.rollingUpdate: Forbidden: may not be specified when strategy `type` is 'Recreate']",
    );
  });

  it('refuses a ReplicaSet selector change', () => {
    const { api } = newServer();
    api.create('replicasets', 'default', deployment());
    expect(errorOf(() => api.patch('replicasets', 'default', 'nginx-deployment', { spec: { selector: { matchLabels: { app: 'nginx', tier: 'x' } }, template: { metadata: { labels: { tier: 'x' } } } } }, 'merge')).message)
      .toBe('ReplicaSet.apps "nginx-deployment" is invalid: spec.selector: Invalid value: {"matchLabels":{"app":"nginx","tier":"x"}}: field is immutable');
  });
});
