// kubectl describe TYPE [NAME_PREFIX | -l selector]: a name that matches nothing exactly
// describes every object whose name starts with it; several objects are separated by a blank
// line pair. Source: kubernetes/kubectl pkg/cmd/describe/describe.go (Run, DescribeMatchingResources).
import { errorText, KubectlError } from '../cli/errors.ts';
import { parseResourceArgs } from '../cli/resources.ts';
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
    { name: 'chunk-size', type: 'int', default: 500 },
  ],
  async run(ctx, p) {
    if (!p.args.length) {
      ctx.err(`You must specify the type of resource to describe. Use "kubectl api-resources" for a complete list of supported resources.\nerror: Required resource not specified.\nSee 'kubectl describe -h' for help and examples\n`);
      return 1;
    }
    const groups = parseResourceArgs(p.args);
    const allNs = !!p.flags['all-namespaces'];
    const api = ctx.services.api;
    const results: Found[] = [];
    const errors: unknown[] = [];
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
        // DescribeMatchingResources: objects whose name starts with the argument.
        const ns = g.info.namespaced ? ctx.namespace : undefined;
        const prefixed = api.list(g.info.resource, ns).items.filter((o) => o.metadata.name?.startsWith(name));
        if (prefixed.length) results.push(...prefixed.map((obj) => ({ info: g.info, obj })));
        else errors.push(...errs);
      }
    }
    let first = true;
    for (const r of results) {
      const text = describeObject(api, r.info, r.obj, ctx.now(), p.flags['show-events']);
      ctx.out(first ? text : `\n\n${text}`);
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
