// Thousands of mangled command lines and manifests: kubectl must never throw, and every failure
// must be a message a learner can read (no JavaScript errors leaking through).
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createHarness, type Harness } from './testing/harness.ts';
import { webFixture, WEB_STS } from './testing/fixtures.ts';
import { toYaml } from './printers/object.ts';

const LEAKS = /Cannot read prop|is not a function|is not iterable|undefined|\[object Object\]|NaN|Maximum call stack|is not defined|TypeError|RangeError|SyntaxError: Unexpected/;

function fresh(): Harness {
  const h = createHarness({ seed: 3 });
  webFixture(h);
  h.fs.writeFile('/home/learner/web.yaml', toYaml({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'nginx' }, spec: { clusterIP: 'None', selector: { app: 'nginx' }, ports: [{ port: 80, name: 'web' }] } }) + '---\n' + toYaml(WEB_STS));
  return h;
}

const verbs = ['get', 'describe', 'delete', 'apply', 'create', 'replace', 'scale', 'patch', 'edit', 'rollout', 'logs', 'exec', 'run', 'expose', 'label', 'annotate', 'cordon', 'uncordon', 'drain', 'taint', 'proxy', 'explain', 'api-resources', 'version', 'wait', 'config', 'cluster-info', 'gett', '', 'status', 'history', 'undo', 'restart', 'set', 'cp', 'port-forward'];
const words = ['pods', 'po', 'pod', 'sts', 'statefulset', 'statefulsets.apps', 'svc', 'pvc', 'pv', 'nodes', 'no', 'events', 'ev', 'all', 'cm', 'ns', 'sc', 'ep', 'endpointslices', 'controllerrevisions', 'rs', 'deploy',
  'web', 'web-0', 'web-1', 'web-9', 'nginx', 'www-web-0', 'minikube', 'minikube-m02', 'sts/web', 'pod/web-0', 'pod/', '/web', 'foo', 'a=b', 'app=nginx', 'k-', 'k=v:NoSchedule', 'k:NoExecute-', '""', "''",
  '-o', 'yaml', 'json', 'wide', 'name', '-ojsonpath={.items[*].metadata.name}', '-o=jsonpath={.status', '-o', 'custom-columns=N:.metadata.name', '-ocustom-columns=', '-l', '-lapp=nginx', '-l', 'app in (', '--selector=', '-n', 'kube-system', '-nfoo', '-A', '--all', '-w', '--watch-only',
  '--field-selector', 'metadata.name=web-0', '--field-selector=bad', '-f', 'web.yaml', '-f', '-', '-f', 'nope.yaml', '--force', '--grace-period=0', '--grace-period', '-3', '--cascade=orphan', '--cascade', '--wait=false', '--replicas=3', '--replicas=-1', '--replicas', 'x',
  '-p', '{"spec":{"replicas":1}}', '-p', '[{"op":"remove","path":"/spec"}]', '--type', 'json', '--type=merge', '-p', '{', '--for=condition=Ready', '--for=delete', '--for=jsonpath={.status.phase}=Running', '--timeout=1s', '--timeout=x',
  '--image=busybox', '--rm', '-it', '-i', '-t', '--restart=Never', '--', 'sh', '-c', 'ls', '--port=80', '--port', 'abc', '--to-revision=9', '--overwrite', '--ignore-daemonsets', '--delete-emptydir-data', '--dry-run=client', '--dry-run=bogus',
  '--show-labels', '-L', 'app', 'web-0:/usr/share/nginx/html', 'web-0:/etc/hostname', 'default/web-0:/tmp', 'web-0:', ':x', 'a/b/c:/x', 'svc/nginx', 'ns/default', '8080:80', ':80', '--pod-running-timeout=1s', '--pod-running-timeout=0', '-q', '--no-preserve', '--sort-by=.metadata.name', '--sort-by={.status', '--recursive', '--help', '-h', '--client', '-x', '--', '-', '=', ',', 'pods,sts', 'sts,,pods', '.', '..', '-c', 'nginx', '--previous', '--tail=2', '--tail=x', '--namespaced=false', '-ojson', '--no-headers',
  'image', 'nginx=busybox', '*=x', 'x=', '--template', '{{.metadata.name}}', '{{range .items}}{{.metadata.name}}{{end}}', '{{range .items}}', '-ogo-template={{.x.y}}', '-o', 'go-template', '{{index . "a" 3}}',
  '{{len .}}', '{{printf "%d %s" . .kind}}', '{{$x := .}}{{$x.metadata}}', '{{if}}', '{{end}}', '{{else}}', '{{.metadata.name.x}}', '{{"\\q"}}', '{{ (len .items) }}', '{{- . -}}', '{{range $i, $c := .spec.containers}}{{$c.image}}{{end}}'];

function check(r: { stdout: string; stderr: string; code: number }, line: string): void {
  // The API server's own messages (`Error from server`, `The X is invalid`) are its business.
  const both = (r.stdout + r.stderr).split('\n').filter((l) => !/^(Error from server|The \w+ ".*" is invalid|\* )/.test(l)).join('\n');
  if (LEAKS.test(both.replace(/"undefined"/g, ''))) throw new Error(`leak in output of ${line}:\n${both}`);
  expect(typeof r.code).toBe('number');
}

describe('kubectl under mangled input', () => {
  it('answers 2,000 random command lines with output or a readable error, never a crash', async () => {
    let h = fresh();
    let n = 0;
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...verbs), fc.array(fc.constantFrom(...words), { maxLength: 7 }), fc.string({ maxLength: 6 }), async (verb, args, junk) => {
        if (++n % 40 === 0) h = fresh();
        const argv = ['kubectl', ...(verb ? [verb] : []), ...args, ...(junk ? [junk] : [])];
        let r;
        try {
          r = await h.run(argv.map((a) => `'${a.replace(/'/g, "'\\''")}'`).join(' '), { stdin: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: s\n' });
        } catch (e) {
          throw new Error(`kubectl threw on ${argv.join(' ')}: ${(e as Error).stack}`);
        }
        check(r, argv.join(' '));
        if (r.code !== 0 && !/ -w| --watch| drain| proxy| wait| rollout| run/.test(argv.join(' '))) expect(r.stderr.length, argv.join(' ')).toBeGreaterThan(0);
      }),
      { numRuns: 2000, seed: 42 },
    );
  }, 60_000);

  it('applies, creates and deletes 150 mangled manifests (450 runs) into objects or a kubectl-style error', async () => {
    const h = createHarness({ seed: 5 });
    const base = toYaml({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'nginx' }, spec: { clusterIP: 'None', ports: [{ port: 80 }] } }) + '---\n' + toYaml(WEB_STS);
    const edit = fc.oneof(
      fc.record({ op: fc.constant('delete'), at: fc.nat(), len: fc.integer({ min: 1, max: 8 }) }),
      fc.record({ op: fc.constant('insert'), at: fc.nat(), text: fc.constantFrom('\t', ':', ' ', '- ', '---\n', '{', '"', '\n  ', 'kind: Foo\n', 'apiVersion: v9\n', '&a ', '*a', '!!binary ', '#', '? ', '|\n') }),
      fc.record({ op: fc.constant('swap'), at: fc.nat(), len: fc.nat() }),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(edit, { minLength: 1, maxLength: 4 }), async (edits) => {
        let text = base;
        for (const e of edits as any[]) {
          const at = e.at % (text.length + 1);
          if (e.op === 'delete') text = text.slice(0, at) + text.slice(at + e.len);
          else if (e.op === 'insert') text = text.slice(0, at) + e.text + text.slice(at);
          else {
            const lines = text.split('\n');
            const i = at % lines.length;
            const j = e.len % lines.length;
            [lines[i], lines[j]] = [lines[j], lines[i]];
            text = lines.join('\n');
          }
        }
        h.fs.writeFile('/home/learner/m.yaml', text);
        for (const verb of ['apply', 'create', 'delete --wait=false']) {
          const r = await h.run(`kubectl ${verb} -f m.yaml`);
          check(r, `${verb} of\n${text}`);
          if (r.code !== 0) expect(r.stderr.length).toBeGreaterThan(0);
        }
      }),
      { numRuns: 150, seed: 7 },
    );
  }, 60_000);
});
