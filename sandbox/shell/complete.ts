// Tab completion: command names, kubectl verbs/kinds/flags, object names (through the API, as
// kubectl's own completion asks the server), `lab` words, and file names.
import type { ApiClient } from '../cluster/api/client.ts';
import { resolvePath, type FileSystem } from '../cluster/fs.ts';

export interface Completion {
  /** Where the word being completed starts in the line. */
  start: number;
  /** Full replacements for that word; a trailing space means "complete". */
  items: string[];
}

export interface CompletionContext {
  commands: string[];
  fs: FileSystem | undefined;
  cwd: string;
  api: ApiClient | undefined;
  /** Names `complete -F __start_kubectl NAME` gave kubectl's completion (`k` for `alias k=kubectl`). */
  kubectlNames?: string[];
}

const KUBECTL_VERBS = [
  'annotate', 'api-resources', 'apply', 'cluster-info', 'completion', 'config', 'cordon', 'cp', 'create', 'delete', 'describe', 'diff', 'drain', 'edit', 'events', 'exec',
  'explain', 'expose', 'get', 'label', 'logs', 'patch', 'port-forward', 'proxy', 'replace', 'rollout', 'run', 'scale', 'set', 'taint',
  'top', 'uncordon', 'version', 'wait',
];

/** Kind words as typed → resource name in the API. */
const KINDS: Record<string, string> = {
  pods: 'pods', pod: 'pods', po: 'pods',
  statefulsets: 'statefulsets', statefulset: 'statefulsets', sts: 'statefulsets',
  services: 'services', service: 'services', svc: 'services',
  persistentvolumeclaims: 'persistentvolumeclaims', persistentvolumeclaim: 'persistentvolumeclaims', pvc: 'persistentvolumeclaims',
  persistentvolumes: 'persistentvolumes', persistentvolume: 'persistentvolumes', pv: 'persistentvolumes',
  nodes: 'nodes', node: 'nodes', no: 'nodes',
  endpoints: 'endpoints', ep: 'endpoints',
  replicasets: 'replicasets', replicaset: 'replicasets', rs: 'replicasets',
  deployments: 'deployments', deployment: 'deployments', deploy: 'deployments',
  events: 'events', event: 'events', ev: 'events',
  storageclasses: 'storageclasses', storageclass: 'storageclasses', sc: 'storageclasses',
  namespaces: 'namespaces', namespace: 'namespaces', ns: 'namespaces',
  configmaps: 'configmaps', configmap: 'configmaps', cm: 'configmaps',
  controllerrevisions: 'controllerrevisions', controllerrevision: 'controllerrevisions',
};
const CLUSTER_SCOPED = new Set(['nodes', 'persistentvolumes', 'storageclasses', 'namespaces']);
const KIND_WORDS = ['all', 'configmaps', 'controllerrevisions', 'deployments', 'endpoints', 'events', 'namespaces', 'nodes', 'persistentvolumeclaims', 'persistentvolumes', 'pods', 'replicasets', 'services', 'statefulsets', 'storageclasses'];
const VERBS_WITH_KIND = new Set(['get', 'describe', 'delete', 'edit', 'label', 'annotate', 'scale', 'patch', 'explain', 'expose', 'wait']);
const VERBS_WITH_POD = new Set(['exec', 'logs', 'port-forward']);
const VERBS_WITH_NODE = new Set(['cordon', 'uncordon', 'drain', 'taint']);
const KUBECTL_FLAGS = [
  '--all', '--all-namespaces', '--cascade=', '--container=', '--dry-run=client', '--field-selector=', '--filename=', '--force',
  '--grace-period=', '--help', '--image=', '--namespace=', '--output=', '--replicas=', '--restart=', '--rm', '--selector=',
  '--show-labels', '--stdin', '--timeout=', '--tty', '--watch', '--watch-only', '-A', '-f', '-it', '-l', '-n', '-o', '-w',
];
const LAB_WORDS: Record<string, string[]> = {
  '': ['help', 'node', 'nodes', 'reset', 'time'],
  node: ['cut', 'start', 'stop'],
  time: ['+30s', '+5m', 'next', 'pause', 'resume', 'speed'],
};

/** Splits the text before the cursor into words (quotes honoured); the last one is being completed. */
function words(before: string): { words: string[]; start: number } {
  const out: string[] = [];
  let cur = '';
  let start = 0;
  let quote = '';
  let inWord = false;
  for (let i = 0; i < before.length; i++) {
    const c = before[i];
    if (quote) {
      if (c === quote) quote = '';
      else cur += c;
      continue;
    }
    if (c === '"' || c === "'") {
      if (!inWord) start = i;
      inWord = true;
      quote = c;
    } else if (/\s/.test(c)) {
      if (inWord) out.push(cur);
      cur = '';
      inWord = false;
    } else if ('|;&()'.includes(c)) {
      // A new command starts after these: forget the words before.
      out.length = 0;
      cur = '';
      inWord = false;
    } else {
      if (!inWord) start = i;
      inWord = true;
      cur += c;
    }
  }
  if (!inWord) start = before.length;
  return { words: [...out, cur], start };
}

export function complete(line: string, cursor: number, ctx: CompletionContext): Completion {
  const before = line.slice(0, cursor);
  const { words: ws, start } = words(before);
  const word = ws[ws.length - 1];
  const prev = ws.slice(0, -1);
  const pick = (cands: string[], suffix = ' ') => ({ start, items: [...new Set(cands)].filter((c) => c.startsWith(word)).sort().map((c) => c + suffix) });
  if (!prev.length || (prev.length === 1 && ['do', 'then', 'else', 'time', 'watch'].includes(prev[0]))) {
    if (word.includes('/')) return files(word, start, ctx);
    return pick(ctx.commands);
  }
  const cmd = prev[0];
  if (cmd === 'kubectl' || ctx.kubectlNames?.includes(cmd)) {
    const kubectlWord = kubectl(prev.slice(1), word, ctx);
    if (kubectlWord) {
      if (kubectlWord.kind === 'files') return files(word, start, ctx);
      const suffix = kubectlWord.noSpace ? '' : ' ';
      if (kubectlWord.prefix !== undefined) {
        const p = kubectlWord.prefix;
        return { start, items: kubectlWord.items.filter((c) => (p + c).startsWith(word)).sort().map((c) => p + c + suffix) };
      }
      return pick(kubectlWord.items, suffix);
    }
  }
  if (cmd === 'lab') {
    const key = prev.length === 1 ? '' : prev[1];
    if (prev.length <= 2 && LAB_WORDS[key]) return pick(LAB_WORDS[key]);
    if (prev[1] === 'node' && prev.length === 3) return pick(names(ctx, 'nodes', undefined));
  }
  return files(word, start, ctx);
}

function kubectl(args: string[], word: string, ctx: CompletionContext): { kind?: 'files'; items: string[]; prefix?: string; noSpace?: boolean } | undefined {
  const prevWord = args[args.length - 1];
  if (prevWord === '-f' || prevWord === '--filename') return { kind: 'files', items: [] };
  if (prevWord === '-n' || prevWord === '--namespace') return { items: names(ctx, 'namespaces', undefined) };
  if (prevWord === '-o' || prevWord === '--output') return { items: ['json', 'name', 'wide', 'yaml', 'jsonpath=', 'custom-columns='] };
  if (word.startsWith('-')) return { items: KUBECTL_FLAGS };
  const positional = args.filter((a, i) => !a.startsWith('-') && !['-n', '--namespace', '-o', '--output', '-l', '-f', '-c'].includes(args[i - 1] ?? ''));
  const ns = namespaceOf(args);
  if (!positional.length) return { items: KUBECTL_VERBS };
  const verb = positional[0];
  if (verb === 'rollout' && positional.length === 1) return { items: ['history', 'pause', 'restart', 'resume', 'status', 'undo'] };
  if (verb === 'cp') return cpWord(positional.length - 1, word, ctx, ns);
  const rest = verb === 'rollout' ? positional.slice(2) : positional.slice(1);
  if (VERBS_WITH_POD.has(verb) && rest.length === 0) return { items: names(ctx, 'pods', ns) };
  if (VERBS_WITH_NODE.has(verb) && rest.length === 0) return { items: names(ctx, 'nodes', undefined) };
  if (VERBS_WITH_KIND.has(verb) || verb === 'rollout') {
    const slash = word.indexOf('/');
    if (slash > 0) {
      const resource = KINDS[word.slice(0, slash)];
      return resource ? { items: names(ctx, resource, ns), prefix: word.slice(0, slash + 1) } : { items: [] };
    }
    if (rest.length === 0) return { items: verb === 'rollout' ? ['statefulset/', 'sts/', 'deployment/'] : KIND_WORDS };
    const resource = KINDS[rest[0]];
    if (resource) return { items: names(ctx, resource, ns) };
  }
  return undefined;
}

/**
 * `kubectl cp` (cp.go's ValidArgsFunction): the source as `namespace/` or `pod:` (no space after,
 * the path follows), a local path as files; the destination as files. Remote paths are not
 * completed.
 */
function cpWord(argIndex: number, word: string, ctx: CompletionContext, ns: string): { kind?: 'files'; items: string[]; prefix?: string; noSpace?: boolean } {
  if (argIndex > 0 || /^[./~]/.test(word)) return { kind: 'files', items: [] };
  if (word.includes(':')) return { items: [] };
  const slash = word.indexOf('/');
  if (slash > 0) return { items: names(ctx, 'pods', word.slice(0, slash)).map((p) => `${p}:`), prefix: word.slice(0, slash + 1), noSpace: true };
  const items = [...names(ctx, 'namespaces', undefined).map((n) => `${n}/`), ...names(ctx, 'pods', ns).map((p) => `${p}:`)];
  if (!word) return { items: [...items, './', '/'], noSpace: true };
  // With something typed, local names that start with it as well (directories with a slash).
  let local: string[] = [];
  try {
    local = (ctx.fs?.readdir(ctx.cwd) ?? []).filter((n) => n.startsWith(word)).map((n) => (ctx.fs!.stat(resolvePath(ctx.cwd, n)).type === 'dir' ? `${n}/` : n));
  } catch {
    // no file system, or the folder vanished
  }
  return { items: [...items, ...local], noSpace: true };
}

function namespaceOf(args: string[]): string {
  for (let i = 0; i < args.length; i++) {
    if ((args[i] === '-n' || args[i] === '--namespace') && args[i + 1]) return args[i + 1];
    if (args[i].startsWith('--namespace=')) return args[i].slice(12);
  }
  return 'default';
}

function names(ctx: CompletionContext, resource: string, ns: string | undefined): string[] {
  if (!ctx.api) return [];
  try {
    return ctx.api.list(resource, CLUSTER_SCOPED.has(resource) ? undefined : ns).items.map((o) => o.metadata.name ?? '');
  } catch {
    return [];
  }
}

function files(word: string, start: number, ctx: CompletionContext): Completion {
  if (!ctx.fs) return { start, items: [] };
  const slash = word.lastIndexOf('/');
  const dirPart = slash >= 0 ? word.slice(0, slash + 1) : '';
  const base = word.slice(slash + 1);
  let entries: string[];
  try {
    entries = ctx.fs.readdir(resolvePath(ctx.cwd, dirPart || '.'));
  } catch {
    return { start, items: [] };
  }
  const items = entries
    .filter((n) => n.startsWith(base) && (base.startsWith('.') || !n.startsWith('.')))
    .map((n) => {
      let dir = false;
      try {
        dir = ctx.fs!.stat(resolvePath(ctx.cwd, dirPart + n)).type === 'dir';
      } catch {
        // vanished between readdir and stat
      }
      return dirPart + n + (dir ? '/' : ' ');
    });
  return { start, items };
}

/** The longest common prefix of the items (what a first Tab inserts when several match). */
export function commonPrefix(items: string[]): string {
  if (!items.length) return '';
  let p = items[0];
  for (const s of items) while (!s.startsWith(p)) p = p.slice(0, -1);
  return p;
}
