import { describe, expect, it } from 'vitest';
import { lessonHref, siteSidebar, sortLessons, type LessonEntry } from './lessons.ts';
import { t } from '../i18n/ui.ts';

const lesson = (id: string, order: number, title = id): LessonEntry => ({
  id,
  data: { title, description: 'd', order, minutes: 5, objectives: ['o'] },
});

describe('lessons', () => {
  it('orders lessons by their order field, then by id', () => {
    const sorted = sortLessons([lesson('scaling', 3), lesson('intro', 1), lesson('b-storage', 2), lesson('a-dns', 2)]);
    expect(sorted.map((l) => l.id)).toEqual(['intro', 'a-dns', 'b-storage', 'scaling']);
  });

  it('links each lesson at /lessons/<folder>/', () => expect(lessonHref('intro')).toBe('/lessons/intro/'));

  it('builds a sidebar with the lessons in order, then About', () => {
    expect(siteSidebar([lesson('two', 2, 'Second'), lesson('one', 1, 'First')])).toEqual([
      {
        label: 'Lessons',
        items: [
          { label: 'First', link: '/lessons/one/' },
          { label: 'Second', link: '/lessons/two/' },
        ],
      },
      { label: 'About', link: '/about/' },
    ]);
  });
});

describe('ui strings', () => {
  it('fills placeholders', () => expect(t('progress.summary', { done: 1, total: 4 })).toBe('1 of 4 lessons completed'));
  it('falls back to English for a key another locale lacks', () => expect(t('home.lessons', {}, 'zh-cn')).toBe('Lessons'));
  it('leaves an unknown placeholder visible rather than dropping it', () => expect(t('lesson.minutes')).toBe('{minutes} min'));
});
