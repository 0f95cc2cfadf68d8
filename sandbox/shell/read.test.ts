// bash 5.2's read (builtins/read.def): each expected output is what bash prints for the line.
import { describe, expect, it } from 'vitest';
import { runLines as sh, testSession } from './testing.ts';

describe('read', () => {
  it('walks the lines of a pipe, a file, a here-string or a process substitution, one a call', async () => {
    expect(await sh(`printf 'web-0 Running\\nweb-1  Pending  now\\n' | while read pod phase; do echo "[$pod] [$phase]"; done`)).toBe('[web-0] [Running]\n[web-1] [Pending  now]\n');
    expect(await sh(`printf 'one\\ntwo\\n' > f.txt\nwhile read l; do echo "- $l"; done < f.txt; while read l; do echo "+ $l"; done < <(echo three)`)).toBe('- one\n- two\n+ three\n');
    expect(await sh('read a b c <<< "1 2"; echo "[$a] [$b] [$c]"')).toBe('[1] [2] []\n');
  });

  it('splits at IFS, keeps the line whole with IFS= and REPLY, and quotes with a backslash unless -r', async () => {
    expect(await sh(`printf '  a\\tb  \\n' | { IFS= read -r x; echo "[$x]"; }; printf '  a\\tb  \\n' | { read -r x; echo "[$x]"; }`)).toBe('[  a\tb  ]\n[a\tb]\n');
    // IFS=: holds for that read alone: the next one splits at blanks again.
    expect(await sh(`printf 'a:b:c:d\\n' | { IFS=: read x y z; echo "$x|$y|$z"; }; read p q <<< "a:b c"; echo "$p|$q"`)).toBe('a|b|c:d\na:b|c\n');
    expect(await sh('read <<< "  two  words "; echo "[$REPLY]"')).toBe('[  two  words ]\n');
    expect(await sh(`printf 'x\\\\ y z\\n' | { read a b; echo "[$a] [$b]"; }; printf 'x\\\\ y z\\n' | { read -r a b; echo "[$a] [$b]"; }`)).toBe('[x y] [z]\n[x\\] [y z]\n');
  });

  it('fails at the end of the input, after taking a last line that has no newline', async () => {
    expect(await sh(`printf 'last' | { read l; echo "$? [$l]"; read l; echo "$? [$l]"; }`)).toBe('1 [last]\n1 []\n');
    expect(await sh('read -n 3 w <<< abcdef; echo "$? $w"')).toBe('0 abc\n');
  });

  it('refuses a name that is not one, and options it does not know', async () => {
    expect(await sh('read 1x <<< a; echo $?')).toBe("bash: read: `1x': not a valid identifier\n1\n");
    expect(await sh('read -z x <<< a; echo $?')).toMatch(/^bash: read: -z: invalid option\nread: usage: read \[-ers\]/);
  });
});

describe('read at the prompt', () => {
  /** A session whose terminal answers each read with the next of `typed`, keeping what each read asked for. */
  function typing(typed: string[]) {
    const asked: { echo: boolean; delim: string; max?: number }[] = [];
    const t = testSession({ readTerminal: async (req) => (asked.push(req), typed.shift() ?? '') });
    return { t, asked };
  }

  it('waits for the learner\'s line, after -p\'s prompt (on standard error)', async () => {
    const { t, asked } = typing(['Ada Lovelace\n']);
    expect(await t.session.run('read -p "Name? " first last; echo "[$first] [$last] $?"')).toBe(0);
    expect(t.out()).toBe('Name? [Ada] [Lovelace] 0\n');
    expect(asked).toEqual([{ echo: true, delim: '\n', max: undefined }]);
  });

  it('asks for one key with -n 1 and for no echo with -s; a backslash before Enter reads on', async () => {
    const { t, asked } = typing(['y', 'secret\n', 'one \\\n', 'two\n']);
    await t.session.run('read -n 1 k; read -s pw; read line; echo "$k|$pw|$line"');
    expect(t.out()).toBe('y|secret|one two\n');
    expect(asked.map((a) => [a.echo, a.max])).toEqual([[true, 1], [false, undefined], [true, undefined], [true, undefined]]);
  });

  it('reads a pipe, a file or a here-string instead; the first stage of a pipe reads the terminal; a background job never does', async () => {
    const { t, asked } = typing(['typed\n']);
    await t.session.run('echo piped | read a; read b <<< here; read c < /dev/null; x=$(read d; echo "$d"); read e & wait');
    expect(asked).toHaveLength(0);
    t.take();
    await t.session.run('read f | cat; echo "$?"');
    expect(asked).toHaveLength(1);
    expect(t.out()).toBe('0\n');
  });

  it('fails at the end of the input (Ctrl-D at the start of a line), the names left empty', async () => {
    const { t } = typing(['']);
    await t.session.run('read x; echo "$? [$x]"');
    expect(t.out()).toBe('1 []\n');
  });

  it('reads the terminal in a container shell too (kubectl exec -it), with busybox\'s prompt', async () => {
    const { t, asked } = typing(['blue\n']);
    const out = await t.transcript(['kubectl exec -it dns-test -- sh', 'read -p "colour? " c; echo "[$c]"', 'exit'].join('\n'));
    expect(out).toBe('$ kubectl exec -it dns-test -- sh\n/ # read -p "colour? " c; echo "[$c]"\ncolour? [blue]\n/ # exit\n');
    expect(asked).toHaveLength(1);
  });

  it('finds the end of its input where no one types (a CLI script)', async () => {
    expect(await sh('read -p "Name? " x; echo "$? [$x]"')).toBe('1 []\n');
  });
});
