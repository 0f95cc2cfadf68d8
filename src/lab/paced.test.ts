import { describe, expect, it } from 'vitest';
import { paced } from './paced.ts';

/** A fake clock: sleep and the work advance it; nothing waits for real. */
function fakeTime() {
  let t = 0;
  return {
    now: () => t,
    sleep: async (ms: number) => {
      t += ms;
    },
    frame: async () => {},
    spend: (ms: number) => {
      t += ms;
    },
  };
}

const tick = () => new Promise((r) => setTimeout(r, 0));

describe('paced redraws', () => {
  it('coalesces calls made during a run into one run afterwards, started after twice the run\'s time', async () => {
    const time = fakeTime();
    const starts: number[] = [];
    let release!: () => void;
    const run = async () => {
      starts.push(time.now());
      await new Promise<void>((r) => (release = r));
      time.spend(100); // the redraw took 100 ms
    };
    const redraw = paced(run, { live: () => true, ...time });
    redraw();
    await tick();
    redraw();
    redraw();
    redraw();
    release();
    await tick();
    await tick();
    expect(starts).toEqual([0, 300]); // one more run, 2 × 100 ms after the first ended
    release();
    await tick();
    expect(starts).toHaveLength(2);
  });

  it('runs at once when the page has had its time, and not at all once the view is gone', async () => {
    const time = fakeTime();
    const starts: number[] = [];
    let live = true;
    const redraw = paced(async () => {
      starts.push(time.now());
      time.spend(10);
    }, { live: () => live, ...time });
    redraw();
    await tick();
    time.spend(1000);
    redraw();
    await tick();
    expect(starts).toEqual([0, 1010]);
    live = false;
    time.spend(1000);
    redraw();
    await tick();
    expect(starts).toHaveLength(2);
  });
});
