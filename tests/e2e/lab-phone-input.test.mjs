// The phone's command line under the lab terminal (src/components/lab/PhoneInput.tsx): the input
// has a row of its own, so a whole kubectl command is in view while it is typed (beside the
// buttons it showed ~14 characters: "kubectl get po"), its buttons say what they do, and a block
// of commands pasted from the lesson runs line by line (a text input drops line breaks).
//   SSL_BASE_URL=http://127.0.0.1:4321 node --test tests/e2e/lab-phone-input.test.mjs
// Screenshots go to test-results/lab-phone-input-*.png.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { PHONE, SHOTS, browser, openPage, waitForText, useBrowser, openLab } from './browser.mjs';

useBrowser();

describe('the command line on a phone', () => {
  for (const colorScheme of ['light', 'dark']) {
    it(`shows a whole command as it is typed, with buttons named by what they do (${colorScheme})`, async () => {
      const page = await openPage(browser, PHONE, { colorScheme });
      await openLab(page);
      const input = page.getByRole('textbox', { name: 'Command', exact: true });
      await input.click();
      const command = 'kubectl get pods -l app=nginx';
      await page.keyboard.type(command);
      // The whole command is in view: the input does not scroll its text.
      const box = await input.evaluate((el) => ({ scroll: el.scrollWidth, client: el.clientWidth }));
      assert.ok(box.scroll <= box.client, `the input scrolls its text: ${box.scroll} > ${box.client} px`);
      // The buttons: visible words (not a bare ⇥ or ↑) and names that say what they do.
      for (const [name, text] of [
        ['Tab: complete the command', /Tab/],
        ['Previous command', /Previous/],
        ['Run', /Run/],
        ['Ctrl-C', /Ctrl-C/],
      ]) {
        const button = page.getByRole('button', { name, exact: true });
        assert.match(await button.innerText(), text);
      }
      // The terminal's keyboard hint (Esc then Tab) is about the terminal, not this input.
      assert.equal(await page.locator('.ssl-term__leave').isVisible(), false);
      await page.locator('.ssl-phone').screenshot({ path: `${SHOTS}lab-phone-input-${colorScheme}.png` });
      // The Tab button completes, and Run runs the line in the terminal.
      await input.fill('kubectl get po');
      await page.getByRole('button', { name: 'Tab: complete the command' }).click();
      await page.waitForFunction(() => document.querySelector('#ssl-phone-input').value === 'kubectl get pods ', null, { timeout: 5_000 });
      await page.getByRole('button', { name: 'Run', exact: true }).click();
      await waitForText(page, /\$ kubectl get pods \n/);
      await page.context().close();
    });
  }

  it('runs a pasted block of commands line by line, and keeps an unfinished last line to edit', async () => {
    const page = await openPage(browser, PHONE);
    await openLab(page);
    const input = page.getByRole('textbox', { name: 'Command', exact: true });
    await input.click();
    // What a lesson's copy button gives: two commands on two lines, and a third not ended.
    await input.evaluate((el) => {
      const data = new DataTransfer();
      data.setData('text/plain', 'kubectl apply -f web.yaml\nkubectl get statefulset web\nkubectl get pvc');
      el.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
    });
    // Each whole line ran as its own command (a text input would have joined them into one).
    await waitForText(page, /\$ kubectl apply -f web\.yaml\nservice\/nginx created\nstatefulset\.apps\/web created\n\$ kubectl get statefulset web\nNAME +READY +AGE\nweb +\d\/3 +\d+s\n\$ $/);
    assert.equal(await input.inputValue(), 'kubectl get pvc');
    await page.context().close();
  });

  it('answers a waiting `read` with the next line sent, instead of interrupting it', async () => {
    const page = await openPage(browser, PHONE);
    await openLab(page);
    const input = page.getByRole('textbox', { name: 'Command', exact: true });
    await input.fill('read -p "Pod to delete? " pod; echo "would delete $pod"');
    await input.press('Enter');
    await waitForText(page, /Pod to delete\? $/);
    await input.fill('web-1');
    await input.press('Enter');
    await waitForText(page, /Pod to delete\? web-1\nwould delete web-1\n\$ $/);
    await page.context().close();
  });
});
