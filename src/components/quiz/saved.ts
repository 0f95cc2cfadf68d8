// What the quiz keeps in the learner's progress (src/lib/progress.ts, field `quiz`), and how a
// saved value is read back: answers that no longer fit the quiz (it was edited) are dropped.
import type { QuizDefinition } from '../../lib/quiz-schema.ts';
import { checkAnswer, isValidAnswer, type Answer } from './answers.ts';

export interface QuizProgress {
  /** Questions answered right at their last check. */
  correct: number;
  total: number;
  /** Questions checked at least once (right or wrong). */
  answered: number;
  /** Every question has been checked. */
  completed: boolean;
  answers: Record<string, Answer>;
  /** Question id → whether its checked answer was right; absent while not checked. */
  results: Record<string, boolean>;
  [extra: string]: unknown;
}

export interface QuizState {
  answers: Record<string, Answer>;
  results: Record<string, boolean>;
}

/** The progress value for a quiz in the given state. */
export function quizProgress(quiz: QuizDefinition, state: QuizState): QuizProgress {
  const ids = quiz.questions.map((q) => q.id);
  const checked = ids.filter((id) => id in state.results);
  return {
    correct: checked.filter((id) => state.results[id]).length,
    total: ids.length,
    answered: checked.length,
    completed: checked.length === ids.length,
    answers: Object.fromEntries(ids.filter((id) => id in state.answers).map((id) => [id, state.answers[id]])),
    results: Object.fromEntries(checked.map((id) => [id, state.results[id]])),
  };
}

/**
 * The state to show for a saved value (anything: it comes from localStorage). A result is kept
 * only with a valid answer, and is recomputed from it, so an edited quiz never shows a stale mark.
 */
export function restoreQuiz(quiz: QuizDefinition, saved: unknown): QuizState {
  const state: QuizState = { answers: {}, results: {} };
  if (!saved || typeof saved !== 'object') return state;
  const { answers, results } = saved as { answers?: unknown; results?: unknown };
  if (!answers || typeof answers !== 'object') return state;
  const checked = results && typeof results === 'object' ? (results as Record<string, unknown>) : {};
  for (const q of quiz.questions) {
    const a = (answers as Record<string, unknown>)[q.id];
    if (!isValidAnswer(q, a)) continue;
    state.answers[q.id] = a;
    if (q.id in checked) state.results[q.id] = checkAnswer(q, a);
  }
  return state;
}
