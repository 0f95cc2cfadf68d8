import { describe, expect, it } from 'vitest';
import { testSession } from './testing.ts';
import { parseDuration } from './lab-command.ts';

describe('lab time', () => {
  it('stops the clock when paused and runs it faster at speed 10 (interactive)', async () => {
    const t = testSession({ interactive: true });
    const start = t.session.cluster.clock.now();
    await t.session.run('lab time pause');
    t.session.tick(1000);
    expect(t.session.cluster.clock.now()).toBe(start);
    await t.session.run('lab time resume; lab time speed 10');
    t.session.tick(1000);
    expect(t.session.cluster.clock.now() - start).toBe(10_000);
    expect(t.out()).toContain('time: 2026-01-01T00:00:00Z (paused)\n');
    expect(t.out()).toContain('(running at 10x)\n');
  });

  it('jumps to the next scheduled change', async () => {
    const t = testSession({ ticks: 1 });
    await t.session.run('lab time next');
    expect(t.out()).toBe('time: +5s to the next scheduled change\ntime: 2026-01-01T00:00:05Z (in a script, time moves with sleep and waits)\n');
    expect(t.session.cluster.api.get('configmaps', 'default', 'tick-1').metadata.name).toBe('tick-1');
  });

  it('moves time forward by +5m', async () => {
    const t = testSession();
    await t.session.run('lab time +5m');
    expect(t.session.services.now() - Date.UTC(2026, 0, 1)).toBe(300_000);
  });

  it('refuses what it does not know, with a hint', async () => {
    const t = testSession();
    expect(await t.session.run('lab time 5m')).toBe(1);
    expect(await t.session.run('lab fly')).toBe(1);
    expect(t.out()).toBe(
      "lab: unknown time operation '5m' (try +30s, +5m, next, pause, resume, speed N)\nRun 'lab help' for usage.\nlab: unknown command 'fly'\nRun 'lab help' for usage.\n",
    );
  });

  it('stops, cuts and starts nodes through the kubelet runtime', async () => {
    const t = testSession();
    await t.session.run('lab node cut minikube; lab node start minikube; lab node stop minikube-m02; lab nodes');
    expect(t.out()).toBe(
      'node minikube: network cut (still running, unreachable)\nnode minikube: reconnected\nnode minikube-m02: powered off\nminikube                 running\nminikube-m02             stopped\n',
    );
  });

  it('resets the cluster to its starting state', async () => {
    const t = testSession();
    t.session.cluster.api.create('configmaps', 'default', { metadata: { name: 'mine' } });
    await t.session.run('lab reset');
    expect(() => t.session.cluster.api.get('configmaps', 'default', 'mine')).toThrow('not found');
  });

  it.each([
    ['+30s', 30_000],
    ['+1h30m', 5_400_000],
    ['90', 90_000],
    ['+5x', undefined],
  ])('reads %s as %s ms', (s, ms) => expect(parseDuration(s)).toBe(ms));
});
