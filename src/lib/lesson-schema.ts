import { z } from 'astro/zod';

/** Frontmatter of a lesson (content/<id>/index.mdx). Checked at build time. */
export const lessonSchema = z.object({
  title: z.string().min(1),
  /** One sentence; shown on the home page and used as the page's meta description. */
  description: z.string().min(1),
  /** Position in the course: lessons are listed by ascending `order`. */
  order: z.number().int().nonnegative(),
  /** Estimated time to read the lesson and do its lab, in minutes. */
  minutes: z.number().int().positive(),
  /** "What you will learn": short outcomes, shown at the top of the lesson. */
  objectives: z.array(z.string().min(1)).min(1),
});

export type LessonFrontmatter = z.infer<typeof lessonSchema>;
