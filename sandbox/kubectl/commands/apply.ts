// kubectl apply -f FILE|-: creates what is missing (`created`), patches what changed
// (`configured`), leaves the rest (`unchanged`), and records the applied manifest in the
// kubectl.kubernetes.io/last-applied-configuration annotation.
// Source: kubernetes/kubectl pkg/cmd/apply/apply.go (applyOneObject, printObjects),
// pkg/cmd/apply/patcher.go, pkg/util/apply.go (GetModifiedConfiguration).
// An object that exists gets the three-way strategic merge patch kubectl computes
// (cli/strategic-patch.ts), which the API server applies (and refuses as it would).
import type { KubeObject } from '../../cluster/api/client.ts';
import { ApiError } from '../../cluster/api/errors.ts';
import { apiVersionOf, resourceForKind, type ResourceInfo } from '../../cluster/api/resources.ts';
import type { KubectlContext } from '../cli/context.ts';
import { errorText, KubectlError, standardErrorText, withSource } from '../cli/errors.ts';
import { validationDirective, type ValidationDirective } from '../cli/field-validation.ts';
import { readManifests, type Manifest } from '../cli/manifests.ts';
import { asList, kindPrefix, toJson, toYaml } from '../printers/object.ts';
import { templatePrinter } from '../printers/template.ts';
import { goJsonMarshal } from '../../cluster/api/go-json.ts';
import { viewLastApplied } from './apply-view-last-applied.ts';
import { schemaFor } from '../../cluster/api/patch.ts';
import { createThreeWayMergePatch, MergePatchError, type JsonMap } from '../cli/strategic-patch.ts';
import type { KubectlCommand } from './types.ts';

export const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';

export interface Mapped {
  m: Manifest;
  info: ResourceInfo;
  namespace: string | undefined;
}

/** Checks apiVersion/kind and works out the namespace, as kubectl's builder does. */
export function mapManifests(ctx: KubectlContext, manifests: Manifest[], errors: unknown[]): Mapped[] {
  const out: Mapped[] = [];
  for (const m of manifests) {
    const o = m.obj as any;
    const missing = [!o.apiVersion ? 'apiVersion not set' : '', !o.kind ? 'kind not set' : ''].filter(Boolean);
    if (missing.length) {
      const what = missing.length > 1 ? `[${missing.join(', ')}]` : missing[0];
      errors.push(new KubectlError(`error validating "${m.source}": error validating data: ${what}; if you choose to ignore these errors, turn validation off with --validate=false`));
      continue;
    }
    if (!o.metadata || typeof o.metadata !== 'object') o.metadata = {};
    const info = resourceForKind(String(o.kind));
    if (!info || apiVersionOf(info) !== o.apiVersion) {
      errors.push(new KubectlError(`resource mapping not found for name: "${o.metadata.name ?? ''}" namespace: "${o.metadata.namespace ?? ''}" from "${m.source}": no matches for kind "${o.kind}" in version "${o.apiVersion}"\nensure CRDs are installed first`));
      continue;
    }
    let namespace: string | undefined;
    if (info.namespaced) {
      if (o.metadata.namespace && ctx.namespaceSet && o.metadata.namespace !== ctx.namespace) {
        errors.push(new KubectlError(`the namespace from the provided object "${o.metadata.namespace}" does not match the namespace "${ctx.namespace}". You must pass '--namespace=${o.metadata.namespace}' to perform this operation.`));
        continue;
      }
      namespace = o.metadata.namespace || ctx.namespace;
      o.metadata.namespace = namespace;
    } else delete o.metadata.namespace;
    if (!o.metadata.name && !o.metadata.generateName) {
      errors.push(new KubectlError(`error when retrieving current configuration of:\n${infoString(info, '', namespace)}\nfrom server for: "${m.source}": resource name may not be empty`));
      continue;
    }
    out.push({ m, info, namespace });
  }
  return out;
}

export interface ApplyResult {
  text: string;
}

/**
 * applyOneObject (apply.go) for one manifest: create what is missing; for what exists, the
 * three-way strategic merge patch of the last applied manifest, this one and the live object
 * (patcher.go patchSimple), sent unless it is empty. Errors come back as kubectl words them
 * (AddSourceToErr).
 */
export function applyOne(ctx: KubectlContext, mp: Mapped, opts: { dryRun?: 'client' | 'server'; fieldValidation?: ValidationDirective; serverSide?: boolean }): { obj: KubeObject; op: 'created' | 'configured' | 'unchanged' } {
  const { api } = ctx.services;
  const want = JSON.parse(JSON.stringify(mp.m.obj)) as KubeObject;
  want.metadata.annotations = { ...(want.metadata.annotations ?? {}) };
  delete want.metadata.annotations[LAST_APPLIED];
  want.metadata.annotations[LAST_APPLIED] = goJsonMarshal(want) + '\n';
  let live: KubeObject | undefined;
  try {
    live = want.metadata.name ? api.get(mp.info.resource, mp.namespace, want.metadata.name) : undefined;
  } catch (e) {
    if (!(e instanceof ApiError && e.status.code === 404)) throw e;
  }
  if (!live) {
    if (opts.dryRun === 'client') return { obj: want, op: 'created' };
    try {
      return { obj: api.create(mp.info.resource, mp.namespace, want, { dryRun: opts.dryRun === 'server', fieldManager: 'kubectl-client-side-apply', fieldValidation: opts.fieldValidation }), op: 'created' };
    } catch (e) {
      throw withSource(e, 'creating', mp.m.source);
    }
  }
  // --dry-run=client sends nothing for an object that exists: kubectl says "configured" and
  // prints the object as it fetched it.
  if (opts.dryRun === 'client') return { obj: live, op: 'configured' };
  const name = live.metadata.name!;
  if (!opts.serverSide && live.metadata.annotations?.[LAST_APPLIED] === undefined) {
    ctx.err(`Warning: resource ${mp.info.resource}/${name} is missing the ${LAST_APPLIED} annotation which is required by kubectl apply. kubectl apply should only be used on resources created declaratively by either kubectl create --save-config or kubectl apply. The missing annotation will be patched automatically.\n`);
  }
  const patch = applyPatchOf(mp, want, live);
  let obj = live;
  if (Object.keys(patch).length) {
    try {
      obj = api.patch(mp.info.resource, mp.namespace, name, patch, 'strategic', { dryRun: opts.dryRun === 'server', fieldManager: 'kubectl-client-side-apply', fieldValidation: opts.fieldValidation });
    } catch (e) {
      throw withSource(e, `applying patch:\n${goJsonMarshal(patch)}\nto:\n${infoString(mp.info, name, mp.namespace)}\nfor:`, mp.m.source);
    }
  }
  // WarnIfDeleting.
  if (obj.metadata.deletionTimestamp) ctx.err(`Warning: Detected changes to resource ${name} which is currently being deleted.\n`);
  return { obj, op: Object.keys(patch).length ? 'configured' : 'unchanged' };
}

/**
 * patcher.go patchSimple's patch: the three-way strategic merge patch of the last applied
 * manifest (the live object's annotation), `modified` and the live object; kubectl's error when
 * it cannot be made.
 */
export function applyPatchOf(mp: Mapped, modified: KubeObject, live: KubeObject): JsonMap {
  let original: JsonMap = {};
  const text = live.metadata.annotations?.[LAST_APPLIED];
  if (text) {
    try {
      original = JSON.parse(text) as JsonMap;
    } catch {
      original = {};
    }
  }
  try {
    return createThreeWayMergePatch(original, modified as unknown as JsonMap, live as unknown as JsonMap, schemaFor(mp.info.resource));
  } catch (e) {
    if (!(e instanceof MergePatchError)) throw e;
    throw new KubectlError(`error when creating patch with:\noriginal:\n${text ?? ''}\nmodified:\n${goJsonMarshal(modified)}\ncurrent:\n${goJsonMarshal(live)}\nfor: "${mp.m.source}": ${e.message}`);
  }
}

/** resource.Info's String(): its mapping, name and namespace. */
function infoString(info: ResourceInfo, name: string, namespace: string | undefined): string {
  const gv = `${info.group ? info.group + '/' : ''}${info.version}`;
  return `Resource: "${gv}, Resource=${info.resource}", GroupVersionKind: "${gv}, Kind=${info.kind}"\nName: "${name}", Namespace: "${namespace ?? ''}"`;
}

export function dryRunFlag(v: string | undefined): 'client' | 'server' | undefined {
  if (v === undefined || v === 'none' || v === 'false') return undefined;
  if (v === 'client' || v === 'true' || v === '') return 'client';
  if (v === 'server') return 'server';
  throw new KubectlError(`Invalid dry-run value (${v}). Must be "none", "server", or "client".`);
}

/**
 * One command's printer (create, replace): each object as YAML (from the second one on after a
 * `---` line, as the YAML printer counts what it printed), as JSON, its name, or
 * `<kind>/<name> <op>` with the dry run said.
 */
export function objectPrinter(ctx: KubectlContext, output: string | undefined, dryRun: 'client' | 'server' | undefined): (info: ResourceInfo, obj: KubeObject, op: string) => void {
  let printed = 0;
  const template = templateOf(output);
  return (info, obj, op) => {
    if (template) ctx.out(template(obj));
    else if (output === 'yaml') ctx.out(`${printed++ ? '---\n' : ''}${toYaml(obj)}`);
    else if (output === 'json') ctx.out(toJson(obj));
    else if (output === 'name') ctx.out(`${kindPrefix(info)}/${obj.metadata.name}\n`);
    else ctx.out(`${kindPrefix(info)}/${obj.metadata.name} ${op}${dryRun ? ` (${dryRun === 'server' ? 'server dry run' : 'dry run'})` : ''}\n`);
  };
}

/**
 * The -o of a command that prints the objects it wrote (PrintFlags without a table): json, yaml,
 * name, jsonpath and go-template; anything else is refused as kubectl refuses it. The printer of
 * a template, or undefined for the other formats.
 */
function templateOf(output: string | undefined): ((data: unknown) => string) | undefined {
  if (!output) return undefined;
  const eq = output.indexOf('=');
  const name = eq >= 0 ? output.slice(0, eq) : output;
  const arg = eq >= 0 ? output.slice(eq + 1) : '';
  if (['json', 'yaml', 'name'].includes(name) && eq < 0) return undefined;
  if (['jsonpath', 'jsonpath-as-json', 'go-template', 'template'].includes(name)) {
    if (!arg) throw new KubectlError('template format specified but no template given');
    return name.startsWith('jsonpath') ? templatePrinter('jsonpath', arg, name === 'jsonpath-as-json') : templatePrinter('go-template', arg);
  }
  throw new KubectlError(`unable to match a printer suitable for the output format "${output}", allowed formats are: go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,yaml`);
}

/** Ends a multi-object command: one error through checkErr, several one per line. */
export function reportErrors(ctx: KubectlContext, errors: unknown[]): number {
  if (!errors.length) return 0;
  if (errors.length === 1) ctx.err(errorText(errors[0]));
  else for (const e of errors) ctx.err(standardErrorText(e));
  return 1;
}

export const applyCommand: KubectlCommand = {
  name: 'apply',
  short: 'Apply a configuration to a resource by file name or stdin',
  flags: [
    { name: 'filename', short: 'f', type: 'strings' },
    { name: 'recursive', short: 'R', type: 'bool' },
    { name: 'output', short: 'o', type: 'string' },
    { name: 'dry-run', type: 'string', noOptDefault: 'unchanged' },
    { name: 'server-side', type: 'bool' },
    { name: 'force-conflicts', type: 'bool' },
    { name: 'validate', type: 'string', noOptDefault: 'strict' },
    { name: 'field-manager', type: 'string' },
    { name: 'overwrite', type: 'bool', default: true },
    { name: 'prune', type: 'bool' },
    { name: 'selector', short: 'l', type: 'string' },
    { name: 'wait', type: 'bool' },
    { name: 'force', type: 'bool' },
    { name: 'grace-period', type: 'int', default: -1 },
  ],
  async run(ctx, p) {
    const files: string[] = p.flags.filename;
    if (p.args[0] === 'view-last-applied') return viewLastApplied(ctx, p);
    if (p.args[0] === 'set-last-applied' || p.args[0] === 'edit-last-applied') {
      throw new KubectlError(`"kubectl apply ${p.args[0]}" is not available in this lab`);
    }
    if (!files.length) {
      throw new KubectlError(`must specify one of -f and -k`, { raw: false });
    }
    const dryRun = dryRunFlag(p.flags['dry-run'] === 'unchanged' ? 'client' : p.flags['dry-run']);
    const errors: unknown[] = [];
    const manifests = readManifests(files, ctx.io.fs, ctx.io.cwd, ctx.io.stdin, p.flags.recursive, errors);
    const mapped = mapManifests(ctx, manifests, errors);
    if (!mapped.length && !errors.length) throw new KubectlError('no objects passed to apply');
    const serverSide = !!p.flags['server-side'];
    const fieldValidation = validationDirective(p.flags.validate);
    const output: string | undefined = p.flags.output;
    const print = objectPrinter(ctx, output, dryRun);
    // printObjects: with -o yaml or json, what was applied is printed once at the end, as a List
    // when there is more than one object.
    const collect = !!output && output !== 'name';
    const applied: KubeObject[] = [];
    for (const mp of mapped) {
      try {
        const { obj, op } = applyOne(ctx, mp, { dryRun, fieldValidation, serverSide });
        if (collect) applied.push(obj);
        else print(mp.info, obj, serverSide ? 'serverside-applied' : op);
      } catch (e) {
        errors.push(e);
      }
    }
    if (applied.length) print(mapped[0].info, applied.length === 1 ? applied[0] : asList(applied), '');
    return reportErrors(ctx, errors);
  },
};
