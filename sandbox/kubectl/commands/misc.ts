// Small verbs: version, api-resources, proxy, cluster-info, config (read-only).
// Source: kubernetes/kubectl pkg/cmd/version/version.go, pkg/cmd/apiresources/apiresources.go,
// pkg/cmd/proxy/proxy.go (`Starting to serve on 127.0.0.1:8001`), pkg/cmd/clusterinfo,
// pkg/cmd/config.
import { RESOURCES } from '../../cluster/api/resources.ts';
import { SERVER_VERSION, SERVER_VERSION_INFO } from '../../cluster/api/version.ts';
import { KubectlError } from '../cli/errors.ts';
import { toJson, toYaml } from '../printers/object.ts';
import { TableWriter } from '../printers/tabwriter.ts';
import { QUIET_MS, type KubectlCommand } from './types.ts';

export const CLIENT_VERSION = 'v1.35.0';
export const KUSTOMIZE_VERSION = 'v5.7.1';
export { SERVER_VERSION };

export const versionCommand: KubectlCommand = {
  name: 'version',
  short: 'Print the client and server version information',
  flags: [{ name: 'client', type: 'bool' }, { name: 'output', short: 'o', type: 'string' }, { name: 'short', type: 'bool' }],
  async run(ctx, p) {
    // The client is built from the same release as the server the lab plays.
    const data: any = { clientVersion: { ...SERVER_VERSION_INFO, gitVersion: CLIENT_VERSION }, kustomizeVersion: KUSTOMIZE_VERSION };
    if (!p.flags.client) data.serverVersion = SERVER_VERSION_INFO;
    if (p.flags.output === 'json') ctx.out(JSON.stringify(data, null, 2) + '\n');
    else if (p.flags.output === 'yaml') ctx.out(toYaml(data));
    else if (p.flags.output) throw new KubectlError(`--output must be 'yaml' or 'json'`);
    else {
      ctx.out(`Client Version: ${CLIENT_VERSION}\nKustomize Version: ${KUSTOMIZE_VERSION}\n`);
      if (!p.flags.client) ctx.out(`Server Version: ${SERVER_VERSION}\n`);
    }
    return 0;
  },
};

/** Discovery order of the groups as api-resources lists them: core first, then by group name. */
const GROUP_ORDER = ['', 'apps', 'coordination.k8s.io', 'discovery.k8s.io', 'storage.k8s.io'];

export const apiResourcesCommand: KubectlCommand = {
  name: 'api-resources',
  short: 'Print the supported API resources on the server',
  flags: [
    { name: 'namespaced', type: 'string' },
    { name: 'api-group', type: 'string' },
    { name: 'output', short: 'o', type: 'string' },
    { name: 'no-headers', type: 'bool' },
    { name: 'sort-by', type: 'string' },
    { name: 'verbs', type: 'strings' },
    { name: 'cached', type: 'bool' },
    { name: 'categories', type: 'strings' },
  ],
  async run(ctx, p) {
    let list = [...RESOURCES].sort((a, b) => GROUP_ORDER.indexOf(a.group) - GROUP_ORDER.indexOf(b.group) || (a.resource < b.resource ? -1 : 1));
    if (p.flags.namespaced !== undefined) list = list.filter((r) => String(r.namespaced) === p.flags.namespaced);
    if (p.flags['api-group'] !== undefined) list = list.filter((r) => r.group === p.flags['api-group']);
    if ((p.flags.verbs as string[]).length) list = list.filter((r) => (p.flags.verbs as string[]).every((v) => r.verbs.includes(v)));
    if (p.flags['sort-by'] === 'name') list.sort((a, b) => (a.resource < b.resource ? -1 : 1));
    else if (p.flags['sort-by'] === 'kind') list.sort((a, b) => (a.kind < b.kind ? -1 : 1));
    if (p.flags.output === 'name') {
      for (const r of list) ctx.out(`${r.resource}${r.group ? '.' + r.group : ''}\n`);
      return 0;
    }
    const wide = p.flags.output === 'wide';
    const rows: string[][] = [];
    if (!p.flags['no-headers']) rows.push(['NAME', 'SHORTNAMES', 'APIVERSION', 'NAMESPACED', 'KIND', ...(wide ? ['VERBS', 'CATEGORIES'] : [])]);
    for (const r of list) {
      const row = [r.resource, r.shortNames.join(','), r.group ? `${r.group}/${r.version}` : r.version, String(r.namespaced), r.kind];
      if (wide) row.push(`[${r.verbs.join(' ')}]`, ['pods', 'services', 'deployments', 'replicasets', 'statefulsets'].includes(r.resource) ? 'all' : '');
      rows.push(row);
    }
    ctx.out(new TableWriter().format(rows));
    return 0;
  },
};

export const proxyCommand: KubectlCommand = {
  name: 'proxy',
  short: 'Run a proxy to the Kubernetes API server',
  flags: [
    { name: 'port', short: 'p', type: 'int', default: 8001 },
    { name: 'address', type: 'string', default: '127.0.0.1' },
    { name: 'accept-hosts', type: 'string' },
    { name: 'api-prefix', type: 'string', default: '/' },
    { name: 'www', short: 'w', type: 'string' },
    { name: 'disable-filter', type: 'bool' },
  ],
  async run(ctx, p) {
    ctx.out(`Starting to serve on ${p.flags.address}:${p.flags.port}\n`);
    // Serves until interrupted; the shell routes `curl localhost:8001/...` to
    // services.network.proxy while this job runs.
    if (ctx.services.interactive) {
      if (!ctx.io.signal.aborted) await new Promise<void>((resolve) => ctx.io.signal.onAbort(resolve));
      return 0;
    }
    for (;;) {
      const r = await ctx.services.nextChange(QUIET_MS, ctx.io.signal, ['pods', 'services', 'statefulsets']);
      if (r !== 'changed') return 0;
    }
  },
};

export const clusterInfoCommand: KubectlCommand = {
  name: 'cluster-info',
  short: 'Display cluster information',
  flags: [],
  async run(ctx, p) {
    if (p.args[0] === 'dump') throw new KubectlError('"kubectl cluster-info dump" is not available in this lab');
    ctx.out(`Kubernetes control plane is running at https://192.168.49.2:8443\nCoreDNS is running at https://192.168.49.2:8443/api/v1/namespaces/kube-system/services/kube-dns:dns/proxy\n\nTo further debug and diagnose cluster problems, use 'kubectl cluster-info dump'.\n`);
    return 0;
  },
};

export const configCommand: KubectlCommand = {
  name: 'config',
  short: 'Modify kubeconfig files',
  flags: [{ name: 'output', short: 'o', type: 'string' }, { name: 'minify', type: 'bool' }, { name: 'raw', type: 'bool' }, { name: 'current', type: 'bool' }],
  async run(ctx, p) {
    const sub = p.args[0];
    switch (sub) {
      case 'current-context':
        ctx.out('minikube\n');
        return 0;
      case 'get-contexts':
        ctx.out(new TableWriter().format([['CURRENT', 'NAME', 'CLUSTER', 'AUTHINFO', 'NAMESPACE'], ['*', 'minikube', 'minikube', 'minikube', 'default']]));
        return 0;
      case 'get-clusters':
        ctx.out('NAME\nminikube\n');
        return 0;
      case 'view': {
        const cfg = {
          apiVersion: 'v1', kind: 'Config', preferences: {}, 'current-context': 'minikube',
          clusters: [{ name: 'minikube', cluster: { server: 'https://192.168.49.2:8443', 'certificate-authority': '/home/learner/.minikube/ca.crt' } }],
          contexts: [{ name: 'minikube', context: { cluster: 'minikube', namespace: 'default', user: 'minikube' } }],
          users: [{ name: 'minikube', user: { 'client-certificate': '/home/learner/.minikube/profiles/minikube/client.crt', 'client-key': '/home/learner/.minikube/profiles/minikube/client.key' } }],
        };
        ctx.out(p.flags.output === 'json' ? toJson(cfg) : toYaml(cfg));
        return 0;
      }
      case undefined:
        ctx.out('Modify kubeconfig files using subcommands like "kubectl config set current-context my-context".\n\nAvailable Commands:\n  current-context   Display the current-context\n  get-clusters      Display clusters defined in the kubeconfig\n  get-contexts      Describe one or many contexts\n  view              Display merged kubeconfig settings or a specified kubeconfig file\n');
        return 0;
    }
    throw new KubectlError(`"kubectl config ${sub}" is not available in this lab (the lab has one context, minikube; use -n NAMESPACE on each command)`);
  },
};

/**
 * kubectl top pod|node: minikube runs no metrics-server, so kubectl answers as it does without
 * the metrics.k8s.io API. Source: kubernetes/kubectl pkg/cmd/top/top_pod.go, top_node.go
 * (`Metrics API not available`).
 */
export const topCommand: KubectlCommand = {
  name: 'top',
  short: 'Display resource (CPU/memory) usage',
  flags: [
    { name: 'selector', short: 'l', type: 'string' },
    { name: 'all-namespaces', short: 'A', type: 'bool' },
    { name: 'containers', type: 'bool' },
    { name: 'no-headers', type: 'bool' },
    { name: 'sort-by', type: 'string' },
  ],
  async run(ctx, p) {
    const sub = p.args[0];
    if (!sub) {
      ctx.out('Display resource (CPU/memory) usage.\n\n The top command allows you to see the resource consumption for nodes or pods.\n\n This command requires Metrics Server to be correctly configured and working on the server.\n\nAvailable Commands:\n  node          Display resource (CPU/memory) usage of nodes\n  pod           Display resource (CPU/memory) usage of pods\n\nUsage:\n  kubectl top [flags] [options]\n');
      return 0;
    }
    if (!['pod', 'pods', 'po', 'node', 'nodes', 'no'].includes(sub)) throw new KubectlError(`unknown command "${sub}" for "kubectl top"`);
    throw new KubectlError('Metrics API not available');
  },
};
