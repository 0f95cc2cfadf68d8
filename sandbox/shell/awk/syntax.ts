// The syntax tree the parser builds and the runtime walks. Part of awk (../awk.ts).

export type Ref = { k: 'var'; name: string } | { k: 'local'; idx: number; name: string };
export type Expr =
  | { k: 'num'; v: number }
  | { k: 'str'; v: string }
  | { k: 're'; re: RegExp }
  | Ref
  | { k: 'index'; ref: Ref; subs: Expr[] }
  | { k: 'field'; e: Expr }
  | { k: 'assign'; op: string; target: Expr; e: Expr }
  | { k: 'cond'; c: Expr; a: Expr; b: Expr }
  | { k: 'and' | 'or'; a: Expr; b: Expr }
  | { k: 'in'; subs: Expr[]; ref: Ref }
  | { k: 'match'; neg: boolean; a: Expr; re: Expr }
  | { k: 'cmp'; op: string; a: Expr; b: Expr }
  | { k: 'concat'; a: Expr; b: Expr }
  | { k: 'bin'; op: string; a: Expr; b: Expr }
  | { k: 'unary'; op: string; e: Expr }
  | { k: 'incdec'; pre: boolean; op: string; target: Expr }
  | { k: 'call'; name: string; args: Expr[]; pos: number }
  | { k: 'builtin'; name: string; args: Expr[] }
  | { k: 'group'; e: Expr }
  | { k: 'grouplist'; items: Expr[] };

export type Stmt = { line: number } & (
  | { k: 'print'; args: Expr[]; dest?: { append: boolean; e: Expr } }
  | { k: 'printf'; args: Expr[]; dest?: { append: boolean; e: Expr } }
  | { k: 'expr'; e: Expr }
  | { k: 'if'; c: Expr; then: Stmt; else?: Stmt }
  | { k: 'while'; c: Expr; body: Stmt }
  | { k: 'do'; body: Stmt; c: Expr }
  | { k: 'for'; init?: Expr; c?: Expr; step?: Expr; body: Stmt }
  | { k: 'forin'; v: Ref; arr: Ref; body: Stmt }
  | { k: 'block'; body: Stmt[] }
  | { k: 'next' | 'nextfile' | 'break' | 'continue' }
  | { k: 'exit' | 'return'; e?: Expr }
  | { k: 'delete'; ref: Ref; subs?: Expr[] }
);

export interface Rule {
  pattern?: Expr;
  range?: [Expr, Expr];
  inRange?: boolean;
  action?: Stmt[];
}
export interface Func {
  name: string;
  params: string[];
  body: Stmt[];
}
export interface Program {
  begin: Stmt[][];
  end: Stmt[][];
  rules: Rule[];
  funcs: Map<string, Func>;
}
