import { useEffect, useState } from 'preact/hooks';
import { onProgressChange, readProgress, updateProgress } from '../lib/progress.ts';
import { useTranslations, type Locale } from '../i18n/ui.ts';
import './CompleteLesson.css';

interface Props {
  lessonId: string;
  locale?: Locale;
}

/** Island at the end of a lesson: marks the lesson complete (or not) in the learner's progress. */
export default function CompleteLesson({ lessonId, locale }: Props) {
  const t = useTranslations(locale);
  const [completed, setCompleted] = useState(false);

  useEffect(() => {
    const load = () => setCompleted(Boolean(readProgress(lessonId).completed));
    load();
    return onProgressChange(load);
  }, [lessonId]);

  return (
    <div class="ssl-complete not-content" data-completed={completed ? 'true' : 'false'}>
      {completed ? (
        <>
          <p class="ssl-complete__done" role="status">
            <svg aria-hidden="true" viewBox="0 0 24 24" width="20" height="20">
              <path fill="currentColor" d="M9 16.2 4.8 12l-1.4 1.4L9 19 21 7l-1.4-1.4z" />
            </svg>
            {t('progress.markedComplete')}
          </p>
          <button type="button" class="ssl-complete__undo" onClick={() => updateProgress(lessonId, { completed: undefined })}>
            {t('progress.undo')}
          </button>
        </>
      ) : (
        <button type="button" class="ssl-complete__button" onClick={() => updateProgress(lessonId, { visited: true, completed: true })}>
          {t('progress.markComplete')}
        </button>
      )}
    </div>
  );
}
