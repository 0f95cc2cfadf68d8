// When the lab's code does not arrive (offline after the page loaded, or a new version of the
// site replaced the files), the panel says so instead of "Starting…" for ever, and offers a
// reload; with the files back, the reload starts the lab (src/components/lab/Lab.tsx, LabApp.tsx).
//   SSL_BASE_URL=http://127.0.0.1:4321 node --test tests/e2e/lab-load-error.test.mjs
// Screenshots go to test-results/lab-load-error-*.png.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { DESKTOP, LESSON, SHOTS, browser, openPage, url, useBrowser, waitForText } from './browser.mjs';

useBrowser();

const scrollToLab = (page) => page.locator('astro-island[component-url*="/Lab."]').first().evaluate((island) => (island.firstElementChild ?? island).scrollIntoView({ block: 'center' }));

describe('the lab when its code cannot load', () => {
  for (const [what, pattern] of [
    ['the simulator (its Web Worker)', /\/_astro\/worker[^/]*\.js$/],
    ['the panel (LabApp)', /\/_astro\/LabApp[^/]*\.js$/],
  ]) {
    it(`says so and offers a reload when ${what} does not arrive`, async () => {
      const page = await openPage(browser, DESKTOP);
      await page.route(pattern, (route) => route.abort());
      await page.goto(url(LESSON.path));
      await scrollToLab(page);
      const alert = page.locator('.ssl-lab [role="alert"]');
      await alert.waitFor({ timeout: 20_000 });
      assert.match(await alert.innerText(), /The lab could not (start|load)/);
      assert.equal(await page.locator('.ssl-lab[aria-busy="true"]').count(), 0, 'not announced as still loading');
      await page.locator('.ssl-lab').first().screenshot({ path: `${SHOTS}lab-load-error-${what.split(' ')[1]}.png` });
      // The files are back: the button reloads and the lab starts.
      await page.unroute(pattern);
      await page.getByRole('button', { name: 'Reload the page to try again' }).click();
      await page.waitForLoadState('load');
      await scrollToLab(page);
      await page.waitForSelector('html[data-lab-ready]', { timeout: 20_000 });
      await waitForText(page, /\$ $/m);
      await page.context().close();
    });
  }
});
