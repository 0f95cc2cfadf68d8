// The lab panel in a real browser (Debian's Chromium through playwright-core): the terminal runs
// kubectl against the simulator in a Web Worker, buttons run visible `lab` commands, the state
// survives a reload, reset can be undone, and phones get a plain input line.
//   node --test tests/lab.test.mjs            (serves ./dist itself; build first)
//   SSL_BASE_URL=http://127.0.0.1:4321 node --test tests/lab.test.mjs
// Screenshots go to test-results/lab-*.png. Prints the time from "lab visible" to a usable prompt.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
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
  const lab = page.locator('astro-island[component-url*="/Lab."]').first();
  if (!(await lab.count())) throw new Error(`no lab on ${LAB_PAGE}: the lesson needs <LabPanel lab="..." /> (src/components/lab/LabPanel.astro)`);
  await lab.scrollIntoViewIfNeeded();
  await page.waitForSelector('html[data-lab-ready]', { timeout: 20_000 });
  await waitForText(page, /\$ $/m);
  const ms = await page.evaluate(() => window.__lab.readyMs);
  console.log(`lab: usable prompt ${ms} ms after the lab became visible (${page.viewportSize().width} px)`);
  return ms;
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

/**
 * axe-core's serious and critical findings in the lab panel, without the editor's and the
 * picture's insides (their own tests check those).
 */
async function labA11yViolations(page) {
  await page.addScriptTag({ path: createRequire(import.meta.url).resolve('axe-core/axe.min.js') });
  const result = await page.evaluate(() =>
    window.axe.run({ include: [['.ssl-lab']], exclude: [['[data-slot="editor"] .monaco-editor'], ['[data-slot="cluster-view"] svg']] }, { resultTypes: ['violations'] }),
  );
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.impact} ${v.id}: ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).slice(0, 5).join(', ')}`);
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
    await openLab(page);
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
    const progress = await page.evaluate(() => JSON.parse(localStorage.getItem('ssl:progress:what-is-a-statefulset') ?? '{}'));
    assert.deepEqual(progress.lab, { goalsMet: 4, goalsTotal: 4 }, 'the lesson progress records the goals');
    assert.deepEqual(await labA11yViolations(page), []);
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
    // Force-delete it: the StatefulSet makes a new web-0 on a machine that is up.
    await type(page, 'kubectl delete pod web-0 --force --grace-period=0');
    await waitForText(page, /pod "web-0" force deleted/);
    await page.getByRole('button', { name: 'Speed 60 times' }).click();
    await waitFor(async () => (await pods(page)).some((p) => p.startsWith('web-0:') && !p.startsWith(`web-0:${node}:`) && p.endsWith(':Running')), 'web-0 running elsewhere', 30_000);
    await page.getByRole('button', { name: 'Speed 1 times' }).click();

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
    await openLab(page);
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
    await page.getByRole('tab', { name: 'Cluster' }).click();
    await page.getByRole('button', { name: 'Stop minikube-m03' }).waitFor();
    await shot(page, '390-light-cluster');
    await page.getByRole('tab', { name: 'Events' }).click();
    assert.equal(await page.locator('#ssl-pane-events').isVisible(), true);
    assert.equal(await page.locator('#ssl-pane-terminal').isVisible(), false);
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
        // Full screen: picture and goals beside the terminal and the editor, all on one screen.
        await page.getByRole('button', { name: 'Full screen' }).click();
        await page.waitForTimeout(300);
        const [t, e, p] = await Promise.all(['.ssl-lab__terminal', '.ssl-lab__editor', '.ssl-lab__picture'].map((s) => page.locator(s).boundingBox()));
        assert.ok(t.x > p.x + p.width - 2 && e.x === t.x, 'picture on the left, terminal and editor on the right');
        assert.ok(t.height > 250 && e.y + e.height <= DESKTOP.height + 1, 'terminal and editor fit the screen');
        await page.screenshot({ path: `${shots}lab-1280-dark-fullscreen.png` });
        await page.getByRole('button', { name: 'Leave full screen' }).click();
        assert.equal(await page.locator('.ssl-lab--full').count(), 0);
      }
      await page.context().close();
    }
  });
});
