// kubectl logs -l SELECTOR, --prefix and --all-containers.
// Source: kubernetes/kubectl pkg/cmd/logs/logs.go (Complete, Validate, ToLogOptions' selectorTail,
// addPrefixIfNeeded) and pkg/polymorphichelpers/logsforobject.go (a PodList: each pod's
// default container; allContainers: init, then regular containers).
import { describe, expect, it } from 'vitest';
import { createHarness } from '../testing/harness.ts';
import { webFixture } from '../testing/fixtures.ts';

function withLogs() {
  const h = createHarness();
  webFixture(h);
  const lines = (pod: string) => Array.from({ length: 12 }, (_, i) => `${pod} line ${i + 1}`);
  h.logs.set('default/web-0/nginx', lines('web-0'));
  h.logs.set('default/web-1/nginx', lines('web-1'));
  return h;
}

describe('kubectl logs -l (logs.go)', () => {
  it('prints the last 10 lines of every pod the selector matches', async () => {
    const h = withLogs();
    const r = await h.run('kubectl logs -l app=nginx');
    expect(r.code).toBe(0);
    const out = r.stdout.split('\n').filter(Boolean);
    expect(out).toHaveLength(20);
    expect(out[0]).toBe('web-0 line 3');
    expect(out[10]).toBe('web-1 line 3');
  });

  it('--tail overrides the 10 lines, and --prefix names pod and container', async () => {
    const h = withLogs();
    expect((await h.run('kubectl logs -l app=nginx --tail=1 --prefix')).stdout).toBe('[pod/web-0/nginx] web-0 line 12\n[pod/web-1/nginx] web-1 line 12\n');
    expect((await h.run('kubectl logs web-1 --tail=1 --prefix')).stdout).toBe('[pod/web-1/nginx] web-1 line 12\n');
  });

  it('says when nothing matches, and refuses a pod name together with -l', async () => {
    const h = withLogs();
    expect(await h.run('kubectl logs -l app=nope')).toMatchObject({ stdout: '', stderr: 'No resources found in default namespace.\n', code: 0 });
    expect(await h.run('kubectl logs web-0 -l app=nginx')).toMatchObject({ stderr: "error: only a selector (-l) or a POD name is allowed\nSee 'kubectl logs -h' for help and examples\n", code: 1 });
  });

  it('--all-containers reads every container, and is refused together with a container name', async () => {
    const h = withLogs();
    const pod = h.cluster.api.get('pods', 'default', 'web-0');
    h.cluster.api.delete('pods', 'default', 'web-0', { gracePeriodSeconds: 0 });
    h.cluster.settle();
    delete pod.metadata.resourceVersion;
    delete pod.metadata.uid;
    delete pod.metadata.deletionTimestamp;
    pod.spec.initContainers = [{ name: 'setup', image: 'busybox:1.28' }];
    h.cluster.api.create('pods', 'default', pod);
    h.logs.set('default/web-0/setup', ['prepared']);
    expect((await h.run('kubectl logs web-0 --all-containers --tail=1')).stdout).toBe('prepared\nweb-0 line 12\n');
    expect((await h.run('kubectl logs web-0 --all-containers -c nginx')).stderr).toBe('error: --all-containers=true should not be specified with container name nginx\n');
  });
});
