import { describe, expect, it } from 'vitest';
import { errorOf, newServer } from './testing/server.ts';
import { checkFieldSelector, parseFieldSelector } from './selectors.ts';

function seed() {
  const { api } = newServer();
  for (const [name, node] of [['web-0', 'minikube'], ['web-1', 'minikube-m02'], ['db-0', '']] as const) {
    api.create('pods', 'default', { metadata: { name, labels: { app: name.split('-')[0] } }, spec: { nodeName: node || undefined, containers: [{ name: 'c', image: 'nginx' }] } });
  }
  return api;
}

describe('field selectors per kind (core/v1 conversion.go field label conversions)', () => {
  it('selects pods by spec.nodeName, status.phase and metadata.name', () => {
    const api = seed();
    const names = (sel: string) => api.list('pods', 'default', { fieldSelector: sel }).items.map((p) => p.metadata.name);
    expect(names('spec.nodeName=minikube')).toEqual(['web-0']);
    expect(names('spec.nodeName=')).toEqual(['db-0']);
    expect(names('status.phase=Pending,metadata.name!=web-1')).toEqual(['db-0', 'web-0']);
    expect(names('spec.serviceAccountName=default')).toHaveLength(3);
  });

  it('answers BadRequest "field label not supported" for a field the kind does not index', () => {
    const api = seed();
    const err = errorOf(() => api.list('pods', 'default', { fieldSelector: 'spec.containers=nginx' }));
    expect(err.code).toBe(400);
    expect(err.reason).toBe('BadRequest');
    expect(err.message).toBe('field label not supported: spec.containers');
    // StatefulSets have no conversion of their own: the default one's words (DefaultMetaV1FieldSelectorConversion).
    expect(errorOf(() => api.list('statefulsets', 'default', { fieldSelector: 'status.phase=Running' })).message).toBe('"status.phase" is not a known field selector: only "metadata.name", "metadata.namespace"');
    expect(errorOf(() => api.watch('pods', 'default', { fieldSelector: 'foo=bar' }, () => {})).message).toBe('field label not supported: foo');
  });

  it('selects events by involvedObject fields, reason, type and source', () => {
    const { api } = newServer();
    api.create('events', 'default', { metadata: { name: 'web-0.1' }, involvedObject: { kind: 'Pod', name: 'web-0', namespace: 'default' }, reason: 'Scheduled', type: 'Normal', source: { component: 'default-scheduler' } });
    api.create('events', 'default', { metadata: { name: 'web.1' }, involvedObject: { kind: 'StatefulSet', name: 'web', namespace: 'default' }, reason: 'SuccessfulCreate', type: 'Normal', source: { component: 'statefulset-controller' } });
    const names = (sel: string) => api.list('events', 'default', { fieldSelector: sel }).items.map((e) => e.metadata.name);
    expect(names('involvedObject.kind=Pod,involvedObject.name=web-0')).toEqual(['web-0.1']);
    expect(names('source=statefulset-controller')).toEqual(['web.1']);
    expect(names('reason=Scheduled,type=Normal')).toEqual(['web-0.1']);
  });

  it('selects nodes by spec.unschedulable', () => {
    const { api } = newServer();
    api.create('nodes', undefined, { metadata: { name: 'a' }, spec: { unschedulable: true } });
    api.create('nodes', undefined, { metadata: { name: 'b' } });
    expect(api.list('nodes', undefined, { fieldSelector: 'spec.unschedulable=false' }).items.map((n) => n.metadata.name)).toEqual(['b']);
  });
});

describe('field selectors on Services', () => {
  it('selects by spec.clusterIP, as kube-proxy does to skip headless Services', () => {
    const { api } = newServer();
    api.create('services', 'default', { metadata: { name: 'nginx' }, spec: { clusterIP: 'None', ports: [{ port: 80 }] } });
    api.create('services', 'default', { metadata: { name: 'web' }, spec: { ports: [{ port: 80 }] } });
    expect(api.list('services', 'default', { fieldSelector: 'spec.clusterIP!=None' }).items.map((s) => s.metadata.name)).toEqual(['web']);
  });
});

describe('checkFieldSelector (core/v1 conversion.go field label funcs; apimachinery DefaultMetaV1FieldSelectorConversion)', () => {
  it('refuses a label a resource with its own conversion does not take, in its words', () => {
    expect(checkFieldSelector('pods', parseFieldSelector('foo=bar'))).toBe('field label not supported: foo');
    expect(checkFieldSelector('nodes', parseFieldSelector('metadata.namespace=default'))).toBe('field label not supported: metadata.namespace');
    expect(checkFieldSelector('pods', parseFieldSelector('status.phase=Running,metadata.name=web-0'))).toBeUndefined();
  });

  it('gives the default conversion\'s message for every other resource', () => {
    expect(checkFieldSelector('statefulsets', parseFieldSelector('spec.replicas=3'))).toBe('"spec.replicas" is not a known field selector: only "metadata.name", "metadata.namespace"');
    expect(checkFieldSelector('persistentvolumeclaims', parseFieldSelector('metadata.name=www-web-0'))).toBeUndefined();
  });
});
