// bash's history expansion in an interactive shell (readline histexpand.c): `!!` the last
// command, `!N` entry N, `!-N` the Nth last, `!str` the last one starting with str, `!?str?` the
// last one containing it; then a word of it: `!$` / `:$` the last, `!^` / `:^` the first
// argument, `!*` / `:*` all arguments, `:N` word N. Not inside single quotes or after a
// backslash, and not for a `!` before a blank, `=`, `(` or the end of the line. Bash prints the
// expanded line before running it, and a missing event is `bash: !x: event not found`.

export type Expansion = { line: string; changed: boolean } | { error: string };

/** The words of a history line, quotes kept together (history_tokenize, simplified). */
function words(line: string): string[] {
  return line.match(/(?:[^\s'"]+|'[^']*'|"(?:[^"\\]|\\.)*")+/g) ?? [];
}

export function expandHistory(line: string, history: string[]): Expansion {
  let out = '';
  let changed = false;
  let quote: "'" | '"' | undefined;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (c === '\\' && quote !== "'" && i + 1 < line.length) {
      out += c + line[++i];
      continue;
    }
    if (c === "'" && quote !== '"') quote = quote ? undefined : "'";
    else if (c === '"' && quote !== "'") quote = quote ? undefined : '"';
    const next = line[i + 1];
    if (c !== '!' || quote === "'" || next === undefined || /[\s=(]/.test(next) || (quote === '"' && next === '"')) {
      out += c;
      continue;
    }
    // The event.
    const rest = line.slice(i + 1);
    let m: RegExpExecArray | null;
    let event: string | undefined;
    let len: number;
    let shorthandWord: string | undefined;
    if (rest[0] === '!') {
      event = history[history.length - 1];
      len = 1;
    } else if ((m = /^-?\d+/.exec(rest))) {
      const n = Number(m[0]);
      event = n < 0 ? history[history.length + n] : history[n - 1];
      len = m[0].length;
    } else if (rest[0] === '$' || rest[0] === '^' || rest[0] === '*') {
      event = history[history.length - 1];
      shorthandWord = rest[0];
      len = 1;
    } else if ((m = /^\?([^?\n]*)\??/.exec(rest))) {
      const s = m[1];
      event = [...history].reverse().find((h) => h.includes(s));
      len = m[0].length;
    } else {
      m = /^[^\s:;&|<>()"'`]+/.exec(rest);
      if (!m) {
        out += c;
        continue;
      }
      const s = m[0];
      event = [...history].reverse().find((h) => h.startsWith(s));
      len = s.length;
    }
    const spec = `!${rest.slice(0, len)}`;
    if (event === undefined) return { error: `${spec}: event not found` };
    // A word designator: the shorthand, or `:N`, `:$`, `:^`, `:*`.
    let designator = shorthandWord;
    if (!designator && (m = /^:(\d+|\$|\^|\*)/.exec(rest.slice(len)))) {
      designator = m[1];
      len += m[0].length;
    }
    let text = event.split('\n')[0];
    if (designator !== undefined) {
      const w = words(text);
      if (designator === '$') text = w[w.length - 1] ?? '';
      else if (designator === '^') text = w[1] ?? '';
      else if (designator === '*') text = w.slice(1).join(' ');
      else {
        const n = Number(designator);
        if (n >= w.length) return { error: `:${designator}: bad word specifier` };
        text = w[n];
      }
    }
    out += text;
    changed = true;
    i += len;
  }
  return { line: out, changed };
}
