// kubectl drain --timeout on a node whose kubelet is gone: the evicted pod stays Terminating, so
// the global timeout ends the wait with drain's error report.
// Source: kubernetes/kubectl pkg/drain/drain.go (evictPods, waitForDelete: "global timeout
// reached: %v"), pkg/cmd/drain/drain.go (RunDrain, deleteOrEvictPodsSimple).
import { describe, expect, it } from 'vitest';
import { labSteps, writeWebYaml } from '../testing/lab-steps.ts';

describe('kubectl drain --timeout (drain.go)', () => {
  it('reports the pod that did not terminate, the node left to drain, and fails', async () => {
    const lab = await labSteps(`${writeWebYaml(3)}kubectl apply -f web.yaml\nsleep 40\n`);
    const pod = lab.session.cluster.api.list('pods', 'default').items.find((p) => p.spec.nodeName && p.spec.nodeName !== 'minikube')!;
    const node = pod.spec.nodeName as string;
    const name = pod.metadata.name!;
    await lab.step(`lab node cut ${node}\nsleep 60\n`);
    const t0 = lab.session.cluster.clock.now();
    const out = await lab.step(`kubectl drain ${node} --ignore-daemonsets --timeout=45s\necho status $?\n`);
    const err = `error when waiting for pod "${name}" in namespace "default" to terminate: global timeout reached: 45s`;
    expect(out).toContain(
      `node/${node} cordoned\nevicting pod default/${name}\n` +
        `There are pending pods in node "${node}" when an error occurred: ${err}\npod/${name}\n` +
        `error: unable to drain node "${node}" due to error: ${err}, continuing command...\n` +
        `There are pending nodes to be drained:\n ${node}\nerror: ${err}\n`,
    );
    expect(out).toContain('status 1\n');
    expect(lab.session.cluster.clock.now() - t0).toBeGreaterThanOrEqual(45_000);
  });
});
