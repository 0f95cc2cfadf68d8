// kubectl get accepts every flag get.go and its print flags register (kubectl pkg/cmd/get/get.go
// NewCmdGet, get_flags.go): a learner's --show-managed-fields is not an "unknown flag".
import { describe, expect, it } from 'vitest';
import { createHarness } from '../testing/harness.ts';
import { webFixture } from '../testing/fixtures.ts';

describe('kubectl get flags (get.go)', () => {
  it.each(['--show-managed-fields', '--allow-missing-template-keys=false', '--server-print=false'])('accepts %s', async (flag) => {
    const h = createHarness();
    webFixture(h);
    const r = await h.run(`kubectl get sts web -o name ${flag}`);
    expect([r.stdout, r.stderr, r.code]).toEqual(['statefulset.apps/web\n', '', 0]);
  });
});

describe('Ctrl-C on a watch (pkg/util/interrupt/interrupt.go: the default final step is os.Exit(1))', () => {
  it.each(['kubectl get pods -w', 'kubectl events -w'])('%s exits 1 when interrupted, 0 when it ends otherwise', async (cmd) => {
    const h = createHarness();
    webFixture(h);
    expect((await h.run(cmd, { abortAfterChanges: 0 })).code).toBe(1);
    expect((await h.run(cmd)).code).toBe(0);
  });
});

describe('kubectl get --field-selector with a label the resource does not take (resource/selector.go EnhanceListError)', () => {
  it.each([
    ['pods', 'foo=bar', '"/v1, Resource=pods"', 'field label not supported: foo'],
    ['sts', 'spec.replicas=2', '"apps/v1, Resource=statefulsets"', '"spec.replicas" is not a known field selector: only "metadata.name", "metadata.namespace"'],
  ])('kubectl get %s --field-selector %s is refused by the server', async (kind, sel, gvr, why) => {
    const h = createHarness();
    webFixture(h);
    const r = await h.run(`kubectl get ${kind} --field-selector ${sel}`);
    expect([r.stdout, r.stderr, r.code]).toEqual(['', `Error from server (BadRequest): Unable to find ${gvr} that match label selector "", field selector "${sel}": ${why}\n`, 1]);
  });
});
