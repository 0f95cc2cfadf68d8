// grep's options as GNU grep 3.x prints them (src/grep.c), through the learner's shell.
import { describe, expect, it } from 'vitest';
import { testSession } from './testing.ts';

async function sh(...lines: string[]): Promise<string> {
  const t = testSession();
  await t.session.run("printf 'a1\\nb2\\na3\\nc4\\nd5\\ne6\\na7\\n' > f.txt");
  await t.session.run("printf 'x\\na9\\n' > g.txt");
  for (const l of lines) await t.session.run(l);
  return t.out();
}

describe('grep context (-A -B -C) and group separators', () => {
  it('-A N prints N lines after each match, `--` between groups that do not touch', async () => {
    expect(await sh('grep -A1 a f.txt')).toBe('a1\nb2\na3\nc4\n--\na7\n');
    expect(await sh('grep -A 1 a f.txt')).toBe('a1\nb2\na3\nc4\n--\na7\n');
    expect(await sh('grep --after-context=1 a f.txt')).toBe('a1\nb2\na3\nc4\n--\na7\n');
  });

  it('-B N and -C N, with -n marking context lines with `-` and matches with `:`', async () => {
    expect(await sh('grep -n -B1 a7 f.txt')).toBe('6-e6\n7:a7\n');
    expect(await sh('grep -C1 c4 f.txt')).toBe('a3\nc4\nd5\n');
    expect(await sh('grep -1 -n c4 f.txt')).toBe('3-a3\n4:c4\n5-d5\n');
    expect(await sh('grep -B2 -n -e b2 -e e6 f.txt')).toBe('1-a1\n2:b2\n--\n4-c4\n5-d5\n6:e6\n');
  });

  it('prefixes file names with several files, and separates groups across files', async () => {
    expect(await sh('grep -A1 a7 f.txt g.txt')).toBe('f.txt:a7\n');
    expect(await sh('grep -B1 -e a7 -e a9 f.txt g.txt')).toBe('f.txt-e6\nf.txt:a7\n--\ng.txt-x\ng.txt:a9\n');
  });

  it('-A 0 still separates groups; --no-group-separator and --group-separator change that', async () => {
    expect(await sh('grep -A0 a f.txt')).toBe('a1\n--\na3\n--\na7\n');
    expect(await sh('grep -A0 --no-group-separator a f.txt')).toBe('a1\na3\na7\n');
    expect(await sh('grep -A0 --group-separator=:: a f.txt')).toBe('a1\n::\na3\n::\na7\n');
  });

  it('reads context from a pipe (kubectl describe | grep -A3 Taints)', async () => {
    expect(await sh("printf 'Name: n\\nTaints: a\\n  b\\nUnschedulable: false\\nLease:\\n  x\\n' | grep -A3 Taints")).toBe('Taints: a\n  b\nUnschedulable: false\nLease:\n');
  });

  it('rejects a bad context length as GNU grep does', async () => {
    expect(await sh('grep -A x a f.txt; echo $?')).toBe('grep: x: invalid context length argument\n2\n');
  });
});

describe('the other grep options the Kubernetes tutorials use', () => {
  it('-i -v -c -n -w -x -E -F -o -q -l -m', async () => {
    expect(await sh('grep -i A1 f.txt')).toBe('a1\n');
    expect(await sh('grep -vc a f.txt')).toBe('4\n');
    expect(await sh('grep -n e6 f.txt')).toBe('6:e6\n');
    expect(await sh("echo 'webs web-0' | grep -ow web")).toBe('web\n');
    expect(await sh("echo 'web-10' | grep -o '[[:digit:]]\\+'")).toBe('10\n');
    expect(await sh("grep -E 'b2|d5' f.txt")).toBe('b2\nd5\n');
    expect(await sh("grep 'b2\\|d5' f.txt")).toBe('b2\nd5\n');
    expect(await sh("grep -F 'a.' f.txt; echo $?")).toBe('1\n');
    expect(await sh('grep -x a f.txt; echo $?')).toBe('1\n');
    expect(await sh('grep -q a7 f.txt && echo yes')).toBe('yes\n');
    expect(await sh('grep -l a f.txt g.txt')).toBe('f.txt\ng.txt\n');
    expect(await sh('grep -m2 a f.txt')).toBe('a1\na3\n');
    expect(await sh('grep -c a f.txt g.txt')).toBe('f.txt:3\ng.txt:1\n');
  });

  it('reports a missing file and a bad option with status 2', async () => {
    expect(await sh('grep a nope; echo $?')).toBe('grep: nope: No such file or directory\n2\n');
    expect(await sh('grep -s a nope; echo $?')).toBe('2\n');
    expect(await sh('grep -K a f.txt; echo $?')).toBe("grep: invalid option -- 'K'\nUsage: grep [OPTION]... PATTERNS [FILE]...\nTry 'grep --help' for more information.\n2\n");
  });
});

describe('grep -r (grep.c: directories searched recursively; out_file names the files found inside one)', () => {
  const tree = "mkdir -p conf/sub; echo 'server nginx' > conf/a.conf; echo 'listen 80' > conf/sub/b.conf; echo 'nginx again' > conf/sub/c.conf";

  it('searches every file below a directory and names each match by its path', async () => {
    expect(await sh(tree, 'grep -r nginx conf')).toBe('conf/a.conf:server nginx\nconf/sub/c.conf:nginx again\n');
    expect(await sh(tree, 'grep -rn nginx conf/')).toBe('conf/a.conf:1:server nginx\nconf/sub/c.conf:1:nginx again\n');
    expect(await sh(tree, 'grep --recursive -c nginx conf')).toBe('conf/a.conf:1\nconf/sub/b.conf:0\nconf/sub/c.conf:1\n');
    expect(await sh(tree, 'grep -R -l nginx .')).toBe('./conf/a.conf\n./conf/sub/c.conf\n');
  });

  it('without a file searches the working directory (names without ./); -h drops names; one file operand is not named', async () => {
    expect(await sh(tree, 'cd conf; grep -r listen')).toBe('sub/b.conf:listen 80\n');
    expect(await sh(tree, 'grep -rh nginx conf')).toBe('server nginx\nnginx again\n');
    expect(await sh(tree, 'grep -r nginx conf/a.conf')).toBe('server nginx\n');
  });

  it('a directory without -r is refused; a missing one is reported', async () => {
    expect(await sh(tree, 'grep nginx conf; echo $?')).toBe('grep: conf: Is a directory\n2\n');
    expect(await sh('grep -r nginx nope; echo $?')).toBe('grep: nope: No such file or directory\n2\n');
  });
});
