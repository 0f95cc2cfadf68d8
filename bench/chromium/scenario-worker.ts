// The Web Worker that runs the simulator scenario in the browser, as the lab's worker runs the
// simulator: each figure line goes back to the page as a message, then null when done.
import { runSimulatorScenario } from '../simulator-scenario.ts';

self.onmessage = (e: MessageEvent<{ runs: number }>) => {
  try {
    // gc() is there when Chromium runs with --js-flags=--expose-gc (the bench launches it so).
    const gc = (self as unknown as { gc?: () => void }).gc;
    runSimulatorScenario({ log: (line) => self.postMessage(line), collectGarbage: gc && (() => gc()) }, e.data.runs);
  } catch (err) {
    self.postMessage(`error: ${(err as Error).stack ?? err}`);
  }
  self.postMessage(null);
};
