import { useEffect, useState } from 'preact/hooks';
import { clearProgress, lessonStatus, onProgressChange, quizScore, readProgress, type LessonProgress } from '../lib/progress.ts';
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
 * Island: the ordered lesson list with each lesson's progress from localStorage (status and quiz
 * score). The server renders every lesson as not started; the browser then fills in what it has
 * stored.
 */
export default function LessonList({ lessons, locale }: Props) {
  const t = useTranslations(locale);
  // Each lesson's whole stored progress object, so that anything shown here reads the same value.
  const [progress, setProgress] = useState<Record<string, LessonProgress>>({});

  useEffect(() => {
    const load = () => setProgress(Object.fromEntries(lessons.map((l) => [l.id, readProgress(l.id)])));
    load();
    return onProgressChange(load);
  }, [lessons]);

  const statusOf = (id: string) => lessonStatus(progress[id] ?? { v: 1 });
  const done = lessons.filter((l) => statusOf(l.id) === 'completed').length;
  const anyProgress = lessons.some((l) => statusOf(l.id) !== 'not-started');

  return (
    <div class="ssl-lessons not-content">
      <ol class="ssl-lessons__list">
        {lessons.map((lesson, i) => {
          const status = statusOf(lesson.id);
          const quiz = quizScore(progress[lesson.id] ?? { v: 1 });
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
                  {quiz && (
                    <span class="ssl-lessons__quiz" data-testid="quiz-score" data-complete={quiz.answered === quiz.total ? 'true' : 'false'}>
                      <span aria-hidden="true">{t('progress.quiz', { ...quiz })}</span>
                      <span class="ssl-lessons__sr sr-only">{t('progress.quizLabel', { ...quiz })}</span>
                    </span>
                  )}
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
