// printf as bash's builtin prints it (builtins/printf.def) and echo -e's escapes, through the
// learner's shell; ANSI-C quoting $'...' (bash's ansicstr) with them.
import { describe, expect, it } from 'vitest';
import { testSession } from './testing.ts';

async function sh(line: string): Promise<string> {
  const t = testSession();
  await t.session.run(line);
  return t.out();
}

describe('printf', () => {
  it('pads with zeros and spaces, left or right, with flags and * widths', async () => {
    expect(await sh(`printf 'web-%02d\\n' 0 1 2`)).toBe('web-00\nweb-01\nweb-02\n');
    expect(await sh(`printf '%03d|%-5s|%5.2f|%+d|% d|%*d|%-*d|\\n' 7 ab 3.14159 5 5 4 7 3 8`)).toBe('007|ab   | 3.14|+5| 5|   7|8  |\n');
    expect(await sh(`printf '%.3d|%5.3d|%.1s|%c\\n' 7 7 abc xyz`)).toBe('007|  007|a|x\n');
  });

  it('converts %x %X %o %#x %e %g %G as C printf does', async () => {
    expect(await sh(`printf '%x %X %o %#x %#o\\n' 255 255 8 255 8`)).toBe('ff FF 10 0xff 010\n');
    expect(await sh(`printf '%e|%.2e|%g|%g|%g|%G\\n' 12345.678 1234.5 0.0001 123456789 100 0.00001234`)).toBe('1.234568e+04|1.23e+03|0.0001|1.23457e+08|100|1.234E-05\n');
  });

  it("reads numbers as strtoimax does (0x, 0, 'c) and reports the bad ones first, status 1", async () => {
    expect(await sh(`printf '%d %d %d\\n' "'A" 010 0x1f`)).toBe('65 8 31\n');
    expect(await sh(`printf '%d\\n' abc 12x; echo "status $?"`)).toBe('bash: printf: abc: invalid number\nbash: printf: 12x: invalid number\n0\n12\nstatus 1\n');
  });

  it('decodes the format\'s escapes (\\NNN, \\xHH), %b\'s (\\c stops), and quotes with %q', async () => {
    expect(await sh(`printf '\\101\\x42\\t%s\\n' x`)).toBe('AB\tx\n');
    expect(await sh(`printf '%b|' 'a\\tb' '\\0101' 'x\\cy' z; echo`)).toBe('a\tb|A|x\n');
    expect(await sh(`printf '%q\\n' 'a b' "it's" ''`)).toBe("a\\ b\nit\\'s\n''\n");
  });

  it('stops at a conversion it does not know, as bash does', async () => {
    expect(await sh(`printf 'a%yb\\n'; echo "status $?"`)).toBe("bash: printf: `y': invalid format character\nastatus 1\n");
  });
});

describe('echo -e and $\'...\'', () => {
  it('expand the same escapes; \\c ends echo -e', async () => {
    expect(await sh(`echo -e 'a\\tb\\x41\\0101\\c' tail; echo`)).toBe('a\tbAA\n');
    expect(await sh(`printf '%s|' $'x\\ty' $'it\\'s' $'\\x41\\101\\u00e9' $'a\\nb'; echo`)).toBe('x\ty|it\'s|AAé|a\nb|\n');
  });
});
