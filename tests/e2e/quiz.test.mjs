// The quiz island in a real browser, keyboard only, as a learner uses it: every kind of question
// (single and multiple choice, ordering, short answer, predict the output, picked and typed) is
// answered, one answer wrong first; every check explains itself; "Next question" moves on; a
// predicted command can be sent to the lab; the answers survive a reload; the home page shows
// the lesson completed with its quiz score.
//   node tests/run-e2e.mjs                                   (all browser tests)
//   SSL_BASE_URL=http://127.0.0.1:4321 node --test tests/e2e/quiz.test.mjs
// Screenshots go to test-results/quiz-*.png (390 and 1280 px, light and dark, mid-way and finished).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { parse } from 'yaml';
import { DESKTOP, PHONE, SHOTS, browser, openPage, url, useBrowser, waitForIsland } from './browser.mjs';
import { t } from '../../src/i18n/ui.ts';
import { parseInline } from '../../src/components/quiz/text.ts';

const require = createRequire(import.meta.url);
const LESSON = 'headless-services-quiz';
const PAGE = `/lessons/${LESSON}/`;
const content = new URL('../../content/', import.meta.url);
const readQuiz = (id) => parse(readFileSync(new URL(`${id}/quiz.yaml`, content), 'utf8'));
const quiz = readQuiz(LESSON);
/** Every lesson with a quiz.yaml. */
const quizLessons = readdirSync(content).filter((id) => existsSync(new URL(`${id}/quiz.yaml`, content)));

useBrowser();

/** Opens the quiz page and waits until the quiz has hydrated and read the saved progress. */
async function openQuiz(viewport = DESKTOP, colorScheme = 'light', { saved } = {}) {
  const page = await openPage(browser, viewport, { colorScheme });
  if (saved) await page.addInitScript(([key, value]) => localStorage.setItem(key, value), [`ssl:progress:${LESSON}`, JSON.stringify(saved)]);
  await page.goto(url(PAGE));
  await waitForIsland(page, '/Quiz.');
  await page.waitForSelector('.ssl-quiz[data-loaded="true"]');
  return page;
}

const form = (page, q) => page.locator(`form.ssl-quiz__q[id$="-${q.id}"]`);
const rightIndexes = (q) => q.choices.map((c, i) => (typeof c === 'object' && c.correct ? i : -1)).filter((i) => i >= 0);
const focused = (page) => page.evaluate(() => document.activeElement?.outerHTML.slice(0, 120) ?? '');
const plain = (s) => parseInline(s).map((tok) => tok.text).join('');
const escape = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const stored = (page, lesson = LESSON) => page.evaluate((id) => JSON.parse(localStorage.getItem(`ssl:progress:${id}`)), lesson);

/** Whether the focus is inside `q`'s form, on an element matching `selector`. */
const focusIn = (page, q, selector) => form(page, q).evaluate((f, sel) => f.contains(document.activeElement) && document.activeElement.matches(sel), selector);

/** Presses Tab (or Shift+Tab) until the focused element is inside `q`'s form and matches `selector`. */
async function tabInto(page, q, selector, key = 'Tab') {
  for (let i = 0; i < 16; i++) {
    if (await focusIn(page, q, selector)) return;
    await page.keyboard.press(key);
  }
  throw new Error(`${key} never reached ${selector} in question ${q.id}; focus is on ${await focused(page)}`);
}

/** The items of an order question as they stand, by their index in the right order. */
const orderNow = (page, q) => form(page, q).locator('.ssl-quiz__order > li').evaluateAll((lis) => lis.map((li) => Number(li.dataset.item)));

/** Presses a Move button of item `item` (reached with Tab / Shift+Tab) and checks the focus stayed on that item. */
async function moveWithKeyboard(page, q, item, dir) {
  const label = t(dir === 'up' ? 'quiz.moveUp' : 'quiz.moveDown', { item: plain(q.items[item]) });
  const before = await orderNow(page, q);
  const key = (await form(page, q).getByRole('button', { name: label, exact: true }).evaluate((b) => b.compareDocumentPosition(document.activeElement) & Node.DOCUMENT_POSITION_FOLLOWING)) ? 'Shift+Tab' : 'Tab';
  await tabInto(page, q, `button[aria-label="${label.replace(/"/g, '\\"')}"]`, key);
  await page.keyboard.press('Enter');
  const at = before.indexOf(item) + (dir === 'up' ? -1 : 1);
  await page
    .waitForFunction((want) => document.activeElement?.closest('li')?.dataset.item === want, String(item), { timeout: 2000 })
    .catch(async () => assert.fail(`focus left the moved item ${item} of ${q.id}: ${await focused(page)}`));
  assert.equal((await orderNow(page, q)).indexOf(item), at, `${q.id}: item ${item} moved ${dir}`);
  // The move is announced to screen readers through the aria-live region.
  assert.equal(await form(page, q).locator('.ssl-quiz__sr[aria-live="polite"]').innerText(), t('quiz.moved', { item: plain(q.items[item]), position: at + 1, total: q.items.length }));
}

/** Answers question `q` with the keyboard (the focus is in its form or before it) and checks the answer. */
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
    // First a move down (the top item goes one place lower), then a selection sort with Move up.
    await tabInto(page, q, 'button');
    await moveWithKeyboard(page, q, (await orderNow(page, q))[0], 'down');
    for (let p = 0; p < q.items.length; p++) {
      while ((await orderNow(page, q)).indexOf(p) > p) await moveWithKeyboard(page, q, p, 'up');
    }
    await tabInto(page, q, 'button[type=submit]');
    await page.keyboard.press('Enter');
  }
}

async function expectChecked(page, q, right) {
  const f = form(page, q);
  await f.and(page.locator(`[data-state="${right ? 'right' : 'wrong'}"]`)).waitFor({ timeout: 5000 });
  assert.equal(await f.locator('.ssl-quiz__verdict').innerText(), right ? t('quiz.right') : t('quiz.wrong'));
  const explanation = await f.locator('.ssl-quiz__explanation').innerText();
  assert.ok(explanation.length > 40, `${q.id} shows its explanation`);
  if (q.kind === 'predict') assert.match(await f.locator('.ssl-quiz__output').innerText(), new RegExp(escape(q.output.trimEnd().split('\n').at(-1))));
}

/** From a checked question, Tab to "Next question", press it: the focus must land in the next question. */
async function nextQuestion(page, q, next) {
  await tabInto(page, q, 'button.ssl-quiz__next');
  assert.equal(await page.evaluate(() => document.activeElement?.textContent), t('quiz.next'));
  await page.keyboard.press('Enter');
  assert.ok(await focusIn(page, next, 'input, button'), `"Next question" after ${q.id} moves the focus into ${next.id}; it is on ${await focused(page)}`);
}

/** Every question's right answer, in the shape the quiz saves (src/components/quiz/answers.ts). */
function rightAnswers() {
  const answers = {};
  for (const q of quiz.questions) {
    if (q.kind === 'single' || (q.kind === 'predict' && q.choices)) answers[q.id] = rightIndexes(q)[0];
    else if (q.kind === 'multiple') answers[q.id] = rightIndexes(q);
    else if (q.kind === 'order') answers[q.id] = q.items.map((_, i) => i);
    else answers[q.id] = q.answers[0];
  }
  return answers;
}

/** Runs axe-core on the quiz only (the rest of the page is not this test's business). */
async function quizA11y(page) {
  await page.addScriptTag({ path: require.resolve('axe-core/axe.min.js') });
  const result = await page.evaluate(() => window.axe.run('.ssl-quiz', { resultTypes: ['violations'] }));
  return result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

/** Screenshot with `locator` at the top of the window (or, with `block: 'end'`, at its bottom). */
async function shot(page, name, locator, block = 'start') {
  await locator.evaluate((el, at) => {
    el.scrollIntoView({ block: at });
    window.scrollBy(0, at === 'start' ? -80 : 40);
  }, block);
  await page.waitForTimeout(200);
  await page.screenshot({ path: `${SHOTS}quiz-${name}.png` });
}

/** Records every "run in the lab" request the page sends, and whether a lab took it. */
async function recordLabRuns(page, { takeThem = false } = {}) {
  await page.evaluate((take) => {
    window.__labRuns = [];
    addEventListener('ssl:lab-run', (e) => {
      if (take) e.preventDefault(); // a stand-in for a lab that runs the command
      window.__labRuns.push(e);
    });
  }, takeThem);
  return () => page.evaluate(() => window.__labRuns.map((e) => ({ command: e.detail.command, taken: e.defaultPrevented })));
}

describe('the quiz', () => {
  it('is answered by keyboard, explains every answer, keeps the answers across a reload and shows on the home page', async () => {
    const page = await openQuiz();
    assert.equal(await page.locator('astro-island[component-url*="/Quiz."]').getAttribute('client'), 'visible');
    const questions = quiz.questions;
    assert.ok(questions.length >= 8 && questions.length <= 10, 'eight to ten questions');
    const kinds = questions.map((q) => (q.kind === 'predict' ? (q.choices ? 'predict-pick' : 'predict-type') : q.kind));
    assert.deepEqual(new Set(kinds), new Set(['single', 'multiple', 'order', 'short', 'predict-pick', 'predict-type']), 'every kind of question is on the page');

    // Nothing to check yet: the check button asks for an answer instead.
    const first = questions[0];
    await form(page, first).locator('button[type=submit]').focus();
    await page.keyboard.press('Enter');
    assert.equal(await form(page, first).locator('.ssl-quiz__verdict').innerText(), t('quiz.needAnswer'));

    // Focus starts at the quiz; from there on only the keyboard is used.
    await page.locator('.ssl-quiz__intro').evaluate((el) => {
      el.tabIndex = -1;
      el.focus();
    });
    const short = questions.find((q) => q.kind === 'short');
    for (const [i, q] of questions.entries()) {
      if (q === short) {
        // A wrong answer first: "Not quite.", the accepted answer, the explanation; then try again.
        await answer(page, q, 'web-2.nginx');
        await expectChecked(page, q, false);
        assert.match(await form(page, q).locator('.ssl-quiz__feedback').innerText(), new RegExp(`${escape(t('quiz.accepted'))} ${escape(q.answers[0])}`));
        // Enter in the field checked it; the focus stays there, the next Tab reaches "Try again".
        await page.keyboard.press('Tab');
        assert.equal(await page.evaluate(() => document.activeElement?.textContent), t('quiz.tryAgain'));
        await page.keyboard.press('Enter');
        assert.equal(await form(page, q).getAttribute('data-state'), 'open');
        assert.equal(await page.evaluate(() => document.activeElement?.textContent), t('quiz.check'), 'focus stays on the button');
        await page.keyboard.press('Shift+Tab');
        // Capitals, surrounding spaces and a trailing dot (the DNS root) are forgiven.
        await answer(page, q, `  ${q.answers[0].toUpperCase()}. `);
      } else await answer(page, q);
      await expectChecked(page, q, true);
      if (i + 1 < questions.length) await nextQuestion(page, q, questions[i + 1]);
    }
    const total = questions.length;
    assert.equal(await page.getByTestId('quiz-summary').innerText(), t('quiz.done', { correct: total, total }));
    assert.equal(await form(page, questions.at(-1)).locator('.ssl-quiz__next').count(), 0, 'no "Next question" after the last one');
    assert.deepEqual(await quizA11y(page), []);

    const saved = await stored(page);
    assert.equal(saved.completed, true);
    assert.deepEqual({ correct: saved.quiz.correct, total: saved.quiz.total, completed: saved.quiz.completed }, { correct: total, total, completed: true });

    // Reload: every answer, mark and explanation is back.
    await page.reload();
    await waitForIsland(page, '/Quiz.');
    await page.waitForSelector('.ssl-quiz[data-loaded="true"]');
    assert.equal(await page.locator('form.ssl-quiz__q[data-state="right"]').count(), total);
    assert.equal(await page.getByTestId('quiz-summary').innerText(), t('quiz.done', { correct: total, total }));
    assert.equal(await form(page, short).locator('input').inputValue(), `  ${short.answers[0].toUpperCase()}. `);
    assert.ok(await form(page, short).locator('.ssl-quiz__explanation').isVisible());

    // The home page lists the quiz page as completed, with its score.
    await page.goto(url('/'));
    await waitForIsland(page, 'LessonList');
    const item = page.locator(`[data-lesson="${LESSON}"]`);
    await page.waitForFunction((id) => document.querySelector(`[data-lesson="${id}"]`)?.getAttribute('data-status') === 'completed', LESSON);
    assert.equal(await item.getByTestId('quiz-score').locator('[aria-hidden="true"]').innerText(), t('progress.quiz', { correct: total, total }));
    assert.deepEqual(page.externalRequests, [], 'no request leaves the site');
    assert.deepEqual(page.consoleErrors, []);
    await page.context().close();
  });

  it('orders with the keyboard only and announces every move', async () => {
    const page = await openQuiz();
    const q = quiz.questions.find((x) => x.kind === 'order');
    const start = await orderNow(page, q);
    assert.notDeepEqual(start, q.items.map((_, i) => i), 'the items start shuffled');
    await form(page, q).locator('legend').evaluate((el) => {
      el.tabIndex = -1;
      el.focus();
    });
    await answer(page, q);
    await expectChecked(page, q, true);
    assert.equal(await form(page, q).locator('.ssl-quiz__moves button:visible').count(), 0, 'once checked, the order is fixed');
    await page.reload();
    await page.waitForSelector('.ssl-quiz[data-loaded="true"]');
    assert.deepEqual(await orderNow(page, q), q.items.map((_, i) => i), 'the order is kept across a reload');
    await page.context().close();
  });

  it('lets the learner predict, then run the command in the lab, then compare with the real output', async () => {
    const page = await openQuiz();
    const q = quiz.questions.find((x) => x.kind === 'predict' && !x.choices);
    const runs = await recordLabRuns(page);
    const f = form(page, q);
    assert.equal(await f.locator('.ssl-quiz__command').innerText(), `$ ${q.command}`);
    // Before the prediction is checked there is nothing to run and no output to peek at.
    assert.equal(await f.getByRole('button', { name: t('quiz.runInLab') }).count(), 0);
    assert.equal(await f.locator('.ssl-quiz__output').count(), 0);
    await f.locator('input[type=text]').focus();
    await page.keyboard.type('web-1.nginx');
    await page.keyboard.press('Enter');
    await expectChecked(page, q, false);
    assert.match(await f.locator('.ssl-quiz__feedback').innerText(), new RegExp(`${escape(t('quiz.predicted'))} web-1\\.nginx`));
    // The real output, as the lesson's lab printed it.
    assert.equal(await f.locator('.ssl-quiz__output').innerText(), `$ ${q.command}\n${q.output.trimEnd()}`);
    // Run it: the request goes to the page's lab; the quiz says whether the lab took it.
    await tabInto(page, q, `button.ssl-quiz__run-button`);
    await page.keyboard.press('Enter');
    const [run] = await runs();
    assert.equal(run?.command, q.command);
    assert.equal(await f.locator('.ssl-quiz__run-status').innerText(), run.taken ? t('quiz.runSent') : t('quiz.runManually'));
    await page.context().close();
  });

  it('tells the learner when the lab took the command', async () => {
    const page = await openQuiz();
    const q = quiz.questions.find((x) => x.kind === 'predict' && x.choices);
    const runs = await recordLabRuns(page, { takeThem: true });
    const f = form(page, q);
    await f.locator('input[type=radio]').nth(rightIndexes(q)[0]).check();
    await f.locator('button[type=submit]').click();
    await expectChecked(page, q, true);
    await f.getByRole('button', { name: t('quiz.runInLab') }).click();
    assert.deepEqual(await runs(), [{ command: q.command, taken: true }]);
    assert.equal(await f.locator('.ssl-quiz__run-status').innerText(), t('quiz.runSent'));
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
    await page.getByRole('button', { name: t('quiz.reset') }).click();
    assert.equal(await form(page, q).getAttribute('data-state'), 'open');
    assert.equal(await page.locator('input[type=radio]:checked').count(), 0);
    assert.equal((await stored(page)).quiz.answered, 0);
    await page.context().close();
  });

  for (const id of quizLessons) {
    it(`shows every question of content/${id}/quiz.yaml on /lessons/${id}/, and checks the first one by keyboard`, async () => {
      const page = await openPage(browser);
      await page.goto(url(`/lessons/${id}/`));
      await waitForIsland(page, '/Quiz.');
      await page.waitForSelector('.ssl-quiz[data-loaded="true"]');
      const questions = readQuiz(id).questions;
      assert.equal(await page.locator('form.ssl-quiz__q').count(), questions.length);
      assert.equal(await page.locator('.ssl-quiz__intro').innerText(), t('quiz.intro', { total: questions.length }));
      const first = questions[0];
      await form(page, first).locator('legend').evaluate((el) => {
        el.tabIndex = -1;
        el.focus();
      });
      await answer(page, first);
      await expectChecked(page, first, true);
      assert.equal((await stored(page, id)).quiz.correct, 1);
      assert.deepEqual(page.consoleErrors, []);
      await page.context().close();
    });
  }

  for (const [viewport, width] of [
    [PHONE, 390],
    [DESKTOP, 1280],
  ]) {
    for (const scheme of ['light', 'dark']) {
      it(`looks right at ${width} px in ${scheme} mode, mid-way (screenshots, no overflow, no axe violations)`, async () => {
        const page = await openQuiz(viewport, scheme);
        const order = quiz.questions.find((q) => q.kind === 'order');
        const predict = quiz.questions.find((q) => q.kind === 'predict' && !q.choices);
        const multiple = quiz.questions.find((q) => q.kind === 'multiple');
        // One checked wrong (multiple: only the first right choice), one checked right, one open.
        const m = form(page, multiple);
        await m.locator('input[type=checkbox]').nth(rightIndexes(multiple)[0]).check();
        await m.locator('button[type=submit]').click();
        await expectChecked(page, multiple, false);
        const p = form(page, predict);
        await p.locator('input[type=text]').fill(predict.answers[0]);
        await p.locator('button[type=submit]').click();
        await expectChecked(page, predict, true);
        await p.getByRole('button', { name: t('quiz.runInLab') }).click();
        await p.locator('.ssl-quiz__run-status').filter({ hasText: /\S/ }).waitFor();
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        assert.ok(overflow <= 0, `the page scrolls sideways by ${overflow} px`);
        const buttons = await form(page, order).locator('.ssl-quiz__moves button').evaluateAll((bs) => bs.map((b) => b.getBoundingClientRect().width));
        assert.ok(buttons.every((w) => w >= 36), 'move buttons are big enough to tap');
        assert.deepEqual(await quizA11y(page), []);
        await shot(page, `${width}-${scheme}-predict`, form(page, predict));
        await shot(page, `${width}-${scheme}-multiple`, form(page, multiple));
        await shot(page, `${width}-${scheme}-order`, form(page, order));
        assert.deepEqual(page.consoleErrors, []);
        await page.context().close();
      });

      it(`looks right at ${width} px in ${scheme} mode, finished (restored from storage)`, async () => {
        const answers = rightAnswers();
        const results = Object.fromEntries(quiz.questions.map((q) => [q.id, true]));
        const page = await openQuiz(viewport, scheme, { saved: { v: 1, visited: true, quiz: { answers, results } } });
        const total = quiz.questions.length;
        assert.equal(await page.locator('form.ssl-quiz__q[data-state="right"]').count(), total, 'every saved answer is restored and checked again');
        assert.equal(await page.getByTestId('quiz-summary').innerText(), t('quiz.done', { correct: total, total }));
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        assert.ok(overflow <= 0, `the page scrolls sideways by ${overflow} px`);
        assert.deepEqual(await quizA11y(page), []);
        await shot(page, `${width}-${scheme}-finished`, page.locator('.ssl-quiz__summary'), 'end');
        assert.deepEqual(page.consoleErrors, []);
        await page.context().close();
      });
    }
  }
});
