// kubectl get --raw through the API server proxy (get.go Validate, rawhttp.RawGet, client-go's
// errors for a response outside 2xx).
import { describe, expect, it } from 'vitest';
import { labSteps, writeWebYaml } from '../testing/lab-steps.ts';

describe('kubectl get --raw', () => {
  it("prints the pod's answer as it comes, and the error client-go makes of the others", async () => {
    const lab = await labSteps(`${writeWebYaml(2)}kubectl apply -f web.yaml\nsleep 40\n`);
    // nginx without an index.html answers 403 with an HTML page: a text body is the message.
    const forbidden = await lab.step('kubectl get --raw /api/v1/namespaces/default/pods/web-0/proxy/\n');
    expect(forbidden).toMatch(/^\$ kubectl get --raw \S+\nError from server \(Forbidden\): <html>\r?\n[\s\S]*403 Forbidden[\s\S]*<\/html>\n$/);
    await lab.step(`kubectl exec web-0 -- sh -c 'echo hello > /usr/share/nginx/html/index.html'\n`);
    await lab.step('kubectl get --raw /api/v1/namespaces/default/pods/web-0/proxy/\n');
    expect(lab.stdout()).toBe('hello\n');
    // A Status body is that Status.
    expect(await lab.step('kubectl get --raw /api/v1/namespaces/default/pods/web-9/proxy/\n')).toContain('Error from server (NotFound): pods "web-9" not found\n');
  });

  it('reads objects, lists and /healthz as kubectl does: compact JSON, and NotFound for a path the server does not serve', async () => {
    const lab = await labSteps(`${writeWebYaml(2)}kubectl apply -f web.yaml\nsleep 40\n`);
    await lab.step('kubectl get --raw /healthz\n');
    expect(lab.stdout()).toBe('ok');
    await lab.step('kubectl get --raw /apis/apps/v1/namespaces/default/statefulsets/web\n');
    expect(lab.stdout()).toMatch(/^\{"kind":"StatefulSet","apiVersion":"apps\/v1","metadata":\{"name":"web","namespace":"default",.*\}\n$/);
    expect(await lab.step('kubectl get --raw /apis/apps/v1/namespaces/default/statefulsets/db\n')).toContain('Error from server (NotFound): statefulsets.apps "db" not found\n');
    expect(await lab.step('kubectl get --raw /foo\n')).toContain('Error from server (NotFound): the server could not find the requested resource\n');
  });

  it('refuses arguments, a path that is not a URL path, and -o together with --raw', async () => {
    const lab = await labSteps('');
    expect(await lab.step('kubectl get pods --raw /api/v1\n')).toContain('error: arguments may not be passed when --raw is specified\n');
    expect(await lab.step('kubectl get --raw api/v1\n')).toContain('error: --raw must be a valid URL path: parse "api/v1": invalid URI for request\n');
    expect(await lab.step('kubectl get --raw /api/v1/namespaces/default/pods/web-0/proxy/ -o yaml\n')).toContain('error: --raw and --output are mutually exclusive\n');
  });
});
