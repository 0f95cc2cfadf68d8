// Resource names as kubectl's RESTMapper resolves them: plural, singular, short name or kind, in
// any case, optionally with the group (`statefulsets.apps`, `sts.apps`, `deploy.apps`), and the
// `all` category. Arguments come as `TYPE NAME...`, `TYPE1,TYPE2`, or `TYPE/NAME...`.
// Source: kubernetes/cli-runtime pkg/resource/builder.go (ResourceTypeOrNameArgs,
// splitResourceTypeName), kubectl's `all` category (pods, services, deployments, replicasets,
// statefulsets among the simulated kinds).
import { RESOURCES, type ResourceInfo } from '../../cluster/api/resources.ts';
import { KubectlError } from './errors.ts';

/** `kubectl get all` in discovery order. */
export const ALL_CATEGORY = ['pods', 'services', 'deployments', 'replicasets', 'statefulsets'];

export function resolveResource(word: string): ResourceInfo | undefined {
  const w = word.toLowerCase();
  const dot = w.indexOf('.');
  const name = dot >= 0 ? w.slice(0, dot) : w;
  const group = dot >= 0 ? w.slice(dot + 1) : undefined;
  for (const r of RESOURCES) {
    if (group !== undefined) {
      const ok = group === r.group || group === `${r.version}.${r.group}` || (r.group === '' && (group === 'core' || group === r.version));
      if (!ok) continue;
    }
    if (r.resource === name || r.singular === name || r.kind.toLowerCase() === name || r.shortNames.includes(name)) return r;
  }
  return undefined;
}

export function requireResource(word: string): ResourceInfo {
  const r = resolveResource(word);
  if (!r) throw new KubectlError(`the server doesn't have a resource type "${word}"`);
  return r;
}

export interface TypedNames {
  info: ResourceInfo;
  /** Empty: every object of the type. */
  names: string[];
}

/**
 * Splits the positional arguments into resource types and names, in request order.
 * `pods web-0 web-1` → [{pods,[web-0,web-1]}]; `sts,pods` → two types; `pod/web-0 sts/web`.
 */
export function parseResourceArgs(args: string[]): TypedNames[] {
  if (!args.length) return [];
  if (args.some((a) => a.includes('/'))) {
    const out: TypedNames[] = [];
    for (const a of args) {
      const i = a.indexOf('/');
      if (i < 0) throw new KubectlError(`there is no need to specify a resource type as a separate argument when passing arguments in resource/name form (e.g. 'kubectl get resource/<resource_name>' instead of 'kubectl get resource resource/<resource_name>'`);
      const type = a.slice(0, i);
      const name = a.slice(i + 1);
      if (!type || !name) throw new KubectlError(`arguments in resource/name form must have a single resource and name`);
      const info = requireResource(type);
      const prev = out[out.length - 1];
      if (prev && prev.info === info) prev.names.push(name);
      else out.push({ info, names: [name] });
    }
    return out;
  }
  const [types, ...names] = args;
  const infos: ResourceInfo[] = [];
  for (const t of types.split(',')) {
    if (!t) continue;
    if (t.toLowerCase() === 'all') {
      for (const r of ALL_CATEGORY) infos.push(RESOURCES.find((x) => x.resource === r)!);
    } else infos.push(requireResource(t));
  }
  if (!infos.length) throw new KubectlError(`the server doesn't have a resource type ""`);
  if (names.length && infos.length > 1) {
    // kubectl accepts `get sts,pods web` only for types where the name exists; keep it simple.
    return infos.map((info) => ({ info, names: [...names] }));
  }
  const seen = new Set<string>();
  return infos.filter((i) => (seen.has(i.resource) ? false : (seen.add(i.resource), true))).map((info) => ({ info, names: [...names] }));
}
