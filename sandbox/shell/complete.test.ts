import { describe, expect, it } from 'vitest';
import { testSession } from './testing.ts';
import { LineEditor } from './line-editor.ts';
import { COMMANDS } from '../kubectl/commands/registry.ts';

describe('tab completion', () => {
  it('completes command names', () => {
    const { session } = testSession();
    expect(session.complete('kube').items).toEqual(['kubectl ']);
  });

  it('completes kubectl verbs, kinds and object names from the API', () => {
    const { session } = testSession();
    session.cluster.api.create('configmaps', 'default', { metadata: { name: 'web-config' } });
    expect(session.complete('kubectl ge').items).toEqual(['get ']);
    expect(session.complete('kubectl get statef').items).toEqual(['statefulsets ']);
    expect(session.complete('kubectl get cm w').items).toEqual(['web-config ']);
    expect(session.complete('kubectl describe cm/').items).toEqual(['cm/web-config ']);
  });

  it('offers every kubectl command the lab simulates (the list is kept apart so kubectl loads lazily)', () => {
    const { session } = testSession();
    const offered = session.complete('kubectl ').items.map((i) => i.trim());
    expect(COMMANDS.map((c) => c.name).filter((n) => !offered.includes(n))).toEqual([]);
  });

  // kubectl's cheat sheet: source <(kubectl completion bash); alias k=kubectl; complete -o default -F __start_kubectl k
  it('completes an alias as kubectl once complete -F __start_kubectl names it, as bash with kubectl completion loaded does', async () => {
    const { session } = testSession();
    await session.run('alias k=kubectl');
    expect(session.complete('k ge').items).toEqual([]);
    await session.run('source <(kubectl completion bash); complete -o default -F __start_kubectl k');
    expect(session.complete('k ge').items).toEqual(['get ']);
    expect(session.complete('k get statef').items).toEqual(['statefulsets ']);
    await session.run('complete -r k');
    expect(session.complete('k ge').items).toEqual([]);
  });

  it('completes the names of aliases and functions as commands', async () => {
    const { session } = testSession();
    await session.run('alias kgp="kubectl get pods"; greet_pod() { echo hi; }');
    expect(session.complete('kg').items).toEqual(['kgp ']);
    expect(session.complete('greet_').items).toEqual(['greet_pod ']);
  });

  it('completes file names after -f', () => {
    const { session } = testSession();
    session.fs.writeFile('/home/learner/web.yaml', '');
    session.fs.mkdir('/home/learner/manifests');
    expect(session.complete('kubectl apply -f w').items).toEqual(['web.yaml ']);
    expect(session.complete('cat ma').items).toEqual(['manifests/']);
  });

  it('completes kubectl cp: pod: and namespace/ with no space after, local names too, files for the destination (cp.go ValidArgsFunction)', () => {
    const { session } = testSession();
    session.fs.writeFile('/home/learner/web.yaml', '');
    session.cluster.api.create('pods', 'default', { metadata: { name: 'web-0' }, spec: { containers: [{ name: 'nginx', image: 'nginx' }] } });
    const first = 'web-0';
    expect(session.complete('kubectl c').items).toEqual(['cluster-info ', 'completion ', 'config ', 'cordon ', 'cp ', 'create ']);
    expect(session.complete(`kubectl cp ${first.slice(0, 2)}`).items).toContain(`${first}:`);
    const kubeNamespaces = session.cluster.api.list('namespaces').items.map((n) => n.metadata.name!).filter((n) => n.startsWith('kube-'));
    expect(kubeNamespaces.length).toBeGreaterThan(0);
    expect(session.complete('kubectl cp kube-').items).toEqual(kubeNamespaces.map((n) => `${n}/`));
    expect(session.complete(`kubectl cp default/${first.slice(0, 2)}`).items).toContain(`default/${first}:`);
    expect(session.complete('kubectl cp we').items).toContain('web.yaml');
    expect(session.complete('kubectl cp ./w').items).toEqual(['./web.yaml ']);
    expect(session.complete(`kubectl cp ${first}:/etc/hostname w`).items).toEqual(['web.yaml ']);
    expect(session.complete('kubectl cp ').items).toEqual(expect.arrayContaining(['default/', `${first}:`, './', '/']));
  });

  it('completes lab words', () => {
    const { session } = testSession();
    expect(session.complete('lab ti').items).toEqual(['time ']);
    expect(session.complete('lab time pa').items).toEqual(['pause ']);
  });
});

describe('the line editor', () => {
  function editor(history: string[] = []) {
    let screen = '';
    const ed = new LineEditor({ write: (t) => void (screen += t), history: () => history, complete: (l) => ({ start: l.lastIndexOf(' ') + 1, items: l.endsWith('ku') ? ['kubectl '] : [] }) });
    ed.prompt('$ ');
    return { ed, screen: () => screen };
  }

  it('returns the typed line on Enter', () => {
    const { ed } = editor();
    expect(ed.feed('echo hi\r')).toEqual([{ type: 'line', line: 'echo hi' }]);
  });

  it('walks the history with the arrows', () => {
    const { ed } = editor(['first', 'second']);
    expect(ed.feed('\x1b[A\x1b[A\x1b[B\r')).toEqual([{ type: 'line', line: 'second' }]);
  });

  it('edits in the middle of the line and completes with Tab', () => {
    const { ed } = editor();
    expect(ed.feed('ku\tget\x1b[D\x1b[D\x1b[Dx \r')).toEqual([{ type: 'line', line: 'kubectl x get' }]);
  });

  it('reports Ctrl-C, Ctrl-L and Ctrl-D', () => {
    const { ed, screen } = editor();
    expect(ed.feed('abc\x03')).toEqual([{ type: 'interrupt' }]);
    expect(screen()).toContain('^C');
    expect(ed.feed('\x0c')).toEqual([{ type: 'clear' }]);
    expect(ed.feed('\x04')).toEqual([{ type: 'eof' }]);
  });

  it("reads ESC and a key as readline's Meta: Alt+b/Alt+f move by words, Alt+d/Alt+Backspace kill one; nothing is typed", () => {
    const { ed } = editor();
    expect(ed.feed('kubectl get pods\x1bb\x1bbx \r')).toEqual([{ type: 'line', line: 'kubectl x get pods' }]);
    expect(ed.feed('kubectl get pods\x01\x1bf\x1bd\r')).toEqual([{ type: 'line', line: 'kubectl pods' }]);
    expect(ed.feed('kubectl get pods\x1b\x7f\r')).toEqual([{ type: 'line', line: 'kubectl get ' }]);
    // Ctrl+Left as xterm sends it.
    expect(ed.feed('get pods\x1b[1;5Dall \r')).toEqual([{ type: 'line', line: 'get all pods' }]);
  });

  it('does not hold back the keys typed after Escape, and Ctrl-C after it still interrupts', () => {
    const { ed, screen } = editor();
    ed.feed('\x1b');
    ed.feed('x'); // Meta-x: not bound here, not typed
    ed.feed('e');
    expect(screen()).toBe('$ e');
    expect(ed.feed('cho\r')).toEqual([{ type: 'line', line: 'echo' }]);
    expect(ed.feed('\x1b\x03')).toEqual([{ type: 'interrupt' }]);
  });
});
