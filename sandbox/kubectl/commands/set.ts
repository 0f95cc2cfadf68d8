// kubectl set image (sts/web nginx=registry.k8s.io/nginx-slim:0.24) → `statefulset.apps/web
// image updated`, as the official StatefulSet tutorial uses it. Other `set` subcommands answer
// as kubectl does for an unknown one.
// Source: kubernetes/kubectl pkg/cmd/set/set_image.go (Validate, Run: no output when nothing
// changes, `error: unable to find container named "x"`), pkg/cmd/util/helpers.go
// (GetResourcesAndPairs: `all resources must be specified before image changes: x`, ParsePairs).
import type { KubeObject } from '../../cluster/api/client.ts';
import { schemaFor } from '../../cluster/api/patch.ts';
import { createTwoWayMergePatch, type JsonMap } from '../cli/strategic-patch.ts';
import type { KubectlContext } from '../cli/context.ts';
import { errorText, KubectlError } from '../cli/errors.ts';
import type { ParsedArgs } from '../cli/flags.ts';
import { readManifests } from '../cli/manifests.ts';
import { parseResourceArgs, requireResource } from '../cli/resources.ts';
import type { ResourceInfo } from '../../cluster/api/resources.ts';
import { kindPrefix } from '../printers/object.ts';
import { fetchObjects } from './objects.ts';
import type { KubectlCommand } from './types.ts';

const SET_HELP = `Configure application resources.

 These commands help you make changes to existing application resources.

Available Commands:
  env              Update environment variables on a pod template
  image            Update the image of a pod template
  resources        Update resource requests/limits on objects with pod templates
  selector         Set the selector on a resource
  serviceaccount   Update the service account of a resource
  subject          Update the user, group, or service account in a role binding or cluster role binding

Usage:
  kubectl set SUBCOMMAND [options]

Use "kubectl set <command> --help" for more information about a given command.
Use "kubectl options" for a list of global command-line options (applies to all commands).
`;

/** Where the pod spec lives for each kind (polymorphichelpers/updatepodspec.go). */
function podSpecPath(info: ResourceInfo): string[] | undefined {
  switch (info.resource) {
    case 'pods': return ['spec'];
    case 'statefulsets': case 'deployments': case 'replicasets': case 'daemonsets': case 'replicationcontrollers': return ['spec', 'template', 'spec'];
    case 'jobs': return ['spec', 'template', 'spec'];
    case 'cronjobs': return ['spec', 'jobTemplate', 'spec', 'template', 'spec'];
  }
  return undefined;
}

function splitPairs(args: string[]): { resources: string[]; pairs: string[] } {
  const resources: string[] = [];
  const pairs: string[] = [];
  for (const s of args) {
    const nonResource = (s.includes('=') && s[0] !== '=') || (s.endsWith('-') && s !== '-');
    if (nonResource) pairs.push(s);
    else if (pairs.length) throw new KubectlError(`all resources must be specified before image changes: ${s}`);
    else resources.push(s);
  }
  return { resources, pairs };
}

async function setImage(ctx: KubectlContext, p: ParsedArgs): Promise<number> {
  const { resources, pairs } = splitPairs(p.args);
  const images: Record<string, string> = {};
  const bad: string[] = [];
  for (const s of pairs) {
    const i = s.indexOf('=');
    if (i <= 0 || i === s.length - 1) bad.push(s);
    else images[s.slice(0, i)] = s.slice(i + 1);
  }
  if (bad.length) throw new KubectlError(`invalid image format: [${bad.join(' ')}]`);
  const files = p.flags.filename as string[];
  const problems: string[] = [];
  if (p.flags.all && p.flags.selector) problems.push('cannot set --all and --selector at the same time');
  if (!resources.length && !files.length) problems.push('one or more resources must be specified as <resource> <name> or <resource>/<name>');
  const keys = Object.keys(images);
  if (!keys.length) problems.push('at least one image update is required');
  else if (keys.length > 1 && keys.includes('*')) problems.push('all containers are already specified by *, but saw more than one container_name=container_image pairs');
  if (problems.length === 1) throw new KubectlError(problems[0]);
  if (problems.length) throw new KubectlError(`[${problems.join(', ')}]`);

  const targets: Array<{ info: ResourceInfo; obj: KubeObject }> = [];
  const errors: unknown[] = [];
  const { api } = ctx.services;
  if (files.length) {
    for (const m of readManifests(files, ctx.io.fs, ctx.io.cwd, ctx.io.stdin)) {
      const info = requireResource(m.obj.kind ?? '');
      try {
        targets.push({ info, obj: api.get(info.resource, m.obj.metadata?.namespace ?? ctx.namespace, m.obj.metadata?.name ?? '') });
      } catch (e) {
        errors.push(e);
      }
    }
  }
  if (resources.length) {
    const groups = parseResourceArgs(resources);
    if (groups.some((g) => !g.names.length) && !p.flags.all && !p.flags.selector) throw new KubectlError('resource(s) were provided, but no name was specified');
    const { found, errors: errs } = fetchObjects(ctx, groups, { labelSelector: p.flags.selector });
    errors.push(...errs);
    for (const x of found.flat()) targets.push({ info: x.info, obj: x.obj });
  }
  for (const t of targets) {
    const path = podSpecPath(t.info);
    const label = `${kindPrefix(t.info)}/${t.obj.metadata.name}`;
    if (!path) {
      errors.push(new KubectlError(`${label} the object is not a pod or does not have a pod template: *v1.${t.info.kind}`));
      continue;
    }
    const obj = JSON.parse(JSON.stringify(t.obj)) as KubeObject;
    let spec: any = obj;
    for (const k of path) spec = spec?.[k];
    if (!spec) continue;
    let changed = false;
    for (const [name, image] of Object.entries(images)) {
      let foundOne = false;
      for (const list of [spec.initContainers, spec.containers]) {
        for (const c of list ?? []) {
          if (c.name === name || name === '*') {
            foundOne = true;
            if (c.image !== image) {
              c.image = image;
              changed = true;
            }
          }
        }
      }
      if (!foundOne) errors.push(new KubectlError(`unable to find container named "${name}"`));
    }
    if (!changed) continue; // "no changes": kubectl prints nothing
    // CalculatePatches (set/helper.go): the two-way strategic merge patch of the object before
    // and after, sent as a strategic merge patch.
    const patch = createTwoWayMergePatch(t.obj as unknown as JsonMap, obj as unknown as JsonMap, schemaFor(t.info.resource));
    const dry = p.flags['dry-run'];
    try {
      if (dry === undefined || dry === 'none') api.patch(t.info.resource, t.obj.metadata.namespace ?? ctx.namespace, t.obj.metadata.name!, patch, 'strategic');
      if (p.flags.output === 'name') ctx.out(`${label}\n`);
      else ctx.out(`${label} image updated${dry && dry !== 'none' ? ` (${dry === 'server' ? 'server ' : ''}dry run)` : ''}\n`);
    } catch (e) {
      errors.push(new KubectlError(`failed to patch image update to pod template: ${errorText(e).replace(/^error: /, '').trimEnd()}`));
    }
  }
  for (const e of errors) ctx.err(errorText(e));
  return errors.length ? 1 : 0;
}

export const setCommand: KubectlCommand = {
  name: 'set',
  short: 'Set specific features on objects',
  flags: [
    { name: 'all', type: 'bool' },
    { name: 'selector', short: 'l', type: 'string' },
    { name: 'filename', short: 'f', type: 'strings' },
    { name: 'local', type: 'bool' },
    { name: 'output', short: 'o', type: 'string' },
    { name: 'dry-run', type: 'string', noOptDefault: 'unchanged' },
    { name: 'record', type: 'bool' },
  ],
  async run(ctx, p) {
    const sub = p.args[0];
    if (!sub) {
      ctx.out(SET_HELP);
      return 0;
    }
    if (sub === 'image') return setImage(ctx, { ...p, args: p.args.slice(1) });
    if (['env', 'resources', 'selector', 'serviceaccount', 'subject'].includes(sub)) {
      throw new KubectlError(`"kubectl set ${sub}" is not simulated in this lab; "kubectl set image" and "kubectl patch" are`);
    }
    throw new KubectlError(`unknown command "${sub}" for "kubectl set"`);
  },
};
