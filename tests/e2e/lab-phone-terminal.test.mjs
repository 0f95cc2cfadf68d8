// The lab terminal on a phone (issue 5): a 390 px screen fits only ~45 columns, so the terminal
// keeps 120 columns and scrolls sideways inside its own frame (Terminal.tsx): `kubectl get pods
// -o wide` stays one row per pod, the page never gets wider than the screen, the caret stays in
// view while typing, "Wrap long lines" fits the screen again, and rotating or going full screen
// refits. Rows are read from xterm's rendered rows (what the reader sees), the size from the
// frame's data-cols.
//   SSL_BASE_URL=http://127.0.0.1:4321 node --test tests/e2e/lab-phone-terminal.test.mjs
// Screenshots go to test-results/lab-phone-terminal-*.png.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { DESKTOP, PHONE, SHOTS, browser, openPage, waitForText, useBrowser, openLab } from './browser.mjs';

useBrowser();

/** Runs a command the way a phone user does: the input line under the terminal. */
async function runOnPhone(page, line) {
  await page.locator('#ssl-phone-input').fill(line);
  await page.locator('#ssl-phone-input').press('Enter');
}

/** Applies the lesson's StatefulSet and waits until all its pods are ready, then lists them wide. */
async function podsWide(page, run) {
  await run(page, 'kubectl apply -f web.yaml');
  await waitForText(page, /statefulset\.apps\/web created/);
  const start = Date.now();
  for (;;) {
    const ready = await page.evaluate(async () => (await window.__lab.client.list('statefulsets', 'default')).map((s) => `${s.status?.readyReplicas ?? 0}/${s.spec.replicas}`));
    if (ready.length && ready.every((r) => r.split('/')[0] === r.split('/')[1])) break;
    if (Date.now() - start > 30_000) throw new Error(`pods never got ready: ${ready}`);
    await page.waitForTimeout(200);
  }
  await run(page, 'kubectl get pods -o wide');
  await waitForText(page, /NOMINATED NODE[^\n]*\n(?:web-\d[^\n]*\n)+\$ $/);
}

/**
 * xterm's rendered rows, as drawn on screen (a soft-wrapped line is two rows here). xterm stops
 * drawing while the terminal is off screen (its IntersectionObserver), so bring it into view and
 * wait until it has drawn the `kubectl get pods -o wide` header the callers look for.
 */
async function screenRows(page) {
  const rows = page.locator('.ssl-term .xterm-rows').first();
  await rows.evaluate((el) => el.closest('.ssl-term').scrollIntoView({ block: 'center' }));
  const read = () => rows.evaluate((el) => [...el.children].map((r) => r.textContent.replace(/\u00a0/g, ' ').trimEnd()));
  for (let i = 0; i < 30; i++) {
    const drawn = await read();
    if (drawn.some((r) => r.startsWith('NAME') && r.includes('READY'))) return drawn;
    await page.waitForTimeout(100);
  }
  return read();
}

const frameInfo = (page) =>
  page.locator('.ssl-term').first().evaluate((f) => ({
    cols: Number(f.dataset.cols),
    scrollWidth: f.scrollWidth,
    clientWidth: f.clientWidth,
    scrollLeft: f.scrollLeft,
  }));

const pageWidth = (page) => page.evaluate(() => ({ scrollWidth: document.scrollingElement.scrollWidth, innerWidth }));

/**
 * The caret's box lies inside the terminal frame's visible box. xterm draws its caret once the
 * terminal has had focus (a tap): focus it without letting the browser scroll it into view, so
 * only the terminal's own scrolling can put the caret in view.
 */
async function caretInView(page) {
  await page.evaluate(() => document.querySelector('.ssl-term .xterm-helper-textarea').focus({ preventScroll: true }));
  await page.waitForSelector('.ssl-term .xterm-cursor');
  return page.evaluate(() => {
    const frame = document.querySelector('.ssl-term').getBoundingClientRect();
    const c = document.querySelector('.ssl-term .xterm-cursor').getBoundingClientRect();
    return c.width > 0 && c.left >= frame.left - 1 && c.right <= frame.right + 1;
  });
}

async function shot(page, name) {
  await page.locator('.ssl-term').first().evaluate((el) => el.scrollIntoView({ block: 'center' }));
  await page.waitForTimeout(300);
  await page.screenshot({ path: `${SHOTS}lab-phone-terminal-${name}.png` });
}

/** The row holding the -o wide header, and whether the header's last column is on it. */
function headerRow(rows) {
  const i = rows.findIndex((r) => r.startsWith('NAME') && r.includes('READY'));
  return { row: rows[i] ?? '', next: rows[i + 1] ?? '' };
}

describe('the lab terminal on a phone', () => {
  for (const colorScheme of ['light', 'dark']) {
    it(`keeps 120 columns at 390 px and scrolls sideways inside its frame, not the page (${colorScheme})`, async () => {
      const page = await openPage(browser, PHONE, { colorScheme });
      await openLab(page);
      const frame = await frameInfo(page);
      assert.equal(frame.cols, 120, 'a phone terminal keeps 120 columns');
      assert.ok(frame.scrollWidth > frame.clientWidth, `the frame scrolls sideways (${frame.scrollWidth} > ${frame.clientWidth})`);

      await podsWide(page, runOnPhone);
      const rows = await screenRows(page);
      const { row } = headerRow(rows);
      assert.match(row, /^NAME +READY +STATUS +RESTARTS +AGE +IP +NODE +NOMINATED NODE +READINESS GATES$/, `the -o wide header is one row:\n${rows.join('\n')}`);
      const web0 = rows.find((r) => r.startsWith('web-0 '));
      assert.match(web0 ?? '', /^web-0 +1\/1 +Running +0 +\S+ +\S+ +\S+ +<none> +<none>$/, 'a pod is one row, READINESS GATES included');

      const { scrollWidth, innerWidth } = await pageWidth(page);
      assert.ok(scrollWidth <= innerWidth, `the page is no wider than the screen (${scrollWidth} <= ${innerWidth})`);
      // The prompt after the wide table: the view is back at the left edge, with the caret.
      assert.equal((await frameInfo(page)).scrollLeft, 0);
      assert.ok(await caretInView(page), 'the caret is in view after the output');
      await shot(page, `390-${colorScheme}`);
      // Scrolled to the right, the end of the header shows.
      await page.locator('.ssl-term').first().evaluate((f) => (f.scrollLeft = f.scrollWidth));
      await shot(page, `390-${colorScheme}-scrolled`);
      await page.context().close();
    });
  }

  it('follows the caret while typing a line longer than the frame, and paste still types', async () => {
    const page = await openPage(browser, PHONE);
    await openLab(page);
    await page.locator('.ssl-term .xterm').first().click();
    const long = 'echo ' + 'x'.repeat(90);
    await page.keyboard.type(long);
    await page.waitForTimeout(200);
    assert.ok((await frameInfo(page)).scrollLeft > 0, 'the frame scrolled to the right');
    assert.ok(await caretInView(page), 'the caret is in view at column 90');
    // A paste goes through xterm's textarea as input, like a keyboard's.
    await page.evaluate(() => {
      const ta = document.querySelector('.ssl-term .xterm-helper-textarea');
      const data = new DataTransfer();
      data.setData('text/plain', 'yz');
      ta.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
    });
    await page.keyboard.press('Enter');
    await waitForText(page, new RegExp(`^x{90}yz$`, 'm'));
    assert.equal((await frameInfo(page)).scrollLeft, 0, 'back to the left edge at the next prompt');
    assert.ok(await caretInView(page));
    await page.context().close();
  });

  it('a sideways swipe over the terminal scrolls the terminal, not the page', async () => {
    // A touch screen, where xterm turns on its own touch handling (vertical scrolling of its rows):
    // the browser's sideways panning of the frame must still get the swipe.
    const context = await browser.newContext({ viewport: PHONE, hasTouch: true, isMobile: true });
    const page = await context.newPage();
    await openLab(page);
    const f = await page.locator('.ssl-term').first().evaluate((el) => {
      el.scrollIntoView({ block: 'center' });
      const r = el.getBoundingClientRect();
      return { x: r.left + r.width * 0.8, y: r.top + r.height / 2 };
    });
    const cdp = await context.newCDPSession(page);
    const touch = (type, x, y) => cdp.send('Input.dispatchTouchEvent', { type, touchPoints: type === 'touchEnd' ? [] : [{ x, y }] });
    await touch('touchStart', f.x, f.y);
    for (let i = 1; i <= 8; i++) await touch('touchMove', f.x - i * 20, f.y + i);
    await touch('touchEnd');
    await page.waitForTimeout(300);
    const frame = await frameInfo(page);
    assert.ok(frame.scrollLeft >= 100, `the terminal scrolled sideways (${frame.scrollLeft} px)`);
    const scrolled = await page.evaluate(() => ({ left: document.scrollingElement.scrollLeft, scrollWidth: document.scrollingElement.scrollWidth, innerWidth }));
    assert.equal(scrolled.left, 0, 'the page did not scroll sideways');
    assert.ok(scrolled.scrollWidth <= scrolled.innerWidth);
    await context.close();
  });

  it('"Wrap long lines" fits the screen again, and the page stays as wide as the screen', async () => {
    const page = await openPage(browser, PHONE, { colorScheme: 'dark' });
    await openLab(page);
    await podsWide(page, runOnPhone);
    const wrap = page.getByRole('button', { name: 'Wrap long lines' });
    await wrap.click();
    await page.waitForFunction(() => {
      const f = document.querySelector('.ssl-term');
      return Number(f.dataset.cols) < 80 && f.scrollWidth <= f.clientWidth + 1;
    });
    const frame = await frameInfo(page);
    assert.ok(frame.scrollWidth <= frame.clientWidth + 1, 'no sideways scrolling when wrapping');
    const { row, next } = headerRow(await screenRows(page));
    assert.ok(!row.includes('READINESS GATES'), `the header wraps at ${frame.cols} columns: ${row}`);
    assert.notEqual(next, '');
    await shot(page, '390-dark-wrapped');
    assert.equal(await wrap.getAttribute('aria-pressed'), 'true');
    await wrap.click();
    await page.waitForFunction(() => Number(document.querySelector('.ssl-term').dataset.cols) === 120);
    const { scrollWidth, innerWidth } = await pageWidth(page);
    assert.ok(scrollWidth <= innerWidth);
    await page.context().close();
  });

  it('refits when the phone rotates and when the panel goes full screen', async () => {
    const page = await openPage(browser, PHONE);
    await openLab(page);
    const before = await frameInfo(page);
    await page.setViewportSize({ width: PHONE.height, height: PHONE.width });
    await page.waitForTimeout(400);
    let after = await frameInfo(page);
    assert.equal(after.cols, 120, 'still 120 columns on its side');
    assert.notEqual(after.clientWidth, before.clientWidth, 'the frame followed the new width');
    let { scrollWidth, innerWidth } = await pageWidth(page);
    assert.ok(scrollWidth <= innerWidth, `landscape page ${scrollWidth} <= ${innerWidth}`);
    await page.setViewportSize(PHONE);
    await page.waitForTimeout(400);
    await page.getByRole('button', { name: 'Full screen' }).click();
    await page.waitForSelector('.ssl-lab--full');
    await page.waitForTimeout(400);
    after = await frameInfo(page);
    assert.equal(after.cols, 120);
    const rows = await page.locator('.ssl-term').first().evaluate((f) => ({ rows: Number(f.dataset.rows), height: f.clientHeight }));
    assert.ok(rows.rows >= 10, `full screen gives the terminal rows (${rows.rows} in ${rows.height} px)`);
    ({ scrollWidth, innerWidth } = await pageWidth(page));
    assert.ok(scrollWidth <= innerWidth);
    await runOnPhone(page, 'kubectl get nodes');
    await waitForText(page, /^NAME +STATUS +ROLES +AGE +VERSION$/m);
    assert.ok(await caretInView(page));
    await shot(page, '390-full');
    await page.context().close();
  });

  for (const colorScheme of ['light', 'dark']) {
    it(`on a 1280 px screen keeps 120 columns in the lesson column too (${colorScheme})`, async () => {
      const page = await openPage(browser, DESKTOP, { colorScheme });
      await openLab(page);
      const type = async (p, line) => {
        await p.locator('.ssl-term .xterm').first().click();
        await p.keyboard.type(line);
        await p.keyboard.press('Enter');
      };
      await podsWide(page, type);
      const frame = await frameInfo(page);
      assert.equal(frame.cols, 120);
      const rows = await screenRows(page);
      assert.match(headerRow(rows).row, /NOMINATED NODE +READINESS GATES$/, rows.join('\n'));
      assert.equal(await page.getByRole('button', { name: 'Wrap long lines' }).count(), 1);
      const { scrollWidth, innerWidth } = await pageWidth(page);
      assert.ok(scrollWidth <= innerWidth);
      assert.ok(await caretInView(page));
      console.log(`1280 px (${colorScheme}): ${frame.cols} columns in a ${frame.clientWidth} px frame`);
      await shot(page, `1280-${colorScheme}`);
      await page.context().close();
    });
  }
});
