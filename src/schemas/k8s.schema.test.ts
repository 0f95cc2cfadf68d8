// The generated schema (scripts/gen-k8s-schema.mjs) checked with a real JSON Schema validator:
// the lab's own manifests pass; unknown fields and wrong types fail where kubectl's strict
// validation would.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { parseAllDocuments } from 'yaml';
// ajv comes with yaml-language-server (the engine monaco-yaml also uses), a dev dependency here.
import Ajv from 'ajv';

const schema = JSON.parse(readFileSync(new URL('./k8s.schema.json', import.meta.url), 'utf8'));
const ajv = new Ajv({ strict: false, allErrors: true });
const validate = ajv.compile(schema);

function docs(path: string): unknown[] {
  return parseAllDocuments(readFileSync(new URL(path, import.meta.url), 'utf8')).map((d) => d.toJS());
}
function labFiles(): Record<string, string> {
  const lab = parseAllDocuments(readFileSync(new URL('../../content/what-is-a-statefulset/lab.yaml', import.meta.url), 'utf8'))[0].toJS();
  return lab.files;
}

const sts = (spec: Record<string, unknown>) => ({ apiVersion: 'apps/v1', kind: 'StatefulSet', metadata: { name: 'web' }, spec: { selector: { matchLabels: { app: 'nginx' } }, template: { metadata: { labels: { app: 'nginx' } }, spec: { containers: [{ name: 'nginx', image: 'nginx' }] } }, ...spec } });

describe('k8s.schema.json', () => {
  it('is not empty: ten kinds with their field descriptions', () => {
    expect(readFileSync(new URL('./k8s.schema.json', import.meta.url)).length).toBeGreaterThan(100_000);
    expect(schema.oneOf).toHaveLength(10);
    expect(schema.definitions['apps.v1.StatefulSetSpec'].properties.serviceName.description).toMatch(/serviceName/);
    expect(schema.definitions['manifest.apps.v1.StatefulSet'].properties.kind.const).toBe('StatefulSet');
  });

  it('accepts every manifest of the first lab (a headless Service and a StatefulSet with volumeClaimTemplates)', () => {
    const files = labFiles();
    for (const [name, text] of Object.entries(files)) {
      if (!/\.ya?ml$/.test(name)) continue;
      for (const d of parseAllDocuments(text).map((x) => x.toJS())) {
        const ok = validate(d);
        expect(ok ? [] : validate.errors, `${name}: ${(d as any)?.kind}`).toEqual([]);
      }
    }
  });

  it('rejects an unknown field and a string where replicas wants an integer', () => {
    expect(validate(sts({ replicas: 'three' }))).toBe(false);
    expect(validate.errors!.some((e) => e.instancePath === '/spec/replicas' && e.message === 'must be integer')).toBe(true);
    expect(validate(sts({ replicas: 3, bogusField: 1 }))).toBe(false);
    expect(validate.errors!.some((e) => e.instancePath === '/spec' && e.params.additionalProperty === 'bogusField')).toBe(true);
  });

  it('rejects a volumeMount with the keys of the seed note swapped around (an unknown key)', () => {
    const bad = sts({});
    (bad.spec as any).template.spec.containers[0].volumeMounts = [{ name: 'www', mountpath: '/data' }];
    expect(validate(bad)).toBe(false);
  });

  it('requires apiVersion and kind at the top but not inside volumeClaimTemplates', () => {
    expect(validate({ metadata: { name: 'x' } })).toBe(false);
    expect(validate(sts({ volumeClaimTemplates: [{ metadata: { name: 'www' }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } } }] }))).toBe(true);
  });

  it('takes quantities as strings or numbers and ports as names or numbers', () => {
    const pod = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: { containers: [{ name: 'c', image: 'busybox', resources: { requests: { cpu: 0.5, memory: '64Mi' } } }] } };
    expect(validate(pod)).toBe(true);
    const svc = { apiVersion: 'v1', kind: 'Service', metadata: { name: 's' }, spec: { ports: [{ port: 80, targetPort: 'web' }], clusterIP: 'None' } };
    expect(validate(svc)).toBe(true);
  });
});
