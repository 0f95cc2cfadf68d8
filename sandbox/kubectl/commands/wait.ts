// kubectl wait --for=condition=Ready|delete|create|jsonpath='{...}'=VALUE TYPE/NAME [-l] [--all]
// [--timeout=30s] → `pod/web-0 condition met`; timeout: `error: timed out waiting for the
// condition on pods/web-0`. Source: kubernetes/kubectl pkg/cmd/wait/wait.go (conditionFuncFor,
// RunWait), condition.go, delete.go, json.go.
import type { KubeObject } from '../../cluster/api/client.ts';
import type { ResourceInfo } from '../../cluster/api/resources.ts';
import type { KubectlContext } from '../cli/context.ts';
import { KubectlError } from '../cli/errors.ts';
import { parseDuration } from '../cli/duration.ts';
import { parseResourceArgs } from '../cli/resources.ts';
import { findJsonPath, jsonPathValue } from '../printers/jsonpath.ts';
import { kindPrefix } from '../printers/object.ts';
import { fetchObjects } from './objects.ts';
import type { KubectlCommand } from './types.ts';

type Check = (obj: KubeObject | undefined) => boolean;

function conditionFor(forSpec: string): { check: Check; needsObject: boolean } {
  const lower = forSpec.toLowerCase();
  if (lower === 'delete') return { check: (o) => !o, needsObject: false };
  if (lower === 'create') return { check: (o) => !!o, needsObject: false };
  if (lower.startsWith('condition=')) {
    const body = forSpec.slice('condition='.length);
    const [type, value = 'true'] = body.split('=');
    if (!type) throw new KubectlError(`condition name must be specified`);
    return {
      needsObject: true,
      check: (o) => !!o && (o.status?.conditions ?? []).some((c: any) => String(c.type).toLowerCase() === type.toLowerCase() && String(c.status).toLowerCase() === value.toLowerCase()),
    };
  }
  if (lower.startsWith('jsonpath=')) {
    const body = forSpec.slice('jsonpath='.length);
    const m = /^(\{.*\}|[^=]+)(?:=(.*))?$/.exec(body);
    if (!m) throw new KubectlError(`jsonpath wait format must be --for=jsonpath='{.status.readyReplicas}'=3`);
    const path = m[1].replace(/^\{|\}$/g, '');
    const want = m[2];
    return {
      needsObject: true,
      check: (o) => {
        if (!o) return false;
        const vals = findJsonPath(o, path.startsWith('.') ? path : '.' + path);
        if (want === undefined) return vals.length > 0;
        return vals.length > 0 && vals.every((v) => jsonPathValue(v) === want);
      },
    };
  }
  throw new KubectlError(`unrecognized condition: "${forSpec}"`);
}

export const waitCommand: KubectlCommand = {
  name: 'wait',
  short: 'Experimental: Wait for a specific condition on one or many resources',
  flags: [
    { name: 'for', type: 'string' },
    { name: 'timeout', type: 'string', default: '30s' },
    { name: 'selector', short: 'l', type: 'string' },
    { name: 'field-selector', type: 'string' },
    { name: 'all', type: 'bool' },
    { name: 'all-namespaces', short: 'A', type: 'bool' },
    { name: 'filename', short: 'f', type: 'strings' },
    { name: 'output', short: 'o', type: 'string' },
  ],
  async run(ctx: KubectlContext, p) {
    if (!p.flags.for) throw new KubectlError('--for must be specified');
    const { check, needsObject } = conditionFor(String(p.flags.for));
    const timeout = parseDuration(String(p.flags.timeout));
    if (!p.args.length) throw new KubectlError(`You must provide one or more resources by argument or filename.`);
    const groups = parseResourceArgs(p.args);
    const targets: Array<{ info: ResourceInfo; ns?: string; name: string }> = [];
    for (const g of groups) {
      if (g.names.length) for (const n of g.names) targets.push({ info: g.info, ns: g.info.namespaced ? ctx.namespace : undefined, name: n });
      else {
        if (!p.flags.all && !p.flags.selector && !p.flags['field-selector']) throw new KubectlError('resource(s) were provided, but no name was specified');
        const { found } = fetchObjects(ctx, [g], { allNamespaces: p.flags['all-namespaces'], labelSelector: p.flags.selector, fieldSelector: p.flags['field-selector'] });
        for (const x of found[0]) targets.push({ info: x.info, ns: x.obj.metadata.namespace, name: x.obj.metadata.name! });
      }
    }
    if (!targets.length) throw new KubectlError('no matching resources found');
    const { api } = ctx.services;
    const get = (t: (typeof targets)[0]) => {
      try {
        return api.get(t.info.resource, t.ns, t.name);
      } catch (e) {
        if ((e as any)?.status?.code === 404) return undefined;
        throw e;
      }
    };
    const start = ctx.now();
    for (const t of targets) {
      for (;;) {
        const obj = get(t);
        if (!obj && needsObject && String(p.flags.for).toLowerCase() !== 'create') {
          // conditions on a missing object: NotFound, as kubectl reports it
          api.get(t.info.resource, t.ns, t.name);
        }
        if (check(obj)) {
          if (p.flags.output === 'name') ctx.out(`${kindPrefix(t.info)}/${t.name}\n`);
          else ctx.out(`${kindPrefix(t.info)}/${t.name} condition met\n`);
          break;
        }
        const left = start + timeout - ctx.now();
        if (left <= 0) throw new KubectlError(`timed out waiting for the condition on ${t.info.resource}/${t.name}`);
        const r = await ctx.services.nextChange(Math.min(left, 60_000), ctx.io.signal, [t.info.resource]);
        if (r === 'interrupted') return 1;
        if (r === 'quiet' && !ctx.services.interactive && ctx.now() - start >= timeout) {
          if (!check(get(t))) throw new KubectlError(`timed out waiting for the condition on ${t.info.resource}/${t.name}`);
        }
      }
    }
    return 0;
  },
};
