import { describe, expect, it } from 'vitest';
import { MemoryFs } from '../fs.ts';
import { lookupImage } from './images.ts';
import { argvOf, interpret, planProcess, resumeScript, type ProcessContext, type ScriptAction } from './processes.ts';

const ctx: ProcessContext = { hostname: 'web-0', env: { GREETING: 'hi' }, logTime: '2026/01/01 00:00:00', programs: ['sh', 'sleep', 'echo', 'cat'], stdinTty: false };

/**
 * The script from start to end as the kubelet runs it: each `resume` step planned at its time
 * (resumeScript with ctx.now then), up to `until` ms, each plan's file steps made on ctx.fs before
 * the next plan. Returns every step but the resumes, and
 * when and how it ended (undefined: still running at `until`).
 */
function runThrough(script: string, c: ProcessContext, until = 600_000): { actions: ScriptAction[]; exit?: { at: number; code: number }; forever?: boolean } {
  const start = c.now ?? 0;
  let r = interpret(script, c);
  let offset = 0;
  const actions: ScriptAction[] = [];
  for (let plans = 0; ; plans++) {
    if (plans > 10_000) throw new Error('the script is planned again and again without end');
    const steps = r.actions.map((a) => ({ ...a, at: a.at + offset }));
    const resume = steps.at(-1)?.op === 'resume' ? steps.pop()! : undefined;
    actions.push(...steps);
    // The kubelet makes a plan's writes before the plan after it (runActions).
    const fs = c.fs?.();
    for (const a of steps) {
      if (a.op === 'write') fs?.writeFile(a.path!, a.data ?? '', { append: a.append });
      else if (a.op === 'mkdir') fs?.mkdir(a.path!, { recursive: true });
      else if (a.op === 'rm' && fs?.exists(a.path!)) fs.rm(a.path!, { recursive: true });
    }
    if (!resume) return { actions, ...(r.forever ? { forever: true } : { exit: { at: offset + r.ms, code: r.exitCode } }) };
    if (resume.at > until) return { actions };
    offset = resume.at;
    const plan = resumeScript(resume.data!, { ...c, env: resume.env ?? {}, now: start + offset });
    r = { ms: plan.exitAfterMs ?? 0, forever: false, exitCode: plan.exitCode, actions: plan.actions };
    if (plan.exitAfterMs === undefined && plan.actions.at(-1)?.op !== 'resume') return { actions: [...actions, ...plan.actions.map((a) => ({ ...a, at: a.at + offset }))], forever: true };
  }
}

describe('what runs in a container', () => {
  it('runs nginx from the image default, stopping at once on its STOPSIGNAL', () => {
    const info = lookupImage('nginx:1.27')!;
    const plan = planProcess(info, argvOf(info), ctx);
    expect(plan).toMatchObject({ kind: 'nginx', port: 80, stopMs: 100 });
    expect(plan.exitAfterMs).toBeUndefined();
  });

  it('exits a busybox with no command at once (sh reads EOF), so it crash-loops', () => {
    const info = lookupImage('busybox')!;
    expect(planProcess(info, argvOf(info), ctx).exitAfterMs).toBe(10);
  });

  it('sleeps for the given time and ignores SIGTERM', () => {
    const info = lookupImage('busybox')!;
    const plan = planProcess(info, argvOf(info, ['sleep', '3600']), ctx);
    expect(plan.exitAfterMs).toBe(3_600_000);
    expect(plan.stopMs).toBeUndefined();
  });

  it('follows simple shell: echo to the log and to files, sleep, exit', () => {
    const script = 'echo "$GREETING from $(hostname)" > /data/hello; echo started; sleep 2; rm -f /data/hello; exit 3';
    expect(runThrough(script, ctx)).toEqual({
      actions: [
        { at: 0, op: 'write', path: '/data/hello', data: 'hi from web-0\n', append: false },
        { at: 0, op: 'log', data: 'started' },
        { at: 2000, op: 'rm', path: '/data/hello' },
      ],
      exit: { at: 2000, code: 3 },
    });
  });

  it('plans up to the end of a sleep and leaves the rest of the script to a resume step then', () => {
    const r = interpret('echo started; sleep 2; rm -f /data/hello; exit 3', ctx);
    expect(r.actions).toEqual([
      { at: 0, op: 'log', data: 'started' },
      { at: 2000, op: 'resume', data: 'rm -f /data/hello; exit 3' },
    ]);
    // Nothing is left after the last sleep: the script ends there, no resume needed.
    expect(interpret('echo started; sleep 2', ctx)).toMatchObject({ ms: 2000, actions: [{ at: 0, op: 'log', data: 'started' }] });
    expect(planProcess(lookupImage('busybox')!, ['sh', '-c', 'sleep 2; echo late'], ctx).exitAfterMs).toBeUndefined();
  });

  it("resumes a loop with the rest of its body, then the loop again, then what follows it", () => {
    const r = interpret('while true; do echo tick; sleep 5; echo tock; done; echo never', ctx);
    expect(r.actions.at(-1)).toEqual({ at: 5000, op: 'resume', data: 'echo tock; while true; do echo tick; sleep 5; echo tock; done; echo never' });
    // `&&` and `||` after a sleep are decided by its status (0) before the rest is handed on.
    expect(interpret('sleep 1 || echo no; echo yes', ctx).actions.at(-1)).toMatchObject({ data: 'echo yes' });
    expect(interpret('sleep 1 && echo a || echo b', ctx).actions.at(-1)).toMatchObject({ data: 'echo a || echo b' });
  });

  it('carries the environment variables the rest reads, as they were at the start', () => {
    const r = interpret('sleep 1; echo "$GREETING $HOSTNAME"', { ...ctx, env: { GREETING: 'hi', OTHER: 'x' } });
    expect(r.actions).toEqual([{ at: 1000, op: 'resume', data: 'echo "$GREETING $HOSTNAME"', env: { GREETING: 'hi' } }]);
    expect(runThrough('sleep 1; echo "$GREETING $HOSTNAME"', ctx).actions).toEqual([{ at: 1000, op: 'log', data: 'hi web-0' }]);
  });

  it('logs a date every 10 s for `while true; do date; sleep 10; done`, with the time then', () => {
    const { actions, exit } = runThrough('while true; do date; sleep 10; done', { ...ctx, now: Date.UTC(2026, 0, 1) }, 30_000);
    expect(exit).toBeUndefined();
    expect(actions).toEqual([
      { at: 0, op: 'log', data: 'Thu Jan  1 00:00:00 UTC 2026' },
      { at: 10_000, op: 'log', data: 'Thu Jan  1 00:00:10 UTC 2026' },
      { at: 20_000, op: 'log', data: 'Thu Jan  1 00:00:20 UTC 2026' },
      { at: 30_000, op: 'log', data: 'Thu Jan  1 00:00:30 UTC 2026' },
    ]);
  });

  it('runs a loop whose pass takes no time until killed, its first pass logged once', () => {
    expect(interpret('echo start; while true; do echo tick; done; echo never', ctx)).toMatchObject({
      forever: true, actions: [{ at: 0, op: 'log', data: 'start' }, { at: 0, op: 'log', data: 'tick' }],
    });
    expect(interpret('tail -f /dev/null', ctx).forever).toBe(true);
    expect(interpret('sleep infinity', ctx).forever).toBe(true);
  });

  it('skips a while loop whose condition fails at once, and leaves an until loop whose condition holds', () => {
    expect(interpret('while false; do echo no; done; echo after', ctx)).toMatchObject({ forever: false, exitCode: 0, actions: [{ op: 'log', data: 'after' }] });
    expect(interpret('until true; do echo no; done; echo after', ctx)).toMatchObject({ forever: false, exitCode: 0, actions: [{ op: 'log', data: 'after' }] });
  });

  it('reads while/until, do and done on lines of their own', () => {
    const script = 'echo begin\nuntil [ -f /tmp/ready ]\ndo\n  echo waiting\n  sleep 3\ndone\necho ready';
    const r = interpret(script, ctx);
    expect(r.actions.filter((a) => a.op === 'log')).toEqual([{ at: 0, op: 'log', data: 'begin' }, { at: 0, op: 'log', data: 'waiting' }]);
    expect(r.actions.at(-1)).toEqual({ at: 3000, op: 'resume', data: 'until [ -f /tmp/ready ]; do echo waiting; sleep 3; done; echo ready' });
  });

  it('substitutes $(hostname), and $(cat FILE) with the file trailing newlines removed; a missing file is logged as busybox cat says', () => {
    const fs = new MemoryFs();
    fs.mkdir('/etc', { recursive: true });
    fs.writeFile('/etc/ns', 'default\n\n');
    const logs = (script: string) => interpret(script, { ...ctx, fs: () => fs }).actions.map((a) => a.data);
    expect(logs('echo web.$(cat /etc/ns).svc `hostname`')).toEqual(['web.default.svc web-0']);
    expect(logs('echo "[$(cat /nope)]"')).toEqual(["cat: can't open '/nope': No such file or directory", '[]']);
    expect(logs("echo '$(cat /etc/ns)'")).toEqual(['$(cat /etc/ns)']);
  });

  it('tests the container\'s files with [ ] when the loop gets there, after the script\'s own writes are made', () => {
    const fs = new MemoryFs();
    const c = { ...ctx, fs: () => fs };
    const script = 'until [ -f /tmp/ready ]; do echo waiting; sleep 2; done; echo ready';
    expect(interpret(script, c).actions).toEqual([{ at: 0, op: 'log', data: 'waiting' }, { at: 2000, op: 'resume', data: script }]);
    fs.mkdir('/tmp', { recursive: true });
    fs.writeFile('/tmp/ready', '');
    expect(resumeScript(script, c)).toMatchObject({ exitAfterMs: 0, exitCode: 0, actions: [{ at: 0, op: 'log', data: 'ready' }] });
    // A file this plan writes is not there yet when it is planned: the test waits for the write.
    const fresh = { ...ctx, fs: () => new MemoryFs() };
    expect(interpret('touch /tmp/x; [ -f /tmp/x ] && echo yes', fresh).actions).toEqual([
      { at: 0, op: 'write', path: '/tmp/x', data: '', append: true },
      { at: 0, op: 'resume', data: '[ -f /tmp/x ] && echo yes' },
    ]);
    expect(interpret('[ -f /tmp/x', fresh)).toMatchObject({ exitCode: 2, actions: [{ op: 'log', data: 'sh: missing ]' }] });
  });

  it('never plans the same instant for ever: a loop writing and testing files without a sleep spins until killed', () => {
    const fs = new MemoryFs();
    const c = { ...ctx, fs: () => fs };
    expect(runThrough('touch /x; while true; do touch /x; [ -f /x ] && echo y; done', c)).toMatchObject({ forever: true });
    expect(runThrough('mkdir /d; [ -d /d ] && echo made', c)).toMatchObject({ exit: { at: 0, code: 0 }, actions: [{ op: 'mkdir' }, { op: 'log', data: 'made' }] });
  });

  it('fails with 127 for a program the image lacks', () => {
    const r = interpret('curl http://x', ctx);
    expect(r.exitCode).toBe(127);
    expect(r.actions).toEqual([{ at: 0, op: 'log', data: 'sh: curl: not found' }]);
  });

  it('prints the date as busybox does, at the time the script reaches it (coreutils/date.c default format)', () => {
    expect(runThrough('date; sleep 5; date +%H:%M:%S', { ...ctx, now: Date.UTC(2026, 0, 1, 0, 0, 2) }).actions).toEqual([
      { at: 0, op: 'log', data: 'Thu Jan  1 00:00:02 UTC 2026' },
      { at: 5000, op: 'log', data: '00:00:07' },
    ]);
  });
});

describe("a script's variables, arithmetic, for and if (ash: XCU 2.9.4, bash-compatible $((...)))", () => {
  const at0 = { ...ctx, now: Date.UTC(2026, 0, 1), programs: [...ctx.programs, 'seq'] };

  it("runs the Kubernetes docs' counter (logging.md): a variable kept across the sleeps, $((i+1)) and $(date)", () => {
    // kubernetes/website content/en/examples/debug/counter-pod.yaml
    const { actions, exit } = runThrough('i=0; while true; do echo "$i: $(date)"; i=$((i+1)); sleep 1; done', at0, 3_000);
    expect(exit).toBeUndefined();
    expect(actions.map((a) => [a.at, a.data])).toEqual([
      [0, '0: Thu Jan  1 00:00:00 UTC 2026'],
      [1000, '1: Thu Jan  1 00:00:01 UTC 2026'],
      [2000, '2: Thu Jan  1 00:00:02 UTC 2026'],
      [3000, '3: Thu Jan  1 00:00:03 UTC 2026'],
    ]);
  });

  it('runs a for loop over words, $(seq N) and variables, pass by pass once a pass takes time', () => {
    expect(runThrough('for i in 1 2 3; do echo "n=$i"; done; echo after $i', ctx).actions.map((a) => a.data)).toEqual(['n=1', 'n=2', 'n=3', 'after 3']);
    const slow = runThrough('for f in "a b" c; do echo "$f"; sleep 2; done; echo done', at0);
    expect(slow.actions.map((a) => [a.at, a.data])).toEqual([[0, 'a b'], [2000, 'c'], [4000, 'done']]);
    expect(slow.exit).toEqual({ at: 4000, code: 0 });
    // The rest after the first pass carries the words still to go, quoted so they read back the same.
    expect(interpret('for f in "a b" c; do echo "$f"; sleep 2; done', at0).actions.at(-1)).toMatchObject({ op: 'resume', data: "for f in c; do echo \"$f\"; sleep 2; done" });
    expect(runThrough('for i in $(seq 3); do echo $((i * 10)); done', at0).actions.map((a) => a.data)).toEqual(['10', '20', '30']);
    expect(runThrough('n=2; for i in $(seq $n); do echo $i; done', at0).actions.map((a) => a.data)).toEqual(['1', '2']);
  });

  it('takes the first if/elif branch whose condition holds, else the else branch; status 0 when none ran', () => {
    const fs = new MemoryFs();
    fs.writeFile('/ready', 'yes');
    const c = { ...ctx, fs: () => fs };
    const pick = (script: string) => runThrough(script, c).actions.map((a) => a.data);
    expect(pick('if [ -f /ready ]; then echo ready; else echo waiting; fi')).toEqual(['ready']);
    expect(pick('if [ -f /nope ]; then echo a; elif [ -f /ready ]; then echo b; else echo c; fi; echo end')).toEqual(['b', 'end']);
    // No branch ran: status 0, so && goes on, and the container ends with 0.
    expect(pick('if false; then echo a; fi && echo ok')).toEqual(['ok']);
    expect(runThrough('if [ -f /nope ]; then exit 3; fi', c).exit?.code).toBe(0);
    expect(runThrough('if [ -f /ready ]; then false; fi', c).exit?.code).toBe(1);
  });

  it('sleeps inside an if branch inside a loop, resuming with the rest of the branch, the loop and what follows', () => {
    const { actions, exit } = runThrough('for i in 1 2; do if [ $i = 1 ]; then echo one; sleep 1; echo still one; else echo two; fi; done; echo end', at0);
    expect(actions.map((a) => [a.at, a.data])).toEqual([[0, 'one'], [1000, 'still one'], [1000, 'two'], [1000, 'end']]);
    expect(exit?.code).toBe(0);
  });

  it('reads for/if with do, then, else and fi on lines of their own, as a manifest\'s block scalar has them', () => {
    const script = 'for i in 1 2\ndo\n  if [ "$i" = 2 ]\n  then\n    echo two\n  else\n    echo other\n  fi\ndone\n';
    expect(runThrough(script, ctx).actions.map((a) => a.data)).toEqual(['other', 'two']);
  });

  it("expands sh's parameter forms: a StatefulSet Pod reads its ordinal with ${HOSTNAME##*-}", () => {
    const c = { ...ctx, hostname: 'web-12', env: { ...ctx.env, HOSTNAME: 'web-12', EMPTY: '' } };
    expect(runThrough('ordinal=${HOSTNAME##*-}; if [ "$ordinal" -eq 0 ]; then echo primary; else echo "replica of ${HOSTNAME%-*}-0 (#$ordinal)"; fi', c).actions.map((a) => a.data)).toEqual(['replica of web-0 (#12)']);
    expect(runThrough('echo "${NOPE:-dflt} ${EMPTY:-e} ${EMPTY-set} ${GREETING:+alt} ${NOPE+x}|"', c).actions.map((a) => a.data)).toEqual(['dflt e  alt |']);
    expect(runThrough('f=/data/log.tar.gz; echo ${f#*.} ${f##*.} ${f%.*} ${f%%.*}', c).actions.map((a) => a.data)).toEqual(['tar.gz gz /data/log.tar /data/log']);
  });

  it('takes the first case clause whose pattern matches, on one line or many, and resumes inside one', () => {
    const c = { ...at0, hostname: 'web-2', env: { ...ctx.env, HOSTNAME: 'web-2' } };
    const pick = (script: string) => runThrough(script, c).actions.map((a) => [a.at, a.data]);
    expect(pick('case "$HOSTNAME" in *-0) echo primary;; *-1|*-2) echo replica; echo "of web-0";; *) echo other;; esac; echo done')).toEqual([[0, 'replica'], [0, 'of web-0'], [0, 'done']]);
    expect(pick('case x in\n  a)\n    echo a\n    ;;\n  (*)\n    echo "any $?"\n    ;;\nesac')).toEqual([[0, 'any 0']]);
    expect(pick('case $HOSTNAME in web-2) sleep 2; echo later;; esac; echo end')).toEqual([[2000, 'later'], [2000, 'end']]);
    expect(pick('case zzz in a) echo a;; esac; echo "status $?"')).toEqual([[0, 'status 0']]);
    expect(runThrough('case x in a) echo a;;', c)).toMatchObject({ actions: [{ data: 'sh: syntax error: unexpected end of file (expecting "esac")' }], exit: { code: 2 } });
  });

  // What ash prints for these (XCU 2.13.1: a quoted character in a pattern matches itself).
  it('matches quoted parts of a case pattern as they are, and the rest as a pattern', () => {
    const lines = (script: string) => runThrough(script, ctx).actions.map((a) => a.data);
    expect(lines('x=z; case $x in "*") echo star;; *) echo other;; esac')).toEqual(['other']);
    expect(lines('x="*"; case $x in "*") echo star;; esac; case $x in \\*) echo escaped;; esac')).toEqual(['star', 'escaped']);
    expect(lines('case "a b" in "a b") echo spaced;; esac; case "a)b" in "a)b") echo paren;; esac; case "x|y" in \'x|y\') echo bar;; x) echo x;; esac')).toEqual(['spaced', 'paren', 'bar']);
    expect(lines('p="we*"; case web-0 in $p) echo unquoted;; esac; case web-0 in "$p") echo quoted;; *) echo literal;; esac; case web-0 in "we"*) echo mixed;; esac')).toEqual(['unquoted', 'literal', 'mixed']);
  });

  it('leaves a loop at break and skips a pass at continue, also when the loop counts without sleeping', () => {
    expect(runThrough('i=0; while true; do i=$((i+1)); if [ $i -ge 3 ]; then break; fi; echo $i; done; echo "end $?"', ctx).actions.map((a) => a.data)).toEqual(['1', '2', 'end 0']);
    expect(runThrough('for i in 1 2 3; do if [ $i = 2 ]; then continue; fi; echo $i; done', ctx).actions.map((a) => a.data)).toEqual(['1', '3']);
    // A loop that counts for ever without sleeping still spins (up to MAX_PASSES passes), and
    // one that changes nothing is caught at its second pass.
    expect(interpret('i=0; while true; do i=$((i+1)); done', ctx).forever).toBe(true);
    expect(interpret('while true; do echo tick; done', ctx)).toMatchObject({ forever: true, actions: [{ data: 'tick' }] });
  });

  it('breaks out of a loop from the rest of its body that a resume step carried', () => {
    const { actions, exit } = runThrough('i=0; while true; do sleep 1; i=$((i+1)); if [ $i = 2 ]; then break; fi; echo "pass $i"; done; echo end', at0);
    expect(actions.map((a) => [a.at, a.data])).toEqual([[1000, 'pass 1'], [2000, 'end']]);
    expect(exit).toEqual({ at: 2000, code: 0 });
    const cont = runThrough('for i in 1 2 3; do sleep 1; if [ $i = 2 ]; then continue; fi; echo "got $i"; done; echo end', at0);
    expect(cont.actions.map((a) => [a.at, a.data])).toEqual([[1000, 'got 1'], [3000, 'got 3'], [3000, 'end']]);
  });

  // The expected lines are what busybox ash prints (shell/ash.c breakcmd: skipcount N, cut to
  // loopnest; `Illegal number` for N below 1 or not a number).
  it('leaves N loops at break N and goes on with the N-th at continue N, also from the rest of a body a resume step carried', () => {
    const lines = (script: string, c = ctx) => runThrough(script, c).actions.map((a) => a.data);
    expect(lines('for i in 1 2 3; do for j in a b c; do if [ $j = b ]; then break 2; fi; echo $i$j; done; echo never; done; echo "end $?"')).toEqual(['1a', 'end 0']);
    expect(lines('for i in 1 2 3; do for j in a b c; do if [ $j = b ]; then continue 2; fi; echo $i$j; done; echo never; done; echo end')).toEqual(['1a', '2a', '3a', 'end']);
    expect(lines('i=0; while true; do i=$((i+1)); for j in a b; do if [ $i = 3 ]; then break 2; fi; done; echo $i; done; echo end$i')).toEqual(['1', '2', 'end3']);
    // More levels than loops: ash leaves the loops it is in, and the loop after them still runs.
    expect(lines('for i in 1 2; do break 5; done; for k in x y; do echo $k; done')).toEqual(['x', 'y']);
    // Outside any loop break does nothing, even with a loop after it.
    expect(lines('break; echo on; for k in x; do echo $k; done')).toEqual(['on', 'x']);
    // The same with the clock moving inside the inner loop: the rest runs from resume steps.
    const slow = runThrough('for i in 1 2 3; do for j in a b c; do sleep 1; if [ $j = b ]; then break 2; fi; echo $i$j; done; done; echo end', at0);
    expect(slow.actions.map((a) => [a.at, a.data])).toEqual([[1000, '1a'], [2000, 'end']]);
    const slowCont = runThrough('for i in 1 2; do for j in a b c; do sleep 1; if [ $j = b ]; then continue 2; fi; echo $i$j; done; echo never; done; echo end', at0);
    expect(slowCont.actions.map((a) => [a.at, a.data])).toEqual([[1000, '1a'], [3000, '2a'], [4000, 'end']]);
  });

  it("breaks out of a for loop's last pass after the clock moved, and keeps the status its last pass left", () => {
    const pairs = (script: string) => runThrough(script, at0).actions.map((a) => [a.at, a.data]);
    expect(pairs('for i in 1 2; do sleep 1; if [ $i = 2 ]; then break; fi; echo "got $i"; done; echo end')).toEqual([[1000, 'got 1'], [2000, 'end']]);
    expect(pairs('for i in 1 2; do sleep 1; if [ $i = 2 ]; then continue; fi; echo "got $i"; done; echo end')).toEqual([[1000, 'got 1'], [2000, 'end']]);
    expect(pairs('for i in 1 2; do sleep 1; [ $i = 1 ]; done; echo "status $?"')).toEqual([[2000, 'status 1']]);
  });

  it('stops the script with status 2 at break 0 or break with a word', () => {
    expect(runThrough('for i in 1 2; do echo $i; break 0; done; echo after', ctx)).toMatchObject({ actions: [{ data: '1' }, { data: 'sh: break: Illegal number: 0' }], exit: { code: 2 } });
    expect(runThrough('while true; do continue x; done', ctx)).toMatchObject({ actions: [{ data: 'sh: continue: Illegal number: x' }], exit: { code: 2 } });
  });

  it('fails with status 2 on a loop that never reaches done, or an if that never reaches fi', () => {
    expect(runThrough('for i in 1 2; do echo $i', ctx)).toMatchObject({ actions: [{ data: 'sh: syntax error: unexpected end of file (expecting "done")' }], exit: { code: 2 } });
    expect(runThrough('if true; then echo a', ctx)).toMatchObject({ actions: [{ data: 'sh: syntax error: unexpected end of file (expecting "fi")' }], exit: { code: 2 } });
  });
});

describe("a script's cat and ls over the container's files (busybox coreutils), and lines left open", () => {
  const fs = new MemoryFs();
  fs.mkdir('/run/secrets', { recursive: true });
  fs.writeFile('/run/secrets/namespace', 'shop');
  fs.writeFile('/run/secrets/token', 'x');
  fs.writeFile('/run/secrets/.hidden', 'x');
  const c = { ...ctx, programs: [...ctx.programs, 'ls'], fs: () => fs };
  const lines = (script: string) => runThrough(script, c).actions.map((a) => a.data);

  it('cats files, lists a directory one name a line without dot files, and says so for what is missing (status 1)', () => {
    expect(lines('cat /run/secrets/namespace; echo; ls /run/secrets')).toEqual(['shop', 'namespace', 'token']);
    expect(runThrough('cat /nope', c)).toMatchObject({ actions: [{ data: "cat: can't open '/nope': No such file or directory" }], exit: { code: 1 } });
    expect(runThrough('ls /nope', c)).toMatchObject({ actions: [{ data: 'ls: /nope: No such file or directory' }], exit: { code: 1 } });
  });

  it('expands $? to the status of the last command', () => {
    expect(lines('cat /nope 2>/dev/null; echo "status $?"; true; echo "now ${?}"')).toEqual(['status 1', 'now 0']);
  });

  it('logs a line only once it ends: echo -n then echo is one line; an open last line is logged at the end', () => {
    expect(lines('echo -n "a "; echo b; echo -n c')).toEqual(['a b', 'c']);
  });
});

describe("a script's and-or lists and the programs the kubelet runs for it", () => {
  it('runs what follows && only after success and what follows || only after failure; a skipped command keeps the status (sh and-or lists)', () => {
    const logs = (script: string) => interpret(script, ctx).actions.map((a) => a.data);
    expect(logs('false && echo a || echo b')).toEqual(['b']);
    expect(logs('true || echo a && echo b')).toEqual(['b']);
    expect(logs('false && echo a; echo c')).toEqual(['c']);
    expect(interpret('false && echo a', ctx).exitCode).toBe(1);
    expect(interpret('true || false', ctx).exitCode).toBe(0);
  });

  // A stand-in for the kubelet's runner: `net` prints a line on stdout, waits `wait` ms, then one
  // on stderr, and exits with `code`; any other program is not one the kubelet runs.
  const net = { ...ctx, programs: [...ctx.programs, 'net', 'other'] };
  const runner = (argv: string[]) => {
    if (argv[0] !== 'net') return undefined;
    const [, out, wait, err, code] = argv;
    return {
      output: [
        { stream: 'stdout' as const, text: out.replace(/\\n/g, '\n'), at: 0 },
        ...(err ? [{ stream: 'stderr' as const, text: `${err}\n`, at: Number(wait) }] : []),
      ],
      code: Number(code ?? 0),
      ms: Number(wait),
    };
  };

  it("logs a program's lines at the time it printed them and adds its wait to the script's clock", () => {
    const r = interpret('net "one\\ntwo\\n" 3000 late 1; echo after', { ...net, run: runner });
    expect(r.actions).toEqual([
      { at: 0, op: 'log', data: 'one' },
      { at: 0, op: 'log', data: 'two' },
      { at: 3000, op: 'log', data: 'late' },
      // After the wait the rest is planned when the script gets there.
      { at: 3000, op: 'resume', data: 'echo after' },
    ]);
    expect(runThrough('net "one\\ntwo\\n" 3000 late 1; echo after', { ...net, run: runner })).toMatchObject({
      actions: [{ data: 'one' }, { data: 'two' }, { data: 'late' }, { at: 3000, op: 'log', data: 'after' }],
      exit: { at: 3000, code: 0 },
    });
  });

  it("ends the container with the program's status when it is the last command", () => {
    expect(interpret('net x 0 oops 1', { ...net, run: runner }).exitCode).toBe(1);
    expect(planProcess(lookupImage('busybox')!, ['net', 'x', '0', 'oops', '1'], { ...net, run: runner })).toMatchObject({ exitCode: 1, exitAfterMs: 10 });
  });

  it('sends its stdout to the file of a redirect, its stderr still to the log', () => {
    const r = interpret('net "page\\n" 0 note > /tmp/out', { ...net, run: runner });
    expect(r.actions).toEqual([
      { at: 0, op: 'write', path: '/tmp/out', data: 'page\n', append: false },
      { at: 0, op: 'log', data: 'note' },
    ]);
  });

  it('opens (truncates) the file when the statement starts, and writes what comes after a wait at its time', () => {
    const r = interpret('net "" 5000 late 1 > /tmp/out 2>&1', { ...net, run: runner });
    expect(r.actions).toEqual([
      { at: 0, op: 'write', path: '/tmp/out', data: '', append: false },
      { at: 5000, op: 'write', path: '/tmp/out', data: 'late\n', append: true },
    ]);
  });

  it('applies 2>, 2>&1, >&2, &> and /dev/null left to right as sh does', () => {
    const actions = (script: string) => interpret(script, { ...net, run: runner }).actions;
    expect(actions('net "out\\n" 0 err 2>/dev/null')).toEqual([{ at: 0, op: 'log', data: 'out' }]);
    expect(actions('net "out\\n" 0 err >/dev/null')).toEqual([{ at: 0, op: 'log', data: 'err' }]);
    expect(actions('net "out\\n" 0 err > /dev/null 2>&1')).toEqual([]);
    // 2>&1 first: stderr goes where stdout went then (the log), stdout then to /dev/null.
    expect(actions('net "out\\n" 0 err 2>&1 >/dev/null')).toEqual([{ at: 0, op: 'log', data: 'err' }]);
    expect(actions('net "out\\n" 0 err &> /tmp/both')).toEqual([
      { at: 0, op: 'write', path: '/tmp/both', data: 'out\n', append: false },
      { at: 0, op: 'write', path: '/tmp/both', data: 'err\n', append: true },
    ]);
    expect(actions('echo hi >&2; echo quiet > /dev/null; nosuch 2>/dev/null')).toEqual([{ at: 0, op: 'log', data: 'hi' }]);
    expect(actions('echo a >> /f; echo b 1>/g')).toEqual([
      { at: 0, op: 'write', path: '/f', data: 'a\n', append: true },
      { at: 0, op: 'write', path: '/g', data: 'b\n', append: false },
    ]);
  });

  it('logs a last line without a newline when the program ends', () => {
    const r = interpret('net "a\\nno newline" 2000', { ...net, run: runner });
    expect(r.actions).toEqual([
      { at: 0, op: 'log', data: 'a' },
      { at: 2000, op: 'log', data: 'no newline' },
    ]);
  });

  it('waits in `until PROGRAM` for the program to succeed, asking it again at each pass (its answer then)', () => {
    // `net` fails until the clock reaches 7 s: the loop's condition sees it at the time of each pass.
    const timed = (c: ProcessContext) => (argv: string[]) => (argv[0] === 'net' ? { output: [], code: (c.now ?? 0) >= 7000 ? 0 : 1, ms: 0 } : undefined);
    const base: ProcessContext = { ...net, now: 0 };
    const plan = (script: string, c: ProcessContext) => interpret(script, { ...c, run: timed(c) });
    const script = 'until net; do echo waiting; sleep 2; done; echo up';
    const times: number[] = [];
    let r = plan(script, base);
    let at = 0;
    for (let i = 0; i < 10 && r.actions.at(-1)?.op === 'resume'; i++) {
      for (const a of r.actions) if (a.op === 'log') times.push(at + a.at);
      at += r.actions.at(-1)!.at;
      r = plan(r.actions.at(-1)!.data!, { ...base, now: at });
    }
    expect(times).toEqual([0, 2000, 4000, 6000]);
    expect(r).toMatchObject({ ms: 0, exitCode: 0, actions: [{ at: 0, op: 'log', data: 'up' }] });
    expect(at).toBe(8000);
  });

  it('logs at most 1,000 lines from one plan (what the kubelet keeps of a log)', () => {
    const many = (argv: string[]) => (argv[0] === 'net' ? { output: [{ stream: 'stdout' as const, text: 'x\n'.repeat(1500), at: 0 }], code: 0, ms: 0 } : undefined);
    expect(interpret('net', { ...net, run: many }).actions).toHaveLength(1000);
  });

  it("leaves any other program of the image as it was: exit 0 without output", () => {
    expect(interpret('other x || echo failed', { ...net, run: runner })).toMatchObject({ exitCode: 0, actions: [] });
  });
});
