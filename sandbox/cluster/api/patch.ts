// Patches as the API server applies them: JSON merge patch (RFC 7386), JSON patch (RFC 6902)
// and strategic merge patch (lists merged by their patchMergeKey, e.g. containers by name).
// Source: kubernetes/apimachinery pkg/util/strategicpatch/patch.go; merge keys from the
// `patchMergeKey` struct tags in kubernetes/api core/v1/types.go.
// TODO(api): strategic merge keys and RFC 6902 — minimal merge patch for now.
import type { KubeObject, PatchType } from './client.ts';
import { badRequest } from './errors.ts';
import { clone } from './clone.ts';

export function applyPatch(target: KubeObject, patch: unknown, type: PatchType, _resource: string): KubeObject {
  if (type === 'json') throw badRequest('json patch is not supported yet');
  if (patch === null || typeof patch !== 'object' || Array.isArray(patch)) throw badRequest('the body of the request was in an unknown format');
  return mergePatch(clone(target), patch as Record<string, unknown>) as KubeObject;
}

function mergePatch(target: any, patch: any): any {
  if (patch === null || typeof patch !== 'object' || Array.isArray(patch)) return clone(patch);
  const out = target && typeof target === 'object' && !Array.isArray(target) ? target : {};
  for (const [k, v] of Object.entries(patch)) {
    if (v === null) delete out[k];
    else out[k] = mergePatch(out[k], v);
  }
  return out;
}
