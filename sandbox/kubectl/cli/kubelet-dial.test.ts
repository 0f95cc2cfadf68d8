// The commands that go through the API server to a pod's kubelet fail, as the API server's dial
// fails, when the lab has cut the node's network or powered it off; pods on other nodes answer.
// Sources: apimachinery pkg/util/proxy/upgradeaware.go ("error dialing backend: %v"),
// kubernetes pkg/kubelet/client/kubelet_client.go (30 s dial timeout), client-go tools/portforward.
import { describe, expect, it } from 'vitest';
import { labSteps, writeWebYaml } from '../testing/lab-steps.ts';

async function webWithNodeDown(op: 'cut' | 'stop') {
  const lab = await labSteps(`${writeWebYaml(3)}kubectl apply -f web.yaml\nsleep 40\n`);
  const api = lab.session.cluster.api;
  const pod = api.list('pods', 'default').items.find((p) => p.spec.nodeName && p.spec.nodeName !== 'minikube')!;
  const other = api.list('pods', 'default').items.find((p) => p.spec.nodeName === 'minikube')!;
  await lab.step(`lab node ${op} ${pod.spec.nodeName}\n`);
  return { ...lab, pod: pod.metadata.name!, ip: pod.status.hostIP as string, other: other.metadata.name! };
}

describe('kubectl and an unreachable kubelet', () => {
  it('exec, logs, cp and port-forward fail with the dial error after a network cut (i/o timeout after 30 s)', async () => {
    const { step, session, pod, ip, other } = await webWithNodeDown('cut');
    const t0 = session.cluster.clock.now();
    expect(await step(`kubectl exec ${pod} -- hostname\n`)).toContain(`Error from server: error dialing backend: dial tcp ${ip}:10250: i/o timeout\n`);
    expect(session.cluster.clock.now() - t0).toBeGreaterThanOrEqual(30_000);
    expect(await step(`kubectl logs ${pod} --tail=3\n`)).toContain(`Error from server: Get "https://${ip}:10250/containerLogs/default/${pod}/nginx?tailLines=3": dial tcp ${ip}:10250: i/o timeout\n`);
    expect(await step(`kubectl cp ${pod}:/etc/hostname h.txt\n`)).toContain(`Error from server: error dialing backend: dial tcp ${ip}:10250: i/o timeout\n`);
    expect(await step(`kubectl port-forward ${pod} 8080:80\n`)).toContain(`error: error upgrading connection: error dialing backend: dial tcp ${ip}:10250: i/o timeout\n`);
    // A pod on a node that is still reachable answers.
    expect(await step(`kubectl exec ${other} -- hostname\n`)).toContain(`${other}\n`);
  });

  it('a powered-off node gives "connect: no route to host"', async () => {
    const { step, pod, ip } = await webWithNodeDown('stop');
    expect(await step(`kubectl exec ${pod} -- hostname\n`)).toContain(`Error from server: error dialing backend: dial tcp ${ip}:10250: connect: no route to host\n`);
  });
});
