// The API server's GET paths behind kubectl proxy (api-rest.ts): health checks, /version, objects
// and lists, with the pretty-printing the server chooses by user agent (responsewriters
// isPrettyPrint) and its errors.
import { describe, expect, it } from 'vitest';
import type { Network } from './index.ts';
import type { Cluster } from '../cluster.ts';
import { headlessNginx, testCluster, webPods } from '../storage/testkit.ts';

const net = (c: Cluster) => c.component<Network>('network')!;
const curl = { headers: { 'User-Agent': 'curl/8.11.1' } };
const kubectl = { headers: { 'User-Agent': 'kubectl/v1.35.0 (linux/amd64) kubernetes/6645204' } };

describe('the API server behind kubectl proxy', () => {
  it('answers the health checks with ok and /version with the version it plays', () => {
    const { c } = testCluster();
    for (const p of ['/healthz', '/livez', '/readyz']) expect(net(c).proxy(p, curl)).toMatchObject({ status: 200, body: 'ok' });
    const v = net(c).proxy('/version', curl);
    expect(JSON.parse(v.body)).toMatchObject({ major: '1', minor: '35', gitVersion: 'v1.35.0', platform: 'linux/amd64' });
  });

  it('lists the API versions at /api and the lab\'s groups at /apis, as discovery does', () => {
    const { c } = testCluster();
    expect(JSON.parse(net(c).proxy('/api/', curl).body)).toEqual({ kind: 'APIVersions', versions: ['v1'], serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress: '192.168.49.2:8443' }] });
    const groups = JSON.parse(net(c).proxy('/apis', curl).body);
    expect(groups.kind).toBe('APIGroupList');
    expect(groups.groups.map((g: any) => g.name)).toEqual(['apps', 'storage.k8s.io', 'coordination.k8s.io', 'discovery.k8s.io']);
    expect(groups.groups[0]).toEqual({ name: 'apps', versions: [{ groupVersion: 'apps/v1', version: 'v1' }], preferredVersion: { groupVersion: 'apps/v1', version: 'v1' } });
    expect(net(c).proxy('/api/v1/namespaces/%zz/pods', curl).status).toBe(404);
  });

  it('serves an object with kind, apiVersion and metadata first, pretty for curl and compact for kubectl', () => {
    const { c } = testCluster();
    headlessNginx(c);
    webPods(c, 2);
    const pretty = net(c).proxy('/api/v1/namespaces/default/pods/web-0', curl);
    expect(pretty.status).toBe(200);
    expect(pretty.body).toMatch(/^\{\n {2}"kind": "Pod",\n {2}"apiVersion": "v1",\n {2}"metadata": \{\n {4}"name": "web-0",\n/);
    expect(pretty.body.endsWith('}\n')).toBe(true);
    const compact = net(c).proxy('/api/v1/namespaces/default/pods/web-0', kubectl);
    expect(compact.body).toMatch(/^\{"kind":"Pod","apiVersion":"v1","metadata":\{"name":"web-0",/);
    expect(net(c).proxy('/api/v1/namespaces/default/pods/web-0?pretty=false', curl).body).toBe(compact.body);
    // The status subresource answers the same object.
    expect(net(c).proxy('/api/v1/namespaces/default/pods/web-0/status', kubectl).body).toBe(compact.body);
  });

  it('lists with the selectors, items without kind, across namespaces and for cluster-scoped kinds', () => {
    const { c } = testCluster();
    headlessNginx(c);
    webPods(c, 3);
    const list = JSON.parse(net(c).proxy('/api/v1/namespaces/default/pods?labelSelector=app%3Dnginx&fieldSelector=metadata.name!%3Dweb-1', curl).body);
    expect(list.kind).toBe('PodList');
    expect(list.apiVersion).toBe('v1');
    expect(list.metadata.resourceVersion).toMatch(/^\d+$/);
    expect(list.items.map((p: any) => p.metadata.name)).toEqual(['web-0', 'web-2']);
    expect(list.items[0].kind).toBeUndefined();
    expect(JSON.parse(net(c).proxy('/api/v1/pods', curl).body).items).toHaveLength(3);
    expect(JSON.parse(net(c).proxy('/api/v1/namespaces/default', curl).body)).toMatchObject({ kind: 'Namespace', metadata: { name: 'default' } });
    expect(JSON.parse(net(c).proxy('/apis/storage.k8s.io/v1/storageclasses', curl).body).kind).toBe('StorageClassList');
  });

  it('answers NotFound for a missing object, and the generic 404 for a path it does not serve', () => {
    const { c } = testCluster();
    const missing = net(c).proxy('/apis/apps/v1/namespaces/default/statefulsets/web', curl);
    expect(missing.status).toBe(404);
    expect(JSON.parse(missing.body)).toMatchObject({ reason: 'NotFound', message: 'statefulsets.apps "web" not found' });
    for (const p of ['/apis/apps/v1/namespaces/default/deploy', '/api/v1/namespaces/default/nodes', '/api/v1/pods/web-0', '/apis/apps/v2/statefulsets', '/foo']) {
      const r = net(c).proxy(p, curl);
      expect([p, r.status, JSON.parse(r.body).message]).toEqual([p, 404, 'the server could not find the requested resource']);
    }
  });

  it('changes nothing: other methods get a 405 and a watch a 501, each saying why', () => {
    const { c } = testCluster();
    headlessNginx(c);
    webPods(c, 1);
    const del = net(c).proxy('/api/v1/namespaces/default/pods/web-0', { ...curl, method: 'DELETE' });
    expect(del.status).toBe(405);
    expect(JSON.parse(del.body).message).toMatch(/only reads/);
    expect(c.api.get('pods', 'default', 'web-0').metadata.deletionTimestamp).toBeUndefined();
    expect(net(c).proxy('/api/v1/namespaces/default/pods?watch=true', curl).status).toBe(501);
  });
});
