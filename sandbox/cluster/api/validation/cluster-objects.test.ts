import { describe, expect, it } from 'vitest';
import { errorOf, newServer } from '../testing/server.ts';

describe('validation of the small kinds', () => {
  it('rejects a taint with an unknown effect', () => {
    const { api } = newServer();
    api.create('nodes', undefined, { metadata: { name: 'minikube' } });
    expect(errorOf(() => api.patch('nodes', undefined, 'minikube', { spec: { taints: [{ key: 'node.kubernetes.io/out-of-service', value: 'nodeshutdown', effect: 'NoRun' }] } }, 'merge')).message)
      .toBe('Node "minikube" is invalid: spec.taints[0].effect: Unsupported value: "NoRun": supported values: "NoSchedule", "PreferNoSchedule", "NoExecute"');
  });

  it('refuses data changes to an immutable ConfigMap', () => {
    const { api } = newServer();
    api.create('configmaps', 'default', { metadata: { name: 'c' }, immutable: true, data: { a: '1' } });
    expect(errorOf(() => api.patch('configmaps', 'default', 'c', { data: { a: '2' } }, 'merge')).message)
      .toBe('ConfigMap "c" is invalid: data: Forbidden: field is immutable when `immutable` is set');
  });

  it('requires ControllerRevision data and keeps it immutable', () => {
    const { api } = newServer();
    expect(errorOf(() => api.create('controllerrevisions', 'default', { metadata: { name: 'web-7b9f' }, revision: 1 })).message)
      .toBe('ControllerRevision.apps "web-7b9f" is invalid: data: Required value: data is mandatory');
    api.create('controllerrevisions', 'default', { metadata: { name: 'web-7b9f' }, revision: 1, data: { spec: {} } });
    expect(errorOf(() => api.patch('controllerrevisions', 'default', 'web-7b9f', { data: { spec: { x: 1 } } }, 'merge')).message)
      .toBe('ControllerRevision.apps "web-7b9f" is invalid: data: Invalid value: {"spec":{"x":1}}: field is immutable');
  });

  it('rejects a namespace name with dots', () => {
    const { api } = newServer();
    expect(errorOf(() => api.create('namespaces', undefined, { metadata: { name: 'my.ns' } })).message).toBe('Namespace "my.ns" is invalid: metadata.name: Invalid value: "my.ns": must not contain dots');
  });
});
