import { describe, expect, it } from 'vitest';
import { validateQuiz, type QuizQuestion } from '../../lib/quiz-schema.ts';
import { checkAnswer, initialAnswer, isAnswered, isValidAnswer, normalizeAnswer } from './answers.ts';

const quiz = validateQuiz({
  questions: [
    { id: 'single', kind: 'single', prompt: 'p', explanation: 'e', choices: ['a', { text: 'b', correct: true }, 'c'] },
    { id: 'multiple', kind: 'multiple', prompt: 'p', explanation: 'e', choices: [{ text: 'a', correct: true }, 'b', { text: 'c', correct: true }] },
    { id: 'order', kind: 'order', prompt: 'p', explanation: 'e', items: ['web-0', 'web-1', 'web-2'] },
    { id: 'dns', kind: 'short', prompt: 'p', explanation: 'e', answers: ['web-1.nginx.default.svc.cluster.local', 'web-1.nginx'] },
    { id: 'relative', kind: 'short', prompt: 'p', explanation: 'e', answers: ['web-1.nginx', 'web-1.nginx.default'], rejectTrailingDot: true },
    { id: 'pick', kind: 'predict', prompt: 'p', explanation: 'e', command: 'nslookup nginx', output: 'x', choices: [{ text: 'three', correct: true }, 'one'] },
    { id: 'type', kind: 'predict', prompt: 'p', explanation: 'e', command: 'hostname', output: 'web-1', answers: ['web-1'] },
  ],
});
const q = (id: string): QuizQuestion => quiz.questions.find((x) => x.id === id)!;

describe('normalizeAnswer', () => {
  it('ignores case, surrounding spaces and one trailing dot', () => {
    expect(normalizeAnswer('  Web-1.NGINX.default.svc.cluster.local. ')).toBe('web-1.nginx.default.svc.cluster.local');
  });
  it('drops quotes or backticks around the answer and collapses inner white space', () => {
    expect(normalizeAnswer('`web-1.nginx`')).toBe('web-1.nginx');
    expect(normalizeAnswer("'a   b\n c'")).toBe('a b c');
  });
  it('keeps dots inside the name', () => {
    expect(normalizeAnswer('web-1..nginx')).toBe('web-1..nginx');
  });
});

describe('checkAnswer', () => {
  it('accepts the one right choice of a single-choice question and nothing else', () => {
    expect(checkAnswer(q('single'), 1)).toBe(true);
    expect(checkAnswer(q('single'), 0)).toBe(false);
    expect(checkAnswer(q('single'), null)).toBe(false);
  });
  it('accepts a multiple-choice answer only when exactly the right choices are ticked', () => {
    expect(checkAnswer(q('multiple'), [0, 2])).toBe(true);
    expect(checkAnswer(q('multiple'), [2, 0])).toBe(true);
    expect(checkAnswer(q('multiple'), [0])).toBe(false);
    expect(checkAnswer(q('multiple'), [0, 1, 2])).toBe(false);
  });
  it('accepts an order only when every item is in its place', () => {
    expect(checkAnswer(q('order'), [0, 1, 2])).toBe(true);
    expect(checkAnswer(q('order'), [0, 2, 1])).toBe(false);
    expect(checkAnswer(q('order'), [0, 1])).toBe(false);
  });
  it('refuses a relative DNS name written with a trailing dot when the question says so', () => {
    expect(checkAnswer(q('relative'), ' Web-1.NGINX ')).toBe(true);
    expect(checkAnswer(q('relative'), '`web-1.nginx.default`')).toBe(true);
    expect(checkAnswer(q('relative'), 'web-1.nginx.')).toBe(false);
    expect(checkAnswer(q('relative'), ' "web-1.nginx." ')).toBe(false);
  });
  it('accepts the DNS name of web-1 in any listed form, with a trailing dot or capitals', () => {
    expect(checkAnswer(q('dns'), 'web-1.nginx.default.svc.cluster.local.')).toBe(true);
    expect(checkAnswer(q('dns'), ' WEB-1.nginx ')).toBe(true);
    expect(checkAnswer(q('dns'), 'web-1')).toBe(false);
    expect(checkAnswer(q('dns'), 'web-1.default.svc.cluster.local')).toBe(false);
    expect(checkAnswer(q('dns'), '')).toBe(false);
  });
  it('grades a predict question by its picked choice or its typed answer', () => {
    expect(checkAnswer(q('pick'), 0)).toBe(true);
    expect(checkAnswer(q('pick'), 1)).toBe(false);
    expect(checkAnswer(q('type'), 'Web-1')).toBe(true);
    expect(checkAnswer(q('type'), 'web-0')).toBe(false);
  });
});

describe('isAnswered and initialAnswer', () => {
  it('needs a pick, a tick or some text before an answer can be checked', () => {
    for (const question of quiz.questions) {
      const start = initialAnswer(question);
      expect(isAnswered(question, start), question.id).toBe(question.kind === 'order');
    }
    expect(isAnswered(q('dns'), '   ')).toBe(false);
    expect(isAnswered(q('single'), 0)).toBe(true);
  });
  it('never starts an order question already solved', () => {
    expect(checkAnswer(q('order'), initialAnswer(q('order')))).toBe(false);
  });
});

describe('isValidAnswer', () => {
  it('rejects saved answers that do not fit the question any more', () => {
    expect(isValidAnswer(q('single'), 3)).toBe(false);
    expect(isValidAnswer(q('single'), '1')).toBe(false);
    expect(isValidAnswer(q('multiple'), [0, 0])).toBe(false);
    expect(isValidAnswer(q('order'), [0, 1])).toBe(false);
    expect(isValidAnswer(q('order'), [2, 0, 1])).toBe(true);
    expect(isValidAnswer(q('type'), 0)).toBe(false);
    expect(isValidAnswer(q('pick'), 1)).toBe(true);
  });
});
