import { describe, expect, it } from 'vitest';
import { JsonPatchError, jsonPatch, mergePatch, strategicMerge, schemaFor } from './patch.ts';
import { errorOf, newServer, webStatefulSet } from './testing/server.ts';

const pod = () => ({
  metadata: { name: 'p', finalizers: ['a/x'] },
  spec: {
    containers: [
      { name: 'nginx', image: 'nginx:1', env: [{ name: 'A', value: '1' }], ports: [{ containerPort: 80 }], volumeMounts: [{ name: 'www', mountPath: '/www' }] },
      { name: 'side', image: 'busybox' },
    ],
    volumes: [{ name: 'www', emptyDir: {} }],
    tolerations: [{ key: 'a', operator: 'Exists' }],
  },
  status: { conditions: [{ type: 'Ready', status: 'False' }, { type: 'PodScheduled', status: 'True' }] },
});

describe('JSON merge patch (RFC 7386)', () => {
  it('replaces lists whole and deletes keys set to null', () => {
    const out = mergePatch(pod(), { spec: { containers: [{ name: 'only', image: 'x' }], tolerations: null } });
    expect(out.spec.containers).toEqual([{ name: 'only', image: 'x' }]);
    expect(out.spec.tolerations).toBeUndefined();
  });
});

describe('strategic merge patch (apimachinery strategicpatch)', () => {
  const smp = (patch: any) => strategicMerge(pod(), patch, schemaFor('pods'));

  it('merges containers by name and their env by name, ports by containerPort, mounts by mountPath', () => {
    const out = smp({ spec: { containers: [{ name: 'nginx', image: 'nginx:2', env: [{ name: 'B', value: '2' }], ports: [{ containerPort: 443 }], volumeMounts: [{ mountPath: '/www', readOnly: true }] }] } });
    expect(out.spec.containers.map((c: any) => c.name)).toEqual(['nginx', 'side']);
    expect(out.spec.containers[0].image).toBe('nginx:2');
    expect(out.spec.containers[0].env).toEqual([{ name: 'A', value: '1' }, { name: 'B', value: '2' }]);
    expect(out.spec.containers[0].ports).toEqual([{ containerPort: 80 }, { containerPort: 443 }]);
    expect(out.spec.containers[0].volumeMounts).toEqual([{ name: 'www', mountPath: '/www', readOnly: true }]);
  });

  it('replaces tolerations whole (no patch strategy) and merges conditions by type', () => {
    const out = smp({ spec: { tolerations: [{ key: 'b', operator: 'Exists' }] }, status: { conditions: [{ type: 'Ready', status: 'True' }] } });
    expect(out.spec.tolerations).toEqual([{ key: 'b', operator: 'Exists' }]);
    expect(out.status.conditions).toEqual([{ type: 'Ready', status: 'True' }, { type: 'PodScheduled', status: 'True' }]);
  });

  it('honours $patch: delete in a list and $patch: replace on a list and a map', () => {
    expect(smp({ spec: { containers: [{ name: 'side', $patch: 'delete' }] } }).spec.containers.map((c: any) => c.name)).toEqual(['nginx']);
    expect(smp({ spec: { volumes: [{ $patch: 'replace' }, { name: 'data', emptyDir: {} }] } }).spec.volumes).toEqual([{ name: 'data', emptyDir: {} }]);
    expect(smp({ status: { $patch: 'replace', phase: 'Running' } }).status).toEqual({ phase: 'Running' });
  });

  it('adds finalizers as a set and removes them with $deleteFromPrimitiveList', () => {
    expect(smp({ metadata: { finalizers: ['a/x', 'b/y'] } }).metadata.finalizers).toEqual(['a/x', 'b/y']);
    expect(smp({ metadata: { '$deleteFromPrimitiveList/finalizers': ['a/x'] } }).metadata.finalizers).toEqual([]);
  });

  it('orders a merged list by $setElementOrder', () => {
    const out = smp({ spec: { '$setElementOrder/containers': [{ name: 'side' }, { name: 'nginx' }], containers: [{ name: 'side', image: 'busybox:2' }] } });
    expect(out.spec.containers.map((c: any) => c.name)).toEqual(['side', 'nginx']);
  });

  it('drops the keys $retainKeys does not list (Deployment spec.strategy)', () => {
    const d = { spec: { strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%' } } } };
    expect(strategicMerge(d, { spec: { strategy: { $retainKeys: ['type'], type: 'Recreate' } } }, schemaFor('deployments')).spec.strategy).toEqual({ type: 'Recreate' });
  });

  it('updates an image through the API with a strategic patch, as kubectl patch does', () => {
    const { api } = newServer();
    api.create('statefulsets', 'default', webStatefulSet());
    const out = api.patch('statefulsets', 'default', 'web', { spec: { template: { spec: { containers: [{ name: 'nginx', image: 'nginx:1.27' }] } } } }, 'strategic');
    expect(out.spec.template.spec.containers[0]).toMatchObject({ name: 'nginx', image: 'nginx:1.27', ports: [{ containerPort: 80, name: 'web', protocol: 'TCP' }] });
  });
});

describe('JSON patch (RFC 6902)', () => {
  const doc = () => ({ spec: { replicas: 3, list: ['a', 'b'] } });

  it('adds, removes, replaces, moves, copies and tests', () => {
    const out = jsonPatch(doc(), [
      { op: 'add', path: '/spec/list/-', value: 'c' },
      { op: 'replace', path: '/spec/replicas', value: 5 },
      { op: 'copy', from: '/spec/replicas', path: '/spec/old' },
      { op: 'move', from: '/spec/old', path: '/spec/moved' },
      { op: 'remove', path: '/spec/list/0' },
      { op: 'test', path: '/spec/moved', value: 5 },
    ]);
    expect(out).toEqual({ spec: { replicas: 5, list: ['b', 'c'], moved: 5 } });
  });

  it('says in the json-patch library\'s words which operation does not apply', () => {
    const fail = (ops: any[]) => {
      try {
        jsonPatch(doc(), ops);
      } catch (e) {
        expect(e).toBeInstanceOf(JsonPatchError);
        return e as JsonPatchError;
      }
      throw new Error('applied');
    };
    expect(fail([{ op: 'test', path: '/spec/replicas', value: 4 }]).message).toBe('testing value /spec/replicas failed: test failed');
    expect(fail([{ op: 'replace', path: '/spec/nope', value: 1 }]).message).toBe('replace operation does not apply: doc is missing key: /spec/nope: missing value');
    expect(fail([{ op: 'remove', path: '/spec/nope' }]).message).toBe("error in remove for path: '/spec/nope': Unable to remove nonexistent key: nope: missing value");
    expect(fail([{ op: 'add', path: '/status/x', value: 1 }]).message).toBe('add operation does not apply: doc is missing path: "/status/x": missing value');
    expect(fail([{ op: 'frobnicate', path: '/spec' }]).message).toBe('Unexpected kind: frobnicate');
  });

  it('applies through the API and leaves the object untouched when a test fails', () => {
    const { api } = newServer();
    api.create('statefulsets', 'default', webStatefulSet());
    const rv = api.get('statefulsets', 'default', 'web').metadata.resourceVersion;
    const err = errorOf(() => api.patch('statefulsets', 'default', 'web', [{ op: 'test', path: '/spec/replicas', value: 9 }, { op: 'replace', path: '/spec/replicas', value: 0 }], 'json'));
    // NewGenericServerResponse(422): the generic message and empty details, whichever operation failed.
    expect(err.status).toMatchObject({ code: 422, reason: 'Invalid', message: 'the server rejected our request due to an error in our request', details: {} });
    expect(api.get('statefulsets', 'default', 'web').metadata.resourceVersion).toBe(rv);
    expect(api.patch('statefulsets', 'default', 'web', [{ op: 'replace', path: '/spec/replicas', value: 0 }], 'json').spec.replicas).toBe(0);
  });
});
