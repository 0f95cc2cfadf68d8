// Issue 3's simulator figures where learners get them: the same scenario as simulator.bench.ts
// (simulator-scenario.ts), bundled for the browser and run in a Web Worker of headless Chromium,
// the engine the lab's worker runs in. The page and worker are served from memory through
// playwright's request routing: no server, no network.
import { build } from 'esbuild';
import { execFileSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

// Run from run.ts's bundle, which says where the sources are.
const here = process.env.SSL_BENCH_DIR ?? dirname(fileURLToPath(import.meta.url));

function chromiumPath(): string | undefined {
  if (process.env.CHROMIUM_PATH) return process.env.CHROMIUM_PATH;
  try {
    return execFileSync('sh', ['-c', 'command -v chromium || command -v chromium-browser'], { encoding: 'utf8' }).trim() || undefined;
  } catch {
    return undefined;
  }
}

const executablePath = chromiumPath();
if (!executablePath) {
  console.log('skipped: no chromium on PATH (apt-get install chromium, or set CHROMIUM_PATH)');
} else {
  // Minified as the lab's production build is (Vite's default for workers).
  const bundle = await build({ entryPoints: [join(here, 'chromium', 'scenario-worker.ts')], bundle: true, platform: 'browser', format: 'iife', target: 'es2022', minify: true, write: false, logLevel: 'error' });
  const workerJs = bundle.outputFiles[0].text;
  const browser = await chromium.launch({
    executablePath,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--js-flags=--expose-gc'],
  });
  try {
    console.log(`Chromium ${browser.version()}, in a Web Worker`);
    const page = await browser.newPage();
    await page.route('http://bench.invalid/**', (route) => {
      const url = route.request().url();
      if (url.endsWith('/worker.js')) return route.fulfill({ contentType: 'text/javascript', body: workerJs });
      return route.fulfill({ contentType: 'text/html', body: '<!doctype html><title>simulator bench</title>' });
    });
    await page.goto('http://bench.invalid/');
    let done!: () => void;
    const finished = new Promise<void>((resolve) => (done = resolve));
    await page.exposeFunction('benchLine', (line: string | null) => (line === null ? done() : console.log(line)));
    await page.evaluate((runs) => {
      const w = new Worker('/worker.js');
      w.onmessage = (e) => (window as any).benchLine(e.data);
      w.onerror = (e) => (window as any).benchLine(`error: ${e.message}`);
      w.postMessage({ runs });
    }, Number(process.env.BENCH_RUNS ?? 5));
    await finished;
  } finally {
    await browser.close();
  }
}
