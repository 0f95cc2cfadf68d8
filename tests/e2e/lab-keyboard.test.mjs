// The lab with the keyboard only (WCAG 2.1.2 No Keyboard Trap): Tab in the terminal belongs to the
// shell (completion) and Tab in the YAML editor indents, so a keyboard user needs another way out.
// As in CodeMirror, Escape then Tab (or Shift+Tab) leaves the terminal
// (src/components/lab/Terminal.tsx) and the editor (src/lab/monaco/escape-then-tab.ts); a hint
// says so (under the terminal, and in the editor's status bar while it has the keyboard). Escape
// is not passed to the shell, whose line editor would hold the next keys back waiting for an
// escape sequence.
//   SSL_BASE_URL=http://127.0.0.1:4321 node --test tests/e2e/lab-keyboard.test.mjs
// Screenshots go to test-results/lab-keyboard-*.png.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { DESKTOP, SHOTS, browser, openPage, termText, waitForText, useBrowser, openLab } from './browser.mjs';

useBrowser();

/** What has the focus: the terminal, or a control's role and name. */
const focused = (page) =>
  page.evaluate(() => {
    const el = document.activeElement;
    if (el?.closest('.ssl-term')) return 'terminal';
    const name = (el?.getAttribute('aria-label') || el?.textContent || '').trim();
    return `${el?.getAttribute('role') ?? el?.tagName.toLowerCase()} ${name}`;
  });

/** Presses Tab until the terminal has the focus (from the lab's first control), at most `max` times. */
async function tabToTerminal(page, max = 60) {
  await page.getByRole('button', { name: 'Reset lab' }).focus();
  for (let i = 0; i < max; i++) {
    if ((await focused(page)) === 'terminal') return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`Tab never reached the terminal; the focus is on ${await focused(page)}`);
}

describe('the lab terminal with the keyboard only', () => {
  it('is reached with Tab, keeps Tab for completion, and Escape then Tab leaves it for the next control', async () => {
    const page = await openPage(browser, DESKTOP);
    await openLab(page);
    await tabToTerminal(page);
    // The way out is written under the terminal and read out with it.
    const hint = page.locator('.ssl-term__leave');
    assert.ok(await hint.isVisible(), 'the hint under the terminal is visible');
    assert.match(await hint.innerText(), /Esc then Tab leaves the terminal/);
    const description = await page.evaluate(() => {
      const ids = document.activeElement.getAttribute('aria-describedby') ?? '';
      return ids.split(/\s+/).map((id) => document.getElementById(id)?.textContent ?? '').join(' ');
    });
    assert.match(description, /Esc then Tab leaves the terminal/);

    // Tab alone completes in the shell and stays.
    await page.keyboard.type('kubectl appl');
    await page.keyboard.press('Tab');
    await waitForText(page, /\$ kubectl apply $/);
    assert.equal(await focused(page), 'terminal');

    // Escape, then Tab: the focus moves on to the control after the terminal (the editor's file tab).
    await page.keyboard.press('Escape');
    assert.match(await hint.innerText(), /Now press Tab/);
    await page.locator('.ssl-lab__terminal').screenshot({ path: `${SHOTS}lab-keyboard-escape.png` });
    await page.keyboard.press('Tab');
    const next = await focused(page);
    assert.notEqual(next, 'terminal', 'Escape then Tab left the terminal');
    assert.match(next, /web\.yaml/);
    // The Tab that left did not reach the shell: the line is as it was.
    assert.match(await termText(page), /\$ kubectl apply $/);

    // Back in (Shift+Tab), and out backwards with Escape then Shift+Tab.
    await page.keyboard.press('Shift+Tab');
    assert.equal(await focused(page), 'terminal');
    await page.keyboard.press('Escape');
    await page.keyboard.press('Shift+Tab');
    assert.notEqual(await focused(page), 'terminal');
    assert.match(await termText(page), /\$ kubectl apply $/);
    await page.context().close();
  });

  it('leaves the YAML editor the same way: Tab indents, Escape then Tab moves on', async () => {
    const page = await openPage(browser, DESKTOP);
    await openLab(page);
    await page.waitForSelector('.ssl-editor .monaco-editor .view-lines', { timeout: 20_000 });
    await page.waitForFunction(() => /kind: StatefulSet/.test(window.__monaco?.editor.getEditors()[0]?.getModel()?.getValue() ?? ''), null, { timeout: 10_000 });
    const inEditor = () => page.evaluate(() => !!document.activeElement?.closest('.monaco-editor'));
    const text = () => page.evaluate(() => window.__monaco.editor.getEditors()[0].getModel().getValue());
    // From the file's tab, Tab goes into the text.
    await page.getByRole('tab', { name: 'web.yaml' }).focus();
    for (let i = 0; i < 6 && !(await inEditor()); i++) await page.keyboard.press('Tab');
    assert.ok(await inEditor(), 'Tab reaches the editor');
    const hint = page.locator('.ssl-editor__leave');
    assert.equal(await hint.innerText(), 'Esc then Tab leaves the editor.');
    // Tab alone indents and stays.
    const before = await text();
    await page.keyboard.press('Tab');
    assert.ok(await inEditor());
    assert.notEqual(await text(), before, 'Tab typed into the file');
    await page.keyboard.press('Control+z');
    // Escape, then Tab: out to the next control, the file as it was.
    await page.keyboard.press('Escape');
    assert.match(await hint.innerText(), /Now press Tab/);
    await page.keyboard.press('Tab');
    assert.equal(await inEditor(), false, 'Escape then Tab left the editor');
    assert.equal(await text(), before);
    assert.equal(await hint.count(), 0, 'the hint shows only while the editor has the keyboard');
    // Back in: Tab indents again (leaving was for one key only).
    await page.keyboard.press('Shift+Tab');
    assert.ok(await inEditor(), 'Shift+Tab goes back into the editor');
    await page.keyboard.press('Tab');
    assert.ok(await inEditor());
    assert.notEqual(await text(), before);
    await page.context().close();
  });

  it('Escape then typing goes on as usual: no key is held back or lost', async () => {
    const page = await openPage(browser, DESKTOP);
    await openLab(page);
    await page.locator('.ssl-term .xterm').first().click();
    await page.keyboard.press('Escape');
    // Every key shows at once (a lone ESC sent to the shell held the next five keys back).
    await page.keyboard.type('echo');
    await waitForText(page, /\$ echo$/, 3_000);
    await page.keyboard.type(' hi');
    await page.keyboard.press('Enter');
    await waitForText(page, /\$ echo hi\nhi\n\$ $/, 5_000);
    // After Escape, a key other than Tab cancels leaving: Tab completes again.
    await page.keyboard.press('Escape');
    await page.keyboard.type('kubectl appl');
    await page.keyboard.press('Tab');
    await waitForText(page, /\$ kubectl apply $/);
    assert.equal(await focused(page), 'terminal');
    await page.context().close();
  });
  it('keeps keys typed while a command runs and runs them at the next prompt, as a terminal does', async () => {
    const page = await openPage(browser, DESKTOP);
    await openLab(page);
    await page.locator('.xterm-helper-textarea').first().focus();
    const t0 = await page.evaluate(() => performance.now());
    await page.keyboard.type('sleep 3\necho typed-ahead\n');
    // Shown at once under the running command (the tty's echo), run when the prompt is back.
    await waitForText(page, /\$ sleep 3\necho typed-ahead\n?$/, 2_000);
    await waitForText(page, /\$ sleep 3\necho typed-ahead\n\$ echo typed-ahead\ntyped-ahead\n\$ $/, 15_000);
    assert.ok((await page.evaluate(() => performance.now())) - t0 >= 2_900, 'the typed line ran after the sleep, not instead of it');
    await page.screenshot({ path: `${SHOTS}/lab-keyboard-typeahead.png` });
    await page.context().close();
  });
  it('gives `read` the line typed next, Backspace correcting it, and -s hides the keys', async () => {
    const page = await openPage(browser, DESKTOP);
    await openLab(page);
    await page.locator('.xterm-helper-textarea').first().focus();
    await page.keyboard.type('read -p "How many replicas? " n; echo "scale to $n"\n');
    await waitForText(page, /How many replicas\? $/);
    await page.keyboard.type('45');
    await page.keyboard.press('Backspace');
    await page.keyboard.press('Enter');
    await waitForText(page, /How many replicas\? 4 ?\nscale to 4\n\$ $/);
    await page.keyboard.type('read -s -p "Token: " tok; echo; echo "${#tok} characters"\n');
    await waitForText(page, /Token: $/);
    await page.keyboard.type('abc123\n');
    await waitForText(page, /Token: \n6 characters\n\$ $/);
    await page.context().close();
  });
});
