#!/usr/bin/env node
// Runs the browser tests (tests/**/*.test.mjs) against the built site:
//   1. builds the site if dist/ is missing (`npm run build` first to test fresh changes),
//   2. serves dist/ with `astro preview` on a free local port,
//   3. runs node's test runner (spec output here, TAP in test-results/e2e.tap),
//   4. stops the server and prints `e2e: N passed, M failed`.
// Exit status is non-zero if a test failed or the tests could not run.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { astroBin as astro, root, startPreview } from './preview-server.mjs';

const reportDir = `${root}test-results`;
const tapFile = `${reportDir}/e2e.tap`;

function couldNotRun(reason) {
  console.error(`e2e: could not run: ${reason}`);
  console.log('e2e: 0 passed, 1 failed');
  process.exit(1);
}

mkdirSync(reportDir, { recursive: true });
rmSync(tapFile, { force: true });

if (!existsSync(`${root}dist/index.html`)) {
  console.error('e2e: dist/ is missing; building the site first');
  const build = spawnSync(process.execPath, [astro, 'build'], { cwd: root, stdio: 'inherit' });
  if (build.status !== 0) couldNotRun('astro build failed');
}

let server;
try {
  server = await startPreview({ port: Number(process.env.SSL_E2E_PORT) || undefined, logFile: `${reportDir}/preview.log` });
} catch (err) {
  couldNotRun(err.message);
}
const run = spawn(
  process.execPath,
  [
    '--test',
    '--test-concurrency=1',
    // A test that hangs (a page that never settles) fails after 3 minutes instead of stalling
    // the whole run; the slowest test takes well under a minute.
    '--test-timeout=180000',
    '--test-reporter=spec',
    '--test-reporter-destination=stdout',
    '--test-reporter=tap',
    `--test-reporter-destination=${tapFile}`,
    // Every browser test under tests/ (tests/e2e/*.test.mjs and any other *.test.mjs there).
    'tests/**/*.test.mjs',
  ],
  { cwd: root, stdio: 'inherit', env: { ...process.env, SSL_BASE_URL: server.url } },
);
// Stopped from outside (Ctrl-C, a CI timeout): stop the tests and the server too.
for (const [signal, code] of [['SIGINT', 130], ['SIGTERM', 143]]) {
  process.on(signal, () => {
    run.kill(signal);
    server.stop();
    process.exit(code);
  });
}
const status = await new Promise((resolve) => run.on('close', (code) => resolve(code ?? 1)));
server.stop();

let tap = '';
try {
  tap = readFileSync(tapFile, 'utf8');
} catch {
  couldNotRun('the test runner wrote no report');
}
const count = (name) => Number(tap.match(new RegExp(`^# ${name} (\\d+)$`, 'm'))?.[1] ?? NaN);
const passed = count('pass');
const failed = count('fail') + (count('cancelled') || 0);
if (Number.isNaN(passed) || Number.isNaN(failed)) couldNotRun('no pass/fail counts in the report');
if (passed + failed === 0) couldNotRun('no tests ran');
console.log(`e2e: ${passed} passed, ${failed} failed`);
process.exit(failed > 0 || status !== 0 ? 1 : 0);
