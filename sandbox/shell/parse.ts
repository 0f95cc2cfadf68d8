// Command line → syntax tree, for the subset of POSIX sh the tutorials use: words with quoting
// and escapes, `$VAR`/`${VAR}`/`$(...)`/`$((...))`/`<(...)`, pipes, `&&`/`||`/`;`/`&`, `for`/
// `while`/`until`/`if`/`case`, `{ ...; }` and `( ... )`, function definitions, redirections
// (`> >> < 2>&1 &>`), here-documents (`<<EOF`, `<<'EOF'`, `<<-EOF`) and here-strings (`<<<`).
// The grammar follows the shape of POSIX "Shell Command Language" section 2.10, simplified.

/** One piece of a word; `q` = inside quotes (no field splitting, no globbing). */
export type WordPart =
  | { k: 'lit'; v: string; q: boolean }
  | { k: 'var'; name: string; q: boolean; op?: VarOp; arg?: Word; arg2?: Word; slice?: [string, string | undefined] }
  | { k: 'cmd'; src: string; q: boolean }
  | { k: 'arith'; src: string; q: boolean }
  /** `<(list)`: the name of a file that holds what the list prints (bash's process substitution). */
  | { k: 'procsub'; src: string }
  | { k: 'tilde' };

export type Word = WordPart[];

/**
 * bash's parameter expansions: defaults and alternatives (`:-` `-` `:=` `=` `:+` `+` `:?` `?`),
 * `#` the length (`${#x}`), pattern removal (`#` `##` `%` `%%` as `strip#`...), replacement
 * (`/` `//` `/#` `/%`), `:offset:length` (`slice`), case (`^` `^^` `,` `,,`).
 */
export type VarOp =
  | ':-' | '-' | ':=' | '=' | ':+' | '+' | ':?' | '?' | '#'
  | 'strip#' | 'strip##' | 'strip%' | 'strip%%'
  | '/' | '//' | '/#' | '/%'
  | 'slice'
  | '^' | '^^' | ',' | ',,';

export type Redir =
  | { fd: number; op: '>' | '>>' | '<' | '&>'; target: Word }
  | { fd: number; op: '>&'; to: number }
  | { fd: number; op: '<<'; body: string; expand: boolean }
  | { fd: number; op: '<<<'; target: Word };

export interface Assign {
  name: string;
  value: Word;
}

export type Cmd =
  | { t: 'simple'; assigns: Assign[]; words: Word[]; redirs: Redir[] }
  | { t: 'for'; name: string; items: Word[] | undefined; body: List; redirs: Redir[] }
  | { t: 'while'; until: boolean; cond: List; body: List; redirs: Redir[] }
  | { t: 'if'; clauses: { cond: List; body: List }[]; otherwise?: List; redirs: Redir[] }
  /**
   * `name () compound-command` or `function name [()] compound-command`: defines a function.
   * `body` is what it runs; `bodySrc` its text, for `type`.
   */
  | { t: 'func'; name: string; body: Cmd; bodySrc: string; redirs: Redir[] }
  /** `case WORD in [(]PATTERN[|PATTERN]...) LIST ;; ... esac` (the last `;;` may be left out). */
  | { t: 'case'; word: Word; clauses: { patterns: Word[]; body: List }[]; redirs: Redir[] }
  | { t: 'group'; subshell: boolean; body: List; redirs: Redir[] }
  /** `(( expr ))`: status 0 when the value is not 0. */
  | { t: 'arith'; src: string; redirs: Redir[] }
  /** `for (( init; cond; step ))`: an empty cond is true. */
  | { t: 'cfor'; init: string; cond: string; step: string; body: List; redirs: Redir[] };

export interface Pipeline {
  bang: boolean;
  cmds: Cmd[];
}

export interface AndOr {
  first: Pipeline;
  rest: { op: '&&' | '||'; p: Pipeline }[];
  background: boolean;
  /** The source text of this item (what `jobs` shows). */
  src: string;
  /** The line it starts on (1 for the first): what sh's messages name. */
  line: number;
}

export interface List {
  items: AndOr[];
}

export class ParseError extends Error {
  /** The input ended too early: a host should read another line and try again. */
  readonly incomplete: boolean;
  constructor(message: string, incomplete = false) {
    super(message);
    this.incomplete = incomplete;
  }
}

type Tok =
  | { t: 'word'; w: Word; raw: string; start: number; end: number }
  | { t: 'op'; v: string; start: number; end: number }
  | { t: 'redir'; fd: number | undefined; v: string; start: number; end: number }
  | { t: 'nl'; start: number; end: number }
  | { t: 'arith'; src: string; start: number; end: number }
  | { t: 'eof'; start: number; end: number };

const OPS = ['&&', '||', ';;', '|', '&', ';', '(', ')'];
const REDIR_OPS = ['<<<', '<<-', '<<', '>>', '>&', '<&', '&>>', '&>', '>|', '>', '<'];

/** Splits the input into tokens, reading here-document bodies at the newline that follows. */
class Lexer {
  private readonly s: string;
  private i = 0;
  private pendingHeredocs: { delim: string; strip: boolean; fill: (body: string) => void }[] = [];
  /** Inside `${x:-...}`: blanks and operators are part of the word (`${x:-a b}` is `a b`). */
  private readonly braced: boolean;
  constructor(s: string, braced = false) {
    this.s = s;
    this.braced = braced;
  }

  tokens(): Tok[] {
    const out: Tok[] = [];
    for (;;) {
      const t = this.next();
      out.push(t);
      if (t.t === 'redir' && (t.v === '<<' || t.v === '<<-')) {
        // The delimiter is the next word; its body is read after the end of the line.
        const d = this.next();
        if (d.t !== 'word') throw new ParseError(d.t === 'eof' || d.t === 'nl' ? "syntax error near unexpected token `newline'" : `syntax error near unexpected token \`${tokText(d)}'`);
        const quoted = d.w.some((p) => p.k === 'lit' && p.q);
        const holder = { t: 'word' as const, w: [] as Word, raw: '', start: d.start, end: d.end, heredoc: { body: '', expand: !quoted } };
        out.push(holder as Tok);
        this.pendingHeredocs.push({ delim: unquoteRaw(d.raw), strip: t.v === '<<-', fill: (b) => (holder.heredoc.body = b) });
        continue;
      }
      if (t.t === 'nl' && this.pendingHeredocs.length) this.readHeredocs();
      if (t.t === 'eof') {
        if (this.pendingHeredocs.length) throw new ParseError('here-document not terminated', true);
        return out;
      }
    }
  }

  private readHeredocs(): void {
    for (const h of this.pendingHeredocs) {
      const lines: string[] = [];
      for (;;) {
        if (this.i >= this.s.length) throw new ParseError(`here-document delimited by end-of-file (wanted \`${h.delim}')`, true);
        let j = this.s.indexOf('\n', this.i);
        if (j < 0) j = this.s.length;
        let line = this.s.slice(this.i, j);
        this.i = Math.min(j + 1, this.s.length);
        if (h.strip) line = line.replace(/^\t+/, '');
        if (line === h.delim) break;
        lines.push(line);
        if (j >= this.s.length) throw new ParseError(`here-document delimited by end-of-file (wanted \`${h.delim}')`, true);
      }
      h.fill(lines.length ? lines.join('\n') + '\n' : '');
    }
    this.pendingHeredocs = [];
  }

  private next(): Tok {
    const s = this.s;
    // Blanks, line continuations and comments.
    for (;;) {
      const c = s[this.i];
      if (c === ' ' || c === '\t' || c === '\r') this.i++;
      else if (c === '\\' && s[this.i + 1] === '\n') this.i += 2;
      else if (c === '\\' && this.i + 1 >= s.length) throw new ParseError('syntax error: unexpected end of file', true);
      else if (c === '#') {
        while (this.i < s.length && s[this.i] !== '\n') this.i++;
      } else break;
    }
    const start = this.i;
    if (this.i >= s.length) return { t: 'eof', start, end: start };
    if (s[this.i] === '\n') {
      this.i++;
      return { t: 'nl', start, end: this.i };
    }
    // A redirection may start with a file descriptor number: `2>&1`, `2>/dev/null`.
    const fdm = /^(\d)(?=[<>])/.exec(s.slice(this.i, this.i + 2));
    const at = fdm ? this.i + 1 : this.i;
    // `<(` starts a process substitution, a word, not a redirection.
    if (!fdm && s.startsWith('<(', this.i)) return this.word(start);
    for (const r of REDIR_OPS) {
      if (s.startsWith(r, at)) {
        this.i = at + r.length;
        return { t: 'redir', fd: fdm ? Number(fdm[1]) : undefined, v: r, start, end: this.i };
      }
    }
    // `((` opens an arithmetic command when a `))` closes it; `( (a) )` stays two subshells.
    if (s.startsWith('((', this.i)) {
      const close = matchParen(s, this.i + 1);
      if (close > 0 && s[close + 1] === ')') {
        const src = s.slice(this.i + 2, close);
        this.i = close + 2;
        return { t: 'arith', src, start, end: this.i };
      }
      if (close < 0 && matchParen(s, this.i) < 0) throw new ParseError("unexpected EOF while looking for matching `)'", true);
    }
    for (const o of OPS) {
      if (s.startsWith(o, this.i)) {
        this.i += o.length;
        return { t: 'op', v: o, start, end: this.i };
      }
    }
    return this.word(start);
  }

  private word(start: number): Tok {
    const s = this.s;
    const w: Word = [];
    const lit = (v: string, q: boolean) => {
      const last = w[w.length - 1];
      if (last && last.k === 'lit' && last.q === q) last.v += v;
      else w.push({ k: 'lit', v, q });
    };
    if (s[this.i] === '~' && (this.i + 1 >= s.length || /[\s/;|&)]/.test(s[this.i + 1]))) {
      w.push({ k: 'tilde' });
      this.i++;
    }
    while (this.i < s.length) {
      const c = s[this.i];
      if (!this.braced && c === '<' && s[this.i + 1] === '(') {
        const end = matchParen(s, this.i + 1);
        if (end < 0) throw new ParseError("unexpected EOF while looking for matching `)'", true);
        w.push({ k: 'procsub', src: s.slice(this.i + 2, end) });
        this.i = end + 1;
        continue;
      }
      if (!this.braced && /[\s;|&()<>]/.test(c)) break;
      if (c === '\\') {
        if (this.i + 1 >= s.length) throw new ParseError('syntax error: unexpected end of file', true);
        if (s[this.i + 1] === '\n') this.i += 2;
        else {
          lit(s[this.i + 1], true);
          this.i += 2;
        }
      } else if (c === "'") {
        const j = s.indexOf("'", this.i + 1);
        if (j < 0) throw new ParseError('unexpected EOF while looking for matching `\'\'', true);
        lit(s.slice(this.i + 1, j), true);
        this.i = j + 1;
      } else if (c === '"') {
        this.i++;
        lit('', true); // `""` is an empty word, not nothing
        for (;;) {
          if (this.i >= s.length) throw new ParseError('unexpected EOF while looking for matching `"\'', true);
          const d = s[this.i];
          if (d === '"') {
            this.i++;
            break;
          }
          if (d === '\\' && '$`"\\\n'.includes(s[this.i + 1] ?? '')) {
            if (s[this.i + 1] !== '\n') lit(s[this.i + 1], true);
            this.i += 2;
          } else if (d === '$' || d === '`') {
            this.dollar(w, true, lit);
          } else {
            lit(d, true);
            this.i++;
          }
        }
      } else if (c === '$' && s[this.i + 1] === "'") {
        // bash's ANSI-C quoting: $'a\tb' is `a<TAB>b`; \' does not end it.
        let j = this.i + 2;
        while (j < s.length && s[j] !== "'") j += s[j] === '\\' ? 2 : 1;
        if (j >= s.length) throw new ParseError('unexpected EOF while looking for matching `\'\'', true);
        lit(ansiC(s.slice(this.i + 2, j)), true);
        this.i = j + 1;
      } else if (c === '$' || c === '`') {
        this.dollar(w, false, lit);
      } else {
        lit(c, false);
        this.i++;
      }
    }
    return { t: 'word', w, raw: s.slice(start, this.i), start, end: this.i };
  }

  /** `$NAME`, `${NAME}`, `${NAME:-x}`, `$(...)`, `$((...))`, backquotes, `$?` `$#` `$$`. */
  private dollar(w: Word, q: boolean, lit: (v: string, q: boolean) => void): void {
    const s = this.s;
    if (s[this.i] === '`') {
      const j = s.indexOf('`', this.i + 1);
      if (j < 0) throw new ParseError('unexpected EOF while looking for matching ``\'', true);
      w.push({ k: 'cmd', src: s.slice(this.i + 1, j), q });
      this.i = j + 1;
      return;
    }
    const n = s[this.i + 1];
    if (n === '(' && s[this.i + 2] === '(') {
      const end = matchParen(s, this.i + 2);
      if (end < 0 || s[end + 1] !== ')') throw new ParseError('unexpected EOF while looking for matching `)\'', true);
      w.push({ k: 'arith', src: s.slice(this.i + 3, end), q });
      this.i = end + 2;
    } else if (n === '(') {
      const end = matchParen(s, this.i + 1);
      if (end < 0) throw new ParseError('unexpected EOF while looking for matching `)\'', true);
      w.push({ k: 'cmd', src: s.slice(this.i + 2, end), q });
      this.i = end + 1;
    } else if (n === '{') {
      const j = matchBrace(s, this.i + 1);
      if (j < 0) throw new ParseError('unexpected EOF while looking for matching `}\'', true);
      const inner = s.slice(this.i + 2, j);
      this.i = j + 1;
      w.push({ ...parseBraced(inner), q });
    } else if (n !== undefined && /[A-Za-z_]/.test(n)) {
      const m = /^[A-Za-z_][A-Za-z0-9_]*/.exec(s.slice(this.i + 1))!;
      w.push({ k: 'var', name: m[0], q });
      this.i += 1 + m[0].length;
    } else if (n !== undefined && /[0-9?#$@*!]/.test(n)) {
      w.push({ k: 'var', name: n, q });
      this.i += 2;
    } else {
      lit('$', q);
      this.i++;
    }
  }

  /** The whole input as one word (for `${X:-default}` arguments). */
  wordOf(): Word {
    if (!this.s) return [];
    const t = this.word(0);
    return t.t === 'word' ? t.w : [];
  }
}

const ANSI_C: Record<string, string> = { a: '\x07', b: '\b', e: '\x1b', E: '\x1b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v', '\\': '\\', "'": "'", '"': '"', '?': '?' };

/** The text of $'...' (bash's ansicstr): \n \t..., \NNN octal, \xHH, \uHHHH, \UHHHHHHHH, \cX; others stay as written. */
function ansiC(body: string): string {
  return body.replace(/\\(?:([0-7]{1,3})|x([0-9A-Fa-f]{1,2})|u([0-9A-Fa-f]{1,4})|U([0-9A-Fa-f]{1,8})|c(.)|(.))/gs, (m, oct, hex, u4, u8, ctl, ch) => {
    if (oct) return String.fromCharCode(parseInt(oct, 8) & 0xff);
    if (hex) return String.fromCharCode(parseInt(hex, 16));
    if (u4 || u8) return String.fromCodePoint(parseInt(u4 ?? u8, 16));
    if (ctl) return String.fromCharCode(ctl.toUpperCase().charCodeAt(0) & 0x1f);
    return ANSI_C[ch] ?? m;
  });
}


/** The inside of `${...}` as a variable part (without `q`); bash's `bad substitution` otherwise. */
function parseBraced(inner: string): Omit<Extract<WordPart, { k: 'var' }>, 'q'> {
  const bad = (): never => {
    throw new ParseError(`\${${inner}}: bad substitution`);
  };
  const word = (src: string) => new Lexer(src, true).wordOf();
  const len = /^#([A-Za-z_][A-Za-z0-9_]*|[0-9?#$@*])$/.exec(inner);
  if (len) return { k: 'var', name: len[1], op: '#' };
  const m = /^([A-Za-z_][A-Za-z0-9_]*|[0-9?#$@*])([\s\S]*)$/.exec(inner);
  if (!m) return bad();
  const [, name, rest] = m;
  if (!rest) return { k: 'var', name };
  let o: RegExpExecArray | null;
  if ((o = /^(:-|:=|:\+|:\?|-|=|\+|\?)([\s\S]*)$/.exec(rest))) return { k: 'var', name, op: o[1] as VarOp, arg: word(o[2]) };
  if ((o = /^(##|#|%%|%)([\s\S]*)$/.exec(rest))) return { k: 'var', name, op: `strip${o[1]}` as VarOp, arg: word(o[2]) };
  if ((o = /^(\/\/|\/#|\/%|\/)([\s\S]*)$/.exec(rest))) {
    // The pattern ends at the first unquoted, unescaped `/`; the replacement is the rest.
    const body = o[2];
    let k = 0;
    let quote = '';
    for (; k < body.length; k++) {
      const c = body[k];
      if (c === '\\') k++;
      else if (quote) {
        if (c === quote) quote = '';
      } else if (c === "'" || c === '"') quote = c;
      else if (c === '/') break;
    }
    return { k: 'var', name, op: o[1] as VarOp, arg: word(body.slice(0, k)), arg2: word(body.slice(k + 1)) };
  }
  if ((o = /^(\^\^|\^|,,|,)$/.exec(rest))) return { k: 'var', name, op: o[1] as VarOp };
  if ((o = /^:([^:]*)(?::([\s\S]*))?$/.exec(rest)) && o[1].trim() !== '') return { k: 'var', name, op: 'slice', slice: [o[1], o[2]] };
  return bad();
}

/**
 * Index of the bracket that closes the one at `open` (`(` or `{`), skipping quotes, escapes and
 * nested pairs; -1 if none.
 */
function matchClosing(s: string, open: number, openCh: '(' | '{', closeCh: ')' | '}'): number {
  let depth = 0;
  for (let i = open; i < s.length; i++) {
    const c = s[i];
    if (c === '\\') i++;
    else if (c === "'") {
      const j = s.indexOf("'", i + 1);
      if (j < 0) return -1;
      i = j;
    } else if (c === '"') {
      for (i++; i < s.length && s[i] !== '"'; i++) if (s[i] === '\\') i++;
      if (i >= s.length) return -1;
    } else if (c === openCh) depth++;
    else if (c === closeCh && --depth === 0) return i;
  }
  return -1;
}

/** The `)` matching the `(` at `open`. */
const matchParen = (s: string, open: number) => matchClosing(s, open, '(', ')');
/** The `}` that closes the `${` whose `{` is at `open`. */
const matchBrace = (s: string, open: number) => matchClosing(s, open, '{', '}');

function unquoteRaw(raw: string): string {
  return raw.replace(/\\(.)|'([^']*)'|"([^"]*)"/g, (_m, a, b, c) => a ?? b ?? c ?? '');
}

function tokText(t: Tok): string {
  if (t.t === 'word') return t.raw;
  if (t.t === 'op' || t.t === 'redir') return (t.t === 'redir' && t.fd !== undefined ? String(t.fd) : '') + t.v;
  if (t.t === 'arith') return `((${t.src}))`;
  return 'newline';
}

/** Parses a complete script. Throws ParseError (with `incomplete` when more input would help). */
export function parse(src: string): List {
  const toks = new Lexer(src).tokens();
  const p = new Parser(src, toks);
  const list = p.list([]);
  p.expectEnd();
  return list;
}

/** True when `src` needs another line before it can run (open quote, here-doc, `for` without `done`, trailing `|`). */
export function needsMore(src: string): boolean {
  try {
    parse(src);
    return false;
  } catch (e) {
    return e instanceof ParseError && e.incomplete;
  }
}

class Parser {
  private pos = 0;
  private readonly src: string;
  private readonly toks: Tok[];
  constructor(src: string, toks: Tok[]) {
    this.src = src;
    this.toks = toks;
  }

  private peek(): Tok {
    return this.toks[this.pos];
  }

  private isKeyword(t: Tok, kw: string): boolean {
    return t.t === 'word' && t.w.length === 1 && t.w[0].k === 'lit' && !t.w[0].q && t.w[0].v === kw;
  }

  private unexpected(t: Tok): ParseError {
    if (t.t === 'eof') return new ParseError('syntax error: unexpected end of file', true);
    return new ParseError(`syntax error near unexpected token \`${tokText(t)}'`);
  }

  expectEnd(): void {
    const t = this.peek();
    if (t.t !== 'eof') throw this.unexpected(t);
  }

  private skipNewlines(): void {
    while (this.peek().t === 'nl') this.pos++;
  }

  /** A list until one of the `stops` keywords (or `)` / EOF). */
  list(stops: string[]): List {
    const items: AndOr[] = [];
    for (;;) {
      this.skipNewlines();
      while (this.peek().t === 'op' && (this.peek() as { v: string }).v === ';' && items.length) this.pos++, this.skipNewlines();
      const t = this.peek();
      if (t.t === 'eof' || (t.t === 'op' && (t.v === ')' || t.v === ';;')) || stops.some((s) => this.isKeyword(t, s))) return { items };
      const item = this.andOr();
      items.push(item);
      const sep = this.peek();
      if (sep.t === 'op' && (sep.v === ';' || sep.v === '&')) {
        this.pos++;
        if (sep.v === '&') {
          item.background = true;
        }
      } else if (sep.t === 'nl') this.pos++;
      else if (sep.t === 'eof' || (sep.t === 'op' && (sep.v === ')' || sep.v === ';;')) || stops.some((s) => this.isKeyword(sep, s))) return { items };
      else throw this.unexpected(sep);
    }
  }

  private andOr(): AndOr {
    const start = this.peek().start;
    const first = this.pipeline();
    const rest: AndOr['rest'] = [];
    for (;;) {
      const t = this.peek();
      if (t.t !== 'op' || (t.v !== '&&' && t.v !== '||')) break;
      this.pos++;
      this.skipNewlines();
      rest.push({ op: t.v, p: this.pipeline() });
    }
    const end = this.toks[this.pos - 1].end;
    return { first, rest, background: false, src: this.src.slice(start, end).trim(), line: this.src.slice(0, start).split('\n').length };
  }

  private pipeline(): Pipeline {
    let bang = false;
    if (this.isKeyword(this.peek(), '!')) {
      bang = true;
      this.pos++;
    }
    const cmds = [this.command()];
    for (;;) {
      const t = this.peek();
      if (t.t !== 'op' || t.v !== '|') break;
      this.pos++;
      this.skipNewlines();
      cmds.push(this.command());
    }
    return { bang, cmds };
  }

  private command(): Cmd {
    const t = this.peek();
    if (t.t === 'eof') throw this.unexpected(t);
    if (t.t === 'op' && t.v === '(') {
      this.pos++;
      const body = this.list([]);
      this.expectOp(')');
      return { t: 'group', subshell: true, body, redirs: this.redirs() };
    }
    if (this.isKeyword(t, '{')) {
      this.pos++;
      const body = this.list(['}']);
      this.expectKeyword('}');
      return { t: 'group', subshell: false, body, redirs: this.redirs() };
    }
    if (t.t === 'arith') {
      this.pos++;
      return { t: 'arith', src: t.src, redirs: this.redirs() };
    }
    if (this.isKeyword(t, 'for')) return this.forCmd();
    if (this.isKeyword(t, 'while') || this.isKeyword(t, 'until')) {
      this.pos++;
      const cond = this.list(['do']);
      const body = this.doDone();
      return { t: 'while', until: this.isKeywordText(t, 'until'), cond, body, redirs: this.redirs() };
    }
    if (this.isKeyword(t, 'if')) return this.ifCmd();
    if (this.isKeyword(t, 'case')) return this.caseCmd();
    if (this.isKeyword(t, 'function')) {
      this.pos++;
      const n = this.peek();
      if (n.t !== 'word') throw this.unexpected(n);
      this.pos++;
      if (this.isOp(this.peek(), '(')) {
        this.pos++;
        this.expectOp(')');
      }
      return this.funcDef(n.raw);
    }
    if (t.t === 'word' && /^[A-Za-z_][A-Za-z0-9_-]*$/.test(t.raw) && this.isOp(this.toks[this.pos + 1], '(') && this.isOp(this.toks[this.pos + 2], ')')) {
      this.pos += 3;
      return this.funcDef(t.raw);
    }
    for (const kw of ['do', 'done', 'then', 'elif', 'else', 'fi', '}', 'in', 'esac']) if (this.isKeyword(t, kw)) throw this.unexpected(t);
    return this.simple();
  }

  private isKeywordText(t: Tok, kw: string): boolean {
    return this.isKeyword(t, kw);
  }

  /** `do LIST done`: a loop's body. */
  private doDone(): List {
    this.expectKeyword('do');
    const body = this.list(['done']);
    this.expectKeyword('done');
    return body;
  }

  /** A `for` loop's `[;] [newlines] do LIST done`. */
  private loopBody(): List {
    const sep = this.peek();
    if (sep.t === 'op' && sep.v === ';') this.pos++;
    this.skipNewlines();
    return this.doDone();
  }

  private forCmd(): Cmd {
    this.pos++;
    const n = this.peek();
    if (n.t === 'arith') {
      // for (( init; cond; step )) [;] do ... done
      const parts = n.src.split(';');
      if (parts.length !== 3) throw new ParseError(`syntax error: \`;' unexpected`);
      this.pos++;
      const body = this.loopBody();
      return { t: 'cfor', init: parts[0], cond: parts[1], step: parts[2], body, redirs: this.redirs() };
    }
    if (n.t !== 'word' || !/^[A-Za-z_][A-Za-z0-9_]*$/.test(n.raw)) throw n.t === 'eof' ? this.unexpected(n) : new ParseError(`\`${tokText(n)}': not a valid identifier`);
    this.pos++;
    let items: Word[] | undefined;
    this.skipNewlines();
    if (this.isKeyword(this.peek(), 'in')) {
      this.pos++;
      items = [];
      for (;;) {
        const t = this.peek();
        if (t.t !== 'word') break;
        items.push(t.w);
        this.pos++;
      }
    }
    const body = this.loopBody();
    return { t: 'for', name: n.raw, items, body, redirs: this.redirs() };
  }

  private ifCmd(): Cmd {
    this.pos++;
    const clauses: { cond: List; body: List }[] = [];
    let otherwise: List | undefined;
    for (;;) {
      const cond = this.list(['then']);
      this.expectKeyword('then');
      const body = this.list(['elif', 'else', 'fi']);
      clauses.push({ cond, body });
      if (this.isKeyword(this.peek(), 'elif')) {
        this.pos++;
        continue;
      }
      if (this.isKeyword(this.peek(), 'else')) {
        this.pos++;
        otherwise = this.list(['fi']);
      }
      this.expectKeyword('fi');
      return { t: 'if', clauses, otherwise, redirs: this.redirs() };
    }
  }

  /** A function's body, after its name and `()`: newlines, then a compound command (parse.y function_def). */
  private funcDef(name: string): Cmd {
    this.skipNewlines();
    const t = this.peek();
    const compound = this.isOp(t, '(') || ['{', 'if', 'for', 'while', 'until', 'case'].some((kw) => this.isKeyword(t, kw));
    if (!compound) throw this.unexpected(t);
    const body = this.command();
    return { t: 'func', name, body, bodySrc: this.src.slice(t.start, this.toks[this.pos - 1].end), redirs: [] };
  }

  private caseCmd(): Cmd {
    this.pos++;
    const w = this.peek();
    if (w.t !== 'word') throw this.unexpected(w);
    this.pos++;
    this.skipNewlines();
    this.expectKeyword('in');
    const clauses: { patterns: Word[]; body: List }[] = [];
    for (;;) {
      this.skipNewlines();
      if (this.isKeyword(this.peek(), 'esac')) break;
      if (this.isOp(this.peek(), '(')) this.pos++;
      const patterns: Word[] = [];
      for (;;) {
        const p = this.peek();
        if (p.t !== 'word') throw this.unexpected(p);
        patterns.push(p.w);
        this.pos++;
        if (!this.isOp(this.peek(), '|')) break;
        this.pos++;
      }
      this.expectOp(')');
      clauses.push({ patterns, body: this.list(['esac']) });
      // A clause ends at `;;`, or at `esac` for the last one.
      if (!this.isOp(this.peek(), ';;')) break;
      this.pos++;
    }
    this.expectKeyword('esac');
    return { t: 'case', word: w.w, clauses, redirs: this.redirs() };
  }

  private isOp(t: Tok | undefined, op: string): boolean {
    return t?.t === 'op' && t.v === op;
  }

  private expectKeyword(kw: string): void {
    const t = this.peek();
    if (!this.isKeyword(t, kw)) throw this.unexpected(t);
    this.pos++;
  }

  private expectOp(op: string): void {
    const t = this.peek();
    if (t.t !== 'op' || t.v !== op) throw this.unexpected(t);
    this.pos++;
  }

  private redirs(): Redir[] {
    const out: Redir[] = [];
    while (this.peek().t === 'redir') out.push(this.redir());
    return out;
  }

  private redir(): Redir {
    const r = this.toks[this.pos++] as Extract<Tok, { t: 'redir' }>;
    const target = this.toks[this.pos];
    if (target.t !== 'word') throw this.unexpected(target);
    this.pos++;
    const hd = (target as unknown as { heredoc?: { body: string; expand: boolean } }).heredoc;
    if (hd) return { fd: r.fd ?? 0, op: '<<', get body() { return hd.body; }, expand: hd.expand } as Redir;
    switch (r.v) {
      case '>':
      case '>|':
        return { fd: r.fd ?? 1, op: '>', target: target.w };
      case '>>':
        return { fd: r.fd ?? 1, op: '>>', target: target.w };
      case '<':
        return { fd: r.fd ?? 0, op: '<', target: target.w };
      case '<<<':
        return { fd: r.fd ?? 0, op: '<<<', target: target.w };
      case '&>':
        return { fd: 1, op: '&>', target: target.w };
      case '&>>':
        return { fd: 1, op: '&>', target: target.w };
      case '>&':
      case '<&': {
        if (/^\d$/.test(target.raw)) return { fd: r.fd ?? 1, op: '>&', to: Number(target.raw) };
        if (r.fd === undefined && r.v === '>&') return { fd: 1, op: '&>', target: target.w };
        throw new ParseError(`${target.raw}: ambiguous redirect`);
      }
    }
    throw this.unexpected(r);
  }

  private simple(): Cmd {
    const assigns: Assign[] = [];
    const words: Word[] = [];
    const redirs: Redir[] = [];
    for (;;) {
      const t = this.peek();
      if (t.t === 'redir') {
        redirs.push(this.redir());
        continue;
      }
      if (t.t !== 'word') break;
      const m = !words.length && /^([A-Za-z_][A-Za-z0-9_]*)=/.exec(t.raw);
      if (m && t.w[0]?.k === 'lit' && !t.w[0].q) {
        assigns.push({ name: m[1], value: dropPrefix(t.w, m[0].length) });
      } else words.push(t.w);
      this.pos++;
    }
    if (!words.length && !assigns.length && !redirs.length) throw this.unexpected(this.peek());
    return { t: 'simple', assigns, words, redirs };
  }
}

/** The word without its first `n` literal characters (the `NAME=` of an assignment). */
function dropPrefix(w: Word, n: number): Word {
  const first = w[0] as Extract<WordPart, { k: 'lit' }>;
  const rest = first.v.slice(n);
  return rest ? [{ ...first, v: rest }, ...w.slice(1)] : w.slice(1);
}
