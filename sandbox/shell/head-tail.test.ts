// GNU head and tail (coreutils head.c, tail.c) on lines and, with -c, on bytes.
import { describe, expect, it } from 'vitest';
import { runLines as sh } from './testing.ts';

describe('head and tail', () => {
  it('take lines: -n N, -N, head -n -N (all but the last N), tail -n +N (from line N)', async () => {
    expect(await sh(`printf '1\\n2\\n3\\n4\\n' | head -n 2; printf '1\\n2\\n3\\n4\\n' | head -3`)).toBe('1\n2\n1\n2\n3\n');
    expect(await sh(`printf '1\\n2\\n3\\n4\\n' | head -n -3; printf '1\\n2\\n3\\n4\\n' | tail -n +3; printf '1\\n2\\n3\\n' | tail -1`)).toBe('1\n3\n4\n3\n');
  });

  it('take bytes with -c: the first N, all but the last N, the last N, from byte N', async () => {
    expect(await sh(`printf 'abcdef\\n' | head -c 3; echo '|'; printf 'abcdef\\n' | head -c -3; echo '|'`)).toBe('abc|\nabcd|\n');
    expect(await sh(`printf 'abcdef\\n' | tail -c 3; printf 'abcdef\\n' | tail -c +3; printf 'abcdef\\n' | head --bytes=2; echo`)).toBe('ef\ncdef\nab\n');
  });

  it("refuses a count that is not one, naming lines or bytes, and a missing argument", async () => {
    expect(await sh(`echo x | head -c x; echo x | tail -n y; echo x | head -c`)).toBe(
      "head: invalid number of bytes: 'x'\ntail: invalid number of lines: 'y'\nhead: option requires an argument -- 'c'\nTry 'head --help' for more information.\n",
    );
  });
});
