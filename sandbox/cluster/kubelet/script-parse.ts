// A container's shell script as the kubelet's planner (processes.ts) follows it: statements
// split at `;`, newlines, `&&` and `||` (quotes kept), and the compound commands of sh's grammar
// (XCU 2.9.4) the planner runs, with the way back to sh text that a `resume` step carries.

/** A simple command, or one of sh's compound commands the planner follows: `while`/`until`, `for`, `if`, `case`. */
export type ScriptNode =
  | { kind: 'simple'; text: string }
  | { kind: 'loop'; until: boolean; cond: Item[]; body: Item[]; unterminated?: boolean }
  /** `for NAME in ITEMS; do BODY; done`: `items` as written, expanded when the loop starts. */
  | { kind: 'for'; name: string; items: string; body: Item[]; unterminated?: boolean }
  | { kind: 'if'; clauses: { cond: Item[]; body: Item[] }[]; otherwise?: Item[]; unterminated?: boolean }
  /** `case WORD in PATTERN|PATTERN) LIST;; ... esac`: the word and patterns as written. */
  | { kind: 'case'; word: string; clauses: { patterns: string[]; body: Item[] }[]; unterminated?: boolean };

/** A node of an and-or list and the operator after it (`;` also for a newline or the end, `;;` at the end of a case clause). */
export interface Item {
  node: ScriptNode;
  sep: string;
}

const RESERVED = /^\s*(while|until|for|do|done|if|then|elif|else|fi|case|esac)(?=\s|$)([\s\S]*)$/;

/**
 * A looping script is planned again at every pass from the same text: its parse is kept (the
 * items are never changed after parsing). A few dozen texts are plenty for a lab's containers.
 */
const PARSED = new Map<string, Item[]>();

export function parsed(script: string): Item[] {
  let items = PARSED.get(script);
  if (!items) {
    if (PARSED.size >= 64) PARSED.clear();
    PARSED.set(script, (items = parseScript(script)));
  }
  return items;
}

/**
 * sh's grammar for `while list; do list; done`, `for name in words; do list; done` and
 * `if list; then list; [elif list; then list;]... [else list;] fi` (XCU 2.9.4) over the
 * statements splitStatements finds.
 */
function parseScript(script: string): Item[] {
  const stmts = splitStatements(script);
  let i = 0;
  // A reserved word starts its statement; what follows it on the statement is the next command.
  const takeWord = (rest: string) => {
    if (rest.trim()) stmts[i] = { ...stmts[i], text: rest };
    else i++;
  };
  const word = () => (i < stmts.length ? RESERVED.exec(stmts[i].text)?.[1] : undefined);
  /** After the closing word (`done`, `fi`): the separator the compound command ends with. */
  const close = (items: Item[]) => {
    items[items.length - 1].sep = stmts[i].sep;
    i++;
  };
  /** `clause`: a case clause's list, which ends after the statement that ends with `;;`. */
  const list = (ends: string[] = [], clause = false): Item[] => {
    const items: Item[] = [];
    while (i < stmts.length) {
      if (clause && items.at(-1)?.sep === ';;') return items;
      const m = RESERVED.exec(stmts[i].text);
      if (m && ends.includes(m[1])) return items;
      if (m && (m[1] === 'while' || m[1] === 'until' || m[1] === 'for')) {
        let node: Extract<ScriptNode, { kind: 'loop' | 'for' }>;
        if (m[1] === 'for') {
          // `for NAME [in WORDS]`: the statement ends at the `;` or newline before `do`.
          const f = /^\s*(\w+)(?:\s+in(?:\s+([\s\S]*))?)?\s*$/.exec(m[2]);
          node = { kind: 'for', name: f?.[1] ?? '', items: f?.[2] ?? '', body: [] };
          i++;
        } else {
          takeWord(m[2]);
          node = { kind: 'loop', until: m[1] === 'until', cond: list(['do']), body: [] };
        }
        items.push({ node, sep: ';' });
        if (word() !== 'do') {
          node.unterminated = true;
          return items;
        }
        takeWord(RESERVED.exec(stmts[i].text)![2]);
        node.body = list(['done']);
        if (i >= stmts.length) {
          node.unterminated = true;
          return items;
        }
        close(items);
        continue;
      }
      if (m && m[1] === 'if') {
        const node: Extract<ScriptNode, { kind: 'if' }> = { kind: 'if', clauses: [] };
        items.push({ node, sep: ';' });
        let kw: string | undefined = 'if';
        takeWord(m[2]);
        while (kw === 'if' || kw === 'elif') {
          const cond = list(['then']);
          if (word() !== 'then') {
            node.unterminated = true;
            return items;
          }
          takeWord(RESERVED.exec(stmts[i].text)![2]);
          node.clauses.push({ cond, body: list(['elif', 'else', 'fi']) });
          kw = word();
          if (kw === 'elif') takeWord(RESERVED.exec(stmts[i].text)![2]);
        }
        if (kw === 'else') {
          takeWord(RESERVED.exec(stmts[i].text)![2]);
          node.otherwise = list(['fi']);
        }
        if (word() !== 'fi') {
          node.unterminated = true;
          return items;
        }
        close(items);
        continue;
      }
      if (m && m[1] === 'case') {
        // `case WORD in`, then clauses `PATTERN[|PATTERN]) LIST;;` (a leading `(` allowed) up to `esac`.
        const c = /^\s*((?:[^\s'"]|'[^']*'|"(?:[^"\\]|\\.)*")+)\s+in(?=\s|$)([\s\S]*)$/.exec(m[2]);
        const node: Extract<ScriptNode, { kind: 'case' }> = { kind: 'case', word: c?.[1] ?? '', clauses: [] };
        items.push({ node, sep: ';' });
        if (!c) {
          node.unterminated = true;
          return items;
        }
        takeWord(c[2]);
        for (;;) {
          if (i >= stmts.length) {
            node.unterminated = true;
            return items;
          }
          if (word() === 'esac') break;
          // The patterns end at the first `)` outside quotes (`"a)b")` is one pattern).
          const text = stmts[i].text.replace(/^\s*\(/, '');
          const end = unquotedIndexes(text, ')')[0];
          if (end === undefined) {
            node.unterminated = true;
            return items;
          }
          const rest = text.slice(end + 1);
          const patterns = splitUnquoted(text.slice(0, end), '|').map((x) => x.trim());
          if (!rest.trim() && stmts[i].sep === ';;') {
            node.clauses.push({ patterns, body: [] });
            i++;
            continue;
          }
          takeWord(rest);
          node.clauses.push({ patterns, body: list(['esac'], true) });
        }
        close(items);
        continue;
      }
      items.push({ node: { kind: 'simple', text: stmts[i].text.trim() }, sep: stmts[i].sep });
      i++;
    }
    return items;
  };
  return list();
}

/** Where `ch` stands in `text` outside single and double quotes (a backslash escapes the next character). */
function unquotedIndexes(text: string, ch: string): number[] {
  const out: number[] = [];
  let quote = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quote) {
      if (c === quote) quote = '';
      else if (c === '\\' && quote === '"') i++;
    } else if (c === '\\') i++;
    else if (c === '"' || c === "'") quote = c;
    else if (c === ch) out.push(i);
  }
  return out;
}

/** `text` cut at each `sep` outside quotes: a case clause's patterns at `|`. */
function splitUnquoted(text: string, sep: string): string[] {
  const out: string[] = [];
  let from = 0;
  for (const i of unquotedIndexes(text, sep)) {
    out.push(text.slice(from, i));
    from = i + 1;
  }
  out.push(text.slice(from));
  return out;
}

/** The items as sh text again: what a `resume` step carries. */
export function listText(items: Item[]): string {
  return items.map((it, k) => nodeText(it.node) + (k === items.length - 1 ? '' : it.sep === ';' ? '; ' : ` ${it.sep} `)).join('');
}

function nodeText(n: ScriptNode): string {
  switch (n.kind) {
    case 'simple':
      return n.text;
    case 'loop':
      return `${n.until ? 'until' : 'while'} ${listText(n.cond)}; do ${listText(n.body)}; done`;
    case 'for':
      return forText(n.name, n.items, n.body);
    case 'if': {
      const clauses = n.clauses.map((c, k) => `${k ? 'elif' : 'if'} ${listText(c.cond)}; then ${listText(c.body)}; `).join('');
      return `${clauses}${n.otherwise ? `else ${listText(n.otherwise)}; ` : ''}fi`;
    }
    case 'case':
      return `case ${n.word} in ${n.clauses.map((c) => `${c.patterns.join('|')}) ${listText(c.body)};; `).join('')}esac`;
  }
}

export function forText(name: string, items: string, body: Item[]): string {
  return `for ${name}${items ? ` in ${items}` : ''}; do ${listText(body)}; done`;
}

/**
 * Where a `for` loop on its last pass ends, in the rest of its body that a `resume` step carries
 * (on earlier passes the loop's text with the words still to go stands there). A `break` or
 * `continue` in that rest counts it as the loop's text (processes.ts `list`); run, it does
 * nothing and leaves `$?` as it was. Only the planner writes it, in the texts it carries.
 */
export const FOR_LOOP_END = ': for-loop-end';

/** A word as sh text that reads back as the same word. */
export const quoted = (w: string) => (/^[\w./:@%+=,-]+$/.test(w) ? w : `'${w.replace(/'/g, `'\\''`)}'`);

export const seq = (a: string, b: string) => (a && b ? `${a}; ${b}` : a || b);

function splitStatements(script: string): { text: string; sep: string }[] {
  const out: { text: string; sep: string }[] = [];
  let cur = '';
  let quote = '';
  for (let i = 0; i < script.length; i++) {
    const ch = script[i];
    if (quote) {
      if (ch === quote) quote = '';
      cur += ch;
      continue;
    }
    if (ch === '"' || ch === "'") {
      quote = ch;
      cur += ch;
      continue;
    }
    const two = script.slice(i, i + 2);
    if (two === '&&' || two === '||' || two === ';;') {
      out.push({ text: cur, sep: two });
      cur = '';
      i++;
      continue;
    }
    if (ch === ';' || ch === '\n') {
      out.push({ text: cur, sep: ';' });
      cur = '';
      continue;
    }
    cur += ch;
  }
  out.push({ text: cur, sep: ';' });
  // A `;;` on a line of its own ends the clause whose last statement came before it.
  const kept: { text: string; sep: string }[] = [];
  for (const st of out) {
    if (st.text.trim()) kept.push(st);
    else if (st.sep === ';;' && kept.length) kept[kept.length - 1].sep = ';;';
  }
  return kept;
}
