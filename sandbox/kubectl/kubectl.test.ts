// Behaviour of kubectl's pieces, against a real Cluster whose objects the tests build through the API.
import { describe, expect, it } from 'vitest';
import { createHarness } from './testing/harness.ts';
import { webFixture } from './testing/fixtures.ts';
import { humanDuration, rfc1123z } from './printers/age.ts';
import { formatTabs, TableWriter } from './printers/tabwriter.ts';
import { podCells } from './printers/pods.ts';
import { parseFlags } from './cli/flags.ts';
import { executeJsonPath, parseJsonPath } from './printers/jsonpath.ts';
import { resolveResource } from './cli/resources.ts';
import { statefulSetStatus } from './commands/rollout.ts';
import { goDuration } from './cli/duration.ts';

describe('HumanDuration (apimachinery pkg/util/duration)', () => {
  it.each([
    [0, '0s'], [45_000, '45s'], [119_000, '119s'], [120_000, '2m'], [192_000, '3m12s'], [600_000, '10m'],
    [179 * 60_000, '179m'], [3 * 3600_000 + 5 * 60_000, '3h5m'], [8 * 3600_000, '8h'], [47 * 3600_000, '47h'],
    [52 * 3600_000, '2d4h'], [400 * 86400_000, '400d'], [(2 * 365 + 10) * 86400_000, '2y10d'], [-1000, '0s'], [-5000, '<invalid>'],
  ])('prints %d ms as %s', (ms, want) => {
    expect(humanDuration(ms)).toBe(want);
  });

  it('formats describe timestamps as RFC1123Z', () => {
    expect(rfc1123z('2026-01-01T00:01:00Z')).toBe('Thu, 01 Jan 2026 00:01:00 +0000');
  });
});

describe('tabwriter (cli-runtime minwidth 6, padding 3)', () => {
  it('pads each column to its widest cell plus three, leaving the last column unpadded', () => {
    expect(new TableWriter().format([['NAME', 'READY', 'STATUS'], ['web-0', '1/1', 'Running']])).toBe('NAME    READY   STATUS\nweb-0   1/1     Running\n');
  });

  it('keeps widths between flushes during a watch, so later rows stay aligned', () => {
    const w = new TableWriter();
    w.format([['NAME', 'STATUS'], ['web-0', 'Running']]);
    expect(w.format([['w', 'Pending']])).toBe('w       Pending\n');
  });

  it('aligns describe blocks separately across a line without tabs (Go column blocks)', () => {
    expect(formatTabs('Name:\tweb\nPod Template:\n  Labels:\tapp=nginx\n', { minwidth: 0, padding: 2 })).toBe('Name:  web\nPod Template:\n  Labels:  app=nginx\n');
  });
});

describe('pod STATUS column (printers.go printPod)', () => {
  const pod = (status: any, meta: any = {}, spec: any = { containers: [{ name: 'c' }] }) => ({ metadata: { name: 'p', creationTimestamp: '2026-01-01T00:00:00Z', ...meta }, spec, status });
  const now = Date.parse('2026-01-01T00:10:00Z');
  it('shows the waiting reason: ErrImagePull then ImagePullBackOff', () => {
    expect(podCells(pod({ phase: 'Pending', containerStatuses: [{ name: 'c', ready: false, restartCount: 0, state: { waiting: { reason: 'ErrImagePull' } } }] }), now)).toEqual({ ready: '0/1', reason: 'ErrImagePull', restarts: '0' });
  });
  it('shows Terminating for a deleted pod that has not finished', () => {
    expect(podCells(pod({ phase: 'Running', containerStatuses: [{ name: 'c', ready: true, state: { running: {} } }] }, { deletionTimestamp: '2026-01-01T00:09:00Z' }), now).reason).toBe('Terminating');
  });
  it('shows Unknown for a deleted pod on a lost node (reason NodeLost)', () => {
    expect(podCells(pod({ phase: 'Running', reason: 'NodeLost' }, { deletionTimestamp: '2026-01-01T00:09:00Z' }), now).reason).toBe('Unknown');
  });
  it('keeps Completed for a deleted pod whose phase is terminal', () => {
    expect(podCells(pod({ phase: 'Succeeded', containerStatuses: [{ name: 'c', state: { terminated: { exitCode: 0, reason: 'Completed' } } }] }, { deletionTimestamp: '2026-01-01T00:09:00Z' }), now).reason).toBe('Completed');
  });
  it('shows Init:0/1 while an init container runs, and Init:CrashLoopBackOff when it crashes', () => {
    const spec = { initContainers: [{ name: 'i' }], containers: [{ name: 'c' }] };
    expect(podCells(pod({ phase: 'Pending', initContainerStatuses: [{ name: 'i', state: { running: {} } }] }, {}, spec), now).reason).toBe('Init:0/1');
    expect(podCells(pod({ phase: 'Pending', initContainerStatuses: [{ name: 'i', restartCount: 2, state: { waiting: { reason: 'CrashLoopBackOff' } } }] }, {}, spec), now).reason).toBe('Init:CrashLoopBackOff');
  });
  it('shows ExitCode:N for a terminated container without a reason, and restarts with (5m ago)', () => {
    const c = podCells(pod({ phase: 'Running', containerStatuses: [{ name: 'c', restartCount: 3, lastState: { terminated: { finishedAt: '2026-01-01T00:05:00Z', exitCode: 1 } }, state: { terminated: { exitCode: 2 } } }] }), now);
    expect(c).toEqual({ ready: '0/1', reason: 'ExitCode:2', restarts: '3 (5m ago)' });
  });
  it('shows SchedulingGated from the PodScheduled condition', () => {
    expect(podCells(pod({ phase: 'Pending', conditions: [{ type: 'PodScheduled', status: 'False', reason: 'SchedulingGated' }] }), now).reason).toBe('SchedulingGated');
  });
});

describe('flags (spf13/pflag rules)', () => {
  const specs = [{ name: 'output', short: 'o', type: 'string' as const }, { name: 'stdin', short: 'i', type: 'bool' as const }, { name: 'tty', short: 't', type: 'bool' as const }];
  it('reads -oyaml, -o=json, --namespace=x, -n x and grouped -it', () => {
    expect(parseFlags(['-oyaml'], specs, 'kubectl get').flags.output).toBe('yaml');
    expect(parseFlags(['-o=json'], specs, 'kubectl get').flags.output).toBe('json');
    expect(parseFlags(['--namespace=x'], specs, 'kubectl get').flags.namespace).toBe('x');
    const p = parseFlags(['-it', 'web-0', '-n', 'demo', '--', 'sh', '-c', 'ls -l'], specs, 'kubectl exec');
    expect([p.flags.stdin, p.flags.tty, p.flags.namespace, p.args, p.dash]).toEqual([true, true, 'demo', ['web-0'], ['sh', '-c', 'ls -l']]);
  });
  it('rejects an unknown flag the way kubectl does', () => {
    expect(() => parseFlags(['--foo'], specs, 'kubectl get')).toThrow("unknown flag: --foo\nSee 'kubectl get --help' for usage.");
  });
  it('replaces a string slice default with the first value given, then adds (pflag stringSlice.Set)', () => {
    const slice = [{ name: 'address', type: 'strings' as const, default: ['localhost'] }];
    expect(parseFlags([], slice, 'kubectl port-forward').flags.address).toEqual(['localhost']);
    expect(parseFlags(['--address', '127.0.0.1'], slice, 'kubectl port-forward').flags.address).toEqual(['127.0.0.1']);
    expect(parseFlags(['--address=a,b', '--address', 'c'], slice, 'kubectl port-forward').flags.address).toEqual(['a', 'b', 'c']);
  });
});

describe('resource names (RESTMapper)', () => {
  it.each(['sts', 'statefulset', 'statefulsets', 'StatefulSet', 'sts.apps', 'statefulsets.v1.apps'])('resolves %s to statefulsets', (w) => {
    expect(resolveResource(w)?.resource).toBe('statefulsets');
  });
  it('refuses a group that does not serve the kind', () => {
    expect(resolveResource('sts.batch')).toBeUndefined();
  });
});

describe('jsonpath (client-go util/jsonpath)', () => {
  const data = { items: [{ metadata: { name: 'a', labels: { 'app.kubernetes.io/name': 'x' } }, status: { conditions: [{ type: 'Ready', status: 'True' }] } }, { metadata: { name: 'b' }, status: {} }] };
  it('joins several results with spaces and ranges with literals', () => {
    expect(executeJsonPath(parseJsonPath('{.items[*].metadata.name}'), data)).toBe('a b');
    expect(executeJsonPath(parseJsonPath('{range .items[*]}{.metadata.name}{"\\n"}{end}'), data)).toBe('a\nb\n');
  });
  it('filters, escapes dots in keys, and slices', () => {
    expect(executeJsonPath(parseJsonPath('{.items[0].status.conditions[?(@.type=="Ready")].status}'), data)).toBe('True');
    expect(executeJsonPath(parseJsonPath('{.items[0].metadata.labels.app\\.kubernetes\\.io/name}'), data)).toBe('x');
    expect(executeJsonPath(parseJsonPath('{.items[-1:].metadata.name}'), data)).toBe('b');
  });
});

describe('rollout status for a StatefulSet (rollout_status.go)', () => {
  const sts = (status: any, spec: any = {}) => ({ metadata: { name: 'web', generation: 2 }, spec: { replicas: 3, updateStrategy: { type: 'RollingUpdate', rollingUpdate: { partition: 0 } }, ...spec }, status });
  it('waits for the spec to be observed, then for ready pods, then for the partitioned roll out', () => {
    expect(statefulSetStatus(sts({ observedGeneration: 1 })).message).toBe('Waiting for statefulset spec update to be observed...\n');
    expect(statefulSetStatus(sts({ observedGeneration: 2, readyReplicas: 2 })).message).toBe('Waiting for 1 pods to be ready...\n');
    expect(statefulSetStatus(sts({ observedGeneration: 2, readyReplicas: 3, updatedReplicas: 1 })).message).toBe('Waiting for partitioned roll out to finish: 1 out of 3 new pods have been updated...\n');
    expect(statefulSetStatus(sts({ observedGeneration: 2, readyReplicas: 3, updatedReplicas: 3 }))).toEqual({ message: 'partitioned roll out complete: 3 new pods have been updated...\n', done: true });
  });
});

describe('kubectl get -w', () => {
  it('prints one header, then a row per change with the widths kept, until the cluster is quiet', async () => {
    const h = createHarness();
    webFixture(h);
    const api = h.cluster.api;
    // The learner's other terminal: one change during each of the first two waits.
    h.duringWaits.push(
      () => api.delete('pods', 'default', 'web-1', { gracePeriodSeconds: 30 }),
      () => api.create('pods', 'default', { metadata: { name: 'web-10', labels: { app: 'nginx' } }, spec: { containers: [{ name: 'nginx', image: 'nginx' }] }, status: { phase: 'Pending' } }),
    );
    const r = await h.run('kubectl get pods -w');
    expect(r.stdout).toBe([
      'NAME    READY   STATUS    RESTARTS   AGE',
      'web-0   1/1     Running   0          5m20s',
      'web-1   1/1     Running   0          5m10s',
      'web-1   1/1     Terminating   0          5m10s',
      'web-10   0/1     Pending       0          0s',
      '',
    ].join('\n'));
    expect(r.code).toBe(0);
  });

  it('prints nothing for an empty list until the first event', async () => {
    const h = createHarness();
    const r = await h.run('kubectl get pods -w');
    expect(r.output).toBe('');
  });
});

describe('kubectl delete waits for the object to go', () => {
  it('returns once the pod is removed, after printing the 1.34+ line', async () => {
    const h = createHarness();
    webFixture(h);
    // What the kubelet does after the grace period: the final delete.
    h.duringWaits.push(() => h.cluster.api.delete('pods', 'default', 'web-0', { gracePeriodSeconds: 0 }));
    const r = await h.run('kubectl delete pod web-0');
    expect(r.output).toBe('pod "web-0" deleted from default namespace\n');
    expect(() => h.cluster.api.get('pods', 'default', 'web-0')).toThrow('not found');
  });
});

describe('kubectl apply', () => {
  it('configures a changed field and removes a field dropped from the manifest, keeping server defaults', async () => {
    const h = createHarness();
    const cm = (data: string) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n  labels:\n${data}`;
    h.fs.writeFile('/home/learner/c.yaml', cm('    a: "1"\n    b: "2"\n'));
    expect((await h.run('kubectl apply -f c.yaml')).output).toBe('configmap/c created\n');
    h.cluster.api.patch('configmaps', 'default', 'c', { metadata: { labels: { byHand: 'yes' } } }, 'merge');
    h.fs.writeFile('/home/learner/c.yaml', cm('    a: "9"\n'));
    expect((await h.run('kubectl apply -f c.yaml')).output).toBe('configmap/c configured\n');
    expect(h.cluster.api.get('configmaps', 'default', 'c').metadata.labels).toEqual({ a: '9', byHand: 'yes' });
    expect((await h.run('kubectl apply -f c.yaml')).output).toBe('configmap/c unchanged\n');
  });

  // The three-way strategic merge patch (cli/strategic-patch.ts) sent as kubectl sends it.
  const sts = (extra: { replicas?: string; ports?: string; env?: string } = {}) => `apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: web
spec:
  serviceName: nginx
  replicas: 2${extra.replicas ?? ''}
  selector:
    matchLabels:
      app: nginx
  template:
    metadata:
      labels:
        app: nginx
    spec:
      containers:
      - name: nginx
        image: registry.k8s.io/nginx-slim:0.21
        ports:
        - containerPort: 80
          name: web${extra.ports ?? ''}${extra.env ?? ''}
`;

  it('refuses a misspelt field in an edited manifest as the API server refuses the patch (handlers/patch.go), changing nothing', async () => {
    const h = createHarness();
    h.fs.writeFile('/home/learner/web.yaml', sts());
    await h.run('kubectl apply -f web.yaml');
    const before = h.cluster.api.get('statefulsets', 'default', 'web');
    h.fs.writeFile('/home/learner/web.yaml', sts({ replicas: '\n  replica: 3' }));
    const r = await h.run('kubectl apply -f web.yaml');
    expect(r.code).toBe(1);
    // The patch as Go's %+v prints a map (keys sorted), quoted: the new last-applied
    // configuration and the misspelt field.
    expect(r.stderr).toMatch(/^The request is invalid: patch: Invalid value: "map\[metadata:map\[annotations:map\[kubectl.kubernetes.io\/last-applied-configuration:\{\\"apiVersion\\":\\"apps\/v1\\",.*\\"replica\\":3,\\"replicas\\":2,.*\}\\n\]\] spec:map\[replica:3\]\]": strict decoding error: unknown field "spec.replica"\n$/);
    expect(h.cluster.api.get('statefulsets', 'default', 'web')).toEqual(before);
  });

  it('removes from a list what was removed from the manifest and keeps what someone else added, by merge key', async () => {
    const h = createHarness();
    h.fs.writeFile('/home/learner/web.yaml', sts({ ports: '\n        - containerPort: 8080\n          name: metrics', env: '\n        env:\n        - name: A\n          value: "1"\n        - name: B\n          value: "2"' }));
    await h.run('kubectl apply -f web.yaml');
    // Another hand adds a variable (as kubectl set env would): apply does not own it.
    h.cluster.api.patch('statefulsets', 'default', 'web', { spec: { template: { spec: { containers: [{ name: 'nginx', env: [{ name: 'C', value: 'x' }] }] } } } }, 'strategic');
    h.fs.writeFile('/home/learner/web.yaml', sts({ env: '\n        env:\n        - name: B\n          value: "3"' }));
    expect((await h.run('kubectl apply -f web.yaml')).output).toBe('statefulset.apps/web configured\n');
    const c = (h.cluster.api.get('statefulsets', 'default', 'web') as any).spec.template.spec.containers[0];
    expect(c.ports).toEqual([{ containerPort: 80, name: 'web', protocol: 'TCP' }]);
    expect(c.env).toEqual([{ name: 'B', value: '3' }, { name: 'C', value: 'x' }]);
  });

  it('says "configured" again for an unchanged StatefulSet with claim templates: the live templates carry defaults, and that list is replaced whole (kubernetes/kubernetes#66450)', async () => {
    const h = createHarness();
    const vct = `  volumeClaimTemplates:\n  - metadata:\n      name: www\n    spec:\n      accessModes: ["ReadWriteOnce"]\n      resources:\n        requests:\n          storage: 1Gi\n`;
    h.fs.writeFile('/home/learner/web.yaml', sts());
    h.fs.writeFile('/home/learner/vct.yaml', sts() + vct);
    await h.run('kubectl apply -f web.yaml');
    expect((await h.run('kubectl apply -f web.yaml')).output).toBe('statefulset.apps/web unchanged\n');
    await h.run('kubectl delete sts web');
    await h.run('kubectl apply -f vct.yaml');
    const rv = h.cluster.api.get('statefulsets', 'default', 'web').metadata.resourceVersion;
    expect((await h.run('kubectl apply -f vct.yaml')).output).toBe('statefulset.apps/web configured\n');
    // Nothing actually changed: the server wrote nothing.
    expect(h.cluster.api.get('statefulsets', 'default', 'web').metadata.resourceVersion).toBe(rv);
  });

  it('warns that an object made by kubectl create lacks the last-applied annotation, and adds it (apply.go warningNoLastAppliedConfigAnnotation)', async () => {
    const h = createHarness();
    h.fs.writeFile('/home/learner/web.yaml', sts());
    await h.run('kubectl create -f web.yaml');
    const r = await h.run('kubectl apply -f web.yaml');
    expect(r.stderr).toBe('Warning: resource statefulsets/web is missing the kubectl.kubernetes.io/last-applied-configuration annotation which is required by kubectl apply. kubectl apply should only be used on resources created declaratively by either kubectl create --save-config or kubectl apply. The missing annotation will be patched automatically.\n');
    expect(r.output).toContain('statefulset.apps/web configured\n');
    expect(h.cluster.api.get('statefulsets', 'default', 'web').metadata.annotations?.['kubectl.kubernetes.io/last-applied-configuration']).toContain('"name":"web"');
    expect((await h.run('kubectl apply -f web.yaml')).stderr).toBe('');
  });

  it('sends nothing with --dry-run=client for an object that exists, and says configured (dry run) with the object as fetched', async () => {
    const h = createHarness();
    h.fs.writeFile('/home/learner/web.yaml', sts());
    await h.run('kubectl apply -f web.yaml');
    h.fs.writeFile('/home/learner/web.yaml', sts().replace('replicas: 2', 'replicas: 5'));
    expect((await h.run('kubectl apply -f web.yaml --dry-run=client')).output).toBe('statefulset.apps/web configured (dry run)\n');
    expect((await h.run('kubectl apply -f web.yaml --dry-run=client -o yaml')).output).toMatch(/\n  replicas: 2\n/);
    expect((h.cluster.api.get('statefulsets', 'default', 'web') as any).spec.replicas).toBe(2);
  });

  it('prints several objects as kubectl does: apply -o yaml one List at the end (printObjects), create -o yaml documents split by --- (the YAML printer)', async () => {
    const h = createHarness();
    h.fs.writeFile('/home/learner/two.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: b\n');
    const applied = (await h.run('kubectl apply -f two.yaml --dry-run=client -o yaml')).output;
    expect(applied.startsWith('apiVersion: v1\nitems:\n- apiVersion: v1\n  kind: ConfigMap\n')).toBe(true);
    expect(applied.endsWith('kind: List\nmetadata:\n  resourceVersion: ""\n')).toBe(true);
    const created = (await h.run('kubectl create -f two.yaml --dry-run=client -o yaml')).output;
    expect(created.split('\n---\n')).toHaveLength(2);
    expect(created.startsWith('apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n')).toBe(true);
  });

  it('prints what it applied with -o jsonpath, and refuses a format its printer does not have before applying anything', async () => {
    const h = createHarness();
    h.fs.writeFile('/home/learner/web.yaml', sts());
    expect((await h.run("kubectl apply -f web.yaml -o jsonpath={.spec.replicas}")).output).toBe('2');
    const r = await h.run('kubectl apply -f web.yaml -o wide');
    expect(r.stderr).toBe('error: unable to match a printer suitable for the output format "wide", allowed formats are: go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,yaml\n');
    expect((await h.run('kubectl create deployment d --image=nginx -o wide')).code).toBe(1);
    expect(() => h.cluster.api.get('deployments', 'default', 'd')).toThrow();
  });

  it('prints an invalid object the way checkErr rebuilds it, without "error when creating"', async () => {
    const h = createHarness();
    const { ApiError } = await import('../cluster/api/errors.ts');
    const { invalid } = await import('../cluster/api/errors.ts');
    h.cluster.api.create = () => {
      throw invalid('StatefulSet', 'apps', 'app', [{ field: 'spec.template.spec.containers[0].volumeMounts[0].name', type: 'NotFound', value: '"/var/data"' }]);
    };
    void ApiError;
    h.fs.writeFile('/home/learner/app.yaml', 'apiVersion: apps/v1\nkind: StatefulSet\nmetadata:\n  name: app\n');
    const r = await h.run('kubectl apply -f app.yaml');
    expect(r.stderr).toBe('The StatefulSet "app" is invalid: spec.template.spec.containers[0].volumeMounts[0].name: Not found: "/var/data"\n');
    expect(r.code).toBe(1);
  });
});

describe('kubectl exec and edit without the shell hooks', () => {
  it('explains that kubectl edit needs the page editor in the command-line host', async () => {
    const h = createHarness();
    webFixture(h);
    const r = await h.run('kubectl edit sts web');
    expect(r.stderr).toContain('kubectl edit opens the lab\'s YAML editor');
    expect(r.code).toBe(1);
  });
});

describe("Go's time.Duration.String (cli/duration.ts goDuration)", () => {
  it.each([[500, '500ms'], [30_000, '30s'], [60_000, '1m0s'], [90_000, '1m30s'], [3_600_000, '1h0m0s'], [1500, '1.5s']])('prints %d ms as %s', (ms, want) => {
    expect(goDuration(ms)).toBe(want);
  });
});

describe('kubectl diff (cmd/diff/diff.go)', () => {
  const cm = (data: string) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\ndata:\n${data}`;

  it('exits 0 and prints nothing when applying would change nothing, 1 with the diff -u -N of LIVE and MERGED when it would', async () => {
    const h = createHarness();
    h.fs.writeFile('/home/learner/c.yaml', cm('  a: "1"\n  b: "2"\n'));
    await h.run('kubectl apply -f c.yaml');
    const same = await h.run('kubectl diff -f c.yaml');
    expect([same.code, same.output]).toEqual([0, '']);
    h.fs.writeFile('/home/learner/c.yaml', cm('  a: "1"\n  b: "3"\n'));
    const r = await h.run('kubectl diff -f c.yaml');
    expect(r.code).toBe(1);
    const lines = r.stdout.split('\n');
    expect(lines[0]).toMatch(/^diff -u -N \/tmp\/LIVE-\d+\/v1\.ConfigMap\.default\.c \/tmp\/MERGED-\d+\/v1\.ConfigMap\.default\.c$/);
    expect(lines[1]).toMatch(/^--- \/tmp\/LIVE-\d+\/v1\.ConfigMap\.default\.c\t2026-01-01 00:00:00\.000000000 \+0000$/);
    expect(lines[3]).toMatch(/^@@ -\d+,\d+ \+\d+,\d+ @@$/);
    expect(lines).toContain('-  b: "2"');
    expect(lines).toContain('+  b: "3"');
    // Nothing was written: a dry run.
    expect(h.cluster.api.get('configmaps', 'default', 'c').data).toEqual({ a: '1', b: '2' });
  });

  it('shows an object that is not there yet as all added, from an absent LIVE file, and the generation a spec change bumps', async () => {
    const h = createHarness();
    webFixture(h);
    h.fs.writeFile('/home/learner/c.yaml', cm('  a: "1"\n'));
    const r = await h.run('kubectl diff -f c.yaml');
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^--- \/tmp\/LIVE-\d+\/v1\.ConfigMap\.default\.c\t1970-01-01 00:00:00\.000000000 \+0000\n/m);
    expect(r.stdout).toMatch(/^@@ -0,0 \+1,\d+ @@\n\+apiVersion: v1\n/m);
    // What the server fills in on create shows: a uid and a creation time.
    expect(r.stdout).toMatch(/^\+  uid: /m);
    expect(() => h.cluster.api.get('configmaps', 'default', 'c')).toThrow();
    const sts = h.cluster.api.get<any>('statefulsets', 'default', 'web');
    h.fs.writeFile('/home/learner/web.yaml', `apiVersion: apps/v1\nkind: StatefulSet\nmetadata:\n  name: web\nspec:\n  replicas: ${sts.spec.replicas + 1}\n`);
    const scaled = await h.run('kubectl diff -f web.yaml');
    expect(scaled.stdout).toContain(`-  generation: ${sts.metadata.generation}\n+  generation: ${sts.metadata.generation + 1}\n`);
  });

  it('exits 2 when kubectl itself fails, printing no diff (CheckDiffErr)', async () => {
    const h = createHarness();
    const r = await h.run('kubectl diff c.yaml');
    expect([r.code, r.stderr]).toEqual([2, "error: Unexpected args: [c.yaml]\nSee 'kubectl diff -h' for help and examples\n"]);
    expect((await h.run('kubectl diff -f nope.yaml')).code).toBe(2);
  });
});
