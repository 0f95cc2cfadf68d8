import { defineCollection } from 'astro:content';
import { glob } from 'astro/loaders';
import { docsSchema } from '@astrojs/starlight/schema';
import { lessonSchema } from './lib/lesson-schema.ts';

export const collections = {
  // Starlight expects a `docs` collection. Every page of this site is rendered through
  // <StarlightPage> from src/pages/, so the collection is intentionally empty.
  docs: defineCollection({ loader: async () => [], schema: docsSchema() }),
  // One folder per lesson: content/<lesson-id>/index.mdx (lab.yaml and quiz data sit beside it).
  // The folder name is the lesson id, its URL (/lessons/<id>/) and its progress key.
  lessons: defineCollection({
    loader: glob({ pattern: '*/index.mdx', base: './content' }),
    schema: lessonSchema,
  }),
};
