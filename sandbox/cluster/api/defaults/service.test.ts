import { describe, expect, it } from 'vitest';
import { errorOf, newServer } from '../testing/server.ts';

const ipToInt = (ip: string) => ip.split('.').reduce((a, p) => a * 256 + Number(p), 0);
/** In 10.96.0.0/12 above the static band (the first 256 addresses): where dynamic ClusterIPs go (ipallocator/bitmap.go). */
const inDynamicBand = (ip: string) => ipToInt(ip) >= ipToInt('10.96.1.1') && ipToInt(ip) < ipToInt('10.111.255.255');

const svc = (name: string, spec: any = {}) => ({ metadata: { name }, spec: { selector: { app: 'nginx' }, ports: [{ port: 80 }], ...spec } });

describe('Service defaults and ClusterIP allocation (SetDefaults_Service, service REST alloc)', () => {
  it('defaults type, affinity, protocol, targetPort and the IP family fields', () => {
    const { api } = newServer();
    const s = api.create('services', 'default', svc('web'));
    expect(s.spec).toEqual({
      selector: { app: 'nginx' }, ports: [{ port: 80, protocol: 'TCP', targetPort: 80 }], type: 'ClusterIP', sessionAffinity: 'None',
      internalTrafficPolicy: 'Cluster', ipFamilies: ['IPv4'], ipFamilyPolicy: 'SingleStack', clusterIP: s.spec.clusterIP, clusterIPs: [s.spec.clusterIP],
    });
    expect(inDynamicBand(s.spec.clusterIP)).toBe(true);
    expect(s.status).toEqual({ loadBalancer: {} });
  });

  it('hands out scattered addresses above the static band, 10.96.0.1 and 10.96.0.10 to their owners, a new address to a Service created again', () => {
    const { api } = newServer();
    const ips = Array.from({ length: 20 }, (_, i) => api.create('services', 'default', svc(`s${i}`)).spec.clusterIP);
    expect(new Set(ips).size).toBe(20);
    expect(ips.every(inDynamicBand)).toBe(true);
    // Spread over the range, not in a row: the third octets differ.
    expect(new Set(ips.map((ip) => ip.split('.').slice(0, 3).join('.'))).size).toBeGreaterThan(15);
    expect(api.create('services', 'default', svc('kubernetes', { selector: undefined, ports: [{ name: 'https', port: 443, targetPort: 6443 }] })).spec.clusterIP).toBe('10.96.0.1');
    expect(api.create('services', 'kube-system', svc('kube-dns', { ports: [{ name: 'dns', port: 53, protocol: 'UDP' }] })).spec.clusterIP).toBe('10.96.0.10');
    api.delete('services', 'default', 's0');
    const again = api.create('services', 'default', svc('s0')).spec.clusterIP;
    expect(again).not.toBe(ips[0]);
    expect(inDynamicBand(again)).toBe(true);
    // The same steps in another session give the same addresses.
    const { api: other } = newServer();
    expect(Array.from({ length: 20 }, (_, i) => other.create('services', 'default', svc(`s${i}`)).spec.clusterIP)).toEqual(ips);
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
    const ip = api.create('services', 'default', svc('web')).spec.clusterIP;
    const out = api.update('services', 'default', svc('web', { ports: [{ port: 8080 }] }));
    expect(out.spec.clusterIP).toBe(ip);
    expect(errorOf(() => api.update('services', 'default', svc('web', { clusterIP: 'None' }))).message)
      .toBe('Service "web" is invalid: spec.clusterIPs[0]: Invalid value: ["None"]: may not change once set');
  });

  it('rejects a Service name that is not a DNS-1035 label', () => {
    const { api } = newServer();
    expect(errorOf(() => api.create('services', 'default', svc('1web'))).message).toBe(
      `Service "1web" is invalid: metadata.name: Invalid value: "1web": a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')`,
    );
  });

  it('allocates node ports above the static band of 30000-32767 (30086 on), each port its own', () => {
    const { api } = newServer();
    const s = api.create('services', 'default', svc('np', { type: 'NodePort', ports: [{ port: 80, name: 'a' }, { port: 81, name: 'b' }, { port: 82, name: 'c', nodePort: 30001 }] }));
    const ports = s.spec.ports.map((p: any) => p.nodePort);
    expect(ports[2]).toBe(30001);
    for (const p of ports.slice(0, 2)) expect(p >= 30086 && p <= 32767).toBe(true);
    expect(ports[0]).not.toBe(ports[1]);
    expect(s.spec.externalTrafficPolicy).toBe('Cluster');
  });
});
