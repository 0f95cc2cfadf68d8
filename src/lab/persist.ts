// The lab's saved state in IndexedDB (idb-keyval), one key per lab, and the lesson's progress
// (src/lib/progress.ts, localStorage) kept in step with the goals.
import { del, get, set } from 'idb-keyval';
import { updateProgress } from '../lib/progress.ts';
import type { GoalStatus, SavedLabState } from './protocol.ts';

export const LAB_KEY_PREFIX = 'ssl:lab:';

export function labKey(labId: string): string {
  return LAB_KEY_PREFIX + labId;
}

/** What is stored (unchecked: the worker decides whether it is usable); undefined when nothing or unreadable. */
export async function loadLabState(labId: string): Promise<SavedLabState | undefined> {
  try {
    return ((await get(labKey(labId))) as SavedLabState | undefined) ?? undefined;
  } catch {
    return undefined; // IndexedDB blocked (private mode): the lab still works, unsaved
  }
}

export async function saveLabState(labId: string, state: SavedLabState): Promise<boolean> {
  try {
    await set(labKey(labId), { ...state, savedAt: Date.now() });
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
