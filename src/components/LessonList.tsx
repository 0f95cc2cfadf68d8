import { useEffect, useState } from 'preact/hooks';
import { clearProgress, lessonStatus, onProgressChange, readProgress, type LessonStatus } from '../lib/progress.ts';
import { useTranslations, type Locale } from '../i18n/ui.ts';
import './LessonList.css';

export interface LessonSummary {
  id: string;
  title: string;
  description: string;
  minutes: number;
  href: string;
}

interface Props {
  lessons: LessonSummary[];
  locale?: Locale;
}

const statusKey = {
  'not-started': 'progress.notStarted',
  'in-progress': 'progress.inProgress',
  completed: 'progress.completed',
} as const;

/**
 * Island: the ordered lesson list with each lesson's progress from localStorage. The server
 * renders every lesson as not started; the browser then fills in what it has stored.
 */
export default function LessonList({ lessons, locale }: Props) {
  const t = useTranslations(locale);
  const [statuses, setStatuses] = useState<Record<string, LessonStatus>>({});

  useEffect(() => {
    const load = () => setStatuses(Object.fromEntries(lessons.map((l) => [l.id, lessonStatus(readProgress(l.id))])));
    load();
    return onProgressChange(load);
  }, [lessons]);

  const done = lessons.filter((l) => statuses[l.id] === 'completed').length;
  const anyProgress = lessons.some((l) => (statuses[l.id] ?? 'not-started') !== 'not-started');

  return (
    <div class="ssl-lessons not-content">
      <ol class="ssl-lessons__list">
        {lessons.map((lesson, i) => {
          const status = statuses[lesson.id] ?? 'not-started';
          return (
            <li class="ssl-lessons__item" data-lesson={lesson.id} data-status={status} key={lesson.id}>
              <span class="ssl-lessons__number" aria-hidden="true">
                {i + 1}
              </span>
              <div class="ssl-lessons__body">
                <a class="ssl-lessons__title" href={lesson.href}>
                  {lesson.title}
                </a>
                <p class="ssl-lessons__description">{lesson.description}</p>
                <p class="ssl-lessons__meta">
                  <span>{t('lesson.minutes', { minutes: lesson.minutes })}</span>
                  <span class={`ssl-lessons__status ssl-lessons__status--${status}`}>{t(statusKey[status])}</span>
                </p>
              </div>
            </li>
          );
        })}
      </ol>
      <p class="ssl-lessons__summary">
        <strong data-testid="progress-summary">{t('progress.summary', { done, total: lessons.length })}</strong>
        <span aria-hidden="true"> · </span>
        {t('home.progress.note')}{' '}
        {anyProgress && (
          <button type="button" class="ssl-lessons__reset" onClick={() => clearProgress()}>
            {t('home.progress.reset')}
          </button>
        )}
      </p>
    </div>
  );
}
