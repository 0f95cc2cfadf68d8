// Redraws that follow a stream of cluster changes without keeping the page busy. A big cluster
// at 60x changes many times a second, and redrawing its picture (fetch the objects from the
// worker, lay them out, render a few thousand SVG elements) can take a few hundred ms: redrawn
// back to back, the tab would hardly answer a click or a key.

/** The longest run counted: a hidden tab's frame wait would otherwise count as cost. */
const MAX_COUNTED_MS = 1000;

/**
 * `run`, paced: a call while it runs, or while the page is given its time after a run, is not
 * lost but coalesces with the others into one run afterwards. After each run the page gets at
 * least twice as long as that run took (up to the paint that shows it), so redraws use at most
 * a third of the page's time; a small cluster's quick redraws are hardly delayed.
 */
export function paced(run: () => Promise<void>, opts: { live: () => boolean; now?: () => number; frame?: () => Promise<void>; sleep?: (ms: number) => Promise<void> }): () => void {
  const now = opts.now ?? (() => performance.now());
  // After the next paint, not at the next animation frame: a redraw's style, layout and paint of
  // the new DOM come after the frame's callbacks, and they cost more than the script for a big
  // picture (thousands of SVG elements). A task queued from the frame callback runs once they
  // are done, so the time counted is the redraw's whole cost.
  const frame = opts.frame ?? (() => new Promise<void>((r) => requestAnimationFrame(() => setTimeout(r, 0))));
  const sleep = opts.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  let running = false;
  let again = false;
  let freeUntil = 0;
  const go = async () => {
    if (running) return void (again = true);
    running = true;
    try {
      do {
        again = false;
        const wait = freeUntil - now();
        if (wait > 0) await sleep(wait);
        if (!opts.live()) return;
        const start = now();
        await run();
        await frame();
        freeUntil = now() + 2 * Math.min(now() - start, MAX_COUNTED_MS);
      } while (again && opts.live());
    } finally {
      running = false;
    }
  };
  return () => void go();
}
