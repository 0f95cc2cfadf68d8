// cut as GNU coreutils prints it (src/cut.c), through the learner's shell.
import { describe, expect, it } from 'vitest';
import { testSession } from './testing.ts';

async function sh(line: string): Promise<string> {
  const t = testSession();
  await t.session.run("printf 'NAME READY STATUS\\nweb-0 1/1 Running\\nnodelim\\n' > pods.txt");
  await t.session.run(line);
  return t.out();
}

describe('cut', () => {
  it('-d -f picks fields; a line without the delimiter prints whole unless -s', async () => {
    expect(await sh("cut -d' ' -f1 pods.txt")).toBe('NAME\nweb-0\nnodelim\n');
    expect(await sh("cut -d ' ' -f1,3 -s pods.txt")).toBe('NAME STATUS\nweb-0 Running\n');
    expect(await sh("cut -d' ' -f2- pods.txt")).toBe('READY STATUS\n1/1 Running\nnodelim\n');
    expect(await sh("echo a-b-c | cut -d- -f-2")).toBe('a-b\n');
  });

  it('-c picks characters', async () => {
    expect(await sh('echo web-0 | cut -c1-3')).toBe('web\n');
    expect(await sh('echo web-0 | cut -c 5')).toBe('0\n');
  });

  it('fails as GNU cut does without a list, with a bad list or a long delimiter', async () => {
    expect(await sh('cut pods.txt; echo $?')).toBe("cut: you must specify a list of bytes, characters, or fields\nTry 'cut --help' for more information.\n1\n");
    expect(await sh('cut -f0 pods.txt')).toBe("cut: fields are numbered from 1\nTry 'cut --help' for more information.\n");
    expect(await sh('cut -d:: -f1 pods.txt')).toBe("cut: the delimiter must be a single character\nTry 'cut --help' for more information.\n");
    expect(await sh('cut -f1 nope')).toBe('cut: nope: No such file or directory\n');
  });

  it('joins the fields with --output-delimiter and keeps the others with --complement', async () => {
    expect(await sh("echo 'a b c' | cut -d' ' -f1,3 --output-delimiter=:")).toBe('a:c\n');
    expect(await sh("echo 'a b c' | cut -d' ' -f2 --complement")).toBe('a c\n');
    expect(await sh("echo a | cut -f1 --bogus")).toBe("cut: unrecognized option '--bogus'\nTry 'cut --help' for more information.\n");
  });
});
