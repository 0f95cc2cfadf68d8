// The label selector syntax (`app=nginx,tier!=db,env in (a,b),!legacy,has,replicas>2`), parsed as
// the API server parses it, with its error messages: a port of kubernetes/apimachinery
// pkg/labels/selector.go (Lexer, Parser.parse/parseRequirement/parseKeyAndInferOperator/
// parseOperator/parseValues/parseIdentifiersList/parseExactValue, NewRequirement).
import { isQualifiedName, isValidLabelValue } from './validation/names.ts';

export type Requirement =
  | { key: string; op: 'in' | 'notin'; values: string[] }
  | { key: string; op: 'gt' | 'lt'; values: string[] }
  | { key: string; op: 'exists' | '!' };

type Tok = 'error' | 'eos' | ')' | ',' | '!' | '==' | '=' | '>' | 'id' | 'in' | '<' | '!=' | 'notin' | '(';

const KEYWORDS: Record<string, Tok> = { ')': ')', ',': ',', '!': '!', '==': '==', '=': '=', '>': '>', in: 'in', '<': '<', '!=': '!=', notin: 'notin', '(': '(' };
const BINARY_OPERATORS = 'in, notin, =, ==, !=, gt, lt';

const isWhitespace = (c: string) => c === ' ' || c === '\t' || c === '\r' || c === '\n';
const isSpecial = (c: string) => '=!(),><'.includes(c);

function lex(s: string): { tok: Tok; lit: string }[] {
  const out: { tok: Tok; lit: string }[] = [];
  let pos = 0;
  for (;;) {
    while (pos < s.length && isWhitespace(s[pos])) pos++;
    if (pos >= s.length) {
      out.push({ tok: 'eos', lit: '' });
      return out;
    }
    if (isSpecial(s[pos])) {
      // The longest run of special characters that is still an operator ("!=", "==", "(").
      let buf = '';
      let last: { tok: Tok; lit: string } | undefined;
      while (pos < s.length && isSpecial(s[pos])) {
        buf += s[pos++];
        const t = KEYWORDS[buf];
        if (t) last = { tok: t, lit: buf };
        else if (last) {
          pos--;
          break;
        }
      }
      out.push(last ?? { tok: 'error', lit: `error expected: keyword found '${buf}'` });
      continue;
    }
    let buf = '';
    while (pos < s.length && !isSpecial(s[pos]) && !isWhitespace(s[pos])) buf += s[pos++];
    out.push({ tok: KEYWORDS[buf] ?? 'id', lit: buf });
  }
}

/** Parses a selector; throws Error with the API server's message. Requirements come sorted by key. */
export function parseLabelSelector(text: string): Requirement[] {
  const items = lex(text);
  let position = 0;
  // In a value position `in` and `notin` are plain words ('value in (in)').
  const asValue = (t: Tok): Tok => (t === 'in' || t === 'notin' ? 'id' : t);
  const lookahead = (values: boolean) => {
    const it = items[position];
    return { tok: values ? asValue(it.tok) : it.tok, lit: it.lit };
  };
  const consume = (values: boolean) => {
    const it = items[position++];
    return { tok: values ? asValue(it.tok) : it.tok, lit: it.lit };
  };

  const parseValues = (): string[] => {
    let { tok, lit } = consume(true);
    if (tok !== '(') throw new Error(`found '${lit}' expected: '('`);
    ({ tok, lit } = lookahead(true));
    if (tok === ')') {
      consume(true);
      return [''];
    }
    if (tok !== 'id' && tok !== ',') throw new Error(`found '${lit}', expected: ',', ')' or identifier`);
    const s = new Set<string>();
    for (;;) {
      const c = consume(true);
      if (c.tok === 'id') {
        s.add(c.lit);
        const n = lookahead(true);
        if (n.tok === ',') continue;
        if (n.tok === ')') break;
        throw new Error(`found '${n.lit}', expected: ',' or ')'`);
      } else if (c.tok === ',') {
        if (!s.size) s.add('');
        const n = lookahead(true);
        if (n.tok === ')') {
          s.add('');
          break;
        }
        if (n.tok === ',') s.add('');
      } else throw new Error(`found '${c.lit}', expected: ',', or identifier`);
    }
    if (consume(true).tok !== ')') throw new Error(`found '${lit}', expected: ')'`);
    return [...s];
  };

  const parseExactValue = (): string[] => {
    const n = lookahead(true);
    if (n.tok === 'eos' || n.tok === ',') return [''];
    const c = consume(true);
    if (c.tok === 'id') return [c.lit];
    throw new Error(`found '${c.lit}', expected: identifier`);
  };

  const parseRequirement = (): Requirement => {
    let { tok, lit } = consume(true);
    let doesNotExist = false;
    if (tok === '!') {
      doesNotExist = true;
      ({ tok, lit } = consume(true));
    }
    if (tok !== 'id') throw new Error(`found '${lit}', expected: identifier`);
    const keyErrs = isQualifiedName(lit);
    // field.Invalid on the parser's path, which is nil: "<nil>: Invalid value: ...".
    if (keyErrs.length) throw new Error(`<nil>: Invalid value: "${lit}": ${keyErrs.join('; ')}`);
    const key = lit;
    const next = lookahead(true).tok;
    if (doesNotExist || next === 'eos' || next === ',') {
      // `!key` followed by anything but the end or a comma: NewRequirement would refuse its
      // values, but the parser only gets here with none (the next token is what it is).
      return doesNotExist ? { key, op: '!' } : { key, op: 'exists' };
    }
    const o = consume(false);
    let op: 'in' | 'notin' | 'eq' | 'ne' | 'gt' | 'lt';
    switch (o.tok) {
      case 'in': op = 'in'; break;
      case 'notin': op = 'notin'; break;
      case '=': case '==': op = 'eq'; break;
      case '!=': op = 'ne'; break;
      case '>': op = 'gt'; break;
      case '<': op = 'lt'; break;
      default: throw new Error(`found '${o.lit}', expected: ${BINARY_OPERATORS}`);
    }
    // sets.String.List(): the values sorted.
    const values = (op === 'in' || op === 'notin' ? parseValues() : parseExactValue()).sort();
    const errs: string[] = [];
    if ((op === 'gt' || op === 'lt')) {
      values.forEach((v, i) => {
        if (!/^[+-]?\d+$/.test(v)) errs.push(`values[${i}]: Invalid value: "${v}": for 'Gt', 'Lt' operators, the value must be an integer`);
      });
    }
    values.forEach((v, i) => {
      const m = isValidLabelValue(v);
      if (m.length) errs.push(`values[${i}][${key}]: Invalid value: "${v}": ${m.join('; ')}`);
    });
    // An aggregate of one error reads as that error; of several, bracketed and comma-joined.
    if (errs.length) throw new Error(errs.length === 1 ? errs[0] : `[${errs.join(', ')}]`);
    if (op === 'eq') return { key, op: 'in', values };
    if (op === 'ne') return { key, op: 'notin', values };
    return { key, op, values };
  };

  const reqs: Requirement[] = [];
  for (;;) {
    const { tok, lit } = lookahead(true);
    if (tok === 'eos') break;
    if (tok !== 'id' && tok !== '!') throw new Error(`found '${lit}', expected: !, identifier, or 'end of string'`);
    try {
      reqs.push(parseRequirement());
    } catch (e) {
      throw new Error(`unable to parse requirement: ${(e as Error).message}`);
    }
    const t = consume(true);
    if (t.tok === 'eos') break;
    if (t.tok !== ',') throw new Error(`found '${t.lit}', expected: ',' or 'end of string'`);
    const n = lookahead(true);
    if (n.tok !== 'id' && n.tok !== '!') throw new Error(`found '${n.lit}', expected: identifier after ','`);
  }
  return reqs.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}
