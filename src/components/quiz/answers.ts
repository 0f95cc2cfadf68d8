// Checking a learner's answer against a question of the quiz. Pure functions, no DOM.
import type { QuizQuestion } from '../../lib/quiz-schema.ts';
import { initialOrder } from './order.ts';

/**
 * What the learner has entered for one question:
 * single and picked predict → the index of the choice (null: none yet); multiple → indices ticked;
 * order → the items' indices (in the right order's numbering) as they stand now;
 * short and typed predict → the text.
 */
export type Answer = number | null | number[] | string;

/**
 * Makes a typed answer comparable: surrounding spaces, quotes and backticks go, case is ignored,
 * runs of white space count as one space, and one trailing dot is dropped, so
 * ` Web-1.nginx.default.svc.cluster.local. ` equals `web-1.nginx.default.svc.cluster.local`.
 */
export function normalizeAnswer(s: string): string {
  return unquote(s).toLowerCase().replace(/\s+/g, ' ').replace(/\.$/, '');
}

/** The answer without surrounding spaces and quotes or backticks. */
function unquote(s: string): string {
  return s
    .trim()
    .replace(/^(["'`])(.*)\1$/s, '$2')
    .trim();
}

/** Whether the question's answers are picked from choices (single, multiple, picked predict). */
export function hasChoices(q: QuizQuestion): boolean {
  return q.kind === 'single' || q.kind === 'multiple' || (q.kind === 'predict' && q.choices !== undefined);
}

/** The empty answer a question starts with (the order question starts shuffled). */
export function initialAnswer(q: QuizQuestion): Answer {
  switch (q.kind) {
    case 'multiple':
      return [];
    case 'order':
      return initialOrder(q.items.length, q.id);
    case 'short':
      return '';
    case 'single':
      return null;
    case 'predict':
      return q.choices ? null : '';
  }
}

/** Whether there is something to check (a choice picked, some text typed; an order always is). */
export function isAnswered(q: QuizQuestion, a: Answer): boolean {
  if (q.kind === 'order') return true;
  if (q.kind === 'multiple') return Array.isArray(a) && a.length > 0;
  if (typeof a === 'string') return a.trim() !== '';
  return typeof a === 'number';
}

/** Whether the answer is right. */
export function checkAnswer(q: QuizQuestion, a: Answer): boolean {
  switch (q.kind) {
    case 'single':
      return typeof a === 'number' && q.choices[a]?.correct === true;
    case 'multiple': {
      if (!Array.isArray(a)) return false;
      const ticked = new Set(a);
      return q.choices.every((c, i) => c.correct === ticked.has(i));
    }
    case 'order':
      return Array.isArray(a) && a.length === q.items.length && a.every((item, pos) => item === pos);
    case 'short':
      // `web-1.nginx.` is absolute: it names a top-level domain `nginx` and does not resolve.
      if (typeof a === 'string' && q.rejectTrailingDot && unquote(a).endsWith('.')) return false;
      return typeof a === 'string' && matchesAny(a, q.answers);
    case 'predict':
      if (q.choices) return typeof a === 'number' && q.choices[a]?.correct === true;
      return typeof a === 'string' && matchesAny(a, q.answers ?? []);
  }
}

function matchesAny(a: string, accepted: string[]): boolean {
  const mine = normalizeAnswer(a);
  return mine !== '' && accepted.some((s) => normalizeAnswer(s) === mine);
}

/** Whether `a` is a well-formed answer to `q` (used to ignore stale saved answers after a quiz changed). */
export function isValidAnswer(q: QuizQuestion, a: unknown): a is Answer {
  const n = q.kind === 'order' ? q.items.length : 'choices' in q && q.choices ? q.choices.length : 0;
  const index = (v: unknown) => Number.isInteger(v) && (v as number) >= 0 && (v as number) < n;
  switch (q.kind) {
    case 'single':
      return a === null || index(a);
    case 'multiple':
      return Array.isArray(a) && a.every(index) && new Set(a).size === a.length;
    case 'order':
      return Array.isArray(a) && a.length === n && a.every(index) && new Set(a).size === n;
    case 'short':
      return typeof a === 'string';
    case 'predict':
      return q.choices ? a === null || index(a) : typeof a === 'string';
  }
}
