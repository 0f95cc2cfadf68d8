// kubectl edit TYPE NAME: the object as YAML in the page's editor; saved changes are sent as an
// update → `statefulset.apps/web edited`; no change → `Edit cancelled, no changes made.`.
// Source: kubernetes/kubectl pkg/cmd/util/editor/editoptions.go (the header comment, "Edit
// cancelled, no changes made.", "Edit cancelled, saved file was empty.").
import { parse as parseYaml } from 'yaml';
import { errorText, KubectlError } from '../cli/errors.ts';
import { parseResourceArgs } from '../cli/resources.ts';
import { kindPrefix, toYaml } from '../printers/object.ts';
import type { KubectlCommand } from './types.ts';

const HEADER = `# Please edit the object below. Lines beginning with a '#' will be ignored,
# and an empty file will abort the edit. If an error occurs while saving this file will be
# reopened with the relevant failures.
#
`;

export const editCommand: KubectlCommand = {
  name: 'edit',
  short: 'Edit a resource on the server',
  flags: [{ name: 'output', short: 'o', type: 'string' }, { name: 'filename', short: 'f', type: 'strings' }, { name: 'subresource', type: 'string' }],
  async run(ctx, p) {
    if (!p.args.length) throw new KubectlError('You must provide one or more resources by argument or filename.');
    const [g] = parseResourceArgs(p.args);
    if (!g.names.length) throw new KubectlError('edit needs a name here: kubectl edit TYPE NAME');
    const { api } = ctx.services;
    const ns = g.info.namespaced ? ctx.namespace : undefined;
    const obj = api.get(g.info.resource, ns, g.names[0]);
    const open = ctx.services.openEditor;
    if (!open) {
      throw new KubectlError(`kubectl edit opens the lab's YAML editor, and there is none here (command-line mode).\nUse "kubectl patch ${g.info.singular} ${g.names[0]} -p '{...}'" or edit a file and "kubectl apply -f" it.`);
    }
    const original = HEADER + toYaml(obj);
    const fileName = `/tmp/kubectl-edit-${g.info.singular}-${g.names[0]}.yaml`;
    const edited = await open(fileName, original);
    if (edited === undefined || edited === original) {
      ctx.out('Edit cancelled, no changes made.\n');
      return 0;
    }
    const body = edited.split('\n').filter((l) => !l.trimStart().startsWith('#')).join('\n');
    if (!body.trim()) {
      ctx.out('Edit cancelled, saved file was empty.\n');
      return 0;
    }
    let next: any;
    try {
      next = parseYaml(body);
    } catch (e) {
      throw new KubectlError(`Edit cancelled, no valid changes were saved.\nerror: error parsing edited file: ${(e as Error).message.split('\n')[0]}`);
    }
    if (JSON.stringify(next) === JSON.stringify(parseYaml(toYaml(obj)))) {
      ctx.out('Edit cancelled, no changes made.\n');
      return 0;
    }
    try {
      api.update(g.info.resource, ns, next);
    } catch (e) {
      ctx.err(`error: ${g.info.group ? `${g.info.resource}.${g.info.group}` : g.info.resource} "${g.names[0]}" could not be patched: ${errorText(e).trim()}\nYou can run \`kubectl replace -f ${fileName}\` to try this update again.\n`);
      ctx.io.fs.mkdir('/tmp', { recursive: true });
      ctx.io.fs.writeFile(fileName, edited);
      return 1;
    }
    ctx.out(`${kindPrefix(g.info)}/${g.names[0]} edited\n`);
    return 0;
  },
};
