// `nslookup` inside a container, as the three implementations pod images carry print it:
//
// - busybox ≤1.28 (networking/nslookup.c without FEATURE_NSLOOKUP_BIG): getaddrinfo (search path
//   applied), `%-10s %s` headers, `Address N: <ip> <reverse name>`; failure on stderr:
//   `nslookup: can't resolve '<name>'`, exit 1. Any argument starting with `-` shows the usage.
// - busybox ≥1.29 (the LEDE/OpenWrt version, FEATURE_NSLOOKUP_BIG): its own queries. Options
//   `-type=`/`-querytype=` (any unambiguous prefix: `-q=srv`, `-ty=SRV`; libbb
//   index_in_substrings), `-debug`, `-port=`, `-retry=`, `-timeout=`. Without a type: an IP gets a
//   PTR query, a name A then AAAA. A name without a dot is tried with each `search` domain of
//   /etc/resolv.conf (add_query_with_search), a name with a dot is sent as typed. Each reply:
//   `** server can't find <q>: NXDOMAIN`, or its answers (`Name:\t<n>\nAddress: <ip>`,
//   `<n>\tname = <ptr>`, `<n>\tservice = <prio> <weight> <port> <target>`), then a blank line.
//   CoreDNS answers cluster.local and in-addr.arpa authoritatively, so no "Non-authoritative
//   answer:" line. Exit 1 when any reply was not NOERROR.
// - bind9 nslookup (Debian images): the resolver's search path (ndots:5), `Address:\t<ip>#53`,
//   record data printed with a trailing dot (`name = web-0.nginx.default.svc.cluster.local.`).
//
// One implementation for both callers: `kubectl exec ... -- nslookup` (sandbox/shell/nslookup.ts
// hands it the shell's io) and a container whose own command is nslookup (the kubelet's
// processes.ts). It only asks the cluster DNS, which answers at once, so it is synchronous.
import type { ContainerEnv, DnsAnswer, DnsRecord } from '../../runtime-api.ts';
import type { ProgramIO } from './program-io.ts';

export type NslookupKind = 'busybox-old' | 'busybox-new' | 'bind';

/** The cluster DNS Service address every pod's resolv.conf names (kubeadm/minikube default). */
export const CLUSTER_DNS_IP = '10.96.0.10';

const BUSYBOX_NEW_USAGE =
  'BusyBox v1.36.1 (2023-05-18 22:34:17 UTC) multi-call binary.\n\nUsage: nslookup [-type=QUERY_TYPE] [-debug] HOST [DNS_SERVER]\n\nQuery DNS about HOST\n\nQUERY_TYPE: soa,ns,a,aaaa,cname,mx,txt,ptr,srv,any\n';
// busybox 1.28 nslookup_trivial_usage / nslookup_full_usage (the small applet).
const BUSYBOX_OLD_USAGE =
  'BusyBox v1.28.4 (2018-05-22 17:00:17 UTC) multi-call binary.\n\nUsage: nslookup [HOST] [SERVER]\n\nQuery the nameserver for the IP address of the given HOST\noptionally using a specified DNS server\n';

/** busybox's qtypes[] in its order (queries for several -type= options go out in this order). */
const QTYPES = ['SOA', 'NS', 'A', 'AAAA', 'CNAME', 'MX', 'TXT', 'SRV', 'PTR', 'ANY'] as const;
type QType = (typeof QTYPES)[number];

/** busybox ≥1.29's long options (nslookup_main), matched as libbb index_in_substrings does. */
const BUSYBOX_OPTIONS = ['type', 'querytype', 'port', 'retry', 'debug', 't', 'timeout'];

export function busyboxNslookupKind(image: string): 'busybox-old' | 'busybox-new' {
  // busybox 1.28 and older print through getaddrinfo; 1.29+ is the LEDE version.
  const m = /:(\d+)\.(\d+)/.exec(image);
  return m && (Number(m[1]) < 1 || (Number(m[1]) === 1 && Number(m[2]) <= 28)) ? 'busybox-old' : 'busybox-new';
}

export function ptrName(ip: string): string {
  return ip.split('.').reverse().join('.') + '.in-addr.arpa';
}

function isIPv4(s: string): boolean {
  const p = s.split('.');
  return p.length === 4 && p.every((x) => /^\d{1,3}$/.test(x) && Number(x) <= 255);
}

/** The `search` domains of the container's /etc/resolv.conf (the kubelet writes it). */
function searchDomains(env: ResolverEnv): string[] {
  try {
    let search: string[] = [];
    for (const line of env.fs.readFile('/etc/resolv.conf').split('\n')) {
      const [key, ...rest] = line.trim().split(/\s+/);
      if (key === 'search' || (key === 'domain' && !search.length)) search = rest;
    }
    if (search.length) return search;
  } catch {
    // no resolv.conf: the kubelet's default for a ClusterFirst pod
  }
  return [`${env.namespace}.svc.cluster.local`, 'svc.cluster.local', 'cluster.local'];
}

/** libbb index_in_substrings: an exact match, else the one option `key` is a prefix of; -1 when none or ambiguous. */
function optionIndex(key: string): number {
  if (!key) return -1;
  let found = -1;
  for (let i = 0; i < BUSYBOX_OPTIONS.length; i++) {
    if (!BUSYBOX_OPTIONS[i].startsWith(key)) continue;
    if (BUSYBOX_OPTIONS[i] === key) return i;
    if (found >= 0) return -1;
    found = i;
  }
  return found;
}

const dot = (n: string) => n.replace(/\.$/, '');

/** The container's side of a lookup: its namespace and its /etc/resolv.conf (search path). */
export type ResolverEnv = Pick<ContainerEnv, 'namespace' | 'fs'>;

/** The pod's resolver: the cluster DNS asked for one name and type (ClusterNetwork.resolve from the pod's namespace). */
export type Resolve = (q: string, type: 'A' | 'SRV' | 'PTR') => DnsAnswer;

/** Runs nslookup; returns its exit status. */
export function nslookup(io: ProgramIO, resolve: Resolve, env: ResolverEnv, kind: NslookupKind): number {
  if (kind === 'busybox-old') return busyboxOld(io, resolve);
  if (kind === 'busybox-new') return busyboxNew(io, resolve, env);
  return bind(io, resolve);
}

function busyboxOld(io: ProgramIO, resolve: Resolve): number {
  const args = io.argv.slice(1);
  if (!args[0] || args[0].startsWith('-') || args.length > 2) {
    io.stderr(BUSYBOX_OLD_USAGE);
    return 1;
  }
  const [name, server = CLUSTER_DNS_IP] = args;
  const reverse = (ip: string) => {
    const r = resolve(ptrName(ip), 'PTR').records.find((x) => x.type === 'PTR');
    return r && r.type === 'PTR' ? dot(r.target) : '';
  };
  // print_host(server, "Server:"): the server's own reverse name comes from the same resolver.
  const srvName = reverse(server);
  io.stdout(`${'Server:'.padEnd(10)} ${server}\nAddress 1: ${server}${srvName ? ' ' + srvName : ''}\n\n`);
  const ips = isIPv4(name) ? [name] : resolve(name, 'A').records.flatMap((r) => (r.type === 'A' ? [r.ip] : []));
  if (!ips.length) {
    io.stderr(`nslookup: can't resolve '${name}'\n`);
    return 1;
  }
  io.stdout(`${'Name:'.padEnd(10)} ${name}\n`);
  ips.forEach((ip, i) => {
    const rev = reverse(ip);
    io.stdout(`Address ${i + 1}: ${ip}${rev ? ' ' + rev : ''}\n`);
  });
  return 0;
}

interface Query {
  name: string; // as busybox prints it in "** server can't find"
  type: QType;
}

function busyboxNew(io: ProgramIO, resolve: Resolve, env: ResolverEnv): number {
  const args = io.argv.slice(1);
  const types = new Set<QType>();
  let i = 0;
  for (; i < args.length && args[i].startsWith('-'); i++) {
    const a = args[i].slice(1);
    const eq = a.indexOf('=');
    const key = eq >= 0 ? a.slice(0, eq) : a;
    const val = eq >= 0 ? a.slice(eq + 1) : '';
    const opt = optionIndex(key);
    if (opt < 0) {
      io.stderr(BUSYBOX_NEW_USAGE);
      return 1;
    }
    if (opt <= 1) {
      const t = QTYPES.find((q) => q.toLowerCase() === val.toLowerCase());
      if (!t) {
        io.stderr(`nslookup: invalid query type "${val}"\n`);
        return 1;
      }
      types.add(t);
    }
  }
  const rest = args.slice(i);
  if (!rest.length || rest.length > 2) {
    io.stderr(BUSYBOX_NEW_USAGE);
    return 1;
  }
  const [name, server = CLUSTER_DNS_IP] = rest;
  // parse_resolvconf() (and with it the search list) only runs when no server is named.
  const search = rest[1] === undefined ? searchDomains(env) : [];
  // add_query_with_search: PTR queries and names with a dot go out as typed.
  const withSearch = (type: QType): Query[] =>
    type === 'PTR' || name.includes('.') || !search.length ? [{ name, type }] : search.map((s) => ({ name: `${name}.${s}`, type }));
  const queries: Query[] = [];
  if (!types.size) {
    if (isIPv4(name)) queries.push({ name: ptrName(name), type: 'PTR' });
    else queries.push(...withSearch('A'), ...withSearch('AAAA'));
  } else for (const t of QTYPES) if (types.has(t)) queries.push(...withSearch(t));

  io.stdout(`Server:\t\t${server}\nAddress:\t${server}:53\n\n`);
  let status = 0;
  for (const q of queries) {
    const ans = ask(resolve, q.name, q.type);
    if (ans.rcode !== 'NOERROR') {
      io.stdout(`** server can't find ${q.name}: ${ans.rcode}\n`);
      status = 1;
    } else for (const r of ans.records) io.stdout(formatRecord(r, false));
    io.stdout('\n');
  }
  return status;
}

/**
 * One query sent as is (res_mkquery drops one trailing dot). The cluster has IPv4 only: an AAAA
 * query for a name that exists is NOERROR with no records (NODATA), as CoreDNS answers it; so are
 * the types the simulated CoreDNS has no records of (SOA, NS, MX, TXT, CNAME).
 */
function ask(resolve: Resolve, name: string, type: QType): DnsAnswer {
  const fqdn = name.endsWith('.') ? name : name + '.';
  if (type === 'A' || type === 'SRV' || type === 'PTR') return resolve(fqdn, type);
  if (type === 'ANY') {
    const a = resolve(fqdn, 'A');
    return a.rcode === 'NOERROR' ? { ...a, records: [...a.records, ...resolve(fqdn, 'SRV').records] } : a;
  }
  const a = resolve(fqdn, 'A');
  return { ...a, records: [] };
}

/** busybox parse_reply / bind printmessage formats; bind prints names in rdata fully qualified. */
function formatRecord(r: DnsRecord, fq: boolean): string {
  const t = (n: string) => dot(n) + (fq ? '.' : '');
  if (r.type === 'A') return `Name:\t${dot(r.name)}\nAddress: ${r.ip}\n`;
  if (r.type === 'PTR') return `${dot(r.name)}\tname = ${t(r.target)}\n`;
  return `${dot(r.name)}\tservice = ${r.priority} ${r.weight} ${r.port} ${t(r.target)}\n`;
}

/** bind9 nslookup: `-type=`/`-query=`/`-querytype=`/`-q=`/`-ty=` choose the type; the resolver's search path applies. */
function bind(io: ProgramIO, resolve: Resolve): number {
  const args = io.argv.slice(1);
  let type: QType | undefined;
  const operands: string[] = [];
  for (const a of args) {
    const m = /^-(?:type|ty|querytype|query|qu|q)=(.*)$/i.exec(a);
    if (m) {
      const t = QTYPES.find((q) => q.toLowerCase() === m[1].toLowerCase());
      if (!t) {
        io.stdout(`unknown query type: ${m[1]}\n`);
        continue;
      }
      type = t;
    } else if (!a.startsWith('-')) operands.push(a);
  }
  const name = operands[0];
  if (!name) {
    io.stderr('Usage: nslookup [-opt ...] host [server]\n');
    return 1;
  }
  const server = operands[1] ?? CLUSTER_DNS_IP;
  io.stdout(`Server:\t\t${server}\nAddress:\t${server}#53\n\n`);
  const qtype = type ?? (isIPv4(name) ? 'PTR' : 'A');
  const qname = qtype === 'PTR' && isIPv4(name) ? ptrName(name) : name;
  const ans = qtype === 'A' || qtype === 'SRV' || qtype === 'PTR' ? resolve(qname, qtype) : { ...resolve(qname, 'A'), records: [] };
  if (ans.rcode !== 'NOERROR') {
    io.stdout(`** server can't find ${dot(qtype === 'PTR' ? qname : name)}: ${ans.rcode}\n\n`);
    return 1;
  }
  // With the search path applied the answers carry the name that answered (web-0.nginx.default.svc.cluster.local).
  for (const r of ans.records) io.stdout(formatRecord(r, true));
  io.stdout('\n');
  return 0;
}
