// A quiz is data: content/<lesson>/quiz.yaml beside the lesson's index.mdx. This module says what a
// quiz.yaml may contain and turns one into a checked QuizDefinition, or throws a QuizError naming
// the file and the field. <QuizPanel> calls it at build time, so a broken quiz.yaml breaks the
// build, not the page. Same shape of errors as sandbox/lab/schema.ts (lab.yaml).
//
//   questions:
//     - id: dns-name               # stable key for the learner's saved answer (lowercase, dashes)
//       kind: short                # single | multiple | order | short | predict
//       prompt: Type the DNS name of `web-1`.
//       answers: [web-1.nginx.default.svc.cluster.local, web-1.nginx]
//       explanation: ...
//
// Prompts and explanations accept `code`, **bold**, [links](/lessons/x/) and blank-line paragraphs.
import { parse as parseYaml } from 'yaml';

export interface QuizChoice {
  text: string;
  correct: boolean;
}

interface QuestionBase {
  /** Unique within the quiz; the key of the learner's saved answer. */
  id: string;
  prompt: string;
  /** Shown once the answer is checked, right or wrong. */
  explanation: string;
}

/** One right choice (radio buttons). */
export interface SingleQuestion extends QuestionBase {
  kind: 'single';
  choices: QuizChoice[];
}
/** Any number of right choices, at least one (checkboxes); right when exactly those are ticked. */
export interface MultipleQuestion extends QuestionBase {
  kind: 'multiple';
  choices: QuizChoice[];
}
/** `items` in the right order; the page shows them shuffled, the learner moves them up and down. */
export interface OrderQuestion extends QuestionBase {
  kind: 'order';
  items: string[];
}
/** A typed answer, right when it equals one of `answers` after normalising (see normalizeAnswer). */
export interface ShortQuestion extends QuestionBase {
  kind: 'short';
  answers: string[];
  placeholder?: string;
  /**
   * The answers are relative DNS names (`web-1.nginx`): a trailing dot would make the name
   * absolute, and then it no longer resolves through the search list, so such an answer is wrong.
   * By default one trailing dot is forgiven (for a fully qualified name it means the same).
   */
  rejectTrailingDot?: boolean;
}
/**
 * "Predict the output": the learner picks (`choices`) or types (`answers`) what `command` will
 * print, then checks and sees `output`, the real transcript from the lab.
 */
export interface PredictQuestion extends QuestionBase {
  kind: 'predict';
  command: string;
  output: string;
  choices?: QuizChoice[];
  answers?: string[];
  placeholder?: string;
}

export type QuizQuestion = SingleQuestion | MultipleQuestion | OrderQuestion | ShortQuestion | PredictQuestion;
export type QuestionKind = QuizQuestion['kind'];

export interface QuizDefinition {
  /** Heading above the questions; default "Check your understanding". */
  title?: string;
  questions: QuizQuestion[];
}

export class QuizError extends Error {
  readonly file: string;
  readonly field: string;
  constructor(file: string, field: string, message: string) {
    super(`${file}: ${field ? field + ': ' : ''}${message}`);
    this.name = 'QuizError';
    this.file = file;
    this.field = field;
  }
}

export const QUESTION_KINDS: readonly QuestionKind[] = ['single', 'multiple', 'order', 'short', 'predict'];
const TOP_FIELDS = ['title', 'questions'];
const FIELDS: Record<QuestionKind, string[]> = {
  single: ['choices'],
  multiple: ['choices'],
  order: ['items'],
  short: ['answers', 'placeholder', 'rejectTrailingDot'],
  predict: ['command', 'output', 'choices', 'answers', 'placeholder'],
};
const ID_RE = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

type Fail = (field: string, msg: string) => never;
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Parses and checks the text of a quiz.yaml. */
export function parseQuiz(text: string, file = 'quiz.yaml'): QuizDefinition {
  let data: unknown;
  try {
    data = parseYaml(text);
  } catch (err) {
    throw new QuizError(file, '', `not valid YAML: ${(err as Error).message}`);
  }
  return validateQuiz(data, file);
}

/** Checks parsed quiz data; returns it in canonical form (every choice has `correct`). */
export function validateQuiz(data: unknown, file = 'quiz.yaml'): QuizDefinition {
  const fail: Fail = (field, msg) => {
    throw new QuizError(file, field, msg);
  };
  if (!isObject(data)) return fail('', 'must be a mapping with a list of questions');
  for (const k of Object.keys(data)) if (!TOP_FIELDS.includes(k)) fail(k, `unknown field (allowed: ${TOP_FIELDS.join(', ')})`);
  const quiz: QuizDefinition = { questions: [] };
  if (data.title !== undefined) quiz.title = text(data.title, 'title', fail);
  if (!Array.isArray(data.questions) || data.questions.length === 0) fail('questions', 'must be a non-empty list');
  const seen = new Set<string>();
  (data.questions as unknown[]).forEach((q, i) => {
    const question = validateQuestion(q, `questions[${i}]`, fail);
    if (seen.has(question.id)) fail(`questions[${i}].id`, `"${question.id}" is used by another question`);
    seen.add(question.id);
    quiz.questions.push(question);
  });
  return quiz;
}

function validateQuestion(q: unknown, f: string, fail: Fail): QuizQuestion {
  if (!isObject(q)) return fail(f, 'must be a mapping with id, kind, prompt and explanation');
  const kind = q.kind as QuestionKind;
  if (!QUESTION_KINDS.includes(kind)) fail(`${f}.kind`, `must be one of ${QUESTION_KINDS.join(', ')}`);
  const allowed = ['id', 'kind', 'prompt', 'explanation', ...FIELDS[kind]];
  for (const k of Object.keys(q)) if (!allowed.includes(k)) fail(`${f}.${k}`, `unknown field for a ${kind} question (allowed: ${allowed.join(', ')})`);
  const id = text(q.id, `${f}.id`, fail);
  if (!ID_RE.test(id)) fail(`${f}.id`, `"${id}" must be lowercase letters, digits and dashes`);
  const base = { id, prompt: text(q.prompt, `${f}.prompt`, fail), explanation: text(q.explanation, `${f}.explanation`, fail) };
  switch (kind) {
    case 'single':
    case 'multiple':
      return { ...base, kind, choices: choices(q.choices, `${f}.choices`, kind, fail) };
    case 'order': {
      const items = texts(q.items, `${f}.items`, fail);
      if (items.length < 2) fail(`${f}.items`, 'needs at least two items to put in order');
      const dup = items.find((it, i) => items.indexOf(it) !== i);
      if (dup !== undefined) fail(`${f}.items`, `"${dup}" is listed twice`);
      return { ...base, kind, items };
    }
    case 'short': {
      const question: ShortQuestion = { ...base, kind, answers: texts(q.answers, `${f}.answers`, fail), ...placeholder(q, f, fail) };
      if (q.rejectTrailingDot !== undefined) {
        if (typeof q.rejectTrailingDot !== 'boolean') fail(`${f}.rejectTrailingDot`, 'must be true or false');
        if (q.rejectTrailingDot) question.rejectTrailingDot = true;
      }
      return question;
    }
    case 'predict': {
      const question: PredictQuestion = {
        ...base,
        kind,
        command: text(q.command, `${f}.command`, fail),
        output: text(q.output, `${f}.output`, fail).replace(/\n+$/, ''),
        ...placeholder(q, f, fail),
      };
      if ((q.choices === undefined) === (q.answers === undefined)) fail(f, 'a predict question needs either choices (to pick) or answers (to type), not both');
      if (q.choices !== undefined) question.choices = choices(q.choices, `${f}.choices`, 'single', fail);
      else question.answers = texts(q.answers, `${f}.answers`, fail);
      return question;
    }
  }
}

function placeholder(q: Record<string, unknown>, f: string, fail: Fail): { placeholder?: string } {
  return q.placeholder === undefined ? {} : { placeholder: text(q.placeholder, `${f}.placeholder`, fail) };
}

function text(v: unknown, field: string, fail: Fail): string {
  if (typeof v === 'number') return String(v);
  if (typeof v !== 'string' || v.trim() === '') return fail(field, 'must be a non-empty string');
  return v.trim();
}

function texts(v: unknown, field: string, fail: Fail): string[] {
  if (!Array.isArray(v) || v.length === 0) return fail(field, 'must be a non-empty list of strings');
  return v.map((s, i) => text(s, `${field}[${i}]`, fail));
}

function choices(v: unknown, field: string, kind: 'single' | 'multiple', fail: Fail): QuizChoice[] {
  if (!Array.isArray(v) || v.length < 2) return fail(field, 'must be a list of at least two choices');
  const list = v.map((c, i): QuizChoice => {
    const f = `${field}[${i}]`;
    if (typeof c === 'string') return { text: text(c, f, fail), correct: false };
    if (!isObject(c)) return fail(f, 'must be a string or {text, correct?}');
    for (const k of Object.keys(c)) if (k !== 'text' && k !== 'correct') fail(`${f}.${k}`, 'unknown field (allowed: text, correct)');
    if (c.correct !== undefined && typeof c.correct !== 'boolean') fail(`${f}.correct`, 'must be true or false');
    return { text: text(c.text, `${f}.text`, fail), correct: c.correct === true };
  });
  const right = list.filter((c) => c.correct).length;
  if (kind === 'single' && right !== 1) fail(field, `needs exactly one choice with correct: true (found ${right})`);
  if (kind === 'multiple' && right === 0) fail(field, 'needs at least one choice with correct: true');
  return list;
}
