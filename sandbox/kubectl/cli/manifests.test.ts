// Multi-document manifests as kubectl reads them: apimachinery pkg/util/yaml/decoder.go
// (YAMLReader cuts the stream at `---` lines, each document converted on its own, so go-yaml's
// line numbers count from the document's first line) and cli-runtime's visitors with
// ContinueOnError (kubectl apply pkg/cmd/apply/apply.go Run: the objects read before the bad
// document are applied, then the error is reported).
import { describe, expect, it } from 'vitest';
import { parseManifests } from './manifests.ts';
import { createHarness } from '../testing/harness.ts';

const SERVICE = 'apiVersion: v1\nkind: Service\nmetadata:\n  name: nginx\nspec:\n  clusterIP: None\n  selector:\n    app: nginx\n  ports:\n  - port: 80\n';
// A label indented less than its map, on the document's line 6.
const BROKEN_STS = 'apiVersion: apps/v1\nkind: StatefulSet\nmetadata:\n  name: web\n  labels:\n app: web\n';

const failure = (text: string) => {
  try {
    parseManifests(text, 'web.yaml');
  } catch (e) {
    return (e as Error).message;
  }
  return 'parsed';
};

describe('parseManifests', () => {
  it('numbers a YAML error from the first line of its document', () => {
    const alone = failure(BROKEN_STS);
    expect(alone).toMatch(/^error parsing web\.yaml: error converting YAML to JSON: yaml: line \d+: /);
    expect(failure(`${SERVICE}---\n${BROKEN_STS}`)).toBe(alone);
    expect(failure(`---\n${SERVICE}--- # the set\n${BROKEN_STS}`)).toBe(alone);
  });

  it('refuses a separator followed by anything but a comment', () => {
    expect(failure(`${SERVICE}--- web\n${SERVICE}`)).toBe('error parsing web.yaml: invalid Yaml document separator: web');
  });

  it('skips empty documents', () => {
    expect(parseManifests(`---\n---\n${SERVICE}---\n`, 'x').map((o) => o.kind)).toEqual(['Service']);
  });
});

describe('kubectl apply -f with a bad second document', () => {
  it('applies the first, then reports the second', async () => {
    const h = createHarness();
    h.fs.writeFile('/home/learner/web.yaml', `${SERVICE}---\n${BROKEN_STS}`);
    const r = await h.run('kubectl apply -f web.yaml');
    expect(r.stdout).toBe('service/nginx created\n');
    expect(r.stderr).toBe(`${failure(BROKEN_STS)}\n`.replace(/^/, 'error: '));
    expect(r.code).toBe(1);
  });
});

// kubernetes/website basic-stateful-set.md applies its manifests by URL; the lab has no network.
describe('kubectl apply -f with the StatefulSet tutorial\'s URLs', () => {
  it('reads web.yaml and web-parallel.yaml from the addresses the tutorial uses', async () => {
    const h = createHarness();
    const r = await h.run('kubectl apply -f https://k8s.io/examples/application/web/web.yaml');
    expect([r.stdout, r.code]).toEqual(['service/nginx created\nstatefulset.apps/web created\n', 0]);
    const sts = h.cluster.api.get('statefulsets', 'default', 'web') as any;
    expect([sts.spec.replicas, sts.spec.podManagementPolicy, sts.spec.template.spec.containers[0].image]).toEqual([2, 'OrderedReady', 'registry.k8s.io/nginx-slim:0.21']);
    expect(sts.spec.volumeClaimTemplates[0].metadata.name).toBe('www');
    await h.run('kubectl delete sts web');
    await h.run('kubectl apply -f https://raw.githubusercontent.com/kubernetes/website/main/content/en/examples/application/web/web-parallel.yaml');
    expect((h.cluster.api.get('statefulsets', 'default', 'web') as any).spec.podManagementPolicy).toBe('Parallel');
  });

  it('answers any other address as a server without the file would', async () => {
    const h = createHarness();
    const r = await h.run('kubectl apply -f https://k8s.io/examples/application/web/nope.yaml');
    expect(r.stderr).toBe('error: unable to read URL "https://k8s.io/examples/application/web/nope.yaml", server reported 404 Not Found, status code=404\n');
  });
});
