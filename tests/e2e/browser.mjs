// Shared setup for the browser tests: Debian's Chromium driven by playwright-core (no browser
// download), the site under test served by `astro preview` (tests/run-e2e.mjs sets SSL_BASE_URL).
import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { after, before } from 'node:test';
import { chromium } from 'playwright-core';

const require = createRequire(import.meta.url);

export const BASE_URL = (process.env.SSL_BASE_URL ?? 'http://127.0.0.1:4321').replace(/\/$/, '');

export const DESKTOP = { width: 1280, height: 800 };
export const PHONE = { width: 390, height: 844 };

/** The placeholder lesson that proves the pipeline (content/what-is-a-statefulset/index.mdx). */
export const LESSON = {
  id: 'what-is-a-statefulset',
  path: '/lessons/what-is-a-statefulset/',
  title: 'What a StatefulSet is',
  /** A word that appears in this lesson and on no other page of the site. */
  searchWord: 'predecessor',
};

function chromiumPath() {
  if (process.env.CHROMIUM_PATH) return process.env.CHROMIUM_PATH;
  try {
    return execFileSync('sh', ['-c', 'command -v chromium || command -v chromium-browser'], { encoding: 'utf8' }).trim();
  } catch {
    throw new Error('chromium not found on PATH (apt-get install chromium, or set CHROMIUM_PATH)');
  }
}

/**
 * Headless Chromium. playwright-core's launch() gives every browser a fresh temporary profile
 * (its own --user-data-dir), so no state leaks between runs.
 */
export function launchBrowser() {
  return chromium.launch({
    executablePath: chromiumPath(),
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/**
 * The browser of the test file that called useBrowser() (each test file runs in its own
 * process): launched before the file's tests, closed after them. A live binding: read it inside
 * tests, not at import time.
 */
export let browser;

export function useBrowser() {
  before(async () => {
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
  });
}

/** Where tests leave screenshots for a person to look at (test-results/ in the repository). */
export const SHOTS = new URL('../../test-results/', import.meta.url).pathname;
mkdirSync(SHOTS, { recursive: true });

/**
 * A new page at the given viewport whose requests may only go to the site under test; anything
 * else (CDN fonts, analytics) is blocked and recorded in `page.externalRequests`.
 * options: { colorScheme: 'light' | 'dark', origin: the site's origin if not BASE_URL }
 */
export async function openPage(browser, viewport = DESKTOP, options = {}) {
  const context = await browser.newContext({ viewport, colorScheme: options.colorScheme ?? 'light' });
  const page = await context.newPage();
  page.externalRequests = [];
  page.consoleErrors = [];
  const origin = options.origin ?? BASE_URL;
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (url.startsWith(origin + '/') || url === origin || url.startsWith('data:')) return route.continue();
    page.externalRequests.push(url);
    return route.abort();
  });
  page.on('console', (msg) => {
    if (msg.type() === 'error') page.consoleErrors.push(msg.text());
  });
  page.on('pageerror', (err) => page.consoleErrors.push(String(err)));
  return page;
}

export function url(path) {
  return BASE_URL + path;
}

/** Waits until the Astro island rendering `componentName` has hydrated. */
export async function waitForIsland(page, componentName) {
  const island = page.locator(`astro-island[component-url*="${componentName}"]`);
  await island.scrollIntoViewIfNeeded();
  await page.waitForFunction(
    (name) => {
      const el = document.querySelector(`astro-island[component-url*="${name}"]`);
      return el && !el.hasAttribute('ssr');
    },
    componentName,
    { timeout: 10_000 },
  );
  return island;
}

/** Runs axe-core on the page; returns the serious and critical violations. */
export async function seriousA11yViolations(page) {
  await page.addScriptTag({ path: require.resolve('axe-core/axe.min.js') });
  const result = await page.evaluate(() =>
    // @ts-ignore axe is injected above
    window.axe.run(document, { resultTypes: ['violations'] }),
  );
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.impact} ${v.id}: ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).slice(0, 5).join(', ')}`);
}

/** Opens a lesson page, scrolls its lab into view (which starts it) and waits for the terminal's prompt. */
export async function openLab(page, path = LESSON.path) {
  await page.goto(url(path));
  const lab = page.locator('astro-island[component-url*="/Lab."]').first();
  await lab.evaluate((island) => (island.firstElementChild ?? island).scrollIntoView({ block: 'center' }));
  await page.waitForSelector('html[data-lab-ready]', { timeout: 20_000 });
  await waitForText(page, /\$ $/m);
}

/** What the lab's terminal shows (its buffer as text; window.__lab is set once the prompt is usable). */
export const termText = (page) => page.evaluate(() => window.__lab.text());

/** Waits until the lab's terminal text matches `re`; on time-out the error shows its last lines. */
export async function waitForText(page, re, timeout = 20_000) {
  const start = Date.now();
  for (;;) {
    const t = await termText(page);
    if (re.test(t)) return t;
    if (Date.now() - start > timeout) throw new Error(`terminal never showed ${re}; it shows:\n${t.slice(-1500)}`);
    await page.waitForTimeout(100);
  }
}
