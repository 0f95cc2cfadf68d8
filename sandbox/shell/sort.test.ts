// sort and uniq as GNU coreutils (src/sort.c, src/uniq.c) print them in the C locale.
import { describe, expect, it } from 'vitest';
import { testSession } from './testing.ts';

async function sh(...lines: string[]): Promise<string> {
  const t = testSession();
  await t.session.run("printf 'b 2\\na 10\\nc 1\\na 10\\n' > d.txt");
  for (const l of lines) await t.session.run(l);
  return t.out();
}

describe('sort', () => {
  it('sorts by keys with their own options: -k2,2n stays ascending under a global -r, which then breaks ties', async () => {
    expect(await sh('sort -k2n d.txt')).toBe('c 1\nb 2\na 10\na 10\n');
    expect(await sh('sort -r -k2,2n d.txt')).toBe('c 1\nb 2\na 10\na 10\n');
    expect(await sh('sort -rn -k2 d.txt')).toBe('a 10\na 10\nb 2\nc 1\n');
    expect(await sh("printf 'x,3\\ny,1\\n' | sort -t, -k2")).toBe('y,1\nx,3\n');
  });

  it('keeps the first of lines with equal keys with -u, sorts -h and -V, checks with -c', async () => {
    expect(await sh('sort -u -k1,1 d.txt')).toBe('a 10\nb 2\nc 1\n');
    expect(await sh("printf '1K\\n2M\\n999\\n' | sort -h")).toBe('999\n1K\n2M\n');
    expect(await sh("printf 'v1.10\\nv1.9\\n' | sort -V")).toBe('v1.9\nv1.10\n');
    expect(await sh('sort -c d.txt; echo "status $?"')).toBe('sort: d.txt:2: disorder: a 10\nstatus 1\n');
  });

  it('refuses a bad key or option as sort does, status 2', async () => {
    expect(await sh('sort -k0 d.txt; echo "status $?"')).toBe("sort: field number is zero: invalid field specification '0'\nstatus 2\n");
    expect(await sh('sort -Q d.txt; echo "status $?"')).toBe("sort: invalid option -- 'Q'\nTry 'sort --help' for more information.\nstatus 2\n");
  });
});

describe('uniq', () => {
  it('prints the repeated (-d, -D) or the unrepeated (-u) lines, counts with -c', async () => {
    expect(await sh('sort d.txt | uniq -d')).toBe('a 10\n');
    expect(await sh('sort d.txt | uniq -D')).toBe('a 10\na 10\n');
    expect(await sh('sort d.txt | uniq -u')).toBe('b 2\nc 1\n');
    expect(await sh('sort d.txt | uniq -c')).toBe('      2 a 10\n      1 b 2\n      1 c 1\n');
  });

  it('compares after -f fields and -s characters, ignoring case with -i', async () => {
    expect(await sh("printf 'x a\\ny a\\nz B\\n' | uniq -f1")).toBe('x a\nz B\n');
    expect(await sh("printf 'A\\na\\n' | uniq -i")).toBe('A\n');
  });
});

describe('head, tail and seq', () => {
  it('head -n -N prints all but the last N lines; tail -f says it is not simulated', async () => {
    expect(await sh('head -n -1 d.txt')).toBe('b 2\na 10\nc 1\n');
    expect(await sh('tail -f d.txt; echo "status $?"')).toBe("tail: -f is not simulated in this lab (use kubectl logs -f for a pod's output)\nstatus 1\n");
  });

  it('seq takes -s, -w and -f, prints the decimals its operands have, and fails with usage hints', async () => {
    expect(await sh('seq -s, 3; seq -w 8 10; seq 1 0.5 2')).toBe('1,2,3\n08\n09\n10\n1.0\n1.5\n2.0\n');
    expect(await sh("seq -f 'web-%g' 0 2; seq 5 -2 1")).toBe('web-0\nweb-1\nweb-2\n5\n3\n1\n');
    expect(await sh('seq 1 0 3; seq x')).toBe(
      "seq: invalid Zero increment value: '0'\nTry 'seq --help' for more information.\nseq: invalid floating point argument: 'x'\nTry 'seq --help' for more information.\n",
    );
  });
});
