// kubectl create/apply/replace --validate (pkg/cmd/util/helpers.go GetValidationDirective) and
// what the server does with each directive (apiserver strict decoding; see strict-fields.ts).
import { describe, expect, it } from 'vitest';
import { createHarness } from '../testing/harness.ts';
import { webYaml } from '../testing/lab-steps.ts';

/** The tutorial's StatefulSet with `replicas` misspelt. */
const TYPO = webYaml(3).split('---\n')[1].replace('replicas: 3', 'replica: 3');

describe('kubectl --validate (strict by default)', () => {
  it('apply refuses a misspelt field by default and creates nothing', async () => {
    const h = createHarness();
    h.fs.writeFile('/home/learner/web.yaml', TYPO);
    const r = await h.run('kubectl apply -f web.yaml');
    expect(r.stderr).toBe('Error from server (BadRequest): error when creating "web.yaml": StatefulSet in version "v1" cannot be handled as a StatefulSet: strict decoding error: unknown field "spec.replica"\n');
    expect(r.code).toBe(1);
    expect((await h.run('kubectl get sts')).stderr).toBe('No resources found in default namespace.\n');
  });

  it('create and replace refuse it too', async () => {
    const h = createHarness();
    h.fs.writeFile('/home/learner/web.yaml', TYPO);
    expect((await h.run('kubectl create -f web.yaml')).stderr).toContain('strict decoding error: unknown field "spec.replica"');
    await h.run('kubectl create -f web.yaml --validate=false');
    const r = await h.run('kubectl replace -f web.yaml');
    expect(r.stderr).toBe('Error from server (BadRequest): error when replacing "web.yaml": StatefulSet in version "v1" cannot be handled as a StatefulSet: strict decoding error: unknown field "spec.replica"\n');
  });

  it('--validate=warn creates the object without the field and prints the server\'s warning', async () => {
    const h = createHarness();
    h.fs.writeFile('/home/learner/web.yaml', TYPO);
    const r = await h.run('kubectl apply -f web.yaml --validate=warn');
    expect([r.stderr, r.stdout, r.code]).toEqual(['Warning: unknown field "spec.replica"\n', 'statefulset.apps/web created\n', 0]);
    expect((await h.run('kubectl get sts web -o jsonpath={.spec.replicas}')).stdout).toBe('1');
  });

  it('--validate=false (or ignore) drops the field silently', async () => {
    const h = createHarness();
    h.fs.writeFile('/home/learner/web.yaml', TYPO);
    expect(await h.run('kubectl create -f web.yaml --validate=false')).toMatchObject({ stdout: 'statefulset.apps/web created\n', stderr: '', code: 0 });
    expect((await h.run('kubectl get sts web -o yaml')).stdout).not.toContain('replica: 3');
  });

  it('refuses a value it does not know', async () => {
    const h = createHarness();
    h.fs.writeFile('/home/learner/web.yaml', TYPO);
    expect((await h.run('kubectl apply -f web.yaml --validate=loose')).stderr).toBe('error: invalid - validate option "loose"; must be one of: strict (or true), warn, ignore (or false)\n');
  });
});
