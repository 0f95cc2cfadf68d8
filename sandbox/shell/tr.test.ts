// tr as GNU coreutils (src/tr.c) translates, deletes and squeezes.
import { describe, expect, it } from 'vitest';
import { testSession } from './testing.ts';

async function sh(line: string): Promise<string> {
  const t = testSession();
  await t.session.run(line);
  return t.out();
}

describe('tr', () => {
  it('translates ranges and classes, padding SET2 with its last character (or not, with -t)', async () => {
    expect(await sh("echo web-0 | tr a-z A-Z; echo web | tr '[:lower:]' '[:upper:]'")).toBe('WEB-0\nWEB\n');
    expect(await sh("echo 'a b c' | tr ' ' '\\n'")).toBe('a\nb\nc\n');
    expect(await sh('echo abc | tr abc x; echo abc | tr -t abc x')).toBe('xxx\nxbc\n');
  });

  it('deletes (-d), keeps the complement (-cd) and squeezes repeats (-s)', async () => {
    expect(await sh('echo hello | tr -d l')).toBe('heo\n');
    expect(await sh("echo web-12 | tr -cd '0-9'")).toBe('12');
    expect(await sh("echo 'a  b   c' | tr -s ' '")).toBe('a b c\n');
  });

  it("says what is missing as tr.c does, status 1", async () => {
    expect(await sh('echo x | tr a; echo "status $?"')).toBe("tr: missing operand after 'a'\nTwo strings must be given when translating.\nTry 'tr --help' for more information.\nstatus 1\n");
    expect(await sh('echo x | tr -d a b')).toBe("tr: extra operand 'b'\nOnly one string may be given when deleting without squeezing repeats.\nTry 'tr --help' for more information.\n");
  });
});
