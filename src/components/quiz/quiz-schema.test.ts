import { describe, expect, it } from 'vitest';
import { readdirSync, existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseQuiz, validateQuiz, QuizError } from '../../lib/quiz-schema.ts';

const ok = { id: 'q', kind: 'single', prompt: 'p', explanation: 'e', choices: [{ text: 'a', correct: true }, 'b'] };
const err = (data: unknown) => {
  try {
    validateQuiz(data, 'content/x/quiz.yaml');
  } catch (e) {
    expect(e).toBeInstanceOf(QuizError);
    return (e as Error).message;
  }
  throw new Error('no error');
};

describe('validateQuiz', () => {
  it('accepts a minimal quiz and fills in correct: false', () => {
    expect(validateQuiz({ questions: [ok] }).questions[0]).toEqual({ ...ok, choices: [{ text: 'a', correct: true }, { text: 'b', correct: false }] });
  });
  it('names the file and the field of a mistake', () => {
    expect(err({ questions: [ok, { ...ok, id: 'r', kind: 'choice' }] })).toBe('content/x/quiz.yaml: questions[1].kind: must be one of single, multiple, order, short, predict');
    expect(err({ questions: [{ ...ok, choices: ['a', 'b'] }] })).toBe('content/x/quiz.yaml: questions[0].choices: needs exactly one choice with correct: true (found 0)');
    expect(err({ questions: [{ ...ok, prompt: '' }] })).toBe('content/x/quiz.yaml: questions[0].prompt: must be a non-empty string');
    expect(err({ questions: [ok, ok] })).toBe('content/x/quiz.yaml: questions[1].id: "q" is used by another question');
    expect(err({ questions: [{ ...ok, answers: ['x'] }] })).toMatch(/questions\[0\]\.answers: unknown field for a single question/);
    expect(err({ quiz: [] })).toMatch(/quiz: unknown field/);
    expect(err({ questions: [] })).toBe('content/x/quiz.yaml: questions: must be a non-empty list');
  });
  it('requires a multiple-choice question to have a right choice and an order question two distinct items', () => {
    expect(err({ questions: [{ ...ok, kind: 'multiple', choices: ['a', 'b'] }] })).toMatch(/at least one choice with correct: true/);
    expect(err({ questions: [{ id: 'o', kind: 'order', prompt: 'p', explanation: 'e', items: ['a', 'a'] }] })).toMatch(/items: "a" is listed twice/);
  });
  it('requires a predict question to have choices or answers, not both', () => {
    const predict = { id: 'p', kind: 'predict', prompt: 'p', explanation: 'e', command: 'hostname', output: 'web-0\n' };
    expect(err({ questions: [predict] })).toMatch(/questions\[0\]: a predict question needs either choices/);
    expect(validateQuiz({ questions: [{ ...predict, answers: ['web-0'] }] }).questions[0]).toMatchObject({ output: 'web-0' });
  });
  it('takes rejectTrailingDot on a short question only, as true or false', () => {
    const short = { id: 's', kind: 'short', prompt: 'p', explanation: 'e', answers: ['web-1.nginx'] };
    expect(validateQuiz({ questions: [{ ...short, rejectTrailingDot: true }] }).questions[0]).toMatchObject({ rejectTrailingDot: true });
    expect(validateQuiz({ questions: [{ ...short, rejectTrailingDot: false }] }).questions[0]).not.toHaveProperty('rejectTrailingDot');
    expect(err({ questions: [{ ...short, rejectTrailingDot: 'yes' }] })).toBe('content/x/quiz.yaml: questions[0].rejectTrailingDot: must be true or false');
    expect(err({ questions: [{ ...ok, rejectTrailingDot: true }] })).toMatch(/questions\[0\]\.rejectTrailingDot: unknown field for a single question/);
  });
  it('reports bad YAML with the file name', () => {
    expect(() => parseQuiz('questions: [', 'content/x/quiz.yaml')).toThrow(/^content\/x\/quiz.yaml: not valid YAML/);
  });
});

describe('every content/*/quiz.yaml', () => {
  const content = join(import.meta.dirname, '../../../content');
  const lessons = readdirSync(content).filter((d) => existsSync(join(content, d, 'quiz.yaml')));
  it('exists for the closing quiz page', () => {
    expect(lessons).toContain('headless-services-quiz');
  });
  it.each(lessons)('content/%s/quiz.yaml is valid', (id) => {
    const quiz = parseQuiz(readFileSync(join(content, id, 'quiz.yaml'), 'utf8'), `content/${id}/quiz.yaml`);
    expect(quiz.questions.length).toBeGreaterThan(0);
  });
});
