// Strict decoding (fieldValidation=Strict) and dropping unknown fields otherwise; see strict-fields.ts
// for the sources (apimachinery pkg/runtime/error.go NewStrictDecodingError, apiserver handlers).
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { Cluster } from '../cluster.ts';
import { ApiError } from './errors.ts';
import { unknownFields } from './strict-fields.ts';

const sts = (spec: Record<string, unknown>) => ({
  apiVersion: 'apps/v1', kind: 'StatefulSet', metadata: { name: 'web' },
  spec: {
    serviceName: 'nginx', selector: { matchLabels: { app: 'nginx' } },
    template: { metadata: { labels: { app: 'nginx' } }, spec: { containers: [{ name: 'nginx', image: 'nginx' }] } },
    ...spec,
  },
});

describe('unknownFields', () => {
  it('names each unknown field by its path, list items by index, in document order', () => {
    const obj = sts({ replica: 2 });
    (obj.spec.template.spec.containers as any[]).push({ name: 'side', image: 'busybox', imagePullPolicyy: 'Always', ports: [{ containerPort: 80, nmae: 'web' }] });
    // replica comes last in this object's text (sts() adds it after template).
    expect(unknownFields('StatefulSet', obj)).toEqual([
      'spec.template.spec.containers[1].imagePullPolicyy',
      'spec.template.spec.containers[1].ports[0].nmae',
      'spec.replica',
    ]);
  });

  it('knows the fields inside volumeClaimTemplates (PersistentVolumeClaims) and maps of strings', () => {
    const obj = sts({ volumeClaimTemplates: [{ metadata: { name: 'www', labels: { anything: 'goes' } }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } }, storage: '1Gi' } }] });
    expect(unknownFields('StatefulSet', obj)).toEqual(['spec.volumeClaimTemplates[0].spec.storage']);
  });
});

describe('the API server with fieldValidation', () => {
  it('refuses an unknown field under Strict with the BadRequest the real server gives, storing nothing', () => {
    const c = Cluster.create({ seed: 1 });
    let err: unknown;
    try {
      c.api.create('statefulsets', 'default', sts({ replica: 2 }), { fieldValidation: 'Strict' });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ApiError);
    expect((err as ApiError).status).toMatchObject({
      code: 400, reason: 'BadRequest',
      message: 'StatefulSet in version "v1" cannot be handled as a StatefulSet: strict decoding error: unknown field "spec.replica"',
    });
    expect([...c.api.peekAll('statefulsets')]).toEqual([]);
  });

  it('drops unknown fields under Warn and Ignore, on create and on update', () => {
    const c = Cluster.create({ seed: 1 });
    const made = c.api.create('statefulsets', 'default', sts({ replica: 2 }), { fieldValidation: 'Ignore' });
    expect(made.spec).not.toHaveProperty('replica');
    const next = { ...made, spec: { ...made.spec, replicaz: 3 } };
    const updated = c.api.update('statefulsets', 'default', next, { fieldValidation: 'Warn' });
    expect(updated.spec).not.toHaveProperty('replicaz');
  });

  it('takes back every object a running cluster stores: `get -o yaml` then `replace -f` is never refused', () => {
    const c = Cluster.create({ seed: 4 });
    c.api.create('services', 'default', { metadata: { name: 'nginx' }, spec: { clusterIP: 'None', selector: { app: 'nginx' }, ports: [{ port: 80, name: 'web' }] } });
    c.api.create('statefulsets', 'default', sts({ replicas: 2, volumeClaimTemplates: [{ metadata: { name: 'www' }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } } }] }));
    c.api.create('deployments', 'default', { metadata: { name: 'cattle' }, spec: { replicas: 2, selector: { matchLabels: { app: 'cattle' } }, template: { metadata: { labels: { app: 'cattle' } }, spec: { containers: [{ name: 'c', image: 'nginx' }] } } } });
    c.advance(60_000);
    const found: string[] = [];
    for (const resource of ['pods', 'services', 'statefulsets', 'deployments', 'replicasets', 'persistentvolumeclaims', 'persistentvolumes', 'storageclasses', 'configmaps', 'namespaces']) {
      for (const o of c.api.peekAll(resource) as Iterable<any>) found.push(...(unknownFields(o.kind, o) ?? []).map((p) => `${o.kind}/${o.metadata.name}: ${p}`));
    }
    expect(found).toEqual([]);
  });
});

describe('known-fields.generated.ts', () => {
  it('is what scripts/gen-k8s-schema.mjs generates from kubernetes-types today', () => {
    expect(() => execFileSync(process.execPath, ['scripts/gen-k8s-schema.mjs', '--check'], { encoding: 'utf8' })).not.toThrow();
  });
});

describe('values of the wrong JSON type (encoding/json UnmarshalTypeError, as the API server reports it)', () => {
  const refusal = (kind: string, resource: string, body: unknown) => {
    const c = Cluster.create({ seed: 1 });
    try {
      c.api.create(resource, 'default', body as any, { fieldValidation: 'Ignore' });
    } catch (e) {
      return (e as ApiError).status.message;
    }
    return `${kind} created`;
  };
  const pod = (container: Record<string, unknown>) => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: { containers: [{ name: 'c', image: 'nginx', ...container }] } });

  it('names the Go struct, the field path without indexes and the Go type, whatever fieldValidation says', () => {
    expect(refusal('Pod', 'pods', pod({ ports: { containerPort: 80 } }))).toBe('Pod in version "v1" cannot be handled as a Pod: json: cannot unmarshal object into Go struct field Container.spec.containers.ports of type []v1.ContainerPort');
    expect(refusal('Pod', 'pods', pod({ command: ['sleep', 1200] }))).toBe('Pod in version "v1" cannot be handled as a Pod: json: cannot unmarshal number into Go struct field Container.spec.containers.command of type string');
    expect(refusal('Pod', 'pods', pod({ ports: ['80'] }))).toBe('Pod in version "v1" cannot be handled as a Pod: json: cannot unmarshal string into Go struct field Container.spec.containers.ports of type v1.ContainerPort');
    expect(refusal('StatefulSet', 'statefulsets', sts({ replicas: '3' }))).toBe('StatefulSet in version "v1" cannot be handled as a StatefulSet: json: cannot unmarshal string into Go struct field StatefulSetSpec.spec.replicas of type int32');
    expect(refusal('StatefulSet', 'statefulsets', sts({ replicas: 1.5 }))).toBe('StatefulSet in version "v1" cannot be handled as a StatefulSet: json: cannot unmarshal number 1.5 into Go struct field StatefulSetSpec.spec.replicas of type int32');
    expect(refusal('Pod', 'pods', { ...pod({}), metadata: { name: 'p', labels: { tier: 1 } } })).toBe('Pod in version "v1" cannot be handled as a Pod: json: cannot unmarshal number into Go struct field ObjectMeta.metadata.labels of type string');
  });

  it('reports the first type error and not the unknown fields, as the decoder does', () => {
    expect(refusal('StatefulSet', 'statefulsets', sts({ replica: 2, replicas: 'two' }))).toMatch(/json: cannot unmarshal string into Go struct field StatefulSetSpec.spec.replicas of type int32$/);
  });

  it('takes null for any field, and int64 fields past the int32 range', () => {
    expect(refusal('Pod', 'pods', { ...pod({}), metadata: { name: 'p', creationTimestamp: null }, spec: { ...pod({}).spec, terminationGracePeriodSeconds: 3_000_000_000 } })).toBe('Pod created');
  });
});

describe('a patch whose result has a value of the wrong type (handlers/patch.go: Invalid on "patch")', () => {
  it('is refused before anything reads the object (a map where a list belongs crashed the scheduler)', () => {
    const c = Cluster.create({ seed: 1 });
    c.api.create('pods', 'default', { metadata: { name: 'p' }, spec: { containers: [{ name: 'p', image: 'nginx' }] } });
    let err: ApiError | undefined;
    try {
      c.api.patch('pods', 'default', 'p', { spec: { containers: [{ name: 'p', ports: { containerPort: 80 } }] } }, 'strategic');
    } catch (e) {
      err = e as ApiError;
    }
    expect(err?.status).toMatchObject({ code: 422, reason: 'Invalid' });
    expect(err?.status.details?.causes).toEqual([{
      reason: 'FieldValueInvalid', field: 'patch',
      message: 'Invalid value: "map[spec:map[containers:[map[name:p ports:map[containerPort:80]]]]]": json: cannot unmarshal object into Go struct field Container.spec.containers.ports of type []v1.ContainerPort',
    }]);
    c.advance(5_000); // the scheduler and kubelet run over the unchanged pod
    expect((c.api.get('pods', 'default', 'p') as any).spec.containers[0].ports).toBeUndefined();
  });
});

describe('unknown fields in a patch (handlers/patch.go; fieldValidation defaults to Warn)', () => {
  const setup = () => {
    const c = Cluster.create({ seed: 1 });
    c.api.create('statefulsets', 'default', sts({ replicas: 1 }));
    return c;
  };

  it('drops them and warns under Warn and when the client names no validation', () => {
    const c = setup();
    const warnings: string[] = [];
    const after = c.api.patch('statefulsets', 'default', 'web', { spec: { replica: 3 } }, 'strategic', { warnings }) as any;
    expect(after.spec).not.toHaveProperty('replica');
    expect(warnings).toEqual(['unknown field "spec.replica"']);
  });

  it('drops them silently under Ignore', () => {
    const c = setup();
    const warnings: string[] = [];
    c.api.patch('statefulsets', 'default', 'web', { spec: { replica: 3 } }, 'merge', { warnings, fieldValidation: 'Ignore' });
    expect(warnings).toEqual([]);
    expect((c.api.get('statefulsets', 'default', 'web') as any).spec).not.toHaveProperty('replica');
  });

  it('refuses the patch under Strict, Invalid on "patch" with the patch as a Go map', () => {
    const c = setup();
    let err: ApiError | undefined;
    try {
      c.api.patch('statefulsets', 'default', 'web', { spec: { replica: 3 } }, 'strategic', { fieldValidation: 'Strict' });
    } catch (e) {
      err = e as ApiError;
    }
    expect(err?.status.details?.causes).toEqual([{ reason: 'FieldValueInvalid', field: 'patch', message: 'Invalid value: "map[spec:map[replica:3]]": strict decoding error: unknown field "spec.replica"' }]);
  });
});
