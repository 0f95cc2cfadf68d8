// Serves the built site (dist/) with `astro preview` on a free local port, for the browser tests
// and the screenshot script.
import { spawn } from 'node:child_process';
import { openSync } from 'node:fs';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';

export const root = fileURLToPath(new URL('..', import.meta.url));
export const astroBin = 'node_modules/astro/bin/astro.mjs';

export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/**
 * Starts `astro preview` and waits until it answers. Returns { url, stop }, or throws.
 * Started as `node …/astro.mjs` (not through npx) so that the child PID is the server itself.
 * --ignore-lock: Astro 7 allows one tracked preview server per project (a lock file); this private
 * server runs alongside one a developer may have open and leaves the lock alone.
 */
export async function startPreview({ port, logFile, timeoutMs = 30_000 } = {}) {
  port ||= await freePort();
  const url = `http://127.0.0.1:${port}`;
  const out = logFile ? openSync(logFile, 'w') : 'ignore';
  const child = spawn(process.execPath, [astroBin, 'preview', '--ignore-lock', '--host', '127.0.0.1', '--port', String(port)], {
    cwd: root,
    stdio: ['ignore', out, out],
    env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1' },
  });
  const stop = () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
  };
  process.on('exit', stop);
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline && child.exitCode === null) {
    try {
      if ((await fetch(url + '/')).ok) return { url, stop };
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  stop();
  throw new Error(`astro preview did not answer on ${url}${logFile ? ` (see ${logFile})` : ''}`);
}
