// Answers given but not yet checked are kept (src/components/quiz/Quiz.tsx saves every change to
// the lesson's progress): a learner who types a DNS name, picks a choice and reloads, or whose
// phone browser dropped the tab in the background, finds them as they left them, still unchecked.
//   SSL_BASE_URL=http://127.0.0.1:4321 node --test tests/e2e/quiz-unchecked.test.mjs
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { PHONE, browser, openPage, url, useBrowser, waitForIsland } from './browser.mjs';

const LESSON = 'headless-services-quiz';
const quiz = parse(readFileSync(new URL(`../../content/${LESSON}/quiz.yaml`, import.meta.url), 'utf8'));
const short = quiz.questions.find((q) => q.kind === 'short');
const single = quiz.questions.find((q) => q.kind === 'single');

useBrowser();

const form = (page, q) => page.locator(`form.ssl-quiz__q[id$="-${q.id}"]`);

async function openQuiz(page) {
  await page.goto(url(`/lessons/${LESSON}/`));
  await waitForIsland(page, '/Quiz.');
  await page.waitForSelector('.ssl-quiz[data-loaded="true"]');
}

describe('a quiz answered but not checked', () => {
  it('keeps the typed and the picked answer across a reload, still unchecked', async () => {
    const page = await openPage(browser, PHONE);
    await openQuiz(page);
    await form(page, short).locator('input').click();
    await page.keyboard.type('web-1.nginx');
    await form(page, single).locator('input[type=radio]').nth(1).focus();
    await page.keyboard.press('Space');
    await page.reload();
    await openQuiz(page);
    assert.equal(await form(page, short).locator('input').inputValue(), 'web-1.nginx');
    assert.equal(await form(page, single).locator('input[type=radio]').nth(1).isChecked(), true);
    // Kept, not checked: no mark, and the summary counts no checked question.
    assert.equal(await form(page, short).getAttribute('data-state'), 'open');
    assert.equal(await form(page, single).getAttribute('data-state'), 'open');
    assert.match(await page.getByTestId('quiz-summary').innerText(), /0 of \d+ checked/);
    await page.context().close();
  });
});
