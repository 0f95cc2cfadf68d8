// kubectl apply view-last-applied (TYPE NAME | TYPE/NAME | -f FILE) [-o yaml|json]: the
// kubectl.kubernetes.io/last-applied-configuration annotation of each object, as YAML (the
// default) or as the stored JSON indented by two spaces. An object without the annotation
// prints nothing.
// Source: kubernetes/kubectl pkg/cmd/apply/apply_view_last_applied.go (Complete,
// RunApplyViewLastApplied: json.Indent "  ", yaml.JSONToYAML) and apply.go (ValidateOutputArgs).
import type { KubectlContext } from '../cli/context.ts';
import { KubectlError } from '../cli/errors.ts';
import type { ParsedArgs } from '../cli/flags.ts';
import { readManifests } from '../cli/manifests.ts';
import { parseResourceArgs } from '../cli/resources.ts';
import { toYaml } from '../printers/object.ts';
import { goJsonMarshalIndent } from '../../cluster/api/go-json.ts';
import { LAST_APPLIED, mapManifests, reportErrors } from './apply.ts';
import { fetchObjects } from './objects.ts';

export function viewLastApplied(ctx: KubectlContext, p: ParsedArgs): number {
  const output: string = p.flags.output || 'yaml';
  if (output !== 'yaml' && output !== 'json') {
    throw new KubectlError(`Unexpected -o output mode: ${output}, the flag 'output' must be one of yaml|json\nSee 'kubectl apply view-last-applied -h' for help and examples`);
  }
  const args = p.args.slice(1);
  const files: string[] = p.flags.filename;
  const errors: unknown[] = [];
  const objects = [];
  if (files.length) {
    for (const mp of mapManifests(ctx, readManifests(files, ctx.io.fs, ctx.io.cwd, ctx.io.stdin, p.flags.recursive), errors)) {
      try {
        objects.push(ctx.services.api.get(mp.info.resource, mp.namespace, mp.m.obj.metadata.name ?? ''));
      } catch (e) {
        errors.push(e);
      }
    }
  } else {
    if (!args.length) throw new KubectlError(`You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'`);
    const { found, errors: errs } = fetchObjects(ctx, parseResourceArgs(args), { labelSelector: p.flags.selector });
    objects.push(...found.flat().map((x) => x.obj));
    errors.push(...errs);
  }
  for (const obj of objects) {
    const text = obj.metadata.annotations?.[LAST_APPLIED];
    if (!text) continue;
    if (output === 'yaml') ctx.out(toYaml(JSON.parse(text)));
    // json.Indent keeps the stored text's escapes and trailing newline; the annotation was
    // written by the same encoder (go-json.ts), so re-encoding gives the same characters.
    else ctx.out(goJsonMarshalIndent(JSON.parse(text), '  ') + (text.endsWith('\n') ? '\n' : ''));
  }
  return reportErrors(ctx, errors);
}
