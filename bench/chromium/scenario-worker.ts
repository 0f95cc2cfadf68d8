// The Web Worker that runs the simulator scenario in the browser, as the lab's worker runs the
// simulator: each figure line goes back to the page as a message, then null when done.
import { runSimulatorScenario } from '../simulator-scenario.ts';

self.onmessage = (e: MessageEvent<{ runs: number }>) => {
  try {
    runSimulatorScenario({ log: (line) => self.postMessage(line) }, e.data.runs);
  } catch (err) {
    self.postMessage(`error: ${(err as Error).stack ?? err}`);
  }
  self.postMessage(null);
};
