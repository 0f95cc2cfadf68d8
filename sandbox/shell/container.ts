// What runs inside a container: `kubectl exec web-0 -- hostname`, `kubectl exec web-0 -- sh -c
// '...'` and the interactive `kubectl exec -it web-0 -- sh`. The same interpreter as the
// learner's shell, over the container's file system, with only the programs its image has.
import type { ContainerEnv, DnsAnswer } from '../cluster/runtime-api.ts';
import { ExitRequest, Shell, errorText, type Ctx } from './interpreter.ts';
import { COMMON_PROGRAMS, grepLineFilter } from './programs.ts';
import { curl, wget, type Fetch } from './curl.ts';
import type { Command, CommandIO, InteractiveShell, Interrupt, Services } from './types.ts';

const SHELLS = ['sh', 'bash', 'ash', 'dash'];

/** The cluster DNS Service address every pod's resolv.conf names (kubeadm/minikube default). */
export const CLUSTER_DNS_IP = '10.96.0.10';

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
    hostname: hostnameCmd(env),
    nslookup: (cio) => nslookup(cio, services, env, flavour === 'busybox' ? busyboxVersion(env.image) : 'bind'),
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
    lineFilters: { grep: grepLineFilter },
    builtins: {},
    columns: () => io.columns,
    terminal: { out: (t) => io.stdout(t), err: (t) => io.stderr(t) },
    notFound: (cmd) => (flavour === 'busybox' ? `${name}: ${cmd}: not found\n` : flavour === 'dash' ? `${name}: 1: ${cmd}: not found\n` : `bash: ${cmd}: command not found\n`),
  });
  return shell;
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

function busyboxVersion(image: string): 'busybox-old' | 'busybox-new' {
  // busybox 1.28 and older print through getaddrinfo (search path applied, `Address 1:` lines);
  // 1.29+ sends raw queries (networking/nslookup.c, FEATURE_NSLOOKUP_BIG), without the search path.
  const m = /:(\d+)\.(\d+)/.exec(image);
  return m && (Number(m[1]) < 1 || (Number(m[1]) === 1 && Number(m[2]) <= 28)) ? 'busybox-old' : 'busybox-new';
}

function ptrName(ip: string): string {
  return ip.split('.').reverse().join('.') + '.in-addr.arpa';
}

/**
 * nslookup as three implementations print it:
 * - busybox ≤1.28 (`nslookup.c` without FEATURE_NSLOOKUP_BIG): `%-10s %s` headers and
 *   `Address N: <ip> <reverse name>`; failure: `nslookup: can't resolve '<name>'`, exit 1;
 * - busybox ≥1.29 (the LEDE version): `Server:\t\t<ip>`, `Address:\t<ip>:53`, then per query
 *   (A, then AAAA) `Name:\t<name>` / `Address: <ip>` or `** server can't find <name>: NXDOMAIN`,
 *   each reply followed by a blank line; the name is sent as typed (no search path);
 * - bind9 (Debian images): `Address:\t<ip>#53`, search path applied.
 */
async function nslookup(io: CommandIO, services: Services, env: ContainerEnv, kind: 'busybox-old' | 'busybox-new' | 'bind'): Promise<number> {
  const args = io.argv.slice(1).filter((a) => !a.startsWith('-'));
  const name = args[0];
  if (!name) {
    if (kind === 'bind') io.stderr('Usage: nslookup [-opt ...] host [server]\n');
    else io.stderr('BusyBox v1.36.1 (2023-05-18 22:34:17 UTC) multi-call binary.\n\nUsage: nslookup [-type=QUERY_TYPE] [-debug] HOST [DNS_SERVER]\n\nQuery DNS about HOST\n\nQUERY_TYPE: soa,ns,a,aaaa,cname,mx,txt,ptr,any\n');
    return 1;
  }
  const server = args[1] ?? CLUSTER_DNS_IP;
  const isIp = /^\d+\.\d+\.\d+\.\d+$/.test(name);
  const lookup = (q: string, type: 'A' | 'PTR'): DnsAnswer => services.network.resolve(env.namespace, q, type);
  if (kind === 'busybox-old') {
    io.stdout(`${'Server:'.padEnd(10)} ${server}\n`);
    io.stdout(`Address 1: ${server}${server === CLUSTER_DNS_IP ? ' kube-dns.kube-system.svc.cluster.local' : ''}\n\n`);
    const ips = isIp ? [name] : lookup(name, 'A').records.flatMap((r) => (r.type === 'A' ? [r.ip] : []));
    if (!ips.length) {
      io.stderr(`nslookup: can't resolve '${name}'\n`);
      return 1;
    }
    io.stdout(`${'Name:'.padEnd(10)} ${name}\n`);
    ips.forEach((ip, i) => {
      const ptr = safe(() => lookup(ptrName(ip), 'PTR').records.find((r) => r.type === 'PTR'));
      const rev = ptr && ptr.type === 'PTR' ? ptr.target.replace(/\.$/, '') : '';
      io.stdout(`Address ${i + 1}: ${ip}${rev ? ' ' + rev : ''}\n`);
    });
    return 0;
  }
  io.stdout(`Server:\t\t${server}\nAddress:\t${server}${kind === 'bind' ? '#53' : ':53'}\n\n`);
  if (isIp) {
    const ans = lookup(ptrName(name), 'PTR');
    if (ans.rcode === 'NXDOMAIN' || !ans.records.length) {
      io.stdout(`** server can't find ${ptrName(name)}: NXDOMAIN\n\n`);
      return 1;
    }
    for (const r of ans.records) if (r.type === 'PTR') io.stdout(`${ptrName(name)}\tname = ${r.target}\n`);
    io.stdout('\n');
    return 0;
  }
  // busybox ≥1.29 sends the name as typed: a trailing dot makes the resolver skip the search path.
  const ans = lookup(kind === 'bind' || name.endsWith('.') ? name : name + '.', 'A');
  const shown = kind === 'bind' && ans.rcode !== 'NXDOMAIN' ? ans.name.replace(/\.$/, '') : name.replace(/\.$/, '');
  if (ans.rcode === 'NXDOMAIN') {
    io.stdout(`** server can't find ${shown}: NXDOMAIN\n\n`);
    if (kind === 'busybox-new') io.stdout(`** server can't find ${shown}: NXDOMAIN\n\n`);
    return 1;
  }
  for (const r of ans.records) if (r.type === 'A') io.stdout(`Name:\t${shown}\nAddress: ${r.ip}\n`);
  io.stdout('\n');
  if (kind === 'busybox-new') io.stdout('\n'); // the AAAA reply: NOERROR, no records
  return 0;
}

function safe<T>(f: () => T): T | undefined {
  try {
    return f();
  } catch {
    return undefined;
  }
}

