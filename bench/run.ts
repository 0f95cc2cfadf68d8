// Runs every bench/*.bench.ts in turn. Benchmarks print figures; they do not pass or fail.
import { readdirSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { dirname, join } from 'node:path';

const here = dirname(fileURLToPath(import.meta.url));
const only = process.argv[2];
for (const f of readdirSync(here).filter((n) => n.endsWith('.bench.ts')).sort()) {
  if (only && !f.includes(only)) continue;
  console.log(`\n== ${f}`);
  await import(pathToFileURL(join(here, f)).href);
}
