// Issue 3's simulator figures in Node (the scenario: simulator-scenario.ts). The same scenario
// runs in Chromium's Web Worker, where the lab runs it, in simulator-chromium.bench.ts.
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { runSimulatorScenario } from './simulator-scenario.ts';

// V8's gc() in a fresh context once the flag is set (Node's documented way without a command-line flag).
setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

console.log(`Node ${process.versions.node} (V8 ${process.versions.v8})`);
runSimulatorScenario({
  log: (line) => console.log(line),
  cpuMs: () => { const u = process.cpuUsage(); return (u.user + u.system) / 1000; },
  collectGarbage: gc,
}, Number(process.env.BENCH_RUNS ?? 5));
