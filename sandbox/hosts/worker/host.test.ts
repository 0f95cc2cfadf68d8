import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { parseLab } from '../../lab/schema.ts';
import { LabHost, labHash, type HostTimers } from './host.ts';
import { SAVED_STATE_VERSION, type EditEvent } from './protocol.ts';

const def = parseLab(readFileSync(new URL('../../../content/what-is-a-statefulset/lab.yaml', import.meta.url), 'utf8'));

/** Timers the test moves by hand. */
function fakeTimers() {
  let t = 0;
  let fn: (() => void) | undefined;
  const timers: HostTimers = { now: () => t, every: (_ms, f) => ((fn = f), () => (fn = undefined)) };
  return { timers, advance: (ms: number) => { for (let i = 0; i < ms / 100; i++) { t += 100; fn?.(); } } };
}

async function open(saved?: Parameters<LabHost['init']>[2]) {
  const clock = fakeTimers();
  const host = new LabHost(clock.timers);
  const init = await host.init('what-is-a-statefulset', def, saved);
  let screen = '';
  await host.attachTerminal({ write: (t) => void (screen += t) }, 100);
  const flush = () => new Promise((r) => setTimeout(r, 0));
  return { host, init, clock, screen: async () => (await flush(), screen) };
}

describe('the worker host', () => {
  it('echoes typed keys, runs the line on Enter and shows the output', async () => {
    const { host, screen } = await open();
    await host.input('kubectl apply -f web.yaml\r');
    const s = await screen();
    expect(s).toContain('$ kubectl apply -f web.yaml\r\n');
    expect(s).toContain('service/nginx created\r\nstatefulset.apps/web created\r\n$ ');
  });

  it('runs a button command visibly and reports changes and goals as time passes', async () => {
    const { host, clock, screen } = await open();
    const changes: string[] = [];
    await host.subscribe((c) => void changes.push(c.resourceVersion));
    let goals: string[] = [];
    await host.onGoals((g) => void (goals = g.filter((x) => x.passed).map((x) => x.id)));
    await host.runCommand('kubectl apply -f web.yaml');
    await host.setSpeed(10);
    clock.advance(10_000);
    await new Promise((r) => setTimeout(r, 10));
    expect(await screen()).toContain('$ kubectl apply -f web.yaml\r\n');
    expect(changes.length).toBeGreaterThan(3);
    expect(goals).toEqual(['headless-service', 'three-pods', 'all-ready', 'claims-bound']);
    expect((await host.list('pods', 'default')).length).toBe(3);
    expect((await host.events('default')).some((e) => e.reason === 'SuccessfulCreate')).toBe(true);
  });

  it('restores a saved state, and discards one from an older version with a notice', async () => {
    const a = await open();
    await a.host.runCommand('kubectl apply -f web.yaml');
    await a.host.writeFile('notes.txt', 'mine');
    const saved = JSON.parse(JSON.stringify(await a.host.save()));
    expect(saved.version).toBe(SAVED_STATE_VERSION);
    expect(saved.labHash).toBe(labHash(def));
    const b = await open(saved);
    expect(b.init.start).toBe('restored');
    expect(b.init.history).toEqual(['kubectl apply -f web.yaml']);
    expect(b.init.files.map((f) => f.name)).toEqual(['notes.txt', 'web.yaml']);
    expect(await b.screen()).toContain('statefulset.apps/web created');
    const c = await open({ ...saved, version: 0 });
    expect(c.init.start).toBe('discarded');
    expect(c.init.notice).toMatch(/older version/);
    const d = await open({ ...saved, cluster: { version: 1, garbage: true } });
    expect(d.init.start).toBe('discarded');
    // The cluster is saved as its snapshot text; one saved as an object (before) still restores,
    // and a text from an older simulator is discarded without being parsed.
    expect(typeof saved.cluster).toBe('string');
    const e = await open({ ...saved, cluster: JSON.parse(saved.cluster) });
    expect(e.init.start).toBe('restored');
    expect((await e.host.list('services', 'default')).map((x: any) => x.metadata.name)).toContain('nginx');
    const f = await open({ ...saved, cluster: saved.cluster.replace(/^\{"version":1,/, '{"version":0,') });
    expect(f.init.start).toBe('discarded');
    expect(f.init.notice).toMatch(/older version of the simulator/);
  });

  it('reports the clock each virtual second even when nothing in the cluster changes, and not every change listener', async () => {
    const { host, clock } = await open();
    const seconds: number[] = [];
    await host.onClock((t) => void seconds.push(Math.floor(t.now / 1000)));
    let changes = 0;
    await host.subscribe(() => void changes++);
    clock.advance(3_000);
    // One report per virtual second at 1x (the first tick may still be in the second it started in).
    const distinct = [...new Set(seconds)];
    expect(distinct.length).toBeGreaterThanOrEqual(3);
    expect(seconds).toEqual([...seconds].sort((a, b) => a - b));
    expect(seconds.length).toBe(distinct.length);
    // The quiet cluster wrote at most a heartbeat in these 3 s: listeners that re-read the
    // cluster heard of that only, not of every second.
    expect(changes).toBeLessThanOrEqual(1);
  });

  it('keeps what is typed while a command runs and runs it at the next prompt, echoed as a terminal does; Ctrl-C drops it', async () => {
    const { host, clock, screen } = await open();
    const sleeping = host.input('sleep 2\r');
    await new Promise((r) => setTimeout(r, 5));
    await host.input('echo ahx\x7f');
    await host.input('ead\r');
    // The terminal shows the keys at once, the backspace erasing on screen; nothing runs yet.
    expect(await screen()).toMatch(/\$ sleep 2\r\necho ahx\x08 \x08ead\r\n$/);
    clock.advance(2_000);
    await sleeping;
    // At the prompt the shell reads the line: shown again after the prompt, then run.
    expect(await screen()).toMatch(/echo ahx\x08 \x08ead\r\n\$ echo ahead\r\nahead\r\n\$ $/);

    const again = host.input('sleep 2\r');
    await new Promise((r) => setTimeout(r, 5));
    await host.input('echo dropped\r');
    await host.input('\x03');
    await again;
    clock.advance(2_000);
    await new Promise((r) => setTimeout(r, 5));
    expect(await screen()).toMatch(/echo dropped\r\n\^C\r\n\$ $/);
    expect(await screen()).not.toContain('\r\ndropped');
  });

  it('gives `read` at the prompt the line typed next, echoed and corrected as a terminal does, and the keys typed ahead first', async () => {
    const { host, clock, screen } = await open();
    const asking = host.input('read -p "Your name? " name; echo "hello $name"\r');
    await new Promise((r) => setTimeout(r, 5));
    expect(await screen()).toMatch(/\r\nYour name\? $/);
    await host.input('Adx\x7f');
    await host.input('a\r');
    await asking;
    expect(await screen()).toMatch(/Your name\? Adx\x08 \x08a\r\nhello Ada\r\n\$ $/);

    // Typed while `sleep` ran: the read takes that line, the rest waits for the prompt.
    const sleeping = host.input('sleep 2; read word; echo "got $word"\r');
    await new Promise((r) => setTimeout(r, 5));
    await host.input('early\recho next\r');
    clock.advance(2_000);
    await sleeping;
    expect(await screen()).toMatch(/got early\r\n\$ echo next\r\nnext\r\n\$ $/);
  });

  it('reads one key with read -n 1, hides the keys of read -s, and ends a read on Ctrl-C or Ctrl-D', async () => {
    const { host, screen } = await open();
    const key = host.input('read -n 1 -p "Go on? " k; echo; echo "[$k]"\r');
    await new Promise((r) => setTimeout(r, 5));
    await host.input('y');
    await key;
    expect(await screen()).toMatch(/Go on\? y\r\n\[y\]\r\n\$ $/);

    const secret = host.input('read -s -p "Password: " pw; echo; echo "${#pw} characters"\r');
    await new Promise((r) => setTimeout(r, 5));
    await host.input('hunter2\r');
    await secret;
    expect(await screen()).toMatch(/Password: \r\n7 characters\r\n\$ $/);
    expect(await screen()).not.toContain('hunter2');

    const interrupted = host.input('read x; echo "not shown"\r');
    await new Promise((r) => setTimeout(r, 5));
    await host.input('\x03');
    await interrupted;
    const eof = host.input('echo "after ^C $?"; read y; echo "status $? [$y]"\r');
    await new Promise((r) => setTimeout(r, 5));
    await host.input('\x04');
    await eof;
    expect(await screen()).toMatch(/\$ read x; echo "not shown"\r\n\^C\r\n\$ echo "after \^C \$\?"; read y; echo "status \$\? \[\$y\]"\r\nafter \^C 130\r\nstatus 1 \[\]\r\n\$ $/);
  });

  it('takes a line sent by the phone\'s input as what a waiting read reads, instead of interrupting', async () => {
    const { host, screen } = await open();
    const asking = host.runCommand('read -p "Replicas? " n; echo "scaling to $n"');
    await new Promise((r) => setTimeout(r, 5));
    expect(await host.runCommand('3')).toBe(0);
    expect(await asking).toBe(0);
    expect(await screen()).toMatch(/Replicas\? 3\r\nscaling to 3\r\n\$ $/);
  });

  it('hands kubectl edit to the page\'s editor, goes on when it is saved, and cancels it on Ctrl-C', async () => {
    const { host, screen } = await open();
    await host.runCommand('kubectl apply -f web.yaml');
    const events: EditEvent[] = [];
    await host.onEdit((e) => void events.push(e));
    const until = async (ok: () => boolean) => {
      for (let i = 0; i < 100 && !ok(); i++) await new Promise((r) => setTimeout(r, 5));
      expect(ok()).toBe(true);
    };
    const replicas = async () => ((await host.get('statefulsets', 'default', 'web')) as { spec: { replicas: number } }).spec.replicas;

    const first = host.input('kubectl edit sts web\r');
    await until(() => events.length === 1);
    const opened = events[0];
    if (opened.type !== 'open') throw new Error('expected an open event');
    expect(opened.request.fileName).toMatch(/^\/tmp\/kubectl-edit-\d+\.yaml$/);
    expect(opened.request.content).toMatch(/^# Please edit the object below\.[^]*\nkind: StatefulSet\n/);
    expect(await host.pendingEdit()).toEqual(opened.request);
    // Keys typed while kubectl waits do not reach the shell.
    await host.input('ls\r');
    await host.finishEdit(opened.request.id, opened.request.content.replace('replicas: 3', 'replicas: 2'));
    await first;
    expect(events[1]).toEqual({ type: 'close', id: opened.request.id });
    expect(await screen()).toContain('statefulset.apps/web edited\r\n$ ');
    expect(await replicas()).toBe(2);
    expect(await host.pendingEdit()).toBeUndefined();

    const second = host.input('kubectl edit sts web\r');
    await until(() => events.length === 3);
    const reopened = events[2];
    if (reopened.type !== 'open') throw new Error('expected an open event');
    await host.input('\x03');
    await second;
    expect(events[3]).toEqual({ type: 'close', id: reopened.request.id });
    expect(await host.pendingEdit()).toBeUndefined();
    expect(await screen()).toMatch(/\^C\r\n\$ $/);
    expect(await replicas()).toBe(2);
  });

  it('resets and undoes the reset', async () => {
    const { host } = await open();
    await host.runCommand('kubectl apply -f web.yaml');
    const r = await host.reset();
    expect(r.canUndo).toBe(true);
    expect(await host.list('statefulsets', 'default')).toEqual([]);
    const u = await host.undoReset();
    expect(u && u.canUndo).toBe(false);
    expect((await host.list('statefulsets', 'default')).length).toBe(1);
  });
});
