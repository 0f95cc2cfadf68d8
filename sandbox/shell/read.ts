// bash's `read` builtin (builtins/read.def) over the command's input: one line (up to -d's
// character) a call, so `while IFS= read -r line; do ...; done < file` and `kubectl get pods -o
// name | while read pod; do ...; done` walk the lines. The line is split at IFS as bash does it:
// IFS white space at the ends dropped, each name but the last takes one field, the last takes the
// rest; with no name, REPLY takes the line as it is. Without -r a backslash quotes the next
// character, and one at the end of a line joins the next line. At the prompt (standard input the
// terminal) it waits for what the learner types (Services.readTerminal), showing -p's prompt
// first; where no one types (a CLI script) it finds the end of its input. -t is not timed.
import type { Ctx, Shell } from './interpreter.ts';

const USAGE = 'read: usage: read [-ers] [-a array] [-d delim] [-i text] [-n nchars] [-N nchars] [-p prompt] [-t timeout] [-u fd] [name ...]';

export function readBuiltin(argv: string[], ctx: Ctx, sh: Shell): number | Promise<number> {
  let raw = false;
  let silent = false;
  let prompt: string | undefined;
  let delim = '\n';
  let max = Infinity;
  let i = 0;
  for (; i < argv.length && /^-./.test(argv[i]); i++) {
    if (argv[i] === '--') {
      i++;
      break;
    }
    for (let k = 1; k < argv[i].length; k++) {
      const o = argv[i][k];
      if ('dnNptiua'.includes(o)) {
        const arg = k + 1 < argv[i].length ? argv[i].slice(k + 1) : argv[++i];
        if (arg === undefined) {
          ctx.err(`${sh.name}: read: -${o}: option requires an argument\n${USAGE}\n`);
          return 2;
        }
        if (o === 'd') delim = arg[0] ?? '\0';
        else if (o === 'n' || o === 'N') {
          if (!/^\d+$/.test(arg)) {
            ctx.err(`${sh.name}: read: ${arg}: invalid number\n`);
            return 1;
          }
          max = Number(arg);
          if (o === 'N') delim = '\0';
        } else if (o === 'a' || o === 'u') {
          ctx.err(`${sh.name}: read: -${o}: not available in this lab's shell\n`);
          return 2;
        } else if (o === 'p') prompt = arg;
        // -t and -i: nothing to do here.
        break;
      }
      if (o === 'r') raw = true;
      else if (o === 's') silent = true;
      else if (o !== 'e') {
        ctx.err(`${sh.name}: read: -${o}: invalid option\n${USAGE}\n`);
        return 2;
      }
    }
  }
  const names = argv.slice(i);
  for (const n of names) {
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(n)) {
      ctx.err(`${sh.name}: read: \`${n}': not a valid identifier\n`);
      return 1;
    }
  }
  const terminal = ctx.terminal ? sh.services.readTerminal : undefined;
  if (!terminal) return assign(takeLine(inputOf(ctx), delim, max, raw), names, sh);
  // read.def: the prompt goes to standard error, and only when the input is a terminal.
  if (prompt !== undefined) ctx.err(prompt);
  const req = { echo: !silent, delim, max: Number.isFinite(max) ? max : undefined };
  return (async () => {
    let keys = await terminal(req, ctx.signal);
    // Without -r, a backslash before Enter goes on to the next line (which bash reads without a
    // prompt). An odd count of backslashes before the newline ends in a lone one.
    while (!raw && delim === '\n' && !req.max && /(?:^|[^\\])(?:\\\\)*\\\n$/.test(keys) && !ctx.signal.aborted) {
      keys += await terminal(req, ctx.signal);
    }
    return assign(takeLine({ rest: keys }, delim, max, raw), names, sh);
  })();
}

/** The line read into REPLY or the names; 0 when the delimiter ended it, 1 at the end of the input. */
function assign({ text, quoted, ended }: { text: string; quoted: boolean[]; ended: boolean }, names: string[], sh: Shell): number {
  if (!names.length) {
    sh.setVar('REPLY', text);
    return ended ? 0 : 1;
  }
  const fields = split(text, quoted, sh.getVar('IFS') ?? ' \t\n', names.length);
  names.forEach((n, k) => sh.setVar(n, fields[k] ?? ''));
  return ended ? 0 : 1;
}

/**
 * What is left of the command's input: kept on the context, so the next `read` of the same loop
 * goes on where this one stopped (a new pipe or redirection has a new text, and starts afresh).
 */
export function inputOf(ctx: Ctx): { text: string; rest: string } {
  if (!ctx.input || ctx.input.text !== ctx.stdin) ctx.input = { text: ctx.stdin, rest: ctx.stdin };
  return ctx.input;
}

/** One line off the input; which of its characters a backslash quoted; whether the delimiter ended it. */
function takeLine(input: { rest: string }, delim: string, max: number, raw: boolean): { text: string; quoted: boolean[]; ended: boolean } {
  let text = '';
  const quoted: boolean[] = [];
  let p = 0;
  const s = input.rest;
  let ended = false;
  while (p < s.length && text.length < max) {
    const c = s[p++];
    if (c === delim) {
      ended = true;
      break;
    }
    if (c === '\\' && !raw && p < s.length) {
      const next = s[p++];
      // A backslash before the delimiter joins the next line.
      if (next === '\n') continue;
      text += next;
      quoted.push(true);
      continue;
    }
    text += c;
    quoted.push(false);
  }
  if (text.length >= max) ended = true;
  input.rest = s.slice(p);
  return { text, quoted, ended };
}

/** The line cut into at most `count` fields at IFS (read.def, and bash's list_string rules). */
function split(text: string, quoted: boolean[], ifs: string, count: number): string[] {
  if (!ifs) return [text];
  const isIfs = (k: number) => !quoted[k] && ifs.includes(text[k]);
  const isWhite = (k: number) => isIfs(k) && ' \t\n'.includes(text[k]);
  let k = 0;
  let end = text.length;
  while (k < end && isWhite(k)) k++;
  while (end > k && isWhite(end - 1)) end--;
  const out: string[] = [];
  while (out.length < count - 1 && k < end) {
    let j = k;
    while (j < end && !isIfs(j)) j++;
    out.push(text.slice(k, j));
    // The separator: white space, at most one other IFS character, white space.
    while (j < end && isWhite(j)) j++;
    if (j < end && isIfs(j) && !isWhite(j)) j++;
    while (j < end && isWhite(j)) j++;
    k = j;
  }
  if (k < end) out.push(text.slice(k, end));
  return out;
}
