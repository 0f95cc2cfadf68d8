// kubectl taint's arguments (kubectl pkg/cmd/taint/taint.go Complete, Validate, validateFlags).
import { describe, expect, it } from 'vitest';
import { createHarness } from '../testing/harness.ts';
import { addNodes } from '../testing/fixtures.ts';

function nodes() {
  const h = createHarness();
  addNodes(h);
  return h;
}

describe('kubectl taint (taint.go)', () => {
  it('--all taints every node', async () => {
    const h = nodes();
    const r = await h.run('kubectl taint nodes --all dedicated=lab:PreferNoSchedule');
    expect([r.stdout, r.code]).toEqual(['node/minikube tainted\nnode/minikube-m02 tainted\nnode/minikube-m03 tainted\n', 0]);
    expect(h.cluster.api.get('nodes', undefined, 'minikube-m02').spec.taints).toEqual([{ key: 'dedicated', value: 'lab', effect: 'PreferNoSchedule' }]);
  });

  it('wants a node name unless --all or -l, and only nodes', async () => {
    const h = nodes();
    expect((await h.run('kubectl taint nodes dedicated=lab:NoSchedule')).stderr).toBe("error: at least one resource name must be specified since 'all' parameter is not set\n");
    expect((await h.run('kubectl taint pods web-0 dedicated=lab:NoSchedule')).stderr).toBe('error: invalid resource type pods, only ["node" "nodes"] are supported\n');
    expect((await h.run('kubectl taint nodes --all -l x=y a=b:NoSchedule')).stderr).toBe("error: setting 'all' parameter with a non empty selector is prohibited.\n");
    expect((await h.run('kubectl taint nodes minikube a=b:NoSchedule minikube-m02')).stderr).toBe('error: all resources must be specified before taint changes: minikube-m02\n');
  });

  it('reports a bad taint with the usage hint (cmdutil.UsageErrorf), and a taint both added and removed', async () => {
    const h = nodes();
    expect((await h.run('kubectl taint nodes minikube a=b:Sometimes')).stderr).toBe("error: invalid taint effect: Sometimes, unsupported taint effect\nSee 'kubectl taint -h' for help and examples\n");
    expect((await h.run('kubectl taint nodes minikube a=b:NoSchedule a:NoSchedule-')).stderr).toBe('error: can not both modify and remove the following taint(s) in the same command: {"a":"NoSchedule"}\n');
  });
});

describe('cordon, uncordon and drain without a node (drain.go Complete)', () => {
  it.each(['cordon', 'uncordon', 'drain'])('kubectl %s names itself in the usage error', async (verb) => {
    const h = nodes();
    expect((await h.run(`kubectl ${verb}`)).stderr).toBe(`error: USAGE: ${verb} NODE [flags]\nSee 'kubectl ${verb} -h' for help and examples\n`);
  });

  it('refuses a node name together with -l, saying error: once', async () => {
    const h = nodes();
    expect((await h.run('kubectl drain minikube -l x=y')).stderr).toBe("error: cannot specify both a node name and a --selector option\nSee 'kubectl drain -h' for help and examples\n");
  });
});
