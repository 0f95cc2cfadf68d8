// kubectl patch TYPE NAME -p PATCH [--type strategic|merge|json] → `statefulset.apps/web patched`
// or `... patched (no change)`. The patch may be JSON or YAML; the API server applies all three
// types (JSON patch RFC 6902, merge, strategic).
// Source: kubernetes/kubectl pkg/cmd/patch/patch.go (RunPatch, the "(no change)" check on
// the object before and after).
import type { KubeObject } from '../../cluster/api/client.ts';
import { parse as parseYaml } from 'yaml';
import { errorText, KubectlError } from '../cli/errors.ts';
import { parseResourceArgs } from '../cli/resources.ts';
import { kindPrefix, toJson, toYaml } from '../printers/object.ts';
import type { KubectlCommand } from './types.ts';

export function parsePatchText(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    try {
      return parseYaml(text);
    } catch (e) {
      throw new KubectlError(`unable to parse "${text}": yaml: ${(e as Error).message.split('\n')[0]}`);
    }
  }
}

export const patchCommand: KubectlCommand = {
  name: 'patch',
  short: 'Update fields of a resource',
  flags: [
    { name: 'patch', short: 'p', type: 'string' },
    { name: 'patch-file', type: 'string' },
    { name: 'type', type: 'string', default: 'strategic' },
    { name: 'output', short: 'o', type: 'string' },
    { name: 'dry-run', type: 'string', noOptDefault: 'unchanged' },
    { name: 'subresource', type: 'string' },
    { name: 'filename', short: 'f', type: 'strings' },
    { name: 'local', type: 'bool' },
  ],
  async run(ctx, p) {
    let text: string | undefined = p.flags.patch;
    if (p.flags['patch-file']) text = ctx.io.fs.readFile(p.flags['patch-file'].startsWith('/') ? p.flags['patch-file'] : `${ctx.io.cwd}/${p.flags['patch-file']}`);
    if (text === undefined || text === '') throw new KubectlError('must specify --patch or --patch-file containing the contents of the patch');
    const type = String(p.flags.type);
    if (!['strategic', 'merge', 'json'].includes(type)) throw new KubectlError(`--type must be one of [json merge strategic], not "${type}"`);
    const patch = parsePatchText(text);
    if (!p.args.length) throw new KubectlError('You must provide one or more resources by argument or filename.');
    const groups = parseResourceArgs(p.args);
    const { api } = ctx.services;
    const errors: unknown[] = [];
    let status = 0;
    for (const g of groups) {
      if (!g.names.length) throw new KubectlError('resource(s) were provided, but no name was specified');
      for (const name of g.names) {
        try {
          const ns = g.info.namespaced ? ctx.namespace : undefined;
          const before = api.get(g.info.resource, ns, name);
          const dry = p.flags['dry-run'] !== undefined && p.flags['dry-run'] !== 'none';
          if (type !== 'json' && (patch === null || typeof patch !== 'object' || Array.isArray(patch))) {
            throw new KubectlError(`unable to parse "${text}": json: cannot unmarshal ${Array.isArray(patch) ? 'array' : typeof patch} into Go value of type map[string]interface {}`);
          }
          // Every patch type goes to the API server, which applies it (and reports an operation
          // that does not apply) as kubectl's helper.Patch lets it.
          // kubectl patch names no fieldValidation: the server's default, Warn, drops an unknown
          // field and says so in a Warning header, which kubectl prints (cli/context.ts).
          const after: KubeObject = api.patch(g.info.resource, ns, name, patch, type as 'merge' | 'strategic' | 'json', { dryRun: dry, subresource: p.flags.subresource });
          if (p.flags.output === 'yaml') ctx.out(toYaml(after));
          else if (p.flags.output === 'json') ctx.out(toJson(after));
          else if (p.flags.output === 'name') ctx.out(`${kindPrefix(g.info)}/${name}\n`);
          else {
            const same = JSON.stringify(before) === JSON.stringify(after);
            ctx.out(`${kindPrefix(g.info)}/${name} patched${same ? ' (no change)' : ''}\n`);
          }
        } catch (e) {
          errors.push(e);
          status = 1;
        }
      }
    }
    for (const e of errors) ctx.err(errorText(e));
    return status;
  },
};
