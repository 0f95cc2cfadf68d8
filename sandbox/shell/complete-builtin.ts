// bash's `complete` builtin (builtins/complete.def): it records completion specifications, prints
// them as `complete -o default -F __start_kubectl k` and removes them, with bash's messages. The
// lab's Tab completion reads one thing from them: a name given `-F __start_kubectl` (what kubectl's
// cheat sheet does for `alias k=kubectl`) completes as kubectl does (complete.ts).
import type { Ctx, Shell } from './interpreter.ts';

export interface CompletionSpec {
  /** `-o` names, kept in bash's table order when printed. */
  options: Set<string>;
  /** Actions: single letters (`-f`) and `-A` names. */
  actions: Set<string>;
  /** `-G -W -P -S -X -C -F` and their arguments. */
  args: Map<string, string>;
}

/** complete.def compopts, in table order. */
const COMPOPTS = ['bashdefault', 'default', 'dirnames', 'filenames', 'noquote', 'nosort', 'nospace', 'plusdirs'];
/** complete.def compacts: the action names, with the letter of those that have one. */
const COMPACTS: [string, string | undefined][] = [
  ['alias', 'a'], ['arrayvar', undefined], ['binding', undefined], ['builtin', 'b'], ['command', 'c'], ['directory', 'd'],
  ['disabled', undefined], ['enabled', undefined], ['export', 'e'], ['file', 'f'], ['function', undefined], ['group', 'g'],
  ['helptopic', undefined], ['hostname', undefined], ['job', 'j'], ['keyword', 'k'], ['running', undefined], ['service', 's'],
  ['setopt', undefined], ['shopt', undefined], ['signal', undefined], ['stopped', undefined], ['user', 'u'], ['variable', 'v'],
];
const WITH_ARG = 'oACFGPSWX';
const USAGE = 'complete: usage: complete [-abcdefgjksuv] [-pr] [-DEI] [-o option] [-A action] [-G globpat] [-W wordlist] [-F function] [-C command] [-X filterpat] [-P prefix] [-S suffix] [name ...]';

/** The name a spec's -F gives kubectl's completion in the script `kubectl completion bash` prints. */
export const KUBECTL_COMPLETION_FUNCTION = '__start_kubectl';

export function completeBuiltin(argv: string[], ctx: Ctx, sh: Shell): number {
  const err = (m: string) => ctx.err(`${sh.name}: ${m}\n`);
  const spec: CompletionSpec = { options: new Set(), actions: new Set(), args: new Map() };
  let print = false;
  let remove = false;
  let given = false;
  let i = 0;
  // internal_getopt: options bundle (`-pr`), an option's argument is the rest of its word or the next word.
  for (; i < argv.length && argv[i].startsWith('-') && argv[i] !== '-'; i++) {
    if (argv[i] === '--') {
      i++;
      break;
    }
    for (let k = 1; k < argv[i].length; k++) {
      const o = argv[i][k];
      given = true;
      if (WITH_ARG.includes(o)) {
        const arg = k + 1 < argv[i].length ? argv[i].slice(k + 1) : argv[++i];
        if (arg === undefined) {
          err(`complete: -${o}: option requires an argument`);
          ctx.err(`${USAGE}\n`);
          return 2;
        }
        if (o === 'o') {
          if (!COMPOPTS.includes(arg)) return err(`complete: ${arg}: invalid option name`), 2;
          spec.options.add(arg);
        } else if (o === 'A') {
          if (!COMPACTS.some(([n]) => n === arg)) return err(`complete: ${arg}: invalid action name`), 2;
          spec.actions.add(arg);
        } else spec.args.set(o, arg);
        break;
      }
      if (o === 'p') print = true;
      else if (o === 'r') remove = true;
      else {
        const act = COMPACTS.find(([, letter]) => letter === o);
        if (!act) {
          err(`complete: -${o}: invalid option`);
          ctx.err(`${USAGE}\n`);
          return 2;
        }
        spec.actions.add(act[0]);
      }
    }
  }
  const names = argv.slice(i);
  const specs = sh.completionSpecs;
  if (print || (!names.length && !given)) {
    let status = 0;
    for (const name of names.length ? names : [...specs.keys()]) {
      const s = specs.get(name);
      if (s) ctx.out(`${specText(s)}${name}\n`);
      else {
        err(`complete: ${name}: no completion specification`);
        status = 1;
      }
    }
    return status;
  }
  if (remove) {
    if (!names.length) specs.clear();
    let status = 0;
    for (const name of names) {
      if (!specs.delete(name)) {
        err(`complete: ${name}: no completion specification`);
        status = 1;
      }
    }
    return status;
  }
  if (!names.length) {
    ctx.err(`${USAGE}\n`);
    return 2;
  }
  for (const name of names) specs.set(name, spec);
  return 0;
}

/** print_one_completion up to the name: options, actions, the quoted arguments, then -F. */
function specText(s: CompletionSpec): string {
  let out = 'complete ';
  for (const o of COMPOPTS) if (s.options.has(o)) out += `-o ${o} `;
  for (const [name, letter] of COMPACTS) if (letter && s.actions.has(name)) out += `-${letter} `;
  for (const [name, letter] of COMPACTS) if (!letter && s.actions.has(name)) out += `-A ${name} `;
  for (const o of 'GWPSXC') if (s.args.has(o)) out += `-${o} '${s.args.get(o)!.replace(/'/g, `'\\''`)}' `;
  if (s.args.has('F')) out += `-F ${s.args.get('F')} `;
  return out;
}
