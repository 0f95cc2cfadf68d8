// Command-line flags with pflag's rules, as kubectl (cobra + spf13/pflag) parses them:
// `--name=value`, `--name value`, `-n value`, `-nvalue`, `-n=value`, grouped booleans `-it`,
// `--bool=false`, flags anywhere among the arguments, and `--` ending the flags (what follows is
// kept apart: `kubectl exec web-0 -- sh -c 'hostname'`).
// Source: spf13/pflag flag.go (parseLongArg, parseShortArg, parseSingleShortArg).
import { KubectlError } from './errors.ts';

export type FlagType = 'bool' | 'string' | 'int' | 'strings';

export interface FlagSpec {
  name: string;
  short?: string;
  type: FlagType;
  default?: string | number | boolean | string[];
  /** `--cascade` alone means `background` (pflag NoOptDefVal). */
  noOptDefault?: string;
}

export type FlagValues = Record<string, any>;

export interface ParsedArgs {
  flags: FlagValues;
  /** Which flags the learner gave (to tell "unset" from "default"). */
  set: Set<string>;
  args: string[];
  /** Words after `--`, or undefined when there was no `--`. */
  dash?: string[];
}

/** Flags every kubectl command accepts (kubectl's persistent flags, simplified). */
export const GLOBAL_FLAGS: FlagSpec[] = [
  { name: 'namespace', short: 'n', type: 'string' },
  { name: 'context', type: 'string' },
  { name: 'kubeconfig', type: 'string' },
  { name: 'cluster', type: 'string' },
  { name: 'user', type: 'string' },
  { name: 'server', short: 's', type: 'string' },
  { name: 'request-timeout', type: 'string' },
  { name: 'v', short: 'v', type: 'string' },
  { name: 'warnings-as-errors', type: 'bool' },
  { name: 'help', short: 'h', type: 'bool' },
];

export function usageHint(cmdPath: string): string {
  return `See '${cmdPath} --help' for usage.`;
}

export function parseFlags(argv: string[], specs: FlagSpec[], cmdPath: string): ParsedArgs {
  const all = [...specs, ...GLOBAL_FLAGS];
  const byName = new Map(all.map((s) => [s.name, s]));
  const byShort = new Map(all.filter((s) => s.short).map((s) => [s.short!, s]));
  const flags: FlagValues = {};
  const set = new Set<string>();
  for (const s of all) flags[s.name] = Array.isArray(s.default) ? [...s.default] : s.default ?? (s.type === 'bool' ? false : s.type === 'strings' ? [] : undefined);
  const args: string[] = [];
  let dash: string[] | undefined;

  const assign = (spec: FlagSpec, value: string, shown: string) => {
    const first = !set.has(spec.name);
    set.add(spec.name);
    switch (spec.type) {
      case 'bool': {
        const v = value.toLowerCase();
        if (['true', '1', 't'].includes(v)) flags[spec.name] = true;
        else if (['false', '0', 'f'].includes(v)) flags[spec.name] = false;
        else throw new KubectlError(`invalid argument "${value}" for "${shown}" flag: strconv.ParseBool: parsing "${value}": invalid syntax\n${usageHint(cmdPath)}`);
        break;
      }
      case 'int': {
        if (!/^[+-]?\d+$/.test(value)) throw new KubectlError(`invalid argument "${value}" for "${shown}" flag: strconv.ParseInt: parsing "${value}": invalid syntax\n${usageHint(cmdPath)}`);
        flags[spec.name] = Number(value);
        break;
      }
      case 'strings':
        // pflag's stringSlice: the first value given replaces the default, later ones add to it.
        flags[spec.name] = [...(first ? [] : (flags[spec.name] as string[])), ...value.split(',')];
        break;
      default:
        flags[spec.name] = value;
    }
  };

  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--') {
      dash = argv.slice(i + 1);
      break;
    }
    if (a.startsWith('--') && a.length > 2) {
      const eq = a.indexOf('=');
      const name = eq >= 0 ? a.slice(2, eq) : a.slice(2);
      const spec = byName.get(name);
      if (!spec) throw new KubectlError(`unknown flag: --${name}\n${usageHint(cmdPath)}`);
      const shown = spec.short ? `-${spec.short}, --${spec.name}` : `--${spec.name}`;
      if (eq >= 0) assign(spec, a.slice(eq + 1), shown);
      else if (spec.type === 'bool') assign(spec, 'true', shown);
      else if (spec.noOptDefault !== undefined) assign(spec, spec.noOptDefault, shown);
      else if (i + 1 < argv.length) assign(spec, argv[++i], shown);
      else throw new KubectlError(`flag needs an argument: --${name}\n${usageHint(cmdPath)}`);
      continue;
    }
    if (a.startsWith('-') && a.length > 1) {
      // Grouped shorthands: each letter a flag; a non-bool one takes the rest or the next word.
      let rest = a.slice(1);
      while (rest.length) {
        const c = rest[0];
        const spec = byShort.get(c);
        if (!spec) throw new KubectlError(`unknown shorthand flag: '${c}' in ${a}\n${usageHint(cmdPath)}`);
        const shown = `-${spec.short}, --${spec.name}`;
        rest = rest.slice(1);
        if (rest.startsWith('=')) {
          assign(spec, rest.slice(1), shown);
          rest = '';
        } else if (spec.type === 'bool') {
          assign(spec, 'true', shown);
        } else if (rest.length) {
          assign(spec, rest, shown);
          rest = '';
        } else if (spec.noOptDefault !== undefined) {
          assign(spec, spec.noOptDefault, shown);
        } else if (i + 1 < argv.length) {
          assign(spec, argv[++i], shown);
        } else {
          throw new KubectlError(`flag needs an argument: '${c}' in -${c}\n${usageHint(cmdPath)}`);
        }
      }
      continue;
    }
    args.push(a);
  }
  return { flags, set, args, dash };
}
