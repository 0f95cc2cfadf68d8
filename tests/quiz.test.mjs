// The quiz island in a real browser (Debian's Chromium through playwright-core): the closing quiz
// page is answered with the keyboard only, one answer wrong first; every check shows its
// explanation; the answers survive a reload; the home page shows the lesson completed.
//   node --test tests/quiz.test.mjs            (serves ./dist itself; build first)
//   SSL_BASE_URL=http://127.0.0.1:4321 node --test tests/quiz.test.mjs
// Screenshots go to test-results/quiz-*.png (390 and 1280 px, light and dark).
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { parse } from 'yaml';
import { DESKTOP, PHONE, launchBrowser, openPage, waitForIsland } from './e2e/browser.mjs';
import { startStaticServer } from './e2e/static-server.mjs';

const require = createRequire(import.meta.url);
const LESSON = 'headless-services-quiz';
const PAGE = `/lessons/${LESSON}/`;
const quiz = parse(readFileSync(new URL(`../content/${LESSON}/quiz.yaml`, import.meta.url), 'utf8'));
const shots = new URL('../test-results/', import.meta.url).pathname;
mkdirSync(shots, { recursive: true });

let browser;
let server;
let base = process.env.SSL_BASE_URL?.replace(/\/$/, '');
before(async () => {
  if (!base) {
    server = await startStaticServer();
    base = server.url;
  }
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await server?.close();
});

/** Opens the quiz page and waits until the quiz has hydrated and read the saved progress. */
async function openQuiz(viewport = DESKTOP, colorScheme = 'light') {
  const page = await openPage(browser, viewport, { origin: base, colorScheme });
  await page.goto(base + PAGE);
  await waitForIsland(page, '/Quiz.');
  await page.waitForSelector('.ssl-quiz[data-loaded="true"]');
  return page;
}

const form = (page, q) => page.locator(`form.ssl-quiz__q[id$="-${q.id}"]`);
const rightIndexes = (q) => q.choices.map((c, i) => (typeof c === 'object' && c.correct ? i : -1)).filter((i) => i >= 0);
const focused = (page) => page.evaluate(() => document.activeElement?.outerHTML.slice(0, 120) ?? '');

/** Presses Tab until the focused element is inside `q`'s form and matches `selector`. */
async function tabInto(page, q, selector) {
  for (let i = 0; i < 12; i++) {
    const inside = await form(page, q).evaluate((f, sel) => f.contains(document.activeElement) && document.activeElement.matches(sel), selector);
    if (inside) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`Tab never reached ${selector} in question ${q.id}; focus is on ${await focused(page)}`);
}

/** Answers question `q` with the keyboard (focus starts before it) and checks the answer. */
async function answer(page, q, typed) {
  const kind = q.kind === 'predict' ? (q.choices ? 'single' : 'short') : q.kind;
  if (kind === 'single') {
    await tabInto(page, q, 'input[type=radio]');
    const [right] = rightIndexes(q);
    if (right === 0) await page.keyboard.press('Space');
    for (let i = 0; i < right; i++) await page.keyboard.press('ArrowDown');
    await tabInto(page, q, 'button[type=submit]');
    await page.keyboard.press('Enter');
  } else if (kind === 'multiple') {
    const right = rightIndexes(q);
    await tabInto(page, q, 'input[type=checkbox]');
    for (let i = 0; i < q.choices.length; i++) {
      if (right.includes(i)) await page.keyboard.press('Space');
      await page.keyboard.press('Tab');
    }
    await tabInto(page, q, 'button[type=submit]');
    await page.keyboard.press('Enter');
  } else if (kind === 'short') {
    await tabInto(page, q, 'input[type=text]');
    await page.keyboard.press('Control+A');
    await page.keyboard.type(typed ?? q.answers[0]);
    await page.keyboard.press('Enter');
  } else if (kind === 'order') {
    // Selection sort with the Move up buttons: bring item p to position p, pressing Enter on the
    // moving item's button; the focus must stay on that item as it climbs.
    await tabInto(page, q, 'button');
    for (let p = 0; p < q.items.length; p++) {
      const items = () => form(page, q).locator('.ssl-quiz__order > li');
      const ids = await items().evaluateAll((lis) => lis.map((li) => Number(li.dataset.item)));
      let at = ids.indexOf(p);
      if (at === p) continue;
      await items().nth(at).getByRole('button', { name: /^Move up/ }).focus();
      while (at > p) {
        await page.keyboard.press('Enter');
        at--;
        await page
          .waitForFunction((want) => document.activeElement?.closest('li')?.dataset.item === want, String(p), { timeout: 2000 })
          .catch(async () => assert.fail(`focus left the moved item ${p} of ${q.id}: ${await focused(page)}`));
      }
    }
    assert.match(await form(page, q).locator('.ssl-quiz__sr').innerText(), /position \d of \d/);
    await tabInto(page, q, 'button[type=submit]');
    await page.keyboard.press('Enter');
  }
}

async function expectChecked(page, q, right) {
  const f = form(page, q);
  await f.and(page.locator(`[data-state="${right ? 'right' : 'wrong'}"]`)).waitFor({ timeout: 5000 });
  assert.equal(await f.getAttribute('data-state'), right ? 'right' : 'wrong', q.id);
  assert.equal(await f.locator('.ssl-quiz__verdict').innerText(), right ? 'Right.' : 'Not quite.');
  const explanation = await f.locator('.ssl-quiz__explanation').innerText();
  assert.ok(explanation.length > 40, `${q.id} shows its explanation`);
  if (q.kind === 'predict') assert.match(await f.locator('.ssl-quiz__output').innerText(), new RegExp(escape(q.output.split('\n').at(-1))));
}

const escape = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Runs axe-core on the quiz only (the rest of the page is not this test's business). */
async function quizA11y(page) {
  await page.addScriptTag({ path: require.resolve('axe-core/axe.min.js') });
  const result = await page.evaluate(() => window.axe.run('.ssl-quiz', { resultTypes: ['violations'] }));
  return result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

async function shot(page, name, q) {
  await form(page, q).evaluate((el) => {
    el.scrollIntoView({ block: 'start' });
    window.scrollBy(0, -80);
  });
  await page.waitForTimeout(200);
  await page.screenshot({ path: `${shots}quiz-${name}.png` });
}

describe('the quiz', () => {
  it('is answered by keyboard, explains every answer, keeps the answers across a reload and shows on the home page', async () => {
    const page = await openQuiz();
    assert.equal(await page.locator('astro-island[component-url*="/Quiz."]').getAttribute('client'), 'visible');
    const questions = quiz.questions;
    assert.ok(questions.length >= 8 && questions.length <= 10, 'eight to ten questions');
    assert.deepEqual(new Set(questions.map((q) => q.kind)), new Set(['single', 'multiple', 'order', 'short', 'predict']));

    // Nothing to check yet: the check button asks for an answer instead.
    const first = questions[0];
    await form(page, first).locator('button[type=submit]').focus();
    await page.keyboard.press('Enter');
    assert.equal(await form(page, first).locator('.ssl-quiz__verdict').innerText(), 'Choose or type an answer first.');

    // Focus starts at the quiz; from there on only the keyboard is used.
    await page.locator('.ssl-quiz__intro').evaluate((el) => {
      el.tabIndex = -1;
      el.focus();
    });
    const short = questions.find((q) => q.kind === 'short');
    for (const q of questions) {
      if (q === short) {
        // A wrong answer first: "Not quite.", the accepted answer, the explanation; then try again.
        await answer(page, q, 'web-2.nginx');
        await expectChecked(page, q, false);
        assert.match(await form(page, q).locator('.ssl-quiz__feedback').innerText(), new RegExp(`Accepted answer: ${escape(q.answers[0])}`));
        // Enter in the field checked it; the focus stays there, the next Tab reaches "Try again".
        await page.keyboard.press('Tab');
        assert.equal(await page.evaluate(() => document.activeElement?.textContent), 'Try again');
        await page.keyboard.press('Enter');
        assert.equal(await form(page, q).getAttribute('data-state'), 'open');
        assert.equal(await page.evaluate(() => document.activeElement?.textContent), 'Check answer', 'focus stays on the button');
        await page.keyboard.press('Shift+Tab');
        // Capitals, spaces and a trailing dot are forgiven.
        await answer(page, q, `  ${q.answers[0].toUpperCase()}. `);
      } else await answer(page, q);
      await expectChecked(page, q, true);
    }
    const total = questions.length;
    assert.equal(await page.getByTestId('quiz-summary').innerText(), `Quiz complete: ${total} of ${total} right.`);
    assert.deepEqual(await quizA11y(page), []);

    const stored = await page.evaluate((id) => JSON.parse(localStorage.getItem(`ssl:progress:${id}`)), LESSON);
    assert.equal(stored.completed, true);
    assert.deepEqual({ correct: stored.quiz.correct, total: stored.quiz.total, completed: stored.quiz.completed }, { correct: total, total, completed: true });

    // Reload: every answer, mark and explanation is back.
    await page.reload();
    await waitForIsland(page, '/Quiz.');
    await page.waitForSelector('.ssl-quiz[data-loaded="true"]');
    assert.equal(await page.locator('form.ssl-quiz__q[data-state="right"]').count(), total);
    assert.equal(await page.getByTestId('quiz-summary').innerText(), `Quiz complete: ${total} of ${total} right.`);
    assert.equal(await form(page, short).locator('input').inputValue(), `  ${short.answers[0].toUpperCase()}. `);
    assert.ok(await form(page, short).locator('.ssl-quiz__explanation').isVisible());

    // The home page lists the quiz page as completed.
    await page.goto(base + '/');
    await waitForIsland(page, 'LessonList');
    await page.waitForFunction((id) => document.querySelector(`[data-lesson="${id}"]`)?.getAttribute('data-status') === 'completed', LESSON);
    assert.deepEqual(page.externalRequests, [], 'no request leaves the site');
    assert.deepEqual(page.consoleErrors, []);
    await page.context().close();
  });

  it('starts again from scratch with the reset button', async () => {
    const page = await openQuiz();
    const q = quiz.questions[0];
    await form(page, q).locator('input[type=radio]').first().focus();
    await page.keyboard.press('Space');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await expectChecked(page, q, rightIndexes(q)[0] === 0);
    await page.getByRole('button', { name: 'Start the quiz again' }).click();
    assert.equal(await form(page, q).getAttribute('data-state'), 'open');
    assert.equal(await page.locator('input[type=radio]:checked').count(), 0);
    const stored = await page.evaluate((id) => JSON.parse(localStorage.getItem(`ssl:progress:${id}`)), LESSON);
    assert.equal(stored.quiz.answered, 0);
    await page.context().close();
  });

  for (const [viewport, width] of [
    [PHONE, 390],
    [DESKTOP, 1280],
  ]) {
    for (const scheme of ['light', 'dark']) {
      it(`looks right at ${width} px in ${scheme} mode (screenshots, no overflow, no axe violations)`, async () => {
        const page = await openQuiz(viewport, scheme);
        const order = quiz.questions.find((q) => q.kind === 'order');
        const predict = quiz.questions.find((q) => q.kind === 'predict' && q.choices);
        const multiple = quiz.questions.find((q) => q.kind === 'multiple');
        // One checked wrong (multiple: only the first right choice), one checked right, one open.
        const m = form(page, multiple);
        await m.locator('input[type=checkbox]').nth(rightIndexes(multiple)[0]).check();
        await m.locator('button[type=submit]').click();
        await expectChecked(page, multiple, false);
        const p = form(page, predict);
        await p.locator('input[type=radio]').nth(rightIndexes(predict)[0]).check();
        await p.locator('button[type=submit]').click();
        await expectChecked(page, predict, true);
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        assert.ok(overflow <= 0, `the page scrolls sideways by ${overflow} px`);
        const buttons = await form(page, order).locator('.ssl-quiz__moves button').evaluateAll((bs) => bs.map((b) => b.getBoundingClientRect().width));
        assert.ok(buttons.every((w) => w >= 36), 'move buttons are big enough to tap');
        assert.deepEqual(await quizA11y(page), []);
        await shot(page, `${width}-${scheme}-predict`, predict);
        await shot(page, `${width}-${scheme}-multiple`, multiple);
        await shot(page, `${width}-${scheme}-order`, order);
        assert.deepEqual(page.consoleErrors, []);
        await page.context().close();
      });
    }
  }
});
