// Issue 3's simulator figures in Node (the scenario: simulator-scenario.ts). The same scenario
// runs in Chromium's Web Worker, where the lab runs it, in simulator-chromium.bench.ts.
import { runSimulatorScenario } from './simulator-scenario.ts';

console.log(`Node ${process.versions.node} (V8 ${process.versions.v8})`);
runSimulatorScenario({
  log: (line) => console.log(line),
  cpuMs: () => { const u = process.cpuUsage(); return (u.user + u.system) / 1000; },
}, Number(process.env.BENCH_RUNS ?? 5));
