import { describe, expect, it } from 'vitest';
import { validateQuiz } from '../../lib/quiz-schema.ts';
import { quizProgress, restoreQuiz } from './saved.ts';

const quiz = validateQuiz({
  questions: [
    { id: 'a', kind: 'single', prompt: 'p', explanation: 'e', choices: [{ text: 'x', correct: true }, 'y'] },
    { id: 'b', kind: 'short', prompt: 'p', explanation: 'e', answers: ['web-1.nginx'] },
    { id: 'c', kind: 'order', prompt: 'p', explanation: 'e', items: ['1', '2'] },
  ],
});

describe('quizProgress', () => {
  it('counts the checked questions and the right ones', () => {
    const p = quizProgress(quiz, { answers: { a: 0, b: 'web-0', c: [1, 0] }, results: { a: true, b: false } });
    expect(p).toMatchObject({ correct: 1, total: 3, answered: 2, completed: false, results: { a: true, b: false } });
    expect(p.answers).toEqual({ a: 0, b: 'web-0', c: [1, 0] });
  });
  it('is completed once every question is checked', () => {
    expect(quizProgress(quiz, { answers: { a: 1, b: 'x', c: [0, 1] }, results: { a: false, b: false, c: true } }).completed).toBe(true);
  });
});

describe('restoreQuiz', () => {
  it('gives back what was saved, recomputing each result from its answer', () => {
    const saved = JSON.parse(JSON.stringify(quizProgress(quiz, { answers: { a: 0, b: 'WEB-1.nginx.' }, results: { a: false, b: true } })));
    expect(restoreQuiz(quiz, saved)).toEqual({ answers: { a: 0, b: 'WEB-1.nginx.' }, results: { a: true, b: true } });
  });
  it('drops answers that no longer fit and copes with garbage', () => {
    expect(restoreQuiz(quiz, { answers: { a: 7, b: 3, c: [0, 0], gone: 'x' }, results: { a: true } })).toEqual({ answers: {}, results: {} });
    expect(restoreQuiz(quiz, 'nonsense')).toEqual({ answers: {}, results: {} });
    expect(restoreQuiz(quiz, undefined)).toEqual({ answers: {}, results: {} });
  });
});
