// kubectl expose TYPE NAME --port=P [--target-port] [--name] [--type] [--cluster-ip=None]:
// a Service selecting what the resource selects → `service/NAME exposed`.
// Source: kubernetes/kubectl pkg/cmd/expose/expose.go (RunExpose), pkg/polymorphichelpers/
// mapbasedselectorforobject.go, portsforobject.go, pkg/generate/versioned/service.go (port names
// `port-1`, `port-2` when several).
import type { KubeObject } from '../../cluster/api/client.ts';
import { resourceInfo } from '../../cluster/api/resources.ts';
import { KubectlError } from '../cli/errors.ts';
import { parseResourceArgs } from '../cli/resources.ts';
import { toJson, toYaml } from '../printers/object.ts';
import type { KubectlCommand } from './types.ts';

function selectorOf(obj: KubeObject, kind: string): Record<string, string> {
  if (kind === 'Pod') {
    if (!Object.keys(obj.metadata.labels ?? {}).length) throw new KubectlError(`the pod has no labels and cannot be exposed`);
    return obj.metadata.labels!;
  }
  if (kind === 'Service') {
    if (!obj.spec?.selector) throw new KubectlError(`the service has no pod selector set`);
    return obj.spec.selector;
  }
  const sel = obj.spec?.selector;
  if (sel?.matchExpressions?.length) throw new KubectlError(`couldn't retrieve selectors via --selector flag or introspection: the ${kind} has a selector that cannot be expressed as a map`);
  return sel?.matchLabels ?? {};
}

function portsOf(obj: KubeObject, kind: string): Array<{ port: number; name?: string; protocol?: string }> {
  if (kind === 'Service') return (obj.spec?.ports ?? []).map((p: any) => ({ port: p.port, protocol: p.protocol }));
  const spec = kind === 'Pod' ? obj.spec : obj.spec?.template?.spec;
  const out: Array<{ port: number; protocol?: string }> = [];
  for (const c of spec?.containers ?? []) for (const p of c.ports ?? []) out.push({ port: p.containerPort, protocol: p.protocol });
  return out;
}

export const exposeCommand: KubectlCommand = {
  name: 'expose',
  short: 'Take a replication controller, service, deployment or pod and expose it as a new Kubernetes service',
  flags: [
    { name: 'port', type: 'string' },
    { name: 'target-port', type: 'string' },
    { name: 'name', type: 'string' },
    { name: 'type', type: 'string' },
    { name: 'protocol', type: 'string' },
    { name: 'cluster-ip', type: 'string' },
    { name: 'selector', type: 'string' },
    { name: 'labels', short: 'l', type: 'string' },
    { name: 'external-ip', type: 'string' },
    { name: 'session-affinity', type: 'string' },
    { name: 'dry-run', type: 'string', noOptDefault: 'unchanged' },
    { name: 'output', short: 'o', type: 'string' },
    { name: 'filename', short: 'f', type: 'strings' },
  ],
  async run(ctx, p) {
    if (!p.args.length) throw new KubectlError(`You must provide one or more resources by argument or filename.`);
    const [g] = parseResourceArgs(p.args);
    if (!g.names.length) throw new KubectlError('resource(s) were provided, but no name was specified');
    const kind = g.info.kind;
    if (!['Pod', 'Service', 'StatefulSet', 'Deployment', 'ReplicaSet'].includes(kind)) throw new KubectlError(`cannot expose a ${kind}`);
    const { api } = ctx.services;
    const obj = api.get(g.info.resource, ctx.namespace, g.names[0]);
    let selector: Record<string, string>;
    if (p.flags.selector) {
      selector = {};
      for (const kv of String(p.flags.selector).split(',')) selector[kv.split('=')[0]] = kv.split('=')[1] ?? '';
    } else selector = selectorOf(obj, kind);
    let ports: Array<{ port: number; protocol?: string }>;
    if (p.flags.port) ports = String(p.flags.port).split(',').map((x) => ({ port: Number(x) }));
    else ports = portsOf(obj, kind);
    if (!ports.length || ports.some((x) => !Number.isInteger(x.port))) throw new KubectlError(`couldn't find port via --port flag or introspection\nSee 'kubectl expose -h' for help and examples`);
    const servicePorts = ports.map((x, i) => {
      const sp: any = { port: x.port, protocol: p.flags.protocol ?? x.protocol ?? 'TCP' };
      if (ports.length > 1) sp.name = `port-${i + 1}`;
      const tp = p.flags['target-port'];
      sp.targetPort = tp !== undefined ? (/^\d+$/.test(tp) ? Number(tp) : tp) : x.port;
      return sp;
    });
    const name = p.flags.name ?? g.names[0];
    const labels = p.flags.labels ? Object.fromEntries(String(p.flags.labels).split(',').map((kv) => [kv.split('=')[0], kv.split('=')[1] ?? ''])) : obj.metadata.labels;
    const svc: KubeObject = {
      apiVersion: 'v1', kind: 'Service',
      metadata: { name, ...(labels && Object.keys(labels).length ? { labels } : {}) },
      spec: { ports: servicePorts, selector, ...(p.flags.type ? { type: p.flags.type } : {}), ...(p.flags['cluster-ip'] ? { clusterIP: p.flags['cluster-ip'] } : {}), ...(p.flags['session-affinity'] ? { sessionAffinity: p.flags['session-affinity'] } : {}) },
    };
    const dry = p.flags['dry-run'] !== undefined && p.flags['dry-run'] !== 'none';
    const created = dry ? svc : api.create('services', ctx.namespace, svc);
    if (p.flags.output === 'yaml') ctx.out(toYaml(created));
    else if (p.flags.output === 'json') ctx.out(toJson(created));
    else ctx.out(`service/${name} exposed${dry ? ' (dry run)' : ''}\n`);
    void resourceInfo;
    return 0;
  },
};
