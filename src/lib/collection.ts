import { getCollection } from 'astro:content';
import { siteSidebar, sortLessons } from './lessons.ts';

/** All lessons of content/, in course order. */
export async function getLessons() {
  return sortLessons(await getCollection('lessons'));
}

/** The sidebar for <StarlightPage>, built from the lessons collection. */
export async function getSidebar() {
  return siteSidebar(await getLessons());
}
