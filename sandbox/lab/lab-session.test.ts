import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { LabError, parseLab } from './schema.ts';
import { LabSession, meetsExpectation } from './lab-session.ts';

const lab = parseLab(readFileSync(new URL('../../content/what-is-a-statefulset/lab.yaml', import.meta.url), 'utf8'), 'content/what-is-a-statefulset/lab.yaml');

function start(state?: ReturnType<LabSession['save']>) {
  let out = '';
  const s = new LabSession(lab, { output: { stdout: (t) => void (out += t), stderr: (t) => void (out += t) }, state });
  return { s, out: () => out };
}

describe('lab.yaml schema', () => {
  it('accepts the first lesson lab', () => {
    expect(lab.goals.map((g) => g.id)).toEqual(['headless-service', 'three-pods', 'all-ready', 'claims-bound']);
    expect(Object.keys(lab.files)).toEqual(['web.yaml']);
  });
  it('names the file and the field of a mistake', () => {
    expect(() => parseLab('title: x\ngoals:\n  - id: a\n    title: A\n    probe: kubectl get pods\n    expect: { nope: 1 }\n', 'content/x/lab.yaml')).toThrow(
      'content/x/lab.yaml: goals[0].expect: unknown expectation "nope"',
    );
    expect(() => parseLab('title: x\ngoal: []\n', 'f.yaml')).toThrow(LabError);
    expect(() => parseLab('title: x\ngoals:\n  - {id: a, title: A, probe: ls, expect: {number: 1}}\n', 'f.yaml')).toThrow('f.yaml: goals[0].probe: must start with kubectl');
    expect(() => parseLab('title: x\ninitial: |\n  apiVersion: v1\n  kind: Pod\ngoals: []\n', 'f.yaml')).toThrow('f.yaml: initial[0].metadata.name: is required');
  });
  it('compares numbers by value and trims output', () => {
    expect(meetsExpectation({ number: 3 }, '       3\n')).toBe(true);
    expect(meetsExpectation({ number: 3 }, '')).toBe(false);
    expect(meetsExpectation({ equals: 'None' }, 'None\n')).toBe(true);
    expect(meetsExpectation({ matches: '^web-2$' }, 'web-0\nweb-2\n')).toBe(true);
  });
});

describe('a lab session', () => {
  it('starts with the starter files and no goal met, and meets them all after the solution', async () => {
    const { s, out } = start();
    expect(s.fs.readFile('/home/learner/web.yaml')).toContain('kind: StatefulSet');
    expect((await s.checkGoals()).every((g) => !g.passed)).toBe(true);
    await s.session.run('kubectl apply -f web.yaml');
    expect(out()).toContain('statefulset.apps/web created');
    for (let i = 0; i < 120; i++) s.session.tick(1000);
    const goals = await s.checkGoals();
    expect(goals.filter((g) => !g.passed)).toEqual([]);
    expect(s.session.shell.history).toEqual(['kubectl apply -f web.yaml']);
  });

  it('saves and restores cluster, files and history', async () => {
    const a = start();
    await a.s.session.run('kubectl apply -f web.yaml');
    for (let i = 0; i < 60; i++) a.s.session.tick(1000);
    a.s.fs.writeFile('/home/learner/notes.txt', 'hello');
    const state = JSON.parse(JSON.stringify(a.s.save()));
    const b = start(state);
    expect(b.s.fs.readFile('/home/learner/notes.txt')).toBe('hello');
    expect(b.s.session.shell.history).toEqual(['kubectl apply -f web.yaml']);
    expect((await b.s.probe('kubectl get pods -o name')).out).toBe((await a.s.probe('kubectl get pods -o name')).out);
  });

  it('resets with lab reset and undoes the reset', async () => {
    const { s } = start();
    await s.session.run('kubectl apply -f web.yaml');
    s.fs.writeFile('/home/learner/web.yaml', 'changed');
    await s.session.run('lab reset');
    expect((await s.probe('kubectl get sts -o name')).out).toBe('');
    expect(s.fs.readFile('/home/learner/web.yaml')).toContain('kind: StatefulSet');
    expect(s.undoReset()).toBe(true);
    expect((await s.probe('kubectl get sts -o name')).out).toBe('statefulset.apps/web\n');
    expect(s.fs.readFile('/home/learner/web.yaml')).toBe('changed');
  });
});

describe("goal probes and the learner's $?", () => {
  it('a probe run while the learner\'s command waits on the cluster leaves that command\'s $? alone', async () => {
    const { s, out } = start();
    // The lab's clock runs in real time: the host ticks it, and checks goals when the cluster changes.
    const tick = async (until: () => boolean) => {
      for (let i = 0; i < 3000 && !until(); i++) {
        s.session.tick(50);
        await s.probe('kubectl get pods -o name');
        await new Promise((r) => setTimeout(r, 0));
      }
    };
    let done = false;
    void s.session.run('sleep 30').then(() => (done = true));
    await tick(() => done);
    done = false;
    void s.session.run("kubectl run -i t --image busybox:1.28 --restart=Never --rm -- sh -c 'exit 4'; echo status $?").then(() => (done = true));
    await tick(() => done);
    expect(out()).toContain('pod default/t terminated (Error)\nstatus 4\n');
  });
});
