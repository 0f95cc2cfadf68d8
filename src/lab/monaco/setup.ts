// Monaco with monaco-yaml and the Kubernetes schema, loaded only with `import()` when the lab's
// editor is first shown (src/components/lab/Editor.tsx). Workers are bundled by Vite (`?worker`),
// so nothing comes from a CDN.
//
// Versions are pinned on purpose: monaco-editor 0.52.2 with monaco-yaml 5.5.1. Newer Monaco
// (>= 0.54) changed createWebWorker and monaco-yaml's worker is then never used
// (shared/reference/stack-notes.md §3).
import * as monaco from 'monaco-editor/esm/vs/editor/editor.api';
import 'monaco-editor/esm/vs/editor/editor.all';
import 'monaco-editor/esm/vs/basic-languages/yaml/yaml.contribution';
import { configureMonacoYaml } from 'monaco-yaml';
import EditorWorker from 'monaco-editor/esm/vs/editor/editor.worker?worker';
import YamlWorker from 'monaco-yaml/yaml.worker?worker';
// Raw text rather than a JSON module: JSON.parse of a string is faster than a 300 kB object
// literal, and type-checking stays cheap.
import schemaText from '../../schemas/k8s.schema.json?raw';
import { MONACO_CSS } from './css.ts';
import { ignoreMonacoCancellation } from './ignore-cancellation.ts';
export { escapeThenTabLeaves } from './escape-then-tab.ts';

export type Monaco = typeof monaco;

(self as unknown as { MonacoEnvironment: monaco.Environment }).MonacoEnvironment = {
  getWorker: (_id: string, label: string) => (label === 'yaml' ? new YamlWorker() : new EditorWorker()),
};

ignoreMonacoCancellation();

/** Where the schema is said to live: never fetched (enableSchemaRequest: false). */
export const SCHEMA_URI = 'https://statefulset-lab.example/schemas/k8s.schema.json';

configureMonacoYaml(monaco, {
  enableSchemaRequest: false,
  // Kubernetes mode: among the kinds, the one whose `kind` matches is used to report problems.
  isKubernetes: true,
  validate: true,
  completion: true,
  hover: true,
  format: { enable: false },
  schemas: [{ uri: SCHEMA_URI, fileMatch: ['*.yaml', '*.yml', '**/*.yaml', '**/*.yml'], schema: JSON.parse(schemaText) }],
});

// Themes on the same backgrounds as the lab's terminal (Lab.css .ssl-term), so the two panes
// side by side look like one surface in either site theme. yaml-language-server reports every
// schema problem (unknown field, wrong type) as a Warning; kubectl refuses them, so they are drawn
// red, like errors.
function defineThemes() {
  // Token colours darkened (light) or lightened (dark) from Monaco's defaults where those miss
  // the WCAG AA contrast of 4.5:1 on these backgrounds (comments, numbers, keys).
  monaco.editor.defineTheme('ssl-light', {
    base: 'vs',
    inherit: true,
    rules: [
      { token: 'comment', foreground: '006b00' },
      { token: 'number', foreground: '0a6b4a' },
      { token: 'type', foreground: '006c75' },
    ],
    // The dimmed number of a file's last, empty line is faint by default (axe color-contrast).
    colors: { 'editor.background': '#fbfbfc', 'editorLineNumber.dimmedForeground': '#5c6370', 'editorWarning.foreground': '#e51400', 'editorOverviewRuler.warningForeground': '#e51400' },
  });
  monaco.editor.defineTheme('ssl-dark', {
    base: 'vs-dark',
    inherit: true,
    rules: [
      { token: 'comment', foreground: '84b070' },
      { token: 'number', foreground: 'b5cea8' },
    ],
    colors: { 'editor.background': '#17181c', 'editorLineNumber.dimmedForeground': '#9da5b4', 'editorWarning.foreground': '#f14c4c', 'editorOverviewRuler.warningForeground': '#f14c4c' },
  });
}

export function currentTheme(): 'ssl-light' | 'ssl-dark' {
  return document.documentElement.dataset.theme === 'light' ? 'ssl-light' : 'ssl-dark';
}

let themeWatch: MutationObserver | undefined;
/** Follows Starlight's html[data-theme] (light/dark switch) for every editor on the page. */
function followTheme() {
  if (themeWatch) return;
  defineThemes();
  monaco.editor.setTheme(currentTheme());
  themeWatch = new MutationObserver(() => monaco.editor.setTheme(currentTheme()));
  themeWatch.observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme'] });
}

let cssAdded = false;
/** Monaco's stylesheet, added when the editor first opens (never on pages that do not open it). */
function addCss() {
  if (cssAdded || !MONACO_CSS) return;
  cssAdded = true;
  const style = document.createElement('style');
  style.dataset.monaco = '';
  style.textContent = MONACO_CSS;
  document.head.appendChild(style);
}

export function fileUri(path: string): monaco.Uri {
  return monaco.Uri.file(path);
}

export function createEditor(el: HTMLElement, options: monaco.editor.IStandaloneEditorConstructionOptions = {}) {
  addCss();
  followTheme();
  return monaco.editor.create(el, {
    automaticLayout: true,
    minimap: { enabled: false },
    scrollBeyondLastLine: false,
    fontSize: 13,
    tabSize: 2,
    insertSpaces: true,
    wordWrap: 'off',
    renderWhitespace: 'boundary',
    quickSuggestions: { other: true, comments: false, strings: true },
    // Enter always starts a new line (typing `apiVersion: v1` + Enter must not be swallowed by
    // the suggestion `v1`); Tab takes a suggestion.
    acceptSuggestionOnEnter: 'off',
    fixedOverflowWidgets: true,
    theme: currentTheme(),
    ...options,
  });
}

export { monaco };
