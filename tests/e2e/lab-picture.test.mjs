// The live cluster picture, pod details and events feed in a real browser
// (src/components/lab/ClusterView.tsx, PodDetails.tsx, EventsFeed.tsx), on the test bench page
// /dev/lab-parts/. Also takes the screenshots at phone and desktop width, light and dark
// (test-results/lab-parts-*.png), which a person looks at.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { DESKTOP, PHONE, SHOTS, browser, openPage, url, useBrowser } from './browser.mjs';

const require = createRequire(import.meta.url);
const PAGE = '/dev/lab-parts/';
useBrowser();

async function openBench(viewport = DESKTOP, colorScheme = 'light') {
  const page = await openPage(browser, viewport, { colorScheme });
  await page.goto(url(PAGE));
  await page.waitForSelector('html[data-lab-parts-ready]', { timeout: 20_000 });
  await page.waitForSelector('.ssl-cluster[data-loaded="true"]', { timeout: 20_000 });
  return page;
}
const run = (page, line) => page.evaluate((l) => window.__labParts.run(l), line);
const podTones = (page) => page.locator('.ssl-cluster__pod').evaluateAll((els) => els.map((e) => `${e.dataset.pod.split('/')[1]}:${e.dataset.tone}`));
const allReady = (page, n) => page.waitForFunction((k) => document.querySelectorAll('.ssl-cluster__pod[data-tone="ready"]').length === k, n, { timeout: 30_000 });

/** Applies web.yaml and runs time at 60x until the three pods are Ready. */
async function threeReadyPods(page) {
  await page.evaluate(() => window.__labParts.client.setSpeed(60));
  await run(page, 'kubectl apply -f web.yaml');
  await allReady(page, 3);
}

describe('cluster picture', () => {
  it('draws the three nodes as columns before anything is applied', async () => {
    const page = await openBench();
    const titles = await page.locator('.ssl-cluster__column--node .ssl-cluster__title').allTextContents();
    assert.deepEqual(titles, ['minikube', 'minikube-m02', 'minikube-m03']);
    assert.match(await page.locator('.ssl-cluster__empty').innerText(), /No pods yet/);
    assert.deepEqual(page.consoleErrors, []);
    await page.context().close();
  });

  it('shows the pods of web.yaml appear one by one, web-0 first, each on a node with its claim', async () => {
    const page = await openBench();
    // Sample the picture while the StatefulSet controller works at 1x (OrderedReady).
    const seen = [];
    const done = run(page, 'kubectl apply -f web.yaml');
    for (let i = 0; i < 300; i++) {
      const pods = (await podTones(page)).join(' ');
      if (seen.at(-1) !== pods) seen.push(pods);
      if ((pods.match(/:ready/g) ?? []).length === 3) break;
      await page.waitForTimeout(100);
    }
    await done;
    const firstSeen = ['web-0', 'web-1', 'web-2'].map((p) => seen.findIndex((s) => s.includes(p + ':')));
    assert.ok(firstSeen.every((i) => i >= 0), seen.join('\n'));
    assert.ok(firstSeen[0] < firstSeen[1] && firstSeen[1] < firstSeen[2], `pods appear in order: ${seen.join(' | ')}`);
    // web-1 is created only once web-0 is Ready.
    const web1 = seen[firstSeen[1]];
    assert.match(web1, /web-0:ready/);
    // Each pod sits inside its node's column, with its claim under it.
    for (const name of ['web-0', 'web-1', 'web-2']) {
      const pod = await page.evaluate((n) => window.__labParts.client.get('pods', 'default', n), name);
      const card = await page.locator(`[data-pod="default/${name}"]`).boundingBox();
      const col = await page.locator('.ssl-cluster__column--node', { hasText: pod.spec.nodeName }).first().boundingBox();
      assert.ok(card.x >= col.x && card.x + card.width <= col.x + col.width + 1, `${name} inside ${pod.spec.nodeName}`);
      const claim = await page.locator(`[data-claim="default/www-${name}"]`).boundingBox();
      assert.ok(claim.y > card.y && claim.x >= col.x && claim.x < col.x + col.width, `www-${name} under ${name}`);
      assert.equal(await page.locator(`.ssl-cluster__claim[data-claim="default/www-${name}"]`).getAttribute('data-phase'), 'Bound');
    }
    await page.context().close();
  });

  it('glides and fades while it shows a few pods, and holds still for a big cluster (ClusterView MOTION_MAX_PODS)', async () => {
    const page = await openBench();
    await threeReadyPods(page);
    const motion = () => page.evaluate(() => {
      const g = document.querySelector('.ssl-cluster__pod');
      const cs = getComputedStyle(g);
      return `${document.querySelector('.ssl-cluster').dataset.motion} ${cs.transitionDuration.split(',')[0]} ${cs.animationName}`;
    });
    assert.equal(await motion(), 'on 0.45s ssl-cluster-in');
    await run(page, 'kubectl scale sts web --replicas=61');
    await page.waitForFunction(() => document.querySelectorAll('.ssl-cluster__pod').length > 60, null, { timeout: 60_000 });
    assert.equal(await motion(), 'off 0s none');
    await page.context().close();
  });

  it('lists the DNS names the headless Service gives the ready pods', async () => {
    const page = await openBench();
    await threeReadyPods(page);
    await page.waitForFunction(() => document.querySelectorAll('.ssl-cluster__service .ssl-cluster__dns:not(.ssl-cluster__dns--none)').length === 3, null, { timeout: 10_000 });
    const names = await page.locator('.ssl-cluster__service .ssl-cluster__dns title').allTextContents();
    assert.deepEqual(names, ['web-0.nginx.default.svc.cluster.local', 'web-1.nginx.default.svc.cluster.local', 'web-2.nginx.default.svc.cluster.local']);
    assert.match(await page.locator('#ssl-cluster-text').textContent(), /Service nginx: headless, gives web-0\.nginx\.default\.svc\.cluster\.local/);
    await page.context().close();
  });

  it('opens a pod’s details from the keyboard: node, IP, labels, conditions, events and its volume’s files', async () => {
    const page = await openBench();
    await threeReadyPods(page);
    await run(page, "kubectl exec web-0 -- sh -c 'echo hello > /usr/share/nginx/html/index.html'");
    // A focusable button named by its visible text (then the details, from its SVG title).
    await page.getByRole('button', { name: /^web-0 Running · 1\/1: Pod web-0 is Running/ }).focus();
    assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('data-pod')), 'default/web-0');
    await page.keyboard.press('Enter');
    const details = page.locator('.ssl-pod');
    await details.waitFor();
    assert.equal(await page.locator('[data-pod="default/web-0"]').getAttribute('aria-pressed'), 'true');
    const pod = await page.evaluate(() => window.__labParts.client.get('pods', 'default', 'web-0'));
    const text = () => details.innerText();
    assert.match(await text(), /Pod web-0/);
    assert.ok((await text()).includes(pod.spec.nodeName));
    assert.ok((await text()).includes(pod.status.podIP));
    assert.match(await text(), /app=nginx/);
    assert.match(await text(), /Ready\s+True/);
    await page.waitForFunction(() => /index\.html/.test(document.querySelector('.ssl-pod__volume pre')?.textContent ?? ''), null, { timeout: 10_000 });
    assert.match(await details.locator('.ssl-pod__volume').innerText(), /\/usr\/share\/nginx\/html from claim www-web-0/);
    await page.waitForFunction(() => document.querySelectorAll('.ssl-pod__events li').length > 0, null, { timeout: 10_000 });
    assert.match(await details.locator('.ssl-pod__events').innerText(), /Scheduled/);
    // Arrow keys move between pods; Close puts focus back on the card.
    await page.locator('[data-pod="default/web-0"]').focus();
    await page.keyboard.press('ArrowRight');
    assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('data-pod')), 'default/web-1');
    await details.getByRole('button', { name: /Close/ }).click();
    await details.waitFor({ state: 'detached' });
    await page.context().close();
  });

  it('shows a failing image in red with a Warning in the events feed, newest last', async () => {
    const page = await openBench();
    await page.evaluate(() => window.__labParts.client.setSpeed(60));
    await run(page, 'kubectl run bad --image=doesnotexist');
    await page.waitForFunction(() => document.querySelector('[data-pod="default/bad"]')?.dataset.tone === 'failed', null, { timeout: 20_000 });
    const warning = page.locator('.ssl-feed__table tr[data-type="Warning"]').first();
    await warning.waitFor({ timeout: 10_000 });
    assert.match(await warning.innerText(), /pod\/bad/);
    // The feed is scrolled to its newest (last) row.
    const atBottom = await page.locator('.ssl-feed__scroll').evaluate((el) => el.scrollHeight - el.clientHeight - el.scrollTop < 10);
    assert.ok(atBottom);
    const rows = await page.locator('.ssl-feed__table tbody tr').count();
    assert.ok(rows >= 3);
    await page.context().close();
  });

  it('shows a stopped node as NotReady and its pod faded as unknown', async () => {
    const page = await openBench();
    await threeReadyPods(page);
    const pod = await page.evaluate(() => window.__labParts.client.get('pods', 'default', 'web-1'));
    await run(page, `lab node stop ${pod.spec.nodeName}`);
    const col = page.locator('.ssl-cluster__column--node', { hasText: pod.spec.nodeName }).first();
    await page.waitForFunction((n) => [...document.querySelectorAll('.ssl-cluster__column--node')].find((c) => c.textContent.includes(n))?.dataset.machine === 'stopped', pod.spec.nodeName, { timeout: 10_000 });
    // Node lifecycle: Ready goes Unknown after the grace period; after 300 s the pod is evicted
    // and, its kubelet gone, stays Terminating with status Unknown (kubectl's "Unknown").
    for (let i = 0; i < 30; i++) {
      const tone = await page.locator('[data-pod="default/web-1"]').getAttribute('data-tone');
      if (tone === 'unknown') break;
      await page.evaluate(() => window.__labParts.client.skipToNext());
      await page.waitForTimeout(150);
    }
    assert.equal(await col.getAttribute('data-ready'), 'Unknown');
    assert.match(await col.textContent(), /NotReady/);
    assert.equal(await page.locator('[data-pod="default/web-1"]').getAttribute('data-tone'), 'unknown');
    // kubectl says Terminating (the eviction deleted it; its kubelet cannot confirm): the picture
    // keeps that text and marks it as last known.
    assert.match(await page.locator('[data-pod="default/web-1"] > title').textContent(), /Pod web-1 is (Terminating|Running|Unknown) \(last known: its node is not responding\)/);
    await page.context().close();
  });
});

describe('accessibility of the lab parts', () => {
  it('has no serious axe violations in the picture, pod details, events feed and editor bar', async () => {
    const page = await openBench();
    await threeReadyPods(page);
    await page.locator('[data-pod="default/web-0"]').click();
    await page.locator('.ssl-pod').waitFor();
    await page.locator('.ssl-cluster__text summary').click();
    await page.addScriptTag({ path: require.resolve('axe-core/axe.min.js') });
    const result = await page.evaluate(() =>
      // @ts-ignore injected above
      window.axe.run({ include: [['.ssl-cluster'], ['.ssl-feed'], ['.ssl-editor__bar'], ['.ssl-editor__status']] }, { resultTypes: ['violations'] }),
    );
    const serious = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).slice(0, 4).join(', ')}`);
    assert.deepEqual(serious, []);
    await page.context().close();
  });
});

describe('screenshots of the lab parts', () => {
  for (const [label, viewport] of [
    ['390', PHONE],
    ['1280', DESKTOP],
  ]) {
    for (const scheme of ['light', 'dark']) {
      it(`at ${label} px, ${scheme}: the picture fits or scrolls inside the page`, async () => {
        const page = await openBench(viewport, scheme);
        await page.evaluate((s) => {
          document.documentElement.dataset.theme = s;
        }, scheme);
        await threeReadyPods(page);
        await page.locator('[data-pod="default/web-1"]').click();
        await page.locator('.ssl-pod').waitFor();
        await page.waitForTimeout(700); // transitions settle
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        assert.ok(overflow <= 0, `page does not scroll sideways (${overflow}px)`);
        await page.locator('.ssl-lab').screenshot({ path: `${SHOTS}lab-parts-${label}-${scheme}.png` });
        await page.locator('.ssl-cluster__scroll').screenshot({ path: `${SHOTS}lab-picture-${label}-${scheme}.png` });
        await page.context().close();
      });
    }
  }
});
