// cat's options as GNU coreutils (src/cat.c) and busybox (coreutils/cat.c) print them.
import { describe, expect, it } from 'vitest';
import { testSession } from './testing.ts';

async function sh(...lines: string[]): Promise<string> {
  const t = testSession();
  for (const l of lines) await t.session.run(l);
  return t.out();
}

const FILE = "printf 'a\\tb\\n\\n\\n\\nc\\n' > f.txt";

describe('cat', () => {
  it('numbers lines "%6d\\t": -n all, -b the non-blank ones (and -b wins over -n)', async () => {
    expect(await sh(FILE, 'cat -n f.txt')).toBe('     1\ta\tb\n     2\t\n     3\t\n     4\t\n     5\tc\n');
    expect(await sh(FILE, 'cat -nb f.txt')).toBe('     1\ta\tb\n\n\n\n     2\tc\n');
  });

  it('squeezes blank lines (-s) and shows ends, tabs and nonprinting bytes (-A, -T, -v)', async () => {
    expect(await sh(FILE, 'cat -s f.txt')).toBe('a\tb\n\nc\n');
    expect(await sh(FILE, 'cat -A f.txt | head -2')).toBe('a^Ib$\n$\n');
    expect(await sh(FILE, 'cat -T f.txt | head -1')).toBe('a^Ib\n');
    expect(await sh("printf 'x\\001\\177é\\n' | cat -v")).toBe('x^A^?M-CM-)\n');
  });

  it('refuses an unknown option as getopt does, and takes options after the files (GNU order)', async () => {
    expect(await sh(FILE, 'cat -z f.txt; echo "status $?"')).toBe("cat: invalid option -- 'z'\nTry 'cat --help' for more information.\nstatus 1\n");
    expect(await sh(FILE, 'cat f.txt --number | tail -1')).toBe('     5\tc\n');
  });

  it('in a busybox image: -n, and -A without numbers (catv ignores -n); a bad option shows the usage', async () => {
    const t = testSession();
    await t.session.run(`kubectl exec dns-test -- sh -c "printf 'a\\tb\\n' > /f; cat -n /f; cat -nA /f; cat -s /f"`);
    expect(t.out()).toBe("     1\ta\tb\na^Ib$\ncat: invalid option -- 's'\nBusyBox v1.36.1 (2023-05-18 22:34:17 UTC) multi-call binary.\n\nUsage: cat [-nbvteA] [FILE]...\n\nPrint FILEs to stdout\n\n\t-n\tNumber output lines\n\t-b\tNumber nonempty lines\n\t-v\tShow nonprinting characters as ^x or M-x\n\t-t\t...and tabs as ^I\n\t-e\t...and end lines with $\n\t-A\tSame as -vte\ncommand terminated with exit code 1\n");
  });
});
