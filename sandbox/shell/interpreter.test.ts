import { describe, expect, it } from 'vitest';
import { runLines, testSession } from './testing.ts';

async function sh(script: string, opts: Parameters<typeof testSession>[0] = {}) {
  const t = testSession(opts);
  for (const line of script.split('\n')) await t.session.run(line);
  return t.out();
}

describe('the learner shell', () => {
  it('honours quotes, escapes and variables', async () => {
    expect(await sh(`X="a  b"; echo $X "$X" '$X' \\$X "\\"q\\""`)).toBe('a b a  b $X $X "q"\n');
  });

  it('expands ${VAR:-default}, $? and arithmetic', async () => {
    expect(await sh('echo ${NOPE:-dflt} $((6 * 7)); false; echo $?')).toBe('dflt 42\n1\n');
  });

  it("lists the learner's files as the learner's, not root's (GNU ls -l)", async () => {
    const t = testSession();
    await t.session.run('echo hi > f.txt');
    await t.session.run('ls -l f.txt');
    expect(t.out()).toMatch(/^-rw-r--r-- 1 learner learner 3 \w{3} [ \d]\d \d\d:\d\d f\.txt\n$/);
  });

  it("expands bash's parameter operators: # ## % %% / // /# /% :offset:length ^^ ,, :+ :? and words with blanks", async () => {
    expect(await sh('x=web-0.nginx; echo ${x#web-} ${x%.*} ${x##*.} ${x%%-*} ${x/web/db} ${x:0:3} ${x: -5} ${x:1:-6} ${x^^}')).toBe('0.nginx web-0 nginx web db-0.nginx web nginx eb-0 WEB-0.NGINX\n');
    expect(await sh('p=a.b.c; echo ${p//./-} ${p/#a/A} ${p/%c/C} ${p#*.} ${p##*.}; y=Hello; echo ${y,,} ${y^}')).toBe('a-b-c A.b.c a.b.C b.c c\nhello Hello\n');
    expect(await sh('f="my file.txt"; echo "${f% *}|${f#"my "}|${nope:-a  b}|${f:+set}|${nope:+set}|"')).toBe('my|file.txt|a  b|set||\n');
  });

  it('fails ${x:?message} and bad offsets as bash words them', async () => {
    expect(await sh('echo ${nope:?is not set}')).toBe('bash: nope: is not set\n');
    expect(await sh('echo ${nope:?}')).toBe('bash: nope: parameter null or not set\n');
    expect(await sh('x=abc; echo ${x:2:-3}')).toBe('bash: -3: substring expression < 0\n');
  });

  it('runs for ((;;)) and (( )) with bash arithmetic: ++, op=, ?:, bit operators, base#digits', async () => {
    expect(await sh('for ((i=0; i<3; i++)); do echo -n $i; done; echo')).toBe('012\n');
    expect(await sh('x=1; ((x++)); ((x += 2)); echo $x; ((0)); echo $?; ((x > 3)); echo $?')).toBe('4\n1\n0\n');
    expect(await sh('echo $((1 ? 2 : 3)) $((5 & 3)) $((5 | 2)) $((5 ^ 1)) $((1 << 4)) $((~0)) $((2#101)) $((a = 7, a * 2))')).toBe('2 1 7 4 16 -1 5 14\n');
    expect(await sh('((1/0)); echo $?')).toBe('bash: ((: 1/0: division by 0 (error token is "0")\n1\n');
  });

  it('leaves loops with break and continue, N levels up; outside a loop they only complain', async () => {
    expect(await sh('for i in 1 2 3 4; do [ $i = 2 ] && continue; [ $i = 4 ] && break; echo $i; done')).toBe('1\n3\n');
    expect(await sh('for a in x y; do while true; do echo $a; break 2; done; done; echo end')).toBe('x\nend\n');
    expect(await sh('break; echo $?')).toBe("bash: break: only meaningful in a `for', `while', or `until' loop\n0\n");
  });

  it('computes ** (right to left, under unary minus) and hex and octal constants as bash does', async () => {
    expect(await sh('echo $((2**10)) $((-2**2)) $((2**3**2)) $((3*2**2)) $((0x1f)) $((010))')).toBe('1024 4 512 12 31 8\n');
  });

  it("words arithmetic errors as bash's evalerror: the expression, then the text from the failing token", async () => {
    expect(await sh('echo $((5/0+1))')).toBe('bash: 5/0+1: division by 0 (error token is "0+1")\n');
    expect(await sh('echo $((2**-1))')).toBe('bash: 2**-1: exponent less than 0 (error token is "1")\n');
    expect(await sh('echo $((08))')).toBe('bash: 08: value too great for base (error token is "08")\n');
  });

  it('runs command substitution and splits its output into words', async () => {
    expect(await sh('for w in $(echo "a b"; echo c); do echo "<$w>"; done')).toBe('<a>\n<b>\n<c>\n');
  });

  it('pipes through grep -i -v -c -E, head, tail, wc -l and sort', async () => {
    const t = testSession();
    await t.session.run(`cat <<EOF > f.txt\nweb-2 Running\nweb-0 Pending\nWEB-1 Running\nother x\nEOF`);
    await t.session.run('cat f.txt | grep -i web | grep -v Pending | sort');
    await t.session.run('grep -c -E "web-(0|2)" f.txt');
    await t.session.run('cat f.txt | head -n 2 | tail -1');
    await t.session.run('cat f.txt | wc -l');
    expect(t.out()).toContain('WEB-1 Running\nweb-2 Running\n2\nweb-0 Pending\n4\n');
  });

  it('keeps a last line without its newline as it is in head and tail (GNU coreutils 9.1, checked here)', async () => {
    // printf 'a\nb' | tail -n1 prints "b" with no newline; head -n1 prints "a\n".
    expect(await sh("printf 'a\\nb' | tail -n1; echo '|'")).toBe('b|\n');
    expect(await sh("printf 'a\\nb' | tail -n +2; echo '|'")).toBe('b|\n');
    expect(await sh("printf 'a\\nb' | head -n5; echo '|'")).toBe('a\nb|\n');
    expect(await sh("printf 'a\\nb' | head -n1; echo '|'")).toBe('a\n|\n');
    expect(await sh("printf 'a\\nb\\n' | tail -n1; echo '|'")).toBe('b\n|\n');
  });

  it('redirects with > >> < and 2>&1', async () => {
    const out = await sh('echo one > o.txt\necho two >> o.txt\nwc -l < o.txt\nnope 2>&1 | grep -c "command not found"\ncat missing 2>/dev/null || echo gone');
    expect(out).toBe('2\n1\ngone\n');
  });

  it('creates a file from a quoted here-document without expanding it', async () => {
    const t = testSession();
    await t.transcript(`cat <<'EOF' > web.yaml\napiVersion: apps/v1\nimage: $IMAGE\nEOF`);
    expect(t.session.fs.readFile('/home/learner/web.yaml')).toBe('apiVersion: apps/v1\nimage: $IMAGE\n');
  });

  it('runs the tutorial loop over kubectl exec', async () => {
    expect(await sh(`for i in 0 1; do kubectl exec "web-$i" -- sh -c 'hostname'; done`)).toBe('web-0\nweb-1\n');
  });

  it('runs while loops, if and && / ||', async () => {
    expect(await sh('i=0; while [ $i -lt 3 ]; do echo $i; i=$((i+1)); done; if [ $i = 3 ]; then echo three; else echo no; fi; false && echo x || echo y')).toBe(
      '0\n1\n2\nthree\ny\n',
    );
  });

  // bash 5.2's output for each line (execute_case_command: the first matching clause, quoted
  // parts of a pattern literal, status 0 when none matched).
  it('runs case: the first clause whose pattern matches, with globs, | and quoting', async () => {
    expect(await sh('for h in web-0 web-1 db-0; do case $h in *-0) echo "$h first";; web-[1-9]|web-1?) echo "$h later";; esac; done')).toBe('web-0 first\nweb-1 later\ndb-0 first\n');
    expect(await sh('x=z; case $x in "*") echo star;; *) echo other;; esac; case "a b" in "a b") echo spaced;; esac')).toBe('other\nspaced\n');
    expect(await sh('p="w*"; case web in $p) echo glob;; esac; case web in "$p") echo literal;; *) echo none;; esac')).toBe('glob\nnone\n');
    expect(await sh('case x in y) echo y;; esac; echo "status $?"; case x in x) false;; esac; echo "status $?"')).toBe('status 0\nstatus 1\n');
  });

  it('names keywords and aliases with type as bash does, before builtins and files', async () => {
    expect(await sh("type case if\nalias k=kubectl\ntype k echo")).toBe("case is a shell keyword\nif is a shell keyword\nk is aliased to `kubectl'\necho is a shell builtin\n");
  });

  it('gives <(list) as a file that holds what the list printed, /dev/fd/63 first, gone when the command ends', async () => {
    expect(await sh('cat <(echo one; echo two) <(echo three); echo <(true) <(true)')).toBe('one\ntwo\nthree\n/dev/fd/63 /dev/fd/62\n');
    expect(await sh('wc -l < <(seq 5); cat <(echo a) <(cat <(echo b))')).toBe('5\na\nb\n');
    expect(await sh('echo <(true) > name.txt; cat $(cat name.txt)')).toBe('cat: /dev/fd/63: No such file or directory\n');
  });

  // builtins/complete.def: print_one_completion's order, its messages, and builtin_usage.
  it('keeps, prints and removes completion specifications with complete, as bash words them', async () => {
    expect(await sh('complete -F __start_kubectl -o default k; complete -W "a b" -o nospace -f x; complete; complete -p k')).toBe(
      "complete -o default -F __start_kubectl k\ncomplete -o nospace -f -W 'a b' x\ncomplete -o default -F __start_kubectl k\n",
    );
    expect(await sh('complete -p nope; echo $?; complete -r nope; complete -o bogus k; echo $?')).toBe(
      'bash: complete: nope: no completion specification\n1\nbash: complete: nope: no completion specification\nbash: complete: bogus: invalid option name\n2\n',
    );
    expect(await sh('complete -F f')).toMatch(/^complete: usage: complete \[-abcdefgjksuv\] \[-pr\]/);
  });

  it("has bash's own variables as Debian 12's bash 5.2 sets them: SHELL, BASH_VERSION, IFS", async () => {
    expect(await sh(`echo $SHELL $BASH_VERSION; printf '[%s]' "$IFS"`)).toBe('/bin/bash 5.2.15(1)-release\n[ \t\n]');
  });

  // bash 5.2 (subst.c word_split, XCU 2.6.5) prints these.
  it('splits unquoted expansions at IFS: white space runs, other characters one by one, nothing when IFS is empty', async () => {
    expect(await sh(`IFS=,; csv="web-0,web-1,,web-2"; for p in $csv; do echo "<$p>"; done`)).toBe('<web-0>\n<web-1>\n<>\n<web-2>\n');
    expect(await sh(`IFS=$'\\n'; for line in $(printf 'NAME READY\\nweb-0 1/1\\n'); do echo "line: $line"; done`)).toBe('line: NAME READY\nline: web-0 1/1\n');
    expect(await sh(`IFS=' :'; z=" a : b  c:"; for w in $z; do echo "($w)"; done; IFS=; y="a b"; for w in $y; do echo "{$w}"; done`)).toBe('(a)\n(b)\n(c)\n{a b}\n');
    expect(await sh(`IFS=,; unset IFS; x="p,q r"; for w in $x; do echo "[$w]"; done`)).toBe('[p,q]\n[r]\n');
  });

  it('answers an unknown command as bash does, with status 127', async () => {
    const t = testSession();
    expect(await t.session.run('foo --bar')).toBe(127);
    expect(t.out()).toBe('bash: foo: command not found\n');
  });

  it('keeps cd and export between command lines', async () => {
    expect(await sh('mkdir -p a/b; cd a/b\npwd\nexport X=1\necho $X')).toBe('/home/learner/a/b\n1\n');
  });

  it('prints a syntax error and carries on', async () => {
    const t = testSession();
    expect(await t.session.run('echo (')).toBe(2);
    expect(t.out()).toMatch(/^bash: syntax error near unexpected token/);
  });

  it('advances the cluster clock by 30 s on sleep 30', async () => {
    const t = testSession();
    const start = t.session.cluster.clock.now();
    await t.session.run('sleep 30');
    expect(t.session.cluster.clock.now() - start).toBe(30_000);
  });

  it('runs a background job, lists it and kills it', async () => {
    const t = testSession();
    await t.session.run('kubectl proxy &');
    await t.session.run('curl -s localhost:8001/api/v1/namespaces/default/pods');
    await t.session.run('jobs');
    await t.session.run('kill %1');
    await t.session.run('curl localhost:8001/api');
    expect(t.out()).toBe(
      '[1] 4242\nStarting to serve on 127.0.0.1:8001\n{"kind":"PodList","items":[]}\n[1]+  Running                 kubectl proxy &\n[1]+  Terminated              kubectl proxy\n' +
        "curl: (7) Failed to connect to localhost port 8001 after 0 ms: Couldn't connect to server\n",
    );
  });

  it('ends a watch after 10 s of quiet in a script', async () => {
    const t = testSession({ ticks: 2 });
    await t.session.run('kubectl get cm -w');
    expect(t.out()).toBe('tick-1 00:00:05\ntick-2 00:00:10\n');
    expect(new Date(t.session.cluster.clock.now()).toISOString().slice(11, 19)).toBe('00:00:20');
  });

  it('stops a watch on Ctrl-C in an interactive session', async () => {
    const t = testSession({ ticks: 5, interactive: true });
    const running = t.session.run('kubectl get cm -w');
    t.session.tick(6000);
    await new Promise((r) => setTimeout(r, 0));
    expect(t.session.busy).toBe(true);
    t.session.interrupt();
    expect(await running).toBe(0);
    expect(t.out()).toBe('tick-1 00:00:06\n');
    expect(t.session.busy).toBe(false);
  });

  it('prints the same transcript for the same script and seed', async () => {
    const script = 'kubectl get cm -w &\nsleep 12\necho $((1+1)) | wc -c\nkill %1\ndate';
    const a = await testSession({ ticks: 3, seed: 9 }).transcript(script);
    const b = await testSession({ ticks: 3, seed: 9 }).transcript(script);
    expect(a).toBe(b);
    expect(a).toContain('tick-2 00:00:10\n');
  });
});

describe('jq', () => {
  it('picks names out of a list as jq does', async () => {
    const t = testSession();
    await t.session.run(`echo '{"items":[{"metadata":{"name":"web-0"}},{"metadata":{"name":"web-1"}}]}' > pods.json`);
    await t.session.run(`cat pods.json | jq -r '.items[].metadata.name'`);
    await t.session.run(`jq '.items | length' pods.json`);
    await t.session.run(`jq -c '.items[] | select(.metadata.name == "web-1")' pods.json`);
    await t.session.run(`jq '.items[0].metadata' pods.json`);
    await t.session.run(`jq '.items[' pods.json`);
    expect(t.out()).toBe(
      'web-0\nweb-1\n2\n{"metadata":{"name":"web-1"}}\n{\n  "name": "web-0"\n}\n' +
        "jq: error: syntax error, unexpected end of file (Unix shell quoting issues?) at <top-level>, line 1:\n.items[\njq: 1 compile error\n",
    );
  });
});

describe('waiting in a script', () => {
  it('ends a wait after 10 s of quiet although node heartbeats and Lease renewals keep writing', async () => {
    const t = testSession({ heartbeats: true });
    const start = t.session.cluster.clock.now();
    expect(await t.session.services.nextChange(10_000)).toBe('quiet');
    expect(t.session.cluster.clock.now() - start).toBe(10_000);
    // Several quiet periods in a row: each renewal (every 10 s) must not wake the wait.
    for (let i = 0; i < 3; i++) expect(await t.session.services.nextChange(10_000)).toBe('quiet');
    expect(t.session.cluster.api.list('leases', 'kube-node-lease').items.length).toBe(2);
  });

  it('still counts a Lease write that changes more than renewTime (another holder)', async () => {
    const t = testSession({ heartbeats: true });
    await t.session.services.nextChange(10_000);
    const lease = t.session.cluster.api.get('leases', 'kube-node-lease', 'minikube');
    t.session.cluster.api.update('leases', 'kube-node-lease', { ...lease, spec: { ...lease.spec, holderIdentity: 'other' } });
    expect(await t.session.services.nextChange(10_000)).toBe('changed');
  });

  it('counts only writes to the resources a wait names', async () => {
    const t = testSession({ ticks: 1, heartbeats: true });
    expect(await t.session.services.nextChange(10_000, undefined, ['configmaps'])).toBe('changed');
    expect(await t.session.services.nextChange(10_000, undefined, ['pods'])).toBe('quiet');
  });
});

/** Lets an interactive session live through `n` steps of 5 s of real time (one test-cluster tick each). */
async function ticks(t: ReturnType<typeof testSession>, n: number): Promise<void> {
  for (let i = 0; i < n; i++) {
    t.session.tick(5000);
    await new Promise((r) => setTimeout(r, 0));
  }
}

describe('a watch piped into grep', () => {
  it('shows matching lines as they come; Ctrl-C ends grep too, with 128 + SIGINT', async () => {
    const t = testSession({ ticks: 5, interactive: true });
    const running = t.session.run('kubectl get cm -w | grep -v tick-2');
    await ticks(t, 3);
    expect(t.out()).toBe('tick-1 00:00:05\ntick-3 00:00:15\n');
    t.session.interrupt();
    expect(await running).toBe(130);
  });

  it('returns after `grep -m 1` found its line, at the watch\'s next write (SIGPIPE), without Ctrl-C', async () => {
    const t = testSession({ ticks: 5, interactive: true });
    let ended = false;
    const running = t.session.run('kubectl get cm -w | grep -m 1 tick-2').then((s) => ((ended = true), s));
    await ticks(t, 2);
    expect(t.out()).toBe('tick-2 00:00:10\n');
    // grep has exited; the watch goes on until it writes again (tick-3), and dies of the closed pipe.
    expect(ended).toBe(false);
    await ticks(t, 1);
    expect(await running).toBe(0);
    expect(t.out()).toBe('tick-2 00:00:10\n');
    expect(t.session.busy).toBe(false);
  });

  it('grep -q ends the same way, its status for &&', async () => {
    const t = testSession({ ticks: 5, interactive: true });
    const running = t.session.run('kubectl get cm -w | grep -q tick-1 && echo seen');
    await ticks(t, 2);
    expect(await running).toBe(0);
    expect(t.out()).toBe('seen\n');
  });
});

describe('a watch piped into head', () => {
  it('prints the first lines as they come and returns at the next one', async () => {
    const t = testSession({ ticks: 5, interactive: true });
    const running = t.session.run('kubectl get cm -w | head -n 2');
    await ticks(t, 2);
    expect(t.out()).toBe('tick-1 00:00:05\ntick-2 00:00:10\n');
    await ticks(t, 1);
    expect(await running).toBe(0);
    expect(t.out()).toBe('tick-1 00:00:05\ntick-2 00:00:10\n');
  });

  it('keeps a last line without a newline as it is', async () => {
    expect(await runLines(`printf 'a\\nb' | head -n 5; echo '|'`)).toBe('a\nb|\n');
    expect(await runLines(`printf 'a\\nb\\nc\\n' | head -2`)).toBe('a\nb\n');
  });
});

describe('a watch piped into awk', () => {
  it('runs END when the watch ends by itself (a script\'s watch ends after 10 s without a change)', async () => {
    const t = testSession({ ticks: 2 });
    expect(await t.session.run(`kubectl get cm -w | awk '{ print NR ": " $1 } END { print NR " lines" }'`)).toBe(0);
    expect(t.out()).toBe('1: tick-1\n2: tick-2\n2 lines\n');
  });

  it('dies with Ctrl-C before its END rules, as the whole pipe gets SIGINT', async () => {
    const t = testSession({ ticks: 5, interactive: true });
    const running = t.session.run(`kubectl get cm -w | awk '{ print NR ": " $1 } END { print NR " lines" }'`);
    await ticks(t, 2);
    t.session.interrupt();
    expect(await running).toBe(130);
    expect(t.out()).toBe('1: tick-1\n2: tick-2\n');
  });

  it('runs END at `exit` and returns with its status at the watch\'s next write', async () => {
    const t = testSession({ ticks: 5, interactive: true });
    const running = t.session.run(`kubectl get cm -w | awk 'NR == 2 { exit 3 } { print $2 } END { print "bye" }'`);
    await ticks(t, 2);
    expect(t.out()).toBe('00:00:05\nbye\n');
    await ticks(t, 1);
    expect(await running).toBe(3);
    expect(t.out()).toBe('00:00:05\nbye\n');
  });
});

describe('Ctrl-C on a pipe whose last stage needs all of its input', () => {
  it('prints nothing more: sort dies with the watch', async () => {
    const t = testSession({ ticks: 5, interactive: true });
    const running = t.session.run('kubectl get cm -w | sort -r; echo "status $?"');
    await ticks(t, 2);
    t.session.interrupt();
    expect(await running).toBe(130);
    // The list after the pipe is not run either: Ctrl-C ends the whole input line.
    expect(t.out()).toBe('');
  });
});

describe('arguments as kubectl receives them', () => {
  const argv = async (line: string) => {
    const t = testSession({ programs: { kubectl: async (io) => (io.stdout(JSON.stringify(io.argv.slice(1))), 0) } });
    await t.session.run(line);
    return JSON.parse(t.out());
  };

  it('keeps JSON patches and jsonpath expressions whole', async () => {
    expect(await argv(`kubectl patch sts web --type='json' -p='[{"op": "replace", "path": "/spec/replicas", "value":3}]'`)).toEqual([
      'patch', 'sts', 'web', '--type=json', '-p=[{"op": "replace", "path": "/spec/replicas", "value":3}]',
    ]);
    expect(await argv('kubectl get pods -o jsonpath={.items[*].metadata.name}')).toEqual(['get', 'pods', '-o', 'jsonpath={.items[*].metadata.name}']);
    expect(await argv(`kubectl get pod web-0 --template '{{.status.podIP}}'`)).toEqual(['get', 'pod', 'web-0', '--template', '{{.status.podIP}}']);
  });

  it('feeds a here-document to kubectl apply -f -', async () => {
    const t = testSession({ programs: { kubectl: async (io) => (io.stdout(io.stdin), 0) } });
    await t.transcript("kubectl apply -f - <<EOF\nkind: $KIND\nEOF\nKIND=Pod; cat <<EOF | kubectl apply -f -\nkind: $KIND\nEOF");
    expect(t.out()).toContain('> EOF\nkind: \n$ KIND=Pod');
    expect(t.out()).toMatch(/> EOF\nkind: Pod\n$/);
  });
});

describe('conveniences', () => {
  it('expands aliases such as k=kubectl', async () => {
    expect(await sh(`alias k=kubectl kx='kubectl exec'\nkx web-1 -- hostname\nk exec web-0 -- hostname\nalias k`)).toBe("web-1\nweb-0\nalias k='kubectl'\n");
  });

  it('formats with printf', async () => {
    expect(await sh(`printf '%s=%d\\n' a 1 b 2\nprintf '%-6s|%3s|\\n' ab c`)).toBe('a=1\nb=2\nab    |  c|\n');
  });

  it('sources a file of commands', async () => {
    expect(await sh(`echo 'X=from-file; echo sourced' > env.sh\nsource env.sh\necho $X`)).toBe('sourced\nfrom-file\n');
  });
});

describe('runaway loops', () => {
  it('stops nested loops that never let time pass, once', async () => {
    const out = await sh('while true; do while true; do :; done; done; echo after');
    expect(out).toBe("bash: loop stopped after 10000 passes (the simulator's limit)\nafter\n");
  });

  it('bounds a sleeping loop in a script', async () => {
    const t = testSession();
    expect(await t.session.run('while true; do sleep 1; done')).toBe(1);
    expect(t.session.services.now() - Date.UTC(2026, 0, 1)).toBe(10_000_000);
  });
});
