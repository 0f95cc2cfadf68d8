// awk program text into tokens (awkgram.y's yylex for gawk; editors/awk.c's next_token for
// busybox). Part of awk (../awk.ts).

export type TokType = 'num' | 'str' | 'ere' | 'name' | 'funcname' | 'builtin' | 'kw' | 'op' | 'nl' | 'eof';
export interface Tok {
  t: TokType;
  v: string;
  n?: number;
  pos: number;
}

export const KEYWORDS = new Set(['BEGIN', 'END', 'function', 'func', 'if', 'else', 'while', 'for', 'do', 'break', 'continue', 'next', 'nextfile', 'exit', 'return', 'delete', 'in', 'getline', 'print', 'printf']);
export const BUILTINS = new Set(['length', 'substr', 'index', 'split', 'sub', 'gsub', 'match', 'sprintf', 'tolower', 'toupper', 'int', 'sqrt', 'exp', 'log', 'sin', 'cos', 'atan2', 'rand', 'srand', 'system', 'close', 'fflush']);
/** gawk extensions this lab does not run (gawk's own function names, refused by name). */
export const GAWK_ONLY = new Set(['gensub', 'strftime', 'systime', 'mktime', 'asort', 'asorti', 'and', 'or', 'xor', 'compl', 'lshift', 'rshift', 'strtonum', 'patsplit', 'isarray', 'typeof']);
export const OPS = ['**=', '**', '^=', '+=', '-=', '*=', '/=', '%=', '==', '<=', '>=', '!=', '!~', '++', '--', '&&', '||', '>>', '{', '}', '(', ')', '[', ']', ';', ',', '+', '-', '*', '/', '%', '^', '!', '>', '<', '|', '?', ':', '~', '$', '='];

/** String escapes as awk's lexer reads them (\n \t \" \\ \/ \ooo ...); an unknown `\q` is `q`. */
export function unescape(s: string): string {
  return s.replace(/\\([0-7]{1,3}|.)/gs, (_m, c: string) => {
    if (/^[0-7]/.test(c)) return String.fromCharCode(Number.parseInt(c, 8));
    const map: Record<string, string> = { n: '\n', t: '\t', r: '\r', a: '\x07', b: '\b', f: '\f', v: '\v', '\\': '\\', '"': '"', '/': '/' };
    return map[c] ?? c;
  });
}

export class Lexer {
  readonly toks: Tok[] = [];
  private readonly src: string;
  private readonly fail: (pos: number, msg: string, busyboxMsg: string) => never;
  constructor(src: string, fail: (pos: number, msg: string, busyboxMsg: string) => never) {
    this.src = src;
    this.fail = fail;
    this.scan();
  }

  /** A `/` starts a regex unless the token before it ends an operand (then it divides). */
  private regexAllowed(): boolean {
    const p = this.toks[this.toks.length - 1];
    if (!p) return true;
    if (p.t === 'num' || p.t === 'str' || p.t === 'ere' || p.t === 'name') return false;
    if (p.t === 'builtin' && p.v === 'length') return false;
    if (p.t === 'op' && [')', ']', '$', '++', '--'].includes(p.v)) return false;
    return true;
  }

  private scan(): void {
    const s = this.src;
    let i = 0;
    while (i < s.length) {
      const c = s[i];
      if (c === ' ' || c === '\t' || c === '\r') {
        i++;
        continue;
      }
      if (c === '\\' && s[i + 1] === '\n') {
        i += 2;
        continue;
      }
      if (c === '#') {
        while (i < s.length && s[i] !== '\n') i++;
        continue;
      }
      const start = i;
      if (c === '\n') {
        this.toks.push({ t: 'nl', v: '\n', pos: i++ });
        continue;
      }
      if (c === '"') {
        i++;
        let raw = '';
        while (i < s.length && s[i] !== '"') {
          if (s[i] === '\n') break;
          if (s[i] === '\\' && i + 1 < s.length) {
            if (s[i + 1] === '\n') {
              i += 2;
              continue;
            }
            raw += s[i] + s[i + 1];
            i += 2;
            continue;
          }
          raw += s[i++];
        }
        // awkgram.y yylex: `unterminated string`; busybox next_token: EMSG_UNEXP_EOS.
        if (s[i] !== '"') this.fail(start, 'unterminated string', 'Unexpected end of string');
        i++;
        this.toks.push({ t: 'str', v: unescape(raw), pos: start });
        continue;
      }
      if (c === '/' && this.regexAllowed()) {
        i++;
        let raw = '';
        let inBracket = false;
        while (i < s.length && (s[i] !== '/' || inBracket)) {
          if (s[i] === '\n') break;
          if (s[i] === '\\' && i + 1 < s.length) {
            raw += s[i + 1] === '/' ? '/' : s[i] + s[i + 1];
            i += 2;
            continue;
          }
          if (s[i] === '[') inBracket = true;
          else if (s[i] === ']' && inBracket && raw[raw.length - 1] !== '[' && !raw.endsWith('[^')) inBracket = false;
          raw += s[i++];
        }
        if (s[i] !== '/') this.fail(start, 'unterminated regexp', 'Unexpected end of string');
        i++;
        this.toks.push({ t: 'ere', v: raw, pos: start });
        continue;
      }
      const num = /^(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?/.exec(s.slice(i));
      if (num) {
        i += num[0].length;
        this.toks.push({ t: 'num', v: num[0], n: Number(num[0]), pos: start });
        continue;
      }
      const word = /^[A-Za-z_][A-Za-z0-9_]*/.exec(s.slice(i));
      if (word) {
        const w = word[0];
        i += w.length;
        if (KEYWORDS.has(w)) this.toks.push({ t: 'kw', v: w === 'func' ? 'function' : w, pos: start });
        else if (BUILTINS.has(w) || GAWK_ONLY.has(w)) this.toks.push({ t: 'builtin', v: w, pos: start });
        else if (s[i] === '(') this.toks.push({ t: 'funcname', v: w, pos: start });
        else this.toks.push({ t: 'name', v: w, pos: start });
        continue;
      }
      const op = OPS.find((o) => s.startsWith(o, i));
      if (!op) this.fail(start, 'syntax error', 'Unexpected token');
      i += op!.length;
      this.toks.push({ t: 'op', v: op!, pos: start });
    }
    this.toks.push({ t: 'eof', v: '', pos: s.length });
  }
}
