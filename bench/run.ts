// Runs every bench/*.bench.ts in turn (or those whose name contains the first argument).
// Benchmarks print figures; they do not pass or fail.
//
// Each benchmark is bundled with esbuild first and run from the bundle, not through tsx's
// loader: tsx compiles with keepNames, which wraps every named function and closure in a
// __name() call the lab's own build (Vite) does not add, and that costs real time in the
// simulator's hot paths. The bundle is the simulator's code as the browser runs it, unminified.
import { build } from 'esbuild';
import { mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { dirname, join } from 'node:path';

const here = dirname(fileURLToPath(import.meta.url));
const only = process.argv[2];
// Where the benchmarks' sources are, for one that bundles more of them (its own import.meta.url
// is its bundle's, in the cache).
process.env.SSL_BENCH_DIR = here;
// Inside the project (node_modules/.cache), so the bundle's imports of packages, left out of
// it, resolve from there.
const cache = join(here, '..', 'node_modules', '.cache');
mkdirSync(cache, { recursive: true });
const out = mkdtempSync(join(cache, 'ssl-bench-'));
try {
  for (const f of readdirSync(here).filter((n) => n.endsWith('.bench.ts')).sort()) {
    if (only && !f.includes(only)) continue;
    console.log(`\n== ${f}`);
    const outfile = join(out, f.replace(/\.ts$/, '.mjs'));
    await build({ entryPoints: [join(here, f)], bundle: true, packages: 'external', platform: 'node', format: 'esm', target: 'node22', outfile, logLevel: 'error' });
    await import(pathToFileURL(outfile).href);
  }
} finally {
  rmSync(out, { recursive: true, force: true });
}
