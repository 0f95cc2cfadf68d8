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

  it.each([`echo 'open`, 'echo a \\', `echo "open`, 'for i in 1 2; do', 'cat <<EOF\nline', 'echo a |', 'echo a &&', 'echo $(date'])(
    'asks for another line after %j',
    (src) => expect(needsMore(src)).toBe(true),
  );

  it.each(['echo hi', 'for i in 1; do echo $i; done', 'cat <<EOF\nx\nEOF'])('is complete: %j', (src) => expect(needsMore(src)).toBe(false));

  it('reports an unexpected token as bash does', () => {
    expect(() => parse('echo a ;; b')).toThrow("syntax error near unexpected token `;;'");
    expect(() => parse('done')).toThrow(ParseError);
  });
});
