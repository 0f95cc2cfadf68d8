// The lab panel in a real browser (Debian's Chromium through playwright-core): the terminal runs
// kubectl against the simulator in a Web Worker, buttons run visible `lab` commands, the state
// survives a reload, reset can be undone, and phones get a plain input line.
//   node --test tests/lab.test.mjs            (serves ./dist itself; build first)
//   SSL_BASE_URL=http://127.0.0.1:4321 node --test tests/lab.test.mjs
// Screenshots go to test-results/lab-*.png. Prints the time from "lab visible" to a usable prompt.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { DESKTOP, PHONE, launchBrowser, openPage } from './e2e/browser.mjs';
import { startStaticServer } from './e2e/static-server.mjs';

const LAB_PAGE = process.env.SSL_LAB_PAGE ?? '/lessons/what-is-a-statefulset/';
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

/** Opens the lab page, scrolls the lab into view and waits for a usable prompt. */
async function openLab(page) {
  await page.goto(base + LAB_PAGE);
  const lab = page.locator('astro-island[component-url*="Lab"]').first();
  await lab.scrollIntoViewIfNeeded();
  await page.waitForSelector('html[data-lab-ready]', { timeout: 20_000 });
  await waitForText(page, /\$ $/m);
  return page.evaluate(() => window.__lab.readyMs);
}

/** A viewport screenshot with the lab's top at the top of the window (under the site header). */
async function shot(page, name) {
  await page.locator('.ssl-lab').first().evaluate((el) => {
    el.scrollIntoView({ block: 'start' });
    window.scrollBy(0, -72);
  });
  await page.waitForTimeout(300);
  await page.screenshot({ path: `${shots}lab-${name}.png` });
  // The whole panel too, with the site's sticky header out of the way.
  // xterm draws only while on screen: show it once so the panel picture has its text.
  await page.locator('.ssl-term').first().evaluate((el) => el.checkVisibility() && el.scrollIntoView({ block: 'center' }));
  await page.waitForTimeout(300);
  const style = await page.addStyleTag({ content: 'header.header, .mobile-preferences, mobile-starlight-toc { visibility: hidden !important; }' });
  await page.locator('.ssl-lab').first().screenshot({ path: `${shots}lab-${name}-panel.png` });
  await style.evaluate((el) => el.remove());
}

const termText = (page) => page.evaluate(() => window.__lab.text());

async function waitForText(page, re, timeout = 15_000) {
  const start = Date.now();
  for (;;) {
    const t = await termText(page);
    if (re.test(t)) return t;
    if (Date.now() - start > timeout) throw new Error(`terminal never showed ${re}; it shows:\n${t.slice(-1500)}`);
    await page.waitForTimeout(100);
  }
}

/** Types a command into xterm as keystrokes and presses Enter. */
async function type(page, line) {
  await page.locator('.ssl-term .xterm').first().click();
  await page.keyboard.type(line);
  await page.keyboard.press('Enter');
}

async function waitFor(fn, what, timeout = 20_000) {
  const start = Date.now();
  for (;;) {
    if (await fn()) return;
    if (Date.now() - start > timeout) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 150));
  }
}

const pods = (page) => page.evaluate(async () => (await window.__lab.client.list('pods', 'default')).map((p) => `${p.metadata.name}:${p.spec.nodeName ?? ''}:${p.status?.phase}`));

describe('the lab panel', () => {
  it('runs kubectl apply -f web.yaml from the terminal and the pods appear one by one', async () => {
    const page = await openPage(browser, DESKTOP, { origin: base });
    const readyMs = await openLab(page);
    console.log(`lab: usable prompt ${readyMs} ms after the lab became visible (desktop)`);
    await type(page, 'kubectl apply -f web.yaml');
    await waitForText(page, /service\/nginx created\s+statefulset\.apps\/web created/);
    // web-0 first; web-1 only once web-0 is ready (OrderedReady).
    await waitFor(async () => (await pods(page)).length >= 1, 'web-0');
    assert.match((await pods(page))[0], /^web-0:/);
    await page.getByRole('button', { name: 'Speed 10 times' }).click();
    await waitForText(page, /\$ lab time speed 10/);
    await waitFor(async () => (await pods(page)).filter((p) => p.endsWith(':Running')).length === 3, 'three running pods');
    await waitFor(async () => (await page.locator('.ssl-goals__goal[data-passed="true"]').count()) === 4, 'all goals met');
    assert.match(await page.locator('.ssl-goals__done').innerText(), /All goals met/);
    await shot(page, '1280-light');
    assert.deepEqual(page.externalRequests, [], 'no request leaves the site');
    assert.deepEqual(page.consoleErrors, []);

    // Stop the node that runs web-0, then fast-forward past the eviction timeout.
    const node = (await pods(page)).find((p) => p.startsWith('web-0:')).split(':')[1];
    await page.getByRole('button', { name: `Stop ${node}`, exact: true }).click();
    await waitForText(page, new RegExp(`\\$ lab node stop ${node}\\s+node ${node}: powered off`));
    await type(page, 'lab time +6m');
    await type(page, 'kubectl get pods -o wide');
    await waitForText(page, /web-0\s+1\/1\s+(Terminating|Unknown)/);

    // Reload: terminal text, history, files and cluster are as they were.
    await page.evaluate(() => window.__lab.client.writeFile('notes.txt', 'kept across reloads'));
    await page.waitForTimeout(1500); // the save is throttled to once a second
    await page.reload();
    await openLab(page);
    const restored = await termText(page);
    assert.match(restored, /statefulset\.apps\/web created/);
    assert.match(restored, /\(restored\)/);
    await page.locator('.ssl-term .xterm').first().click();
    await page.keyboard.press('ArrowUp');
    await waitForText(page, /\$ kubectl get pods -o wide$/m);
    await page.keyboard.press('Control+C');
    assert.equal(await page.evaluate(() => window.__lab.client.readFile('notes.txt')), 'kept across reloads');
    assert.ok((await pods(page)).some((p) => p.startsWith('web-0:')), 'the pods are still there');
    assert.match(await page.locator(`.ssl-lab__node[data-state="stopped"]`).innerText(), new RegExp(node));

    // Reset, then undo it.
    await page.getByRole('button', { name: 'Reset lab' }).click();
    await waitForText(page, /\$ lab reset/);
    await waitFor(async () => (await pods(page)).length === 0, 'no pods after reset');
    await page.getByRole('button', { name: 'Undo reset' }).click();
    await waitFor(async () => (await pods(page)).length === 3, 'pods back after undo');
    await type(page, 'kubectl get sts');
    await waitForText(page, /web\s+\d\/3/);
    assert.deepEqual(page.consoleErrors, []);
    await page.context().close();
  });

  it('discards a saved state it cannot use, with a visible notice', async () => {
    const page = await openPage(browser, DESKTOP, { origin: base });
    await openLab(page);
    await page.evaluate(
      () =>
        new Promise((resolve, reject) => {
          const req = indexedDB.open('keyval-store');
          req.onsuccess = () => {
            const tx = req.result.transaction('keyval', 'readwrite');
            tx.objectStore('keyval').put({ version: 0, garbage: true }, 'ssl:lab:what-is-a-statefulset');
            tx.oncomplete = () => resolve(undefined);
            tx.onerror = () => reject(tx.error);
          };
          req.onerror = () => reject(req.error);
        }),
    );
    await page.reload();
    await openLab(page);
    assert.match(await page.locator('.ssl-lab__notice').innerText(), /could not be restored \(it was saved by an older version of the lab\)/);
    await type(page, 'kubectl get sts');
    await waitForText(page, /No resources found in default namespace\./);
    await page.context().close();
  });

  it('gives phones tabs, a plain input line and tappable suggestions', async () => {
    const page = await openPage(browser, PHONE, { origin: base });
    const readyMs = await openLab(page);
    console.log(`lab: usable prompt ${readyMs} ms after the lab became visible (phone)`);
    assert.equal(await page.getByRole('tab', { name: 'Terminal' }).getAttribute('aria-selected'), 'true');
    await page.getByLabel('Command', { exact: true }).fill('kubectl get nodes');
    await page.getByRole('button', { name: 'Run', exact: true }).click();
    await waitForText(page, /minikube-m02\s+Ready/);
    await page.getByRole('group', { name: 'Suggested commands' }).getByRole('button', { name: 'kubectl apply -f web.yaml' }).click();
    await waitForText(page, /statefulset\.apps\/web created/);
    // History: the arrow brings back the last command.
    await page.getByLabel('Command', { exact: true }).focus();
    await page.keyboard.press('ArrowUp');
    assert.equal(await page.getByLabel('Command', { exact: true }).inputValue(), 'kubectl apply -f web.yaml');
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `no sideways scrolling (overflow ${overflow}px)`);
    await shot(page, '390-light');
    await page.getByRole('tab', { name: 'Events' }).click();
    await page.waitForSelector('.ssl-events');
    await page.context().close();
  });

  it('looks right in the dark theme at desktop and phone widths', async () => {
    for (const [vp, name] of [
      [DESKTOP, '1280'],
      [PHONE, '390'],
    ]) {
      const page = await openPage(browser, vp, { colorScheme: 'dark', origin: base });
      await openLab(page);
      await type(page, 'kubectl get nodes');
      await waitForText(page, /minikube-m03\s+Ready/);
      assert.equal(await page.evaluate(() => document.documentElement.dataset.theme), 'dark');
      await shot(page, `${name}-dark`);
      if (vp === DESKTOP) {
        // Full screen: terminal and editor side by side, Escape leaves.
        await page.getByRole('button', { name: 'Full screen' }).click();
        await page.waitForTimeout(300);
        const [t, e] = await Promise.all(['.ssl-lab__terminal', '.ssl-lab__editor'].map((s) => page.locator(s).boundingBox()));
        assert.ok(Math.abs(t.y - e.y) < 2 && e.x > t.x + t.width - 2, 'terminal and editor side by side');
        await page.screenshot({ path: `${shots}lab-1280-dark-fullscreen.png` });
        await page.getByRole('button', { name: 'Leave full screen' }).click();
        assert.equal(await page.locator('.ssl-lab--full').count(), 0);
      }
      await page.context().close();
    }
  });
});
