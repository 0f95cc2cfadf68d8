// kubectl create -f FILE (`statefulset.apps/web created`, AlreadyExists with the file name), and
// the generators the tutorials use: create namespace|deployment|configmap|serviceaccount|service clusterip.
// Also kubectl replace -f FILE [--force].
// Source: kubernetes/kubectl pkg/cmd/create/create.go (RunCreate), create_namespace.go,
// create_deployment.go, create_configmap.go, create_serviceaccount.go, create_service.go;
// pkg/cmd/replace/replace.go.
import type { KubeObject } from '../../cluster/api/client.ts';
import { resourceInfo } from '../../cluster/api/resources.ts';
import { KubectlError, withSource } from '../cli/errors.ts';
import { validationDirective, type ValidationDirective } from '../cli/field-validation.ts';
import { readManifests } from '../cli/manifests.ts';
import type { KubectlContext } from '../cli/context.ts';
import { parseDuration } from '../cli/duration.ts';
import { kindPrefix } from '../printers/object.ts';
import { dryRunFlag, mapManifests, objectPrinter, reportErrors, type Mapped } from './apply.ts';
import { waitGone, type Target } from './delete.ts';
import { isNotFound } from './objects.ts';
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
    case 'serviceaccount': case 'sa':
      // create_serviceaccount.go: a ServiceAccount with just its name.
      return { resource: 'serviceaccounts', obj: { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name } } };
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
      const print = objectPrinter(ctx, p.flags.output, dryRun);
      const obj = dryRun === 'client' ? gen.obj : api.create(gen.resource, ns, gen.obj, { dryRun: dryRun === 'server' });
      print(info, obj, 'created');
      return 0;
    }
    const fieldValidation = validationDirective(p.flags.validate);
    const errors: unknown[] = [];
    const manifests = readManifests(p.flags.filename, ctx.io.fs, ctx.io.cwd, ctx.io.stdin, p.flags.recursive, errors);
    const mapped = mapManifests(ctx, manifests, errors);
    if (!mapped.length && !errors.length) throw new KubectlError('no objects passed to create');
    const print = objectPrinter(ctx, p.flags.output, dryRun);
    for (const mp of mapped) {
      try {
        const obj = dryRun === 'client' ? mp.m.obj : api.create(mp.info.resource, mp.namespace, mp.m.obj, { dryRun: dryRun === 'server', fieldValidation });
        print(mp.info, obj, 'created');
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
    { name: 'timeout', type: 'string' },
    { name: 'dry-run', type: 'string', noOptDefault: 'unchanged' },
    { name: 'save-config', type: 'bool' },
    { name: 'validate', type: 'string', noOptDefault: 'strict' },
  ],
  async run(ctx, p) {
    if (!(p.flags.filename as string[]).length) throw new KubectlError('must specify --filename to replace');
    const dryRun = dryRunFlag(p.flags['dry-run'] === 'unchanged' ? 'client' : p.flags['dry-run']);
    const { api } = ctx.services;
    const fieldValidation = validationDirective(p.flags.validate);
    const manifests = readManifests(p.flags.filename, ctx.io.fs, ctx.io.cwd, ctx.io.stdin, p.flags.recursive);
    const errors: unknown[] = [];
    const mapped = mapManifests(ctx, manifests, errors);
    // replace.go Complete turns --grace-period=0 into 1; Validate wants --force for both flags.
    const grace: number = p.flags['grace-period'] === 0 ? 1 : p.flags['grace-period'];
    if (grace >= 0 && !p.flags.force) throw new KubectlError('--grace-period must have --force specified');
    if (p.flags.timeout && !p.flags.force) throw new KubectlError('--timeout must have --force specified');
    if (p.flags.force) return forceReplace(ctx, mapped, errors, grace, p.flags.timeout ? parseDuration(String(p.flags.timeout)) : 0, p.flags.output, fieldValidation);
    const print = objectPrinter(ctx, p.flags.output, dryRun);
    for (const mp of mapped) {
      try {
        const name = mp.m.obj.metadata.name ?? '';
        const live = api.get(mp.info.resource, mp.namespace, name);
        const next = JSON.parse(JSON.stringify(mp.m.obj));
        if (!next.metadata.resourceVersion) next.metadata.resourceVersion = live.metadata.resourceVersion;
        const obj = dryRun === 'client' ? next : api.update(mp.info.resource, mp.namespace, next, { dryRun: dryRun === 'server', fieldValidation });
        print(mp.info, obj, 'replaced');
      } catch (e) {
        errors.push(withSource(e, 'replacing', mp.m.source));
      }
    }
    return reportErrors(ctx, errors);
  },
};

/**
 * replace --force (replace.go forceReplace): delete every object first, printing as delete does
 * (`pod "p" deleted from default namespace`; one that does not exist is skipped: replace creates
 * it), wait until each name is gone (a poll up to --timeout, 5 minutes by default), then create
 * them all again (`pod/p replaced`).
 */
async function forceReplace(ctx: KubectlContext, mapped: Mapped[], errors: unknown[], grace: number, timeoutMs: number, output: string | undefined, fieldValidation: ValidationDirective): Promise<number> {
  const { api } = ctx.services;
  if (errors.length) return reportErrors(ctx, errors);
  const deleted: Target[] = [];
  for (const mp of mapped) {
    const name = mp.m.obj.metadata.name ?? '';
    try {
      api.delete(mp.info.resource, mp.namespace, name, { gracePeriodSeconds: grace >= 0 ? grace : undefined, propagationPolicy: 'Background' });
    } catch (e) {
      if (!isNotFound(e)) errors.push(withSource(e, 'deleting', mp.m.source));
      continue;
    }
    deleted.push({ info: mp.info, namespace: mp.namespace, name });
    if (output === 'name') ctx.out(`${kindPrefix(mp.info)}/${name}\n`);
    else ctx.out(`${kindPrefix(mp.info)} "${name}" deleted${mp.namespace ? ` from ${mp.namespace} namespace` : ''}\n`);
  }
  if (errors.length) return reportErrors(ctx, errors);
  try {
    // Gone by name, whatever its uid: a controller that recreates the object keeps it waiting.
    await waitGone(ctx, deleted, timeoutMs || 5 * 60_000);
  } catch {
    throw new KubectlError('timed out waiting for the condition');
  }
  const print = objectPrinter(ctx, output, undefined);
  for (const mp of mapped) {
    try {
      const obj = api.create(mp.info.resource, mp.namespace, mp.m.obj, { fieldValidation });
      print(mp.info, obj, 'replaced');
    } catch (e) {
      errors.push(e);
    }
  }
  return reportErrors(ctx, errors);
}
