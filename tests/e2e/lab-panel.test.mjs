// The lab panel in a real browser (Debian's Chromium through playwright-core, set up by
// ./browser.mjs): the terminal runs kubectl against the simulator in a Web Worker, buttons run
// visible `lab` commands, the state (with the open hints) survives a reload, reset can be undone,
// the events feed keeps the order events happened in, and phones get a plain input line without
// sideways scrolling on any lesson with a lab.
//   node tests/run-e2e.mjs                      (builds if needed, serves dist/, runs every e2e test)
//   SSL_BASE_URL=http://127.0.0.1:4321 node --test tests/e2e/lab-panel.test.mjs
// Screenshots go to test-results/lab-*.png. Prints the time from "lab visible" to a usable prompt.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { DESKTOP, LESSON, PHONE, SHOTS, browser, openPage, termText, url, useBrowser, waitForText } from './browser.mjs';
import { root } from '../preview-server.mjs';

const LAB_PAGE = process.env.SSL_LAB_PAGE ?? LESSON.path;

/** Lessons whose page embeds a lab (<LabPanel lab="..." /> in content/<id>/index.mdx). */
const LAB_LESSONS = readdirSync(`${root}content`, { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => d.name)
  .filter((id) => {
    try {
      return /<LabPanel\b/.test(readFileSync(`${root}content/${id}/index.mdx`, 'utf8'));
    } catch {
      return false;
    }
  })
  .sort();

useBrowser();

/**
 * Opens a lesson page, scrolls its lab into view and waits for a usable prompt. Returns the time
 * from the lab scrolling into view to the prompt (the island hydrating, the worker starting, the
 * saved state restoring and xterm drawing).
 */
async function openLab(page, path = LAB_PAGE, { approach = false } = {}) {
  await page.goto(url(path));
  const lab = page.locator('astro-island[component-url*="/Lab."]').first();
  if (!(await lab.count())) throw new Error(`no lab on ${path}: the lesson needs <LabPanel lab="..." /> (src/components/lab/LabPanel.astro)`);
  if (approach) {
    // A reader scrolling down: first to a screen and a half above the lab, reading for 2 s.
    await lab.evaluate((island) => scrollBy(0, island.firstElementChild.getBoundingClientRect().top - 1.5 * innerHeight));
    await page.waitForTimeout(2000);
  }
  const visibleAt = await lab.evaluate((island) => {
    // The island is display: contents (no box of its own): scroll its placeholder into view.
    (island.firstElementChild ?? island).scrollIntoView({ block: 'center' });
    return performance.now();
  });
  await page.waitForSelector('html[data-lab-ready]', { timeout: 20_000 });
  await waitForText(page, /\$ $/m);
  const ms = Math.max(0, Math.round((await page.evaluate(() => window.__lab.readyAt)) - visibleAt));
  console.log(`lab: usable prompt ${ms} ms after the lab became visible (${path}, ${page.viewportSize().width} px${approach ? ', scrolled down to' : ''})`);
  return ms;
}

/** A viewport screenshot with the lab's top at the top of the window (under the site header). */
async function shot(page, name) {
  await page.locator('.ssl-lab').first().evaluate((el) => {
    el.scrollIntoView({ block: 'start' });
    window.scrollBy(0, -72);
  });
  await page.waitForTimeout(300);
  await page.screenshot({ path: `${SHOTS}lab-${name}.png` });
  // The whole panel too, with the site's sticky header out of the way.
  // xterm draws only while on screen: show it once so the panel picture has its text.
  await page.locator('.ssl-term').first().evaluate((el) => el.checkVisibility() && el.scrollIntoView({ block: 'center' }));
  await page.waitForTimeout(300);
  const style = await page.addStyleTag({ content: 'header.header, .mobile-preferences, mobile-starlight-toc { visibility: hidden !important; }' });
  await page.locator('.ssl-lab').first().screenshot({ path: `${SHOTS}lab-${name}-panel.png` });
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

/**
 * '' when the page does not scroll sideways (document.scrollingElement.scrollWidth <= innerWidth);
 * else by how much, and the innermost element whose removal would end it.
 */
async function sidewaysOverflow(page) {
  return page.evaluate(() => {
    const over = () => document.scrollingElement.scrollWidth - innerWidth;
    if (over() <= 0) return '';
    const px = over();
    let culprit = document.body;
    for (let found = true; found; ) {
      found = false;
      for (const child of culprit.children) {
        const display = child.style.display;
        child.style.display = 'none';
        const fixed = over() <= 0;
        child.style.display = display;
        if (fixed) {
          culprit = child;
          found = true;
          break;
        }
      }
    }
    const name = (el) => el.tagName.toLowerCase() + (el.id ? `#${el.id}` : '') + [...el.classList].map((c) => `.${c}`).join('');
    return `${px}px wider than the screen because of ${name(culprit)} "${culprit.textContent.trim().slice(0, 60)}"`;
  });
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
    const page = await openPage(browser, DESKTOP);
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
    // The events feed lists one pod's events in the order they happened, as kubectl get events -w
    // does (they share a second, so the order comes from the resourceVersion).
    const web0 = await page
      .locator('.ssl-feed__table tbody tr')
      .evaluateAll((rows) => rows.filter((r) => r.querySelector('.ssl-feed__object')?.textContent === 'pod/web-0').map((r) => r.children[2].textContent));
    const lifecycle = ['Scheduled', 'Pulling', 'Pulled', 'Created', 'Started'];
    assert.ok(web0.includes('Scheduled') && web0.includes('Started'), `web-0's events: ${web0.join(', ')}`);
    assert.deepEqual(web0.filter((r) => lifecycle.includes(r)), lifecycle.filter((r) => web0.includes(r)));
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

  it('has a usable prompt when a reader scrolling down reaches the lab', async () => {
    // It starts loading a screen ahead (LabPanel.astro rootMargin); the time is printed.
    const page = await openPage(browser, DESKTOP);
    await openLab(page, LAB_PAGE, { approach: true });
    assert.match(await termText(page), /\$ $/m);
    assert.deepEqual(page.consoleErrors, []);
    await page.context().close();
  });

  it('keeps the open hints and the shown solution across a reload', async () => {
    const page = await openPage(browser, DESKTOP);
    await openLab(page);
    const hint = () => page.getByRole('button', { name: /^Hint for: A headless Service/ });
    assert.equal(await hint().getAttribute('aria-expanded'), 'false');
    await hint().click();
    await page.getByRole('button', { name: 'Show solution' }).click();
    await page.locator('.ssl-goals__hint > summary').click(); // More hints
    await page.waitForTimeout(500); // the save is asynchronous (IndexedDB)
    await page.reload();
    await openLab(page);
    assert.equal(await hint().getAttribute('aria-expanded'), 'true');
    assert.match(await page.locator('#ssl-hint-headless-service').innerText(), /first object in web\.yaml/);
    assert.equal(await page.getByRole('list', { name: 'Solution' }).isVisible(), true);
    assert.equal(await page.locator('.ssl-goals__hint').getAttribute('open'), '');
    // Closing them is kept too.
    await hint().click();
    await page.getByRole('button', { name: 'Hide solution' }).click();
    await page.waitForTimeout(500);
    await page.reload();
    await openLab(page);
    assert.equal(await hint().getAttribute('aria-expanded'), 'false');
    assert.equal(await page.getByRole('list', { name: 'Solution' }).count(), 0);
    assert.deepEqual(page.consoleErrors, []);
    await page.context().close();

    // Phones fold the goals; an open hint unfolds them after a reload.
    const phone = await openPage(browser, PHONE);
    await openLab(phone);
    assert.equal(await phone.locator('details.ssl-goals').getAttribute('open'), null);
    await phone.locator('details.ssl-goals > summary').click();
    await phone.getByRole('button', { name: /^Hint for: The StatefulSet runs three Pods/ }).click();
    await phone.waitForTimeout(500);
    await phone.reload();
    await openLab(phone);
    assert.equal(await phone.locator('details.ssl-goals').getAttribute('open'), '');
    assert.match(await phone.locator('#ssl-hint-three-pods').innerText(), /web-0 first/);
    await phone.context().close();
  });

  it("runs a quiz's predicted command in the lab's terminal (Run it in the lab)", async () => {
    const page = await openPage(browser, DESKTOP);
    await openLab(page, '/lessons/pets-and-cattle/');
    // content/pets-and-cattle/quiz.yaml, question predict-pet-1: predict first, then run it.
    const q = page.locator('form.ssl-quiz__q[id$="-predict-pet-1"]');
    await q.scrollIntoViewIfNeeded();
    await q.locator('input[type=radio]').first().check();
    await q.locator('button[type=submit]').click();
    await q.getByRole('button', { name: 'Run it in the lab' }).click();
    assert.match(await q.locator('.ssl-quiz__run-status').innerText(), /Sent to the lab's terminal above/);
    await waitForText(page, /\$ kubectl get pods -l app=pet -w$/m);
    // The watch runs as if typed: Ctrl-C ends it and gives the prompt back.
    await page.locator('.ssl-term .xterm').first().click();
    await page.keyboard.press('Control+C');
    await waitForText(page, /\^C\n(.*\n)*\$ $/);
    await page.context().close();
  });

  it('discards a saved state it cannot use, with a visible notice', async () => {
    const page = await openPage(browser, DESKTOP);
    await openLab(page);
    // The state is put in from a page without a lab: a lab saves when its page is hidden, and
    // that save must not land after (and over) the one under test.
    await page.goto(url('/'));
    await page.waitForTimeout(500);
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
    await openLab(page);
    assert.match(await page.locator('.ssl-lab__notice').innerText(), /could not be restored \(it was saved by an older version of the lab\)/);
    await type(page, 'kubectl get sts');
    await waitForText(page, /No resources found in default namespace\./);
    await page.context().close();
  });

  it('gives phones tabs, a plain input line and tappable suggestions', async () => {
    const page = await openPage(browser, PHONE);
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
    assert.equal(await sidewaysOverflow(page), '', 'no sideways scrolling');
    // Every suggestion fits the screen, whole (a long one wraps inside its chip).
    const chips = page.getByRole('group', { name: 'Suggested commands' }).getByRole('button');
    for (const chip of await chips.all()) {
      const box = await chip.boundingBox();
      assert.ok(box.x >= 0 && box.x + box.width <= PHONE.width, `${await chip.innerText()} fits the screen`);
      assert.equal(await chip.evaluate((el) => el.scrollWidth <= el.clientWidth), true, `${await chip.innerText()} is not cut`);
    }
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
      const page = await openPage(browser, vp, { colorScheme: 'dark' });
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
        await page.screenshot({ path: `${SHOTS}lab-1280-dark-fullscreen.png` });
        await page.getByRole('button', { name: 'Leave full screen' }).click();
        assert.equal(await page.locator('.ssl-lab--full').count(), 0);
      }
      await page.context().close();
    }
  });
});

describe('phones: no sideways scrolling', () => {
  for (const width of [320, 390]) {
    it(`at ${width} px on every lesson with a lab (${LAB_LESSONS.length})`, async () => {
      assert.ok(LAB_LESSONS.length > 0, 'some lesson has a lab');
      const page = await openPage(browser, { width, height: 800 });
      const wide = [];
      for (const id of LAB_LESSONS) {
        await openLab(page, `/lessons/${id}/`);
        const what = await sidewaysOverflow(page);
        if (what) wide.push(`${id}: ${what}`);
      }
      assert.deepEqual(wide, []);
      await page.context().close();
    });
  }
});
