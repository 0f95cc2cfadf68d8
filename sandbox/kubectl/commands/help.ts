// `kubectl` and `kubectl <verb> --help`: a short version of kubectl's help text.
import { COMMANDS } from './registry.ts';
import type { KubectlCommand } from './types.ts';

export function rootHelp(): string {
  const names = COMMANDS.map((c) => c.name);
  const width = Math.max(...names.map((n) => n.length)) + 3;
  const lines = COMMANDS.map((c) => `  ${c.name.padEnd(width)}${c.short}`);
  return `kubectl controls the Kubernetes cluster manager.

 Find more information at: https://kubernetes.io/docs/reference/kubectl/

Commands:
${lines.join('\n')}

Usage:
  kubectl [flags] [options]

Use "kubectl <command> --help" for more information about a given command.
`;
}

export function commandHelp(cmd: KubectlCommand): string {
  const flags = cmd.flags.map((f) => `    ${f.short ? `-${f.short}, ` : ''}--${f.name}${f.type === 'bool' ? '' : '=' + shownDefault(f)}`);
  return `${cmd.short}.

Options:
${flags.join('\n')}

Usage:
  kubectl ${cmd.name} [options]

Use "kubectl options" for a list of global command-line options (applies to all commands).
`;
}

/** A flag's default as pflag's Value.String() shows it: `[a,b]` for a string slice, `''` for an empty string. */
function shownDefault(f: KubectlCommand['flags'][number]): string {
  if (f.type === 'strings') return `[${(Array.isArray(f.default) ? f.default : []).join(',')}]`;
  return f.default !== undefined ? String(f.default) : "''";
}
