/**
 * Every UI string of the site (not lesson text) goes through this dictionary, so a Simplified
 * Chinese version can follow by filling in `zh-cn`. English is the default and complete; any key
 * missing from another locale falls back to English.
 *
 * Starlight's own interface (search, theme picker, "On this page", pagination) is translated by
 * Starlight itself once the locale is added to astro.config.mjs.
 */
import { fill } from './fill.ts';

export const defaultLocale = 'en';

const en = {
  'site.title': 'StatefulSet Lab',
  'site.tagline':
    'Learn Kubernetes StatefulSets by doing: apply manifests, scale, break nodes and watch what the cluster does, in a Kubernetes simulator that runs in your browser.',
  'home.start': 'Start the first lesson',
  'home.lessons': 'Lessons',
  'home.what.title': 'What you will learn',
  'home.what.body':
    'How a StatefulSet gives each Pod a stable name, a stable network identity and its own storage; how it creates, scales, updates and replaces Pods in order; and what happens to your data when Pods, volumes or whole nodes go away.',
  'home.who.title': 'Who it is for',
  'home.who.body':
    'Developers and operators who know what a Pod and a Deployment are, and want to run databases, queues and other stateful software on Kubernetes without surprises. Workshop leaders can use the labs as they are.',
  'home.how.title': 'How it works',
  'home.how.body':
    'Each lesson ends in a lab: a small Kubernetes cluster simulated in your browser, with a terminal for kubectl, a YAML editor and a live picture of the cluster. Nothing to install, and nothing leaves your machine.',
  'home.progress.note': 'Your progress is kept in this browser only.',
  'home.progress.reset': 'Reset progress',
  'lesson.minutes': '{minutes} min',
  'lesson.objectives': 'What you will learn',
  'lesson.number': 'Lesson {n}',
  'progress.notStarted': 'Not started',
  'progress.inProgress': 'In progress',
  'progress.completed': 'Completed',
  'progress.summary': '{done} of {total} lessons completed',
  'progress.markComplete': 'Mark this lesson as complete',
  'progress.markedComplete': 'Lesson completed',
  'progress.undo': 'Mark as not complete',
  'progress.quiz': 'Quiz {correct}/{total}',
  'progress.quizLabel': 'Quiz: {correct} of {total} right, {answered} of {total} checked',
  'sidebar.lessons': 'Lessons',
  'sidebar.about': 'About',
  'about.title': 'About StatefulSet Lab',
  'notFound.title': 'Page not found',
  'notFound.body': 'This page does not exist. Pick a lesson from the list, or start from the home page.',
  'notFound.home': 'Go to the home page',
  'quiz.label': 'Quiz',
  'quiz.intro': '{total} questions. Check each answer to see why it is right or wrong.',
  'quiz.number': 'Question {n} of {total}',
  'quiz.multipleHint': 'Select every answer that applies.',
  'quiz.orderHint': 'Put the items in order with the Move up and Move down buttons.',
  'quiz.moveUp': 'Move up: {item}',
  'quiz.moveDown': 'Move down: {item}',
  'quiz.moved': '{item}: position {position} of {total}',
  'quiz.yourAnswer': 'Your answer',
  'quiz.yourPrediction': 'Your prediction',
  'quiz.predictSteps': 'Predict first, check, then run the command in the lab to compare.',
  'quiz.check': 'Check answer',
  'quiz.tryAgain': 'Try again',
  'quiz.next': 'Next question',
  'quiz.right': 'Right.',
  'quiz.wrong': 'Not quite.',
  'quiz.needAnswer': 'Choose or type an answer first.',
  'quiz.rightChoice': 'right answer',
  'quiz.wrongChoice': 'your choice, not right',
  'quiz.missedChoice': 'right answer, not chosen',
  'quiz.rightOrder': 'The right order:',
  'quiz.accepted': 'Accepted answer:',
  'quiz.predicted': 'You predicted:',
  'quiz.realOutput': 'What the lesson\'s lab printed:',
  'quiz.outputLabel': 'Output of {command}',
  'quiz.runInLab': 'Run it in the lab',
  'quiz.runSent': 'Sent to the lab\'s terminal above. Compare what it prints with your prediction.',
  'quiz.runManually': 'Type the command into the lab\'s terminal above and compare what it prints.',
  'quiz.summary': '{correct} of {total} right',
  'quiz.progress': '{answered} of {total} checked',
  'quiz.done': 'Quiz complete: {correct} of {total} right.',
  'quiz.reset': 'Start the quiz again',
  'names.legend': 'The names a StatefulSet gives',
  'names.statefulset': 'StatefulSet name',
  'names.service': 'Headless Service name',
  'names.claim': 'volumeClaimTemplates name',
  'names.replicas': 'Replicas',
  'names.result': 'Names the StatefulSet would create',
  'names.pod': 'Pod',
  'names.dns': 'DNS name',
  'names.pvc': 'PersistentVolumeClaim',
  'names.invalid': 'Names must be lowercase letters, digits and "-", and start and end with a letter or digit; a Service name must start with a letter.',
} as const;

export type UiKey = keyof typeof en;
export type Locale = 'en' | 'zh-cn';

export const ui: { en: Record<UiKey, string> } & Record<Exclude<Locale, 'en'>, Partial<Record<UiKey, string>>> = {
  en,
  // Filled in by the Simplified Chinese translation; missing keys fall back to English.
  'zh-cn': {},
};

/** Returns the string for `key` in `locale`, with `{name}` placeholders replaced from `params`. */
export function t(key: UiKey, params: Record<string, string | number> = {}, locale: Locale = defaultLocale): string {
  const template = ui[locale][key] ?? ui.en[key];
  return fill(template, params);
}

/** `t` bound to one locale, for components: `const t = useTranslations(locale)`. */
export function useTranslations(locale: Locale = defaultLocale) {
  return (key: UiKey, params?: Record<string, string | number>) => t(key, params, locale);
}
