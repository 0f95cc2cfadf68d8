// kubectl patch TYPE NAME -p PATCH [--type strategic|merge|json] → `statefulset.apps/web patched`
// or `... patched (no change)`. The patch may be JSON or YAML. JSON patches (RFC 6902) are
// applied here and sent as an update; merge and strategic go to the API server.
// Source: kubernetes/kubectl pkg/cmd/patch/patch.go (RunPatch, the "(no change)" check on
// the object before and after).
import type { KubeObject } from '../../cluster/api/client.ts';
import { parse as parseYaml } from 'yaml';
import { errorText, KubectlError } from '../cli/errors.ts';
import { parseResourceArgs } from '../cli/resources.ts';
import { kindPrefix, toJson, toYaml } from '../printers/object.ts';
import type { KubectlCommand } from './types.ts';

function pointer(path: string): string[] {
  if (path === '') return [];
  if (!path.startsWith('/')) throw new KubectlError(`invalid JSON Pointer: ${path}`);
  return path.slice(1).split('/').map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/** RFC 6902 operations on a copy of the object. */
export function applyJsonPatch(obj: KubeObject, ops: unknown): KubeObject {
  if (!Array.isArray(ops)) throw new KubectlError('json: cannot unmarshal object into Go value of type jsonpatch.Patch');
  const doc = JSON.parse(JSON.stringify(obj));
  const resolve = (path: string[], create: boolean): [any, string] => {
    let cur: any = doc;
    for (const key of path.slice(0, -1)) {
      if (cur == null || typeof cur !== 'object') throw new KubectlError(`jsonpatch: path not found`);
      if (!(key in cur)) {
        if (!create) throw new KubectlError(`jsonpatch replace operation does not apply: doc is missing path: /${path.join('/')}`);
        throw new KubectlError(`jsonpatch add operation does not apply: doc is missing path: "/${path.join('/')}": missing value`);
      }
      cur = cur[key];
    }
    return [cur, path[path.length - 1]];
  };
  for (const op of ops as any[]) {
    const path = pointer(String(op?.path ?? ''));
    switch (op?.op) {
      case 'add': case 'replace': {
        const [parent, key] = resolve(path, op.op === 'add');
        if (Array.isArray(parent)) {
          const i = key === '-' ? parent.length : Number(key);
          if (op.op === 'add') parent.splice(i, 0, op.value);
          else {
            if (!(i in parent)) throw new KubectlError(`jsonpatch replace operation does not apply: doc is missing key: /${path.join('/')}`);
            parent[i] = op.value;
          }
        } else {
          if (op.op === 'replace' && !(key in parent)) throw new KubectlError(`jsonpatch replace operation does not apply: doc is missing key: /${path.join('/')}`);
          parent[key] = op.value;
        }
        break;
      }
      case 'remove': {
        const [parent, key] = resolve(path, false);
        if (Array.isArray(parent)) parent.splice(Number(key), 1);
        else {
          if (!(key in parent)) throw new KubectlError(`jsonpatch remove operation does not apply: doc is missing path: "/${path.join('/')}"`);
          delete parent[key];
        }
        break;
      }
      case 'test': {
        const [parent, key] = resolve(path, false);
        if (JSON.stringify(parent[key]) !== JSON.stringify(op.value)) throw new KubectlError('testing value /' + path.join('/') + ' failed: test failed');
        break;
      }
      default:
        throw new KubectlError(`Unexpected kind: ${op?.op}`);
    }
  }
  return doc;
}

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
          let after: KubeObject;
          if (type === 'json') {
            const next = applyJsonPatch(before, patch);
            next.metadata.resourceVersion = before.metadata.resourceVersion;
            after = api.update(g.info.resource, ns, next, { dryRun: dry, subresource: p.flags.subresource });
          } else {
            if (patch === null || typeof patch !== 'object' || Array.isArray(patch)) throw new KubectlError(`unable to parse "${text}": json: cannot unmarshal ${Array.isArray(patch) ? 'array' : typeof patch} into Go value of type map[string]interface {}`);
            after = api.patch(g.info.resource, ns, name, patch, type as 'merge' | 'strategic', { dryRun: dry, subresource: p.flags.subresource });
          }
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
