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
