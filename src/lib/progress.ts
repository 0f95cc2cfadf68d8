/**
 * Learner progress, kept in the browser's localStorage only.
 *
 * Storage key scheme (one key per lesson):
 *
 *     ssl:progress:<lessonId>  →  JSON LessonProgress, e.g.
 *     {"v":1,"visited":true,"quiz":{"correct":3,"total":4},"lab":{"goalsMet":2,"goalsTotal":5},
 *      "completed":true,"updatedAt":"2026-11-26T23:59:00.000Z"}
 *
 * `<lessonId>` is the lesson's folder name under content/ (also its URL /lessons/<lessonId>/).
 * Writers (lesson page, quizzes, labs) call `updateProgress`, which merges their fields into what
 * is stored, so each part owns its own field and keeps the others. Readers call `readProgress` and
 * `lessonStatus`, and `onProgressChange` to follow changes from this tab and from other tabs.
 */

export const PROGRESS_KEY_PREFIX = 'ssl:progress:';
/** Name of the window event dispatched after every write in this tab. */
export const PROGRESS_EVENT = 'ssl:progress';

export interface LessonProgress {
  /** Schema version of the stored value. */
  v: 1;
  /** The learner has opened the lesson. */
  visited?: boolean;
  /** The learner marked the lesson complete (or the lesson's lab/quiz did). */
  completed?: boolean;
  /** Written by the quiz: how many questions are answered correctly so far. */
  quiz?: { correct: number; total: number; [extra: string]: unknown };
  /** Written by the lab: how many goals are met so far. */
  lab?: { goalsMet: number; goalsTotal: number; [extra: string]: unknown };
  /** ISO time of the last write. */
  updatedAt?: string;
}

export type LessonStatus = 'not-started' | 'in-progress' | 'completed';

/** The subset of the Web Storage API used here (localStorage, or a fake in tests). */
export type ProgressStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem' | 'key' | 'length'>;

export function progressKey(lessonId: string): string {
  return PROGRESS_KEY_PREFIX + lessonId;
}

/** localStorage, or undefined where it does not exist or is blocked (SSR, privacy settings). */
export function browserStorage(): ProgressStorage | undefined {
  try {
    return typeof localStorage === 'undefined' ? undefined : localStorage;
  } catch {
    return undefined;
  }
}

/** What is stored for the lesson; `{ v: 1 }` when nothing (or something unreadable) is stored. */
export function readProgress(lessonId: string, storage = browserStorage()): LessonProgress {
  let raw: string | null = null;
  try {
    raw = storage?.getItem(progressKey(lessonId)) ?? null;
  } catch {
    raw = null;
  }
  if (raw === null) return { v: 1 };
  try {
    const parsed: unknown = JSON.parse(raw);
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) return { ...(parsed as object), v: 1 };
  } catch {
    // Corrupt value: treat as no progress; the next write replaces it.
  }
  return { v: 1 };
}

/**
 * Merges `patch` into the stored progress (top-level fields; a field set to undefined is removed),
 * stamps `updatedAt`, saves it and notifies listeners in this tab. Returns the new value.
 */
export function updateProgress(
  lessonId: string,
  patch: Partial<Omit<LessonProgress, 'v'>>,
  storage = browserStorage(),
  now: Date = new Date(),
): LessonProgress {
  const next: LessonProgress = { ...readProgress(lessonId, storage), ...patch, v: 1, updatedAt: now.toISOString() };
  for (const k of Object.keys(next) as (keyof LessonProgress)[]) if (next[k] === undefined) delete next[k];
  try {
    storage?.setItem(progressKey(lessonId), JSON.stringify(next));
  } catch {
    // Quota exceeded or storage blocked: progress is a convenience, never an error for the learner.
  }
  if (typeof dispatchEvent === 'function' && typeof CustomEvent === 'function') {
    dispatchEvent(new CustomEvent(PROGRESS_EVENT, { detail: { lessonId, progress: next } }));
  }
  return next;
}

export function lessonStatus(progress: LessonProgress): LessonStatus {
  if (progress.completed) return 'completed';
  if (progress.visited || progress.quiz || progress.lab) return 'in-progress';
  return 'not-started';
}

/** A lesson's quiz score as the home page shows it ("Quiz 4/5"). */
export interface QuizScore {
  correct: number;
  total: number;
  /** Questions checked so far (right or wrong). */
  answered: number;
}

/**
 * The quiz score stored by the lesson's quiz (src/components/quiz/saved.ts writes `quiz`), or
 * undefined while no question has been checked (never started, or started again) or when the
 * stored value makes no sense. A value without `answered` (written before it existed) counts as
 * fully checked.
 */
export function quizScore(progress: LessonProgress): QuizScore | undefined {
  const quiz = progress.quiz;
  if (!quiz || typeof quiz !== 'object') return undefined;
  const { correct, total } = quiz;
  const answered = quiz.answered === undefined ? total : quiz.answered;
  const count = (n: unknown): n is number => Number.isInteger(n) && (n as number) >= 0;
  if (!count(correct) || !count(total) || !count(answered) || total === 0) return undefined;
  if (answered === 0 || correct > answered || answered > total) return undefined;
  return { correct, total, answered };
}

/** Removes the progress of every lesson (all keys under the prefix). */
export function clearProgress(storage = browserStorage()): void {
  if (!storage) return;
  const keys: string[] = [];
  for (let i = 0; i < storage.length; i++) {
    const key = storage.key(i);
    if (key?.startsWith(PROGRESS_KEY_PREFIX)) keys.push(key);
  }
  for (const key of keys) storage.removeItem(key);
  if (typeof dispatchEvent === 'function' && typeof CustomEvent === 'function') {
    dispatchEvent(new CustomEvent(PROGRESS_EVENT, { detail: { lessonId: null } }));
  }
}

/** Calls `listener` after progress changes in this tab or another one. Returns an unsubscribe function. */
export function onProgressChange(listener: () => void): () => void {
  if (typeof addEventListener !== 'function') return () => {};
  const onStorage = (e: StorageEvent) => {
    if (e.key === null || e.key.startsWith(PROGRESS_KEY_PREFIX)) listener();
  };
  addEventListener(PROGRESS_EVENT, listener);
  addEventListener('storage', onStorage);
  return () => {
    removeEventListener(PROGRESS_EVENT, listener);
    removeEventListener('storage', onStorage);
  };
}
