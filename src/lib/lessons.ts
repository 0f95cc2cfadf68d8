import type { LessonFrontmatter } from './lesson-schema.ts';
import { t, type Locale } from '../i18n/ui.ts';

/** What the site needs of a lesson entry (an entry of the `lessons` collection). */
export interface LessonEntry {
  id: string;
  data: LessonFrontmatter;
}

/** The lesson's URL. Lessons live at /lessons/<folder name>/. */
export function lessonHref(id: string): string {
  return `/lessons/${id}/`;
}

/** Lessons in course order: by `order`, then by id so equal orders stay stable. */
export function sortLessons<T extends LessonEntry>(lessons: readonly T[]): T[] {
  return [...lessons].sort((a, b) => a.data.order - b.data.order || a.id.localeCompare(b.id));
}

/**
 * The sidebar every page shows, passed to <StarlightPage sidebar={...}>. Starlight marks the
 * current page and derives previous/next links from its order.
 */
export function siteSidebar(lessons: readonly LessonEntry[], locale: Locale = 'en') {
  return [
    {
      label: t('sidebar.lessons', {}, locale),
      items: sortLessons(lessons).map((lesson) => ({ label: lesson.data.title, link: lessonHref(lesson.id) })),
    },
    { label: t('sidebar.about', {}, locale), link: '/about/' },
  ];
}
