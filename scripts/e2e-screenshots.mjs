#!/usr/bin/env node
// Screenshots of the built site for a visual check: home and the first lesson, light and dark,
// phone (390 px) and desktop (1280 px) width. Serves dist/ itself (run `npm run build` first).
//   node scripts/e2e-screenshots.mjs [output folder, default screenshots/] [extra paths...]
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { DESKTOP, LESSON, PHONE, launchBrowser } from '../tests/e2e/browser.mjs';
import { startPreview } from '../tests/preview-server.mjs';

const [outArg, ...extraPaths] = process.argv.slice(2);
const out = resolve(outArg ?? 'screenshots');
mkdirSync(out, { recursive: true });

const pages = [
  { name: 'home', path: '/' },
  { name: 'lesson', path: LESSON.path },
  ...extraPaths.map((path) => ({ name: path.replace(/[^a-z0-9]+/gi, '-').replace(/^-|-$/g, '') || 'page', path })),
];
const viewports = [
  { name: 'desktop', ...DESKTOP },
  { name: 'phone', ...PHONE },
];

const server = await startPreview();
const browser = await launchBrowser();
try {
  for (const theme of ['light', 'dark']) {
    for (const viewport of viewports) {
      const context = await browser.newContext({ viewport: { width: viewport.width, height: viewport.height }, colorScheme: theme });
      const page = await context.newPage();
      for (const { name, path } of pages) {
        await page.goto(server.url + path);
        // Hydrate the islands (client:visible) before the picture.
        for (const island of await page.locator('astro-island').all()) await island.scrollIntoViewIfNeeded();
        await page.waitForFunction(() => document.querySelectorAll('astro-island[ssr]').length === 0, null, { timeout: 10_000 });
        await page.evaluate(() => window.scrollTo(0, 0));
        const file = `${out}/${name}-${theme}-${viewport.name}.png`;
        await page.screenshot({ path: file, fullPage: true });
        console.log(file);
      }
      await context.close();
    }
  }
} finally {
  await browser.close();
  server.stop();
}
