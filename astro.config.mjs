// @ts-check
import { defineConfig } from 'astro/config';
import starlight from '@astrojs/starlight';
import preact from '@astrojs/preact';
import sitemap from '@astrojs/sitemap';
import { fileURLToPath } from 'node:url';

/** Drops the ~100 small CSS files Monaco's ESM modules import: left in, Astro follows the dynamic
 *  imports (Lab → LabApp → Editor → src/lab/monaco/setup.ts) and links the result (126 kB) from
 *  every lab page before the lab is even opened. src/lab/monaco/css.ts adds Monaco's prebuilt
 *  stylesheet (the same rules) as a <style> when the editor first opens. */
function monacoCssToLazyStyle() {
  return {
    name: 'monaco-css-to-lazy-style',
    enforce: /** @type {const} */ ('pre'),
    /** @param {string} id @param {string | undefined} importer */
    resolveId(id, importer) {
      if (id.endsWith('.css') && importer?.includes('/monaco-editor/esm/')) return '\0monaco-empty-css';
    },
    /** @param {string} id */
    load(id) {
      if (id === '\0monaco-empty-css') return 'export {}';
    },
  };
}

/** monaco-yaml's worker imports Prettier only to format documents, which the lab turns off
 *  (setup.ts `format: { enable: false }`): its imports of Prettier resolve to a stub, which takes
 *  the YAML worker from ~1.0 MB to ~0.6 MB. Only imports from monaco-yaml and yaml-language-server
 *  are redirected; validation, completion and hover do not use Prettier. */
const PRETTIER_STUB = fileURLToPath(new URL('./src/lab/monaco/prettier-stub.ts', import.meta.url));
function monacoYamlWithoutPrettier() {
  return {
    name: 'monaco-yaml-without-prettier',
    enforce: /** @type {const} */ ('pre'),
    /** @param {string} id @param {string | undefined} importer */
    resolveId(id, importer) {
      if (/^prettier(\/|$)/.test(id) && importer && /[\\/](monaco-yaml|yaml-language-server)[\\/]/.test(importer)) return PRETTIER_STUB;
    },
  };
}

// The site is static: `npm run build` writes dist/, which any static file server can serve.
// Lessons live in the top-level content/ folder (see src/content.config.ts) and are rendered by
// src/pages/lessons/[...slug].astro inside Starlight's <StarlightPage>, which also receives the
// lesson sidebar (so adding a lesson folder needs no change here).
export default defineConfig({
  site: 'https://statefulset-lab.example',
  trailingSlash: 'always',
  integrations: [
    // Starlight adds @astrojs/sitemap itself unless it is already there: here, so that pages
    // kept out of search engines (the noindex test harness under /dev/) stay out of the sitemap.
    sitemap({ filter: (page) => !new URL(page).pathname.startsWith('/dev/') }),
    starlight({
      title: 'StatefulSet Lab',
      description: 'Learn Kubernetes StatefulSets hands-on, with a Kubernetes simulator that runs in your browser.',
      logo: { src: './src/assets/logo.svg' },
      favicon: '/favicon.svg',
      customCss: ['./src/styles/custom.css'],
      // Our own 404 page (src/pages/404.astro) shows the lesson sidebar.
      disable404Route: true,
      // English is the root locale; a Simplified Chinese locale (`zh-cn`) is added here later,
      // with the translations in src/i18n/ui.ts.
      defaultLocale: 'root',
      locales: { root: { label: 'English', lang: 'en' } },
      pagination: true,
      components: {
        // Adds the visible keyboard hint to the search button's accessible name.
        Search: './src/components/starlight/Search.astro',
      },
      lastUpdated: false,
    }),
    preact(),
  ],
  vite: {
    plugins: [monacoCssToLazyStyle(), monacoYamlWithoutPrettier()],
    // Module workers (the lab's simulator, Monaco's editor and YAML workers): `new Worker(url,
    // { type: 'module' })` in src/lab/client.ts, and code splitting inside workers.
    worker: { format: 'es', plugins: () => [monacoYamlWithoutPrettier()] },
    optimizeDeps: {
      // `astro dev` only: Monaco and monaco-yaml's CommonJS dependencies, pre-bundled up front.
      // Found late (when the editor first opens), Vite re-optimizes and answers the page's
      // requests with 504 "Outdated Optimize Dep", and the YAML worker fails with "module is not
      // defined" (shared/reference/stack-notes.md §3). Build and preview do not use this.
      include: [
        // The lab (Lab.tsx → LabApp.tsx, the simulator's worker) is loaded with import(), which
        // the scan does not follow: its dependencies are listed too.
        'comlink',
        'idb-keyval',
        'yaml',
        '@xterm/xterm',
        '@xterm/addon-fit',
        '@xterm/addon-web-links',
        'monaco-editor/esm/vs/editor/editor.api',
        'monaco-editor/esm/vs/editor/editor.all',
        'monaco-editor/esm/vs/basic-languages/yaml/yaml.contribution',
        'monaco-yaml',
        'monaco-yaml > path-browserify',
        'monaco-yaml > vscode-languageserver-types',
        'monaco-yaml > vscode-languageserver-textdocument',
        'monaco-yaml > vscode-uri',
        'monaco-yaml > jsonc-parser',
        'monaco-yaml > yaml',
      ],
      // The dependency scan compiles our .tsx itself, with React's JSX runtime unless told; on
      // LabApp.tsx (its import.meta.glob goes through the scanner's own transform) it then looks
      // for react/jsx-dev-runtime, fails, and skips the scan: every dependency is then found late.
      rolldownOptions: { transform: { jsx: { runtime: 'automatic', importSource: 'preact' } } },
    },
    build: {
      // Monaco's lazy chunk is ~3.6 MB (0.9 MB gzip), loaded only when the lab's editor shows.
      chunkSizeWarningLimit: 4096,
      rolldownOptions: {
        onLog(level, log, handler) {
          // Harmless Astro 7 + Rolldown warning emitted once per .mdx file (withastro/astro#18087).
          if (log.code === 'MODULE_LEVEL_DIRECTIVE' && String(log.message).includes('astro:head-inject')) return;
          handler(level, log);
        },
      },
    },
  },
});
