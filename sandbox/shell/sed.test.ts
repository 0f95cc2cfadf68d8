// sed through the learner's shell and container shells. Expected texts are what GNU sed 4.9 printed
// for the same command over the same files (sed/compile.c, sed/execute.c), and busybox sed's
// messages from editors/sed.c (index_of_next_unescaped_regexp_delim, parse_cmd_args, sed_main).
import { describe, expect, it } from 'vitest';
import { testSession } from './testing.ts';

const WEB = 'apiVersion: apps/v1\nkind: StatefulSet\nspec:\n  replicas: 3\n\nname: web\n';
/** `kubectl get -o yaml` style text whose last line has no newline (as `printf` leaves it). */
const POD = 'kind: Pod\nmetadata:\n  name: web-0\nstatus:\n  phase: Running\n  podIP: 10.0.0.1';

const quote = (s: string) => `'${s.replace(/'/g, "'\\''")}'`;

async function sh(...lines: string[]): Promise<string> {
  const t = testSession();
  await t.session.run(`printf '%s' ${quote(WEB)} > web.yaml`);
  await t.session.run(`printf '%s' ${quote(POD)} > pod.yaml`);
  for (const l of lines) await t.session.run(l);
  return t.out();
}

describe('sed -i edits a file in the working folder', () => {
  it("sed -i 's/replicas: 3/replicas: 5/' web.yaml rewrites the file and prints nothing", async () => {
    expect(await sh("sed -i 's/replicas: 3/replicas: 5/' web.yaml", 'cat web.yaml')).toBe(WEB.replace('replicas: 3', 'replicas: 5'));
  });

  it('-i.bak keeps the original next to it; --in-place=SUFFIX too', async () => {
    expect(await sh("sed -i.bak 's/3/4/' web.yaml", 'grep replicas web.yaml web.yaml.bak')).toBe('web.yaml:  replicas: 4\nweb.yaml.bak:  replicas: 3\n');
    expect(await sh("sed --in-place=.orig 's/web/db/' web.yaml", 'tail -1 web.yaml web.yaml.orig')).toBe('==> web.yaml <==\nname: db\n\n==> web.yaml.orig <==\nname: web\n');
  });

  it('-n -i keeps only what p prints; several -e run in order; q truncates', async () => {
    expect(await sh("sed -n -i '2p' web.yaml", 'cat web.yaml')).toBe('kind: StatefulSet\n');
    expect(await sh("sed -i -e '/^$/d' -e 's/3/9/' web.yaml", 'cat web.yaml')).toBe('apiVersion: apps/v1\nkind: StatefulSet\nspec:\n  replicas: 9\nname: web\n');
    expect(await sh('sed -i 2q web.yaml', 'cat web.yaml')).toBe('apiVersion: apps/v1\nkind: StatefulSet\n');
  });

  it('a missing file is reported and the others still edited (exit 2); no file at all is an error (exit 4)', async () => {
    expect(await sh("sed -i '1d' nope.yaml web.yaml; echo $?", 'head -1 web.yaml')).toBe("sed: can't read nope.yaml: No such file or directory\n2\nkind: StatefulSet\n");
    expect(await sh('sed -i p; echo $?')).toBe('sed: no input files\n4\n');
  });
});

describe('sed in a pipe', () => {
  it("kubectl get pod web-0 -o yaml | sed -n '/status:/,$p' prints from status: to the end", async () => {
    expect(await sh("cat pod.yaml | sed -n '/status:/,$p'")).toBe('status:\n  phase: Running\n  podIP: 10.0.0.1');
  });

  it('a range between two regexes, and a block with a negated address inside it', async () => {
    expect(await sh("cat web.yaml | sed -n '/spec/,/name/p'")).toBe('spec:\n  replicas: 3\n\nname: web\n');
    expect(await sh("sed -n '/kind/,/replicas/{/spec/!p}' web.yaml")).toBe('kind: StatefulSet\n  replicas: 3\n');
  });

  it('s with & and groups, BRE and ERE, any delimiter, escaped newline and tab', async () => {
    expect(await sh("echo 'one two' | sed -E 's/(\\w+) (\\w+)/\\2 \\1/'")).toBe('two one\n');
    expect(await sh("sed -n 's/\\([a-z]*\\): \\([0-9]\\+\\)/\\2=\\1/p' web.yaml")).toBe('  3=replicas\n');
    expect(await sh("sed -n 's|apps/v1|v2|p' web.yaml")).toBe('apiVersion: v2\n');
    expect(await sh("sed -n 's/web/[&]/p' web.yaml")).toBe('name: [web]\n');
    expect(await sh("printf 'a b\\n' | sed 's/ /\\t/'")).toBe('a\tb\n');
    expect(await sh("echo x | sed 's/x/a\\/b/'")).toBe('a/b\n');
  });

  it('s flags: g, a number, number with g, p, I', async () => {
    expect(await sh("echo 'hello world' | sed 's/o/0/2'")).toBe('hello w0rld\n');
    expect(await sh("echo aaaa | sed 's/a/b/3g'")).toBe('aabb\n');
    expect(await sh("echo aXb | sed 's/x/-/I;s/b$/B/'")).toBe('a-B\n');
    expect(await sh("sed -n 's/e/E/gp' web.yaml")).toBe('apiVErsion: apps/v1\nkind: StatEfulSEt\nspEc:\n  rEplicas: 3\nnamE: wEb\n');
    // An empty match right after a match is not replaced (execute.c do_subst).
    expect(await sh("echo cccd | sed 's/c*/R/g'")).toBe('RdR\n');
  });

  it("BRE operators need a backslash, ERE's do not; the bare forms are literal in a BRE", async () => {
    expect(await sh("sed -n '/kind\\|name/p' web.yaml")).toBe('kind: StatefulSet\nname: web\n');
    expect(await sh("sed -n -E '/^(kind|name):/p' web.yaml")).toBe('kind: StatefulSet\nname: web\n');
    expect(await sh("sed -n '/kind|name/p' web.yaml; echo done")).toBe('done\n');
    expect(await sh("echo 'a+b' | sed 's/a+/X/'")).toBe('Xb\n');
  });

  it('addresses: N, $, !, N,+M, first~step, 0,/re/, and commands d, =, q EXIT, y, a, i, c', async () => {
    expect(await sh("sed -n '$p' web.yaml")).toBe('name: web\n');
    expect(await sh("sed '1!d' web.yaml")).toBe('apiVersion: apps/v1\n');
    expect(await sh("sed '2,+1d' web.yaml")).toBe('apiVersion: apps/v1\n  replicas: 3\n\nname: web\n');
    expect(await sh("sed -n '2~3p' web.yaml")).toBe('kind: StatefulSet\n\n');
    expect(await sh("sed -n '0,/e/p' web.yaml")).toBe('apiVersion: apps/v1\n');
    expect(await sh("sed -n '$=' web.yaml")).toBe('6\n');
    expect(await sh("sed '2q5' web.yaml; echo $?")).toBe('apiVersion: apps/v1\nkind: StatefulSet\n5\n');
    expect(await sh("echo abc | sed 'y/abc/xyz/'")).toBe('xyz\n');
    expect(await sh("sed '/kind/a added' web.yaml | head -3")).toBe('apiVersion: apps/v1\nkind: StatefulSet\nadded\n');
    expect(await sh("echo x | sed -e '1i\\' -e 'top'")).toBe('top\nx\n');
    expect(await sh("sed '2,3c changed' web.yaml")).toBe('apiVersion: apps/v1\nchanged\n  replicas: 3\n\nname: web\n');
  });

  it('keeps a missing last newline, and treats several files as one stream ($ is the last line of the last)', async () => {
    // 76 bytes twice with one newline added between the two copies of the last line: 153, as GNU sed prints.
    expect(await sh('sed p pod.yaml | wc -c', "sed 's/Pod/P/' pod.yaml | wc -c")).toBe('153\n74\n');
    expect(await sh("sed -n '$p' web.yaml pod.yaml; echo")).toBe('  podIP: 10.0.0.1\n');
    expect(await sh("sed -s -n '$p' web.yaml pod.yaml; echo")).toBe('name: web\n  podIP: 10.0.0.1\n');
  });
});

describe("sed's errors, worded as GNU sed words them", () => {
  it('script errors name the expression and the character, exit 1', async () => {
    expect(await sh("sed 's/a/b' web.yaml; echo $?")).toBe("sed: -e expression #1, char 5: unterminated `s' command\n1\n");
    expect(await sh("sed 's/a/b/x' web.yaml")).toBe("sed: -e expression #1, char 7: unknown option to `s'\n");
    expect(await sh("sed -e p -e k web.yaml")).toBe("sed: -e expression #2, char 1: unknown command: `k'\n");
    expect(await sh("sed '/abc' web.yaml")).toBe('sed: -e expression #1, char 4: unterminated address regex\n');
    expect(await sh("sed 's/a/\\1/' web.yaml")).toBe("sed: -e expression #1, char 7: invalid reference \\1 on `s' command's RHS\n");
    expect(await sh("sed '1,2q' web.yaml")).toBe('sed: -e expression #1, char 4: command only uses one address\n');
    expect(await sh("sed '3,' web.yaml")).toBe("sed: -e expression #1, char 2: unexpected `,'\n");
    expect(await sh("sed '{p' web.yaml")).toBe("sed: -e expression #1, char 0: unmatched `{'\n");
    expect(await sh("sed 's/\\(/x/' web.yaml")).toBe('sed: -e expression #1, char 7: Unmatched ( or \\(\n');
  });

  it("a file it cannot read: `can't read`, the others still printed, exit 2", async () => {
    expect(await sh('sed -n 1p nope.txt web.yaml; echo $?')).toBe("sed: can't read nope.txt: No such file or directory\napiVersion: apps/v1\n2\n");
  });

  it('no script prints the usage, exit 1; help lists sed among the programs', async () => {
    const out = await sh('sed; echo $?');
    expect(out.startsWith('Usage: sed [OPTION]... {script-only-if-no-other-script} [input-file]...\n')).toBe(true);
    expect(out.endsWith('General help using GNU software: <https://www.gnu.org/gethelp/>.\n1\n')).toBe(true);
    expect(await sh('help | grep -ow sed')).toBe('sed\n');
  });
});

describe('sed in container shells', () => {
  it('busybox: -i works, errors in busybox words (editors/sed.c), exit 1', async () => {
    const out = await sh(
      `kubectl exec dns-test -- sh -c "printf 'a\\nb\\n' > /f; sed -i 's/a/A/' /f; cat /f; sed p /nope; echo \\$?; sed 's/a/b' /f; sed k /f; sed -i p"`,
    );
    expect(out).toBe(
      "A\nb\nsed: /nope: No such file or directory\n1\nsed: unmatched '/'\nsed: unsupported command k\nsed: -i requires an argument\ncommand terminated with exit code 1\n",
    );
  });

  it('nginx (Debian, GNU sed): the same wording as the learner shell', async () => {
    const out = await sh(`kubectl exec web-0 -- sh -c "printf 'a\\n' > /f; sed -i 's/a/A/' /f; cat /f; sed p /nope"`);
    expect(out).toBe("A\nsed: can't read /nope: No such file or directory\ncommand terminated with exit code 2\n");
  });
});
