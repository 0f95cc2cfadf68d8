#!/usr/bin/env node
// How much JavaScript a lesson page costs, from the built site (dist/):
//   1. before the lab opens: the page's scripts (inline and external) and every island except the
//      lab, with their static imports (goal: ≤ 40 KB gzip);
//   2. the lab's own JS when it opens: the Lab island, what it imports (statically and
//      dynamically: LabApp, xterm, comlink...) and the Web Worker with the simulator, minus (1) and
//      minus Monaco;
//   3. Monaco: the editor component's chunks and Monaco's workers (loaded when the editor shows).
// Sizes are gzip -6 of each file, each file counted once.
//   node scripts/measure-weight.mjs [--build] [--page /lessons/what-is-a-statefulset/] [--json]
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

const root = fileURLToPath(new URL('..', import.meta.url));
const dist = join(root, 'dist');
const args = process.argv.slice(2);
const flag = (name) => args.includes(name);
const option = (name, dflt) => (args.includes(name) ? args[args.indexOf(name) + 1] : dflt);
const BUDGET = 40 * 1024;

if (flag('--build') || !existsSync(join(dist, 'index.html'))) {
  console.error('measure-weight: building the site (astro build)…');
  const r = spawnSync(process.execPath, ['node_modules/astro/bin/astro.mjs', 'build'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'], env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1' } });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

/** The page to measure: the given one, or the first lesson page with a lab on it. */
function pickPage() {
  const given = option('--page');
  if (given) return given;
  const lessons = join(dist, 'lessons');
  const ids = existsSync(lessons) ? readdirSync(lessons).sort() : [];
  for (const id of ids) {
    const f = join(lessons, id, 'index.html');
    if (existsSync(f) && /component-url="[^"]*\/Lab\.[\w-]+\.js"/.test(readFileSync(f, 'utf8'))) return `/lessons/${id}/`;
  }
  return ids.length ? `/lessons/${ids[0]}/` : '/';
}

const page = pickPage();
const html = readFileSync(join(dist, page, 'index.html'), 'utf8');
const astroDir = join(dist, '_astro');
const assets = new Set(existsSync(astroDir) ? readdirSync(astroDir, { recursive: true }).map(String) : []);

const cache = new Map();
function size(file) {
  if (!cache.has(file)) {
    const buf = readFileSync(join(astroDir, file));
    cache.set(file, { raw: buf.length, gz: gzipSync(buf, { level: 6 }).length, text: buf.toString('utf8') });
  }
  return cache.get(file);
}

/** Chunks a chunk refers to: static imports, and every other mention (dynamic import, worker URL, preload lists). */
function refs(file) {
  const text = size(file).text;
  const stat = new Set();
  const dyn = new Set();
  const name = (s) => s.replace(/^(?:\.\/|\/_astro\/|_astro\/)/, '');
  for (const m of text.matchAll(/(?:\bfrom\s*|\bimport\s*)["'`](\.\/[\w./-]+\.m?js)["'`]/g)) stat.add(name(m[1]));
  for (const m of text.matchAll(/["'`]((?:\.\/|\/_astro\/|_astro\/)?[\w.-]+(?:\/[\w.-]+)*\.m?js)["'`]/g)) {
    const n = name(m[1]);
    if (assets.has(n) && !stat.has(n)) dyn.add(n);
  }
  return { stat: [...stat].filter((n) => assets.has(n)), dyn: [...dyn] };
}

function closure(starts, { dynamic, stopAt = () => false }) {
  const seen = new Set();
  const todo = [...starts];
  while (todo.length) {
    const f = todo.pop();
    if (seen.has(f) || !assets.has(f) || !/\.m?js$/.test(f) || stopAt(f)) continue;
    seen.add(f);
    const r = refs(f);
    todo.push(...r.stat, ...(dynamic ? r.dyn : []));
  }
  return seen;
}

const astroUrl = (u) => u.replace(/^\/_astro\//, '');
const islands = [...html.matchAll(/<astro-island\b[^>]*>/g)].map((m) => ({
  component: astroUrl(/component-url="([^"]+)"/.exec(m[0])?.[1] ?? ''),
  renderer: astroUrl(/renderer-url="([^"]+)"/.exec(m[0])?.[1] ?? ''),
}));
const isLab = (i) => /(^|\/)Lab\.[\w-]+\.js$/.test(i.component);
const pageScripts = [...html.matchAll(/<script\b[^>]*\bsrc="\/_astro\/([^"]+)"/g), ...html.matchAll(/<link\b[^>]*rel="modulepreload"[^>]*href="\/_astro\/([^"]+)"/g)].map((m) => m[1]);
const inline = [...html.matchAll(/<script\b(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)].map((m) => m[1]).filter((s) => s.trim() && !/^\s*[{[]/.test(s));
const inlineStarts = inline.flatMap((s) => [...s.matchAll(/["'`]\/_astro\/([\w./-]+\.m?js)["'`]/g)].map((m) => m[1]));

const before = closure([...pageScripts, ...inlineStarts, ...islands.filter((i) => !isLab(i)).flatMap((i) => [i.component, i.renderer])], { dynamic: false });
const inlineGz = inline.reduce((n, s) => n + gzipSync(Buffer.from(s), { level: 6 }).length, 0);

const all = [...assets].filter((f) => /\.m?js$/.test(f));
const isMonacoFile = (f) => /monaco|editor\.(main|worker|api)|yaml\.worker|json\.worker|(^|\/)Editor\.[\w-]+\.js$/i.test(f);
const labStarts = islands.filter(isLab).flatMap((i) => [i.component, i.renderer]);
// The lab without the editor: everything reachable from the island without entering the editor's chunks.
const labAll = closure(labStarts, { dynamic: true, stopAt: isMonacoFile });
const lab = new Set([...labAll].filter((f) => !before.has(f)));
// Monaco: what the editor's chunks reach that the rest of the lab does not.
const monaco = new Set([...closure(all.filter(isMonacoFile), { dynamic: true })].filter((f) => !labAll.has(f) && !before.has(f)));

const sum = (set) => [...set].reduce((n, f) => n + size(f).gz, 0);
const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
const list = (set) => [...set].sort((a, b) => size(b).gz - size(a).gz).map((f) => `    ${kb(size(f).gz).padStart(9)}  ${f}`).join('\n');

const beforeGz = sum(before) + inlineGz;
const result = { page, beforeLabGzip: beforeGz, labGzip: sum(lab), monacoGzip: sum(monaco), budget: BUDGET, labIsland: labStarts.length > 0 };
if (flag('--json')) {
  console.log(JSON.stringify(result));
} else {
  console.log(`JS on ${page}${result.labIsland ? '' : ' (no lab island found on this page)'}`);
  console.log(`  before the lab opens:  ${kb(beforeGz)} gzip (${inline.length} inline scripts ${kb(inlineGz)})  goal ≤ ${kb(BUDGET)}  ${beforeGz <= BUDGET ? 'OK' : 'OVER'}`);
  console.log(list(before));
  console.log(`  the lab, without Monaco: ${kb(result.labGzip)} gzip`);
  console.log(list(lab));
  console.log(`  Monaco (editor, loads when shown): ${kb(result.monacoGzip)} gzip${monaco.size ? '' : ' (no Monaco in the build yet)'}`);
  if (monaco.size) console.log(list(monaco));
}
process.exit(beforeGz <= BUDGET ? 0 : 1);
