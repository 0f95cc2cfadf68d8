import { describe, expect, it } from 'vitest';
import { errorOf, newServer, seedStatefulSet, webStatefulSet } from '../testing/server.ts';

describe('StatefulSet validation (pkg/apis/apps/validation/validation.go, 1.35)', () => {
  it('rejects the seed manifest: volumeMount names a claim template that does not exist', () => {
    const { api } = newServer();
    const err = errorOf(() => api.create('statefulsets', 'default', seedStatefulSet()));
    expect(err.code).toBe(422);
    expect(err.reason).toBe('Invalid');
    expect(err.message).toBe('StatefulSet.apps "app" is invalid: spec.template.spec.containers[0].volumeMounts[0].name: Not found: "/var/data"');
    expect(err.status.details).toMatchObject({ name: 'app', group: 'apps', kind: 'StatefulSet' });
    expect(err.status.details!.causes).toEqual([
      { reason: 'FieldValueNotFound', message: 'Not found: "/var/data"', field: 'spec.template.spec.containers[0].volumeMounts[0].name' },
    ]);
  });

  it('accepts a volumeMount that names a claim template, and a relative mountPath', () => {
    const { api } = newServer();
    const sts = seedStatefulSet();
    sts.spec.template.spec.containers[0].volumeMounts = [{ name: 'data', mountPath: 'data' }];
    expect(api.create('statefulsets', 'default', sts).metadata.name).toBe('app');
  });

  it('rejects an uppercase name with the RFC 1123 label message', () => {
    const { api } = newServer();
    const sts = webStatefulSet();
    sts.metadata.name = 'podA';
    expect(errorOf(() => api.create('statefulsets', 'default', sts)).message).toBe(
      `StatefulSet.apps "podA" is invalid: metadata.name: Invalid value: "podA": a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')`,
    );
  });

  it('rejects a name with dots: a StatefulSet name is a label, not a subdomain', () => {
    const { api } = newServer();
    const sts = webStatefulSet();
    sts.metadata.name = 'web.v1';
    expect(errorOf(() => api.create('statefulsets', 'default', sts)).message).toBe('StatefulSet.apps "web.v1" is invalid: metadata.name: Invalid value: "web.v1": must not contain dots');
  });

  it('rejects a selector that does not match the template labels, rendering the map as JSON', () => {
    const { api } = newServer();
    const sts = webStatefulSet();
    sts.spec.template.metadata.labels = { app: 'web' };
    expect(errorOf(() => api.create('statefulsets', 'default', sts)).message).toBe(
      'StatefulSet.apps "web" is invalid: spec.template.metadata.labels: Invalid value: {"app":"web"}: `selector` does not match template `labels`',
    );
  });

  it('joins several errors as the API server aggregates them', () => {
    const { api } = newServer();
    const sts = webStatefulSet();
    sts.spec.replicas = -1;
    sts.spec.podManagementPolicy = 'Random';
    sts.spec.template.spec.containers[0].image = '';
    expect(errorOf(() => api.create('statefulsets', 'default', sts)).message).toBe(
      'StatefulSet.apps "web" is invalid: [spec.podManagementPolicy: Invalid value: "Random": must be \'OrderedReady\' or \'Parallel\', ' +
      'spec.replicas: Invalid value: -1: must be greater than or equal to 0, spec.template.spec.containers[0].image: Required value]',
    );
  });

  it('rejects missing containers, duplicate container names and bad ports', () => {
    const { api } = newServer();
    const none = webStatefulSet();
    none.spec.template.spec.containers = [];
    expect(errorOf(() => api.create('statefulsets', 'default', none)).message).toContain('spec.template.spec.containers: Required value');
    const dup = webStatefulSet();
    const c = dup.spec.template.spec.containers[0];
    dup.spec.template.spec.containers = [c, { ...c, ports: [{ containerPort: 70000 }], volumeMounts: [] }];
    const msg = errorOf(() => api.create('statefulsets', 'default', dup)).message;
    expect(msg).toContain('spec.template.spec.containers[1].ports[0].containerPort: Invalid value: 70000: must be between 1 and 65535, inclusive');
    expect(msg).toContain('spec.template.spec.containers[1].name: Duplicate value: "nginx"');
  });

  it('rejects an empty mountPath', () => {
    const { api } = newServer();
    const sts = webStatefulSet();
    sts.spec.template.spec.containers[0].volumeMounts[0].mountPath = '';
    expect(errorOf(() => api.create('statefulsets', 'default', sts)).message).toBe('StatefulSet.apps "web" is invalid: spec.template.spec.containers[0].volumeMounts[0].mountPath: Required value');
  });

  it('rejects an unknown updateStrategy type and a serviceName that is not a DNS label', () => {
    const { api } = newServer();
    const sts = webStatefulSet();
    sts.spec.updateStrategy = { type: 'Sometimes' };
    sts.spec.serviceName = 'Nginx';
    const msg = errorOf(() => api.create('statefulsets', 'default', sts)).message;
    expect(msg).toContain('spec.updateStrategy: Invalid value: {"Type":"Sometimes","RollingUpdate":null}: must be \'RollingUpdate\' or \'OnDelete\'');
    expect(msg).toContain('spec.serviceName: Invalid value: "Nginx": a lowercase RFC 1123 label');
  });

  it('rejects a claim template without access modes (1.34+, #132212)', () => {
    const { api } = newServer();
    const sts = webStatefulSet();
    delete sts.spec.volumeClaimTemplates[0].spec.accessModes;
    expect(errorOf(() => api.create('statefulsets', 'default', sts)).message).toBe(
      'StatefulSet.apps "web" is invalid: spec.volumeClaimTemplates[0].spec.accessModes: Required value: at least 1 access mode is required',
    );
  });

  it('forbids changing volumeClaimTemplates with the 1.35 wording', () => {
    const { api } = newServer();
    api.create('statefulsets', 'default', webStatefulSet());
    const sts = api.get('statefulsets', 'default', 'web');
    sts.spec.volumeClaimTemplates[0].spec.resources.requests.storage = '2Gi';
    expect(errorOf(() => api.update('statefulsets', 'default', sts)).message).toBe(
      "StatefulSet.apps \"web\" is invalid: spec: Forbidden: updates to statefulset spec for fields other than 'replicas', 'ordinals', 'template', 'updateStrategy', 'revisionHistoryLimit', 'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds' are forbidden",
    );
  });

  it('allows replicas, template, updateStrategy and revisionHistoryLimit to change', () => {
    const { api } = newServer();
    api.create('statefulsets', 'default', webStatefulSet());
    const sts = api.get('statefulsets', 'default', 'web');
    sts.spec.replicas = 5;
    sts.spec.revisionHistoryLimit = 3;
    sts.spec.template.spec.containers[0].image = 'registry.k8s.io/nginx-slim:0.24';
    const out = api.update('statefulsets', 'default', sts);
    expect(out.spec.replicas).toBe(5);
    expect(out.metadata.generation).toBe(2);
  });

  it('refuses the tutorial\'s OnDelete patch that keeps the defaulted rollingUpdate (website#47038)', () => {
    const { api } = newServer();
    api.create('statefulsets', 'default', webStatefulSet());
    const err = errorOf(() => api.patch('statefulsets', 'default', 'web', { spec: { updateStrategy: { type: 'OnDelete' } } }, 'strategic'));
    expect(err.message).toBe('StatefulSet.apps "web" is invalid: spec.updateStrategy.rollingUpdate: Invalid value: {"Partition":0,"MaxUnavailable":null}: only allowed for updateStrategy \'RollingUpdate\'');
    const ok = api.patch('statefulsets', 'default', 'web', { spec: { updateStrategy: { type: 'OnDelete', rollingUpdate: null } } }, 'strategic');
    expect(ok.spec.updateStrategy).toEqual({ type: 'OnDelete' });
  });

  it('ratchets template validation on update: a stored invalid template does not block a scale', () => {
    const { api } = newServer();
    api.create('statefulsets', 'default', webStatefulSet());
    // Simulate an object stored by an older API server, whose template fails today's rules.
    // (Stored objects are frozen, so the old object is put back through a state load.)
    const state = api.save();
    const stored: any = JSON.parse(JSON.stringify(state.objects.statefulsets[0]));
    stored.spec.template.spec.containers[0].volumeMounts[0].name = '/var/data';
    api.load({ ...state, objects: { ...state.objects, statefulsets: [stored] } });
    const out = api.patch('statefulsets', 'default', 'web', { spec: { replicas: 0 } }, 'merge');
    expect(out.spec.replicas).toBe(0);
  });
});
