// What runs inside a container: `kubectl exec web-0 -- hostname`, `kubectl exec web-0 -- sh -c
// '...'` and the interactive `kubectl exec -it web-0 -- sh`. The same interpreter as the
// learner's shell, over the container's file system, with only the programs its image has.
import type { ContainerEnv } from '../cluster/runtime-api.ts';
import { CORE_BUILTINS, ExitRequest, Shell, errorText, fsErrorText, type Builtin, type Ctx } from './interpreter.ts';
import { FsError, resolvePath } from '../cluster/fs.ts';
import { evalTest } from '../cluster/kubelet/test-expr.ts';
import { BUSYBOX_PROGRAMS, COMMON_PROGRAMS } from './programs.ts';
import { curl } from './curl.ts';
import type { Dial } from '../cluster/kubelet/programs/http-client.ts';
import { wget } from './wget.ts';
import { backslashEscapes } from './printf.ts';
import { busyboxNslookupKind, nslookup } from './nslookup.ts';
import type { Command, CommandIO, InteractiveShell, Interrupt, Services } from './types.ts';

const SHELLS = ['sh', 'bash', 'ash', 'dash'];

type Flavour = 'busybox' | 'dash' | 'bash';

function isBusybox(env: ContainerEnv): boolean {
  return /(^|\/)busybox(:|@|$)/.test(env.image) || env.programs.includes('busybox');
}

/**
 * Runs `argv` in the container as the runtime would for `kubectl exec`: a program the image does
 * not have fails as Docker's OCI runtime reports it (exit 126; kubectl then prints
 * `command terminated with exit code 126`). A shell without `-c` reads its script from stdin, or,
 * when `io.isTTY` (`kubectl exec -it`) and the host can attach, becomes an interactive shell
 * until `exit`.
 */
export async function runInContainer(env: ContainerEnv, argv: string[], io: CommandIO, services: Services): Promise<number> {
  const cmd = argv[0] ?? '';
  const base = cmd.slice(cmd.lastIndexOf('/') + 1);
  if (!env.programs.includes(base)) {
    io.stderr(`OCI runtime exec failed: exec failed: unable to start container process: exec: "${cmd}": ${cmd.includes('/') ? 'stat ' + cmd + ': no such file or directory' : 'executable file not found in $PATH'}: unknown\n`);
    return 126;
  }
  const flavour: Flavour = base === 'bash' ? 'bash' : isBusybox(env) ? 'busybox' : 'dash';
  // Interactive once it reads the learner's lines (ash's iflag: not with -c, not from a pipe).
  let interactive = false;
  const shell = containerShell(env, services, io, flavour, SHELLS.includes(base) ? base : 'sh', () => interactive);
  const ctx: Ctx = { stdin: io.stdin, out: io.stdout, err: io.stderr, signal: io.signal, isTTY: io.isTTY, background: false };
  try {
    if (SHELLS.includes(base)) {
      const c = argv.indexOf('-c');
      if (c > 0) {
        if (argv[c + 1] === undefined) {
          io.stderr(`${base}: -c requires an argument\n`);
          return 2;
        }
        // sh -c SCRIPT [NAME [ARG...]]: NAME is $0, the ARGs $1...
        if (argv.length > c + 2) {
          shell.arg0 = argv[c + 2];
          shell.positional = argv.slice(c + 3);
        }
        return await shell.run(argv[c + 1], { ...ctx, stdin: io.stdin });
      }
      if (io.isTTY && services.attach) {
        interactive = true;
        return await services.attach(new ContainerSession(shell, env, flavour));
      }
      return await shell.run(io.stdin, { ...ctx, stdin: '' });
    }
    const program = shell.programs[base];
    if (!program) {
      // echo, true, false, test, [, pwd, kill, printf: the image's own programs, which run here
      // as builtins: busybox's applets share ash's code; Debian's are coreutils, like bash's
      // (/bin/echo takes -e where dash's builtin echo does not).
      const builtin = (flavour === 'busybox' ? shell.builtins : CORE_BUILTINS)[base];
      if (builtin) return await builtin(argv.slice(1), ctx, shell);
    }
    // Run directly, no shell: the environment the runtime gives, without the PWD a shell exports.
    return await program({ ...io, argv: [base, ...argv.slice(1)], env: processEnv(env), cwd: shell.cwd, fs: env.fs }, services);
  } catch (e) {
    if (e instanceof ExitRequest) return e.status;
    io.stderr(`${base}: ${errorText(e)}\n`);
    return 1;
  }
}

/** An interactive shell in a container (`kubectl exec -it web-0 -- sh`), driven line by line by the host. */
export class ContainerSession implements InteractiveShell {
  private readonly shell: Shell;
  private readonly env: ContainerEnv;
  private readonly flavour: Flavour;
  private linesRead = 0;

  constructor(shell: Shell, env: ContainerEnv, flavour: Flavour) {
    this.shell = shell;
    this.env = env;
    this.flavour = flavour;
  }

  /** busybox ash `\w \$ ` → `/ # `; dash `# `; bash in Debian images `root@web-0:/# `. */
  prompt(): string {
    const home = this.shell.env.HOME ?? '/root';
    const w = this.shell.cwd === home ? '~' : this.shell.cwd.startsWith(home + '/') ? '~' + this.shell.cwd.slice(home.length) : this.shell.cwd;
    if (this.flavour === 'busybox') return `${w} # `;
    if (this.flavour === 'bash') return `root@${this.env.hostname}:${w}# `;
    return '# ';
  }

  async run(src: string, out: { stdout(t: string): void; stderr(t: string): void }, signal: Interrupt): Promise<number | undefined> {
    this.shell.history.push(src);
    // An interactive dash counts the lines it has read: its messages say `sh: 3: x: not found`.
    this.shell.lineBase = this.linesRead;
    this.linesRead += src.split('\n').length;
    try {
      // Its standard input is the learner's terminal, through kubectl exec -it: `read` waits for keys.
      await this.shell.run(src, { stdin: '', out: out.stdout, err: out.stderr, signal, isTTY: true, terminal: true, background: false });
      return undefined;
    } catch (e) {
      if (e instanceof ExitRequest) return e.status;
      out.stderr(`${this.shell.name}: ${errorText(e)}\n`);
      return undefined;
    }
  }

  /** Ctrl-D on an empty line: the shell exits with the last status. */
  eof(): number {
    return this.shell.lastStatus;
  }

  completions(): string[] {
    return Object.keys(this.shell.programs).concat(Object.keys(this.shell.builtins)).sort();
  }
}

function containerShell(env: ContainerEnv, services: Services, io: Pick<CommandIO, 'stdout' | 'stderr' | 'columns'>, flavour: Flavour, name: string, interactive: () => boolean): Shell {
  const programs: Record<string, Command> = {};
  const from = { namespace: env.namespace, pod: env.pod };
  const network = services.network;
  const dial: Dial = (url, req) => network.open?.(from, url, req) ?? { result: network.http(from, url, req) };
  const all: Record<string, Command> = {
    ...COMMON_PROGRAMS,
    ...(flavour === 'busybox' ? BUSYBOX_PROGRAMS : {}),
    hostname: hostnameCmd(env, flavour),
    nslookup: (cio) => nslookup(cio, services, env, flavour === 'busybox' ? busyboxNslookupKind(env.image) : 'bind'),
    curl: (cio, s) => curl(cio, s, dial),
    wget: (cio, s) => wget(cio, s, dial),
    whoami: async (cio) => (cio.stdout('root\n'), 0),
    id: async (cio) => (cio.stdout('uid=0(root) gid=0(root) groups=0(root)\n'), 0),
    uname: async (cio) => (cio.stdout(cio.argv.includes('-a') ? `Linux ${env.hostname} 6.6.95 #1 SMP PREEMPT_DYNAMIC x86_64 GNU/Linux\n` : 'Linux\n'), 0),
  };
  for (const p of env.programs) {
    if (SHELLS.includes(p) || ['echo', 'true', 'false', 'test', 'pwd', 'kill', 'printf', '['].includes(p)) continue;
    programs[p] = all[p] ?? notSimulated(p);
  }
  const shell: Shell = new Shell({
    name,
    fs: env.fs,
    cwd: '/',
    // ash and dash export PWD (setpwd: setvar("PWD", dir, VEXPORT)), bash too.
    env: { ...processEnv(env), PWD: '/' },
    programs,
    services,
    backgroundServices: services.background,
    builtins:
      flavour === 'busybox'
        ? { test: busyboxTest(false), '[': busyboxTest(true), cd: shCd(flavour, interactive), history: busyboxHistory }
        : flavour === 'dash'
          ? { cd: shCd(flavour, interactive), echo: dashEcho, history: dashHasNo('history') }
          : {},
    // The busybox image keeps its applets in /bin; Debian's are in /usr/bin (merged /usr, first on PATH).
    programDir: flavour === 'busybox' ? '/bin' : '/usr/bin',
    columns: () => io.columns,
    terminal: { out: (t) => io.stdout(t), err: (t) => io.stderr(t) },
    // ash: `sh: x: not found`; dash names the line always (exvwarning2); bash only when not
    // interactive (`bash: line 1: x: command not found`).
    notFound: (cmd): string =>
      flavour === 'busybox' ? `${name}: ${cmd}: not found\n`
      : flavour === 'dash' ? `${name}: ${shell.lineno}: ${cmd}: not found\n`
      : interactive() ? `bash: ${cmd}: command not found\n` : `bash: line ${shell.lineno}: ${cmd}: command not found\n`,
  });
  return shell;
}

/**
 * The environment a container's process starts with: the image's (PATH first), HOSTNAME and the
 * kubelet's variables (containerd's CRI puts them after the image's), then HOME, which runc
 * appends when the image does not set it (libcontainer init: os.Setenv("HOME", user's home)).
 */
function processEnv(env: ContainerEnv): Record<string, string> {
  const out: Record<string, string> = { PATH: '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin', HOSTNAME: env.hostname, ...env.env };
  if (out.HOME === undefined) out.HOME = '/root';
  return out;
}

/** busybox ash's test and [ (coreutils/test.c): errors as `sh: x: unknown operand`, `sh: missing ]`. */
function busyboxTest(bracket: boolean): Builtin {
  return (args, ctx, sh) => {
    if (bracket) {
      if (args[args.length - 1] !== ']') {
        ctx.err(`${sh.name}: missing ]\n`);
        return 2;
      }
      args = args.slice(0, -1);
    }
    const r = evalTest(args, sh.fs, sh.cwd);
    if (r.status === 2) ctx.err(`${sh.name}: ${r.busybox}\n`);
    return r.status;
  };
}

/**
 * cd in busybox ash and dash: a directory that is not there raises the shell's error, "can't cd
 * to DIR" (ash cdcmd ash_msg_and_raise_perror, dash cdcmd sh_error), and the shell goes on with
 * status 2. ash adds strerror and, when not interactive, the line (ash_vmsg: `sh: cd: line 1:
 * can't cd to /x: No such file or directory`); dash always puts the line first and no strerror
 * (exvwarning2: `sh: 1: cd: can't cd to /x`), each with the command's line.
 */
function shCd(flavour: 'busybox' | 'dash', interactive: () => boolean): Builtin {
  return (args, ctx, sh) => {
    const target = args[0] === undefined || args[0] === '~' ? (sh.getVar('HOME') ?? '/') : args[0] === '-' ? (sh.getVar('OLDPWD') ?? sh.cwd) : args[0];
    let why: string | undefined;
    try {
      if (sh.fs.stat(resolvePath(sh.cwd, target)).type !== 'dir') throw new FsError('ENOTDIR', target);
    } catch (e) {
      why = fsErrorText(e);
    }
    if (why === undefined) return CORE_BUILTINS.cd(args, ctx, sh);
    ctx.err(flavour === 'dash' ? `${sh.name}: ${sh.lineno}: cd: can't cd to ${target}\n` : `${sh.name}: cd: ${interactive() ? '' : `line ${sh.lineno}: `}can't cd to ${target}: ${why}\n`);
    return 2;
  };
}

/**
 * dash's echo (src/bltin/printf.c echocmd): only a first `-n` is an option (`-e` is printed),
 * and backslash escapes are always read (\c ends the output).
 */
const dashEcho: Builtin = (args, ctx) => {
  const noNewline = args[0] === '-n';
  const e = backslashEscapes((noNewline ? args.slice(1) : args).join(' '));
  ctx.out(e.text + (noNewline || e.stop ? '' : '\n'));
  return 0;
};

/** busybox ash's history (libbb lineedit.c show_history): `printf("%4d %s\n", i, line)`, from 0. */
const busyboxHistory: Builtin = (_args, ctx, sh) => {
  sh.history.forEach((line, i) => ctx.out(`${String(i).padStart(4)} ${line}\n`));
  return 0;
};

/** A bash builtin dash does not have: not found, as a missing command. */
function dashHasNo(name: string): Builtin {
  return (_args, ctx, sh) => {
    ctx.err(`${sh.name}: 1: ${name}: not found\n`);
    return 127;
  };
}

function notSimulated(p: string): Command {
  return async (io) => {
    io.stderr(`${p}: not simulated in this lab (the image has it; the simulator does not)\n`);
    return 1;
  };
}

/**
 * `hostname` (the pod name), `-f` (the FQDN from the kubelet-managed /etc/hosts), `-d` (its
 * domain part), `-s` (the name up to the first dot), `-i` / `-I` (pod IP). Setting the name fails
 * without CAP_SYS_ADMIN: busybox hostname.c `bb_perror_msg_and_die("sethostname")`, Debian's
 * hostname "you must be root to change the host name".
 */
function hostnameCmd(env: ContainerEnv, flavour: Flavour): Command {
  return async (io) => {
    const flag = io.argv[1];
    if (flag === '-i' || flag === '-I') {
      io.stdout(`${env.podIP}${flag === '-I' ? ' ' : ''}\n`);
      return 0;
    }
    if (flag === '-f' || flag === '--fqdn' || flag === '--long' || flag === '-d' || flag === '--domain') {
      // kubelet_pods.go: `<podIP>\t<hostname>.<subdomain>.<ns>.svc.<domain>\t<hostname>`
      let fqdn = env.hostname;
      try {
        for (const line of env.fs.readFile('/etc/hosts').split('\n')) {
          const f = line.split(/\s+/);
          if (f[0] === env.podIP && f.length > 2 && f.slice(2).includes(env.hostname)) fqdn = f[1];
        }
      } catch {
        // no /etc/hosts: the short name is all there is
      }
      const dot = fqdn.indexOf('.');
      io.stdout((flag === '-d' || flag === '--domain' ? (dot < 0 ? '' : fqdn.slice(dot + 1)) : fqdn) + '\n');
      return 0;
    }
    if (flag === '-s' || flag === '--short') {
      io.stdout(env.hostname.split('.')[0] + '\n');
      return 0;
    }
    if (flag !== undefined && !flag.startsWith('-')) {
      io.stderr(flavour === 'busybox' ? 'hostname: sethostname: Operation not permitted\n' : 'hostname: you must be root to change the host name\n');
      return 1;
    }
    io.stdout(env.hostname + '\n');
    return 0;
  };
}
