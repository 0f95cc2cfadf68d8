import { describe, expect, it } from 'vitest';
import { testSession } from './testing.ts';
import { header } from './watch.ts';
import type { Command } from './types.ts';

const settle = () => new Promise((r) => setTimeout(r, 0));

describe('watch', () => {
  it('redraws the command every 2 s on the alternate screen under procps-ng\'s header, and Ctrl-C brings the shell screen back', async () => {
    const t = testSession({ interactive: true });
    const running = t.session.run('watch date');
    await settle();
    t.session.tick(2000);
    await settle();
    const shown = t.out();
    expect(shown.startsWith('\x1b[?1049h\x1b[H\x1b[2J')).toBe(true);
    // Two screens so far: at 00:00:00 and 00:00:02 of the virtual clock.
    const screens = shown.split('\x1b[H\x1b[2J').slice(1).map((x) => x.replace(/\x1b\[H$/, ''));
    expect(screens).toHaveLength(2);
    expect(screens[0]).toBe(`${'Every 2.0s: date'.padEnd(80 - 'lab: Thu Jan  1 00:00:00 2026'.length)}lab: Thu Jan  1 00:00:00 2026\n\nThu Jan  1 00:00:00 UTC 2026`);
    expect(screens[1]).toContain('Thu Jan  1 00:00:02 UTC 2026');
    t.session.interrupt();
    expect(await running).toBe(0);
    expect(t.out().endsWith('\x1b[?1049l')).toBe(true);
  });

  it('marks what changed since the last screen in reverse video with -d, and leaves the header out with -t', async () => {
    const t = testSession({ interactive: true });
    const running = t.session.run('watch -t -d -n 1 date');
    await settle();
    t.session.tick(1000);
    await settle();
    t.session.interrupt();
    await running;
    const screens = t.out().replace('\x1b[?1049l', '').split('\x1b[H\x1b[2J').slice(1).map((x) => x.replace(/\x1b\[H$/, ''));
    expect(screens[0]).toBe('Thu Jan  1 00:00:00 UTC 2026');
    // Only the last digit of the seconds changed.
    expect(screens[1]).toBe('Thu Jan  1 00:00:0\x1b[7m1\x1b[27m UTC 2026');
  });

  it('prints each new screen as text in a transcript, and ends when the cluster is quiet', async () => {
    // Two ConfigMaps appear, 5 and 10 s in; then nothing changes.
    const cms: Command = async (io, services) => {
      io.stdout(services.api.list('configmaps', 'default').items.map((c) => c.metadata.name).join(' ') + '\n');
      return 0;
    };
    const t = testSession({ ticks: 2, programs: { cms } });
    expect(await t.session.run('watch -n 5 -t cms')).toBe(0);
    expect(t.out()).toBe('\ntick-1\ntick-1 tick-2\n');
    // The same with the long option abbreviated, as getopt_long allows.
    const l = testSession({ ticks: 2, programs: { cms } });
    expect(await l.session.run('watch --inter=5 --no-t cms')).toBe(0);
    expect(l.out()).toBe('\ntick-1\ntick-1 tick-2\n');
  });

  it('answers bad options and a missing command as procps-ng does, exit 1', async () => {
    for (const [line, first] of [
      ['watch', ''],
      ['watch -z ls', "watch: invalid option -- 'z'"],
      ['watch --bogus ls', "watch: unrecognized option '--bogus'"],
    ] as const) {
      const t = testSession();
      expect(await t.session.run(line)).toBe(1);
      expect(t.out().split('\n')[0]).toBe(first);
      expect(t.out()).toContain('Usage:\n watch [options] command\n');
    }
    const t = testSession();
    expect(await t.session.run('watch -n x ls')).toBe(1);
    expect(t.out()).toBe("watch: failed to parse argument: 'x'\n");
    // getopt_long's own wording for a long option without its argument.
    const n = testSession();
    expect(await n.session.run('watch --interval')).toBe(1);
    expect(n.out().split('\n')[0]).toBe("watch: option '--interval' requires an argument");
    const g = testSession();
    expect(await g.session.run('watch -g ls')).toBe(1);
    expect(g.out()).toBe('watch: --chgexit is not simulated in this lab\n');
  });
});

describe("watch's header", () => {
  const now = Date.UTC(2026, 10, 27, 10, 36, 12);
  it('puts the interval and command left, host and date right', () => {
    expect(header(2000, 'kubectl get pods', 'lab', now, 60)).toBe('Every 2.0s: kubectl get pods   lab: Fri Nov 27 10:36:12 2026');
  });
  it('cuts a long command with an ellipsis, and drops what does not fit', () => {
    // A space is kept between the command and the host (watch.c output_header).
    expect(header(500, 'kubectl get pods -o wide', 'lab', now, 50)).toBe('Every 0.5s: kubectl\u2026 lab: Fri Nov 27 10:36:12 2026');
    expect(header(2000, 'kubectl', 'lab', now, 35)).toBe('lab: Fri Nov 27 10:36:12 2026'.padStart(35));
    expect(header(2000, 'kubectl', 'lab', now, 20)).toBe('');
  });
});
