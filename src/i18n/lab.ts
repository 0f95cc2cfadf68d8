/**
 * Every string of the lab panel (src/components/lab): buttons, labels, aria-labels, notices and
 * tab names, in the same shape as src/i18n/ui.ts (`lab.*` keys, English complete, other locales
 * partial and falling back to English), so the two can be merged into one dictionary.
 *
 * Not here: what the simulator prints (kubectl output, event reasons and messages, column
 * headings copied from kubectl), which stays as Kubernetes prints it.
 */
import { fill } from './fill.ts';
import type { Locale } from './ui.ts';

const en = {
  // Lab.tsx (before the panel's code has loaded)
  'lab.starting': 'Starting the lab…',
  'lab.loadFailed': 'The lab could not load: {error}',
  'lab.region': 'Lab: {title}',
  // LabApp.tsx
  'lab.startFailed': 'The lab could not start: {error}',
  'lab.discarded': 'Your saved lab could not be restored, so it starts afresh.',
  'lab.dismiss': 'Dismiss',
  'lab.time.group': 'Time',
  'lab.time.clock': 'Cluster time {clock}, {state}',
  'lab.time.paused': 'paused',
  'lab.time.running': 'running at {speed} times',
  'lab.time.clockTitle': 'Virtual cluster time',
  'lab.time.pause': 'Pause',
  'lab.time.resume': 'Resume',
  'lab.time.speed': 'Speed {speed} times',
  'lab.time.skip': 'Skip to next change',
  'lab.time.skipTitle': 'Jump to the next scheduled change',
  'lab.reset': 'Reset lab',
  'lab.undoReset': 'Undo reset',
  'lab.fullScreen': 'Full screen',
  'lab.leaveFullScreen': 'Leave full screen',
  'lab.exitFullScreen': 'Exit full screen',
  'lab.tabs': 'Lab views',
  'lab.tab.terminal': 'Terminal',
  'lab.tab.editor': 'Editor',
  'lab.tab.cluster': 'Cluster',
  'lab.tab.events': 'Events',
  'lab.picture.unavailable': 'The cluster picture is not available yet.',
  'lab.picture.loading': 'Loading the cluster picture…',
  'lab.machines': 'Machines',
  'lab.machine.running': 'powered on',
  'lab.machine.stopped': 'powered off',
  'lab.machine.cut': 'cut off',
  'lab.machine.ready': 'Ready: {ready}',
  'lab.machine.stop': 'Stop',
  'lab.machine.stopLabel': 'Stop {node}',
  'lab.machine.cutOff': 'Cut off',
  'lab.machine.cutOffLabel': 'Cut off {node} from the network',
  'lab.machine.start': 'Start',
  'lab.machine.startLabel': 'Start {node}',
  'lab.simulatorStarting': 'Starting the simulator…',
  'lab.editor.loading': 'Loading the editor…',
  'lab.files': 'Files',
  'lab.apply': 'Apply',
  'lab.fileContents': 'Contents of {name}',
  'lab.noFile': 'No file',
  // Terminal.tsx
  'lab.terminal.input': 'Lab terminal: type commands here',
  'lab.terminal.wrap': 'Wrap long lines',
  'lab.terminal.wrapTitle': 'Fit the terminal to the screen and wrap long lines, instead of scrolling sideways',
  // PhoneInput.tsx
  'lab.phone.command': 'Command',
  'lab.phone.placeholder': 'Type a command',
  'lab.phone.complete': 'Complete',
  'lab.phone.previous': 'Previous command',
  'lab.phone.run': 'Run',
  'lab.phone.interrupt': 'Ctrl-C',
  'lab.phone.interruptTitle': 'Stop the running command',
  'lab.phone.completions': 'Completions',
  'lab.phone.suggestions': 'Suggested commands',
  // Goals.tsx
  'lab.goals': 'Goals',
  'lab.goals.count': '{met} of {total} met',
  'lab.goals.met': ' (met)',
  'lab.goals.notMet': ' (not met yet)',
  'lab.goals.hint': 'Hint',
  'lab.goals.hintFor': ' for: {goal}',
  'lab.goals.allMet': 'All goals met. Well done: try breaking something with the node buttons and watch what Kubernetes does.',
  'lab.goals.moreHints': 'More hints',
  'lab.goals.showSolution': 'Show solution',
  'lab.goals.hideSolution': 'Hide solution',
  'lab.goals.solution': 'Solution',
  'lab.goals.run': 'Run',
  'lab.goals.runLabel': 'Run {command}',
  // ClusterView.tsx
  'lab.picture.tone.ready': 'Ready',
  'lab.picture.tone.progressing': 'Starting',
  'lab.picture.tone.pending': 'Pending',
  'lab.picture.tone.failed': 'Failing',
  'lab.picture.tone.terminating': 'Terminating',
  'lab.picture.tone.unknown': 'Unknown',
  'lab.picture.fit': 'Fit to width',
  'lab.picture.readFailed': 'The picture could not be read: {error}',
  'lab.picture.region': 'Cluster picture (scrolls when wider than the page)',
  'lab.picture.label': 'Cluster picture: {nodes} nodes, {pods} pods. Select a pod for its details.',
  'lab.picture.empty': 'No pods yet. Apply a manifest and they appear here, on the node that runs them.',
  'lab.picture.reading': 'Reading the cluster…',
  'lab.picture.asText': 'The picture as text',
  'lab.picture.machineCut': 'cut off from the network',
  'lab.picture.machineUnknown': 'machine state unknown',
  'lab.picture.headless': 'headless (clusterIP: None)',
  'lab.picture.setReady': '{ready} ready',
  'lab.picture.noDns': 'no ready pods: no DNS names yet',
  'lab.picture.nodeUnknown': 'not heard from (Unknown)',
  'lab.picture.unscheduled': 'waiting for a node',
  'lab.picture.kept': 'kept after their pods went',
  'lab.picture.nodeLost': ' · node lost',
  'lab.picture.pod': 'Pod {pod} is {status}',
  'lab.picture.podNodeLost': ' (last known: its node is not responding)',
  'lab.picture.podReadyRestart': ', {ready} containers ready, {restarts} restart',
  'lab.picture.podReadyRestarts': ', {ready} containers ready, {restarts} restarts',
  'lab.picture.podOn': ', on {node}',
  'lab.picture.podUnscheduled': ', not scheduled',
  'lab.picture.podMounts': ', mounts {claims}',
  // PodDetails.tsx
  'lab.pod.title': 'Pod {pod}',
  'lab.pod.close': 'Close',
  'lab.pod.closeLabel': 'Close the details of {pod}',
  'lab.pod.gone': 'This pod no longer exists.',
  'lab.pod.status': 'Status',
  'lab.pod.statusLine': '{status} ({ready} ready, {restarts} restarts)',
  'lab.pod.statusLineOne': '{status} ({ready} ready, {restarts} restart)',
  'lab.pod.node': 'Node',
  'lab.pod.notScheduled': 'not scheduled yet',
  'lab.pod.ip': 'IP',
  'lab.pod.noneYet': 'none yet',
  'lab.pod.hostname': 'Hostname',
  'lab.pod.namespace': 'Namespace',
  'lab.pod.labels': 'Labels',
  'lab.pod.none': 'none',
  'lab.pod.conditions': 'Conditions',
  'lab.pod.files': 'Files on its volumes',
  'lab.pod.fromClaim': 'from claim',
  'lab.pod.reading': 'Reading…',
  'lab.pod.noVolume': 'This pod mounts no persistent volume.',
  'lab.pod.filesTerminating': 'The pod is terminating, so its files cannot be listed now. They stay on the volume.',
  'lab.pod.filesNotRunning': 'The pod is not running, so its files cannot be listed now. They stay on the volume.',
  'lab.pod.events': 'Recent events',
  'lab.pod.noEvents': 'No events for this pod.',
  // EventsFeed.tsx
  'lab.events.title': 'Events',
  'lab.events.region': 'Cluster events, newest last',
  'lab.events.empty': 'No events yet. They appear here as the cluster acts (kubectl get events -w).',
  'lab.events.loading': 'Loading the events…',
  'lab.events.newest': 'Show the newest',
  'lab.events.newOne': '1 new event: show the newest',
  'lab.events.newMany': '{count} new events: show the newest',
} as const;

export type LabKey = keyof typeof en;

export const labStrings: { en: Record<LabKey, string> } & Record<Exclude<Locale, 'en'>, Partial<Record<LabKey, string>>> = {
  en,
  // Filled in by the Simplified Chinese translation; missing keys fall back to English.
  'zh-cn': {},
};

/** The lab string for `key` in `locale`, with `{name}` placeholders replaced from `params`. */
export function t(key: LabKey, params: Record<string, string | number> = {}, locale: Locale = 'en'): string {
  const template = labStrings[locale][key] ?? labStrings.en[key];
  return fill(template, params);
}
