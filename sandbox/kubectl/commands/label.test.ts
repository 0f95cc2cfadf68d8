// kubectl label: what it prints when a label to remove is not there.
import { describe, expect, it } from 'vitest';
import { createHarness } from '../testing/harness.ts';
import { webFixture } from '../testing/fixtures.ts';

describe('kubectl label KEY- (kubectl pkg/cmd/label/label.go RunLabel)', () => {
  it('says `label "tier" not found.` before `not labeled` when the pod has no such label', async () => {
    const h = createHarness();
    webFixture(h);
    const r = await h.run('kubectl label pod web-0 tier-');
    expect([r.stdout, r.code]).toEqual(['label "tier" not found.\npod/web-0 not labeled\n', 0]);
  });

  it('removes a label that is there without that message, and names each missing key once per object', async () => {
    const h = createHarness();
    webFixture(h);
    await h.run('kubectl label pod web-0 tier=db');
    expect((await h.run('kubectl label pod web-0 tier-')).stdout).toBe('pod/web-0 unlabeled\n');
    expect((await h.run('kubectl label pods --all tier- x-')).stdout).toBe(
      'label "tier" not found.\nlabel "x" not found.\npod/web-0 not labeled\nlabel "tier" not found.\nlabel "x" not found.\npod/web-1 not labeled\n',
    );
  });

  it('annotate has no such message (annotate.go)', async () => {
    const h = createHarness();
    webFixture(h);
    expect((await h.run('kubectl annotate pod web-0 note-')).stdout).toBe('pod/web-0 annotated\n');
  });
});

describe('kubectl label -f (label.go FilenameParam)', () => {
  it('labels every object the manifest names', async () => {
    const h = createHarness();
    webFixture(h);
    h.fs.writeFile('/home/learner/web.yaml', 'apiVersion: v1\nkind: Service\nmetadata:\n  name: nginx\n---\napiVersion: apps/v1\nkind: StatefulSet\nmetadata:\n  name: web\n');
    expect((await h.run('kubectl label -f web.yaml tier=x')).stdout).toBe('service/nginx labeled\nstatefulset.apps/web labeled\n');
    expect(h.cluster.api.get('statefulsets', 'default', 'web').metadata.labels).toEqual({ tier: 'x' });
  });
});

describe('--overwrite is false (label.go validateNoOverwrites, annotate.go validateNoAnnotationOverwrites)', () => {
  it('label refuses any key the object has, even with the same value', async () => {
    const h = createHarness();
    webFixture(h);
    await h.run('kubectl label pod web-0 tier=db');
    expect(await h.run('kubectl label pod web-0 tier=db')).toMatchObject({ stderr: "error: 'tier' already has a value (db), and --overwrite is false\n", code: 1 });
  });

  it('annotate refuses only a different value, in its own words, and lets the change-cause through', async () => {
    const h = createHarness();
    webFixture(h);
    await h.run('kubectl annotate sts web note=hello kubernetes.io/change-cause=first');
    expect((await h.run('kubectl annotate sts web note=hello')).stdout).toBe('statefulset.apps/web annotated\n');
    expect((await h.run('kubectl annotate sts web note=again')).stderr).toBe("error: --overwrite is false but found the following declared annotation(s): 'note' already has a value (hello)\n");
    expect((await h.run('kubectl annotate sts web kubernetes.io/change-cause=second')).code).toBe(0);
  });
});
