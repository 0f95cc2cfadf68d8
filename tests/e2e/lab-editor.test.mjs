// The lab's YAML editor in a real browser (src/components/lab/Editor.tsx), on the test bench page
// /dev/lab-parts/ (editor, picture and events feed with their own simulator worker, no xterm):
// schema markers, completion and hover from the generated Kubernetes schema, edits saved to the
// working folder so `kubectl apply -f` reads them, files changed from the shell shown, new files.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { DESKTOP, PHONE, browser, openPage, seriousA11yViolations, url, useBrowser } from './browser.mjs';

const PAGE = '/dev/lab-parts/';
useBrowser();

async function openBench(viewport = DESKTOP, colorScheme = 'light') {
  const page = await openPage(browser, viewport, { colorScheme });
  await page.goto(url(PAGE));
  await page.waitForSelector('html[data-lab-parts-ready]', { timeout: 20_000 });
  await page.waitForSelector('html[data-editor-ready]', { timeout: 20_000 });
  await page.waitForSelector('.ssl-editor .monaco-editor .view-lines', { timeout: 20_000 });
  return page;
}

/** The Monaco model of a file of the working folder. */
const modelText = (page, name) => page.evaluate((n) => window.__monaco.editor.getModels().find((m) => m.uri.path.endsWith('/' + n))?.getValue(), name);
const markers = (page) => page.evaluate(() => window.__monaco.editor.getModelMarkers({}).map((m) => `${m.startLineNumber}: ${m.message}`));
const run = (page, line) => page.evaluate((l) => window.__labParts.run(l), line);
const output = (page) => page.evaluate(() => window.__labParts.output());

/** Puts the cursor at the end of the first line containing `text` (via Monaco's API) and focuses it. */
async function cursorAfter(page, text) {
  return page.evaluate((t) => {
    const ed = window.__monaco.editor.getEditors()[0];
    const model = ed.getModel();
    const lines = model.getValue().split('\n');
    const i = lines.findIndex((l) => l.includes(t));
    ed.setPosition({ lineNumber: i + 1, column: lines[i].length + 1 });
    ed.revealLineInCenter(i + 1);
    ed.focus();
    return i + 1;
  }, text);
}

describe('lab editor', () => {
  it('opens web.yaml from the working folder in a tab, with no problems and no request off the site', async () => {
    const page = await openBench();
    const tab = page.getByRole('tab', { name: 'web.yaml' });
    assert.equal(await tab.getAttribute('aria-selected'), 'true');
    assert.match(await modelText(page, 'web.yaml'), /kind: StatefulSet/);
    await page.waitForTimeout(800); // the YAML worker validates
    assert.deepEqual(await markers(page), []);
    assert.equal(await page.locator('.ssl-editor__problems').innerText(), 'No problems');
    assert.deepEqual(page.externalRequests, []);
    assert.deepEqual(page.consoleErrors, []);
    await page.context().close();
  });

  it('marks a wrong type and an unknown field as the learner types them, and saves what they typed', async () => {
    const page = await openBench();
    await cursorAfter(page, 'replicas: 3');
    await page.keyboard.press('Backspace');
    await page.keyboard.type('three');
    await page.keyboard.press('Enter');
    await page.keyboard.type('bogusField: 1');
    await page.waitForFunction(() => window.__monaco.editor.getModelMarkers({}).length >= 2, null, { timeout: 10_000 });
    const ms = await markers(page);
    assert.ok(ms.some((m) => /Incorrect type\. Expected "integer"/.test(m)), ms.join('\n'));
    assert.ok(ms.some((m) => /Property bogusField is not allowed/.test(m)), ms.join('\n'));
    await page.locator('.ssl-editor').scrollIntoViewIfNeeded();
    // Drawn as squiggles (schema problems are Warnings in yaml-language-server; the lab's theme
    // draws them red).
    await page.locator('.ssl-editor .view-overlays .cdr[class*="squiggly-"]').first().waitFor({ state: 'attached' });
    assert.equal(await page.locator('.ssl-editor__problems').innerText(), '2 problems');
    // Saved to the working folder shortly after typing: kubectl reads what the editor shows.
    await page.waitForFunction(async () => (await window.__labParts.client.readFile('web.yaml')).includes('bogusField: 1'), null, { timeout: 5_000 });
    await page.context().close();
  });

  it('completes field names and shows the field documentation on hover', async () => {
    const page = await openBench();
    const line = await cursorAfter(page, 'serviceName: nginx');
    await page.keyboard.press('Enter');
    await page.keyboard.type('podMan');
    await page.evaluate(() => window.__monaco.editor.getEditors()[0].trigger('test', 'editor.action.triggerSuggest', {}));
    await page.locator('.suggest-widget .monaco-list-row', { hasText: 'podManagementPolicy' }).waitFor({ timeout: 10_000 });
    // Tab takes the suggestion.
    await page.keyboard.press('Tab');
    await page.waitForFunction(() => window.__monaco.editor.getEditors()[0].getModel().getValue().includes('podManagementPolicy'));
    await page.keyboard.press('Escape');
    await page.evaluate((l) => {
      const ed = window.__monaco.editor.getEditors()[0];
      ed.setPosition({ lineNumber: l, column: 6 });
      ed.trigger('test', 'editor.action.showHover', {});
    }, line);
    const hover = page.locator('.monaco-hover-content', { hasText: 'serviceName is the name of the service that governs this StatefulSet' });
    await hover.first().waitFor({ timeout: 10_000 });
    await page.context().close();
  });

  it('Apply writes the editor text first, then runs kubectl apply -f on it', async () => {
    const page = await openBench();
    await cursorAfter(page, 'replicas: 3');
    await page.keyboard.press('Backspace');
    await page.keyboard.type('2');
    // Apply at once, before the debounced save would have run.
    await page.getByRole('button', { name: 'Apply web.yaml' }).click();
    await page.waitForFunction(() => window.__labParts.output().includes('statefulset.apps/web created'), null, { timeout: 10_000 });
    assert.match(await output(page), /\$ kubectl apply -f web\.yaml\nservice\/nginx created\nstatefulset\.apps\/web created/);
    const replicas = await page.evaluate(async () => (await window.__labParts.client.get('statefulsets', 'default', 'web')).spec.replicas);
    assert.equal(replicas, 2);
    await page.context().close();
  });

  it('shows a file changed from the shell and a file created there as a new tab', async () => {
    const page = await openBench();
    await run(page, "echo '# changed in the terminal' >> web.yaml");
    await page.waitForFunction(() => window.__monaco.editor.getModels().find((m) => m.uri.path.endsWith('/web.yaml'))?.getValue().includes('# changed in the terminal'), null, { timeout: 10_000 });
    await run(page, "echo 'apiVersion: v1' > extra.yaml");
    await page.getByRole('tab', { name: 'extra.yaml' }).waitFor({ timeout: 10_000 });
    await page.getByRole('tab', { name: 'extra.yaml' }).click();
    await page.waitForFunction(() => window.__monaco.editor.getEditors()[0].getModel()?.uri.path.endsWith('/extra.yaml'), null, { timeout: 10_000 });
    assert.equal((await modelText(page, 'extra.yaml')).trim(), 'apiVersion: v1');
    await page.context().close();
  });

  it('makes a new file that kubectl can apply', async () => {
    const page = await openBench();
    await page.getByRole('button', { name: 'New file' }).click();
    await page.getByLabel('File name').fill('cm.yaml');
    await page.getByRole('button', { name: 'Create' }).click();
    await page.getByRole('tab', { name: 'cm.yaml' }).waitFor();
    assert.equal(await page.getByRole('tab', { name: 'cm.yaml' }).getAttribute('aria-selected'), 'true');
    await page.waitForFunction(() => window.__monaco.editor.getEditors()[0].getModel()?.uri.path.endsWith('/cm.yaml'));
    await page.evaluate(() => window.__monaco.editor.getEditors()[0].focus());
    // Typed with suggestions popping up: Enter starts a new line, it does not take a suggestion.
    // Top-level lines only (flow mappings), so Monaco's auto-indent does not get in the way.
    for (const line of ['apiVersion: v1', 'kind: ConfigMap', 'metadata: {name: settings}', 'data: {color: blue}']) {
      await page.keyboard.type(line, { delay: 20 });
      await page.waitForTimeout(300); // let the suggestion widget open, if it will
      await page.keyboard.press('Enter');
    }
    await page.getByRole('button', { name: 'Apply cm.yaml' }).click();
    await page.waitForFunction(() => window.__labParts.output().includes('configmap/settings created'), null, { timeout: 10_000 }).catch(async (e) => {
      throw new Error(`${e.message}\n--- cm.yaml:\n${await modelText(page, 'cm.yaml')}\n--- output:\n${(await output(page)).slice(-400)}`);
    });
    const cm = await page.evaluate(() => window.__labParts.client.get('configmaps', 'default', 'settings'));
    assert.deepEqual(cm.data, { color: 'blue' });
    // A name that is not a file name is refused with a message.
    await page.getByRole('button', { name: 'New file' }).click();
    await page.getByLabel('File name').fill('../x');
    await page.getByRole('button', { name: 'Create' }).click();
    await page.getByRole('alert').filter({ hasText: 'Use letters' }).waitFor();
    await page.context().close();
  });

  it('follows the site theme: light, then dark', async () => {
    const page = await openBench(DESKTOP, 'light');
    await page.evaluate(() => (document.documentElement.dataset.theme = 'light'));
    await page.waitForFunction(() => document.querySelector('.ssl-editor .monaco-editor')?.classList.contains('vs'));
    await page.evaluate(() => (document.documentElement.dataset.theme = 'dark'));
    await page.waitForFunction(() => document.querySelector('.ssl-editor .monaco-editor')?.classList.contains('vs-dark'));
    await page.context().close();
  });
});

// `kubectl edit` hands its temporary file to the editor (sandbox/kubectl/commands/edit.ts →
// services.openEditor → the worker host → Editor.tsx); what it prints comes from kubectl's
// staging/src/k8s.io/kubectl/pkg/cmd/util/editor/editoptions.go.
describe('kubectl edit in the lab editor', () => {
  /** The model of kubectl edit's temporary file. */
  const editText = (page) => page.evaluate(() => window.__monaco.editor.getModels().find((m) => m.uri.path.startsWith('/tmp/kubectl-edit-'))?.getValue());
  /** Starts a command without waiting for it to end (kubectl edit waits for the editor). */
  const start = (page, line) => page.evaluate((l) => void window.__labParts.run(l), line);
  const waitOutput = (page, text, timeout = 10_000) =>
    page.waitForFunction((t) => window.__labParts.output().includes(t), text, { timeout }).catch(async (e) => {
      throw new Error(`${e.message}\n--- output:\n${(await output(page)).slice(-800)}`);
    });
  const editTab = (page) => page.locator('.ssl-editor__edit-tab');
  const podNames = (page) => page.evaluate(async () => (await window.__labParts.client.list('pods', 'default')).map((p) => p.metadata.name).sort().join(' '));

  async function openEdit(page) {
    await start(page, 'kubectl edit sts web');
    await editTab(page).waitFor({ timeout: 10_000 });
    await page.waitForFunction(() => window.__monaco.editor.getEditors()[0].getModel()?.uri.path.startsWith('/tmp/kubectl-edit-'), null, { timeout: 10_000 });
  }

  it('opens the StatefulSet in a tab of its own; Save and apply patches it and the cluster scales down', async () => {
    const page = await openBench();
    await run(page, 'kubectl apply -f web.yaml');
    await page.evaluate(() => window.__labParts.client.setSpeed(60));
    await page.waitForFunction(async () => (await window.__labParts.client.list('pods', 'default')).filter((p) => p.status?.phase === 'Running').length === 3, null, { timeout: 20_000 });

    await openEdit(page);
    assert.match(await editTab(page).innerText(), /^kubectl-edit-\d+\.yaml$/);
    assert.equal(await editTab(page).getAttribute('aria-selected'), 'true');
    const text = await editText(page);
    assert.ok(text.startsWith("# Please edit the object below. Lines beginning with a '#' will be ignored,\n# and an empty file will abort the edit."), text.slice(0, 200));
    assert.match(text, /\nkind: StatefulSet\n/);
    assert.match(text, /\n  replicas: 3\n/);
    assert.match(await output(page), /\(editing \/tmp\/kubectl-edit-\d+\.yaml in the editor/);
    // The Kubernetes schema applies to this file too.
    await cursorAfter(page, '  replicas: 3');
    await page.keyboard.type('x');
    await page.waitForFunction(() => window.__monaco.editor.getModelMarkers({}).some((m) => m.resource.path.startsWith('/tmp/kubectl-edit-') && /Expected "integer"/.test(m.message)), null, { timeout: 10_000 });
    await page.keyboard.press('Backspace');
    await page.keyboard.press('Backspace');
    await page.keyboard.type('2');
    await page.getByRole('button', { name: 'Save and apply' }).click();
    await waitOutput(page, 'statefulset.apps/web edited');
    await editTab(page).waitFor({ state: 'detached', timeout: 5_000 });
    // Back to the working folder's files.
    assert.equal(await page.getByRole('tab', { name: 'web.yaml' }).getAttribute('aria-selected'), 'true');
    assert.equal(await page.evaluate(async () => (await window.__labParts.client.get('statefulsets', 'default', 'web')).spec.replicas), 2);
    await page.waitForFunction(async () => (await window.__labParts.client.list('pods', 'default')).length === 2, null, { timeout: 20_000 });
    assert.equal(await podNames(page), 'web-0 web-1');
    assert.deepEqual(page.consoleErrors, []);
    await page.context().close();
  });

  it('reopens an invalid edit with the API server\'s error on top; Cancel then gives up and keeps a copy', async () => {
    const page = await openBench();
    await run(page, 'kubectl apply -f web.yaml');
    await openEdit(page);
    await page.evaluate(() => {
      const m = window.__monaco.editor.getEditors()[0].getModel();
      m.setValue(m.getValue().replace('  replicas: 3', '  replicas: -1'));
    });
    await page.getByRole('button', { name: 'Save and apply' }).click();
    await waitOutput(page, 'error: statefulsets.apps "web" is invalid');
    await page.waitForFunction(() => window.__monaco.editor.getModels().some((m) => m.uri.path.startsWith('/tmp/kubectl-edit-') && m.getValue().includes('was not valid')), null, { timeout: 10_000 });
    const text = await editText(page);
    assert.match(text, /^# Please edit the object below[^]*#\n# statefulsets\.apps "web" was not valid:\n# \* spec\.replicas: Invalid value: -1: must be greater than or equal to 0\n#\n/);
    assert.match(text, /\n  replicas: -1\n/);
    await page.getByRole('button', { name: 'Cancel' }).click();
    await waitOutput(page, 'error: Edit cancelled, no valid changes were saved.');
    assert.match(await output(page), /A copy of your changes has been stored to "\/tmp\/kubectl-edit-\d+\.yaml"\nerror: Edit cancelled, no valid changes were saved\./);
    await editTab(page).waitFor({ state: 'detached', timeout: 5_000 });
    assert.equal(await page.evaluate(async () => (await window.__labParts.client.get('statefulsets', 'default', 'web')).spec.replicas), 3);
    await page.context().close();
  });

  it('Cancel changes nothing ("Edit cancelled, no changes made."), and Ctrl+S in the tab saves', async () => {
    const page = await openBench();
    await run(page, 'kubectl apply -f web.yaml');
    await openEdit(page);
    await page.getByRole('button', { name: 'Cancel' }).click();
    await waitOutput(page, 'Edit cancelled, no changes made.');
    await editTab(page).waitFor({ state: 'detached', timeout: 5_000 });

    await openEdit(page);
    await cursorAfter(page, '  replicas: 3');
    await page.keyboard.press('Backspace');
    await page.keyboard.type('1');
    await page.keyboard.press('Control+s');
    await waitOutput(page, 'statefulset.apps/web edited');
    assert.equal(await page.evaluate(async () => (await window.__labParts.client.get('statefulsets', 'default', 'web')).spec.replicas), 1);
    // The edit's file never shows up among the working folder's files.
    assert.ok(!(await page.evaluate(async () => (await window.__labParts.client.listFiles()).map((f) => f.path))).some((p) => p.startsWith('/tmp/')));
    await page.context().close();
  });
});

// The same parts inside a lesson's full lab (src/components/lab/LabApp.tsx mounts them).
describe('the editor and picture in a lesson lab', () => {
  const LESSON = '/lessons/what-is-a-statefulset/';

  it('marks a schema error, and Apply runs kubectl in the terminal and fills the picture pod by pod', async (t) => {
    const page = await openPage(browser, DESKTOP);
    await page.goto(url(LESSON));
    if (!(await page.locator('.ssl-lab').count())) return t.skip('this lesson has no lab');
    await page.locator('.ssl-lab').first().scrollIntoViewIfNeeded();
    await page.waitForSelector('html[data-lab-ready]', { timeout: 30_000 });
    await page.waitForSelector('html[data-editor-ready]', { timeout: 30_000 });
    await page.waitForSelector('.ssl-editor .monaco-editor .view-lines', { timeout: 20_000 });
    await page.waitForSelector('.ssl-cluster[data-loaded="true"]', { timeout: 20_000 });

    await cursorAfter(page, 'replicas: 3');
    await page.keyboard.type('x');
    await page.waitForFunction(() => window.__monaco.editor.getModelMarkers({}).some((m) => /Expected "integer"/.test(m.message)), null, { timeout: 10_000 });
    await page.keyboard.press('Control+z');
    await page.waitForFunction(() => window.__monaco.editor.getModelMarkers({}).length === 0, null, { timeout: 10_000 });

    await page.getByRole('button', { name: 'Apply web.yaml' }).click();
    await page.waitForFunction(() => window.__lab?.text().includes('statefulset.apps/web created'), null, { timeout: 10_000 });
    assert.match(await page.evaluate(() => window.__lab.text()), /kubectl apply -f web\.yaml/);
    await page.evaluate(() => window.__lab.client.setSpeed(10));
    const seen = [];
    for (let i = 0; i < 400; i++) {
      const pods = (await page.locator('.ssl-cluster__pod').evaluateAll((els) => els.map((e) => e.dataset.pod.split('/')[1]))).join(' ');
      if (seen.at(-1) !== pods) seen.push(pods);
      if (pods.split(' ').length === 3 && (await page.locator('.ssl-cluster__pod[data-tone="ready"]').count()) === 3) break;
      await page.waitForTimeout(100);
    }
    assert.deepEqual(seen.filter(Boolean).slice(0, 3), ['web-0', 'web-0 web-1', 'web-0 web-1 web-2'], seen.join(' | '));
    await page.locator('[data-pod="default/web-2"]').click();
    await page.locator('.ssl-pod').getByText('Pod web-2').waitFor();
    assert.deepEqual(page.externalRequests, []);
    assert.deepEqual(page.consoleErrors, []);
    await page.context().close();
  });
});

describe('kubectl edit typed in a lesson lab\'s terminal', () => {
  const LESSON = '/lessons/what-is-a-statefulset/';
  const termText = (page) => page.evaluate(() => window.__lab.text());

  async function openLesson(viewport) {
    const page = await openPage(browser, viewport);
    await page.goto(url(LESSON));
    await page.locator('.ssl-lab').first().scrollIntoViewIfNeeded();
    await page.waitForSelector('html[data-lab-ready]', { timeout: 30_000 });
    await page.evaluate(() => window.__lab.client.runCommand('kubectl apply -f web.yaml'));
    return page;
  }
  async function typeInTerminal(page, line) {
    await page.locator('.ssl-term textarea').focus();
    await page.keyboard.type(line);
    await page.keyboard.press('Enter');
  }

  it('opens the editor from the terminal, Ctrl-C there cancels, and Save and apply edits', async () => {
    const page = await openLesson(DESKTOP);
    await page.waitForSelector('html[data-editor-ready]', { timeout: 30_000 });
    await typeInTerminal(page, 'kubectl edit sts web');
    await page.locator('.ssl-editor__edit-tab').waitFor({ timeout: 10_000 });
    // The terminal waits without freezing the page; Ctrl-C there ends kubectl and closes the tab.
    await page.locator('.ssl-term textarea').focus();
    await page.keyboard.press('Control+c');
    await page.locator('.ssl-editor__edit-tab').waitFor({ state: 'detached', timeout: 5_000 });
    await page.waitForFunction(() => /\^C\n\$ $/.test(window.__lab.text().trimEnd() + ' '), null, { timeout: 5_000 }).catch(async (e) => {
      throw new Error(`${e.message}\n${(await termText(page)).slice(-300)}`);
    });

    await typeInTerminal(page, 'kubectl edit sts web');
    await page.locator('.ssl-editor__edit-tab').waitFor({ timeout: 10_000 });
    await page.waitForFunction(() => window.__monaco.editor.getEditors()[0].getModel()?.uri.path.startsWith('/tmp/kubectl-edit-'), null, { timeout: 10_000 });
    await cursorAfter(page, '  replicas: 3');
    await page.keyboard.press('Backspace');
    await page.keyboard.type('2');
    await page.getByRole('button', { name: 'Save and apply' }).click();
    await page.waitForFunction(() => window.__lab.text().includes('statefulset.apps/web edited'), null, { timeout: 10_000 });
    assert.equal(await page.evaluate(async () => (await window.__lab.client.get('statefulsets', 'default', 'web')).spec.replicas), 2);
    // Back at the prompt: the next command can be typed at once.
    await page.waitForFunction(() => !!document.activeElement?.closest('.ssl-term'), null, { timeout: 5_000 });
    assert.deepEqual(page.consoleErrors, []);
    await page.context().close();
  });

  it('on a phone, switches to the Editor tab for the edit and back to the Terminal after', async () => {
    const page = await openLesson(PHONE);
    await page.evaluate(() => void window.__lab.client.runCommand('kubectl edit sts web'));
    await page.locator('.ssl-editor__edit-tab').waitFor({ timeout: 30_000 });
    assert.equal(await page.getByRole('tab', { name: 'Editor' }).getAttribute('aria-selected'), 'true');
    await page.waitForFunction(() => window.__monaco?.editor.getEditors()[0]?.getModel()?.uri.path.startsWith('/tmp/kubectl-edit-'), null, { timeout: 10_000 });
    assert.deepEqual(await seriousA11yViolations(page), []);
    await page.getByRole('button', { name: 'Cancel' }).click();
    await page.waitForFunction(() => window.__lab.text().includes('Edit cancelled, no changes made.'), null, { timeout: 10_000 });
    await page.waitForFunction(() => document.querySelector('#ssl-tab-terminal')?.getAttribute('aria-selected') === 'true', null, { timeout: 5_000 });
    await page.context().close();
  });
});
