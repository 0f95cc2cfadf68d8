import { describe, expect, it } from 'vitest';
import { newServer } from '../testing/server.ts';

describe('defaults of the small kinds', () => {
  it('copies node capacity to allocatable when the kubelet leaves it out', () => {
    const { api } = newServer();
    const n = api.create('nodes', undefined, { metadata: { name: 'minikube' }, status: { capacity: { cpu: '2', memory: '3900Mi', pods: '110' } } });
    expect(n.status.allocatable).toEqual({ cpu: '2', memory: '3900Mi', pods: '110' });
  });

  it('defaults a StorageClass to reclaim Delete and binding Immediate', () => {
    const { api } = newServer();
    expect(api.get('storageclasses', undefined, 'standard')).toMatchObject({ reclaimPolicy: 'Delete', volumeBindingMode: 'Immediate' });
  });

  it('defaults EndpointSlice ports to TCP with an empty name', () => {
    const { api } = newServer();
    const es = api.create('endpointslices', 'default', { metadata: { name: 'nginx-abcde' }, addressType: 'IPv4', endpoints: [{ addresses: ['10.244.1.2'] }], ports: [{ port: 80 }] });
    expect(es.ports).toEqual([{ port: 80, name: '', protocol: 'TCP' }]);
  });
});
