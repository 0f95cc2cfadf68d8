// The site in a real browser: home, lesson, sidebar, search, theme, progress, phone layout.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { DESKTOP, LESSON, PHONE, SHOTS, browser, openPage, url, useBrowser, waitForIsland } from './browser.mjs';
import { startStaticServer } from './static-server.mjs';
import { t } from '../../src/i18n/ui.ts';

useBrowser();

/** The page's horizontal overflow in CSS pixels (0 when nothing sticks out sideways). */
const overflowX = (page) => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);

describe('home page', () => {
  it('says what the site teaches and lists the lessons, none started yet', async () => {
    const page = await openPage(browser);
    await page.goto(url('/'));
    assert.equal(await page.title(), 'StatefulSet Lab');
    assert.match(await page.locator('.hero').innerText(), /StatefulSets/);
    await page.getByText('Who it is for', { exact: true }).waitFor();
    const lesson = page.locator(`[data-lesson="${LESSON.id}"]`);
    assert.equal(await lesson.locator('a').innerText(), LESSON.title);
    await waitForIsland(page, 'LessonList');
    assert.equal(await lesson.getAttribute('data-status'), 'not-started');
    assert.match(await page.getByTestId('progress-summary').innerText(), /^0 of \d+ lessons completed$/);
    assert.deepEqual(page.externalRequests, [], 'no request leaves the site');
    assert.deepEqual(page.consoleErrors, []);
    await page.context().close();
  });

  it('starts the first lesson from the hero button', async () => {
    const page = await openPage(browser);
    await page.goto(url('/'));
    await page.getByRole('link', { name: 'Start the first lesson' }).click();
    await page.waitForURL(url(LESSON.path));
    assert.equal(await page.locator('h1').innerText(), LESSON.title);
    await page.context().close();
  });
});

describe('lesson page', () => {
  it('shows objectives, a table of contents, a code block with a copy button and an aside', async () => {
    const page = await openPage(browser);
    await page.goto(url(LESSON.path));
    assert.match(await page.locator('.ssl-intro').innerText(), /What you will learn/);
    const toc = page.locator('starlight-toc nav');
    assert.ok((await toc.getByRole('link').count()) >= 3, 'ToC lists the lesson headings');
    await page.getByRole('heading', { name: 'A first StatefulSet' }).waitFor();
    const code = page.locator('.expressive-code').first();
    assert.match(await code.innerText(), /kind: StatefulSet/);
    assert.equal(await code.locator('.copy button').count(), 1, 'code block has a copy button');
    assert.ok((await page.locator('aside.starlight-aside').count()) >= 1, 'lesson has an aside');
    assert.deepEqual(page.externalRequests, []);
    assert.deepEqual(page.consoleErrors, []);
    await page.context().close();
  });

  it('hydrates the island only when it scrolls into view, then reacts to input', async () => {
    const page = await openPage(browser);
    await page.goto(url(LESSON.path));
    const names = page.locator('[data-island="statefulset-names"]');
    assert.equal(await page.locator('astro-island[component-url*="StatefulSetNames"][ssr]').count(), 1, 'not hydrated before it is seen');
    await waitForIsland(page, 'StatefulSetNames');
    assert.equal(await names.locator('tbody tr').count(), 3);
    await names.getByLabel('Replicas').fill('5');
    await names.getByLabel('StatefulSet name').fill('db');
    assert.equal(await names.locator('tbody tr').count(), 5);
    assert.equal(await names.locator('tbody tr').nth(4).innerText(), 'db-4\tdb-4.nginx.default.svc.cluster.local\twww-db-4');
    await names.getByLabel('StatefulSet name').fill('DB');
    assert.match(await names.getByRole('alert').innerText(), /lowercase/);
    // A StatefulSet name may start with a digit; a Service name (RFC 1035) may not.
    await names.getByLabel('StatefulSet name').fill('1db');
    assert.equal(await names.locator('tbody tr').nth(0).innerText(), '1db-0\t1db-0.nginx.default.svc.cluster.local\twww-1db-0');
    await names.getByLabel('Headless Service name').fill('1nginx');
    assert.match(await names.getByRole('alert').innerText(), /Service name must start with a letter/);
    await page.context().close();
  });

  it('links to the next page and back', async () => {
    const page = await openPage(browser);
    await page.goto(url(LESSON.path));
    const next = page.locator('.pagination-links a[rel="next"]');
    const target = await next.getAttribute('href');
    await next.click();
    await page.waitForURL(url(target));
    await page.locator('.pagination-links a[rel="prev"]').click();
    await page.waitForURL(url(LESSON.path));
    await page.context().close();
  });
});

describe('sidebar', () => {
  it('lists the lessons in order and leads from another page to a lesson', async () => {
    const page = await openPage(browser);
    await page.goto(url('/about/'));
    const sidebar = page.locator('#starlight__sidebar');
    await sidebar.getByRole('link', { name: LESSON.title }).click();
    await page.waitForURL(url(LESSON.path));
    const current = page.locator('#starlight__sidebar a[aria-current="page"]');
    assert.equal(await current.innerText(), LESSON.title);
    await page.context().close();
  });
});

describe('search', () => {
  it(`finds "${LESSON.searchWord}" in the lesson and lands on it`, async () => {
    const page = await openPage(browser);
    await page.goto(url('/about/'));
    await page.locator('button[data-open-modal]').click();
    const input = page.locator('#starlight__search input');
    await input.fill(LESSON.searchWord);
    // The result for the lesson (a sub-result may add #heading to the URL).
    const result = page.locator(`.pagefind-ui__result-link[href^="${LESSON.path}"]`).first();
    await result.waitFor({ timeout: 10_000 });
    await result.click();
    await page.waitForURL((u) => u.pathname === LESSON.path);
    assert.match(await page.locator('main').innerText(), new RegExp(LESSON.searchWord));
    assert.deepEqual(page.externalRequests, []);
    await page.context().close();
  });
});

describe('theme', () => {
  it('switches between dark and light and remembers the choice', async () => {
    const page = await openPage(browser);
    await page.goto(url(LESSON.path));
    assert.equal(await page.locator('html').getAttribute('data-theme'), 'light', 'follows the system (light) by default');
    const select = page.locator('header starlight-theme-select select');
    await select.selectOption('dark');
    assert.equal(await page.locator('html').getAttribute('data-theme'), 'dark');
    const darkBg = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    await page.reload();
    assert.equal(await page.locator('html').getAttribute('data-theme'), 'dark', 'kept after a reload');
    await page.goto(url('/'));
    assert.equal(await page.locator('html').getAttribute('data-theme'), 'dark', 'kept on another page');
    await page.locator('header starlight-theme-select select').selectOption('light');
    assert.equal(await page.locator('html').getAttribute('data-theme'), 'light');
    const lightBg = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    assert.notEqual(darkBg, lightBg);
    await page.context().close();
  });
});

describe('progress', () => {
  it('marks a lesson in progress when opened and completed on request, and shows it on the home page', async () => {
    const page = await openPage(browser);
    await page.goto(url(LESSON.path));
    await page.waitForFunction((id) => localStorage.getItem(`ssl:progress:${id}`) !== null, LESSON.id);
    await page.goto(url('/'));
    const item = page.locator(`[data-lesson="${LESSON.id}"]`);
    await waitForIsland(page, 'LessonList');
    await page.waitForFunction((id) => document.querySelector(`[data-lesson="${id}"]`)?.getAttribute('data-status') === 'in-progress', LESSON.id);

    await page.goto(url(LESSON.path));
    await waitForIsland(page, 'CompleteLesson');
    await page.getByRole('button', { name: 'Mark this lesson as complete' }).click();
    await page.getByRole('status').filter({ hasText: 'Lesson completed' }).waitFor();
    const stored = JSON.parse(await page.evaluate((id) => localStorage.getItem(`ssl:progress:${id}`), LESSON.id));
    assert.equal(stored.v, 1);
    assert.equal(stored.completed, true);

    await page.goto(url('/'));
    await waitForIsland(page, 'LessonList');
    await page.waitForFunction((id) => document.querySelector(`[data-lesson="${id}"]`)?.getAttribute('data-status') === 'completed', LESSON.id);
    assert.match(await page.getByTestId('progress-summary').innerText(), /^1 of \d+ lessons completed$/);
    await page.getByRole('button', { name: 'Reset progress' }).click();
    assert.equal(await item.getAttribute('data-status'), 'not-started');
    await page.context().close();
  });
});

describe('home page progress and quiz scores', () => {
  // What the lesson page, the quiz (src/components/quiz/saved.ts) and the lab store, as a learner
  // half-way through the course would have them: one lesson completed with its whole quiz right,
  // one with a quiz half answered, one only opened, the rest untouched.
  const saved = {
    'pets-and-cattle': { v: 1, visited: true, completed: true, quiz: { correct: 3, total: 4, answered: 4, completed: true, answers: {}, results: {} } },
    'stable-network-identity': { v: 1, visited: true, quiz: { correct: 1, total: 4, answered: 2, completed: false, answers: {}, results: {} }, lab: { goalsMet: 1, goalsTotal: 3 } },
    'volume-claim-templates': { v: 1, visited: true },
  };
  const seed = (page) => page.addInitScript((entries) => {
    for (const [id, value] of entries) localStorage.setItem(`ssl:progress:${id}`, JSON.stringify(value));
  }, Object.entries(saved));

  it('shows each lesson\'s status and quiz score, and keeps every stored field', async () => {
    const page = await openPage(browser);
    await seed(page);
    await page.goto(url('/'));
    await waitForIsland(page, 'LessonList');
    const lesson = (id) => page.locator(`[data-lesson="${id}"]`);
    await page.waitForFunction(() => document.querySelector('[data-lesson="pets-and-cattle"]')?.getAttribute('data-status') === 'completed');
    assert.equal(await lesson('stable-network-identity').getAttribute('data-status'), 'in-progress');
    assert.equal(await lesson('volume-claim-templates').getAttribute('data-status'), 'in-progress');
    assert.equal(await lesson(LESSON.id).getAttribute('data-status'), 'not-started');
    const score = (id) => lesson(id).getByTestId('quiz-score');
    assert.equal(await score('pets-and-cattle').locator('[aria-hidden="true"]').innerText(), t('progress.quiz', { correct: 3, total: 4 }));
    assert.equal(await score('stable-network-identity').locator('[aria-hidden="true"]').innerText(), t('progress.quiz', { correct: 1, total: 4 }));
    // Screen readers hear the whole sentence, including how many questions are still open.
    assert.equal(await score('stable-network-identity').locator('.ssl-lessons__sr').textContent(), t('progress.quizLabel', { correct: 1, total: 4, answered: 2 }));
    assert.equal(await score('volume-claim-templates').count(), 0, 'no score before a question is checked');
    assert.match(await page.getByTestId('progress-summary').innerText(), /^1 of \d+ lessons completed$/);
    // Reading progress writes nothing: every field the lesson, quiz and lab stored is still there.
    for (const [id, value] of Object.entries(saved)) {
      assert.deepEqual(await page.evaluate((k) => JSON.parse(localStorage.getItem(k)), `ssl:progress:${id}`), value, id);
    }
    // Resetting the progress takes the scores away too.
    await page.getByRole('button', { name: t('home.progress.reset') }).click();
    assert.equal(await page.getByTestId('quiz-score').count(), 0);
    assert.deepEqual(page.consoleErrors, []);
    await page.context().close();
  });

  for (const [viewport, width] of [
    [PHONE, 390],
    [DESKTOP, 1280],
  ]) {
    for (const scheme of ['light', 'dark']) {
      it(`looks right at ${width} px in ${scheme} mode (screenshot, no overflow)`, async () => {
        const page = await openPage(browser, viewport, { colorScheme: scheme });
        await seed(page);
        await page.goto(url('/'));
        await waitForIsland(page, 'LessonList');
        await page.waitForFunction(() => document.querySelectorAll('[data-testid="quiz-score"]').length === 2);
        assert.ok((await overflowX(page)) <= 0, `the home page overflows by ${await overflowX(page)}px`);
        await page.locator('#lessons').evaluate((el) => {
          el.scrollIntoView({ block: 'start' });
          window.scrollBy(0, -70);
        });
        await page.waitForTimeout(200);
        await page.screenshot({ path: `${SHOTS}home-${width}-${scheme}-progress.png` });
        await page.context().close();
      });
    }
  }
});

describe('phone width', () => {
  it('fits the home page and the lesson without sideways scrolling', async () => {
    const page = await openPage(browser, PHONE);
    for (const path of ['/', LESSON.path, '/about/']) {
      await page.goto(url(path));
      assert.ok((await overflowX(page)) <= 0, `${path} overflows by ${await overflowX(page)}px`);
    }
    await page.context().close();
  });

  it('opens the menu to reach the lessons', async () => {
    const page = await openPage(browser, PHONE);
    await page.goto(url('/about/'));
    const sidebarLink = page.locator('#starlight__sidebar').getByRole('link', { name: LESSON.title });
    assert.equal(await sidebarLink.isVisible(), false, 'sidebar hidden behind the menu');
    await page.locator('button.sl-menu-button').click();
    await sidebarLink.click();
    await page.waitForURL(url(LESSON.path));
    await page.context().close();
  });

  it('keeps the desktop layout with a visible sidebar at desktop width', async () => {
    const page = await openPage(browser, DESKTOP);
    await page.goto(url(LESSON.path));
    assert.equal(await page.locator('#starlight__sidebar').getByRole('link', { name: LESSON.title }).isVisible(), true);
    assert.ok((await overflowX(page)) <= 0);
    await page.context().close();
  });
});

describe('static hosting', () => {
  it('works from a plain static file server: pages, islands and search', async () => {
    const server = await startStaticServer();
    const page = await openPage(browser, DESKTOP, { origin: server.url });
    try {
      await page.goto(server.url + LESSON.path);
      await waitForIsland(page, 'StatefulSetNames');
      await page.locator('button[data-open-modal]').click();
      await page.locator('#starlight__search input').fill(LESSON.searchWord);
      await page.locator(`.pagefind-ui__result-link[href^="${LESSON.path}"]`).first().waitFor({ timeout: 10_000 });
      const missing = await page.goto(server.url + '/no-such-page/');
      assert.equal(missing.status(), 404);
      assert.equal(await page.locator('h1').innerText(), 'Page not found');
      assert.deepEqual(page.externalRequests, []);
      assert.deepEqual(page.consoleErrors.filter((e) => !/404/.test(e)), []);
    } finally {
      await page.context().close();
      await server.close();
    }
  });
});

describe('sitemap', () => {
  it('lists every lesson and leaves out the noindex test pages under /dev/', async () => {
    const xml = await (await fetch(url('/sitemap-0.xml'))).text();
    const pages = [...xml.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => new URL(m[1]).pathname);
    assert.ok(pages.includes(LESSON.path), `${LESSON.path} is in the sitemap`);
    assert.deepEqual(pages.filter((p) => p.startsWith('/dev/')), []);
  });
});
