// kubectl describe TYPE [NAME_PREFIX | -l selector]: a name that matches nothing exactly
// describes every object whose name starts with it; several objects are separated by a blank
// line pair; -f describes the objects a manifest names.
// Source: kubernetes/kubectl pkg/cmd/describe/describe.go (ToOptions, Run, DescribeMatchingResources).
import { errorText, KubectlError } from '../cli/errors.ts';
import { readManifests } from '../cli/manifests.ts';
import { parseResourceArgs, type TypedNames } from '../cli/resources.ts';
import { mapManifests } from './apply.ts';
import { describeObject } from '../printers/describe/index.ts';
import { fetchObjects, isNotFound, noResourcesMessage, type Found } from './objects.ts';
import type { KubectlCommand } from './types.ts';

export const describeCommand: KubectlCommand = {
  name: 'describe',
  short: 'Show details of a specific resource or group of resources',
  flags: [
    { name: 'selector', short: 'l', type: 'string' },
    { name: 'all-namespaces', short: 'A', type: 'bool' },
    { name: 'show-events', type: 'bool', default: true },
    { name: 'filename', short: 'f', type: 'strings' },
    { name: 'recursive', short: 'R', type: 'bool' },
    { name: 'chunk-size', type: 'int', default: 500 },
  ],
  async run(ctx, p) {
    const files: string[] = p.flags.filename;
    // describe.go ToOptions: a plain error (unlike get's usage text), `error: ` added by checkErr.
    if (!p.args.length && !files.length) throw new KubectlError('You must specify the type of resource to describe. Use "kubectl api-resources" for a complete list of supported resources.');
    const groups: TypedNames[] = files.length ? [] : parseResourceArgs(p.args);
    const fromFiles: Found[] = [];
    const fileErrors: unknown[] = [];
    if (files.length) {
      // -f: the objects the files name, as the server has them (each describer reads its object).
      for (const mp of mapManifests(ctx, readManifests(files, ctx.io.fs, ctx.io.cwd, ctx.io.stdin, p.flags.recursive), fileErrors)) {
        try {
          fromFiles.push({ info: mp.info, obj: ctx.services.api.get(mp.info.resource, mp.namespace, mp.m.obj.metadata.name ?? '') });
        } catch (e) {
          fileErrors.push(e);
        }
      }
    }
    const allNs = !!p.flags['all-namespaces'];
    const api = ctx.services.api;
    const results: Found[] = [...fromFiles];
    const errors: unknown[] = [...fileErrors];
    const byPrefix = p.args.length === 2 && !p.args.some((a) => a.includes('/'));
    let matchedPrefix = false;
    for (const g of groups) {
      if (!g.names.length) {
        const { found, errors: errs } = fetchObjects(ctx, [g], { allNamespaces: allNs, labelSelector: p.flags.selector });
        results.push(...found[0]);
        errors.push(...errs);
        continue;
      }
      for (const name of g.names) {
        const { found, errors: errs } = fetchObjects(ctx, [{ info: g.info, names: [name] }], {});
        if (found[0].length) {
          results.push(...found[0]);
          continue;
        }
        if (!errs.every(isNotFound)) {
          errors.push(...errs);
          continue;
        }
        // DescribeMatchingResources: objects whose name starts with the argument, only for the
        // two-word form `describe TYPE NAME` (describe.go Run: len(o.BuilderArgs) == 2).
        const prefixed = byPrefix ? api.list(g.info.resource, g.info.namespaced ? ctx.namespace : undefined).items.filter((o) => o.metadata.name?.startsWith(name)) : [];
        if (prefixed.length) {
          results.push(...prefixed.map((obj) => ({ info: g.info, obj })));
          matchedPrefix = true;
        } else errors.push(...errs);
      }
    }
    // Events only for a single object unless --show-events says otherwise: describe.go Run
    // turns them off when `(err != nil || len(infos) > 1) && !o.ShowEventsExplicitlySet`, before
    // prefix matching (which only follows a NotFound error) runs.
    const showEvents: boolean = p.set.has('show-events') ? p.flags['show-events'] : !(errors.length || matchedPrefix || results.length > 1);
    let first = true;
    for (const r of results) {
      const text = describeObject(api, r.info, r.obj, ctx.now(), showEvents);
      // Matched by prefix each description is followed by a blank line (`fmt.Fprintf(o.Out,
      // "%s\n", s)`); otherwise two newlines go between them.
      if (matchedPrefix) ctx.out(`${text}\n`);
      else ctx.out(first ? text : `\n\n${text}`);
      first = false;
    }
    if (!results.length && !errors.length) {
      ctx.err(noResourcesMessage(ctx, allNs, groups.some((g) => g.info.namespaced)));
      return 0;
    }
    for (const e of errors) ctx.err(errorText(e));
    if (errors.length && !results.length && !(errors[0] instanceof Error)) throw new KubectlError(String(errors[0]));
    return errors.length ? 1 : 0;
  },
};
