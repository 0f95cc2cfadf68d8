// The lab's goals as a live checklist (each re-checked by its kubectl probe after every change),
// hints on request, a "show solution" that reveals the commands, and a quiet note when all pass.
import { useState } from 'preact/hooks';
import type { GoalStatus } from '../../lab/protocol.ts';

interface Props {
  /** Start folded (phones). */
  folded?: boolean;
  goals: GoalStatus[];
  hints: string[];
  solution: string[];
  onRun(line: string): void;
}

export default function Goals({ folded, goals, hints, solution, onRun }: Props) {
  const [showSolution, setShowSolution] = useState(false);
  const [openHint, setOpenHint] = useState('');
  const met = goals.filter((g) => g.passed).length;
  const all = goals.length > 0 && met === goals.length;
  return (
    <details class="ssl-goals" open={!folded} data-all-met={all ? 'true' : 'false'}>
      <summary>
        Goals <span class="ssl-goals__count">{met} of {goals.length} met</span>
      </summary>
      <ol class="ssl-goals__list">
        {goals.map((g) => (
          <li key={g.id} class="ssl-goals__goal" data-goal={g.id} data-passed={g.passed ? 'true' : 'false'}>
            <span class="ssl-goals__mark" aria-hidden="true">
              {g.passed ? '✓' : '○'}
            </span>
            <span class="ssl-goals__title">
              {g.title}
              <span class="sr-only">{g.passed ? ' (met)' : ' (not met yet)'}</span>
            </span>
            {!g.passed && g.hints.length > 0 && (
              <button type="button" class="ssl-goals__hint-toggle" aria-expanded={openHint === g.id} aria-controls={`ssl-hint-${g.id}`} onClick={() => setOpenHint(openHint === g.id ? '' : g.id)}>
                Hint<span class="sr-only"> for: {g.title}</span>
              </button>
            )}
            {!g.passed && openHint === g.id && (
              <p class="ssl-goals__hint-text" id={`ssl-hint-${g.id}`}>
                {g.hints.join(' ')}
              </p>
            )}
          </li>
        ))}
      </ol>
      <p class="ssl-goals__done" role="status" aria-live="polite">
        {all ? 'All goals met. Well done: try breaking something with the node buttons and watch what Kubernetes does.' : ''}
      </p>
      <div class="ssl-goals__more">
        {hints.length > 0 && (
          <details class="ssl-goals__hint">
            <summary>More hints</summary>
            {hints.map((h, i) => (
              <p key={i}>{h}</p>
            ))}
          </details>
        )}
        {solution.length > 0 && (
          <button type="button" aria-expanded={showSolution} onClick={() => setShowSolution(!showSolution)}>
            {showSolution ? 'Hide solution' : 'Show solution'}
          </button>
        )}
        {showSolution && (
          <ol class="ssl-goals__solution" aria-label="Solution">
            {solution.map((c, i) => (
              <li key={i}>
                <code>{c}</code>{' '}
                <button type="button" aria-label={`Run ${c}`} onClick={() => onRun(c)}>
                  Run
                </button>
              </li>
            ))}
          </ol>
        )}
      </div>
    </details>
  );
}
