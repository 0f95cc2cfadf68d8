// The lab's goals as a live checklist (each re-checked by its kubectl probe after every change),
// hints on request, a "show solution" that reveals the commands, and a quiet note when all pass.
// Which hints are open and whether the solution shows is the lab's saved view (persist.ts
// LabViewState): LabApp keeps it, so a reload shows the goals as the learner left them.
import { useRef } from 'preact/hooks';
import type { GoalStatus } from '../../lab/protocol.ts';
import type { LabViewState } from '../../lab/persist.ts';
import { t } from '../../i18n/lab.ts';

interface Props {
  /** Start folded (phones). */
  folded?: boolean;
  goals: GoalStatus[];
  hints: string[];
  solution: string[];
  view: LabViewState;
  onView(view: LabViewState): void;
  onRun(line: string): void;
}

export default function Goals({ folded, goals, hints, solution, view, onView, onRun }: Props) {
  const met = goals.filter((g) => g.passed).length;
  const all = goals.length > 0 && met === goals.length;
  // Folded on phones, unless the learner has a hint or the solution open (after a reload too).
  // Once unfolded it stays so: the learner's own click on the summary is theirs to undo.
  const unfold = useRef(false);
  if (view.hints.length > 0 || view.solution || view.moreHints) unfold.current = true;
  const toggleHint = (id: string) => onView({ ...view, hints: view.hints.includes(id) ? view.hints.filter((h) => h !== id) : [...view.hints, id] });
  return (
    <details class="ssl-goals" open={!folded || unfold.current} data-all-met={all ? 'true' : 'false'}>
      <summary>
        {t('lab.goals')} <span class="ssl-goals__count">{t('lab.goals.count', { met, total: goals.length })}</span>
      </summary>
      <ol class="ssl-goals__list">
        {goals.map((g) => {
          const open = view.hints.includes(g.id);
          return (
            <li key={g.id} class="ssl-goals__goal" data-goal={g.id} data-passed={g.passed ? 'true' : 'false'}>
              <span class="ssl-goals__mark" aria-hidden="true">
                {g.passed ? '✓' : '○'}
              </span>
              <span class="ssl-goals__title">
                {g.title}
                <span class="sr-only">{g.passed ? t('lab.goals.met') : t('lab.goals.notMet')}</span>
              </span>
              {!g.passed && g.hints.length > 0 && (
                <button type="button" class="ssl-goals__hint-toggle" aria-expanded={open} aria-controls={`ssl-hint-${g.id}`} onClick={() => toggleHint(g.id)}>
                  {t('lab.goals.hint')}
                  <span class="sr-only">{t('lab.goals.hintFor', { goal: g.title })}</span>
                </button>
              )}
              {!g.passed && open && (
                <p class="ssl-goals__hint-text" id={`ssl-hint-${g.id}`}>
                  {g.hints.join(' ')}
                </p>
              )}
            </li>
          );
        })}
      </ol>
      <p class="ssl-goals__done" role="status" aria-live="polite">
        {all ? t('lab.goals.allMet') : ''}
      </p>
      <div class="ssl-goals__more">
        {hints.length > 0 && (
          <details class="ssl-goals__hint" open={view.moreHints} onToggle={(e) => (e.currentTarget as HTMLDetailsElement).open !== view.moreHints && onView({ ...view, moreHints: (e.currentTarget as HTMLDetailsElement).open })}>
            <summary>{t('lab.goals.moreHints')}</summary>
            {hints.map((h, i) => (
              <p key={i}>{h}</p>
            ))}
          </details>
        )}
        {solution.length > 0 && (
          <button type="button" aria-expanded={view.solution} aria-controls="ssl-goals-solution" onClick={() => onView({ ...view, solution: !view.solution })}>
            {view.solution ? t('lab.goals.hideSolution') : t('lab.goals.showSolution')}
          </button>
        )}
        {view.solution && (
          <ol class="ssl-goals__solution" id="ssl-goals-solution" aria-label={t('lab.goals.solution')}>
            {solution.map((c, i) => (
              <li key={i}>
                <code>{c}</code>{' '}
                <button type="button" aria-label={t('lab.goals.runLabel', { command: c })} onClick={() => onRun(c)}>
                  {t('lab.goals.run')}
                </button>
              </li>
            ))}
          </ol>
        )}
      </div>
    </details>
  );
}
