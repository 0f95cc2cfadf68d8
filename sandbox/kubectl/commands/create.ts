// kubectl create -f FILE (`statefulset.apps/web created`, AlreadyExists with the file name), and
// the generators the tutorials use: create namespace|deployment|configmap|service clusterip.
// Source: kubernetes/kubectl pkg/cmd/create/create.go (RunCreate), create_namespace.go,
// create_deployment.go, create_configmap.go, create_service.go.
import type { KubeObject } from '../../cluster/api/client.ts';
import { resourceInfo } from '../../cluster/api/resources.ts';
import { KubectlError, withSource } from '../cli/errors.ts';
import { readManifests } from '../cli/manifests.ts';
import { dryRunFlag, mapManifests, printResult, reportErrors } from './apply.ts';
import type { KubectlCommand } from './types.ts';

function generate(kind: string, name: string, f: Record<string, any>, args: string[]): { resource: string; obj: KubeObject } {
  switch (kind) {
    case 'namespace': case 'ns':
      return { resource: 'namespaces', obj: { apiVersion: 'v1', kind: 'Namespace', metadata: { name } } };
    case 'deployment': case 'deploy': {
      const images: string[] = f.image;
      if (!images.length) throw new KubectlError('required flag(s) "image" not set');
      const containers = images.map((image) => ({ name: image.split('/').pop()!.split(':')[0].split('@')[0], image, ...(f.port ? { ports: [{ containerPort: Number(f.port) }] } : {}) }));
      return {
        resource: 'deployments',
        obj: { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name, labels: { app: name } }, spec: { replicas: f.replicas ?? 1, selector: { matchLabels: { app: name } }, template: { metadata: { labels: { app: name } }, spec: { containers } } } },
      };
    }
    case 'configmap': case 'cm': {
      const data: Record<string, string> = {};
      for (const lit of f['from-literal'] as string[]) {
        const i = lit.indexOf('=');
        if (i <= 0) throw new KubectlError(`invalid literal source ${lit}, expected key=value`);
        data[lit.slice(0, i)] = lit.slice(i + 1);
      }
      return { resource: 'configmaps', obj: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name }, data } };
    }
    case 'service': case 'svc': {
      const type = args[0];
      const svcName = args[1];
      if (!['clusterip', 'nodeport'].includes(type ?? '')) throw new KubectlError('create service needs a type: clusterip or nodeport');
      if (!svcName) throw new KubectlError('exactly one NAME is required, got 0');
      const ports = (f.tcp as string[]).map((t) => {
        const [port, target] = t.split(':');
        return { name: `${port}-${target ?? port}`, port: Number(port), protocol: 'TCP', targetPort: Number(target ?? port) };
      });
      const headless = f.clusterip === 'None';
      return { resource: 'services', obj: { apiVersion: 'v1', kind: 'Service', metadata: { name: svcName, labels: { app: svcName } }, spec: { type: type === 'nodeport' ? 'NodePort' : 'ClusterIP', selector: { app: svcName }, ports, ...(headless ? { clusterIP: 'None' } : {}) } } };
    }
  }
  throw new KubectlError(`unknown command "${kind}" for "kubectl create"`);
}

export const createCommand: KubectlCommand = {
  name: 'create',
  short: 'Create a resource from a file or from stdin',
  flags: [
    { name: 'filename', short: 'f', type: 'strings' },
    { name: 'recursive', short: 'R', type: 'bool' },
    { name: 'output', short: 'o', type: 'string' },
    { name: 'dry-run', type: 'string', noOptDefault: 'unchanged' },
    { name: 'save-config', type: 'bool' },
    { name: 'validate', type: 'string', noOptDefault: 'strict' },
    { name: 'image', type: 'strings' },
    { name: 'replicas', short: 'r', type: 'int' },
    { name: 'port', type: 'int' },
    { name: 'from-literal', type: 'strings' },
    { name: 'tcp', type: 'strings' },
    { name: 'clusterip', type: 'string' },
  ],
  async run(ctx, p) {
    const dryRun = dryRunFlag(p.flags['dry-run'] === 'unchanged' ? 'client' : p.flags['dry-run']);
    const { api } = ctx.services;
    if (!(p.flags.filename as string[]).length) {
      if (!p.args.length) throw new KubectlError(`must specify one of -f and -k`);
      const [kind, name, ...rest] = p.args;
      if (!name && kind !== 'service' && kind !== 'svc') throw new KubectlError(`exactly one NAME is required, got 0`);
      const gen = generate(kind, name, p.flags, [name, ...rest]);
      const info = resourceInfo(gen.resource)!;
      const ns = info.namespaced ? ctx.namespace : undefined;
      const obj = dryRun === 'client' ? gen.obj : api.create(gen.resource, ns, gen.obj, { dryRun: dryRun === 'server' });
      printResult(ctx, info, obj, 'created', p.flags.output, dryRun);
      return 0;
    }
    const manifests = readManifests(p.flags.filename, ctx.io.fs, ctx.io.cwd, ctx.io.stdin, p.flags.recursive);
    const errors: unknown[] = [];
    const mapped = mapManifests(ctx, manifests, errors);
    if (!mapped.length && !errors.length) throw new KubectlError('no objects passed to create');
    for (const mp of mapped) {
      try {
        const obj = dryRun === 'client' ? mp.m.obj : api.create(mp.info.resource, mp.namespace, mp.m.obj, { dryRun: dryRun === 'server' });
        printResult(ctx, mp.info, obj, 'created', p.flags.output, dryRun);
      } catch (e) {
        errors.push(withSource(e, 'creating', mp.m.source));
      }
    }
    return reportErrors(ctx, errors);
  },
};

export const replaceCommand: KubectlCommand = {
  name: 'replace',
  short: 'Replace a resource by file name or stdin',
  flags: [
    { name: 'filename', short: 'f', type: 'strings' },
    { name: 'recursive', short: 'R', type: 'bool' },
    { name: 'output', short: 'o', type: 'string' },
    { name: 'force', type: 'bool' },
    { name: 'grace-period', type: 'int', default: -1 },
    { name: 'dry-run', type: 'string', noOptDefault: 'unchanged' },
    { name: 'save-config', type: 'bool' },
    { name: 'validate', type: 'string', noOptDefault: 'strict' },
  ],
  async run(ctx, p) {
    if (!(p.flags.filename as string[]).length) throw new KubectlError('must specify --filename to replace');
    const dryRun = dryRunFlag(p.flags['dry-run'] === 'unchanged' ? 'client' : p.flags['dry-run']);
    const { api } = ctx.services;
    const manifests = readManifests(p.flags.filename, ctx.io.fs, ctx.io.cwd, ctx.io.stdin, p.flags.recursive);
    const errors: unknown[] = [];
    const mapped = mapManifests(ctx, manifests, errors);
    for (const mp of mapped) {
      try {
        const name = mp.m.obj.metadata.name ?? '';
        if (p.flags.force) {
          try {
            api.delete(mp.info.resource, mp.namespace, name, { gracePeriodSeconds: p.flags['grace-period'] >= 0 ? p.flags['grace-period'] : undefined });
            ctx.out(`${mp.info.group ? `${mp.info.singular}.${mp.info.group}` : mp.info.singular} "${name}" deleted\n`);
          } catch {
            // nothing to delete
          }
          const obj = api.create(mp.info.resource, mp.namespace, mp.m.obj);
          printResult(ctx, mp.info, obj, 'replaced', p.flags.output, dryRun);
          continue;
        }
        const live = api.get(mp.info.resource, mp.namespace, name);
        const next = JSON.parse(JSON.stringify(mp.m.obj));
        if (!next.metadata.resourceVersion) next.metadata.resourceVersion = live.metadata.resourceVersion;
        const obj = dryRun === 'client' ? next : api.update(mp.info.resource, mp.namespace, next, { dryRun: dryRun === 'server' });
        printResult(ctx, mp.info, obj, 'replaced', p.flags.output, dryRun);
      } catch (e) {
        errors.push(withSource(e, 'replacing', mp.m.source));
      }
    }
    return reportErrors(ctx, errors);
  },
};
