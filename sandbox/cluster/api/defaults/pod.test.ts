import { describe, expect, it } from 'vitest';
import { newServer } from '../testing/server.ts';
import { imageTag } from './pod.ts';

const pod = (extra: any = {}) => ({ metadata: { name: 'web-0' }, spec: { containers: [{ name: 'nginx', image: 'nginx', ...extra }] } });

describe('pod defaults (core/v1 defaults.go and admission)', () => {
  it('fills in the pod spec defaults the API server sets', () => {
    const { api } = newServer();
    const p = api.create('pods', 'default', pod());
    expect(p.spec).toMatchObject({
      restartPolicy: 'Always', terminationGracePeriodSeconds: 30, dnsPolicy: 'ClusterFirst', schedulerName: 'default-scheduler',
      securityContext: {}, serviceAccountName: 'default', serviceAccount: 'default', enableServiceLinks: true,
      priority: 0, preemptionPolicy: 'PreemptLowerPriority',
    });
    expect(p.spec.containers[0]).toEqual({
      name: 'nginx', image: 'nginx', imagePullPolicy: 'Always', resources: {},
      terminationMessagePath: '/dev/termination-log', terminationMessagePolicy: 'File',
      volumeMounts: [{ name: p.spec.volumes[0].name, readOnly: true, mountPath: '/var/run/secrets/kubernetes.io/serviceaccount' }],
    });
  });

  // plugin/pkg/admission/serviceaccount/admission.go: mountServiceAccountToken, TokenVolumeSource.
  it('mounts the API credentials into every container: a kube-api-access-XXXXX projected volume, read-only', () => {
    const { api } = newServer();
    const p: any = pod({ volumeMounts: [{ name: 'data', mountPath: '/data' }] });
    p.spec.volumes = [{ name: 'data', emptyDir: {} }];
    p.spec.initContainers = [{ name: 'init', image: 'busybox' }];
    const out = api.create('pods', 'default', p);
    const name = out.spec.volumes[1].name;
    expect(name).toMatch(/^kube-api-access-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
    expect(out.spec.volumes[1].projected).toEqual({
      defaultMode: 420,
      sources: [
        { serviceAccountToken: { expirationSeconds: 3607, path: 'token' } },
        { configMap: { name: 'kube-root-ca.crt', items: [{ key: 'ca.crt', path: 'ca.crt' }] } },
        { downwardAPI: { items: [{ path: 'namespace', fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.namespace' } }] } },
      ],
    });
    const mount = { name, readOnly: true, mountPath: '/var/run/secrets/kubernetes.io/serviceaccount' };
    expect(out.spec.initContainers[0].volumeMounts).toEqual([mount]);
    expect(out.spec.containers[0].volumeMounts).toEqual([{ name: 'data', mountPath: '/data' }, mount]);
    // Another pod gets another name (the name generator's five random letters).
    expect(api.create('pods', 'default', { ...pod(), metadata: { name: 'web-1' } }).spec.volumes[0].name).not.toBe(name);
  });

  it('mounts nothing when the pod says automountServiceAccountToken: false, or where a container already mounts that path', () => {
    const { api } = newServer();
    const off: any = pod();
    off.spec.automountServiceAccountToken = false;
    const a = api.create('pods', 'default', off);
    expect([a.spec.volumes, a.spec.containers[0].volumeMounts]).toEqual([undefined, undefined]);
    const own: any = { metadata: { name: 'own' }, spec: { containers: [{ name: 'c', image: 'nginx', volumeMounts: [{ name: 'mine', mountPath: '/var/run/secrets/kubernetes.io/serviceaccount' }] }], volumes: [{ name: 'mine', emptyDir: {} }] } };
    const b = api.create('pods', 'default', own);
    expect(b.spec.volumes.map((v: any) => v.name)).toEqual(['mine']);
    expect(b.spec.containers[0].volumeMounts).toEqual([{ name: 'mine', mountPath: '/var/run/secrets/kubernetes.io/serviceaccount' }]);
  });

  it('adds the DefaultTolerationSeconds tolerations for not-ready and unreachable', () => {
    const { api } = newServer();
    expect(api.create('pods', 'default', pod()).spec.tolerations).toEqual([
      { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
      { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
    ]);
  });

  it('keeps a pod\'s own toleration for a taint instead of adding the default', () => {
    const { api } = newServer();
    const p = pod();
    (p.spec as any).tolerations = [{ key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 10 }];
    const tol = api.create('pods', 'default', p).spec.tolerations;
    expect(tol.map((t: any) => [t.key, t.tolerationSeconds])).toEqual([['node.kubernetes.io/unreachable', 10], ['node.kubernetes.io/not-ready', 300]]);
  });

  it('pulls :latest or untagged images Always and tagged ones IfNotPresent', () => {
    expect(imageTag('nginx')).toBe('latest');
    expect(imageTag('registry.k8s.io/nginx-slim:0.21')).toBe('0.21');
    expect(imageTag('localhost:5000/app')).toBe('latest');
    expect(imageTag('nginx@sha256:abc')).toBe('');
    const { api } = newServer();
    expect(api.create('pods', 'default', pod({ image: 'nginx:1.25' })).spec.containers[0].imagePullPolicy).toBe('IfNotPresent');
  });

  it('defaults port protocol and probe timings', () => {
    const { api } = newServer();
    const c = api.create('pods', 'default', pod({ ports: [{ containerPort: 80 }], readinessProbe: { httpGet: { port: 80 } } })).spec.containers[0];
    expect(c.ports).toEqual([{ containerPort: 80, protocol: 'TCP' }]);
    expect(c.readinessProbe).toEqual({ httpGet: { port: 80, path: '/', scheme: 'HTTP' }, timeoutSeconds: 1, periodSeconds: 10, successThreshold: 1, failureThreshold: 3 });
  });

  it('sets status Pending with the QoS class on create, whatever the client sent', () => {
    const { api } = newServer();
    const p = pod({ resources: { limits: { cpu: '500m', memory: '128Mi' } } });
    (p as any).status = { phase: 'Running' };
    const out = api.create('pods', 'default', p);
    expect(out.status).toEqual({ phase: 'Pending', qosClass: 'Guaranteed' });
    expect(out.spec.containers[0].resources.requests).toEqual({ cpu: '500m', memory: '128Mi' });
    expect(api.create('pods', 'default', { ...pod({ resources: { requests: { cpu: '100m' } } }), metadata: { name: 'b' } }).status.qosClass).toBe('Burstable');
    expect(api.create('pods', 'default', { ...pod(), metadata: { name: 'c' } }).status.qosClass).toBe('BestEffort');
  });

  it('defaults a volume without a source to emptyDir', () => {
    const { api } = newServer();
    const p: any = pod({ volumeMounts: [{ name: 'scratch', mountPath: '/tmp' }] });
    p.spec.volumes = [{ name: 'scratch' }];
    expect(api.create('pods', 'default', p).spec.volumes[0]).toEqual({ name: 'scratch', emptyDir: {} });
  });
});

// plugin/pkg/admission/serviceaccount/admission.go Admit: getServiceAccount, admission.NewForbidden
// (the name admission reports: apiserver/pkg/admission/errors.go extractResourceName).
describe('the ServiceAccount admission lookup', () => {
  it('refuses a pod whose account does not exist, naming it as given (its generateName before a name is made)', () => {
    const { api } = newServer();
    const p: any = pod();
    p.spec.serviceAccountName = 'builder';
    expect(() => api.create('pods', 'default', p)).toThrow('pods "web-0" is forbidden: error looking up service account default/builder: serviceaccount "builder" not found');
    const g: any = { metadata: { generateName: 'web-' }, spec: { serviceAccountName: 'builder', containers: [{ name: 'c', image: 'nginx' }] } };
    expect(() => api.create('pods', 'default', g)).toThrow('pods "web-" is forbidden: error looking up service account default/builder');
    expect(api.list('pods', 'default').items).toEqual([]);
    api.create('serviceaccounts', 'default', { metadata: { name: 'builder' } });
    expect(api.create('pods', 'default', p).spec.serviceAccountName).toBe('builder');
  });

  it('lets `default` through, which the controller makes in every namespace (the plugin retries it)', () => {
    const { api } = newServer();
    expect(api.create('pods', 'default', pod()).spec.serviceAccountName).toBe('default');
  });
});
