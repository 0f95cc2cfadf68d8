// Shell functions as bash 5.2 runs them (execute_cmd.c execute_function, builtins/return.def,
// declare.def's local, unset.def, type.def): each expected output is bash's for the same lines.
import { describe, expect, it } from 'vitest';
import { runLines as sh } from './testing.ts';

describe('shell functions', () => {
  it('defines a function with name () or the function keyword, and runs it with its own $1, $# and $@', async () => {
    expect(await sh('greet() { echo "hello $1 ($# args)"; }; greet web-0 extra; echo "[$1]"')).toBe('hello web-0 (2 args)\n[]\n');
    expect(await sh('function shout { echo "$@!"; }; shout a b; each() { for a in "$@"; do echo "<$a>"; done; }; each "x y" z')).toBe('a b!\n<x y>\n<z>\n');
    expect(await sh('mkdir d; sub() ( cd d; pwd ); sub; pwd')).toBe('/home/learner/d\n/home/learner\n');
  });

  it('joins "$*" with the first character of IFS (a space when IFS is unset, nothing when it is empty)', async () => {
    expect(await sh('j() { echo "$*"; }; j a "b c" d; IFS=,; j a "b c" d; IFS=; j a b; unset IFS; j a b')).toBe('a b c d\na,b c,d\nab\na b\n');
    expect(await sh('k() { local IFS=:-; echo "$*|$@"; }; k x y')).toBe('x:y|x y\n');
  });

  it('ends at return with its status, keeps local variables to itself, and leaves the loops around its call alone', async () => {
    expect(await sh('f() { local x=inner; echo "in f: $x"; return 3; echo never; }; x=outer; f; echo "$? $x"')).toBe('in f: inner\n3 outer\n');
    expect(await sh('g() { for i in 1 2 3; do [ $i = 2 ] && return 7; echo $i; done; }; g; echo $?')).toBe('1\n7\n');
    expect(await sh('h() { break; }; for i in 1 2; do echo $i; h; done')).toBe(
      "1\nbash: break: only meaningful in a `for', `while', or `until' loop\n2\nbash: break: only meaningful in a `for', `while', or `until' loop\n",
    );
    expect(await sh('return; local y=1')).toBe("bash: return: can only `return' from a function or sourced script\nbash: local: can only be used in a function\n");
  });

  it('is shown by type, removed by unset -f, and comes before a builtin of the same name', async () => {
    expect(await sh('greet() { echo hi; echo there; }; type greet')).toBe('greet is a function\ngreet () \n{ \n    echo hi\n    echo there\n}\n');
    expect(await sh('greet() { echo hi; }; unset -f greet; greet')).toBe('bash: greet: command not found\n');
    expect(await sh('pwd() { echo "my pwd"; }; pwd')).toBe('my pwd\n');
  });

  it('refuses a body that is not a compound command, and stops a recursion that never ends', async () => {
    expect(await sh('bad() echo nope')).toBe("bash: syntax error near unexpected token `echo'\n");
    expect(await sh('r() { r; }; r; echo "after $?"')).toBe('bash: r: maximum function nesting level exceeded (200)\nafter 1\n');
  });
});
