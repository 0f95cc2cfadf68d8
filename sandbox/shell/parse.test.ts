import { describe, expect, it } from 'vitest';
import { needsMore, parse, ParseError } from './parse.ts';

describe('parse', () => {
  it('keeps a single-quoted word literal and marks it quoted', () => {
    const list = parse(`echo 'a $b' "c"`);
    const cmd = list.items[0].first.cmds[0];
    expect(cmd.t === 'simple' && cmd.words[1]).toEqual([{ k: 'lit', v: 'a $b', q: true }]);
  });

  it('reads a here-document body after the line that opens it', () => {
    const list = parse(`cat <<'EOF' > web.yaml\nkind: $X\nEOF\necho done`);
    const cmd = list.items[0].first.cmds[0];
    expect(cmd.t === 'simple' && cmd.redirs[0]).toMatchObject({ op: '<<', body: 'kind: $X\n', expand: false });
    expect(list.items).toHaveLength(2);
  });

  it('records the source of each list item for jobs', () => {
    expect(parse('kubectl proxy &  echo hi').items.map((i) => [i.src, i.background])).toEqual([
      ['kubectl proxy', true],
      ['echo hi', false],
    ]);
  });

  it.each([`echo 'open`, 'echo a \\', `echo "open`, 'for i in 1 2; do', 'cat <<EOF\nline', 'echo a |', 'echo a &&', 'echo $(date', 'case $x in', 'case $x in\n  a) echo a;;'])(
    'asks for another line after %j',
    (src) => expect(needsMore(src)).toBe(true),
  );

  it.each(['echo hi', 'for i in 1; do echo $i; done', 'cat <<EOF\nx\nEOF', 'case $x in\n  a|b) echo a\n    ;;\n  (*) echo other\nesac'])('is complete: %j', (src) => expect(needsMore(src)).toBe(false));

  it('reports an unexpected token as bash does', () => {
    expect(() => parse('echo a ;; b')).toThrow("syntax error near unexpected token `;;'");
    expect(() => parse('done')).toThrow(ParseError);
    expect(() => parse('esac')).toThrow("syntax error near unexpected token `esac'");
  });

  it('reads case clauses: patterns split at | and closed by ), quoted parts kept quoted, the last ;; optional', () => {
    const cmd = parse(`case "$h" in web-0|'db 1') echo a;; (*) echo b; echo c\nesac`).items[0].first.cmds[0];
    if (cmd.t !== 'case') throw new Error(`parsed as ${cmd.t}`);
    expect(cmd.clauses.map((c) => [c.patterns.length, c.body.items.map((i) => i.src)])).toEqual([[2, ['echo a']], [1, ['echo b', 'echo c']]]);
    expect(cmd.clauses[0].patterns[1]).toEqual([{ k: 'lit', v: 'db 1', q: true }]);
  });
});
