// kubectl get -o jsonpath-file / go-template-file / custom-columns-file read the template from a
// file (cli-runtime jsonpath_flags.go, go_template_flags.go; kubectl get/customcolumn_flags.go).
import { describe, expect, it } from 'vitest';
import { createHarness } from '../testing/harness.ts';
import { webFixture } from '../testing/fixtures.ts';

describe('-o *-file formats', () => {
  it('prints as the inline format does, with the template from the file', async () => {
    const h = createHarness();
    webFixture(h);
    h.fs.writeFile('/home/learner/names.jsonpath', '{range .items[*]}{.metadata.name}{"\\n"}{end}');
    h.fs.writeFile('/home/learner/cols.txt', 'NAME          NODE\nmetadata.name spec.nodeName\n');
    h.fs.writeFile('/home/learner/names.tmpl', '{{range .items}}{{.metadata.name}} {{end}}');
    expect((await h.run('kubectl get pods -o jsonpath-file=names.jsonpath')).stdout).toBe('web-0\nweb-1\n');
    expect((await h.run('kubectl get pods -o go-template-file=names.tmpl')).stdout).toBe('web-0 web-1 ');
    const cols = (await h.run('kubectl get pods -o custom-columns-file=cols.txt')).stdout.split('\n');
    expect(cols[0]).toMatch(/^NAME {4}NODE$/);
    expect(cols[1]).toMatch(/^web-0 {3}minikube/);
  });

  it('says when the file cannot be read or its lines do not match', async () => {
    const h = createHarness();
    webFixture(h);
    expect((await h.run('kubectl get pods -o jsonpath-file=nope.txt')).stderr).toBe('error: error reading --template nope.txt, open nope.txt: no such file or directory\n');
    expect((await h.run('kubectl get pods -o custom-columns-file=nope.txt')).stderr).toBe('error: error reading template nope.txt, open nope.txt: no such file or directory\n');
    h.fs.writeFile('/home/learner/bad.txt', 'NAME NODE\nmetadata.name\n');
    expect((await h.run('kubectl get pods -o custom-columns-file=bad.txt')).stderr).toBe("error: number of headers (2) and field specifications (1) don't match\n");
  });
});
