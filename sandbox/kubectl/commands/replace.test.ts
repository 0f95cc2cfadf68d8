// kubectl replace --force: delete, wait until the object is gone, create it again.
// Source: kubernetes/kubectl pkg/cmd/replace/replace.go (Validate, forceReplace) and
// pkg/cmd/delete/delete.go (DeleteResult, PrintObj).
import { describe, expect, it } from 'vitest';
import { Session } from '../../shell/session.ts';
import { runTranscript } from '../../shell/transcript.ts';

const POD = `apiVersion: v1
kind: Pod
metadata:
  name: p
spec:
  containers:
  - name: c
    image: nginx:1.27
`;

async function session() {
  let out = '';
  const s = new Session({ seed: 3, interactive: false, output: { stdout: (t) => void (out += t), stderr: (t) => void (out += t) } });
  await runTranscript(s, `sleep 40\ncat > pod.yaml <<'EOF'\n${POD}EOF\nkubectl apply -f pod.yaml\nsleep 10\n`, () => {});
  return { s, run: async (line: string) => { out = ''; await runTranscript(s, line + '\n', () => {}); return out; } };
}

describe('kubectl replace --force (replace.go forceReplace)', () => {
  it('waits for a running pod to be gone before creating it again, instead of failing with AlreadyExists', async () => {
    const { s, run } = await session();
    const uid = s.cluster.api.get('pods', 'default', 'p').metadata.uid;
    expect(await run('kubectl replace --force -f pod.yaml')).toBe('pod "p" deleted from default namespace\npod/p replaced\n');
    const pod = s.cluster.api.get('pods', 'default', 'p');
    expect(pod.metadata.uid).not.toBe(uid);
    expect(pod.metadata.deletionTimestamp).toBeUndefined();
  });

  it('creates an object that is not there (deleteOpts.IgnoreNotFound), and wants --force for --grace-period', async () => {
    const { s, run } = await session();
    await run('kubectl delete pod p');
    expect(await run('kubectl replace --force -f pod.yaml')).toBe('pod/p replaced\n');
    expect(s.cluster.api.get('pods', 'default', 'p').spec.containers[0].image).toBe('nginx:1.27');
    expect(await run('kubectl replace --grace-period=0 -f pod.yaml')).toBe('error: --grace-period must have --force specified\n');
  });

  it('turns --grace-period=0 into 1: the pod is deleted, not force deleted (replace.go Complete)', async () => {
    const { run } = await session();
    expect(await run('kubectl replace --force --grace-period=0 -f pod.yaml')).toBe('pod "p" deleted from default namespace\npod/p replaced\n');
  });
});
