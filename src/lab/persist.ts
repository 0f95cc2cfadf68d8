// The lab's saved state in IndexedDB (idb-keyval), one key per lab, and the lesson's progress
// (src/lib/progress.ts, localStorage) kept in step with the goals. The worker's state is stored
// with what only the page knows: which hints the learner has opened and whether the solution is
// shown (LabViewState), so a reload shows the goals as the learner left them.
import { del, get, set } from 'idb-keyval';
import { updateProgress } from '../lib/progress.ts';
import type { GoalStatus, SavedLabState } from './protocol.ts';

export const LAB_KEY_PREFIX = 'ssl:lab:';

export function labKey(labId: string): string {
  return LAB_KEY_PREFIX + labId;
}

/** The goals panel as the learner left it. */
export interface LabViewState {
  /** Goal ids whose hint is open. */
  hints: string[];
  /** The "More hints" section is open. */
  moreHints: boolean;
  /** The solution's commands are shown. */
  solution: boolean;
}

export const EMPTY_VIEW: LabViewState = { hints: [], moreHints: false, solution: false };

/** The stored record: the worker's state plus the page's view of it. */
export type StoredLabState = SavedLabState & { view?: unknown };

/** What is stored (unchecked: the worker decides whether it is usable); undefined when nothing or unreadable. */
export async function loadLabState(labId: string): Promise<StoredLabState | undefined> {
  try {
    return ((await get(labKey(labId))) as StoredLabState | undefined) ?? undefined;
  } catch {
    return undefined; // IndexedDB blocked (private mode): the lab still works, unsaved
  }
}

/** The view stored with a state, checked field by field (anything odd falls back to closed). */
export function viewOf(stored: StoredLabState | undefined): LabViewState {
  const v = (stored && typeof stored === 'object' ? stored.view : undefined) as Partial<LabViewState> | undefined;
  if (!v || typeof v !== 'object') return { ...EMPTY_VIEW, solution: stored?.shownSolution === true };
  return {
    hints: Array.isArray(v.hints) ? v.hints.filter((h): h is string => typeof h === 'string') : [],
    moreHints: v.moreHints === true,
    solution: v.solution === true,
  };
}

export async function saveLabState(labId: string, state: SavedLabState, view: LabViewState = EMPTY_VIEW): Promise<boolean> {
  try {
    const stored: StoredLabState = { ...state, shownSolution: view.solution, view, savedAt: Date.now() };
    await set(labKey(labId), stored);
    return true;
  } catch {
    return false;
  }
}

export async function clearLabState(labId: string): Promise<void> {
  try {
    await del(labKey(labId));
  } catch {
    // nothing stored, or storage blocked
  }
}

/** Writes `lab: { goalsMet, goalsTotal }` into the lesson's progress when it changes. */
export function recordGoalProgress(lessonId: string, goals: GoalStatus[]): void {
  if (!goals.length) return;
  const goalsMet = goals.filter((g) => g.passed).length;
  updateProgress(lessonId, { visited: true, lab: { goalsMet, goalsTotal: goals.length } });
}
