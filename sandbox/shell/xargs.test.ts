// GNU xargs (findutils 4.9 xargs.c) in the learner's shell: each expected output is GNU's.
import { describe, expect, it } from 'vitest';
import { runLines as sh } from './testing.ts';

describe('xargs', () => {
  it('puts the items of its input after the command: all at once, -n at a time, -L lines at a time', async () => {
    expect(await sh(`printf 'pod/web-0\\npod/web-1\\n' | xargs`)).toBe('pod/web-0 pod/web-1\n');
    expect(await sh(`printf 'a b\\nc\\n' | xargs -n 1 echo item:`)).toBe('item: a\nitem: b\nitem: c\n');
    expect(await sh(`printf 'a b\\nc\\n' | xargs -L1 echo line:`)).toBe('line: a b\nline: c\n');
  });

  it('runs the command once per line with -I, the line in place of the replace string', async () => {
    expect(await sh(`printf '  web-0\\nweb 1\\n' | xargs -I{} echo "[{}] {}"`)).toBe('[web-0] web-0\n[web 1] web 1\n');
    expect(await sh(`printf '' | xargs -I{} echo never; echo "status $?"`)).toBe('status 0\n');
  });

  it("reads quotes and backslashes, -0 and -d items, and shows each command with -t", async () => {
    expect(await sh(`echo "'a b' \\"c d\\" e\\\\ f" | xargs -n1`)).toBe('a b\nc d\ne f\n');
    expect(await sh(`printf 'a\\0b c\\0' | xargs -0 -n1 echo`)).toBe('a\nb c\n');
    expect(await sh(`printf 'a,b' | xargs -d , -n1 echo`)).toBe('a\nb\n');
    expect(await sh(`echo x | xargs -t echo hi`)).toBe('echo hi x\nhi x\n');
  });

  it('runs once on empty input unless -r, and reports what went wrong with its own statuses', async () => {
    expect(await sh(`printf '' | xargs echo empty; printf '' | xargs -r echo never; echo "status $?"`)).toBe('empty\nstatus 0\n');
    expect(await sh(`echo x | xargs false; echo "status $?"`)).toBe('status 123\n');
    expect(await sh(`echo x | xargs nosuch; echo "status $?"`)).toBe('xargs: nosuch: No such file or directory\nstatus 127\n');
    // A shell function is not a program exec can find.
    expect(await sh(`f() { echo fn; }; echo x | xargs f; echo "status $?"`)).toBe('xargs: f: No such file or directory\nstatus 127\n');
    expect(await sh(`echo "it's" | xargs; echo "status $?"`)).toBe("xargs: unmatched single quote; by default quotes are special to xargs unless you use the -0 option\nstatus 1\n");
    expect(await sh(`echo x | xargs -z; echo "status $?"`)).toBe("xargs: invalid option -- 'z'\nUsage: xargs [OPTION]... COMMAND [INITIAL-ARGS]...\nTry 'xargs --help' for more information.\nstatus 1\n");
  });
});
