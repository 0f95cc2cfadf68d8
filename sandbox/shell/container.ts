// What runs inside a container: `kubectl exec web-0 -- hostname`, `kubectl exec web-0 -- sh -c
// '...'` and the interactive `kubectl exec -it web-0 -- sh`. The same interpreter as the
// learner's shell, over the container's file system, with only the programs its image has.
import type { ContainerEnv } from '../cluster/runtime-api.ts';
import { ExitRequest, Shell, errorText, type Builtin, type Ctx } from './interpreter.ts';
import { evalTest } from '../cluster/kubelet/test-expr.ts';
import { BUSYBOX_PROGRAMS, COMMON_PROGRAMS } from './programs.ts';
import { curl, wget, type Fetch } from './curl.ts';
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
  const shell = containerShell(env, services, io, flavour, SHELLS.includes(base) ? base : 'sh');
  const ctx: Ctx = { stdin: io.stdin, out: io.stdout, err: io.stderr, signal: io.signal, isTTY: io.isTTY, background: false };
  try {
    if (SHELLS.includes(base)) {
      const c = argv.indexOf('-c');
      if (c > 0) {
        if (argv[c + 1] === undefined) {
          io.stderr(`${base}: -c requires an argument\n`);
          return 2;
        }
        return await shell.run(argv[c + 1], { ...ctx, stdin: io.stdin });
      }
      if (io.isTTY && services.attach) return await services.attach(new ContainerSession(shell, env, flavour));
      return await shell.run(io.stdin, { ...ctx, stdin: '' });
    }
    const program = shell.programs[base];
    return await program({ ...io, argv: [base, ...argv.slice(1)], env: { ...shell.env }, cwd: shell.cwd, fs: env.fs }, services);
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
    try {
      await this.shell.run(src, { stdin: '', out: out.stdout, err: out.stderr, signal, isTTY: true, background: false });
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

function containerShell(env: ContainerEnv, services: Services, io: Pick<CommandIO, 'stdout' | 'stderr' | 'columns'>, flavour: Flavour, name: string): Shell {
  const programs: Record<string, Command> = {};
  const fetch: Fetch = (url, req) => services.network.http({ namespace: env.namespace, pod: env.pod }, url, req);
  const all: Record<string, Command> = {
    ...COMMON_PROGRAMS,
    ...(flavour === 'busybox' ? BUSYBOX_PROGRAMS : {}),
    hostname: hostnameCmd(env),
    nslookup: (cio) => nslookup(cio, services, env, flavour === 'busybox' ? busyboxNslookupKind(env.image) : 'bind'),
    curl: (cio, s) => curl(cio, s, fetch),
    wget: (cio) => wget(cio, fetch),
    whoami: async (cio) => (cio.stdout('root\n'), 0),
    id: async (cio) => (cio.stdout('uid=0(root) gid=0(root) groups=0(root)\n'), 0),
    uname: async (cio) => (cio.stdout(cio.argv.includes('-a') ? `Linux ${env.hostname} 6.6.95 #1 SMP PREEMPT_DYNAMIC x86_64 GNU/Linux\n` : 'Linux\n'), 0),
  };
  for (const p of env.programs) {
    if (SHELLS.includes(p) || ['echo', 'true', 'false', 'test', 'pwd', 'kill'].includes(p)) continue;
    programs[p] = all[p] ?? notSimulated(p);
  }
  const shell = new Shell({
    name,
    fs: env.fs,
    cwd: '/',
    env: { PATH: '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin', HOSTNAME: env.hostname, HOME: '/root', ...env.env, PWD: '/' },
    programs,
    services,
    backgroundServices: services.background,
    builtins: flavour === 'busybox' ? { test: busyboxTest(false), '[': busyboxTest(true) } : {},
    columns: () => io.columns,
    terminal: { out: (t) => io.stdout(t), err: (t) => io.stderr(t) },
    notFound: (cmd) => (flavour === 'busybox' ? `${name}: ${cmd}: not found\n` : flavour === 'dash' ? `${name}: 1: ${cmd}: not found\n` : `bash: ${cmd}: command not found\n`),
  });
  return shell;
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

function notSimulated(p: string): Command {
  return async (io) => {
    io.stderr(`${p}: not simulated in this lab (the image has it; the simulator does not)\n`);
    return 1;
  };
}

/** `hostname` (the pod name), `-f` (the FQDN from the kubelet-managed /etc/hosts), `-i` (pod IP). */
function hostnameCmd(env: ContainerEnv): Command {
  return async (io) => {
    const flag = io.argv[1];
    if (flag === '-i' || flag === '-I') {
      io.stdout(`${env.podIP}${flag === '-I' ? ' ' : ''}\n`);
      return 0;
    }
    if (flag === '-f' || flag === '--fqdn') {
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
      io.stdout(fqdn + '\n');
      return 0;
    }
    io.stdout(env.hostname + '\n');
    return 0;
  };
}
