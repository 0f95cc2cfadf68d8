// A small Go text/template for `-o go-template=...` and `--template` (which means go-template
// in kubectl), enough for what the tutorials type:
//   kubectl get pod web-0 --template '{{range $i, $c := .spec.containers}}{{$c.image}}{{end}}'
//   kubectl get pods -o go-template='{{range .items}}{{.metadata.name}}{{"\n"}}{{end}}'
// Supported: text, `{{- -}}` trimming, fields (`.a.b`, `$x.a`, `$`), string/number literals,
// `range` (with `$i, $v :=` / `$v :=`, `else`), `if`/`else if`/`else`, `with`, `end`, and the
// functions index, len, printf, print, println, not, eq, ne, and, or.
// Output as Go prints unstructured values: `<no value>` for a missing key (kubectl sets
// --allow-missing-template-keys=true), `map[k:v]` for maps, `[a b]` for lists.
// Source: Go text/template (parse, exec, funcs), kubernetes/cli-runtime
// pkg/printers/template.go (GoTemplatePrinter: "error executing template %q: %v").
import { goSprint } from '../../cluster/api/go-sprint.ts';

export class GoTemplateError extends Error {}

type Node =
  | { t: 'text'; s: string }
  | { t: 'out'; expr: string }
  | { t: 'range'; vars: string[]; expr: string; body: Node[]; els: Node[] }
  | { t: 'if'; expr: string; body: Node[]; els: Node[]; with?: boolean };

interface Token { text?: string; action?: string }

function tokenize(src: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < src.length) {
    const open = src.indexOf('{{', i);
    if (open < 0) {
      out.push({ text: src.slice(i) });
      break;
    }
    let text = src.slice(i, open);
    let a = open + 2;
    if (src.startsWith('- ', a) || src.startsWith('-\t', a) || src.startsWith('-\n', a)) {
      text = text.replace(/\s+$/, '');
      a += 1;
    }
    if (text) out.push({ text });
    // Find the closing braces outside string literals.
    let j = a;
    let q: string | undefined;
    for (; j < src.length; j++) {
      const c = src[j];
      if (q) {
        if (c === '\\' && q === '"') j++;
        else if (c === q) q = undefined;
      } else if (c === '"' || c === '`') q = c;
      else if (c === '}' && src[j + 1] === '}') break;
    }
    if (j >= src.length) throw new GoTemplateError('unclosed action');
    let body = src.slice(a, j);
    i = j + 2;
    if (/\s-$/.test(body)) {
      body = body.slice(0, -1);
      const m = /^\s*/.exec(src.slice(i))!;
      i += m[0].length;
    }
    out.push({ action: body.trim() });
  }
  return out;
}

function parse(tokens: Token[]): Node[] {
  let pos = 0;
  const block = (ends: string[]): { nodes: Node[]; end: string } => {
    const nodes: Node[] = [];
    while (pos < tokens.length) {
      const tk = tokens[pos++];
      if (tk.text !== undefined) {
        nodes.push({ t: 'text', s: tk.text });
        continue;
      }
      const a = tk.action!;
      if (a.startsWith('/*')) continue;
      const word = a.split(/\s+/)[0];
      if (ends.includes(word)) return { nodes, end: a };
      if (word === 'range') {
        const m = /^range\s+(?:(\$\w*)\s*(?:,\s*(\$\w*))?\s*:=\s*)?([\s\S]+)$/.exec(a);
        if (!m) throw new GoTemplateError('missing value for range');
        const r = block(['else', 'end']);
        const els = r.end === 'else' ? block(['end']).nodes : [];
        nodes.push({ t: 'range', vars: [m[1], m[2]].filter(Boolean) as string[], expr: m[3], body: r.nodes, els });
      } else if (word === 'if' || word === 'with') {
        const expr = a.slice(word.length).trim();
        if (!expr) throw new GoTemplateError(`missing value for ${word}`);
        nodes.push(conditional(expr, word === 'with'));
      } else if (word === 'end' || word === 'else') {
        throw new GoTemplateError(`unexpected {{${word}}}`);
      } else if (word === 'define' || word === 'template' || word === 'block') {
        throw new GoTemplateError(`{{${word}}} is not supported in this lab`);
      } else nodes.push({ t: 'out', expr: a });
    }
    if (ends.length) throw new GoTemplateError('unexpected EOF');
    return { nodes, end: '' };
  };
  const conditional = (expr: string, isWith: boolean): Node => {
    const r = block(['else', 'end']);
    let els: Node[] = [];
    if (r.end.startsWith('else')) {
      const rest = r.end.slice(4).trim();
      if (rest.startsWith('if ')) els = [conditional(rest.slice(3).trim(), false)];
      else els = block(['end']).nodes;
    }
    return { t: 'if', expr, body: r.nodes, els, with: isWith };
  };
  return block([]).nodes;
}

// ---- expressions ----

type Scope = { dot: unknown; vars: Map<string, unknown> };
const MISSING = Symbol('missing');

function splitArgs(expr: string): string[] {
  const out: string[] = [];
  let i = 0;
  while (i < expr.length) {
    if (/\s/.test(expr[i])) {
      i++;
      continue;
    }
    let j = i;
    if (expr[i] === '"') {
      j++;
      while (j < expr.length && expr[j] !== '"') j += expr[j] === '\\' ? 2 : 1;
      j++;
    } else if (expr[i] === '`') {
      j = expr.indexOf('`', i + 1) + 1 || expr.length;
    } else if (expr[i] === '(') {
      let depth = 0;
      for (; j < expr.length; j++) {
        if (expr[j] === '(') depth++;
        else if (expr[j] === ')' && --depth === 0) break;
      }
      j++;
    } else while (j < expr.length && !/\s/.test(expr[j])) j++;
    out.push(expr.slice(i, j));
    i = j;
  }
  return out;
}

function field(v: unknown, name: string): unknown {
  if (v === MISSING || v === undefined || v === null) return MISSING;
  if (typeof v === 'object' && !Array.isArray(v)) return name in (v as object) ? (v as any)[name] : MISSING;
  throw new GoTemplateError(`can't evaluate field ${name} in type ${goType(v)}`);
}

function goType(v: unknown): string {
  if (Array.isArray(v)) return '[]interface {}';
  if (typeof v === 'string') return 'string';
  if (typeof v === 'number') return Number.isInteger(v) ? 'int64' : 'float64';
  if (typeof v === 'boolean') return 'bool';
  return 'interface {}';
}

function term(s: string, sc: Scope): unknown {
  if (s.startsWith('"')) {
    try {
      return JSON.parse(s);
    } catch {
      throw new GoTemplateError(`bad string literal ${s}`);
    }
  }
  if (s.startsWith('`')) return s.slice(1, -1);
  if (s.startsWith('(')) return evalPipeline(s.slice(1, -1), sc);
  if (/^-?\d+(\.\d+)?$/.test(s)) return Number(s);
  if (s === 'true' || s === 'false') return s === 'true';
  if (s === 'nil') return null;
  let base: unknown;
  let path: string;
  if (s.startsWith('$')) {
    const m = /^\$\w*/.exec(s)!;
    if (!sc.vars.has(m[0])) throw new GoTemplateError(`undefined variable "${m[0]}"`);
    base = sc.vars.get(m[0]);
    path = s.slice(m[0].length);
  } else if (s.startsWith('.')) {
    base = sc.dot;
    path = s === '.' ? '' : s;
  } else throw new GoTemplateError(`function "${s}" not defined`);
  for (const part of path.split('.').filter(Boolean)) base = field(base, part);
  return base;
}

function truth(v: unknown): boolean {
  if (v === MISSING || v === undefined || v === null || v === false || v === 0 || v === '') return false;
  if (Array.isArray(v)) return v.length > 0;
  if (typeof v === 'object') return Object.keys(v as object).length > 0;
  return true;
}

function printf(fmt: string, args: unknown[]): string {
  let k = 0;
  return fmt.replace(/%([-+ #0]*\d*(?:\.\d+)?)([vsdqfx%])/g, (_m, _flags, verb) => {
    if (verb === '%') return '%';
    const a = args[k++];
    if (verb === 'q') return JSON.stringify(String(a));
    if (k > args.length) return `%!${verb}(MISSING)`;
    if ((verb === 'd' || verb === 'f' || verb === 'x') && typeof a !== 'number') return `%!${verb}(${goType(a)}=${show(a)})`;
    if (verb === 'd') return String(Math.trunc(a as number));
    if (verb === 'f') return (a as number).toFixed(6);
    if (verb === 'x') return (a as number).toString(16);
    return show(a);
  });
}

function call(name: string, args: unknown[]): unknown {
  switch (name) {
    case 'index': {
      let v = args[0];
      for (const k of args.slice(1)) {
        if (v === MISSING || v == null) return MISSING;
        if (Array.isArray(v)) {
          if (typeof k !== 'number' || k < 0 || k >= v.length) throw new GoTemplateError(`error calling index: index out of range: ${String(k)}`);
          v = v[k];
        } else if (typeof v === 'object') v = (v as any)[String(k)] ?? MISSING;
        else throw new GoTemplateError(`error calling index: can't index item of type ${goType(v)}`);
      }
      return v;
    }
    case 'len': {
      const v = args[0];
      if (typeof v === 'string' || Array.isArray(v)) return v.length;
      if (v && typeof v === 'object') return Object.keys(v).length;
      throw new GoTemplateError(`error calling len: len of ${v === MISSING ? 'nil pointer' : 'type ' + goType(v)}`);
    }
    case 'printf': return printf(String(args[0] ?? ''), args.slice(1));
    case 'print': return args.map(show).join('');
    case 'println': return args.map(show).join(' ') + '\n';
    case 'not': return !truth(args[0]);
    case 'and': return args.find((a) => !truth(a)) ?? args[args.length - 1];
    case 'or': return args.find((a) => truth(a)) ?? args[args.length - 1];
    case 'eq': return args.slice(1).some((a) => a === args[0]);
    case 'ne': return args[0] !== args[1];
  }
  throw new GoTemplateError(`function "${name}" not defined`);
}

const FUNCS = new Set(['index', 'len', 'printf', 'print', 'println', 'not', 'and', 'or', 'eq', 'ne']);

function evalCommand(cmd: string, sc: Scope, piped?: { v: unknown }): unknown {
  const parts = splitArgs(cmd.trim());
  if (!parts.length) throw new GoTemplateError('missing value for command');
  if (FUNCS.has(parts[0])) {
    const args = parts.slice(1).map((p) => term(p, sc));
    if (piped) args.push(piped.v);
    return call(parts[0], args);
  }
  if (parts.length > 1 || piped) throw new GoTemplateError(`can't give argument to non-function ${parts[0]}`);
  return term(parts[0], sc);
}

function evalPipeline(expr: string, sc: Scope): unknown {
  const cmds: string[] = [];
  let cur = '';
  let q: string | undefined;
  let depth = 0;
  for (let i = 0; i < expr.length; i++) {
    const c = expr[i];
    if (q) {
      if (c === '\\' && q === '"') {
        cur += c + expr[++i];
        continue;
      }
      if (c === q) q = undefined;
    } else if (c === '"' || c === '`') q = c;
    else if (c === '(') depth++;
    else if (c === ')') depth--;
    else if (c === '|' && depth === 0) {
      cmds.push(cur);
      cur = '';
      continue;
    }
    cur += c;
  }
  cmds.push(cur);
  let v: { v: unknown } | undefined;
  for (const c of cmds) v = { v: evalCommand(c, sc, v) };
  return v!.v;
}

/** How Go's fmt prints an unstructured value with %v. */
function show(v: unknown): string {
  if (v === MISSING || v === undefined) return '<no value>';
  return goSprint(v);
}

function exec(nodes: Node[], sc: Scope, out: string[]): void {
  for (const n of nodes) {
    if (n.t === 'text') out.push(n.s);
    else if (n.t === 'out') {
      const m = /^(\$\w*)\s*:?=\s*([\s\S]+)$/.exec(n.expr);
      if (m) sc.vars.set(m[1], evalPipeline(m[2], sc));
      else out.push(show(evalPipeline(n.expr, sc)));
    } else if (n.t === 'if') {
      const v = evalPipeline(n.expr, sc);
      if (truth(v)) exec(n.body, n.with ? { dot: v, vars: sc.vars } : sc, out);
      else exec(n.els, sc, out);
    } else {
      const v = evalPipeline(n.expr, sc);
      let entries: Array<[unknown, unknown]> = [];
      if (Array.isArray(v)) entries = v.map((x, i) => [i, x]);
      else if (v && typeof v === 'object') entries = Object.keys(v).sort().map((k) => [k, (v as any)[k]]);
      else if (typeof v === 'number' && Number.isInteger(v)) entries = Array.from({ length: Math.max(0, v) }, (_, i) => [i, i]);
      else if (v !== MISSING && v !== null && v !== undefined) throw new GoTemplateError(`range can't iterate over ${show(v)}`);
      if (!entries.length) exec(n.els, sc, out);
      for (const [k, x] of entries) {
        const vars = new Map(sc.vars);
        if (n.vars.length === 1) vars.set(n.vars[0], x);
        else if (n.vars.length === 2) {
          vars.set(n.vars[0], k);
          vars.set(n.vars[1], x);
        }
        exec(n.body, { dot: x, vars }, out);
      }
    }
  }
}

export type GoTemplate = Node[];

/** Parses a template; throws GoTemplateError with Go's wording where it matters. */
export function parseGoTemplate(src: string): GoTemplate {
  return parse(tokenize(src));
}

export function executeGoTemplate(t: GoTemplate, data: unknown): string {
  const out: string[] = [];
  exec(t, { dot: data, vars: new Map([['$', data]]) }, out);
  return out.join('');
}
