// Runs a parsed command line: expansions, pipes, redirections, lists, loops, builtins, programs
// and background jobs. One Shell serves the learner (bash) and each container shell (sh); they
// differ in their program table, file system and name.
//
// Pipes are staged: each stage runs to its end and the next one gets its output as stdin
// (CommandIO.stdin is a string). A last stage whose program takes its input line by line
// (Command.lineStage: grep, awk, head) gets each line as it comes instead, so a watch piped into
// it prints as it goes; piped into anything else (sed, sort...), a watch shows its lines when it
// ends by itself (quiet), the one visible difference from a real shell.
import { evalTest } from '../cluster/kubelet/test-expr.ts';
import { FsError, resolvePath, STRERROR, type FileSystem } from '../cluster/fs.ts';
import { parse, ParseError, type AndOr, type Cmd, type List, type Pipeline, type Redir, type Word } from './parse.ts';
import { Interruptor, yieldTurn } from './interrupt.ts';
import { completeBuiltin, type CompletionSpec } from './complete-builtin.ts';
import { readBuiltin } from './read.ts';
import { backslashEscapes, formatPrintf } from './printf.ts';
import { ArithError, evalArith } from '../cluster/kubelet/arith.ts';
import type { Command, CommandIO, Interrupt, LineStage, Services } from './types.ts';
import { escapeRegex, globToRegex, stripPattern } from '../cluster/kubelet/glob.ts';

type Sink = (text: string) => void;

/** Where a command's streams go while it runs. */
export interface Ctx {
  stdin: string;
  out: Sink;
  err: Sink;
  signal: Interrupt;
  isTTY: boolean;
  /** Standard input is the terminal (not a pipe, file or here-document): `read` waits for the learner's keys. */
  terminal?: boolean;
  background: boolean;
  /** Loop passes of this command line (shared by nested loops): a spinning line must stop. */
  loops?: { n: number; total: number; at: number };
  /** What `read` has left of `stdin` (read.ts inputOf): the next read goes on from there. */
  input?: { text: string; rest: string };
}

export interface Builtin {
  (args: string[], ctx: Ctx, shell: Shell): Promise<number> | number;
}

export interface Job {
  id: number;
  pid: number;
  src: string;
  state: 'Running' | 'Done' | 'Terminated';
  status: number;
  interrupt: Interruptor;
  promise: Promise<number>;
  reported: boolean;
}

export interface ShellOptions {
  /** `bash` for the learner, `sh` in a container: used in error messages. */
  name: string;
  fs: FileSystem;
  cwd: string;
  env: Record<string, string>;
  programs: Record<string, Command>;
  services: Services;
  /** Services for background jobs (their waits never drive virtual time); defaults to `services`. */
  backgroundServices?: Services;
  builtins?: Record<string, Builtin>;
  /**
   * Builtins that stand for programs on PATH (clear, watch): they need the shell, so they run as
   * builtins, but `type` and `which` find them in /usr/bin as on a real machine.
   */
  programBuiltins?: Record<string, Builtin>;
  columns?: () => number;
  /** Terminal output for background jobs. */
  terminal: { out: Sink; err: Sink };
  history?: string[];
  firstPid?: number;
  /** The line a shell prints for an unknown command (bash: `bash: foo: command not found`). */
  notFound?: (cmd: string) => string;
  /** Where `type` and `which` find programs: /usr/bin (merged /usr), /bin in a busybox image. */
  programDir?: string;
}

/** `break N` / `continue N` unwind to the Nth enclosing loop. */
export class LoopControl {
  readonly kind: 'break' | 'continue';
  levels: number;
  constructor(kind: 'break' | 'continue', levels: number) {
    this.kind = kind;
    this.levels = levels;
  }
}

/** `return` unwinds to the function that runs it. */
export class ReturnRequest {
  readonly status: number;
  constructor(status: number) {
    this.status = status;
  }
}

/** `exit` unwinds to the top of the shell. */
export class ExitRequest {
  readonly status: number;
  constructor(status: number) {
    this.status = status;
  }
}

/** Functions running inside one another before a call is refused: recursion with no end must not freeze the tab. */
const MAX_FUNCTION_DEPTH = 200;

/** Loop passes allowed without virtual time moving (and, in scripts, at all) in one command line. */
const MAX_LOOP_ITERATIONS = 10_000;

export class Shell {
  readonly name: string;
  fs: FileSystem;
  cwd: string;
  env: Record<string, string>;
  locals: Record<string, string> = {};
  /** `alias k=kubectl`: the first word of a command, replaced by these words. */
  aliases: Record<string, string> = {};
  /** `complete`'s specifications, by command name (complete-builtin.ts). */
  completionSpecs = new Map<string, CompletionSpec>();
  /**
   * The files of the process substitutions in use, by descriptor: bash gives each the highest
   * free one from 63 down, and closes it when the command that holds it ends.
   */
  private procSubs = new Map<number, string>();
  sourceDepth = 0;
  programs: Record<string, Command>;
  services: Services;
  backgroundServices: Services;
  builtins: Record<string, Builtin>;
  /** The names of opts.programBuiltins (they are in `builtins` too). */
  readonly onPath: Set<string>;
  history: string[];
  jobs: Job[] = [];
  lastStatus = 0;
  lastBgPid = 0;
  /** How many loops enclose the running command (break and continue need one). */
  loopDepth = 0;
  /** The functions defined so far, by name. */
  functions: Record<string, Extract<Cmd, { t: 'func' }>> = {};
  /**
   * The functions running, innermost last, each with how to put back the variables its `local`
   * declared. bash has no limit of its own (FUNCNEST); a tab needs one.
   */
  private frames: (() => void)[][] = [];
  /** The line of the command running (sh's messages name it: `sh: 3: x: not found`). */
  lineno = 1;
  /** Lines read before this input (an interactive dash counts on), or before a `$(...)`. */
  lineBase = 0;
  /** `sh -c 'script' NAME ARG...`: $0 is NAME, $1... the ARGs (POSIX sh -c). */
  arg0?: string;
  positional: string[] = [];
  private nextPid: number;
  private readonly columns: () => number;
  private readonly notFound: (cmd: string) => string;
  readonly programDir: string;
  readonly terminal: { out: Sink; err: Sink };

  constructor(opts: ShellOptions) {
    this.name = opts.name;
    this.fs = opts.fs;
    this.cwd = opts.cwd;
    this.env = opts.env;
    this.programs = opts.programs;
    this.services = opts.services;
    this.backgroundServices = opts.backgroundServices ?? opts.services;
    this.builtins = { ...CORE_BUILTINS, ...opts.builtins, ...opts.programBuiltins };
    this.onPath = new Set(Object.keys(opts.programBuiltins ?? {}));
    this.columns = opts.columns ?? (() => 80);
    this.terminal = opts.terminal;
    this.history = opts.history ?? [];
    this.nextPid = opts.firstPid ?? 4242;
    this.notFound = opts.notFound ?? ((cmd) => `${this.name}: ${cmd}: command not found\n`);
    this.programDir = opts.programDir ?? '/usr/bin';
  }

  /**
   * A shell over the same files, programs and cluster, with its own `$?`, variables, line numbers
   * and jobs: for command lines the lab runs on its own (goal probes) while the learner's command
   * may be waiting, so that neither changes what the other's `$?` says.
   */
  sibling(): Shell {
    const sh = new Shell({
      name: this.name, fs: this.fs, cwd: this.cwd, env: { ...this.env }, programs: this.programs,
      services: this.services, backgroundServices: this.backgroundServices, builtins: this.builtins,
      columns: this.columns, terminal: this.terminal, programDir: this.programDir, notFound: this.notFound,
    });
    sh.locals = { ...this.locals };
    sh.aliases = { ...this.aliases };
    sh.completionSpecs = new Map(this.completionSpecs);
    sh.functions = { ...this.functions };
    return sh;
  }

  /** Parses and runs a script; syntax errors are printed as bash prints them (exit 2). */
  async run(src: string, ctx: Ctx): Promise<number> {
    let list: List;
    try {
      list = parse(src);
    } catch (e) {
      if (e instanceof ParseError) {
        ctx.err(`${this.name}: ${e.message}\n`);
        return (this.lastStatus = 2);
      }
      throw e;
    }
    return this.runList(list, ctx);
  }

  getVar(name: string): string | undefined {
    if (name === '?') return String(this.lastStatus);
    if (name === '$') return '4200';
    if (name === '!') return this.lastBgPid ? String(this.lastBgPid) : '';
    if (name === '#') return String(this.positional.length);
    if (name === '0') return this.arg0 ?? this.name;
    if (name === '@') return this.positional.join(' ');
    // "$*" joins with IFS's first character: a space when IFS is unset, nothing when it is empty.
    if (name === '*') return this.positional.join((this.getVar('IFS') ?? ' ').slice(0, 1));
    if (/^[1-9]$/.test(name)) return this.positional[Number(name) - 1] ?? '';
    return name in this.locals ? this.locals[name] : this.env[name];
  }

  setVar(name: string, value: string): void {
    if (name in this.env) this.env[name] = value;
    else this.locals[name] = value;
  }

  /** A function that puts these variables back as they are now (set, unset, exported or not). */
  private saveVars(names: string[]): () => void {
    const was = names.map((n) => ({ n, local: n in this.locals ? this.locals[n] : undefined, env: n in this.env ? this.env[n] : undefined }));
    return () => {
      for (const { n, local, env } of was) {
        if (local === undefined) delete this.locals[n];
        else this.locals[n] = local;
        if (env === undefined) delete this.env[n];
        else this.env[n] = env;
      }
    };
  }

  // ---- lists, pipelines, commands -------------------------------------------------------

  async runList(list: List, ctx: Ctx): Promise<number> {
    let status = this.lastStatus;
    for (const item of list.items) {
      if (ctx.signal.aborted) return (this.lastStatus = 130);
      this.lineno = this.lineBase + item.line;
      if (item.background) {
        this.startJob(item, ctx);
        status = this.lastStatus = 0;
        continue;
      }
      status = await this.runAndOr(item, ctx);
    }
    return status;
  }

  private async runAndOr(item: AndOr, ctx: Ctx): Promise<number> {
    let status = await this.runPipeline(item.first, ctx);
    for (const { op, p } of item.rest) {
      if (ctx.signal.aborted) return status;
      if ((op === '&&') === (status === 0)) status = await this.runPipeline(p, ctx);
    }
    return status;
  }

  private async runPipeline(p: Pipeline, ctx: Ctx): Promise<number> {
    let status: number;
    const streaming = p.cmds.length > 1 ? await this.lineStageOf(p.cmds[p.cmds.length - 1], ctx) : undefined;
    if (p.cmds.length === 1) status = await this.runCmd(p.cmds[0], ctx);
    else if (streaming) {
      // `... | grep x` or `... | awk ...` as the last stage: each line goes on as it arrives.
      // The stages before it stop at Ctrl-C, or at their first write once it has exited
      // (`grep -m 1`): SIGPIPE, which ends e.g. a watch at its next change.
      const pipe = new Interruptor();
      const off = ctx.signal.onAbort(() => pipe.abort());
      const done = () => streaming.done?.() === true;
      let partial = '';
      const out: Sink = (t) => {
        if (done()) return pipe.abort();
        const parts = (partial + t).split('\n');
        partial = parts.pop()!;
        for (const l of parts) if (!done()) streaming.line(l);
      };
      try {
        await this.runPipeline({ bang: false, cmds: p.cmds.slice(0, -1) }, { ...ctx, out, isTTY: false, signal: pipe });
      } finally {
        off();
      }
      // Ctrl-C reaches every stage of the pipe: a last stage still reading dies with it, so awk
      // runs no END rules and nothing more is printed (bash then reports 128 + SIGINT).
      if (ctx.signal.aborted && !done()) status = 130;
      else {
        if (partial && !done()) streaming.line(partial, true);
        status = streaming.end();
      }
    } else {
      let stdin = ctx.stdin;
      status = 0;
      for (let i = 0; i < p.cmds.length; i++) {
        const last = i === p.cmds.length - 1;
        let buf = '';
        const terminal = i === 0 && ctx.terminal;
        const stage: Ctx = last ? { ...ctx, stdin, terminal } : { ...ctx, stdin, terminal, out: (t) => (buf += t), isTTY: false };
        status = await this.runCmd(p.cmds[i], stage);
        stdin = buf;
        // Ctrl-C reaches every stage at once: the later ones die with it before they print what
        // they were given (`kubectl get pods -w | sort` prints nothing once interrupted).
        if (ctx.signal.aborted && !last) {
          status = 130;
          break;
        }
      }
    }
    if (p.bang) status = status === 0 ? 1 : 0;
    return (this.lastStatus = status);
  }

  /** The line-by-line form of a last pipe stage like `grep web` (Command.lineStage), when it has one (plain words, no redirections). */
  private async lineStageOf(cmd: Cmd, ctx: Ctx): Promise<LineStage | undefined> {
    if (cmd.t !== 'simple' || cmd.redirs.length || cmd.assigns.length || !cmd.words.length) return undefined;
    if (cmd.words.some((w) => w.some((part) => part.k === 'cmd'))) return undefined;
    const name = cmd.words[0].map((part) => (part.k === 'lit' ? part.v : '\0')).join('');
    const program = this.programs[name];
    if (!program?.lineStage || this.builtins[name]) return undefined;
    try {
      const argv = await this.expandWords(cmd.words, ctx);
      return program.lineStage(this.commandIO(argv, { ...ctx, stdin: '' }, {}), ctx.background ? this.backgroundServices : this.services);
    } catch {
      return undefined;
    }
  }

  private async runCmd(cmd: Cmd, outer: Ctx): Promise<number> {
    try {
      return await this.runCmdUnguarded(cmd, outer);
    } catch (e) {
      if (!(e instanceof ExpansionError)) throw e;
      outer.err(`${this.name}: ${e.message}\n`);
      return (this.lastStatus = 1);
    }
  }

  private async runCmdUnguarded(cmd: Cmd, outer: Ctx): Promise<number> {
    // Every command passes here (a loop's thousands too): note what is open only when something is.
    const open = this.procSubs.size ? new Set(this.procSubs.keys()) : NONE_OPEN;
    try {
      return await this.runCompound(cmd, outer);
    } finally {
      if (this.procSubs.size > open.size) this.closeProcSubs(open);
    }
  }

  private async runCompound(cmd: Cmd, outer: Ctx): Promise<number> {
    const ctx = await this.redirect(cmd.t === 'simple' ? [] : cmd.redirs, outer);
    if (!ctx) return (this.lastStatus = 1);
    switch (cmd.t) {
      case 'simple':
        return (this.lastStatus = await this.runSimple(cmd, outer));
      case 'group': {
        if (!cmd.subshell) return this.runList(cmd.body, ctx);
        const saved = { cwd: this.cwd, env: { ...this.env }, locals: { ...this.locals } };
        try {
          return await this.runList(cmd.body, ctx);
        } finally {
          Object.assign(this, saved);
        }
      }
      case 'for': {
        const items = cmd.items ? await this.expandWords(cmd.items, ctx) : [];
        let status = 0;
        for (const v of items) {
          if (ctx.signal.aborted) return 130;
          this.setVar(cmd.name, v);
          const pass = await this.loopPass(cmd.body, ctx);
          status = pass.status;
          if (pass.stop) break;
        }
        return (this.lastStatus = status);
      }
      case 'while': {
        let status = 0;
        for (;;) {
          if (ctx.signal.aborted) return 130;
          if (this.loopLimitReached(ctx)) return 1;
          const c = await this.runList(cmd.cond, ctx);
          if ((c === 0) === cmd.until) break;
          const pass = await this.loopPass(cmd.body, ctx);
          status = pass.status;
          if (pass.stop) break;
          // A loop that never waits would freeze the page: give the host a turn now and then.
          if (ctx.loops!.n % 256 === 255) await yieldTurn();
        }
        return (this.lastStatus = status);
      }
      case 'arith': {
        const st = this.arithStatus(cmd.src, ctx);
        return (this.lastStatus = st === 2 ? 1 : st);
      }
      case 'cfor': {
        let status = 0;
        if (this.arithStatus(cmd.init, ctx, true) === 2) return (this.lastStatus = 1);
        for (;;) {
          if (ctx.signal.aborted) return 130;
          if (this.loopLimitReached(ctx)) return 1;
          // An empty condition is true (bash: "as if it evaluated to 1").
          const c = cmd.cond.trim() ? this.arithStatus(cmd.cond, ctx) : 0;
          if (c === 2) return (this.lastStatus = 1);
          if (c !== 0) break;
          const pass = await this.loopPass(cmd.body, ctx);
          status = pass.status;
          if (pass.stop) break;
          if (this.arithStatus(cmd.step, ctx, true) === 2) return (this.lastStatus = 1);
          if (ctx.loops!.n % 256 === 255) await yieldTurn();
        }
        return (this.lastStatus = status);
      }
      case 'if': {
        for (const cl of cmd.clauses) {
          if ((await this.runList(cl.cond, ctx)) === 0) return this.runList(cl.body, ctx);
        }
        return cmd.otherwise ? this.runList(cmd.otherwise, ctx) : (this.lastStatus = 0);
      }
      case 'func':
        this.functions[cmd.name] = cmd;
        return (this.lastStatus = 0);
      case 'case': {
        // The word expanded without splitting, then the first clause with a pattern that matches
        // it (quoted parts literally); the status is that clause's, or 0 (bash execute_case_command).
        const word = (await this.expandWord(cmd.word, ctx, false)).join('');
        for (const cl of cmd.clauses) {
          for (const p of cl.patterns) {
            if (new RegExp(`^(?:${await this.pattern(p, ctx)})$`).test(word)) return (this.lastStatus = await this.runList(cl.body, ctx));
          }
        }
        return (this.lastStatus = 0);
      }
    }
  }

  private async runSimple(cmd: Extract<Cmd, { t: 'simple' }>, outer: Ctx): Promise<number> {
    let argv = await this.expandWords(cmd.words, outer);
    const first = cmd.words[0];
    if (first?.length === 1 && first[0].k === 'lit' && !first[0].q && this.aliases[first[0].v] !== undefined) {
      // Bash re-reads the alias text; splitting it on blanks covers `alias k=kubectl` and `alias kgp='kubectl get pods'`.
      argv = [...this.aliases[first[0].v].split(/\s+/).filter(Boolean), ...argv.slice(1)];
      if (!argv.length) return 0;
    }
    const assigned: Record<string, string> = {};
    for (const a of cmd.assigns) assigned[a.name] = (await this.expandWord(a.value, outer, false)).join('');
    const ctx = await this.redirect(cmd.redirs, outer);
    if (!ctx) return 1;
    if (!argv.length) {
      for (const [k, v] of Object.entries(assigned)) this.setVar(k, v);
      return 0;
    }
    const name = argv[0];
    // bash looks for a function before a builtin or a program (execute_cmd.c execute_simple_command).
    const fn = this.functions[name];
    if (fn) {
      const restore = this.saveVars(Object.keys(assigned));
      for (const [k, v] of Object.entries(assigned)) this.setVar(k, v);
      try {
        return await this.callFunction(fn, argv, ctx);
      } finally {
        restore();
      }
    }
    const builtin = this.builtins[name];
    if (builtin) {
      // `IFS= read -r line`: assignments before a builtin hold while it runs; before a special
      // builtin (XCU 2.14) they stay.
      const restore = SPECIAL_BUILTINS.has(name) ? undefined : this.saveVars(Object.keys(assigned));
      for (const [k, v] of Object.entries(assigned)) this.setVar(k, v);
      try {
        return await builtin(argv.slice(1), ctx, this);
      } catch (e) {
        if (e instanceof ExitRequest || e instanceof LoopControl || e instanceof ReturnRequest) throw e;
        ctx.err(`${this.name}: ${name}: ${errorText(e)}\n`);
        return 1;
      } finally {
        restore?.();
      }
    }
    const program = this.programs[name] ?? (name.includes('/') ? this.programs[name.slice(name.lastIndexOf('/') + 1)] : undefined);
    if (!program) {
      if (name.includes('/')) {
        const p = resolvePath(this.cwd, name);
        ctx.err(this.fs.exists(p) ? `${this.name}: ${name}: Permission denied\n` : `${this.name}: ${name}: No such file or directory\n`);
        return this.fs.exists(p) ? 126 : 127;
      }
      ctx.err(this.notFound(name));
      return 127;
    }
    return this.runProgram(program, argv, ctx, assigned);
  }

  private async runProgram(program: Command, argv: string[], ctx: Ctx, assigned: Record<string, string>): Promise<number> {
    const io = this.commandIO(argv, ctx, assigned);
    try {
      const status = await program(io, ctx.background ? this.backgroundServices : this.services);
      return typeof status === 'number' && Number.isFinite(status) ? status : 0;
    } catch (e) {
      if (e instanceof ExitRequest) throw e;
      ctx.err(`${argv[0]}: ${errorText(e)}\n`);
      return 1;
    }
  }

  /**
   * argv run as exec(3) runs it (xargs): a program on PATH, or a builtin that stands for one
   * (clear, watch, and echo or printf as /usr/bin/echo...), never a function or an alias.
   * Undefined when PATH has no such program.
   */
  async execProgram(argv: string[], ctx: Ctx): Promise<number | undefined> {
    const name = argv[0] ?? '';
    const program = this.programs[name];
    if (program) return this.runProgram(program, argv, ctx, {});
    const builtin = this.onPath.has(name) || PATH_TWINS.has(name) ? this.builtins[name] : undefined;
    if (!builtin) return undefined;
    try {
      return await builtin(argv.slice(1), ctx, this);
    } catch (e) {
      if (e instanceof LoopControl || e instanceof ReturnRequest) return 1;
      if (e instanceof ExitRequest) throw e;
      ctx.err(`${name}: ${errorText(e)}\n`);
      return 1;
    }
  }

  /**
   * A function call (execute_cmd.c execute_function): its arguments are $1..., its `local`
   * variables and the loops around the call do not reach past it, `return N` ends it.
   */
  private async callFunction(fn: Extract<Cmd, { t: 'func' }>, argv: string[], ctx: Ctx): Promise<number> {
    if (this.frames.length >= MAX_FUNCTION_DEPTH) {
      ctx.err(`${this.name}: ${fn.name}: maximum function nesting level exceeded (${MAX_FUNCTION_DEPTH})\n`);
      return 1;
    }
    const saved = { positional: this.positional, loopDepth: this.loopDepth };
    this.positional = argv.slice(1);
    this.loopDepth = 0;
    this.frames.push([]);
    try {
      return await this.runCmd(fn.body, ctx);
    } catch (e) {
      if (e instanceof ReturnRequest) return (this.lastStatus = e.status);
      throw e;
    } finally {
      for (const undo of this.frames.pop()!.reverse()) undo();
      this.positional = saved.positional;
      this.loopDepth = saved.loopDepth;
    }
  }

  /** `local NAME[=VALUE]`: the variable as it was comes back when the running function ends. */
  declareLocal(name: string, value: string | undefined): boolean {
    const frame = this.frames.at(-1);
    if (!frame) return false;
    frame.push(this.saveVars([name]));
    delete this.env[name];
    this.locals[name] = value ?? '';
    return true;
  }

  /** Whether a function is running (`return` and `local` need one). */
  get inFunction(): boolean {
    return this.frames.length > 0;
  }

  /** What a program gets to run with in `ctx`. */
  private commandIO(argv: string[], ctx: Ctx, assigned: Record<string, string>): CommandIO {
    return {
      argv,
      // After `read` took lines of it, a program reads what is left.
      stdin: ctx.input && ctx.input.text === ctx.stdin ? ctx.input.rest : ctx.stdin,
      stdout: ctx.out,
      stderr: ctx.err,
      env: { ...this.env, ...assigned },
      cwd: this.cwd,
      fs: this.fs,
      signal: ctx.signal,
      isTTY: ctx.isTTY,
      columns: this.columns(),
    };
  }

  // ---- redirections ---------------------------------------------------------------------

  /** Applies redirections in order; undefined (after printing why) when one fails. */
  private async redirect(redirs: Redir[], ctx: Ctx): Promise<Ctx | undefined> {
    if (!redirs.length) return ctx;
    const c: Ctx = { ...ctx };
    for (const r of redirs) {
      if (r.op === '>&') {
        if (r.fd === 2 && r.to === 1) c.err = c.out;
        else if (r.fd === 1 && r.to === 2) c.out = c.err;
        continue;
      }
      if (r.op === '<<') {
        c.stdin = r.expand ? this.expandHeredocSync(r.body) : r.body;
        c.terminal = false;
        continue;
      }
      // A target with `$(...)` or `<(...)` in it runs them (`done < <(kubectl get pods)`); it
      // must still come to one word.
      const runs = r.target.some((p) => p.k === 'cmd' || p.k === 'procsub');
      const fields = runs ? await this.expandWord(r.target, ctx, true) : undefined;
      const target = fields ? (fields.length === 1 ? fields[0] : undefined) : expandWordNoSplit(r.target, this);
      if (r.op === '<<<') {
        c.stdin = target + '\n';
        c.terminal = false;
        continue;
      }
      if (target === undefined) {
        ctx.err(`${this.name}: ${wordSource(r.target)}: ambiguous redirect\n`);
        return undefined;
      }
      if (r.op === '<') {
        try {
          c.stdin = target === '/dev/null' ? '' : this.fs.readFile(resolvePath(this.cwd, target));
          c.terminal = false;
        } catch (e) {
          ctx.err(`${this.name}: ${target}: ${fsErrorText(e)}\n`);
          return undefined;
        }
        continue;
      }
      const sink = this.openForWrite(target, r.op === '>>', ctx);
      if (!sink) return undefined;
      if (r.op === '&>') {
        c.out = sink;
        c.err = sink;
        c.isTTY = false;
      } else if (r.fd === 2) c.err = sink;
      else if (r.fd === 1) {
        c.out = sink;
        c.isTTY = false;
      }
    }
    return c;
  }

  private openForWrite(target: string, append: boolean, ctx: Ctx): Sink | undefined {
    if (target === '/dev/null') return () => {};
    if (target === '/dev/stdout') return ctx.out;
    if (target === '/dev/stderr') return ctx.err;
    const path = resolvePath(this.cwd, target);
    try {
      if (!append || !this.fs.exists(path)) this.fs.writeFile(path, '');
      else if (this.fs.stat(path).type === 'dir') throw new FsError('EISDIR', path);
    } catch (e) {
      ctx.err(`${this.name}: ${target}: ${fsErrorText(e)}\n`);
      return undefined;
    }
    return (t) => {
      try {
        this.fs.writeFile(path, t, { append: true });
      } catch {
        // The file went away under us (rm in another job): the output is lost, as with a real fd it would not be.
      }
    };
  }

  /** One pass of a loop body: its status, and whether a `break` ends the loop (`continue` goes on). */
  /**
   * Counts one pass of a `while`/`until`/`for ((;;))` loop and says whether it has to stop: more
   * than MAX_LOOP_ITERATIONS passes at one virtual instant (passes that let virtual time move are
   * waiting, not spinning), or in all in a script. Says so once.
   */
  private loopLimitReached(ctx: Ctx): boolean {
    const budget = (ctx.loops ??= { n: 0, total: 0, at: this.services.now() });
    const now = this.services.now();
    if (now !== budget.at) {
      budget.at = now;
      budget.n = 0;
    }
    if (++budget.n <= MAX_LOOP_ITERATIONS && (this.services.interactive || ++budget.total <= MAX_LOOP_ITERATIONS)) return false;
    if (budget.n !== Number.POSITIVE_INFINITY) ctx.err(`${this.name}: loop stopped after ${MAX_LOOP_ITERATIONS} passes (the simulator's limit)\n`);
    budget.n = budget.total = Number.POSITIVE_INFINITY;
    return true;
  }

  private async loopPass(body: List, ctx: Ctx): Promise<{ status: number; stop: boolean }> {
    this.loopDepth++;
    try {
      return { status: await this.runList(body, ctx), stop: false };
    } catch (e) {
      if (!(e instanceof LoopControl)) throw e;
      if (e.levels > 1) {
        e.levels--;
        throw e;
      }
      return { status: 0, stop: e.kind === 'break' };
    } finally {
      this.loopDepth--;
    }
  }

  /**
   * `(( expr ))`: 0 when the value is not 0, else 1; 2 after printing an error (`empty` allows an
   * empty expression, as a for's init and step).
   */
  private arithStatus(src: string, ctx: Ctx, empty = false): number {
    if (empty && !src.trim()) return 0;
    try {
      return arith(this.expandHeredocSync(src), this) ? 0 : 1;
    } catch (e) {
      if (!(e instanceof ExpansionError)) throw e;
      // bash names the command: `bash: ((: 1/0: division by 0 (error token is "0")`.
      ctx.err(`${this.name}: ((: ${e.message}\n`);
      return 2;
    }
  }

  // ---- expansion ------------------------------------------------------------------------

  async expandWords(words: Word[], ctx: Ctx): Promise<string[]> {
    const out: string[] = [];
    for (const w of words) out.push(...(await this.expandWord(w, ctx, true)));
    return out;
  }

  /** Expands one word into fields (split on blanks where unquoted, then glob). */
  async expandWord(w: Word, ctx: Ctx, split: boolean): Promise<string[]> {
    const fields: { text: string; pattern: string; glob: boolean }[] = [];
    let cur: { text: string; pattern: string; glob: boolean } | undefined;
    const add = (text: string, quoted: boolean) => {
      cur ??= { text: '', pattern: '', glob: false };
      cur.text += text;
      cur.pattern += quoted ? text.replace(/[*?[\]\\]/g, '\\$&') : text;
      if (!quoted && /[*?]/.test(text)) cur.glob = true;
    };
    const addSplit = (text: string) => {
      const ifs = this.getVar('IFS') ?? ' \t\n';
      if (!ifs) return add(text, true);
      const pieces = text.split(ifsSeparator(ifs));
      pieces.forEach((piece, i) => {
        if (i > 0 && cur) {
          fields.push(cur);
          cur = undefined;
        }
        // An empty piece between two separators is an empty field (`a,,b` with IFS=,); at
        // either end it only marks where a field ends.
        if (piece || (i > 0 && i < pieces.length - 1)) add(piece, true);
      });
    };
    for (const part of w) {
      let v: string;
      switch (part.k) {
        case 'lit':
          add(part.v, part.q);
          continue;
        case 'tilde':
          add(this.getVar('HOME') ?? '/', true);
          continue;
        case 'var':
          // "$@": each positional parameter its own field (none when there are none).
          if (part.name === '@' && part.q && !part.op && split) {
            this.positional.forEach((p, i) => {
              if (i > 0 && cur) {
                fields.push(cur);
                cur = undefined;
              }
              add(p, true);
            });
            continue;
          }
          v = await this.expandVar(part, ctx);
          break;
        case 'cmd':
          v = await this.commandSubstitution(part.src, ctx);
          break;
        case 'procsub':
          add(await this.processSubstitution(part.src, ctx), true);
          continue;
        case 'arith':
          v = String(arith(this.expandHeredocSync(part.src), this));
          break;
      }
      if (part.q || !split) add(v, true);
      else addSplit(v);
    }
    if (cur) fields.push(cur);
    const out: string[] = [];
    for (const f of fields) {
      const matches = f.glob ? glob(this.fs, this.cwd, f.pattern) : [];
      if (matches.length) out.push(...matches);
      else out.push(f.text);
    }
    return split ? out : [out.join(' ')];
  }

  private async expandVar(part: Extract<Word[number], { k: 'var' }>, ctx: Ctx): Promise<string> {
    const v = this.getVar(part.name);
    const arg = async () => (await this.expandWord(part.arg ?? [], ctx, false)).join('');
    // The colon forms treat an empty value as unset.
    const unset = v === undefined || (part.op?.startsWith(':') && v === '');
    switch (part.op) {
      case '#':
        return String((v ?? '').length);
      case ':-':
      case '-':
        return unset ? arg() : v!;
      case ':=':
      case '=': {
        if (!unset) return v!;
        const d = await arg();
        this.setVar(part.name, d);
        return d;
      }
      case ':+':
      case '+':
        return unset ? '' : arg();
      case ':?':
      case '?':
        if (!unset) return v!;
        throw new ExpansionError(`${part.name}: ${(await arg()) || 'parameter null or not set'}`);
      case 'strip#':
      case 'strip##':
      case 'strip%':
      case 'strip%%':
        return stripPattern(v ?? '', await this.pattern(part.arg ?? [], ctx), part.op);
      case '/':
      case '//':
      case '/#':
      case '/%':
        return replacePattern(v ?? '', await this.pattern(part.arg ?? [], ctx), (await this.expandWord(part.arg2 ?? [], ctx, false)).join(''), part.op);
      case 'slice':
        return substring(v ?? '', arith(part.slice![0], this), part.slice![1] === undefined ? undefined : arith(part.slice![1], this), part.slice!);
      case '^^':
        return (v ?? '').toUpperCase();
      case ',,':
        return (v ?? '').toLowerCase();
      case '^':
        return (v ?? '').slice(0, 1).toUpperCase() + (v ?? '').slice(1);
      case ',':
        return (v ?? '').slice(0, 1).toLowerCase() + (v ?? '').slice(1);
    }
    return v ?? '';
  }

  /** A pattern word as a regex source: unquoted * ? [...] are glob characters, quoted ones literal. */
  private async pattern(w: Word, ctx: Ctx): Promise<string> {
    let src = '';
    for (const part of w) {
      if (part.k === 'tilde') src += escapeRegex(this.getVar('HOME') ?? '/');
      else if (part.k === 'lit') src += part.q ? escapeRegex(part.v) : globToRegex(part.v);
      else {
        const text = (await this.expandWord([part], ctx, false)).join('');
        // A process substitution's file name is a name, not a pattern.
        src += part.k === 'procsub' || part.q ? escapeRegex(text) : globToRegex(text);
      }
    }
    return src;
  }

  /** `$(...)`: what the list prints, trailing newlines dropped. */
  async commandSubstitution(src: string, ctx: Ctx): Promise<string> {
    return (await this.subshellOutput(src, ctx)).replace(/\n+$/, '');
  }

  /**
   * `<(list)`: the list runs now (the way `$(...)` does) and the word is the name of a file that
   * holds all it printed. bash gives a pipe's name, /dev/fd/63 for the first of a command, 62 for
   * the next...; here it is a file of that name, written before the command reads it.
   */
  async processSubstitution(src: string, ctx: Ctx): Promise<string> {
    let fd = 63;
    while (this.procSubs.has(fd)) fd--;
    this.procSubs.set(fd, '');
    const text = await this.subshellOutput(src, ctx);
    // Where there is no /dev/fd to write (`npm run sim` over the real files), bash's other way:
    // a named pipe in /tmp.
    let path = `/dev/fd/${fd}`;
    try {
      this.fs.mkdir('/dev/fd', { recursive: true });
      this.fs.writeFile(path, text);
    } catch {
      path = `/tmp/sh-np.${fd}`;
      this.fs.writeFile(path, text);
    }
    this.procSubs.set(fd, path);
    return path;
  }

  /**
   * What `src` prints, run in a copy of the shell state as the subshell of `$(...)` or `<(...)`:
   * `cd`, variables, `exit`, `break` and `return` stay inside. Its commands are on the line of
   * the command that holds it.
   */
  private async subshellOutput(src: string, ctx: Ctx): Promise<string> {
    let buf = '';
    const saved = { cwd: this.cwd, env: { ...this.env }, locals: { ...this.locals }, lineBase: this.lineBase, lineno: this.lineno };
    this.lineBase = this.lineno - 1;
    try {
      await this.run(src, { ...ctx, stdin: '', terminal: false, out: (t) => (buf += t), isTTY: false });
    } catch (e) {
      if (!(e instanceof ExitRequest) && !(e instanceof LoopControl) && !(e instanceof ReturnRequest)) throw e;
    } finally {
      const status = this.lastStatus;
      Object.assign(this, saved);
      this.lastStatus = status;
    }
    return buf;
  }

  /** Closes the process substitutions opened since `before` (the descriptors then in use). */
  private closeProcSubs(before: ReadonlySet<number>): void {
    for (const [fd, path] of this.procSubs) {
      if (before.has(fd)) continue;
      this.procSubs.delete(fd);
      try {
        if (path) this.fs.rm(path);
      } catch {
        // Already gone (the command removed it): nothing to close.
      }
    }
  }

  /** Here-document bodies and `$((...))`: `$VAR` and `${VAR}` expanded, `\$` kept literal; `$(...)` is not run here. */
  expandHeredocSync(body: string): string {
    return body.replace(/\\([$`\\])|\$\{([A-Za-z_][A-Za-z0-9_]*)\}|\$([A-Za-z_][A-Za-z0-9_]*|[?$!#0])/g, (_m, esc, a, b) =>
      esc !== undefined ? esc : (this.getVar(a ?? b) ?? ''),
    );
  }

  // ---- jobs -----------------------------------------------------------------------------

  private startJob(item: AndOr, ctx: Ctx): void {
    const interrupt = new Interruptor();
    const id = (this.jobs.length ? Math.max(...this.jobs.map((j) => j.id)) : 0) + 1;
    const pid = this.nextPid++;
    const jobCtx: Ctx = { stdin: '', out: this.terminal.out, err: this.terminal.err, signal: interrupt, isTTY: ctx.isTTY, background: true };
    const fg = { ...item, background: false };
    const job: Job = { id, pid, src: item.src.replace(/\s*&$/, ''), state: 'Running', status: 0, interrupt, promise: Promise.resolve(0), reported: false };
    job.promise = this.runAndOr(fg, jobCtx).then(
      (s) => s,
      (e) => (e instanceof ExitRequest ? e.status : (this.terminal.err(`${this.name}: ${errorText(e)}\n`), 1)),
    ).then((s) => {
      job.status = s;
      job.state = interrupt.aborted ? 'Terminated' : 'Done';
      return s;
    });
    this.jobs.push(job);
    this.lastBgPid = pid;
    if (ctx.isTTY) ctx.err(`[${id}] ${pid}\n`);
  }

  /** The `[1]+  Done  cmd` lines bash prints before the next prompt; forgets those jobs. */
  takeFinishedJobs(): string {
    let out = '';
    for (const j of this.jobs) {
      if (j.state === 'Running') continue;
      const state = j.state === 'Done' && j.status !== 0 ? `Exit ${j.status}` : j.state;
      out += formatJob(j, this.jobMark(j), state, false);
      j.reported = true;
    }
    this.jobs = this.jobs.filter((j) => !j.reported);
    return out;
  }

  jobMark(j: Job): string {
    const n = this.jobs.length;
    if (this.jobs[n - 1] === j) return '+';
    if (this.jobs[n - 2] === j) return '-';
    return ' ';
  }

  findJob(spec: string): Job | undefined {
    if (spec === '%%' || spec === '%+' || spec === '%') return this.jobs[this.jobs.length - 1];
    if (spec === '%-') return this.jobs[this.jobs.length - 2];
    if (/^%\d+$/.test(spec)) return this.jobs.find((j) => j.id === Number(spec.slice(1)));
    if (/^\d+$/.test(spec)) return this.jobs.find((j) => j.pid === Number(spec));
    if (spec.startsWith('%')) return this.jobs.find((j) => j.src.startsWith(spec.slice(1)));
    return undefined;
  }

  /** Stops every background job (session end, `lab reset`). */
  async killAll(): Promise<void> {
    for (const j of this.jobs) j.interrupt.abort();
    await Promise.race([Promise.all(this.jobs.map((j) => j.promise)), yieldTurn()]);
  }
}

export function formatJob(j: Job, mark: string, state: string, withAmp: boolean): string {
  // bash jobs.c pretty_print_job: `[%d]%c ` then the status padded to the command column.
  return `[${j.id}]${mark}  ${state.padEnd(24)}${j.src}${withAmp ? ' &' : ''}\n`;
}

export class ExpansionError extends Error {}

/** A word expanded as one string (redirection targets); undefined when it would split into several. */
function expandWordNoSplit(w: Word, shell: Shell): string | undefined {
  let s = '';
  for (const p of w) {
    if (p.k === 'lit') s += p.v;
    else if (p.k === 'tilde') s += shell.getVar('HOME') ?? '/';
    else if (p.k === 'var') s += shell.getVar(p.name) ?? '';
    else if (p.k === 'arith') s += String(arith(shell.expandHeredocSync(p.src), shell));
    else return undefined;
  }
  return s;
}

/** No process substitution open (runCmdUnguarded). */
const NONE_OPEN: ReadonlySet<number> = new Set();

const IFS_SEPARATORS = new Map<string, RegExp>();

/**
 * What separates fields for an IFS (XCU 2.6.5): a run of its white space, or one of its other
 * characters with the white space around it.
 */
function ifsSeparator(ifs: string): RegExp {
  let re = IFS_SEPARATORS.get(ifs);
  if (!re) {
    const white = [...new Set(ifs)].filter((c) => ' \t\n'.includes(c)).map(escapeRegex).join('');
    const other = [...new Set(ifs)].filter((c) => !' \t\n'.includes(c)).map(escapeRegex).join('');
    const w = white ? `[${white}]` : '';
    re = new RegExp([other && `${w && w + '*'}[${other}]${w && w + '*'}`, w && `${w}+`].filter(Boolean).join('|'));
    IFS_SEPARATORS.set(ifs, re);
  }
  return re;
}

/**
 * A function as `type` shows it: bash prints it again from its tree (print_cmd.c), the body of a
 * `{ ...; }` one command a line, indented by four spaces.
 */
function functionText(fn: Extract<Cmd, { t: 'func' }>): string {
  const b = fn.body;
  if (b.t === 'group' && !b.subshell) return `${fn.name} () \n{ \n${b.body.items.map((i) => `    ${i.src}${i.background ? ' &' : ''}\n`).join('')}}\n`;
  return `${fn.name} () \n${fn.bodySrc}\n`;
}

function wordSource(w: Word): string {
  return w.map((p) => (p.k === 'lit' ? p.v : p.k === 'var' ? `$${p.name}` : p.k === 'tilde' ? '~' : p.k === 'cmd' ? `$(${p.src})` : p.k === 'procsub' ? `<(${p.src})` : `$((${p.src}))`)).join('');
}

export function errorText(e: unknown): string {
  if (e instanceof FsError) return fsErrorText(e);
  if (e instanceof Error) return e.message;
  return String(e);
}

/** The strerror text a shell prints for a file system error. */
export function fsErrorText(e: unknown): string {
  return e instanceof FsError ? STRERROR[e.code] : errorText(e);
}

// ---- globbing -----------------------------------------------------------------------------

/** `*.yaml`, `dir/*.yaml`: matches within one directory level per segment; sorted like bash. */
export function glob(fs: FileSystem, cwd: string, pattern: string): string[] {
  const abs = pattern.startsWith('/');
  const segs = pattern.split('/').filter((s, i) => s || i === 0);
  let paths: string[] = [abs ? '/' : ''];
  for (const seg of segs) {
    if (!seg) continue;
    const next: string[] = [];
    for (const base of paths) {
      const dir = resolvePath(cwd, base || '.');
      if (!/(^|[^\\])[*?]/.test(seg)) {
        const p = base ? (base.endsWith('/') ? base + unescape(seg) : `${base}/${unescape(seg)}`) : unescape(seg);
        if (fs.exists(resolvePath(cwd, p))) next.push(p);
        continue;
      }
      let names: string[];
      try {
        names = fs.readdir(dir);
      } catch {
        continue;
      }
      const re = globRegExp(seg);
      for (const n of names) {
        if (n.startsWith('.') && !seg.startsWith('.')) continue;
        if (re.test(n)) next.push(base ? (base.endsWith('/') ? base + n : `${base}/${n}`) : n);
      }
    }
    paths = next;
  }
  return paths.sort();
}

function unescape(s: string): string {
  return s.replace(/\\(.)/g, '$1');
}

function globRegExp(seg: string): RegExp {
  let re = '^';
  for (let i = 0; i < seg.length; i++) {
    const c = seg[i];
    if (c === '\\') re += escapeRe(seg[++i] ?? '');
    else if (c === '*') re += '.*';
    else if (c === '?') re += '.';
    else re += escapeRe(c);
  }
  return new RegExp(re + '$');
}

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

// ---- arithmetic ---------------------------------------------------------------------------

/** `$((...))`: bash's arithmetic (arith.ts); its errors are expansion errors here. */
export function arith(src: string, shell: Shell): number {
  try {
    return evalArith(src, shell);
  } catch (e) {
    if (e instanceof ArithError) throw new ExpansionError(e.message);
    throw e;
  }
}

// ---- builtins -----------------------------------------------------------------------------

/** bash's reserved words (parse.y word_token_alist), which `type` names as keywords. */
const RESERVED_WORDS = new Set(['if', 'then', 'else', 'elif', 'fi', 'case', 'esac', 'for', 'select', 'while', 'until', 'do', 'done', 'in', 'function', 'time', '{', '}', '!', '[[', ']]', 'coproc']);

/** POSIX's special builtins (XCU 2.14): assignments before them outlive the command. */
const SPECIAL_BUILTINS = new Set(['break', ':', 'continue', '.', 'eval', 'exec', 'exit', 'export', 'readonly', 'return', 'set', 'shift', 'times', 'trap', 'unset']);

/** Builtins that coreutils also installs as programs (/usr/bin/echo...): what exec finds for them. */
const PATH_TWINS = new Set(['echo', 'printf', 'true', 'false', 'test', '[', 'pwd', 'kill']);

export const CORE_BUILTINS: Record<string, Builtin> = {
  break: (args, ctx, sh) => loopControl('break', args, ctx, sh),
  continue: (args, ctx, sh) => loopControl('continue', args, ctx, sh),
  true: () => 0,
  false: () => 1,
  ':': () => 0,
  echo: (args, ctx) => {
    ctx.out(echoText(args));
    return 0;
  },
  cd: (args, ctx, sh) => {
    const target = args[0] === undefined || args[0] === '~' ? (sh.getVar('HOME') ?? '/') : args[0] === '-' ? (sh.getVar('OLDPWD') ?? sh.cwd) : args[0];
    const p = resolvePath(sh.cwd, target);
    try {
      if (sh.fs.stat(p).type !== 'dir') throw new FsError('ENOTDIR', p);
    } catch (e) {
      ctx.err(`${sh.name}: cd: ${target}: ${fsErrorText(e)}\n`);
      return 1;
    }
    sh.env.OLDPWD = sh.cwd;
    sh.cwd = p;
    sh.env.PWD = p;
    if (args[0] === '-') ctx.out(p + '\n');
    return 0;
  },
  pwd: (_a, ctx, sh) => {
    ctx.out(sh.cwd + '\n');
    return 0;
  },
  export: (args, ctx, sh) => {
    if (!args.length || args[0] === '-p') {
      for (const k of Object.keys(sh.env).sort()) ctx.out(`declare -x ${k}="${sh.env[k].replace(/["\\$`]/g, '\\$&')}"\n`);
      return 0;
    }
    let status = 0;
    for (const a of args) {
      const m = /^([A-Za-z_][A-Za-z0-9_]*)(?:=([\s\S]*))?$/.exec(a);
      if (!m) {
        ctx.err(`${sh.name}: export: \`${a}': not a valid identifier\n`);
        status = 1;
        continue;
      }
      const v = m[2] ?? sh.locals[m[1]] ?? sh.env[m[1]] ?? '';
      delete sh.locals[m[1]];
      sh.env[m[1]] = v;
    }
    return status;
  },
  unset: (args, _ctx, sh) => {
    // -f: functions; -v: variables; neither: the variable, or else the function (unset.def).
    let mode = '';
    for (const a of args) {
      if (a === '-f' || a === '-v') {
        mode = a;
        continue;
      }
      const isVar = a in sh.locals || a in sh.env;
      if (mode === '-f' || (!mode && !isVar)) delete sh.functions[a];
      else {
        delete sh.locals[a];
        delete sh.env[a];
      }
    }
    return 0;
  },
  return: (args, ctx, sh) => {
    if (!sh.inFunction) {
      ctx.err(`${sh.name}: return: can only \`return' from a function or sourced script\n`);
      return 1;
    }
    if (args[0] !== undefined && !/^-?\d+$/.test(args[0])) {
      ctx.err(`${sh.name}: return: ${args[0]}: numeric argument required\n`);
      throw new ReturnRequest(2);
    }
    throw new ReturnRequest(args[0] !== undefined ? Number(args[0]) & 255 : sh.lastStatus);
  },
  local: (args, ctx, sh) => {
    let status = 0;
    for (const a of args) {
      const m = /^([A-Za-z_][A-Za-z0-9_]*)(?:=([\s\S]*))?$/.exec(a);
      if (!m) {
        ctx.err(`${sh.name}: local: \`${a}': not a valid identifier\n`);
        status = 1;
        continue;
      }
      if (!sh.declareLocal(m[1], m[2])) {
        ctx.err(`${sh.name}: local: can only be used in a function\n`);
        return 1;
      }
    }
    return status;
  },
  exit: (args, _ctx, sh) => {
    throw new ExitRequest(args[0] !== undefined ? Number.parseInt(args[0], 10) & 255 || 0 : sh.lastStatus);
  },
  test: (args, ctx, sh) => testCommand(args, ctx, sh, 'test'),
  '[': (args, ctx, sh) => {
    if (args[args.length - 1] !== ']') {
      ctx.err(`${sh.name}: [: missing \`]'\n`);
      return 2;
    }
    return testCommand(args.slice(0, -1), ctx, sh, '[');
  },
  jobs: (_a, ctx, sh) => {
    for (const j of sh.jobs) {
      const state = j.state === 'Done' && j.status !== 0 ? `Exit ${j.status}` : j.state;
      ctx.out(formatJob(j, sh.jobMark(j), state, j.state === 'Running'));
      if (j.state !== 'Running') j.reported = true;
    }
    sh.jobs = sh.jobs.filter((j) => !j.reported);
    return 0;
  },
  kill: async (args, ctx, sh) => {
    const specs = args.filter((a) => !/^-(\d+|[A-Z]+|s)$/.test(a));
    if (!specs.length) {
      ctx.err(`${sh.name}: kill: usage: kill [-s sigspec | -n signum | -sigspec] pid | jobspec ... or kill -l [sigspec]\n`);
      return 2;
    }
    let status = 0;
    const killed: Job[] = [];
    for (const s of specs) {
      const j = sh.findJob(s);
      if (!j) {
        ctx.err(s.startsWith('%') ? `${sh.name}: kill: ${s}: no such job\n` : /^\d+$/.test(s) ? `${sh.name}: kill: (${s}) - No such process\n` : `${sh.name}: kill: ${s}: arguments must be process or job IDs\n`);
        status = 1;
        continue;
      }
      j.interrupt.abort();
      killed.push(j);
    }
    // Let the killed jobs unwind, so `[1]+  Terminated` shows before the next prompt.
    for (let i = 0; i < 3 && killed.some((j) => j.state === 'Running'); i++) await yieldTurn();
    return status;
  },
  fg: async (args, ctx, sh) => {
    const j = sh.findJob(args[0] ?? '%%');
    if (!j) {
      ctx.err(`${sh.name}: fg: ${args[0] ?? 'current'}: no such job\n`);
      return 1;
    }
    ctx.out(j.src + '\n');
    const off = ctx.signal.onAbort(() => j.interrupt.abort());
    await waitForJobs(sh, [j], ctx);
    off();
    if (j.state === 'Running') return 130;
    j.reported = true;
    sh.jobs = sh.jobs.filter((x) => x !== j);
    return j.status;
  },
  wait: async (_a, ctx, sh) => {
    await waitForJobs(sh, sh.jobs.filter((j) => j.state === 'Running'), ctx);
    return ctx.signal.aborted ? 130 : 0;
  },
  history: (args, ctx, sh) => {
    if (args[0] === '-c') {
      sh.history.length = 0;
      return 0;
    }
    const n = args[0] !== undefined ? Number.parseInt(args[0], 10) : sh.history.length;
    const start = Math.max(0, sh.history.length - (Number.isFinite(n) ? n : sh.history.length));
    for (let i = start; i < sh.history.length; i++) ctx.out(`${String(i + 1).padStart(5)}  ${sh.history[i]}\n`);
    return 0;
  },
  alias: (args, ctx, sh) => {
    let status = 0;
    if (!args.length) for (const k of Object.keys(sh.aliases).sort()) ctx.out(`alias ${k}='${sh.aliases[k]}'\n`);
    for (const a of args) {
      const eq = a.indexOf('=');
      if (eq > 0) sh.aliases[a.slice(0, eq)] = a.slice(eq + 1);
      else if (sh.aliases[a] !== undefined) ctx.out(`alias ${a}='${sh.aliases[a]}'\n`);
      else {
        ctx.err(`${sh.name}: alias: ${a}: not found\n`);
        status = 1;
      }
    }
    return status;
  },
  unalias: (args, ctx, sh) => {
    let status = 0;
    for (const a of args) {
      if (sh.aliases[a] === undefined) {
        ctx.err(`${sh.name}: unalias: ${a}: not found\n`);
        status = 1;
      }
      delete sh.aliases[a];
    }
    return status;
  },
  complete: (args, ctx, sh) => completeBuiltin(args, ctx, sh),
  read: (args, ctx, sh) => readBuiltin(args, ctx, sh),
  source: (args, ctx, sh) => sourceFile(args, ctx, sh),
  '.': (args, ctx, sh) => sourceFile(args, ctx, sh),
  printf: (args, ctx, sh) => {
    if (!args.length) {
      ctx.err(`${sh.name}: printf: usage: printf [-v var] format [arguments]\n`);
      return 2;
    }
    const r = formatPrintf(args[0], args.slice(1));
    // The complaints go to stderr at once; stdout is flushed when the builtin ends.
    for (const e of r.errors) ctx.err(`${sh.name}: printf: ${e}\n`);
    ctx.out(r.out);
    return r.status;
  },
  type: (args, ctx, sh) => {
    let status = 0;
    // bash's order (type.def describe_command): alias, keyword, function, builtin, file.
    for (const a of args) {
      if (sh.aliases[a] !== undefined) ctx.out(`${a} is aliased to \`${sh.aliases[a]}'\n`);
      else if (RESERVED_WORDS.has(a)) ctx.out(`${a} is a shell keyword\n`);
      else if (sh.functions[a]) ctx.out(`${a} is a function\n${functionText(sh.functions[a])}`);
      else if (sh.builtins[a] && !sh.onPath.has(a)) ctx.out(`${a} is a shell builtin\n`);
      else if (sh.programs[a] || sh.onPath.has(a)) ctx.out(`${a} is ${sh.programDir}/${a}\n`);
      else {
        ctx.err(`${sh.name}: type: ${a}: not found\n`);
        status = 1;
      }
    }
    return status;
  },
  which: (args, ctx, sh) => {
    let status = 0;
    for (const a of args) {
      if (sh.programs[a] || sh.onPath.has(a)) ctx.out(`${sh.programDir}/${a}\n`);
      else status = 1;
    }
    return status;
  },
};

/**
 * Waits for jobs in the foreground. The foreground's sleeps are what move virtual time in a
 * script, so this waits in steps of one virtual second; a script gives up after an hour of
 * virtual time (a job that never ends, such as `kubectl proxy`, would otherwise hang the run).
 */
async function waitForJobs(sh: Shell, jobs: Job[], ctx: Ctx): Promise<void> {
  const services = ctx.background ? sh.backgroundServices : sh.services;
  const deadline = services.now() + 3_600_000;
  while (jobs.some((j) => j.state === 'Running') && !ctx.signal.aborted) {
    if (!services.interactive && services.now() >= deadline) return;
    let done = false;
    const all = Promise.all(jobs.map((j) => j.promise)).then(() => void (done = true));
    await Promise.race([all, services.sleep(1000, ctx.signal)]);
    if (done) return;
  }
}

/** `source FILE`: runs the file's lines in this shell. */
async function sourceFile(args: string[], ctx: Ctx, sh: Shell): Promise<number> {
  if (!args.length) {
    ctx.err(`${sh.name}: source: filename argument required\nsource: usage: source filename [arguments]\n`);
    return 2;
  }
  let text: string;
  try {
    text = sh.fs.readFile(resolvePath(sh.cwd, args[0]));
  } catch (e) {
    ctx.err(`${sh.name}: ${args[0]}: ${fsErrorText(e)}\n`);
    return 1;
  }
  if (sh.sourceDepth >= 32) {
    ctx.err(`${sh.name}: ${args[0]}: maximum source nesting level exceeded (32)\n`);
    return 1;
  }
  sh.sourceDepth++;
  try {
    return await sh.run(text, ctx);
  } finally {
    sh.sourceDepth--;
  }
}

/** printf FORMAT [ARG...] as bash prints it (printf.ts), without its complaints. */
export function printf(format: string, args: string[]): string {
  return formatPrintf(format, args).out;
}

/** `echo` with -n and -e (the escapes of printf's %b). */
export function echoText(args: string[]): string {
  let newline = true;
  let escapes = false;
  while (args.length && /^-[neE]+$/.test(args[0])) {
    if (args[0].includes('n')) newline = false;
    if (args[0].includes('e')) escapes = true;
    args = args.slice(1);
  }
  const s = args.join(' ');
  if (!escapes) return s + (newline ? '\n' : '');
  // bash's echo -e: printf %b's escapes; \c ends the output, newline included.
  const e = backslashEscapes(s);
  return e.text + (newline && !e.stop ? '\n' : '');
}

/** `test` / `[` (test-expr.ts); errors print as bash's `bash: [: x: unary operator expected`. */
function testCommand(args: string[], ctx: Ctx, sh: Shell, name: string): number {
  const r = evalTest(args, sh.fs, sh.cwd);
  if (r.status === 2) ctx.err(`${sh.name}: ${name}: ${r.error}\n`);
  return r.status;
}

/** ${v/p/r} the first longest match replaced, // every one, /# at the start, /% at the end. */
function replacePattern(v: string, src: string, rep: string, op: '/' | '//' | '/#' | '/%'): string {
  if (!src) return v;
  const whole = new RegExp(`^(?:${src})$`);
  const n = v.length;
  if (op === '/#') {
    for (let j = n; j >= 0; j--) if (whole.test(v.slice(0, j))) return rep + v.slice(j);
    return v;
  }
  if (op === '/%') {
    for (let i = 0; i <= n; i++) if (whole.test(v.slice(i))) return v.slice(0, i) + rep;
    return v;
  }
  let out = '';
  let i = 0;
  while (i < n) {
    let end = -1;
    for (let j = n; j > i; j--)
      if (whole.test(v.slice(i, j))) {
        end = j;
        break;
      }
    if (end < 0) {
      out += v[i++];
      continue;
    }
    out += rep;
    i = end;
    if (op === '/') return out + v.slice(i);
  }
  return out;
}

/** ${v:offset:length}: a negative offset counts from the end, a negative length stops that far from it. */
function substring(v: string, offset: number, length: number | undefined, src: [string, string | undefined]): string {
  const start = offset < 0 ? Math.max(0, v.length + offset) : Math.min(offset, v.length);
  if (length === undefined) return v.slice(start);
  const end = length < 0 ? v.length + length : start + length;
  if (end < start) throw new ExpansionError(`${src[1]!.trim()}: substring expression < 0`);
  return v.slice(start, end);
}

/** bash's break/continue (builtins/break.def): N loops up (at most as many as enclose it). */
function loopControl(kind: 'break' | 'continue', args: string[], ctx: Ctx, sh: Shell): number {
  const n = args[0] === undefined ? 1 : Number(args[0]);
  if (!/^-?\d+$/.test(args[0] ?? '1')) {
    ctx.err(`${sh.name}: ${kind}: ${args[0]}: numeric argument required\n`);
    return 1;
  }
  if (n < 1) {
    ctx.err(`${sh.name}: ${kind}: ${args[0]}: loop count out of range\n`);
    return 1;
  }
  if (!sh.loopDepth) {
    ctx.err(`${sh.name}: ${kind}: only meaningful in a \`for', \`while', or \`until' loop\n`);
    return 0;
  }
  throw new LoopControl(kind, Math.min(n, sh.loopDepth));
}
