// Monaco's stylesheet as text, added to the page by setup.ts when the editor first opens.
// The build drops the ~100 small .css files Monaco's ESM modules import (the
// `monacoCssToLazyStyle` Vite plugin in astro.config.mjs): left in,
// Astro links them on every page of the route. This prebuilt bundle of the same rules is used
// instead, so lesson pages carry no Monaco CSS until the editor is shown.
import css from 'monaco-editor/min/vs/editor/editor.main.css?inline';

export const MONACO_CSS: string = css;
