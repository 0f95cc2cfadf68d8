import { describe, expect, it } from 'vitest';
import { errorOf, newServer } from '../testing/server.ts';

const svc = (name: string, spec: any = {}) => ({ metadata: { name }, spec: { selector: { app: 'nginx' }, ports: [{ port: 80 }], ...spec } });

describe('Service defaults and ClusterIP allocation (SetDefaults_Service, service REST alloc)', () => {
  it('defaults type, affinity, protocol, targetPort and the IP family fields', () => {
    const { api } = newServer();
    const s = api.create('services', 'default', svc('web'));
    expect(s.spec).toEqual({
      selector: { app: 'nginx' }, ports: [{ port: 80, protocol: 'TCP', targetPort: 80 }], type: 'ClusterIP', sessionAffinity: 'None',
      internalTrafficPolicy: 'Cluster', ipFamilies: ['IPv4'], ipFamilyPolicy: 'SingleStack', clusterIP: '10.96.0.2', clusterIPs: ['10.96.0.2'],
    });
    expect(s.status).toEqual({ loadBalancer: {} });
  });

  it('hands out addresses in order, skipping 10.96.0.1 and 10.96.0.10 except for their owners', () => {
    const { api } = newServer();
    const ips = Array.from({ length: 9 }, (_, i) => api.create('services', 'default', svc(`s${i}`)).spec.clusterIP);
    expect(ips).toEqual(['10.96.0.2', '10.96.0.3', '10.96.0.4', '10.96.0.5', '10.96.0.6', '10.96.0.7', '10.96.0.8', '10.96.0.9', '10.96.0.11']);
    expect(api.create('services', 'default', svc('kubernetes', { selector: undefined, ports: [{ name: 'https', port: 443, targetPort: 6443 }] })).spec.clusterIP).toBe('10.96.0.1');
    expect(api.create('services', 'kube-system', svc('kube-dns', { ports: [{ name: 'dns', port: 53, protocol: 'UDP' }] })).spec.clusterIP).toBe('10.96.0.10');
    api.delete('services', 'default', 's0');
    expect(api.create('services', 'default', svc('again')).spec.clusterIP).toBe('10.96.0.2');
  });

  it('makes a headless Service with clusterIP None', () => {
    const { api } = newServer();
    const s = api.create('services', 'default', svc('nginx', { clusterIP: 'None', ports: [{ port: 80, name: 'web' }] }));
    expect(s.spec.clusterIPs).toEqual(['None']);
    expect(s.spec.ipFamilies).toEqual(['IPv4']);
  });

  it('refuses a requested IP that is taken or outside 10.96.0.0/12', () => {
    const { api } = newServer();
    api.create('services', 'default', svc('a', { clusterIP: '10.96.5.5' }));
    expect(errorOf(() => api.create('services', 'default', svc('b', { clusterIP: '10.96.5.5' }))).message)
      .toBe('Service "b" is invalid: spec.clusterIPs: Invalid value: ["10.96.5.5"]: failed to allocate IP 10.96.5.5: provided IP is already allocated');
    expect(errorOf(() => api.create('services', 'default', svc('c', { clusterIP: '192.168.1.1' }))).message)
      .toBe('Service "c" is invalid: spec.clusterIPs: Invalid value: ["192.168.1.1"]: failed to allocate IP 192.168.1.1: the provided network does not match the current range');
  });

  it('keeps the ClusterIP on an update that omits it, and refuses changing it', () => {
    const { api } = newServer();
    api.create('services', 'default', svc('web'));
    const out = api.update('services', 'default', svc('web', { ports: [{ port: 8080 }] }));
    expect(out.spec.clusterIP).toBe('10.96.0.2');
    expect(errorOf(() => api.update('services', 'default', svc('web', { clusterIP: 'None' }))).message)
      .toBe('Service "web" is invalid: spec.clusterIPs[0]: Invalid value: ["None"]: may not change once set');
  });

  it('rejects a Service name that is not a DNS-1035 label', () => {
    const { api } = newServer();
    expect(errorOf(() => api.create('services', 'default', svc('1web'))).message).toBe(
      `Service "1web" is invalid: metadata.name: Invalid value: "1web": a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')`,
    );
  });

  it('allocates node ports from 30000 for a NodePort Service', () => {
    const { api } = newServer();
    const s = api.create('services', 'default', svc('np', { type: 'NodePort' }));
    expect(s.spec.ports[0].nodePort).toBe(30000);
    expect(s.spec.externalTrafficPolicy).toBe('Cluster');
  });
});
