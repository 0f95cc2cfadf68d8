// Which container exec and logs address when the pod's default-container annotation names one
// it does not have (kubectl podcmd.FindOrDefaultContainerByName; polymorphichelpers/logsforobject.go).
import { describe, expect, it } from 'vitest';
import { createHarness } from '../testing/harness.ts';
import { webFixture } from '../testing/fixtures.ts';

describe('kubectl.kubernetes.io/default-container naming a missing container', () => {
  it('exec refuses with the containers there are; logs warns and reads the first container', async () => {
    const h = createHarness();
    webFixture(h);
    h.cluster.api.patch('pods', 'default', 'web-0', { metadata: { annotations: { 'kubectl.kubernetes.io/default-container': 'php' } } }, 'merge');
    h.logs.set('default/web-0/nginx', ['hello']);
    expect(await h.run('kubectl exec web-0 -- ls')).toMatchObject({ stderr: 'error: container php is not valid for pod web-0 out of: nginx\n', code: 1 });
    expect(await h.run('kubectl logs web-0')).toMatchObject({ stdout: 'hello\n', stderr: 'Default container name "php" not found in pod web-0\n', code: 0 });
  });
});
