// kubectl edit against a fake editor (the services.openEditor hook): what the editor is given,
// and what kubectl prints and does with what comes back. Expected texts from kubernetes/kubernetes
// staging/src/k8s.io/kubectl/pkg/cmd/util/editor/editoptions.go.
import { describe, expect, it } from 'vitest';
import { createHarness, splitArgs } from '../testing/harness.ts';
import { webFixture } from '../testing/fixtures.ts';
import { runKubectl } from '../index.ts';
import type { CommandIO, Interrupt } from '../../shell/types.ts';
import { EDIT_HEADER, stripComments } from './edit.ts';

interface Opened {
  fileName: string;
  content: string;
}

/** A harness with the web StatefulSet (2 replicas) and an editor that answers from `answers` in turn. */
function setup(...answers: Array<(content: string) => string | undefined>) {
  const opened: Opened[] = [];
  const h = createHarness({
    editor: async (fileName, content) => {
      opened.push({ fileName, content });
      const next = answers.shift();
      if (!next) throw new Error(`the editor was opened more often than expected:\n${content}`);
      return next(content);
    },
  });
  webFixture(h);
  const replicas = () => h.cluster.api.get<any>('statefulsets', 'default', 'web').spec.replicas;
  return { h, opened, replicas };
}

describe('kubectl edit', () => {
  it('opens the object as YAML under kubectl\'s header in a /tmp file, and patches what was saved', async () => {
    const { h, opened, replicas } = setup((t) => t.replace('replicas: 2', 'replicas: 3'));
    const r = await h.run('kubectl edit sts web');
    expect(r.stdout).toBe('statefulset.apps/web edited\n');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(replicas()).toBe(3);
    expect(opened).toHaveLength(1);
    const { fileName, content } = opened[0];
    expect(fileName).toMatch(/^\/tmp\/kubectl-edit-\d+\.yaml$/);
    expect(content.startsWith(EDIT_HEADER)).toBe(true);
    expect(EDIT_HEADER).toBe("# Please edit the object below. Lines beginning with a '#' will be ignored,\n# and an empty file will abort the edit. If an error occurs while saving this file will be\n# reopened with the relevant failures.\n#\n");
    // The object as `kubectl get -o yaml` prints it, status included.
    expect(content.slice(EDIT_HEADER.length)).toBe((await h.run('kubectl get sts web -o yaml')).stdout.replace('replicas: 3', 'replicas: 2').replace(/resourceVersion: "\d+"/, (m) => content.match(/resourceVersion: "\d+"/)![0]).replace(/generation: \d+/, (m) => content.match(/generation: \d+/)![0]));
    expect(content).toContain('\nstatus:\n');
    // kubectl removes its temporary file after a successful edit.
    expect(h.fs.exists(fileName)).toBe(false);
  });

  it('says "Edit cancelled, no changes made." when the editor is closed without saving, or the text is the same', async () => {
    const { h, replicas } = setup(() => undefined, (t) => t.replace(/^# Please.*\n/, '# my own comment\n') + '\n\n');
    for (let i = 0; i < 2; i++) {
      const r = await h.run('kubectl edit statefulset/web');
      expect(r.stderr).toBe('Edit cancelled, no changes made.\n');
      expect(r.stdout).toBe('');
      expect(r.code).toBe(0);
    }
    expect(replicas()).toBe(2);
  });

  it('says "Edit cancelled, saved file was empty." when only comments are left', async () => {
    const { h, replicas } = setup((t) => t.split('\n').filter((l) => l.startsWith('#')).join('\n'));
    const r = await h.run('kubectl edit sts web');
    expect(r.stderr).toBe('Edit cancelled, saved file was empty.\n');
    expect(r.code).toBe(0);
    expect(replicas()).toBe(2);
  });

  it('reopens an invalid edit with the API server\'s causes at the top, and applies the corrected one', async () => {
    const { h, opened, replicas } = setup(
      (t) => t.replace('replicas: 2', 'replicas: -1'),
      (t) => t.replace('replicas: -1', 'replicas: 1'),
    );
    const r = await h.run('kubectl edit sts web');
    expect(r.stderr).toBe('error: statefulsets.apps "web" is invalid\n');
    expect(r.stdout).toBe('statefulset.apps/web edited\n');
    expect(r.code).toBe(0);
    expect(replicas()).toBe(1);
    expect(opened).toHaveLength(2);
    const second = opened[1].content;
    expect(second.startsWith(EDIT_HEADER + '# statefulsets.apps "web" was not valid:\n# * spec.replicas: Invalid value: -1: must be greater than or equal to 0\n#\n')).toBe(true);
    // The learner's text follows, without the old header comment.
    expect(second).toContain('replicas: -1');
    expect(second.match(/# Please edit/g)).toHaveLength(1);
  });

  it('reopens a misspelt field with the server\'s refusal of the strategic merge patch kubectl sent (the patch as a Go map)', async () => {
    const { h, opened, replicas } = setup(
      (t) => t.replace('  replicas: 2\n', '  replica: 3\n  replicas: 2\n'),
      (t) => t.replace('  replica: 3\n  replicas: 2\n', '  replicas: 3\n'),
    );
    const r = await h.run('kubectl edit sts web');
    expect(r.stderr).toBe('error: statefulsets.apps "web" is invalid\n');
    expect(opened[1].content.startsWith(EDIT_HEADER + '# statefulsets.apps "web" was not valid:\n# * patch: Invalid value: "map[spec:map[replica:3]]": strict decoding error: unknown field "spec.replica"\n#\n')).toBe(true);
    // Corrected in the reopened file: applied.
    expect(r.stdout).toBe('statefulset.apps/web edited\n');
    expect(replicas()).toBe(3);
  });

  it('patches a container by its name: a change to one container\'s image sends that container alone, in order', async () => {
    const { h } = setup((t) => t.replace('image: registry.k8s.io/nginx-slim:0.21', 'image: registry.k8s.io/nginx-slim:0.24'));
    let sent: unknown;
    const patch = h.cluster.api.patch.bind(h.cluster.api);
    h.cluster.api.patch = ((...args: Parameters<typeof patch>) => {
      sent = [args[3], args[4]];
      return patch(...args);
    }) as typeof patch;
    expect((await h.run('kubectl edit sts web')).stdout).toBe('statefulset.apps/web edited\n');
    expect(sent).toEqual([{ spec: { template: { spec: { '$setElementOrder/containers': [{ name: 'nginx' }], containers: [{ image: 'registry.k8s.io/nginx-slim:0.24', name: 'nginx' }] } } } }, 'strategic']);
  });

  it('gives up with a copy of the changes when the reopened file is closed unchanged', async () => {
    const { h, opened, replicas } = setup((t) => t.replace('replicas: 2', 'replicas: -1'), () => undefined);
    const r = await h.run('kubectl edit sts web');
    const file = opened[1].fileName;
    expect(r.stderr).toBe(`error: statefulsets.apps "web" is invalid\nA copy of your changes has been stored to "${file}"\nerror: Edit cancelled, no valid changes were saved.\n`);
    expect(r.code).toBe(1);
    expect(replicas()).toBe(2);
    expect(h.fs.readFile(file)).toContain('replicas: -1');
  });

  it('reopens a file with a YAML syntax error, saying where go-yaml stopped', async () => {
    const { h, opened, replicas } = setup(
      (t) => t.replace('  replicas: 2', '  replicas: 2\n   bad: : x'),
      (t) => t.replace('   bad: : x\n', '').replace('replicas: 2', 'replicas: 3'),
    );
    const r = await h.run('kubectl edit sts web');
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe('statefulset.apps/web edited\n');
    expect(replicas()).toBe(3);
    expect(opened[1].content).toMatch(/^# Please edit[^]*#\n# The edited file had a syntax error: error parsing edited-file: error converting YAML to JSON: yaml: line \d+: [^\n]+\n#\n/);
  });

  it('refuses a changed name', async () => {
    const { h, opened } = setup((t) => t.replace('  name: web\n', '  name: web2\n'));
    const r = await h.run('kubectl edit sts web');
    expect(r.stderr).toBe(`A copy of your changes has been stored to "${opened[0].fileName}"\nerror: At least one of apiVersion, kind and name was changed\n`);
    expect(r.code).toBe(1);
    expect(() => h.cluster.api.get('statefulsets', 'default', 'web2')).toThrow();
  });

  it('adds and removes fields with the patch (a deleted field is sent as null)', async () => {
    const { h } = setup(
      (t) => t.replace(/\nmetadata:\n/, '\nmetadata:\n  annotations:\n    note: mine\n'),
      (t) => t.replace(/\n  annotations:\n    note: mine/, ''),
    );
    const sts = () => h.cluster.api.get<any>('statefulsets', 'default', 'web');
    expect((await h.run('kubectl edit sts web')).stdout).toBe('statefulset.apps/web edited\n');
    expect(sts().metadata.annotations).toEqual({ note: 'mine' });
    expect((await h.run('kubectl edit sts web')).stdout).toBe('statefulset.apps/web edited\n');
    expect(sts().metadata.annotations?.note).toBeUndefined();
  });

  it('stops without a word on Ctrl-C while the editor is open (exit 130)', async () => {
    const { h, replicas } = setup();
    let aborted = false;
    const callbacks: Array<() => void> = [];
    const signal: Interrupt = { get aborted() { return aborted; }, onAbort: (cb) => (callbacks.push(cb), () => {}) };
    let out = '';
    const io: CommandIO = {
      argv: splitArgs('kubectl edit sts web'), stdin: '', stdout: (t) => void (out += t), stderr: (t) => void (out += t),
      env: {}, cwd: '/home/learner', fs: h.fs, signal, isTTY: true, columns: 80,
    };
    let given: Interrupt | undefined;
    const services = {
      ...h.services,
      openEditor: (_f: string, _c: string, s?: Interrupt) => new Promise<string | undefined>((resolve) => {
        given = s;
        s?.onAbort(() => resolve(undefined));
      }),
    };
    const running = runKubectl(io, services);
    await new Promise((r) => setTimeout(r, 0));
    expect(given).toBe(signal);
    aborted = true;
    callbacks.forEach((c) => c());
    expect(await running).toBe(130);
    expect(out).toBe('');
    expect(replicas()).toBe(2);
  });

  it('compares files the way kubectl does: as JSON, ignoring comments, order and blank lines', () => {
    expect(stripComments('# c\nb: 1\na: [1, 2]\n\n')).toBe(stripComments('a:\n- 1\n- 2\nb: 1\n'));
    expect(stripComments('a: 1\n')).not.toBe(stripComments('a: 2\n'));
  });
});
