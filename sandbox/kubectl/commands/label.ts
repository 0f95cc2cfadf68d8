// kubectl label / annotate TYPE NAME key=value key2- [--overwrite] [--all] [-l] [--list]:
// `pod/web-0 labeled`, `unlabeled` when only removing, `not labeled` when nothing changed;
// annotate always says `annotated`.
// Source: kubernetes/kubectl pkg/cmd/label/label.go (parseLabels, validateNoOverwrites,
// updateDataChangeMsg), pkg/cmd/annotate/annotate.go (validateNoAnnotationOverwrites).
import type { KubeObject } from '../../cluster/api/client.ts';
import type { KubectlContext } from '../cli/context.ts';
import { errorText, KubectlError } from '../cli/errors.ts';
import type { ParsedArgs } from '../cli/flags.ts';
import { readManifests } from '../cli/manifests.ts';
import { parseResourceArgs, requireResource, type TypedNames } from '../cli/resources.ts';
import { kindPrefix } from '../printers/object.ts';
import { fetchObjects } from './objects.ts';
import type { KubectlCommand } from './types.ts';

const flags = [
  { name: 'overwrite', type: 'bool' as const },
  { name: 'all', type: 'bool' as const },
  { name: 'all-namespaces', short: 'A', type: 'bool' as const },
  { name: 'selector', short: 'l', type: 'string' as const },
  { name: 'field-selector', type: 'string' as const },
  { name: 'list', type: 'bool' as const },
  { name: 'local', type: 'bool' as const },
  { name: 'output', short: 'o', type: 'string' as const },
  { name: 'dry-run', type: 'string' as const, noOptDefault: 'unchanged' },
  { name: 'resource-version', type: 'string' as const },
  { name: 'filename', short: 'f', type: 'strings' as const },
];

const KEY_RE = /^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\/)?[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/;
const VALUE_RE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;

async function run(ctx: KubectlContext, p: ParsedArgs, field: 'labels' | 'annotations'): Promise<number> {
  const word = field === 'labels' ? 'label' : 'annotation';
  const resArgs: string[] = [];
  const changes: string[] = [];
  for (const a of p.args) {
    if (a.includes('=') || (a.endsWith('-') && resArgs.length > 0)) changes.push(a);
    else resArgs.push(a);
  }
  const files: string[] = p.flags.filename;
  if (!resArgs.length && !files.length) throw new KubectlError(`one or more resources must be specified as <resource> <name> or <resource>/<name>`);
  if (!changes.length && !p.flags.list) throw new KubectlError(`at least one ${word} update is required`);
  const add: Record<string, string> = {};
  const remove: string[] = [];
  for (const c of changes) {
    if (c.endsWith('-') && !c.includes('=')) remove.push(c.slice(0, -1));
    else {
      const i = c.indexOf('=');
      const k = c.slice(0, i);
      const v = c.slice(i + 1);
      if (!KEY_RE.test(k) || (field === 'labels' && (!VALUE_RE.test(v) || v.length > 63))) throw new KubectlError(`invalid ${word} spec: ${c}`);
      add[k] = v;
    }
  }
  for (const k of remove) if (k in add) throw new KubectlError(`can not both modify and remove ${word}s in the same command`);
  // -f: the objects the manifests name, in file order.
  const groups: TypedNames[] = files.length ? [] : parseResourceArgs(resArgs);
  for (const m of files.length ? readManifests(files, ctx.io.fs, ctx.io.cwd, ctx.io.stdin, false) : []) {
    const info = requireResource(m.obj.kind ?? '');
    const prev = groups[groups.length - 1];
    if (prev && prev.info === info) prev.names.push(m.obj.metadata?.name ?? '');
    else groups.push({ info, names: [m.obj.metadata?.name ?? ''] });
  }
  const byName = groups.some((g) => g.names.length);
  if (!byName && !p.flags.all && !p.flags.selector && !p.flags['field-selector']) throw new KubectlError('resource(s) were provided, but no name was specified');
  const { found, errors } = fetchObjects(ctx, groups, { allNamespaces: p.flags['all-namespaces'], labelSelector: p.flags.selector, fieldSelector: p.flags['field-selector'] });
  const { api } = ctx.services;
  for (const x of found.flat()) {
    try {
      const obj: KubeObject = x.obj;
      const before: Record<string, string> = { ...(obj.metadata[field] ?? {}) };
      if (p.flags.list) {
        ctx.out(`Listing ${word}s for ${x.info.kind}.${x.info.group ? x.info.group + '/' : ''}${obj.metadata.name}:\n`);
        for (const k of Object.keys(before).sort()) ctx.out(` ${k}=${before[k]}\n`);
        continue;
      }
      // label.go RunLabel: a key to remove that the object does not have is reported on stdout
      // before the result line (annotate.go has no such message).
      if (field === 'labels' && [undefined, 'none', 'server'].includes(p.flags['dry-run']) && !p.flags.local) {
        for (const k of remove) if (!(k in before)) ctx.out(`label "${k}" not found.\n`);
      }
      if (!p.flags.overwrite) {
        if (field === 'labels') {
          // label.go validateNoOverwrites: any key the object has, even with the same value.
          const errs = Object.keys(add).filter((k) => k in before).map((k) => `'${k}' already has a value (${before[k]}), and --overwrite is false`);
          if (errs.length) throw new KubectlError(errs.length === 1 ? errs[0] : `[${errs.join(', ')}]`);
        } else {
          // annotate.go validateNoAnnotationOverwrites: only a different value, and never the
          // change-cause annotation.
          const clash = Object.keys(add).filter((k) => k !== 'kubernetes.io/change-cause' && k in before && before[k] !== add[k]);
          if (clash.length) throw new KubectlError(`--overwrite is false but found the following declared annotation(s): ${clash.map((k) => `'${k}' already has a value (${before[k]})`).join('; ')}`);
        }
      }
      const after = { ...before, ...add };
      for (const k of remove) delete after[k];
      const changed = JSON.stringify(before) !== JSON.stringify(after);
      if (changed && (p.flags['dry-run'] === undefined || p.flags['dry-run'] === 'none')) {
        const patch: any = { metadata: { [field]: { ...Object.fromEntries(remove.map((k) => [k, null])), ...add } } };
        if (p.flags['resource-version']) patch.metadata.resourceVersion = p.flags['resource-version'];
        api.patch(x.info.resource, obj.metadata.namespace, obj.metadata.name!, patch, 'merge');
      }
      let msg: string;
      if (field === 'annotations') msg = 'annotated';
      else if (!changed) msg = 'not labeled';
      else msg = !p.flags.overwrite && Object.keys(after).length < Object.keys(before).length ? 'unlabeled' : 'labeled';
      if (p.flags.output === 'name') ctx.out(`${kindPrefix(x.info)}/${obj.metadata.name}\n`);
      else ctx.out(`${kindPrefix(x.info)}/${obj.metadata.name} ${msg}\n`);
    } catch (e) {
      errors.push(e);
    }
  }
  for (const e of errors) ctx.err(errorText(e));
  return errors.length ? 1 : 0;
}

export const labelCommand: KubectlCommand = {
  name: 'label',
  short: 'Update the labels on a resource',
  flags,
  run: (ctx, p) => run(ctx, p, 'labels'),
};

export const annotateCommand: KubectlCommand = {
  name: 'annotate',
  short: 'Update the annotations on a resource',
  flags,
  run: (ctx, p) => run(ctx, p, 'annotations'),
};
