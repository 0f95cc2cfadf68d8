// Island: a lesson's quiz (content/<lesson>/quiz.yaml, checked at build by QuizPanel.astro).
// Each question is a small form: pick, tick, order or type an answer, check it, read why.
// Answers and results are kept in the learner's progress (src/lib/progress.ts, field `quiz`).
// Every string comes from src/i18n/ui.ts (keys `quiz.*`).
import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import type { QuizChoice, QuizDefinition, QuizQuestion } from '../../lib/quiz-schema.ts';
import { readProgress, updateProgress } from '../../lib/progress.ts';
import { checkAnswer, hasChoices, initialAnswer, isAnswered, type Answer } from './answers.ts';
import { moveItem } from './order.ts';
import { quizProgress, restoreQuiz, type QuizState } from './saved.ts';
import { parseInline, parseParagraphs, type Inline } from './text.ts';
import { requestLabRun } from '../../lib/lab-run.ts';
import { useTranslations, type Locale, type UiKey } from '../../i18n/ui.ts';
import './Quiz.css';

type Translate = (key: UiKey, params?: Record<string, string | number>) => string;

interface Props {
  /** The lesson folder (the progress key). */
  lessonId: string;
  quiz: QuizDefinition;
  /** Mark the lesson completed once every question is checked (the closing quiz page). */
  completesLesson?: boolean;
  locale?: Locale;
}

export default function Quiz({ lessonId, quiz, completesLesson = false, locale }: Props) {
  const t = useTranslations(locale);
  const [state, setState] = useState<QuizState>({ answers: {}, results: {} });
  const [loaded, setLoaded] = useState(false);

  useEffect(() => {
    setState(restoreQuiz(quiz, readProgress(lessonId).quiz));
    setLoaded(true);
  }, [lessonId, quiz]);

  const save = (next: QuizState) => {
    setState(next);
    const progress = quizProgress(quiz, next);
    const done = completesLesson && progress.completed ? { completed: true, visited: true } : {};
    updateProgress(lessonId, { quiz: progress, ...done });
  };

  const total = quiz.questions.length;
  const summary = quizProgress(quiz, state);

  return (
    <section class="ssl-quiz not-content" aria-label={quiz.title ?? t('quiz.label')} data-quiz={lessonId} data-loaded={loaded ? 'true' : undefined}>
      <p class="ssl-quiz__intro">{t('quiz.intro', { total })}</p>
      <ol class="ssl-quiz__questions">
        {quiz.questions.map((q, i) => {
          const answer = q.id in state.answers ? state.answers[q.id] : initialAnswer(q);
          const result = q.id in state.results ? state.results[q.id] : undefined;
          return (
            <li key={q.id}>
              <Question
                q={q}
                n={i + 1}
                total={total}
                t={t}
                uid={`quiz-${lessonId}-${q.id}`}
                nextUid={i + 1 < total ? `quiz-${lessonId}-${quiz.questions[i + 1].id}` : undefined}
                answer={answer}
                result={result}
                // Kept as it is given, not only when checked: a typed answer survives a reload
                // or a phone browser dropping the tab in the background.
                onChange={(a) => save({ answers: { ...state.answers, [q.id]: a }, results: state.results })}
                onCheck={() => save({ answers: { ...state.answers, [q.id]: answer }, results: { ...state.results, [q.id]: checkAnswer(q, answer) } })}
                onRetry={() => {
                  const results = { ...state.results };
                  delete results[q.id];
                  save({ answers: { ...state.answers, [q.id]: answer }, results });
                }}
              />
            </li>
          );
        })}
      </ol>
      <div class="ssl-quiz__summary">
        <p role="status" data-testid="quiz-summary">
          {summary.completed ? (
            t('quiz.done', { correct: summary.correct, total })
          ) : (
            <>
              {t('quiz.summary', { correct: summary.correct, total })}
              <span aria-hidden="true"> · </span>
              {t('quiz.progress', { answered: summary.answered, total })}
            </>
          )}
        </p>
        {summary.answered > 0 && (
          <button type="button" class="ssl-quiz__reset" onClick={() => save({ answers: {}, results: {} })}>
            {t('quiz.reset')}
          </button>
        )}
      </div>
    </section>
  );
}

interface QuestionProps {
  q: QuizQuestion;
  n: number;
  total: number;
  t: Translate;
  uid: string;
  /** The form of the next question, for the "Next question" button; absent on the last one. */
  nextUid?: string;
  answer: Answer;
  result: boolean | undefined;
  onChange(a: Answer): void;
  onCheck(): void;
  onRetry(): void;
}

function Question({ q, n, total, t, uid, nextUid, answer, result, onChange, onCheck, onRetry }: QuestionProps) {
  const checked = result !== undefined;
  const [nudge, setNudge] = useState(false);
  const state = checked ? (result ? 'right' : 'wrong') : 'open';

  const submit = (e: Event) => {
    e.preventDefault();
    if (checked) return onRetry();
    if (!isAnswered(q, answer)) return setNudge(true);
    setNudge(false);
    onCheck();
  };

  const choices = hasChoices(q) ? (q as { choices: QuizChoice[] }).choices : undefined;
  const typed = q.kind === 'short' || (q.kind === 'predict' && !q.choices);

  return (
    <form class="ssl-quiz__q" id={uid} data-kind={q.kind} data-state={state} onSubmit={submit} noValidate>
      <fieldset>
        <legend>
          <span class="ssl-quiz__num">{t('quiz.number', { n, total })}</span>
          <span class="ssl-quiz__prompt">
            <Paragraphs text={q.prompt} tag="span" />
          </span>
        </legend>
        {q.kind === 'predict' && (
          <>
            <pre class="ssl-quiz__command">
              <code>
                <span aria-hidden="true">$ </span>
                {q.command}
              </code>
            </pre>
            <p class="ssl-quiz__hint">{t('quiz.predictSteps')}</p>
          </>
        )}
        {q.kind === 'multiple' && <p class="ssl-quiz__hint">{t('quiz.multipleHint')}</p>}
        {choices && (
          <ChoiceList t={t} uid={uid} multiple={q.kind === 'multiple'} choices={choices} answer={answer} checked={checked} onChange={onChange} />
        )}
        {q.kind === 'order' && <OrderList t={t} uid={uid} items={q.items} order={answer as number[]} checked={checked} onChange={onChange} />}
        {typed && (
          <div class="ssl-quiz__typed">
            <label for={`${uid}-input`}>{q.kind === 'predict' ? t('quiz.yourPrediction') : t('quiz.yourAnswer')}</label>
            <input
              id={`${uid}-input`}
              type="text"
              autocomplete="off"
              autocapitalize="off"
              spellcheck={false}
              placeholder={(q as { placeholder?: string }).placeholder}
              value={answer as string}
              readOnly={checked}
              aria-invalid={checked && !result ? 'true' : undefined}
              onInput={(e) => onChange((e.currentTarget as HTMLInputElement).value)}
            />
          </div>
        )}
      </fieldset>
      <div class="ssl-quiz__actions">
        <button type="submit" class={checked ? 'ssl-quiz__retry' : 'ssl-quiz__check'}>
          {checked ? t('quiz.tryAgain') : t('quiz.check')}
        </button>
        <p class="ssl-quiz__verdict" role="status" aria-live="polite">
          {checked ? (
            <strong>{result ? t('quiz.right') : t('quiz.wrong')}</strong>
          ) : nudge ? (
            t('quiz.needAnswer')
          ) : (
            ''
          )}
        </p>
        {checked && nextUid && (
          <button type="button" class="ssl-quiz__next" onClick={() => focusQuestion(nextUid)}>
            {t('quiz.next')}
          </button>
        )}
      </div>
      {checked && <Feedback t={t} q={q} answer={answer} result={result} />}
    </form>
  );
}

/** Moves the keyboard to a question: its chosen or first choice, else its first usable control. */
function focusQuestion(uid: string) {
  const form = document.getElementById(uid);
  const target =
    form?.querySelector<HTMLElement>('input:checked:not(:disabled)') ??
    form?.querySelector<HTMLElement>('input:not(:disabled), button:not(:disabled)');
  target?.focus();
}

function ChoiceList(props: { t: Translate; uid: string; multiple: boolean; choices: QuizChoice[]; answer: Answer; checked: boolean; onChange(a: Answer): void }) {
  const { t, uid, multiple, choices, answer, checked, onChange } = props;
  const ticked = (i: number) => (multiple ? (answer as number[]).includes(i) : answer === i);
  return (
    <ul class="ssl-quiz__choices" role="list">
      {choices.map((c, i) => {
        const on = ticked(i);
        const mark = !checked ? undefined : c.correct ? (on ? 'right' : multiple ? 'missed' : 'right') : on ? 'wrong' : undefined;
        return (
          <li key={i} data-mark={mark}>
            <label>
              <input
                type={multiple ? 'checkbox' : 'radio'}
                name={`${uid}-choice`}
                value={String(i)}
                checked={on}
                disabled={checked}
                onChange={() => {
                  if (!multiple) return onChange(i);
                  const list = answer as number[];
                  onChange(on ? list.filter((x) => x !== i) : [...list, i].sort((a, b) => a - b));
                }}
              />
              <span class="ssl-quiz__choice-text">
                <InlineText tokens={parseInline(c.text)} />
              </span>
              {mark && (
                <span class={`ssl-quiz__tag ssl-quiz__tag--${mark}`}>
                  {mark === 'right' ? t('quiz.rightChoice') : mark === 'wrong' ? t('quiz.wrongChoice') : t('quiz.missedChoice')}
                </span>
              )}
            </label>
          </li>
        );
      })}
    </ul>
  );
}

function OrderList(props: { t: Translate; uid: string; items: string[]; order: number[]; checked: boolean; onChange(a: Answer): void }) {
  const { t, uid, items, order, checked, onChange } = props;
  const [announce, setAnnounce] = useState('');
  const buttons = useRef(new Map<string, HTMLButtonElement>());
  const pendingFocus = useRef<string | null>(null);

  useLayoutEffect(() => {
    // Keep the keyboard on the item that moved: the same button if it still works, else its twin.
    const key = pendingFocus.current;
    if (!key) return;
    pendingFocus.current = null;
    const [item, dir] = key.split(':');
    const el = buttons.current.get(key);
    (el && !el.disabled ? el : buttons.current.get(`${item}:${dir === 'up' ? 'down' : 'up'}`))?.focus();
  }, [order]);

  const move = (pos: number, delta: -1 | 1) => {
    const item = order[pos];
    pendingFocus.current = `${item}:${delta < 0 ? 'up' : 'down'}`;
    onChange(moveItem(order, pos, delta));
    setAnnounce(t('quiz.moved', { item: plain(items[item]), position: pos + delta + 1, total: items.length }));
  };

  return (
    <>
      <p class="ssl-quiz__hint" id={`${uid}-hint`}>
        {t('quiz.orderHint')}
      </p>
      <ol class="ssl-quiz__order" aria-describedby={`${uid}-hint`}>
        {order.map((item, pos) => {
          const mark = checked ? (item === pos ? 'right' : 'wrong') : undefined;
          return (
            <li key={item} data-item={item} data-mark={mark}>
              <span class="ssl-quiz__pos" aria-hidden="true">
                {pos + 1}
              </span>
              <span class="ssl-quiz__item">
                <InlineText tokens={parseInline(items[item])} />
              </span>
              <span class="ssl-quiz__moves">
                <button
                  type="button"
                  ref={(el) => void (el ? buttons.current.set(`${item}:up`, el) : buttons.current.delete(`${item}:up`))}
                  aria-label={t('quiz.moveUp', { item: plain(items[item]) })}
                  disabled={checked || pos === 0}
                  onClick={() => move(pos, -1)}
                >
                  <Arrow up />
                </button>
                <button
                  type="button"
                  ref={(el) => void (el ? buttons.current.set(`${item}:down`, el) : buttons.current.delete(`${item}:down`))}
                  aria-label={t('quiz.moveDown', { item: plain(items[item]) })}
                  disabled={checked || pos === order.length - 1}
                  onClick={() => move(pos, 1)}
                >
                  <Arrow />
                </button>
              </span>
            </li>
          );
        })}
      </ol>
      <p class="ssl-quiz__sr sr-only" aria-live="polite">
        {announce}
      </p>
    </>
  );
}

function Feedback({ t, q, answer, result }: { t: Translate; q: QuizQuestion; answer: Answer; result: boolean | undefined }) {
  return (
    <div class="ssl-quiz__feedback">
      {q.kind === 'order' && !result && (
        <>
          <p class="ssl-quiz__label">{t('quiz.rightOrder')}</p>
          <ol class="ssl-quiz__right-order">
            {q.items.map((it, i) => (
              <li key={i}>
                <InlineText tokens={parseInline(it)} />
              </li>
            ))}
          </ol>
        </>
      )}
      {q.kind === 'short' && !result && (
        <p>
          {t('quiz.accepted')} <code>{q.answers[0]}</code>
        </p>
      )}
      {q.kind === 'predict' && (
        <>
          {!q.choices && (
            <p>
              {t('quiz.predicted')} <code>{answer as string}</code>
              {!result && q.answers && (
                <>
                  {' '}
                  · {t('quiz.accepted')} <code>{q.answers[0]}</code>
                </>
              )}
            </p>
          )}
          <RunInLab t={t} command={q.command} />
          <p class="ssl-quiz__label">{t('quiz.realOutput')}</p>
          {/* Focusable so that keyboard users can scroll a wide output (axe: scrollable-region-focusable). */}
          <pre class="ssl-quiz__output" tabIndex={0} role="region" aria-label={t('quiz.outputLabel', { command: q.command })}>
            <code>{`$ ${q.command}\n${q.output}`}</code>
          </pre>
        </>
      )}
      <div class="ssl-quiz__explanation">
        <Paragraphs text={q.explanation} tag="p" />
      </div>
    </div>
  );
}

/**
 * After a prediction is checked: sends the command to the lab on the page (src/lib/lab-run.ts),
 * or, where no lab takes it, says to type it there. Shown only once the prediction is locked in.
 */
function RunInLab({ t, command }: { t: Translate; command: string }) {
  const [said, setSaid] = useState('');
  return (
    <div class="ssl-quiz__run">
      <button type="button" class="ssl-quiz__run-button" onClick={() => setSaid(requestLabRun(command) ? t('quiz.runSent') : t('quiz.runManually'))}>
        {t('quiz.runInLab')}
      </button>
      <p class="ssl-quiz__run-status" role="status">
        {said}
      </p>
    </div>
  );
}

function Paragraphs({ text, tag }: { text: string; tag: 'p' | 'span' }) {
  const Tag = tag;
  return (
    <>
      {parseParagraphs(text).map((tokens, i) => (
        <Tag key={i} class="ssl-quiz__para">
          <InlineText tokens={tokens} />
        </Tag>
      ))}
    </>
  );
}

function InlineText({ tokens }: { tokens: Inline[] }) {
  return (
    <>
      {tokens.map((t, i) =>
        t.type === 'code' ? (
          <code key={i}>{t.text}</code>
        ) : t.type === 'strong' ? (
          <strong key={i}>{t.text}</strong>
        ) : t.type === 'link' ? (
          <a key={i} href={t.href}>
            {t.text}
          </a>
        ) : (
          t.text
        ),
      )}
    </>
  );
}

/** Markup-free text of an item, for labels and announcements. */
function plain(s: string): string {
  return parseInline(s)
    .map((t) => t.text)
    .join('');
}

function Arrow({ up = false }: { up?: boolean }) {
  return (
    <svg aria-hidden="true" viewBox="0 0 24 24" width="18" height="18" style={up ? undefined : { transform: 'rotate(180deg)' }}>
      <path fill="currentColor" d="M12 5.5 5 12.5l1.4 1.4 4.6-4.6V19h2V9.3l4.6 4.6 1.4-1.4z" />
    </svg>
  );
}
