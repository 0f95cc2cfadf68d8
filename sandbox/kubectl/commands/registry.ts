// Every kubectl verb the lab knows, and the "did you mean" of an unknown one (cobra's
// SuggestionsFor: Levenshtein distance ≤ 2, or a prefix).
import { applyCommand } from './apply.ts';
import { completionCommand } from './completion.ts';
import { createCommand, replaceCommand } from './create.ts';
import { diffCommand } from './diff.ts';
import { cpCommand } from './cp.ts';
import { deleteCommand } from './delete.ts';
import { describeCommand } from './describe.ts';
import { getCommand } from './get.ts';
import { editCommand } from './edit.ts';
import { eventsCommand } from './events.ts';
import { execCommand } from './exec.ts';
import { explainCommand } from './explain.ts';
import { exposeCommand } from './expose.ts';
import { annotateCommand, labelCommand } from './label.ts';
import { logsCommand } from './logs.ts';
import { apiResourcesCommand, clusterInfoCommand, configCommand, proxyCommand, topCommand, versionCommand } from './misc.ts';
import { cordonCommand, drainCommand, taintCommand, uncordonCommand } from './nodes.ts';
import { patchCommand } from './patch.ts';
import { portForwardCommand } from './port-forward.ts';
import { rolloutCommand } from './rollout.ts';
import { runCommand } from './run.ts';
import { scaleCommand } from './scale.ts';
import { setCommand } from './set.ts';
import type { KubectlCommand } from './types.ts';
import { waitCommand } from './wait.ts';

export const COMMANDS: KubectlCommand[] = [
  createCommand, exposeCommand, runCommand, getCommand, explainCommand, editCommand, deleteCommand,
  rolloutCommand, scaleCommand, setCommand, cordonCommand, uncordonCommand, drainCommand, taintCommand,
  describeCommand, logsCommand, execCommand, portForwardCommand, proxyCommand, cpCommand, eventsCommand, waitCommand, applyCommand,
  patchCommand, replaceCommand, labelCommand, annotateCommand, apiResourcesCommand, clusterInfoCommand, configCommand,
  versionCommand, topCommand, diffCommand, completionCommand,
];

/**
 * kubectl 1.35's other top-level commands (kubectl pkg/cmd/cmd.go NewKubectlCommand's groups):
 * real, but not simulated here. They are still suggested for a typo, as cobra would.
 */
export const NOT_SIMULATED = ['attach', 'auth', 'autoscale', 'certificate', 'debug', 'kustomize', 'plugin', 'api-versions', 'options'];

export function registerCommands(list: KubectlCommand[]): void {
  for (const c of list) if (!COMMANDS.some((x) => x.name === c.name)) COMMANDS.push(c);
}

export function findCommand(name: string): KubectlCommand | undefined {
  return COMMANDS.find((c) => c.name === name);
}

function levenshtein(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0][j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
  }
  return d[a.length][b.length];
}

/** cobra's SuggestionsFor: every command within distance 2 or starting with what was typed, by name. */
export function suggestCommands(typed: string): string[] {
  const t = typed.toLowerCase();
  return [...COMMANDS.map((c) => c.name), ...NOT_SIMULATED].sort().filter((n) => levenshtein(t, n) <= 2 || n.startsWith(t));
}
