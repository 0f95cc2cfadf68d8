// Fetching the objects a command names: by name, by selector, or all of a type; in the
// namespace in effect or every namespace. Shared by get, describe, delete, label, wait...
import type { KubeObject } from '../../cluster/api/client.ts';
import { ApiError } from '../../cluster/api/errors.ts';
import type { ResourceInfo } from '../../cluster/api/resources.ts';
import type { KubectlContext } from '../cli/context.ts';
import type { TypedNames } from '../cli/resources.ts';
import { readList } from '../cli/read.ts';

export interface Found {
  info: ResourceInfo;
  obj: KubeObject;
}

export interface FetchOptions {
  allNamespaces?: boolean;
  labelSelector?: string;
  fieldSelector?: string;
}

/** Objects in request order; errors (NotFound...) collected, not thrown. */
export function fetchObjects(ctx: KubectlContext, groups: TypedNames[], opts: FetchOptions): { found: Found[][]; errors: unknown[] } {
  const api = ctx.services.api;
  const found: Found[][] = [];
  const errors: unknown[] = [];
  for (const g of groups) {
    const ns = g.info.namespaced ? (opts.allNamespaces && !g.names.length ? undefined : ctx.namespace) : undefined;
    const list: Found[] = [];
    if (g.names.length) {
      for (const name of g.names) {
        try {
          list.push({ info: g.info, obj: api.get(g.info.resource, ns, name) });
        } catch (e) {
          errors.push(e);
        }
      }
    } else {
      try {
        // Read-only: commands that change objects fetch their own copies (get/patch).
        const items = readList(api, g.info.resource, ns, { labelSelector: opts.labelSelector || undefined, fieldSelector: opts.fieldSelector || undefined });
        for (const obj of items) list.push({ info: g.info, obj });
      } catch (e) {
        errors.push(enhanceListError(e, g.info, opts.labelSelector ?? '', opts.fieldSelector ?? ''));
      }
    }
    found.push(list);
  }
  return { found, errors };
}

/**
 * cli-runtime's EnhanceListError: a list the server refused (BadRequest, NotFound) says which
 * resource and selectors were asked for, e.g. `Unable to find "/v1, Resource=pods" that match
 * label selector "", field selector "foo=bar": ...` (pkg/resource/helper.go; the subject is
 * GroupVersionResource.String()).
 */
export function enhanceListError(e: unknown, info: ResourceInfo, labelSelector: string, fieldSelector: string): unknown {
  if (!(e instanceof ApiError) || (e.status.code !== 400 && e.status.code !== 404)) return e;
  const subject = JSON.stringify(`${info.group}/${info.version}, Resource=${info.resource}`);
  const message = !labelSelector && !fieldSelector
    ? `Unable to list ${subject}: ${e.status.message}`
    : `Unable to find ${subject} that match label selector ${JSON.stringify(labelSelector)}, field selector ${JSON.stringify(fieldSelector)}: ${e.status.message}`;
  return new ApiError({ ...e.status, message });
}

export function isNotFound(e: unknown): boolean {
  return e instanceof ApiError && e.status.code === 404;
}

/** `No resources found in default namespace.` / `No resources found` (stderr in get). */
export function noResourcesMessage(ctx: KubectlContext, allNamespaces: boolean, namespaced: boolean): string {
  return allNamespaces || !namespaced ? 'No resources found\n' : `No resources found in ${ctx.namespace} namespace.\n`;
}
