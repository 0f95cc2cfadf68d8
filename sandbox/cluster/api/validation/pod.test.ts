import { describe, expect, it } from 'vitest';
import { errorOf, newServer } from '../testing/server.ts';
import { POD_UPDATE_FORBIDDEN } from './pod.ts';

const pod = (name = 'web-0') => ({ metadata: { name }, spec: { containers: [{ name: 'nginx', image: 'nginx:1.25' }] } });

describe('pod validation (core/validation/validation.go)', () => {
  it('rejects podA-0: pod names are lowercase RFC 1123 subdomains', () => {
    const { api } = newServer();
    expect(errorOf(() => api.create('pods', 'default', pod('podA-0'))).message).toBe(
      `Pod "podA-0" is invalid: metadata.name: Invalid value: "podA-0": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')`,
    );
  });

  it('rejects a volumeMount naming a volume the pod does not have, as the StatefulSet controller sees it before 1.34', () => {
    const { api } = newServer();
    const p: any = pod('app-0');
    p.spec.containers[0].volumeMounts = [{ name: '/var/data', mountPath: 'data' }];
    expect(errorOf(() => api.create('pods', 'default', p)).message).toBe('Pod "app-0" is invalid: spec.containers[0].volumeMounts[0].name: Not found: "/var/data"');
  });

  it('rejects a missing image, a bad restartPolicy and an unsupported protocol', () => {
    const { api } = newServer();
    const p: any = pod();
    p.spec.containers[0].image = '';
    p.spec.containers[0].ports = [{ containerPort: 80, protocol: 'HTTP' }];
    p.spec.restartPolicy = 'Sometimes';
    expect(errorOf(() => api.create('pods', 'default', p)).message).toBe(
      'Pod "web-0" is invalid: [spec.containers[0].image: Required value, spec.containers[0].ports[0].protocol: Unsupported value: "HTTP": supported values: "SCTP", "TCP", "UDP", ' +
      'spec.restartPolicy: Unsupported value: "Sometimes": supported values: "Always", "OnFailure", "Never"]',
    );
  });

  it('rejects two mounts at the same path', () => {
    const { api } = newServer();
    const p: any = pod();
    p.spec.volumes = [{ name: 'a', emptyDir: {} }, { name: 'b', emptyDir: {} }];
    p.spec.containers[0].volumeMounts = [{ name: 'a', mountPath: '/data' }, { name: 'b', mountPath: '/data' }];
    expect(errorOf(() => api.create('pods', 'default', p)).message).toBe('Pod "web-0" is invalid: spec.containers[0].volumeMounts[1].mountPath: Invalid value: "/data": must be unique');
  });

  it('allows an image change on a running pod', () => {
    const { api } = newServer();
    api.create('pods', 'default', pod());
    const out = api.patch('pods', 'default', 'web-0', { spec: { containers: [{ name: 'nginx', image: 'nginx:1.26' }] } }, 'strategic');
    expect(out.spec.containers[0].image).toBe('nginx:1.26');
    expect(out.metadata.generation).toBe(2);
  });

  it('forbids other pod spec changes with the updatablePodSpecFields message and a diff', () => {
    const { api } = newServer();
    api.create('pods', 'default', pod());
    const err = errorOf(() => api.patch('pods', 'default', 'web-0', { spec: { restartPolicy: 'Never' } }, 'merge'));
    expect(POD_UPDATE_FORBIDDEN).toBe(
      'pod updates may not change fields other than `spec.containers[*].image`,`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,`spec.tolerations` (only additions to existing tolerations),`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)',
    );
    expect(err.message.startsWith(`Pod "web-0" is invalid: spec: Forbidden: ${POD_UPDATE_FORBIDDEN}\n  core.PodSpec{\n`)).toBe(true);
    expect(err.message).toContain('- \tRestartPolicy: "Always",\n+ \tRestartPolicy: "Never",');
  });

  it('forbids adding a container and removing a toleration', () => {
    const { api } = newServer();
    api.create('pods', 'default', pod());
    expect(errorOf(() => api.patch('pods', 'default', 'web-0', { spec: { containers: [{ name: 'side', image: 'busybox' }] } }, 'strategic')).message)
      .toBe('Pod "web-0" is invalid: spec.containers: Forbidden: pod updates may not add or remove containers');
    expect(errorOf(() => api.patch('pods', 'default', 'web-0', { spec: { tolerations: [] } }, 'merge')).message)
      .toContain('spec.tolerations[0]: Forbidden: existing toleration can not be modified except its tolerationSeconds');
  });
});
