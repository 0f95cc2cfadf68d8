// awk through the learner's shell (GNU awk 5.x wording: awkgram.y yyerror, io.c nextfile,
// interpret.h, format_tree in builtin.c) and busybox awk (editors/awk.c syntax_error,
// next_input_file), on text shaped like `kubectl get pods -o wide`.
import { describe, expect, it } from 'vitest';
import { testSession } from './testing.ts';
import { awkCmd } from './awk.ts';

const PODS = `NAME    READY   STATUS    RESTARTS   AGE   IP           NODE           NOMINATED NODE   READINESS GATES
web-0   1/1     Running   0          2m    10.244.1.3   minikube-m02   <none>           <none>
web-1   1/1     Running   2          2m    10.244.2.4   minikube       <none>           <none>
web-2   0/1     Pending   0          1m    <none>       <none>         <none>           <none>
db-0    1/1     Running   10         5m    10.244.1.7   minikube-m02   <none>           <none>
`;

const quote = (s: string) => `'${s.replace(/'/g, "'\\''")}'`;

async function sh(...lines: string[]): Promise<string> {
  const t = testSession();
  await t.session.run(`printf '%s' ${quote(PODS)} > pods.txt`);
  for (const l of lines) await t.session.run(l);
  return t.out();
}

/** The same through busybox awk (the applet busybox images run). */
async function bb(...lines: string[]): Promise<string> {
  const t = testSession({ programs: { awk: awkCmd('busybox') } });
  await t.session.run(`printf '%s' ${quote(PODS)} > pods.txt`);
  for (const l of lines) await t.session.run(l);
  return t.out();
}

describe('awk on kubectl output', () => {
  it("kubectl get pods -o wide | awk '{print $1, $6}' prints name and IP, joined by OFS", async () => {
    expect(await sh("cat pods.txt | awk '{print $1, $6}'")).toBe('NAME IP\nweb-0 10.244.1.3\nweb-1 10.244.2.4\nweb-2 <none>\ndb-0 10.244.1.7\n');
    expect(await sh("awk '{print $1 $2}' pods.txt | head -2")).toBe('NAMEREADY\nweb-01/1\n');
  });

  it('NR skips the header, NF and $NF count and pick fields', async () => {
    expect(await sh("awk 'NR > 1 {print NR, $1, NF, $NF}' pods.txt")).toBe('2 web-0 9 <none>\n3 web-1 9 <none>\n4 web-2 9 <none>\n5 db-0 9 <none>\n');
    expect(await sh("awk 'END {print NR}' pods.txt")).toBe('5\n');
    // The header's last two columns are two words each: 11 fields.
    expect(await sh("awk 'NR==1 {print NF, $(NF-1)}' pods.txt")).toBe('11 READINESS\n');
  });

  it("-F and -v: a single-character separator, a regex separator, '\\t', OFS from -v", async () => {
    expect(await sh("echo 'web-0:10.244.1.3:80' | awk -F: '{print $2}'")).toBe('10.244.1.3\n');
    expect(await sh("echo 'a1b22c' | awk -F '[0-9]+' '{print $3}'")).toBe('c\n');
    expect(await sh("printf 'a\\tb c\\td\\n' | awk -F '\\t' '{print $2}'")).toBe('b c\n');
    // gawk main.c cmdline_fs: -Ft is a tab only with --traditional; by default the letter t.
    expect(await sh("echo 'statefulset' | awk -Ft '{print $2}'")).toBe('a\n');
    // getopt_long takes any unambiguous prefix of a long option.
    expect(await sh("echo 'web-0:10.244.1.3' | awk --field-sep=: '{print $2}'")).toBe('10.244.1.3\n');
    expect(await sh("awk -v OFS=, 'NR>1 {print $1, $3}' pods.txt | head -1")).toBe('web-0,Running\n');
    expect(await sh("awk -v who=web-1 '$1 == who {print $6}' pods.txt")).toBe('10.244.2.4\n');
    expect(await sh("awk 'BEGIN {FS=\"-\"} {print $2}' pods.txt | tail -1")).toBe('0    1/1     Running   10         5m    10.244.1.7   minikube\n');
  });

  it('patterns: regex, negation, ~ on a field, ranges from one match to another', async () => {
    expect(await sh("awk '/Pending/' pods.txt")).toBe('web-2   0/1     Pending   0          1m    <none>       <none>         <none>           <none>\n');
    expect(await sh("awk '$3 !~ /^Run/ {print $1}' pods.txt")).toBe('NAME\nweb-2\n');
    expect(await sh("awk '$1 ~ \"^web-[01]$\" {print $1}' pods.txt")).toBe('web-0\nweb-1\n');
    expect(await sh("awk '/web-1/,/web-2/ {print $1}' pods.txt")).toBe('web-1\nweb-2\n');
    expect(await sh("awk 'NR==2, NR==3 {print $1}; NR==5' pods.txt")).toBe('web-0\nweb-1\ndb-0    1/1     Running   10         5m    10.244.1.7   minikube-m02   <none>           <none>\n');
  });

  it('sums in END, and pods counted per node with an array and for-in (insertion order)', async () => {
    expect(await sh("awk 'NR>1 {s += $4} END {print \"restarts:\", s}' pods.txt")).toBe('restarts: 12\n');
    expect(await sh("awk 'NR>1 && $7 != \"<none>\" {n[$7]++} END {for (k in n) print k, n[k]}' pods.txt")).toBe('minikube-m02 2\nminikube 1\n');
    expect(await sh("awk 'NR>1 {n[$3]++} END {print length(n), (\"Running\" in n), (\"Failed\" in n)}' pods.txt")).toBe('2 1 0\n');
    expect(await sh("awk 'BEGIN {a[1,2] = \"x\"; for (k in a) {split(k, p, SUBSEP); print p[1], p[2], ((1,2) in a)}}'")).toBe('1 2 1\n');
    expect(await sh("awk 'BEGIN {a[\"x\"]; a[\"y\"]; delete a[\"x\"]; print length(a); delete a; print length(a)}'")).toBe('1\n0\n');
  });

  it('printf: %s %d %5.2f %-5s| %05d %x %X %o %c %e %g %% and * widths', async () => {
    expect(await sh(`awk 'BEGIN {printf "%s %d %5.2f %-5s| %05d %x %X %o %c %e %g %%\\n", "a", 42.9, 3.14159, "ab", 42, 255, 255, 8, 65, 12345.678, 0.0001234}'`)).toBe(
      'a 42  3.14 ab   | 00042 ff FF 10 A 1.234568e+04 0.0001234 %\n',
    );
    expect(await sh(`awk 'BEGIN {printf "[%*d] [%-*s] [%.3s] [%+d] [% d] [%#x] [%.2e]\\n", 5, 42, 4, "ab", "abcdef", 5, 5, 255, 123456}'`)).toBe('[   42] [ab  ] [abc] [+5] [ 5] [0xff] [1.23e+05]\n');
    expect(await sh(`awk 'NR>1 {printf "%-6s %s\\n", $1, $3}' pods.txt | head -2`)).toBe('web-0  Running\nweb-1  Running\n');
    expect(await sh(`awk 'BEGIN {x = sprintf("%03d-%s", 7, "x"); print x; print 100000 * 100000, 3.0, 2^53 + 1, 0.1 + 0.2, 1e300 * 10}'`)).toBe('007-x\n10000000000 3 9007199254740992 0.3 1e+301\n');
  });

  it('string functions: sub/gsub with & and \\\\&, split, substr, length, index, match, toupper', async () => {
    expect(await sh("echo 'web-0.nginx' | awk '{n = gsub(/[.-]/, \"_\"); print n, $0}'")).toBe('2 web_0_nginx\n');
    expect(await sh("echo 'aaa' | awk '{sub(/a/, \"[&]\"); print; gsub(/a/, \"\\\\&\"); print}'")).toBe('[a]aa\n[&]&&\n');
    expect(await sh("echo 'abc' | awk '{gsub(/x*/, \"-\"); print}'")).toBe('-a-b-c-\n');
    expect(await sh("echo '10.244.1.3' | awk '{n = split($1, o, \".\"); print n, o[1], o[4]}'")).toBe('4 10 3\n');
    expect(await sh("awk 'BEGIN {s = \"statefulset\"; print substr(s, 6), substr(s, 1, 5), substr(s, 0, 2), length(s), length(), index(s, \"set\"), toupper(s), tolower(\"ABC\")}'")).toBe(
      'fulset state s 11 0 9 STATEFULSET abc\n',
    );
    expect(await sh("awk 'BEGIN {print match(\"web-12\", /[0-9]+/), RSTART, RLENGTH; print match(\"x\", /y/), RSTART, RLENGTH}'")).toBe('5 5 2\n0 0 -1\n');
    expect(await sh("echo 'a b c' | awk '{$2 = \"X\"; print; print NF; $5 = \"e\"; print; NF = 2; print}'")).toBe('a X c\n3\na X c  e\na X\n');
  });

  it('compares as numbers when both look numeric (fields, -v), else as strings', async () => {
    expect(await sh("echo '10 9' | awk '{print ($1 > $2), (\"10\" > \"9\"), ($1 > \"9\")}'")).toBe('1 0 0\n');
    expect(await sh("awk '$4 > 5 {print $1}' pods.txt")).toBe('NAME\ndb-0\n');
    expect(await sh("awk -v n=10 'BEGIN {print (n < 9)}'")).toBe('0\n');
    expect(await sh("echo '3.0 3' | awk '{print ($1 == $2), ($1 \"\" == $2 \"\")}'")).toBe('1 0\n');
  });

  it('uninitialised variables are "" and 0; numbers print with OFMT, integers as integers', async () => {
    expect(await sh("awk 'BEGIN {print \"[\" x \"]\", x + 0, length(x), (x == 0), (x == \"\")}'")).toBe('[] 0 0 1 1\n');
    expect(await sh("awk 'BEGIN {print 1/3, 2^10, -2^2, 7 % 3, int(-3.7), 1e6; OFMT = \"%.2f\"; print 3.14159; x = 3.14159 \"\"; print x}'")).toBe(
      '0.333333 1024 -4 1 -3 1000000\n3.14\n3.14159\n',
    );
  });

  it('control flow: if/else, while, do, for, break, continue, next, user functions with local arrays', async () => {
    expect(await sh("awk 'BEGIN {for (i = 1; i <= 5; i++) {if (i == 2) continue; if (i == 4) break; printf \"%d \", i}; print \"\"}'")).toBe('1 3 \n');
    expect(await sh("awk 'BEGIN {i = 3; while (i--) s = s i; do j++; while (j < 3); print s, j}'")).toBe('210 3\n');
    expect(await sh("awk 'NR == 1 {next} {print $1; if ($3 == \"Pending\") exit}' pods.txt")).toBe('web-0\nweb-1\nweb-2\n');
    expect(
      await sh(`awk 'function ready(s,   p) { split(s, p, "/"); return p[1] == p[2] ? "yes" : "no" }
NR > 1 { print $1, ready($2) }' pods.txt`),
    ).toBe('web-0 yes\nweb-1 yes\nweb-2 no\ndb-0 yes\n');
    expect(await sh("awk 'function fill(a) {a[\"k\"] = 1} BEGIN {fill(arr); print arr[\"k\"]}'")).toBe('1\n');
    expect(await sh("awk 'function f(n) {return n <= 1 ? 1 : n * f(n - 1)} BEGIN {print f(10)}'")).toBe('3628800\n');
  });

  it('exit codes: exit n (END still runs), exit in END keeps or sets the status', async () => {
    expect(await sh("awk 'BEGIN {exit 3} END {print \"end\"}'; echo $?")).toBe('end\n3\n');
    expect(await sh("awk '{exit 4} END {print NR}' pods.txt; echo $?")).toBe('1\n4\n');
    expect(await sh("awk 'END {exit 1}' pods.txt; echo $?")).toBe('1\n');
    expect(await sh("awk 'BEGIN {print \"only\"}' < /dev/null; echo $?")).toBe('only\n0\n');
  });

  it('-f reads the program from a file (its name in errors); var=value operands assign between files', async () => {
    expect(await sh("echo 'NR > 1 {print $1}' > names.awk", 'awk -f names.awk pods.txt | head -2')).toBe('web-0\nweb-1\n');
    expect(await sh("printf 'BEGIN {\n  x = (1\n}\n' > bad.awk", 'awk -f bad.awk')).toBe(
      // A newline inside parentheses: the line before it, numbered after it (awkgram.y yyerror).
      'awk: bad.awk:3:   x = (1\nawk: bad.awk:3:         ^ unexpected newline or end of string\n',
    );
    expect(await sh('awk -f nope.awk; echo $?')).toBe("awk: fatal: can't open source file `nope.awk' for reading (No such file or directory)\n2\n");
    expect(await sh("echo a > one.txt", "awk '{print who, $0}' who=x one.txt who=y one.txt")).toBe('x a\ny a\n');
  });

  it('print > file writes in the working folder (truncated once, then appended); >> appends', async () => {
    expect(await sh("awk 'NR>1 {print $1 > \"names.txt\"}' pods.txt", 'cat names.txt')).toBe('web-0\nweb-1\nweb-2\ndb-0\n');
    expect(await sh("echo old > log.txt", "awk 'BEGIN {print \"new\" >> \"log.txt\"}'", 'cat log.txt')).toBe('old\nnew\n');
  });
});

describe("awk's errors, worded as GNU awk words them", () => {
  it('a syntax error shows the line and a caret under the token, exit 1', async () => {
    expect(await sh("awk '{print $1' pods.txt; echo $?")).toBe('awk: cmd. line:1: {print $1\nawk: cmd. line:1:          ^ unexpected newline or end of string\n1\n');
    expect(await sh("awk 'BEGIN { x = 1 + * 2 }'; echo $?")).toBe('awk: cmd. line:1: BEGIN { x = 1 + * 2 }\nawk: cmd. line:1:                 ^ syntax error\n1\n');
    expect(await sh("awk 'BEGIN {print \"abc}'")).toBe('awk: cmd. line:1: BEGIN {print "abc}\nawk: cmd. line:1:              ^ unterminated string\n');
  });

  it('a missing file is fatal when reached: `cannot open file`, exit 2, END not run', async () => {
    expect(await sh("awk '{n++} END {print n}' pods.txt nope.txt; echo $?")).toBe("awk: fatal: cannot open file `nope.txt' for reading: No such file or directory\n2\n");
  });

  it('runtime errors say where: division by zero, printf running out of arguments', async () => {
    expect(await sh("awk '{x = $4 / 0}' pods.txt; echo $?")).toBe('awk: cmd. line:1: (FILENAME=pods.txt FNR=1) fatal: division by zero attempted\n2\n');
    expect(await sh(`awk 'BEGIN {printf "%s %s\\n", "a"}'; echo $?`)).toBe("awk: cmd. line:1: fatal: not enough arguments to satisfy format string\n\t`%s %s\n'\n\t    ^ ran out for this one\n2\n");
  });

  it('no program prints the usage (main.c usage(EXIT_FAILURE): exit 1); help lists awk among the programs', async () => {
    const out = await sh('awk; echo $?');
    expect(out.startsWith('Usage: awk [POSIX or GNU style options] -f progfile [--] file ...\n')).toBe(true);
    expect(out.endsWith("\tawk -F: '{ print $1 }' /etc/passwd\n1\n")).toBe(true);
    expect((await sh("awk -F; echo $?")).startsWith('awk: option requires an argument -- F\nUsage: awk [POSIX')).toBe(true);
    // gawk prints the same for a long option without its argument, naming its letter (main.c, opterr = 0).
    expect((await sh("awk --file; echo $?")).startsWith('awk: option requires an argument -- f\nUsage: awk [POSIX')).toBe(true);
    expect(await sh('help | grep -ow awk')).toBe('awk\n');
  });

  it('misplaced next/return/break, an undefined function, a bad regex', async () => {
    expect(await sh("awk 'BEGIN { next }'; echo $?")).toBe("awk: cmd. line:1: BEGIN { next }\nawk: cmd. line:1:         ^ `next' used in BEGIN action\n1\n");
    expect(await sh("awk 'BEGIN { break }'")).toBe("awk: cmd. line:1: BEGIN { break }\nawk: cmd. line:1:         ^ `break' is not allowed outside a loop or switch\n");
    expect(await sh("awk 'BEGIN { print ready(1) }'; echo $?")).toBe("awk: cmd. line:1: fatal: function `ready' not defined\n2\n");
    expect(await sh("awk '$1 ~ \"(web\"' pods.txt; echo $?")).toBe('awk: cmd. line:1: (FILENAME=pods.txt FNR=1) fatal: invalid regexp: Unmatched ( or \\(: /(web/\n2\n');
    expect(await sh("awk '/(web/' pods.txt; echo $?")).toBe('awk: cmd. line:1: error: Unmatched ( or \\(: /(web/\n1\n');
  });

  it('what the lab does not simulate is refused by name, never run as something else', async () => {
    expect(await sh("awk '{\"date\" | getline d}' pods.txt; echo $?")).toBe('awk: cmd. line:1: {"date" | getline d}\nawk: cmd. line:1:           ^ getline is not simulated in this lab\n1\n');
    expect(await sh("awk 'BEGIN {system(\"ls\")}'")).toBe('awk: cmd. line:1: BEGIN {system("ls")}\nawk: cmd. line:1:        ^ system() is not simulated in this lab\n');
    expect(await sh("awk 'BEGIN {print \"b\" | \"sort\"}'")).toBe("awk: cmd. line:1: BEGIN {print \"b\" | \"sort\"}\nawk: cmd. line:1:                  ^ output to a pipe (`| command') is not simulated in this lab\n");
    expect(await sh("awk 'BEGIN {RS = \"\"} {print}' pods.txt; echo $?")).toBe('awk: RS="": a record separator other than a newline is not simulated in this lab\n2\n');
    expect(await sh("awk 'BEGIN {print strftime()}'")).toBe('awk: cmd. line:1: BEGIN {print strftime()}\nawk: cmd. line:1:              ^ strftime() is a gawk extension not simulated in this lab\n');
  });

  it('an endless loop stops at the lab limit instead of hanging the page', async () => {
    const out = await sh("awk 'BEGIN {while (1) x++}'; echo $?");
    expect(out).toBe("awk: stopped after 2000000 statements (the lab's limit, so the page stays responsive)\n2\n");
  });
});

describe('busybox awk (editors/awk.c), as busybox images run it', () => {
  it('the same programs print the same output', async () => {
    expect(await bb("awk 'NR>1 {n[$7]++} END {for (k in n) print k, n[k]}' pods.txt")).toBe('minikube-m02 2\nminikube 1\n<none> 1\n');
    expect(await bb("awk -F: '{print $2}' <<< 'a:b'")).toBe('b\n');
  });

  it("errors in busybox's words: `cmd. line:N: Unexpected token`, `can't open`, exit 1", async () => {
    expect(await bb("awk '{print $1' pods.txt; echo $?")).toBe('awk: cmd. line:1: Unexpected token\n1\n');
    expect(await bb("awk 'BEGIN {print \"abc}'")).toBe('awk: cmd. line:1: Unexpected end of string\n');
    expect(await bb("awk '{print}' nope.txt; echo $?")).toBe("awk: can't open 'nope.txt': No such file or directory\n1\n");
    expect(await bb("awk 'BEGIN {x = 1 / 0}'; echo $?")).toBe('awk: cmd. line:1: Division by zero\n1\n');
    expect(await bb("awk '/(web/' pods.txt; echo $?")).toBe("awk: bad regex '(web': Unmatched ( or \\(\n1\n");
    expect(await bb("awk 'BEGIN {f(1)}'; echo $?")).toBe('awk: cmd. line:1: Call to undefined function\n1\n');
    // busybox awk_printf: a conversion with no argument left formats an empty value.
    expect(await bb(`awk 'BEGIN {printf "%s|%s|\\n", "a"}'`)).toBe('a||\n');
    expect((await bb('awk; echo $?')).startsWith('BusyBox v1.36.1 (2023-05-18 22:34:17 UTC) multi-call binary.\n\nUsage: awk [OPTIONS] [AWK_PROGRAM] [FILE]...\n')).toBe(true);
  });
});

describe('awk under random programs', () => {
  it('always ends with a status: awk errors are printed, never thrown through the shell', async () => {
    const fc = (await import('fast-check')).default;
    const parts = ['{', '}', '(', ')', '[', ']', ';', '\n', ',', 'print', 'printf', '"%s %d\\n"', '$1', '$NF', 'NF', 'NR', 'x', 'a[x]', '=', '+=', '++', '--',
      '+', '-', '*', '/', '%', '^', '!', '<', '>', '==', '~', '/re/', '"s"', '1', '0', '&&', '||', '?', ':', 'in', 'if', 'else', 'while', 'for', 'BEGIN', 'END',
      'function f(p)', 'f(x)', 'next', 'exit', 'delete a', 'length', 'substr($0,2)', 'split($0,a)', 'gsub(/a/,"b")', 'getline', '|', '#c'];
    const program = fc.array(fc.constantFrom(...parts), { minLength: 1, maxLength: 12 }).map((p) => p.join(' '));
    const t = testSession();
    await t.session.run(`printf '%s' ${quote(PODS)} > pods.txt`);
    await fc.assert(
      fc.asyncProperty(program, async (p) => {
        const status = await t.session.run(`awk ${quote(p)} pods.txt`);
        expect(Number.isInteger(status)).toBe(true);
        // A JavaScript error would surface as its message (e.g. "Cannot read properties").
        expect(t.out()).not.toMatch(/Cannot read|is not a function|undefined \(reading|Maximum call stack/);
      }),
      { numRuns: 1500, seed: 7 },
    );
  }, 60_000);
});
