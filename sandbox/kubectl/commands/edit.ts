// kubectl edit TYPE NAME: writes the object as YAML (under kubectl's header comment) to a
// temporary file, hands it to the page's editor (services.openEditor) and, when the learner saves,
// patches the object with what changed: `statefulset.apps/web edited`. The loop, the messages and
// the error handling follow kubectl's EditOptions.Run:
//   - closed without a change          → `Edit cancelled, no changes made.` (stderr, exit 0)
//   - saved empty (only comments)       → `Edit cancelled, saved file was empty.`
//   - a YAML syntax error               → the editor reopens with `# The edited file had a syntax error: ...`
//   - the API says Invalid              → `error: statefulsets.apps "web" is invalid`, and the editor
//                                         reopens with `# statefulsets.apps "web" was not valid:` and the causes
//   - reopened and closed unchanged     → `A copy of your changes has been stored to "/tmp/..."`,
//                                         `error: Edit cancelled, no valid changes were saved.` (exit 1)
//   - any other API error               → `error: ... could not be patched: ...` and the `kubectl replace -f` hint
// Source: kubernetes/kubernetes staging/src/k8s.io/kubectl/pkg/cmd/util/editor/editoptions.go
// (Run, editHeader.writeTo, editResults.addError, visitToPatch, preservedFile, hasLines,
// hashOnLineBreak), pkg/cmd/util/helpers.go (StripComments, ManualStrip), editor.go
// (LaunchTempFile: os.CreateTemp("", "kubectl-edit-*.yaml")), cli-runtime pkg/resource/visitor.go
// (RequireNamespace).
//
// The patch is the two-way strategic merge patch kubectl sends (cli/strategic-patch.ts). One
// simplification, invisible in the result: kubectl's client-side schema check is left out (with a
// server that validates fields, as every current one does, kubectl skips it too:
// ParamVerifyingSchema), so the API server's answer is what reopens the editor.
import { parse as parseYaml } from 'yaml';
import { ApiError } from '../../cluster/api/errors.ts';
import type { KubeObject } from '../../cluster/api/client.ts';
import { deepEqual } from '../../cluster/api/field.ts';
import { schemaFor } from '../../cluster/api/patch.ts';
import { createTwoWayMergePatch, MergePatchError, type JsonMap } from '../cli/strategic-patch.ts';
import { errorText, KubectlError } from '../cli/errors.ts';
import { validationDirective } from '../cli/field-validation.ts';
import { parseManifests } from '../cli/manifests.ts';
import { parseResourceArgs } from '../cli/resources.ts';
import { kindPrefix, toJson, toYaml } from '../printers/object.ts';
import type { KubectlCommand } from './types.ts';

export const EDIT_HEADER = `# Please edit the object below. Lines beginning with a '#' will be ignored,
# and an empty file will abort the edit. If an error occurs while saving this file will be
# reopened with the relevant failures.
#
`;

/** Why the file is reopened (editReason): a head line and, for an Invalid answer, its causes. */
interface EditReason {
  head: string;
  other: string[];
}

/** editHeader.writeTo: the header comment plus one block per reason. */
export function editHeader(reasons: EditReason[]): string {
  let s = EDIT_HEADER;
  for (const r of reasons) {
    s += r.other.length ? `# ${hashOnLineBreak(r.head)}:\n` : `# ${hashOnLineBreak(r.head)}\n`;
    for (const o of r.other) s += `# * ${hashOnLineBreak(o)}\n`;
    s += '#\n';
  }
  return s;
}

/** A multi-line message stays inside the comment: '# ' after each line break. */
function hashOnLineBreak(s: string): string {
  let r = '';
  for (let i = 0; i < s.length; i++) r += s[i] === '\n' && i + 1 < s.length && s[i + 1] !== '#' ? '\n# ' : s[i];
  return r;
}

/** cmdutil.ManualStrip: drops comment lines (but keeps `#!` lines). */
export function manualStrip(text: string): string {
  return text
    .split('\n')
    .filter((l) => !(l.trim().startsWith('#') && !l.trim().startsWith('#!')))
    .join('\n');
}

/** cmdutil.StripComments: the YAML as JSON (sorted keys), or the text without comment lines if it does not parse. */
export function stripComments(text: string): string {
  try {
    return JSON.stringify(sortKeys(parseYaml(text, { version: '1.1' }) ?? null));
  } catch {
    return manualStrip(text);
  }
}

function sortKeys(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortKeys);
  if (v && typeof v === 'object') return Object.fromEntries(Object.keys(v).sort().map((k) => [k, sortKeys((v as any)[k])]));
  return v;
}

/** hasLines: some line is neither blank nor a comment. */
function hasLines(text: string): boolean {
  return text.split('\n').some((l) => l.trim() !== '' && !l.trim().startsWith('#'));
}

/** LaunchTempFile's name: /tmp/kubectl-edit-<random uint32>.yaml (from virtual time: runs replay the same). */
function tempFileName(now: number, pass: number, ext: string): string {
  return `/tmp/kubectl-edit-${(Math.imul(Math.floor(now / 1000) + pass, 2654435761) >>> 0).toString()}${ext}`;
}

export const editCommand: KubectlCommand = {
  name: 'edit',
  short: 'Edit a resource on the server',
  flags: [{ name: 'output', short: 'o', type: 'string' }, { name: 'filename', short: 'f', type: 'strings' }, { name: 'subresource', type: 'string' }, { name: 'validate', type: 'string', noOptDefault: 'strict' }],
  async run(ctx, p) {
    if (!p.args.length) throw new KubectlError('You must provide one or more resources by argument or filename.');
    const [g] = parseResourceArgs(p.args);
    if (!g.names.length) throw new KubectlError('edit needs a name here: kubectl edit TYPE NAME');
    const output = (p.flags.output as string | undefined) ?? 'yaml';
    if (output !== 'yaml' && output !== 'json') throw new KubectlError(`the edit mode doesn't support output the format "${output}"`);
    const fieldValidation = validationDirective(p.flags.validate);
    const { api } = ctx.services;
    const info = g.info;
    const name = g.names[0];
    const ns = info.namespaced ? ctx.namespace : undefined;
    const obj = api.get(info.resource, ns, name);
    const open = ctx.services.openEditor;
    if (!open) {
      throw new KubectlError(`kubectl edit opens the lab's YAML editor, and there is none here (command-line mode).\nUse "kubectl patch ${info.singular} ${name} -p '{...}'" or edit a file and "kubectl apply -f" it.`);
    }
    const fs = ctx.io.fs;
    const signal = ctx.io.signal;
    const ext = output === 'json' ? '.json' : '.yaml';
    const resourceString = info.group ? `${info.resource}.${info.group}` : info.resource;
    const print = (o: unknown) => (output === 'json' ? toJson(o) : toYaml(o));
    const originalBody = print(obj);

    let reasons: EditReason[] = [];
    let containsError = false;
    let edited = '';
    let file = '';
    for (let pass = 0; ; pass++) {
      const buf = editHeader(reasons) + (containsError ? manualStrip(edited) : originalBody);
      // The previous pass's file goes (kubectl removes it once the new one is saved).
      const previousFile = file;
      file = tempFileName(ctx.services.now(), pass, ext);
      if (!fs.exists('/tmp')) fs.mkdir('/tmp', { recursive: true });
      fs.writeFile(file, buf);
      const editedDiff = edited;
      const answer = await open(file, buf, signal);
      // Ctrl-C in the terminal: kubectl is stopped and says nothing (the shell prints ^C).
      if (signal.aborted) return 130;
      // Closing the editor without saving leaves the file as kubectl wrote it.
      edited = answer ?? buf;
      fs.writeFile(file, edited);
      if (containsError && stripComments(editedDiff) === stripComments(edited)) {
        ctx.err(`A copy of your changes has been stored to ${JSON.stringify(file)}\n`);
        throw new KubectlError('Edit cancelled, no valid changes were saved.');
      }
      if (previousFile && previousFile !== file && fs.exists(previousFile)) fs.rm(previousFile);

      if (stripComments(originalBody) === stripComments(edited)) {
        fs.rm(file);
        ctx.err('Edit cancelled, no changes made.\n');
        return 0;
      }
      if (!hasLines(edited)) {
        fs.rm(file);
        ctx.err('Edit cancelled, saved file was empty.\n');
        return 0;
      }

      reasons = [];
      let updated: KubeObject[];
      try {
        updated = parseManifests(edited, 'edited-file');
        for (const u of updated) if (!u.kind) throw new KubectlError(`Object 'Kind' is missing in '${JSON.stringify(u)}'`);
      } catch (e) {
        containsError = true;
        reasons.push({ head: `The edited file had a syntax error: ${(e as Error).message}`, other: [] });
        continue;
      }
      containsError = false;

      const preserved = (message: string): never => {
        ctx.err(`A copy of your changes has been stored to ${JSON.stringify(file)}\n`);
        throw new KubectlError(message);
      };
      let invalid = 0;
      for (const u of updated) {
        // RequireNamespace: the object may not move to another namespace while edited.
        if (info.namespaced && u.metadata?.namespace && u.metadata.namespace !== (ns ?? 'default')) {
          preserved(`the namespace from the provided object ${JSON.stringify(u.metadata.namespace)} does not match the namespace ${JSON.stringify(ns)}. You must pass '--namespace=${u.metadata.namespace}' to perform this operation.`);
        }
        // visitToPatch pairs each edited object with the original by UID.
        if (u.metadata?.uid !== obj.metadata.uid) preserved(`no original object found for ${u.kind}/${u.metadata?.name ?? ''} (uid ${JSON.stringify(u.metadata?.uid ?? '')})`);
        const want = JSON.parse(JSON.stringify(u));
        const had = JSON.parse(JSON.stringify(obj));
        if (deepEqual(had, want)) {
          ctx.out(`${kindPrefix(info)}/${name} skipped\n`);
          continue;
        }
        if (want.apiVersion !== had.apiVersion || want.kind !== had.kind || want.metadata?.name !== had.metadata?.name) {
          preserved('At least one of apiVersion, kind and name was changed');
        }
        // visitToPatch: the two-way strategic merge patch of the object as shown and as edited.
        let patch: JsonMap;
        try {
          patch = createTwoWayMergePatch(had, want, schemaFor(info.resource));
        } catch (e) {
          if (e instanceof MergePatchError) preserved(e.message);
          throw e;
        }
        try {
          api.patch(info.resource, ns, name, patch!, 'strategic', { fieldManager: 'kubectl-edit', fieldValidation });
        } catch (e) {
          // editResults.addError
          if (e instanceof ApiError && e.reason === 'Invalid') {
            invalid++;
            reasons.push({ head: `${resourceString} ${JSON.stringify(name)} was not valid`, other: (e.status.details?.causes ?? []).map((c) => `${c.field ?? ''}: ${c.message ?? ''}`) });
            ctx.err(`error: ${resourceString} ${JSON.stringify(name)} is invalid\n`);
            continue;
          }
          if (e instanceof ApiError && e.reason === 'NotFound') {
            ctx.err(`error: ${resourceString} ${JSON.stringify(name)} could not be found on the server\n`);
            ctx.err(`The edits you made on deleted resources have been saved to ${JSON.stringify(file)}\n`);
            return 1;
          }
          ctx.err(`error: ${resourceString} ${JSON.stringify(name)} could not be patched: ${e instanceof ApiError ? e.message : errorText(e).replace(/^error: /, '').trim()}\n`);
          ctx.err(`You can run \`kubectl replace -f ${file}\` to try this update again.\n`);
          return 1;
        }
        ctx.out(`${kindPrefix(info)}/${name} edited\n`);
      }
      if (!invalid) {
        fs.rm(file);
        return 0;
      }
      // Invalid: reopen the file with the reasons at the top.
      containsError = true;
    }
  },
};
