// Per-kind hooks the API server runs on writes, like the `rest.RESTCreateStrategy` /
// `RESTUpdateStrategy` of each registry in kubernetes/kubernetes pkg/registry/*/strategy.go:
// defaulting, clearing fields the client may not set, validation, generation bumps.
import type { KubeObject } from './client.ts';
import type { FieldError } from './errors.ts';

export interface StrategyContext {
  now: string; // RFC 3339
  /** The store's resourceVersion before this write: tells one creation from another (allocation). */
  resourceVersion: number;
  /**
   * The name admission plugins report in their errors: the object's name as the client sent
   * it, else its generateName (the API server generates names after admission;
   * apiserver/pkg/admission/errors.go extractResourceName).
   */
  admissionName: string;
  /** Read another object (e.g. the default StorageClass) without copying or watching. */

  peek(resource: string, namespace: string | undefined, name: string): KubeObject | undefined;
  peekList(resource: string, namespace?: string): KubeObject[];
}

export interface Strategy {
  /**
   * Apply defaults (pkg/apis/<group>/v1/defaults.go), admission mutations, and reset fields on
   * create. Mutates obj. May return errors of allocation (e.g. a requested ClusterIP already in
   * use), which the server reports only when validation passed, as the REST layer does.
   */
  prepareForCreate?(obj: KubeObject, ctx: StrategyContext): void | FieldError[];
  validate?(obj: KubeObject, ctx: StrategyContext): FieldError[];
  /** Defaults again and carry over fields the update may not change. Mutates obj. */
  prepareForUpdate?(obj: KubeObject, old: KubeObject, ctx: StrategyContext): void;
  validateUpdate?(obj: KubeObject, old: KubeObject, ctx: StrategyContext): FieldError[];
  /** Checks for a status-subresource write. */
  validateStatusUpdate?(obj: KubeObject, old: KubeObject, ctx: StrategyContext): FieldError[];
  /** Whether the kind has a spec whose changes bump metadata.generation (StatefulSet, Deployment...). */
  tracksGeneration?: boolean;
  /** Whether delete may be graceful (pods): the grace period the object gets, from spec and options. */
  gracePeriod?(obj: KubeObject, requested: number | undefined): number;
  /** Whether .status is only written through the status subresource. */
  hasStatusSubresource?: boolean;
}

/** Strategies by resource (`pods`, `statefulsets`...), assembled in api/strategies.ts. */
export type Strategies = Record<string, Strategy>;
