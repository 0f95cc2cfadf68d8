// Tokens into a Program: rules, functions, statements and expressions with awk's grammar. Part of
// awk (../awk.ts).
import { GAWK_ONLY, Lexer, type Tok, type TokType } from './lexer.ts';
import type { Expr, Program, Ref, Rule, Stmt } from './syntax.ts';

export class Parser {
  private i = 0;
  private locals: string[] | null = null;
  private inLoop = 0;
  /** Parsing the argument list of print/printf (where `(a, b)` is the whole list). */
  private printArgs = false;
  /** Where the statements being parsed run: `next` is refused in BEGIN and END (awkgram.y). */
  private context: 'BEGIN' | 'END' | 'main' | 'function' = 'main';
  private readonly toks: Tok[];
  readonly prog: Program = { begin: [], end: [], rules: [], funcs: new Map() };

  private readonly error: (tok: Tok, msg?: string) => never;
  private readonly ere: (src: string, tok: Tok) => RegExp;
  private readonly lineOf: (pos: number) => number;

  constructor(lx: Lexer, error: (tok: Tok, msg?: string) => never, ere: (src: string, tok: Tok) => RegExp, lineOf: (pos: number) => number) {
    this.toks = lx.toks;
    this.error = error;
    this.ere = ere;
    this.lineOf = lineOf;
  }

  private peek(o = 0): Tok {
    return this.toks[Math.min(this.i + o, this.toks.length - 1)];
  }
  private next(): Tok {
    const t = this.peek();
    if (this.i < this.toks.length - 1) this.i++;
    return t;
  }
  private is(v: string, t: TokType = 'op'): boolean {
    const k = this.peek();
    return k.t === t && k.v === v;
  }
  private eat(v: string, t: TokType = 'op'): boolean {
    if (this.is(v, t)) {
      this.i++;
      return true;
    }
    return false;
  }
  private expect(v: string, t: TokType = 'op'): Tok {
    if (!this.is(v, t)) this.error(this.peek());
    return this.next();
  }
  private newlines(): void {
    while (this.peek().t === 'nl') this.i++;
  }
  private terminators(): void {
    while (this.peek().t === 'nl' || this.is(';')) this.i++;
  }

  parse(): Program {
    this.terminators();
    while (this.peek().t !== 'eof') {
      this.item();
      this.terminators();
    }
    return this.prog;
  }

  private item(): void {
    const t = this.peek();
    if (t.t === 'kw' && (t.v === 'BEGIN' || t.v === 'END')) {
      this.next();
      if (!this.is('{')) this.error(this.peek());
      this.context = t.v;
      (t.v === 'BEGIN' ? this.prog.begin : this.prog.end).push(this.block());
      this.context = 'main';
      return;
    }
    if (t.t === 'kw' && t.v === 'function') {
      this.next();
      const name = this.next();
      if (name.t !== 'name' && name.t !== 'funcname') this.error(name);
      this.expect('(');
      const params: string[] = [];
      while (!this.is(')')) {
        const p = this.next();
        if (p.t !== 'name') this.error(p);
        params.push(p.v);
        this.newlines();
        if (!this.is(')')) this.expect(',');
        this.newlines();
      }
      this.next();
      this.newlines();
      this.locals = params;
      this.context = 'function';
      const body = this.block();
      this.context = 'main';
      this.locals = null;
      this.prog.funcs.set(name.v, { name: name.v, params, body });
      return;
    }
    if (this.is('{')) {
      this.prog.rules.push({ action: this.block() });
      return;
    }
    const a = this.expr();
    let rule: Rule = { pattern: a };
    if (this.eat(',')) {
      this.newlines();
      rule = { range: [a, this.expr()] };
    }
    if (this.is('{')) rule.action = this.block();
    this.prog.rules.push(rule);
  }

  private block(): Stmt[] {
    this.expect('{');
    const out: Stmt[] = [];
    this.terminators();
    while (!this.is('}')) {
      if (this.peek().t === 'eof') this.error(this.peek());
      out.push(this.stmt());
      this.terminators();
    }
    this.next();
    return out;
  }

  /** The end of a simple statement: `;`, a newline, or (not consumed) `}` / end of text. */
  private endSimple(): void {
    if (this.eat(';') || this.peek().t === 'nl') return;
    if (this.is('|') && this.peek(1).v === 'getline') this.error(this.peek(1), 'getline is not simulated in this lab');
    if (this.is('}') || this.peek().t === 'eof') return;
    this.error(this.peek());
  }

  private stmt(): Stmt {
    const t = this.peek();
    const line = this.lineOf(t.pos);
    if (this.is('{')) return { line, k: 'block', body: this.block() };
    if (this.eat(';')) return { line, k: 'block', body: [] };
    if (t.t === 'kw') {
      switch (t.v) {
        case 'if': {
          this.next();
          this.expect('(');
          const c = this.expr();
          this.expect(')');
          this.newlines();
          const then = this.stmt();
          const save = this.i;
          this.terminators();
          if (this.eat('else', 'kw')) {
            this.newlines();
            return { line, k: 'if', c, then, else: this.stmt() };
          }
          this.i = save;
          return { line, k: 'if', c, then };
        }
        case 'while': {
          this.next();
          this.expect('(');
          const c = this.expr();
          this.expect(')');
          if (this.eat(';')) return { line, k: 'while', c, body: { line, k: 'block', body: [] } };
          this.newlines();
          return { line, k: 'while', c, body: this.loopBody() };
        }
        case 'do': {
          this.next();
          this.newlines();
          const body = this.loopBody();
          this.terminators();
          this.expect('while', 'kw');
          this.expect('(');
          const c = this.expr();
          this.expect(')');
          this.endSimple();
          return { line, k: 'do', body, c };
        }
        case 'for': {
          this.next();
          this.expect('(');
          // for (k in arr): a name, `in`, a name, `)`.
          if (this.peek().t === 'name' && this.peek(1).t === 'kw' && this.peek(1).v === 'in' && this.peek(2).t === 'name' && this.peek(3).v === ')') {
            const v = this.ref(this.next().v);
            this.next();
            const arr = this.ref(this.next().v);
            this.next();
            this.newlines();
            return { line, k: 'forin', v, arr, body: this.loopBody() };
          }
          const init = this.is(';') ? undefined : this.expr();
          this.expect(';');
          this.newlines();
          const c = this.is(';') ? undefined : this.expr();
          this.expect(';');
          this.newlines();
          const step = this.is(')') ? undefined : this.expr();
          this.expect(')');
          if (this.eat(';')) return { line, k: 'for', init, c, step, body: { line, k: 'block', body: [] } };
          this.newlines();
          return { line, k: 'for', init, c, step, body: this.loopBody() };
        }
        case 'break':
        case 'continue':
          this.next();
          // awkgram.y: `break' is not allowed outside a loop (or switch)
          if (!this.inLoop) this.error(t, `\`${t.v}' is not allowed outside a loop${t.v === 'break' ? ' or switch' : ''}`);
          this.endSimple();
          return { line, k: t.v };
        case 'next':
        case 'nextfile':
          this.next();
          if (this.context === 'BEGIN' || this.context === 'END') this.error(t, `\`${t.v}' used in ${this.context} action`);
          this.endSimple();
          return { line, k: t.v };
        case 'exit':
        case 'return': {
          this.next();
          if (t.v === 'return' && !this.locals) this.error(t, '`return\' used outside function context');
          const e = this.is(';') || this.is('}') || this.peek().t === 'nl' || this.peek().t === 'eof' ? undefined : this.expr();
          this.endSimple();
          return { line, k: t.v, e };
        }
        case 'delete': {
          this.next();
          const n = this.next();
          if (n.t !== 'name') this.error(n);
          const ref = this.ref(n.v);
          let subs: Expr[] | undefined;
          if (this.eat('[')) {
            subs = this.exprList(']');
            this.expect(']');
          }
          this.endSimple();
          return { line, k: 'delete', ref, subs };
        }
        case 'print':
        case 'printf': {
          this.next();
          let args: Expr[] = [];
          if (!(this.is(';') || this.is('}') || this.is('>') || this.is('>>') || this.is('|') || this.peek().t === 'nl' || this.peek().t === 'eof')) {
            this.printArgs = true;
            try {
              args = this.exprList(null, true);
            } finally {
              this.printArgs = false;
            }
            if (args.length === 1 && args[0].k === 'grouplist') args = args[0].items;
          }
          if (t.v === 'printf' && !args.length) this.error(this.peek());
          let dest: { append: boolean; e: Expr } | undefined;
          if (this.is('|')) this.error(this.peek(), 'output to a pipe (`| command\') is not simulated in this lab');
          if (this.is('>') || this.is('>>')) {
            const append = this.next().v === '>>';
            dest = { append, e: this.concat(true) };
          }
          this.endSimple();
          return { line, k: t.v, args, dest };
        }
        case 'getline':
          this.error(t, 'getline is not simulated in this lab');
      }
    }
    const e = this.expr();
    this.endSimple();
    return { line, k: 'expr', e };
  }

  private loopBody(): Stmt {
    this.inLoop++;
    try {
      return this.stmt();
    } finally {
      this.inLoop--;
    }
  }

  private ref(name: string): Ref {
    const idx = this.locals ? this.locals.indexOf(name) : -1;
    return idx >= 0 ? { k: 'local', idx, name } : { k: 'var', name };
  }

  /** Comma-separated expressions (newlines allowed after a comma). */
  private exprList(close: string | null, noGt = false): Expr[] {
    const out: Expr[] = [];
    if (close && this.is(close)) return out;
    for (;;) {
      out.push(this.expr(noGt));
      if (!this.eat(',')) return out;
      this.newlines();
    }
  }

  private isLvalue(e: Expr): boolean {
    return e.k === 'var' || e.k === 'local' || e.k === 'index' || e.k === 'field';
  }

  expr(noGt = false): Expr {
    const left = this.ternary(noGt);
    const t = this.peek();
    if (t.t === 'op' && ['=', '+=', '-=', '*=', '/=', '%=', '^=', '**='].includes(t.v) && this.isLvalue(left)) {
      this.next();
      this.newlines();
      return { k: 'assign', op: t.v === '**=' ? '^=' : t.v, target: left, e: this.expr(noGt) };
    }
    return left;
  }

  private ternary(noGt: boolean): Expr {
    const c = this.or(noGt);
    if (!this.eat('?')) return c;
    this.newlines();
    const a = this.expr(noGt);
    this.newlines();
    this.expect(':');
    this.newlines();
    return { k: 'cond', c, a, b: this.expr(noGt) };
  }

  private or(noGt: boolean): Expr {
    let a = this.and(noGt);
    while (this.eat('||')) {
      this.newlines();
      a = { k: 'or', a, b: this.and(noGt) };
    }
    return a;
  }

  private and(noGt: boolean): Expr {
    let a = this.inExpr(noGt);
    while (this.eat('&&')) {
      this.newlines();
      a = { k: 'and', a, b: this.inExpr(noGt) };
    }
    return a;
  }

  private inExpr(noGt: boolean): Expr {
    let a = this.matchExpr(noGt);
    while (this.is('in', 'kw')) {
      this.next();
      const n = this.next();
      if (n.t !== 'name') this.error(n);
      a = { k: 'in', subs: a.k === 'grouplist' ? a.items : [a], ref: this.ref(n.v) };
    }
    return a;
  }

  private matchExpr(noGt: boolean): Expr {
    let a = this.rel(noGt);
    while (this.is('~') || this.is('!~')) {
      const neg = this.next().v === '!~';
      a = { k: 'match', neg, a, re: this.rel(noGt) };
    }
    return a;
  }

  private rel(noGt: boolean): Expr {
    const a = this.concat(noGt);
    const t = this.peek();
    if (t.t === 'op' && ['<', '<=', '!=', '==', '>=', '>'].includes(t.v) && !(noGt && t.v === '>')) {
      this.next();
      return { k: 'cmp', op: t.v, a, b: this.concat(noGt) };
    }
    return a;
  }

  /** Whether the next token can start an operand of a concatenation. */
  private startsConcat(): boolean {
    const t = this.peek();
    if (t.t === 'num' || t.t === 'str' || t.t === 'name' || t.t === 'funcname' || t.t === 'builtin') return true;
    if (t.t === 'kw') return t.v === 'getline';
    // Not `-`, `+` or `!`: `a -1` subtracts (as in every awk).
    return t.t === 'op' && ['$', '(', '++', '--'].includes(t.v);
  }

  private concat(noGt: boolean): Expr {
    let a = this.additive();
    while (this.startsConcat() && !(this.peek().t === 'kw' && this.peek().v === 'in')) {
      a = { k: 'concat', a, b: this.additive() };
    }
    void noGt;
    return a;
  }

  private additive(): Expr {
    let a = this.multiplicative();
    while (this.is('+') || this.is('-')) {
      const op = this.next().v;
      a = { k: 'bin', op, a, b: this.multiplicative() };
    }
    return a;
  }

  private multiplicative(): Expr {
    let a = this.unary();
    while (this.is('*') || this.is('/') || this.is('%')) {
      const op = this.next().v;
      a = { k: 'bin', op, a, b: this.unary() };
    }
    return a;
  }

  private unary(): Expr {
    if (this.is('!') || this.is('-') || this.is('+')) {
      const op = this.next().v;
      return { k: 'unary', op, e: this.unary() };
    }
    return this.power();
  }

  private power(): Expr {
    const a = this.postfix();
    if (this.is('^') || this.is('**')) {
      this.next();
      // Right-associative, and the exponent may carry a sign: 2^-1, 2^3^2 = 2^9.
      const b = this.is('-') || this.is('+') || this.is('!') ? this.unary() : this.power();
      return { k: 'bin', op: '^', a, b };
    }
    return a;
  }

  private postfix(): Expr {
    const a = this.primary();
    if ((this.is('++') || this.is('--')) && this.isLvalue(a)) {
      return { k: 'incdec', pre: false, op: this.next().v, target: a };
    }
    return a;
  }

  private primary(): Expr {
    const t = this.next();
    switch (t.t) {
      case 'num':
        return { k: 'num', v: t.n! };
      case 'str':
        return { k: 'str', v: t.v };
      case 'ere':
        return { k: 're', re: this.ere(t.v, t) };
      case 'name': {
        const ref = this.ref(t.v);
        if (this.eat('[')) {
          const subs = this.exprList(']');
          if (!subs.length) this.error(this.peek());
          this.expect(']');
          return { k: 'index', ref, subs };
        }
        return ref;
      }
      case 'funcname': {
        this.expect('(');
        const args = this.exprList(')');
        this.expect(')');
        return { k: 'call', name: t.v, args, pos: t.pos };
      }
      case 'builtin': {
        if (GAWK_ONLY.has(t.v)) this.error(t, `${t.v}() is a gawk extension not simulated in this lab`);
        if (t.v === 'system') this.error(t, 'system() is not simulated in this lab');
        if (t.v === 'length' && !this.is('(')) return { k: 'builtin', name: 'length', args: [] };
        this.expect('(');
        const args = this.exprList(')');
        this.expect(')');
        return { k: 'builtin', name: t.v, args };
      }
      case 'kw':
        if (t.v === 'getline') this.error(t, 'getline is not simulated in this lab');
        return this.error(t);
      case 'op':
        break;
      default:
        return this.error(t);
    }
    switch (t.v) {
      case '$': {
        if (this.is('++') || this.is('--')) {
          const op = this.next().v;
          return { k: 'field', e: { k: 'incdec', pre: true, op, target: this.primaryLvalue() } };
        }
        if (this.is('-') || this.is('!') || this.is('+')) {
          const op = this.next().v;
          return { k: 'field', e: { k: 'unary', op, e: this.primary() } };
        }
        return { k: 'field', e: this.primary() };
      }
      case '++':
      case '--':
        return { k: 'incdec', pre: true, op: t.v, target: this.primaryLvalue() };
      case '(': {
        // As in awkgram.y, a newline inside parentheses is allowed only after `,`, `&&`, `||`.
        const items = this.exprList(')');
        this.expect(')');
        if (items.length === 1) return { k: 'group', e: items[0] };
        // (i, j) in arr; or print's parenthesized list: print ("a", "b") > "f".
        const end = this.peek();
        const endsPrint = this.printArgs && (end.t === 'nl' || end.t === 'eof' || (end.t === 'op' && [';', '}', '>', '>>', '|'].includes(end.v)));
        if (!this.is('in', 'kw') && !endsPrint) this.error(this.peek());
        return { k: 'grouplist', items };
      }
      case '-':
      case '+':
      case '!':
        return { k: 'unary', op: t.v, e: this.unary() };
    }
    return this.error(t);
  }

  private primaryLvalue(): Expr {
    const at = this.peek();
    const e = this.primary();
    if (!this.isLvalue(e)) this.error(at);
    return e;
  }
}

/** regcomp's words (GNU regcomp.c __re_error_msgid) for what JavaScript's RegExp rejects. */
export function regcompError(e: unknown): string {
  const msg = String((e as Error).message);
  if (/Unmatched \[|character class/i.test(msg)) return 'Unmatched [, [^, [:, [., or [=';
  if (/Unmatched '\)'/.test(msg)) return 'Unmatched ) or \\)';
  if (/Unterminated group/.test(msg)) return 'Unmatched ( or \\(';
  if (/Incomplete quantifier|\{/.test(msg)) return 'Unmatched \\{';
  return 'Invalid preceding regular expression';
}
