// GNU xargs (findutils 4.9, xargs/xargs.c): builds command lines from standard input and runs
// them, as in `kubectl get pods -o name | xargs kubectl delete` or
// `... | xargs -I{} kubectl exec {} -- hostname`. Input items are separated by blanks and
// newlines, with '...', "..." and \ quoting (-0: NUL; -d: a character; -I: one line each).
// Options: -n N, -L N, -I REPLACE (-i), -r, -t, -0, -d, -P (runs one at a time). The command is
// run as exec runs it (Shell.execProgram), never a shell function; default /bin/echo. Exit
// status: 123 when a run ended 1-125, 124 at 255, 127 when the command is not found.
import type { Builtin, Ctx, Shell } from './interpreter.ts';

const USAGE = 'Usage: xargs [OPTION]... COMMAND [INITIAL-ARGS]...\nTry \'xargs --help\' for more information.\n';

interface Options {
  maxArgs?: number;
  maxLines?: number;
  replace?: string;
  noRunIfEmpty: boolean;
  verbose: boolean;
  delimiter?: string;
}

export const xargsBuiltin: Builtin = async (args, ctx, sh) => {
  const o: Options = { noRunIfEmpty: false, verbose: false };
  let i = 0;
  const fail = (msg: string): number => (ctx.err(`xargs: ${msg}\n${USAGE}`), 1);
  const count = (flag: string, v: string | undefined): number | undefined => {
    if (v === undefined || !/^\d+$/.test(v) || Number(v) < 1) {
      ctx.err(v === undefined ? `xargs: option requires an argument -- '${flag}'\n${USAGE}` : `xargs: invalid number "${v}" for -${flag} option\n`);
      return undefined;
    }
    return Number(v);
  };
  for (; i < args.length; i++) {
    const a = args[i];
    if (a === '--') {
      i++;
      break;
    }
    if (!a.startsWith('-') || a === '-') break;
    const long = /^--([a-z-]+)(?:=(.*))?$/.exec(a);
    if (long) {
      const [, name, value] = long;
      if (name === 'no-run-if-empty') o.noRunIfEmpty = true;
      else if (name === 'verbose') o.verbose = true;
      else if (name === 'null') o.delimiter = '\0';
      else if (name === 'max-args' || name === 'max-lines' || name === 'max-procs') {
        const n = count(name === 'max-args' ? 'n' : name === 'max-lines' ? 'L' : 'P', value ?? args[++i]);
        if (n === undefined) return 1;
        if (name === 'max-args') o.maxArgs = n;
        else if (name === 'max-lines') o.maxLines = n;
      } else if (name === 'replace') o.replace = value ?? '{}';
      else if (name === 'delimiter') o.delimiter = (value ?? args[++i] ?? '')[0];
      else return fail(`unrecognized option '${a}'`);
      continue;
    }
    // Short options, clustered (-rt) or with their value attached (-n1, -I{}).
    for (let k = 1; k < a.length; k++) {
      const f = a[k];
      const rest = a.slice(k + 1);
      if (f === 'r') o.noRunIfEmpty = true;
      else if (f === 't') o.verbose = true;
      else if (f === '0') o.delimiter = '\0';
      else if (f === 'i') {
        o.replace = rest || '{}';
        break;
      } else if ('nLIPd'.includes(f)) {
        const v = rest || args[++i];
        if (f === 'I') {
          if (v === undefined) return (ctx.err(`xargs: option requires an argument -- 'I'\n${USAGE}`), 1);
          o.replace = v;
        } else if (f === 'd') {
          if (v === undefined) return (ctx.err(`xargs: option requires an argument -- 'd'\n${USAGE}`), 1);
          o.delimiter = v[0];
        } else {
          const n = count(f, v);
          if (n === undefined) return 1;
          if (f === 'n') o.maxArgs = n;
          else if (f === 'L') o.maxLines = n;
        }
        break;
      } else return fail(`invalid option -- '${f}'`);
    }
  }
  const command = args.slice(i);
  if (!command.length) command.push('echo');

  const input = ctx.input && ctx.input.text === ctx.stdin ? ctx.input.rest : ctx.stdin;
  let groups: string[][];
  if (o.replace !== undefined) {
    // One command per line: leading blanks dropped, the line whole (quotes still read).
    const lines = splitLines(input, o.delimiter).map((l) => (o.delimiter === undefined ? l.replace(/^[ \t]+/, '') : l)).filter((l) => l !== '');
    groups = [];
    for (const line of lines) {
      const item = o.delimiter === undefined ? unquote(line, true) : [line];
      if (typeof item === 'string') return (ctx.err(item), 1);
      groups.push(item);
    }
  } else {
    const units = o.maxLines !== undefined ? splitLines(input, o.delimiter).filter((l) => l.trim() !== '') : [input];
    const items: string[][] = [];
    for (const u of units) {
      const parsed = o.delimiter === undefined ? unquote(u, false) : u.split(o.delimiter).filter((s, k, all) => k < all.length - 1 || s !== '');
      if (typeof parsed === 'string') return (ctx.err(parsed), 1);
      items.push(parsed);
    }
    groups = batch(items, o);
  }
  if (!groups.length && !o.noRunIfEmpty && o.replace === undefined) groups = [[]];

  let status = 0;
  for (const g of groups) {
    if (ctx.signal.aborted) return 130;
    const argv = o.replace !== undefined ? command.map((w) => w.split(o.replace!).join(g[0] ?? '')) : [...command, ...g];
    if (o.verbose) ctx.err(`${argv.join(' ')}\n`);
    const r = await run(sh, argv, ctx);
    if (r === 'not found') {
      ctx.err(`xargs: ${argv[0]}: No such file or directory\n`);
      return 127;
    }
    if (r === 255) {
      ctx.err(`xargs: ${argv[0]}: exited with status 255; aborting\n`);
      return 124;
    }
    if (r >= 1 && r <= 125) status = 123;
  }
  return status;
};

async function run(sh: Shell, argv: string[], ctx: Ctx): Promise<number | 'not found'> {
  // The command reads nothing of xargs' input (GNU xargs gives it /dev/null).
  const r = await sh.execProgram(argv, { ...ctx, stdin: '', input: undefined, terminal: false });
  return r === undefined ? 'not found' : r;
}

/** The input's lines (or -d/-0 items), without their terminator. */
function splitLines(input: string, delimiter: string | undefined): string[] {
  const parts = input.split(delimiter ?? '\n');
  if (parts.at(-1) === '') parts.pop();
  return parts;
}

/**
 * The items of `text` as xargs reads them by default: separated by blanks and newlines, with
 * '...' and "..." (not across a newline) and a backslash quoting. `oneItem`: the whole text is
 * one item (-I), blanks included. A string is xargs' error for an unmatched quote.
 */
function unquote(text: string, oneItem: boolean): string[] | string {
  const items: string[] = [];
  let cur = '';
  let has = false;
  for (let k = 0; k < text.length; k++) {
    const c = text[k];
    if (c === '\\' && k + 1 < text.length) {
      cur += text[++k];
      has = true;
    } else if (c === "'" || c === '"') {
      const end = text.indexOf(c, k + 1);
      const nl = text.indexOf('\n', k + 1);
      if (end < 0 || (nl >= 0 && nl < end)) {
        return `xargs: unmatched ${c === "'" ? 'single' : 'double'} quote; by default quotes are special to xargs unless you use the -0 option\n`;
      }
      cur += text.slice(k + 1, end);
      has = true;
      k = end;
    } else if (!oneItem && (c === ' ' || c === '\t' || c === '\n')) {
      if (has) items.push(cur);
      cur = '';
      has = false;
    } else {
      cur += c;
      has = true;
    }
  }
  if (has) items.push(cur);
  return items;
}

/** Items cut into command lines: -L lines at a time, or -n items at a time, or all at once. */
function batch(itemsPerUnit: string[][], o: Options): string[][] {
  if (o.maxLines !== undefined) {
    const out: string[][] = [];
    for (let k = 0; k < itemsPerUnit.length; k += o.maxLines) out.push(itemsPerUnit.slice(k, k + o.maxLines).flat());
    return out.filter((g) => g.length);
  }
  const all = itemsPerUnit.flat();
  if (!all.length) return [];
  if (o.maxArgs === undefined) return [all];
  const out: string[][] = [];
  for (let k = 0; k < all.length; k += o.maxArgs) out.push(all.slice(k, k + o.maxArgs));
  return out;
}
