// kubectl scale sts web --replicas=5 → `statefulset.apps/web scaled`, through the scale
// subresource. Source: kubernetes/kubectl pkg/cmd/scale/scale.go (Validate, RunScale),
// pkg/scale/scale.go (ScaleSimple with --current-replicas / --resource-version preconditions).
import { KubectlError, errorText } from '../cli/errors.ts';
import { readManifests } from '../cli/manifests.ts';
import { parseResourceArgs, requireResource } from '../cli/resources.ts';
import { kindPrefix } from '../printers/object.ts';
import { fetchObjects } from './objects.ts';
import type { KubectlCommand } from './types.ts';

const SCALABLE = ['statefulsets', 'deployments', 'replicasets'];

export const scaleCommand: KubectlCommand = {
  name: 'scale',
  short: 'Set a new size for a deployment, replica set, or stateful set',
  flags: [
    { name: 'replicas', type: 'int', default: -1 },
    { name: 'current-replicas', type: 'int', default: -1 },
    { name: 'resource-version', type: 'string' },
    { name: 'selector', short: 'l', type: 'string' },
    { name: 'all', type: 'bool' },
    { name: 'filename', short: 'f', type: 'strings' },
    { name: 'output', short: 'o', type: 'string' },
    { name: 'dry-run', type: 'string', noOptDefault: 'unchanged' },
    { name: 'timeout', type: 'string' },
  ],
  async run(ctx, p) {
    if (!p.set.has('replicas')) throw new KubectlError('required flag(s) "replicas" not set');
    const replicas: number = p.flags.replicas;
    if (replicas < 0) throw new KubectlError('The --replicas=COUNT flag is required, and COUNT must be greater than or equal to 0');
    let targets: Array<{ info: ReturnType<typeof requireResource>; name: string; ns?: string }> = [];
    const errors: unknown[] = [];
    if ((p.flags.filename as string[]).length) {
      for (const m of readManifests(p.flags.filename, ctx.io.fs, ctx.io.cwd, ctx.io.stdin)) targets.push({ info: requireResource(m.obj.kind ?? ''), name: m.obj.metadata.name ?? '', ns: m.obj.metadata.namespace });
    } else {
      if (!p.args.length) throw new KubectlError('You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   \'-f rsrc.yaml\'\n   \'--filename=rsrc.json\'\n   \'<resource> <name>\'\n   \'<resource>\'');
      const groups = parseResourceArgs(p.args);
      for (const g of groups) {
        if (g.names.length) for (const n of g.names) targets.push({ info: g.info, name: n });
        else if (p.flags.all || p.flags.selector) {
          const { found, errors: errs } = fetchObjects(ctx, [g], { labelSelector: p.flags.selector });
          errors.push(...errs);
          targets.push(...found[0].map((x) => ({ info: x.info, name: x.obj.metadata.name ?? '' })));
        } else throw new KubectlError('resource(s) were provided, but no name was specified');
      }
    }
    targets = targets.filter((t) => {
      if (SCALABLE.includes(t.info.resource)) return true;
      errors.push(new KubectlError(`cannot scale ${t.info.resource}: no scaler has been implemented for {"${t.info.group}" "${t.info.kind}"}`));
      return false;
    });
    const { api } = ctx.services;
    for (const t of targets) {
      const ns = t.ns ?? ctx.namespace;
      try {
        const cur = api.get(t.info.resource, ns, t.name);
        if (p.flags['current-replicas'] >= 0 && (cur.spec?.replicas ?? 0) !== p.flags['current-replicas']) {
          throw new KubectlError(`Expected replicas to be ${p.flags['current-replicas']}, was ${cur.spec?.replicas ?? 0}`);
        }
        const patch: any = { spec: { replicas } };
        if (p.flags['resource-version']) patch.metadata = { resourceVersion: p.flags['resource-version'] };
        if (p.flags['dry-run'] === undefined || p.flags['dry-run'] === 'none') api.patch(t.info.resource, ns, t.name, patch, 'merge', { subresource: 'scale' });
        if (p.flags.output === 'name') ctx.out(`${kindPrefix(t.info)}/${t.name}\n`);
        else ctx.out(`${kindPrefix(t.info)}/${t.name} scaled\n`);
      } catch (e) {
        errors.push(e);
      }
    }
    for (const e of errors) ctx.err(errorText(e));
    return errors.length ? 1 : 0;
  },
};
