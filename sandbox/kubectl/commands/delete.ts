// kubectl delete: by name, -f, -l, --all; `pod "web-0" deleted from default namespace`
// (kubectl 1.34+), `--force` prints the immediate-deletion warning and `force deleted`;
// --grace-period=0 without --force becomes 1; --cascade=orphan|background|foreground;
// --wait (default true) waits for the objects to be gone.
// Source: kubernetes/kubectl pkg/cmd/delete/delete.go (Complete, RunDelete, DeleteResult,
// deleteResource, PrintObj), pkg/cmd/delete/delete_flags.go (cascade).
import type { DeleteOptions } from '../../cluster/api/client.ts';
import type { ResourceInfo } from '../../cluster/api/resources.ts';
import type { KubectlContext } from '../cli/context.ts';
import { errorText, KubectlError, withSource } from '../cli/errors.ts';
import { readManifests } from '../cli/manifests.ts';
import { parseResourceArgs, type TypedNames } from '../cli/resources.ts';
import { kindPrefix } from '../printers/object.ts';
import { mapManifests } from './apply.ts';
import { fetchObjects, isNotFound } from './objects.ts';
import { QUIET_MS, type KubectlCommand } from './types.ts';
import { parseDuration } from '../cli/duration.ts';

const NO_RESOURCES = `You must provide one or more resources by argument or filename.
Example resource specifications include:
   '-f rsrc.yaml'
   '--filename=rsrc.json'
   '<resource> <name>'
   '<resource>'`;

export interface Target {
  info: ResourceInfo;
  namespace: string | undefined;
  name: string;
  source?: string;
}

function cascade(v: string, ctx: KubectlContext): DeleteOptions['propagationPolicy'] {
  switch (v) {
    case 'background': case 'true': return 'Background';
    case 'foreground': return 'Foreground';
    case 'orphan': return 'Orphan';
    case 'false':
      ctx.err('warning: --cascade=false is deprecated (boolean value) and can be replaced with --cascade=orphan.\n');
      return 'Orphan';
  }
  throw new KubectlError(`invalid cascade value (${v}). Must be "background", "foreground", or "orphan".`);
}

/**
 * Waits until every target is gone (or a different object took its name). With `timeoutMs`
 * (`--timeout`; 0 means kubectl's 168h) it fails as delete.go's wait does:
 * `error: timed out waiting for the condition on pods/web-1`.
 */
export async function waitGone(ctx: KubectlContext, targets: Array<Target & { uid?: string }>, timeoutMs = 0): Promise<boolean> {
  const { api } = ctx.services;
  const start = ctx.now();
  const remaining = () => targets.filter((t) => {
    try {
      const o = api.get(t.info.resource, t.namespace, t.name);
      return !t.uid || o.metadata.uid === t.uid;
    } catch {
      return false;
    }
  });
  const resources = [...new Set(targets.map((t) => t.info.resource))];
  for (;;) {
    const left = remaining();
    if (!left.length) return true;
    if (timeoutMs > 0 && ctx.now() - start >= timeoutMs) {
      throw new KubectlError(`timed out waiting for the condition on ${left[0].info.resource}/${left[0].name}`);
    }
    const wait = timeoutMs > 0 ? Math.max(1, Math.min(QUIET_MS, start + timeoutMs - ctx.now())) : QUIET_MS;
    const r = await ctx.services.nextChange(wait, ctx.io.signal, resources);
    if (r === 'interrupted') return !remaining().length;
    if (r === 'quiet' && !(timeoutMs > 0 && ctx.now() - start >= timeoutMs)) return !remaining().length;
  }
}

export const deleteCommand: KubectlCommand = {
  name: 'delete',
  short: 'Delete resources by file names, stdin, resources and names, or by resources and label selector',
  flags: [
    { name: 'filename', short: 'f', type: 'strings' },
    { name: 'recursive', short: 'R', type: 'bool' },
    { name: 'selector', short: 'l', type: 'string' },
    { name: 'field-selector', type: 'string' },
    { name: 'all', type: 'bool' },
    { name: 'all-namespaces', short: 'A', type: 'bool' },
    { name: 'grace-period', type: 'int', default: -1 },
    { name: 'force', type: 'bool' },
    { name: 'now', type: 'bool' },
    { name: 'cascade', type: 'string', default: 'background', noOptDefault: 'background' },
    { name: 'wait', type: 'bool', default: true },
    { name: 'timeout', type: 'string' },
    { name: 'ignore-not-found', type: 'bool' },
    { name: 'output', short: 'o', type: 'string' },
    { name: 'dry-run', type: 'string', noOptDefault: 'unchanged' },
    { name: 'interactive', short: 'i', type: 'bool' },
  ],
  async run(ctx, p) {
    const f = p.flags;
    const { api } = ctx.services;
    let grace: number = f['grace-period'];
    if (f.now) {
      if (grace !== -1) throw new KubectlError('--now and --grace-period cannot be specified together');
      grace = 1;
    }
    if (grace === 0 && !f.force) grace = 1;
    if (f.force && grace < 0) grace = 0;
    const policy = cascade(String(f.cascade), ctx);
    const errors: unknown[] = [];
    const targets: Target[] = [];
    const files: string[] = f.filename;
    if (files.length) {
      const mapped = mapManifests(ctx, readManifests(files, ctx.io.fs, ctx.io.cwd, ctx.io.stdin, f.recursive), errors);
      for (const m of mapped) targets.push({ info: m.info, namespace: m.namespace, name: m.m.obj.metadata.name ?? '', source: m.m.source });
    } else {
      if (!p.args.length) throw new KubectlError(NO_RESOURCES);
      const groups: TypedNames[] = parseResourceArgs(p.args);
      const byName = groups.some((g) => g.names.length);
      if (!byName && !f.all && !f.selector && !f['field-selector']) throw new KubectlError('resource(s) were provided, but no name was specified');
      if (byName && (f.all || f.selector)) throw new KubectlError(f.all ? "name cannot be provided when --all is specified" : "name cannot be provided when a selector is specified");
      if (byName) {
        for (const g of groups) for (const name of g.names) targets.push({ info: g.info, namespace: g.info.namespaced ? ctx.namespace : undefined, name });
      } else {
        const { found, errors: errs } = fetchObjects(ctx, groups, { allNamespaces: f['all-namespaces'], labelSelector: f.selector, fieldSelector: f['field-selector'] });
        errors.push(...errs);
        for (const x of found.flat()) targets.push({ info: x.info, namespace: x.obj.metadata.namespace, name: x.obj.metadata.name ?? '' });
        if (!targets.length && !errs.length) {
          ctx.out('No resources found\n');
          return 0;
        }
      }
    }
    if (f.force && grace === 0) ctx.warn('Immediate deletion does not wait for confirmation that the running resource has been terminated. The resource may continue to run on the cluster indefinitely.');
    const deleted: Array<Target & { uid?: string }> = [];
    const dryRun = f['dry-run'] !== undefined && f['dry-run'] !== 'none';
    for (const t of targets) {
      try {
        const opts: DeleteOptions = { propagationPolicy: policy, dryRun: dryRun && f['dry-run'] === 'server' };
        if (grace >= 0) opts.gracePeriodSeconds = grace;
        let obj;
        if (dryRun && f['dry-run'] !== 'server') obj = api.get(t.info.resource, t.namespace, t.name);
        else obj = api.delete(t.info.resource, t.namespace, t.name, opts);
        deleted.push({ ...t, uid: obj.metadata.uid });
        if (f.output === 'name') ctx.out(`${kindPrefix(t.info)}/${t.name}\n`);
        else {
          let op = grace === 0 ? 'force deleted' : 'deleted';
          if (t.namespace) op = `${op} from ${t.namespace} namespace`;
          ctx.out(`${kindPrefix(t.info)} "${t.name}" ${op}${dryRun ? ` (${f['dry-run'] === 'server' ? 'server dry run' : 'dry run'})` : ''}\n`);
        }
      } catch (e) {
        if (f['ignore-not-found'] && isNotFound(e)) continue;
        errors.push(withSource(e, 'deleting', t.source));
      }
    }
    if (f.wait && deleted.length && !dryRun) {
      try {
        await waitGone(ctx, deleted, f.timeout ? parseDuration(String(f.timeout)) : 0);
      } catch (e) {
        errors.push(e);
      }
    }
    for (const e of errors) ctx.err(errorText(e));
    return errors.length ? 1 : 0;
  },
};
