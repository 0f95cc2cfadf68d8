// A reload loses nothing the learner typed in the lab.
// - A command run a moment before: the worker asks for a save at most once a second, so the page
//   now saves soon after each command line (LabApp saveSoonAfterCommand).
// - The editor's text: the editor writes a file to the simulator 300 ms after the last keystroke
//   and the lab's state reaches IndexedDB after that, so a reload (or a closed tab) right after
//   typing dropped the last edits. Each edit is now also kept synchronously
//   (src/lab/editor-drafts.ts) and put back when the lab opens again, but only when the file is
//   still as the lost save left it: a reset or a change from the terminal wins.
//   SSL_BASE_URL=http://127.0.0.1:4321 node --test tests/e2e/lab-reload.test.mjs
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { DESKTOP, browser, openPage, waitForText, useBrowser, openLab } from './browser.mjs';

useBrowser();

async function openLabWithEditor(page, shows = /kind: StatefulSet/) {
  await openLab(page);
  await page.waitForSelector('.ssl-editor .monaco-editor .view-lines', { timeout: 20_000 });
  // The editor has read web.yaml from the lab.
  await page.waitForFunction((re) => new RegExp(re).test(window.__monaco?.editor.getEditors()[0]?.getModel()?.getValue() ?? ''), shows.source, { timeout: 10_000 });
}

const editorText = (page) => page.evaluate(() => window.__monaco.editor.getEditors()[0].getModel().getValue());
/** What kubectl reads: the file in the lab's working folder. */
const fileText = (page) => page.evaluate(() => window.__lab.client.readFile('web.yaml'));

/** Waits until what kubectl reads in web.yaml passes `test`. */
async function waitForFile(page, test, timeout = 10_000) {
  const start = Date.now();
  for (;;) {
    const text = await fileText(page);
    if (test(text)) return text;
    if (Date.now() - start > timeout) throw new Error(`web.yaml never changed as expected; it holds:\n${text.slice(0, 300)}`);
    await page.waitForTimeout(100);
  }
}

/** Types `text` at the start of the file, with the keyboard. */
async function typeAtTop(page, text) {
  await page.evaluate(() => {
    const ed = window.__monaco.editor.getEditors()[0];
    ed.setPosition({ lineNumber: 1, column: 1 });
    ed.focus();
  });
  await page.keyboard.type(text);
}

describe('reloading the lab page', () => {
  it('keeps a command run a moment before the reload: its effect and its line in the history', async () => {
    const page = await openPage(browser, DESKTOP);
    await openLabWithEditor(page);
    await page.locator('.ssl-term .xterm').first().click();
    // Two commands in a row: the first one's save starts the worker's once-a-second limit, so
    // the second one was saved only if the page asked for it (LabApp saveSoonAfterCommand).
    await page.keyboard.type('echo one > one.txt');
    await page.keyboard.press('Enter');
    await waitForText(page, /echo one > one\.txt\n\$ $/);
    await page.keyboard.type('echo two > two.txt');
    await page.keyboard.press('Enter');
    await waitForText(page, /echo two > two\.txt\n\$ $/);
    await page.waitForTimeout(400);
    await page.reload();
    await openLabWithEditor(page);
    const files = await page.evaluate(async () => (await window.__lab.client.listFiles()).map((f) => f.name));
    assert.ok(files.includes('one.txt') && files.includes('two.txt'), `files after the reload: ${files.join(', ')}`);
    await page.locator('.ssl-term .xterm').first().click();
    await page.keyboard.press('ArrowUp');
    await waitForText(page, /\$ echo two > two\.txt$/, 5_000);
    await page.context().close();
  });

  it('keeps what was typed in the editor a moment before the reload, and says so', async () => {
    const page = await openPage(browser, DESKTOP);
    await openLabWithEditor(page);
    await typeAtTop(page, '# typed just before the reload\n');
    await page.reload(); // at once: the editor has not written the file yet
    await openLabWithEditor(page);
    await page.waitForFunction(() => window.__monaco.editor.getEditors()[0].getModel().getValue().startsWith('# typed just before the reload\n'), null, { timeout: 10_000 });
    assert.match(await page.locator('.ssl-editor__notice').innerText(), /web\.yaml had not been saved when the page closed; they are back/);
    // Put back as an edit of the learner's: written to the file, so kubectl applies it.
    await waitForFile(page, (t) => t.startsWith('# typed just before the reload\n'));
    // Once stored, a second reload shows the text with no notice.
    await page.waitForTimeout(1000);
    await page.reload();
    await openLabWithEditor(page);
    assert.ok((await editorText(page)).startsWith('# typed just before the reload\n'));
    assert.equal(await page.locator('.ssl-editor__notice').count(), 0);
    await page.context().close();
  });

  it('does not bring an old edit back over a reset or a change made in the terminal', async () => {
    const page = await openPage(browser, DESKTOP);
    await openLabWithEditor(page);
    const starter = await fileText(page);
    // Reset right after typing, before the editor has written the file: the reset wins (the
    // late write used to land after it and bring the edit back), in the editor and in the file.
    await typeAtTop(page, '# my change\n');
    await page.getByRole('button', { name: 'Reset lab' }).click();
    await page.waitForFunction((s) => window.__monaco.editor.getEditors()[0].getModel().getValue() === s, starter, { timeout: 10_000 });
    await page.waitForTimeout(1000);
    assert.equal(await fileText(page), starter);
    assert.equal(await editorText(page), starter);
    // The learner asked for the reset: no "changed outside the editor" notice.
    assert.equal(await page.locator('.ssl-editor__notice').count(), 0);
    // A reset after the edit was written and stored: also back to the starter file.
    await typeAtTop(page, '# my change\n');
    await waitForFile(page, (t) => t.startsWith('# my change'));
    await page.waitForTimeout(500);
    await page.getByRole('button', { name: 'Reset lab' }).click();
    await page.waitForFunction((s) => window.__monaco.editor.getEditors()[0].getModel().getValue() === s, starter, { timeout: 10_000 });
    await page.waitForTimeout(1000);
    await page.reload();
    await openLabWithEditor(page);
    assert.equal(await editorText(page), starter);
    assert.equal(await page.locator('.ssl-editor__notice').count(), 0);

    // An edit, then the terminal rewrites the file: the terminal's version stays after a reload.
    await typeAtTop(page, '# from the editor\n');
    await waitForFile(page, (t) => t.startsWith('# from the editor'));
    await page.locator('.ssl-term .xterm').first().click();
    await page.keyboard.type("echo '# from the terminal' > web.yaml");
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => window.__monaco.editor.getEditors()[0].getModel().getValue() === '# from the terminal\n', null, { timeout: 10_000 });
    await page.waitForTimeout(1000);
    await page.reload();
    await openLabWithEditor(page, /# from the terminal/);
    assert.equal(await editorText(page), '# from the terminal\n');
    assert.equal(await fileText(page), '# from the terminal\n');
    await page.context().close();
  });
});
