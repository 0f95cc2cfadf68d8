// kubectl apply view-last-applied (apply_view_last_applied.go): the annotation kubectl apply
// stored, as YAML or as indented JSON.
import { describe, expect, it } from 'vitest';
import { createHarness } from '../testing/harness.ts';

const CM = `apiVersion: v1
kind: ConfigMap
metadata:
  name: c
data:
  cmd: "echo hi > /tmp/x"
`;

describe('kubectl apply view-last-applied', () => {
  it('prints what the last apply sent, as YAML by default and as JSON with -o json', async () => {
    const h = createHarness();
    h.fs.writeFile('/home/learner/c.yaml', CM);
    await h.run('kubectl apply -f c.yaml');
    expect((await h.run('kubectl apply view-last-applied configmap c')).stdout).toBe(
      'apiVersion: v1\ndata:\n  cmd: echo hi > /tmp/x\nkind: ConfigMap\nmetadata:\n  annotations: {}\n  name: c\n  namespace: default\n',
    );
    expect((await h.run('kubectl apply view-last-applied cm/c -o json')).stdout).toBe(
      '{\n  "apiVersion": "v1",\n  "data": {\n    "cmd": "echo hi \\u003e /tmp/x"\n  },\n  "kind": "ConfigMap",\n  "metadata": {\n    "annotations": {},\n    "name": "c",\n    "namespace": "default"\n  }\n}\n',
    );
  });

  it('prints nothing for an object never applied, and refuses other output formats', async () => {
    const h = createHarness();
    await h.run('kubectl create configmap d --from-literal=a=b');
    expect(await h.run('kubectl apply view-last-applied cm d')).toMatchObject({ stdout: '', stderr: '', code: 0 });
    expect((await h.run('kubectl apply view-last-applied cm d -o wide')).stderr).toBe(
      "error: Unexpected -o output mode: wide, the flag 'output' must be one of yaml|json\nSee 'kubectl apply view-last-applied -h' for help and examples\n",
    );
  });
});
