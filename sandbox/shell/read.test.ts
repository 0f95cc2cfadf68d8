// bash 5.2's read (builtins/read.def): each expected output is what bash prints for the line.
import { describe, expect, it } from 'vitest';
import { runLines as sh } from './testing.ts';

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
