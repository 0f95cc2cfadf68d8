// The quiz's interface strings. Kept here until they move into src/i18n/ui.ts (as `quiz.*` keys);
// same `{name}` placeholders as ui.ts's `t`.
const en = {
  label: 'Quiz',
  intro: '{total} questions. Check each answer to see why it is right or wrong.',
  number: 'Question {n} of {total}',
  multipleHint: 'Select every answer that applies.',
  orderHint: 'Put the items in order with the Move up and Move down buttons.',
  moveUp: 'Move up: {item}',
  moveDown: 'Move down: {item}',
  moved: '{item}: position {position} of {total}',
  yourAnswer: 'Your answer',
  yourPrediction: 'Your prediction',
  command: 'The command',
  check: 'Check answer',
  tryAgain: 'Try again',
  right: 'Right.',
  wrong: 'Not quite.',
  needAnswer: 'Choose or type an answer first.',
  rightChoice: 'right answer',
  wrongChoice: 'your choice, not right',
  missedChoice: 'right answer, not chosen',
  rightOrder: 'The right order:',
  accepted: 'Accepted answer:',
  predicted: 'You predicted:',
  realOutput: 'What the lab prints:',
  summary: '{correct} of {total} right',
  progress: '{answered} of {total} checked',
  done: 'Quiz complete: {correct} of {total} right.',
  reset: 'Start the quiz again',
} as const;

export type QuizStringKey = keyof typeof en;

export function qt(key: QuizStringKey, params: Record<string, string | number> = {}): string {
  return en[key].replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}
