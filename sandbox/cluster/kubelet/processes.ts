// What runs inside a container: the image's own process (nginx, the kubia apps) or the command
// the pod gives it, read well enough to know when it exits, what it logs and what it writes,
// and how it reacts to SIGTERM. The shell it understands: sleep, echo/printf/cat/ls with
// redirects, exit, touch, mkdir, rm, test/[, `;` `&&` `||`, while/until/for loops with break [N]
// and continue [N], if, case (quoted parts of a pattern match as written), variables set by the
// script, `$?`, sh's parameter expansions, `$((...))`, `$(date)`/`$(hostname)`/`$(cat FILE)`/
// `$(seq N)` (its parse: script-parse.ts); the programs that ask the network (nslookup, wget)
// run for real when the kubelet gives a way to run them (ProcessContext.run); any other program
// of the image exits 0 without output. A script is planned up to where its clock moves (a
// sleep, a program's wait) and the rest at that time (a `resume` step), so it always acts on
// the cluster as it is when it gets there.
// What the images' servers answer over HTTP is in http-servers.ts.
import { MemoryFs, resolvePath, type FileSystem } from '../fs.ts';
import { fsErrorText } from './programs/fs-error-text.ts';
import type { ScriptStep } from './runtime-state.ts';
import { evalTest } from './test-expr.ts';
import type { ImageInfo } from './images.ts';
import type { ProgramResult } from './programs/run-program.ts';
import { strftime } from '../strftime.ts';
import { evalArith } from './arith.ts';
import { escapeRegex, globToRegex, stripPattern } from './glob.ts';
import { FOR_LOOP_END, forText, listText, parsed, quoted, seq, type Item, type ScriptNode } from './script-parse.ts';

/** busybox date's output without a format: "%a %b %e %H:%M:%S %Z %Y" (Thu Jan  1 00:00:05 UTC 2026). */
const BUSYBOX_DATE_FORMAT = '%a %b %e %H:%M:%S %Z %Y';

export interface ProcessPlan {
  kind: 'nginx' | 'kubia-pet' | 'kubia' | 'script';
  /** TCP port the process listens on. */
  port?: number;
  /** Milliseconds after start when it exits on its own; undefined: runs until killed. */
  exitAfterMs?: number;
  exitCode: number;
  /**
   * How long after SIGTERM (or the image's STOPSIGNAL) it exits, with code 0; undefined: it
   * ignores the signal (a shell or `sleep` as PID 1 has no handler) and is killed at the end of
   * the grace period with SIGKILL (exit code 137).
   */
  stopMs?: number;
  /** Lines it writes to stdout/stderr at start. */
  startLogs: string[];
  /** What a script does and when (ms after start): log lines, file writes, removals, and last a `resume` where planning stopped. */
  actions: ScriptAction[];
}

/**
 * One step of a script at `at`: a log line, a file written, removed or made, or `resume`: plan
 * the rest of the script (`data`, sh text) then, with the environment variables it reads (`env`).
 */
export type ScriptAction = ScriptStep;

export interface ProcessContext {
  hostname: string;
  env: Record<string, string>;
  /** `2026/01/01 00:00:05`, nginx's error-log clock. */
  logTime: string;
  /** When the process starts (virtual ms): a script's `date` reads the clock from there. */
  now?: number;
  programs: string[];
  stdinTty: boolean;
  /**
   * Runs a program of the image for real (the kubelet: nslookup and wget against the cluster,
   * programs/run-program.ts); undefined when it is not one it runs. Without it every program
   * of the image exits 0 without output.
   */
  run?(argv: string[]): ProgramResult | undefined;
  /** The container's files, for `[`/`test` and `$(cat FILE)` (the kubelet's mount view); without it, an empty one. */
  fs?(): FileSystem;
}

/** Docker's argv: `command` replaces the ENTRYPOINT, `args` the CMD. */
export function argvOf(info: ImageInfo, command?: string[], args?: string[]): string[] {
  if (command?.length) return [...command, ...(args ?? [])];
  switch (info.family) {
    case 'busybox':
      return args?.length ? args : ['sh'];
    case 'nginx':
    case 'nginx-slim':
      return args?.length ? args : ['nginx', '-g', 'daemon off;'];
    case 'kubia-pet':
    case 'kubia':
      return ['node', 'app.js', ...(args ?? [])];
  }
}

export function planProcess(info: ImageInfo, argv: string[], ctx: ProcessContext): ProcessPlan {
  const base = (argv[0] ?? '').split('/').pop() ?? '';
  if (base === 'nginx' && (info.family === 'nginx' || info.family === 'nginx-slim')) {
    // nginx's Dockerfile sets STOPSIGNAL SIGQUIT: a graceful shutdown, over in a moment.
    return { kind: 'nginx', port: 80, exitCode: 0, stopMs: 100, startLogs: nginxStartLogs(info, ctx), actions: [] };
  }
  if (base === 'node' && (info.family === 'kubia-pet' || info.family === 'kubia')) {
    // node as PID 1 without a SIGTERM handler ignores the signal: killed after the grace period.
    const startLogs = info.family === 'kubia' ? ['Kubia server starting...'] : [];
    return { kind: info.family, port: 8080, exitCode: 0, startLogs, actions: [] };
  }
  return runScript(argv, ctx);
}

function runScript(argv: string[], ctx: ProcessContext): ProcessPlan {
  const plan: ProcessPlan = { kind: 'script', exitCode: 0, startLogs: [], actions: [] };
  const base = (argv[0] ?? '').split('/').pop() ?? '';
  let script: string;
  if (base === 'sh' || base === 'bash' || base === 'ash') {
    const c = argv.indexOf('-c');
    if (c < 0) {
      // An interactive shell with no terminal reads EOF and exits 0, unless stdin and tty are kept open.
      if (ctx.stdinTty) return plan;
      plan.exitAfterMs = 10;
      return plan;
    }
    script = argv[c + 1] ?? '';
  } else {
    script = argv.map((a) => (/[\s;&|"']/.test(a) ? `'${a.replace(/'/g, `'\\''`)}'` : a)).join(' ');
  }
  const r = interpret(script, ctx);
  plan.actions = r.actions;
  plan.exitCode = r.exitCode;
  plan.exitAfterMs = r.forever || resumes(r) ? undefined : Math.max(10, r.ms);
  return plan;
}

/**
 * The rest of a script, planned when the script gets to it (a `resume` step at the end of a
 * sleep): `ctx.now` is that time, so its `date`, nslookup and wget see the cluster as it is then.
 * Its exit comes when its last statement ends (undefined: it runs on, or stops to resume again).
 */
export function resumeScript(script: string, ctx: ProcessContext): ProcessPlan {
  const r = interpret(script, ctx, true);
  return { kind: 'script', exitCode: r.exitCode, startLogs: [], actions: r.actions, exitAfterMs: r.forever || resumes(r) ? undefined : r.ms };
}

const resumes = (r: ScriptResult) => r.actions.at(-1)?.op === 'resume';

interface ScriptResult {
  ms: number;
  forever: boolean;
  exitCode: number;
  actions: ScriptAction[];
  /** What the shell's builtins printed to the log after its last newline: the line goes on. */
  partial?: string;
}

/**
 * Runs a shell script's statements in order, `while`/`until` loops included, and stops
 * planning once the script's clock has moved (a `sleep`, a program's wait) before the next
 * statement it runs: that statement and what follows are left to a `resume` step at that time,
 * so everything the script does is planned with the cluster as it is when the script does it.
 * It stops for good at `exit`, at `sleep infinity` or `tail -f`, and at a loop whose pass takes
 * no time (it would spin until killed: its first pass's output is kept once).
 */
export function interpret(script: string, ctx: ProcessContext, resumed = false): ScriptResult {
  const res: ScriptResult = { ms: 0, forever: false, exitCode: 0, actions: [] };
  new Planner(ctx, res, resumed).list(parsed(script), '', true, true);
  flushPartial(res, res.ms);
  return res;
}

/** Passes of a loop inside a loop's condition, where the planner cannot stop, before it counts as spinning. */
const MAX_PASSES = 1000;

/** What one plan may log: the kubelet keeps the last 1,000 lines of a container anyway. */
const MAX_PLAN_LINES = 1000;

class Planner {
  private readonly ctx: ProcessContext;
  private readonly res: ScriptResult;
  private fs?: FileSystem;
  /** How many loops the planner is in. */
  private depth = 0;
  /** The shell's variables: the container's environment, and what the script sets (`i=0`). */
  private readonly vars: Record<string, string>;
  /** The names the script has set: a `resume` step carries them all. */
  private readonly assigned = new Set<string>();
  /** This plan is the rest of a script that a `resume` step carried (see `list`'s `top`). */
  private readonly resumed: boolean;
  /**
   * The loops a `break N` or `continue N` on its way out still has to leave, this one included
   * (ash's skipcount): each loop it reaches uses one up, and the last acts on it.
   */
  private levels = 0;

  /** `resumed`: the rest of a script, whose environment is what the step before carried: all of it carries on. */
  constructor(ctx: ProcessContext, res: ScriptResult, resumed: boolean) {
    this.ctx = ctx;
    this.res = res;
    this.vars = { ...ctx.env };
    this.resumed = resumed;
    if (resumed) for (const name of Object.keys(ctx.env)) this.assigned.add(name);
  }

  /**
   * An and-or list (sh: `a && b || c`): after `&&` a command runs only if the last status is 0,
   * after `||` only if it is not; a command skipped leaves the status as it was. `then` is the
   * text of what the script does after this list, for a `resume` step; in a loop's condition
   * (`stops` false) the planner does not stop, as a resumed text could not carry on a condition.
   * `top`: the script's own list. In a resumed plan a `break N` or `continue N` with no loop
   * around it comes from the rest of a loop's body that a `resume` step carried, which is always
   * followed by that loop's text (FOR_LOOP_END for a `for` on its last pass) and then the rest
   * of the loops around it: it skips the N-th loop text after it (break) or goes on with it
   * (continue). (A loop written in that rest of the body after the `break` would be counted as
   * one of them.)
   */
  list(items: Item[], then: string, stops: boolean, top = false): Flow {
    let after = ';';
    for (let k = 0; k < items.length; k++) {
      const it = items[k];
      const skip = (after === '&&' && this.res.exitCode !== 0) || (after === '||' && this.res.exitCode === 0);
      after = it.sep;
      if (skip) continue;
      const rest = () => seq(listText(items.slice(k)), then);
      const following = () => seq(listText(items.slice(k + 1)), then);
      if (stops && this.mustStop(it.node)) return this.resume(rest());
      const node = it.node;
      const flow =
        node.kind === 'loop' ? this.loop(node, rest, stops)
        : node.kind === 'for' ? this.forLoop(node, following, stops)
        : node.kind === 'if' ? this.ifThen(node, following, stops)
        : node.kind === 'case' ? this.caseOf(node, following, stops)
        : this.simple(node.text);
      if ((flow === 'break' || flow === 'continue') && top && this.depth === 0) {
        // The N-th loop text after this statement, or the last one there is: ash never leaves
        // more loops than it is in.
        let j = -1;
        for (let i = k + 1, left = this.levels; i < items.length && left > 0; i++) {
          const n = items[i].node;
          if (n.kind === 'loop' || n.kind === 'for' || (n.kind === 'simple' && n.text.trim() === FOR_LOOP_END)) {
            j = i;
            left--;
          }
        }
        this.levels = 0;
        if (j < 0) continue;
        this.res.exitCode = 0;
        after = flow === 'break' ? items[j].sep : ';';
        k = flow === 'break' ? j : j - 1;
        continue;
      }
      if (flow !== 'next') return flow;
    }
    return 'next';
  }

  /**
   * `while`/`until` (XCU 2.9.4.5-6): the condition at the time the loop gets to it, then the
   * body; its status is the body's last, or 0 when the body never ran. `again` is the loop's
   * text with what follows it, where a pass that took time resumes.
   */
  private loop(loop: Extract<ScriptNode, { kind: 'loop' }>, again: () => string, stops: boolean): Flow {
    if (loop.unterminated) return this.forever();
    this.depth++;
    try {
      let status = 0;
      for (let pass = 0, start = 0, vars = ''; ; pass++) {
        if (pass > 0) {
          // A pass that took no time and changed no variable would spin for ever in virtual
          // time; one that counts (`i=$((i+1))`) goes on, up to MAX_PASSES.
          const spun = this.res.ms === start;
          if ((spun && (JSON.stringify(this.vars) === vars || pass > MAX_PASSES)) || (!stops && pass > MAX_PASSES)) return this.forever();
          if (!spun && stops) return this.resume(again());
        }
        start = this.res.ms;
        vars = JSON.stringify(this.vars);
        let flow = this.list(loop.cond, '', false);
        if (flow === 'break' || flow === 'continue') {
          if (!this.ownLevel()) return flow;
          if (flow === 'break') break;
          continue;
        }
        if (flow !== 'next') return flow;
        if ((this.res.exitCode === 0) === loop.until) {
          this.res.exitCode = status;
          return 'next';
        }
        flow = this.list(loop.body, stops ? again() : '', stops);
        if (flow === 'break' || flow === 'continue') {
          if (!this.ownLevel()) return flow;
          if (flow === 'break') break;
        } else if (flow !== 'next') return flow;
        status = this.res.exitCode;
      }
      // `break`: the loop's status is 0.
      this.res.exitCode = 0;
      return 'next';
    } finally {
      this.depth--;
    }
  }

  /**
   * `for NAME in WORDS` (XCU 2.9.4.3): the words expanded once, when the loop starts, then the
   * body for each; its status is the body's last, or 0 when there were no words. Once the clock
   * has moved, the next pass is left to a `resume` step with the words still to go.
   */
  private forLoop(node: Extract<ScriptNode, { kind: 'for' }>, after: () => string, stops: boolean): Flow {
    if (node.unterminated) return this.syntaxError('done');
    const words = node.items.trim() ? this.words(node.items) : [];
    this.depth++;
    try {
      let status = 0;
      for (let k = 0; k < words.length; k++) {
        const again = () => seq(k + 1 < words.length ? forText(node.name, words.slice(k + 1).map(quoted).join(' '), node.body) : FOR_LOOP_END, after());
        if (k > 0 && stops && this.res.ms > 0) return this.resume(seq(forText(node.name, words.slice(k).map(quoted).join(' '), node.body), after()));
        this.set(node.name, words[k]);
        const flow = this.list(node.body, stops ? again() : '', stops);
        if (flow === 'break' || flow === 'continue') {
          if (!this.ownLevel()) return flow;
          if (flow === 'break') {
            status = 0;
            break;
          }
        } else if (flow !== 'next') return flow;
        status = this.res.exitCode;
      }
      this.res.exitCode = status;
      return 'next';
    } finally {
      this.depth--;
    }
  }

  /**
   * `if` (XCU 2.9.4.4): each condition in turn at the time the script gets to it, then the body
   * of the first that holds, or `else`; its status is that body's last, or 0 when none ran.
   */
  private ifThen(node: Extract<ScriptNode, { kind: 'if' }>, after: () => string, stops: boolean): Flow {
    if (node.unterminated) return this.syntaxError('fi');
    for (const clause of node.clauses) {
      const flow = this.list(clause.cond, '', false);
      if (flow !== 'next') return flow;
      if (this.res.exitCode === 0) return this.list(clause.body, stops ? after() : '', stops);
    }
    if (node.otherwise) return this.list(node.otherwise, stops ? after() : '', stops);
    this.res.exitCode = 0;
    return 'next';
  }

  /**
   * `case` (XCU 2.9.4.3): the word expanded, then the list of the first clause one of whose
   * patterns (sh patterns, glob.ts) matches it; its status is that list's last, or 0 when no
   * clause matched.
   */
  private caseOf(node: Extract<ScriptNode, { kind: 'case' }>, after: () => string, stops: boolean): Flow {
    if (node.unterminated) return this.syntaxError('esac');
    const word = this.words(node.word).join(' ');
    for (const clause of node.clauses) {
      const matches = clause.patterns.some((p) => new RegExp(`^(?:${this.patternRegex(p)})$`).test(word));
      if (matches) return this.list(clause.body, stops ? after() : '', stops);
    }
    this.res.exitCode = 0;
    return 'next';
  }

  /**
   * A `break N` or `continue N` reaching a loop: whether this loop is the one it acts on (the
   * last of its N); if not, this loop ends too and it goes on outward, with status 0.
   */
  private ownLevel(): boolean {
    if (this.levels > 1) {
      this.levels--;
      this.res.exitCode = 0;
      return false;
    }
    this.levels = 0;
    return true;
  }

  /**
   * A case pattern as a regular expression (XCU 2.13): quoted parts match themselves (`"*"` is
   * a star), the rest is a pattern (`*`, `?`, `[...]`, a backslash quoting one character), and
   * so is what an unquoted `$NAME` in it gives.
   */
  private patternRegex(p: string): string {
    let out = '';
    for (let i = 0; i < p.length; ) {
      const ch = p[i];
      if (ch === "'" || ch === '"') {
        let end = i + 1;
        while (end < p.length && p[end] !== ch) end += ch === '"' && p[end] === '\\' ? 2 : 1;
        out += escapeRegex(ch === "'" ? p.slice(i + 1, end) : this.words(p.slice(i, end + 1)).join(' '));
        i = end + 1;
        continue;
      }
      if (ch === '\\' && i + 1 < p.length) {
        out += escapeRegex(p[i + 1]);
        i += 2;
        continue;
      }
      let end = i;
      while (end < p.length && !`'"\\`.includes(p[end])) end++;
      const run = p.slice(i, end);
      out += globToRegex(/[$`]/.test(run) ? this.words(run).join(' ') : run);
      i = end;
    }
    return out;
  }

  /** ash reading a compound command that never ends: `sh: syntax error: unexpected end of file`, status 2. */
  private syntaxError(expecting: 'done' | 'fi' | 'esac'): Flow {
    emit(this.res, { to: 'log' }, `sh: syntax error: unexpected end of file (expecting "${expecting}")\n`, this.res.ms);
    this.res.exitCode = 2;
    return 'exit';
  }

  private set(name: string, value: string): void {
    this.vars[name] = value;
    this.assigned.add(name);
  }

  /** A statement's words: expanded with the script's variables, `$((...))` and command substitution. */
  private words(text: string): string[] {
    return shellWords(text, {
      get: (name) => (name === '?' ? String(this.res.exitCode) : this.vars[name] ?? (name === 'HOSTNAME' ? this.ctx.hostname : undefined)),
      set: (name, value) => this.set(name, value),
      substitute: (cmd) => this.substitute(cmd),
    });
  }

  /**
   * Whether to leave `node` to a later plan: the clock has moved since this plan began (the
   * cluster may have changed), or it is a test of the file system that this plan's own writes,
   * not made yet, could change. The latter only outside loops: the rest then starts with fewer
   * statements before its first loop, so plans at the same instant cannot follow one another
   * for ever.
   */
  private mustStop(node: ScriptNode): boolean {
    if (this.res.ms > 0) return true;
    const first = node.kind === 'loop' ? node.cond[0]?.node : node.kind === 'if' ? node.clauses[0]?.cond[0]?.node : node;
    if (this.depth > 0 || first?.kind !== 'simple' || !/^(\[|test|cat|ls)(\s|$)/.test(first.text)) return false;
    return this.res.actions.some((a) => a.op !== 'log');
  }

  /**
   * What a command substitution prints, trailing newlines removed (XCU 2.6.3): `hostname`,
   * `date [+FORMAT]` at the script's time, `seq [FIRST [INCREMENT]] LAST` (for `for i in
   * $(seq 3)`), and `cat FILE...` over the container's files (busybox
   * cat's "can't open" on stderr, to the log); any other command's output is not known here:
   * nothing.
   */
  private substitute(cmd: string): string {
    const [name, ...args] = this.words(cmd);
    let out = '';
    if (name === 'hostname') out = this.ctx.hostname;
    else if (name === 'date') out = this.date(args[0]);
    else if (name === 'seq' && this.ctx.programs.includes('seq')) out = seqText(args);
    else if (name === 'cat' && this.ctx.programs.includes('cat')) {
      const r = this.cat(args);
      out = r.out;
      if (r.err) emit(this.res, { to: 'log' }, r.err, this.res.ms);
    }
    return out.replace(/\n+$/, '');
  }

  /** busybox cat over the container's files: their contents, and "can't open" for each one missing. */
  private cat(paths: string[]): { out: string; err: string; code: number } {
    let out = '';
    let err = '';
    for (const p of paths) {
      try {
        out += this.files().readFile(resolvePath('/', p));
      } catch (e) {
        err += `cat: can't open '${p}': ${fsErrorText(e)}\n`;
      }
    }
    return { out, err, code: err ? 1 : 0 };
  }

  /**
   * busybox ls without options, its output not a terminal (a container's log): the names of a
   * directory (dot files left out) or the path of a file, one a line, sorted.
   */
  private ls(paths: string[]): { out: string; err: string; code: number } {
    const fs = this.files();
    let out = '';
    let err = '';
    const targets = paths.filter((a) => !a.startsWith('-'));
    for (const p of targets.length ? targets : ['.']) {
      const abs = resolvePath('/', p);
      if (!fs.exists(abs)) {
        err += `ls: ${p}: No such file or directory\n`;
        continue;
      }
      const names = fs.stat(abs).type === 'dir' ? fs.readdir(abs).filter((n) => !n.startsWith('.')) : [p];
      if (targets.length > 1 && fs.stat(abs).type === 'dir') out += `${out ? '\n' : ''}${p}:\n`;
      for (const n of names) out += `${n}\n`;
    }
    return { out, err, code: err ? 1 : 0 };
  }

  private files(): FileSystem {
    this.fs ??= this.ctx.fs?.() ?? new MemoryFs();
    return this.fs;
  }

  /** busybox date: the C locale's default format, or `+FORMAT` (coreutils/date.c), at the script's time. */
  private date(arg: string | undefined): string {
    return strftime(arg?.startsWith('+') ? arg.slice(1) : BUSYBOX_DATE_FORMAT, (this.ctx.now ?? 0) + this.res.ms);
  }

  private resume(text: string): Flow {
    // The process runs on; the runtime logs a line only once it ends, but this plan's line is logged now.
    flushPartial(this.res, this.res.ms);
    // The variables the rest reads from the environment (fixed at the container's start), and
    // every one the script has set, which the rest may read in ways not spelt `$NAME` (`$((i+1))`).
    const env: Record<string, string> = {};
    for (const m of text.matchAll(/\$\{?(\w+)/g)) if (this.ctx.env[m[1]] !== undefined) env[m[1]] = this.ctx.env[m[1]];
    for (const name of this.assigned) if (this.vars[name] !== undefined) env[name] = this.vars[name];
    this.res.actions.push({ at: this.res.ms, op: 'resume', data: text, ...(Object.keys(env).length ? { env } : {}) });
    return 'stop';
  }

  private forever(): Flow {
    this.res.forever = true;
    return 'stop';
  }

  /** One simple command: a builtin the planner knows, or a program of the image. */
  private simple(text: string): Flow {
    const { ctx, res } = this;
    // `NAME=value` alone sets a shell variable (XCU 2.9.1); before a command, only that
    // command's environment, which nothing here reads.
    const assignments = /^\s*[A-Za-z_]\w*=/.test(text) ? this.words(text) : undefined;
    if (assignments?.every((w) => /^[A-Za-z_]\w*=/.test(w))) {
      for (const w of assignments) this.set(w.slice(0, w.indexOf('=')), w.slice(w.indexOf('=') + 1));
      res.exitCode = 0;
      return 'next';
    }
    if (text.trim() === FOR_LOOP_END) return 'next';
    const words = assignments ? assignments.slice(assignments.findIndex((w) => !/^[A-Za-z_]\w*=/.test(w))) : this.words(text);
    if (!words.length) return 'next';
    let code = 0;
    let ran: ProgramResult | undefined;
    const redirects = takeRedirects(words);
    const first = res.actions.length;
    for (const o of redirects.opens) res.actions.push({ at: res.ms, op: 'write', path: o.path, data: '', append: o.append });
    const [cmd, ...rest] = words;
    let out: string | undefined;
    switch (cmd) {
      case 'sleep': {
        const d = parseSleep(rest[0]);
        if (d === undefined) return this.forever();
        res.ms += d;
        break;
      }
      case 'tail':
        if (rest.includes('-f') || rest.includes('-F')) return this.forever();
        break;
      case 'echo': {
        const n = rest[0] === '-n';
        out = (n ? rest.slice(1) : rest).join(' ') + (n ? '' : '\n');
        break;
      }
      case 'printf':
        out = (rest[0] ?? '').replace(/\\n/g, '\n');
        break;
      case 'hostname':
        out = ctx.hostname + '\n';
        break;
      case 'date':
        out = this.date(rest[0]) + '\n';
        break;
      case 'exit':
        res.exitCode = Number(rest[0] ?? 0) || 0;
        return 'exit';
      case 'break':
      case 'continue': {
        // ash's breakcmd (shell/ash.c): N defaults to 1, must be a number above 0 (else the
        // shell stops: a special builtin's error), and is cut to the loops the shell is in. ash
        // also names the line (`sh: break: line 1: ...`); the planner does not count lines.
        const arg = rest[0];
        const n = arg === undefined ? 1 : /^\d+$/.test(arg) ? Number(arg) : 0;
        if (n <= 0) {
          emit(res, redirects.err, `sh: ${cmd}: Illegal number: ${arg}\n`, res.ms);
          res.exitCode = 2;
          return 'exit';
        }
        res.exitCode = 0;
        // In a resumed plan the loops around are partly texts still to come (`list`'s `top`).
        this.levels = this.resumed ? n : Math.min(n, this.depth);
        return this.levels ? cmd : 'next';
      }
      case 'true':
      case ':':
        break;
      case 'false':
        code = 1;
        break;
      case '[':
      case 'test': {
        // ash's builtin test (coreutils/test.c) over the container's files as they are now.
        if (cmd === '[' && rest[rest.length - 1] !== ']') {
          emit(res, redirects.err, 'sh: missing ]\n', res.ms);
          code = 2;
          break;
        }
        const r = evalTest(cmd === '[' ? rest.slice(0, -1) : rest, this.files(), '/');
        if (r.status === 2) emit(res, redirects.err, `sh: ${r.busybox}\n`, res.ms);
        code = r.status;
        break;
      }
      case 'touch':
        for (const p of rest) res.actions.push({ at: res.ms, op: 'write', path: p, data: '', append: true });
        break;
      case 'cat':
      case 'ls': {
        if (!ctx.programs.includes(cmd)) {
          emit(res, redirects.err, `sh: ${cmd}: not found\n`, res.ms);
          code = 127;
          break;
        }
        const r = cmd === 'cat' ? this.cat(rest) : this.ls(rest);
        if (r.err) emit(res, redirects.err, r.err, res.ms);
        out = r.out;
        code = r.code;
        break;
      }
      case 'mkdir':
        for (const p of rest.filter((a) => !a.startsWith('-'))) res.actions.push({ at: res.ms, op: 'mkdir', path: p });
        break;
      case 'rm':
        for (const p of rest.filter((a) => !a.startsWith('-'))) res.actions.push({ at: res.ms, op: 'rm', path: p });
        break;
      default:
        if (!ctx.programs.includes(cmd)) {
          emit(res, redirects.err, `sh: ${cmd}: not found\n`, res.ms);
          code = 127;
        } else {
          ran = ctx.run?.(words);
          if (ran) code = ran.code;
        }
    }
    if (ran) {
      emitProgram(res, redirects, ran);
      res.ms += ran.ms;
    } else if (out !== undefined) emit(res, redirects.out, out, res.ms);
    mergeOpens(res.actions, first);
    res.exitCode = code;
    return 'next';
  }
}

/**
 * How a list ends: on to what follows, at `exit`, the plan stops (to resume, or for ever), or a
 * `break`/`continue` on its way to its loop.
 */
type Flow = 'next' | 'exit' | 'stop' | 'break' | 'continue';

/** Where a statement's stdout or stderr goes: the container's log, a file, or nowhere (/dev/null). */
type Sink = { to: 'log' } | { to: 'file'; path: string } | { to: 'null' };

interface Redirects {
  out: Sink;
  err: Sink;
  /** The files the redirections open, in order: `>` truncates, `>>` appends. */
  opens: { path: string; append: boolean }[];
}

/**
 * A statement's redirections, taken out of its words and applied left to right as sh does:
 * `> f`, `>> f`, `1> f`, `2> f`, `2>> f` (or glued to their word: `2>/dev/null`), `2>&1` and
 * `>&2` (one descriptor made a copy of the other as it is at that point), `&> f` (both, ash's
 * bash-compatible form).
 */
function takeRedirects(words: string[]): Redirects {
  const r: Redirects = { out: { to: 'log' }, err: { to: 'log' }, opens: [] };
  for (let i = 0; i < words.length; ) {
    const m = /^(1|2|&)?(>>?)(&)?(.*)$/.exec(words[i]);
    if (!m || (!m[4] && words[i + 1] === undefined)) {
      i++;
      continue;
    }
    const target = m[4] || words[i + 1];
    words.splice(i, m[4] ? 1 : 2);
    let sink: Sink;
    if (m[3]) sink = target === '2' ? r.err : target === '1' ? r.out : { to: 'null' };
    else if (target === '/dev/null') sink = { to: 'null' };
    else {
      sink = { to: 'file', path: target };
      r.opens.push({ path: target, append: m[2] === '>>' });
    }
    if (m[1] !== '2') r.out = sink;
    if (m[1] === '2' || m[1] === '&') r.err = sink;
  }
  return r;
}

/**
 * Output of a shell builtin (echo, printf, cat...) at `at`: whole lines to the log, a last piece
 * without a newline kept until the line ends (`cat FILE; echo` logs one line), as the container
 * runtime logs lines.
 */
function emit(res: ScriptResult, sink: Sink, text: string, at: number): void {
  if (sink.to === 'file') res.actions.push({ at, op: 'write', path: sink.path, data: text, append: true });
  else if (sink.to === 'log') {
    const lines = ((res.partial ?? '') + text).split('\n');
    res.partial = lines.pop() || undefined;
    for (const line of lines) log(res, at, line);
  }
}

/** A line the builtins left open is logged as it is: a program prints next, or the plan ends. */
function flushPartial(res: ScriptResult, at: number): void {
  if (res.partial !== undefined) log(res, at, res.partial);
  res.partial = undefined;
}

/** A line for the container's log, unless this plan has logged as much as the kubelet keeps. */
function log(res: ScriptResult, at: number, line: string): void {
  if (res.actions.filter((a) => a.op === 'log').length < MAX_PLAN_LINES) res.actions.push({ at, op: 'log', data: line });
}

/**
 * What a program printed, at the time it printed it, where its redirections send stdout and
 * stderr. The container runtime logs whole lines; a last line without a newline is logged when
 * the program ends (the runtime writes what it has at EOF).
 */
function emitProgram(res: ScriptResult, redirects: Redirects, ran: ProgramResult): void {
  const start = res.ms;
  flushPartial(res, start);
  const pending = { stdout: '', stderr: '' };
  for (const o of ran.output) {
    const at = start + o.at;
    const sink = o.stream === 'stdout' ? redirects.out : redirects.err;
    if (sink.to === 'file') res.actions.push({ at, op: 'write', path: sink.path, data: o.text, append: true });
    if (sink.to !== 'log') continue;
    const lines = (pending[o.stream] + o.text).split('\n');
    pending[o.stream] = lines.pop()!;
    for (const line of lines) log(res, at, line);
  }
  for (const rest of [pending.stdout, pending.stderr]) if (rest) log(res, start + ran.ms, rest);
}

/**
 * A file opened by a redirection and written at the same moment is one write (truncating or
 * appending as the redirection said), which is what a snapshot keeps of a short script.
 */
function mergeOpens(actions: ScriptAction[], from: number): void {
  for (let i = from; i < actions.length; i++) {
    const open = actions[i];
    if (open.op !== 'write' || open.data !== '') continue;
    const j = actions.findIndex((a, k) => k > i && a.op === 'write' && a.path === open.path);
    if (j < 0 || actions[j].at !== open.at || actions[j].append !== true) continue;
    actions[j] = { ...actions[j], append: open.append };
    actions.splice(i, 1);
    i--;
  }
}

/** Where a statement's expansions read and write: the script's variables, and command substitution. */
interface Expansion {
  get(name: string): string | undefined;
  set(name: string, value: string): void;
  substitute(cmd: string): string;
}

/**
 * Word splitting with quotes, `$VAR`, arithmetic (`$((...))`, bash's arith.ts) and command
 * substitution (`$(cmd)`, `` `cmd` ``: `substitute` gives its output). Unquoted, a
 * substitution's output is split into words at blanks; quoted, it stays one word.
 */
function shellWords(text: string, x: Expansion): string[] {
  const expand = (s: string) =>
    s.replace(/\$\{(\w+|\?)(?:(:-|-|:\+|\+|##|#|%%|%)([^}]*))?\}|\$(\w+|\?)/g, (_m, a, op, arg, b) => (a !== undefined ? parameter(x.get(a), op, arg ?? '') : x.get(b) ?? ''));
  const words: string[] = [];
  let cur = '';
  let has = false;
  let quote = '';
  const push = () => {
    if (has || cur) words.push(cur);
    cur = '';
    has = false;
  };
  // Text put in by an expansion, protected from the $VAR expansion that follows (\u0000 stands
  // for `$`); unquoted, split at blanks.
  const put = (value: string) => {
    const safe = value.replace(/\$/g, '\u0000');
    if (quote) {
      cur += safe;
      has = true;
      return;
    }
    const fields = safe.split(/[ \t\n]+/);
    fields.forEach((f, k) => {
      if (k > 0) push();
      cur += f;
    });
  };
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quote !== "'" && text.startsWith('$((', i)) {
      const close = arithEnd(text, i + 3);
      if (close > 0) {
        const src = expand(text.slice(i + 3, close));
        let value = '';
        try {
          value = String(evalArith(src, { getVar: (n) => x.get(n), setVar: (n, v) => x.set(n, v) }));
        } catch {
          // busybox prints its arithmetic error and the statement fails; here the value is empty.
        }
        put(value);
        i = close + 1;
        continue;
      }
    }
    const open = ch === '`' ? '`' : ch === '$' && text[i + 1] === '(' ? '$(' : '';
    const close = open && quote !== "'" ? text.indexOf(open === '`' ? '`' : ')', i + open.length) : -1;
    if (close > 0) {
      put(x.substitute(text.slice(i + open.length, close)));
      i = close;
      continue;
    }
    if (quote) {
      if (ch === quote) quote = '';
      else cur += quote === '"' ? ch : ch === '$' ? '\u0000' : ch;
      continue;
    }
    if (ch === '"' || ch === "'") {
      quote = ch;
      has = true;
      continue;
    }
    if (/\s/.test(ch)) {
      push();
      continue;
    }
    cur += ch;
  }
  push();
  return words.map((w) => expand(w).replace(/\u0000/g, '$'));
}

/** busybox seq with integers: FIRST (1) to LAST by INCREMENT (1), one number a line. */
function seqText(args: string[]): string {
  const n = args.map(Number);
  if (!n.length || n.length > 3 || n.some((x) => !Number.isInteger(x))) return '';
  const [first, step, last] = n.length === 1 ? [1, 1, n[0]] : n.length === 2 ? [n[0], 1, n[1]] : n;
  const out: number[] = [];
  for (let x = first; step > 0 ? x <= last : step < 0 ? x >= last : false; x += step) if (out.push(x) >= 10_000) break;
  return out.join('\n');
}

/**
 * `${NAME}` with one of sh's parameter expansions (XCU 2.6.2): `:-`/`-` a default, `:+`/`+` an
 * alternative, `#`/`##` the shortest/longest prefix matching a pattern removed, `%`/`%%` the
 * same for a suffix: `${HOSTNAME##*-}` is a StatefulSet Pod's ordinal.
 */
function parameter(value: string | undefined, op: string | undefined, arg: string): string {
  switch (op) {
    case undefined:
      return value ?? '';
    case ':-':
      return value ? value : arg;
    case '-':
      return value ?? arg;
    case ':+':
      return value ? arg : '';
    case '+':
      return value !== undefined ? arg : '';
  }
  return stripPattern(value ?? '', globToRegex(arg), `strip${op}` as 'strip#' | 'strip##' | 'strip%' | 'strip%%');
}

/** Where the `))` closing a `$((` that opened at `from` is (parentheses inside counted), or -1. */
function arithEnd(text: string, from: number): number {
  let depth = 0;
  for (let i = from; i < text.length; i++) {
    if (text[i] === '(') depth++;
    else if (text[i] === ')') {
      if (depth > 0) depth--;
      else return text[i + 1] === ')' ? i : -1;
    }
  }
  return -1;
}

function parseSleep(arg: string | undefined): number | undefined {
  if (!arg || arg === 'infinity' || arg === 'inf') return undefined;
  const m = /^(\d+(?:\.\d+)?)([smhd]?)$/.exec(arg);
  if (!m) return 0;
  const unit = { '': 1000, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 }[m[2]] ?? 1000;
  return Math.round(Number(m[1]) * unit);
}

function nginxStartLogs(info: ImageInfo, ctx: ProcessContext): string[] {
  const v = info.nginxVersion ?? '1.29.3';
  const t = ctx.logTime;
  if (info.family === 'nginx-slim') return [];
  return [
    '/docker-entrypoint.sh: /docker-entrypoint.d/ is not empty, will attempt to perform configuration',
    '/docker-entrypoint.sh: Looking for shell scripts in /docker-entrypoint.d/',
    '/docker-entrypoint.sh: Launching /docker-entrypoint.d/10-listen-on-ipv6-by-default.sh',
    '10-listen-on-ipv6-by-default.sh: info: Getting the checksum of /etc/nginx/conf.d/default.conf',
    '10-listen-on-ipv6-by-default.sh: info: Enabled listen on IPv6 in /etc/nginx/conf.d/default.conf',
    '/docker-entrypoint.sh: Sourcing /docker-entrypoint.d/15-local-resolvers.envsh',
    '/docker-entrypoint.sh: Launching /docker-entrypoint.d/20-envsubst-on-templates.sh',
    '/docker-entrypoint.sh: Launching /docker-entrypoint.d/30-tune-worker-processes.sh',
    '/docker-entrypoint.sh: Configuration complete; ready for start up',
    `${t} [notice] 1#1: using the "epoll" event method`,
    `${t} [notice] 1#1: nginx/${v}`,
    `${t} [notice] 1#1: built by gcc 12.2.0 (Debian 12.2.0-14+deb12u1) `,
    `${t} [notice] 1#1: OS: Linux 6.8.0-60-generic`,
    `${t} [notice] 1#1: getrlimit(RLIMIT_NOFILE): 1048576:1048576`,
    `${t} [notice] 1#1: start worker processes`,
    `${t} [notice] 1#1: start worker process 29`,
    `${t} [notice] 1#1: start worker process 30`,
  ];
}
