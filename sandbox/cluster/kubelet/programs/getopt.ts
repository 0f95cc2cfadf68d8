// One getopt for the programs that read GNU-style options (the shell's awk, watch, date, sort...;
// busybox wget here, whose getopt32 takes long options as getopt_long does): glibc's getopt_long
// (posix/getopt.c, the copy gnulib gives coreutils, gawk and procps), reduced to what those
// programs use. It lives with the container programs because the kubelet runs wget too, and the
// cluster never imports the shell.
//
// - Short options from an optstring: `n:` takes an argument (the rest of the word, else the next
//   word), `d::` an optional one (only the rest of the word), the others none; they bundle
//   (`-tn5` is -t -n 5).
// - Long options `--name`, `--name=value` or `--name value` (required arguments only); any
//   unambiguous prefix names an option (`--inter 5`), as getopt_long allows.
// - A leading `+` in the optstring stops at the first operand (watch, awk: the rest is the
//   command or the program); without it, operands are collected and options after them still
//   count (GNU argument permutation: `date +%s -u`). `--` ends the options; `-` is an operand.
//
// It stops at the first error and reports it with the options read before it; the caller prints
// the message (glibcMessage gives getopt's own wording) in its program's way.

export type ArgKind = 'none' | 'required' | 'optional';

export interface LongOption {
  name: string;
  arg: ArgKind;
  /** What the option reports itself as (the short letter it stands for); its name by default. */
  key?: string;
}

export interface GetoptSpec {
  /** getopt's optstring: `+` first to stop at the first operand, then letters with `:` or `::`. */
  short: string;
  long?: LongOption[];
}

/** One option as read: its key (letter or long key), its argument if it has one, and the word as typed. */
export interface ParsedOption {
  key: string;
  value?: string;
  /** `-n` or `--interval`: how the learner named it. */
  given: string;
}

export type GetoptError =
  /** `-z`: not in the optstring. */
  | { kind: 'invalid'; letter: string }
  /** `-n` at the end of the words. */
  | { kind: 'missing'; letter: string }
  /** `--bogus` (the whole word, `=value` included, as glibc prints it). */
  | { kind: 'unrecognized'; word: string }
  /** `--rfc` when several options start so. */
  | { kind: 'ambiguous'; word: string; names: string[] }
  /** `--interval` at the end of the words. */
  | { kind: 'missing-long'; name: string }
  /** `--utc=x`: the option takes no argument. */
  | { kind: 'unexpected'; name: string };

export interface GetoptResult {
  options: ParsedOption[];
  operands: string[];
  error?: GetoptError;
}

/** getopt's message for an error, without the `prog: ` prefix (glibc 2.26+ wording). */
export function glibcMessage(e: GetoptError): string {
  switch (e.kind) {
    case 'invalid':
      return `invalid option -- '${e.letter}'`;
    case 'missing':
      return `option requires an argument -- '${e.letter}'`;
    case 'unrecognized':
      return `unrecognized option '${e.word}'`;
    case 'ambiguous':
      return `option '${e.word}' is ambiguous; possibilities:${e.names.map((n) => ` '--${n}'`).join('')}`;
    case 'missing-long':
      return `option '--${e.name}' requires an argument`;
    case 'unexpected':
      return `option '--${e.name}' doesn't allow an argument`;
  }
}

/** The optstring's letters and what each takes. */
function shortKinds(optstring: string): Map<string, ArgKind> {
  const kinds = new Map<string, ArgKind>();
  for (let i = optstring.startsWith('+') ? 1 : 0; i < optstring.length; i++) {
    const c = optstring[i];
    if (c === ':') continue;
    const colons = optstring.slice(i + 1).match(/^:{0,2}/)![0].length;
    kinds.set(c, colons === 2 ? 'optional' : colons === 1 ? 'required' : 'none');
  }
  return kinds;
}

/**
 * The long option `name` names (process_long_option): an exact match, else the first option it
 * is a prefix of, unless a later one differs from it in key or argument kind; glibc then lists
 * the first and those that differ (`--rfc`: '--rfc-email' '--rfc-3339', not --rfc-2822, which is
 * -R as --rfc-email is).
 */
function findLong(long: LongOption[], name: string): LongOption | { ambiguous: string[] } | undefined {
  const exact = long.find((o) => o.name === name);
  if (exact) return exact;
  const hits = long.filter((o) => o.name.startsWith(name));
  if (!hits.length) return undefined;
  const first = hits[0];
  const others = hits.filter((o) => (o.key ?? o.name) !== (first.key ?? first.name) || o.arg !== first.arg);
  return others.length ? { ambiguous: [first.name, ...others.map((o) => o.name)] } : first;
}

export function getopt(args: string[], spec: GetoptSpec): GetoptResult {
  const inOrder = spec.short.startsWith('+');
  const kinds = shortKinds(spec.short);
  const long = spec.long;
  const options: ParsedOption[] = [];
  const operands: string[] = [];
  const fail = (error: GetoptError): GetoptResult => ({ options, operands, error });
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '--') {
      operands.push(...args.slice(i + 1));
      break;
    }
    if (!a.startsWith('-') || a === '-') {
      if (inOrder) {
        operands.push(...args.slice(i));
        break;
      }
      operands.push(a);
      continue;
    }
    // Without long options `--x` is read as short letters, `-` among them (getopt, not getopt_long).
    if (a.startsWith('--') && long) {
      const eq = a.indexOf('=');
      const name = eq < 0 ? a.slice(2) : a.slice(2, eq);
      const inline = eq < 0 ? undefined : a.slice(eq + 1);
      const found = findLong(long, name);
      if (!found) return fail({ kind: 'unrecognized', word: a });
      if ('ambiguous' in found) return fail({ kind: 'ambiguous', word: a, names: found.ambiguous });
      const key = found.key ?? found.name;
      const given = `--${found.name}`;
      if (found.arg === 'none') {
        if (inline !== undefined) return fail({ kind: 'unexpected', name: found.name });
        options.push({ key, given });
      } else if (found.arg === 'optional') options.push({ key, value: inline, given });
      else {
        const value = inline ?? args[++i];
        if (value === undefined) return fail({ kind: 'missing-long', name: found.name });
        options.push({ key, value, given });
      }
      continue;
    }
    for (let j = 1; j < a.length; j++) {
      const letter = a[j];
      const kind = kinds.get(letter);
      if (kind === undefined) return fail({ kind: 'invalid', letter });
      const rest = a.slice(j + 1);
      if (kind === 'none') {
        options.push({ key: letter, given: `-${letter}` });
        continue;
      }
      // An option with an argument takes the rest of the word; a required one else the next word.
      if (kind === 'optional') options.push({ key: letter, value: rest || undefined, given: `-${letter}` });
      else {
        const value = rest || args[++i];
        if (value === undefined) return fail({ kind: 'missing', letter });
        options.push({ key: letter, value, given: `-${letter}` });
      }
      break;
    }
  }
  return { options, operands };
}
