// axe-core on every page of the built site (every dist/**/*.html), in light and dark theme at
// desktop width and at phone width: no serious or critical violation is allowed.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DESKTOP, PHONE, browser, openPage, seriousA11yViolations, url, useBrowser } from './browser.mjs';

const dist = fileURLToPath(new URL('../../dist/', import.meta.url));

/** Site paths of the built pages: dist/a/b/index.html → /a/b/, dist/404.html → /404.html. */
function builtPages(dir = dist) {
  const pages = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (!['_astro', 'pagefind'].includes(entry.name)) pages.push(...builtPages(full));
    } else if (entry.name.endsWith('.html')) {
      const rel = relative(dist, full).split(sep).join('/');
      pages.push('/' + (rel === 'index.html' ? '' : rel.replace(/(^|\/)index\.html$/, '$1')));
    }
  }
  return pages.sort();
}

const pages = builtPages();
const variants = [
  { name: 'light, desktop', viewport: DESKTOP, colorScheme: 'light' },
  { name: 'dark, desktop', viewport: DESKTOP, colorScheme: 'dark' },
  { name: 'light, phone', viewport: PHONE, colorScheme: 'light' },
];

useBrowser();

describe('accessibility (axe-core)', () => {
  it('finds the built pages', () => assert.ok(pages.length >= 3, `pages: ${pages.join(', ')}`));

  for (const path of pages) {
    for (const variant of variants) {
      it(`${path} (${variant.name}) has no serious or critical violations`, async () => {
        const page = await openPage(browser, variant.viewport, { colorScheme: variant.colorScheme });
        await page.goto(url(path));
        // Hydrate every island so its real markup is checked.
        // client:visible islands hydrate only if they are on screen when the IntersectionObserver
        // looks, so stay on each one until it has hydrated before scrolling to the next. An island
        // above can grow as it hydrates and push this one off screen before the observer looks:
        // the wait brings it back into view every 200 ms, and gives up after 20 s (the check
        // below then names it) rather than hang the run.
        for (const island of await page.locator('astro-island').all()) {
          await island.evaluate((el) => new Promise((resolve) => {
            const started = Date.now();
            const check = () => {
              if (!el.hasAttribute('ssr') || Date.now() - started > 20_000) return resolve(undefined);
              (el.firstElementChild ?? el).scrollIntoView({ block: 'center' });
              setTimeout(check, 200);
            };
            check();
          }));
        }
        const unhydrated = await page.evaluate(() => [...document.querySelectorAll('astro-island[ssr]')].map((el) => el.getAttribute('component-url')));
        assert.deepEqual(unhydrated, [], 'islands that did not hydrate');
        await page.evaluate(() => window.scrollTo(0, 0));
        assert.deepEqual(await seriousA11yViolations(page), []);
        await page.context().close();
      });
    }
  }
});
