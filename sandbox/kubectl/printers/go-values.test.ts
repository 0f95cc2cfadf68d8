// How kubectl prints maps and lists inside -o jsonpath, -o jsonpath-as-json, -o custom-columns
// and -o json: as Go marshals and formats an unstructured object, not as JavaScript does.
import { describe, expect, it } from 'vitest';
import { createHarness } from '../testing/harness.ts';
import { webFixture } from '../testing/fixtures.ts';

async function web() {
  const h = createHarness();
  webFixture(h);
  return h;
}

describe('maps and lists in kubectl output (Go encoding/json and fmt)', () => {
  it('jsonpath prints a map as json.Marshal does: keys sorted (client-go util/jsonpath PrintResults)', async () => {
    const h = await web();
    h.cluster.api.patch('pods', 'default', 'web-0', { metadata: { labels: { zone: 'b', app: 'nginx', env: 'lab' } } }, 'merge');
    const r = await h.run(`kubectl get pod web-0 -o jsonpath='{.metadata.labels}'`);
    const keys = Object.keys(JSON.parse(r.stdout));
    expect(keys).toEqual([...keys].sort());
    expect(r.stdout).not.toMatch(/\n$/);
  });

  it('jsonpath escapes <, > and & inside maps as \\u003c, \\u003e, \\u0026 (encoding/json HTML escaping)', async () => {
    const h = await web();
    h.cluster.api.patch('pods', 'default', 'web-0', { metadata: { annotations: { note: 'a > b & c' } } }, 'merge');
    expect((await h.run(`kubectl get pod web-0 -o jsonpath='{.metadata.annotations}'`)).stdout).toBe('{"note":"a \\u003e b \\u0026 c"}');
    // A string result is printed as it is, not marshalled.
    expect((await h.run(`kubectl get pod web-0 -o jsonpath='{.metadata.annotations.note}'`)).stdout).toBe('a > b & c');
  });

  it('-o json escapes the same characters (cli-runtime JSONPrinter: json.MarshalIndent)', async () => {
    const h = await web();
    h.cluster.api.patch('pods', 'default', 'web-0', { metadata: { annotations: { note: 'echo hi > /tmp/x' } } }, 'merge');
    expect((await h.run('kubectl get pod web-0 -o json')).stdout).toContain('"note": "echo hi \\u003e /tmp/x"');
  });

  it('jsonpath-as-json prints each result set as an indented JSON array (jsonpath EnableJSONOutput)', async () => {
    const h = await web();
    expect((await h.run(`kubectl get pods -o jsonpath-as-json='{.items[*].metadata.name}'`)).stdout).toBe('[\n    "web-0",\n    "web-1"\n]\n');
    expect((await h.run(`kubectl get pod web-0 -o jsonpath-as-json='{.spec.containers[0].ports[0]}'`)).stdout).toBe(
      '[\n    {\n        "containerPort": 80,\n        "name": "web",\n        "protocol": "TCP"\n    }\n]\n',
    );
    expect((await h.run(`kubectl get pod web-0 -o jsonpath-as-json='{.status.nope}'`)).stdout).toBe('[]\n');
  });

  it('custom-columns print a map or a list as fmt.Sprint does: map[k:v] and [a b] (kubectl get/customcolumn.go)', async () => {
    const h = await web();
    const r = await h.run('kubectl get pod web-0 -o custom-columns=NAME:.metadata.name,PORTS:.spec.containers[0].ports,SEL:.metadata.ownerReferences[0].kind');
    expect(r.stdout.split('\n')[1]).toBe('web-0   [map[containerPort:80 name:web protocol:TCP]]   StatefulSet');
  });
});
