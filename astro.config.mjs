// @ts-check
import { defineConfig } from 'astro/config';
import starlight from '@astrojs/starlight';
import preact from '@astrojs/preact';

// The site is static: `npm run build` writes dist/, which any static file server can serve.
// Lessons live in the top-level content/ folder (see src/content.config.ts) and are rendered by
// src/pages/lessons/[...slug].astro inside Starlight's <StarlightPage>, which also receives the
// lesson sidebar (so adding a lesson folder needs no change here).
export default defineConfig({
  site: 'https://statefulset-lab.example',
  trailingSlash: 'always',
  integrations: [
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
    build: {
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
