import { describe, expect, it } from 'vitest';
import {
  clearProgress,
  lessonStatus,
  progressKey,
  quizScore,
  readProgress,
  updateProgress,
  type LessonProgress,
  type ProgressStorage,
} from './progress.ts';

/** An in-memory stand-in for localStorage. */
function memoryStorage(initial: Record<string, string> = {}): ProgressStorage & { data: Map<string, string> } {
  const data = new Map(Object.entries(initial));
  return {
    data,
    get length() {
      return data.size;
    },
    key: (i) => [...data.keys()][i] ?? null,
    getItem: (k) => data.get(k) ?? null,
    setItem: (k, v) => void data.set(k, String(v)),
    removeItem: (k) => void data.delete(k),
  };
}

const now = new Date('2026-11-26T12:00:00.000Z');

describe('progress storage', () => {
  it('stores each lesson under ssl:progress:<lessonId>', () => {
    const storage = memoryStorage();
    updateProgress('what-is-a-statefulset', { visited: true }, storage, now);
    expect(progressKey('what-is-a-statefulset')).toBe('ssl:progress:what-is-a-statefulset');
    expect(JSON.parse(storage.data.get('ssl:progress:what-is-a-statefulset')!)).toEqual({
      v: 1,
      visited: true,
      updatedAt: '2026-11-26T12:00:00.000Z',
    });
  });

  it('reads an empty progress when nothing is stored, or the value is corrupt', () => {
    const storage = memoryStorage({ 'ssl:progress:b': '{not json', 'ssl:progress:c': '[1,2]' });
    expect(readProgress('a', storage)).toEqual({ v: 1 });
    expect(readProgress('b', storage)).toEqual({ v: 1 });
    expect(readProgress('c', storage)).toEqual({ v: 1 });
    expect(readProgress('a', undefined)).toEqual({ v: 1 });
  });

  it('merges writers: the quiz keeps what the lab wrote', () => {
    const storage = memoryStorage();
    updateProgress('l1', { lab: { goalsMet: 1, goalsTotal: 3 } }, storage, now);
    updateProgress('l1', { quiz: { correct: 2, total: 4 } }, storage, now);
    expect(readProgress('l1', storage)).toMatchObject({ lab: { goalsMet: 1, goalsTotal: 3 }, quiz: { correct: 2, total: 4 } });
  });

  it('removes a field written as undefined', () => {
    const storage = memoryStorage();
    updateProgress('l1', { completed: true }, storage, now);
    updateProgress('l1', { completed: undefined }, storage, now);
    expect(readProgress('l1', storage)).not.toHaveProperty('completed');
  });

  it('survives a storage that throws (blocked or full)', () => {
    const storage = memoryStorage();
    storage.setItem = () => {
      throw new Error('QuotaExceededError');
    };
    storage.getItem = () => {
      throw new Error('SecurityError');
    };
    expect(updateProgress('l1', { visited: true }, storage, now)).toMatchObject({ visited: true });
    expect(readProgress('l1', storage)).toEqual({ v: 1 });
  });

  it('clears only progress keys', () => {
    const storage = memoryStorage({ 'ssl:progress:a': '{}', 'ssl:progress:b': '{}', 'starlight-theme': 'dark' });
    clearProgress(storage);
    expect([...storage.data.keys()]).toEqual(['starlight-theme']);
  });
});

describe('lessonStatus', () => {
  it('is not started with nothing stored', () => expect(lessonStatus({ v: 1 })).toBe('not-started'));
  it('is in progress once visited or any exercise is touched', () => {
    expect(lessonStatus({ v: 1, visited: true })).toBe('in-progress');
    expect(lessonStatus({ v: 1, quiz: { correct: 0, total: 3 } })).toBe('in-progress');
  });
  it('is completed when marked complete', () => expect(lessonStatus({ v: 1, visited: true, completed: true })).toBe('completed'));
});

describe('quizScore', () => {
  const score = (quiz: unknown) => quizScore({ v: 1, quiz } as LessonProgress);
  it('reads what the quiz saved: right answers, questions, questions checked', () => {
    expect(score({ correct: 4, total: 5, answered: 5, completed: true, answers: {}, results: {} })).toEqual({ correct: 4, total: 5, answered: 5 });
    expect(score({ correct: 0, total: 5, answered: 2 })).toEqual({ correct: 0, total: 5, answered: 2 });
  });
  it('shows nothing before the first check, or after the quiz was started again', () => {
    expect(quizScore({ v: 1, visited: true })).toBeUndefined();
    expect(score({ correct: 0, total: 5, answered: 0, answers: {}, results: {} })).toBeUndefined();
  });
  it('counts an older value without `answered` as fully checked', () => {
    expect(score({ correct: 2, total: 4 })).toEqual({ correct: 2, total: 4, answered: 4 });
  });
  it('ignores values that make no sense', () => {
    for (const bad of ['4/5', null, { correct: 6, total: 5 }, { correct: 1, total: 0 }, { correct: -1, total: 3 }, { correct: 1.5, total: 3 }, { correct: 3, total: 5, answered: 2 }]) {
      expect(score(bad), JSON.stringify(bad)).toBeUndefined();
    }
  });
});
