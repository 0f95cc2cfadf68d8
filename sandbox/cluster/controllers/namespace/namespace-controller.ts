// The namespace controller (`namespace-controller`): once a namespace is being deleted, it
// deletes everything in it, reports progress in the namespace's deletion conditions, and when
// nothing is left removes the `kubernetes` finalizer through the finalize subresource; the API
// server then removes the namespace. Until then `kubectl get ns` shows it Terminating.
// Sources: kubernetes/kubernetes pkg/controller/namespace/namespace_controller.go (syncNamespace
// FromKey, requeue after the estimate), deletion/namespaced_resources_deleter.go (Delete,
// deleteAllContent, estimateGracefulTermination, finalizeNamespace, "%s.%s has %d resource
// instances", "%s in %d resource instances"), deletion/status_condition_utils.go (okReasons,
// okMessages, SomeResourcesRemain, SomeFinalizersRemain).
import type { Component, ComponentContext } from '../../component.ts';
import type { Informer } from '../../informers.ts';
import { RESOURCES } from '../../api/resources.ts';
import type { KubeObject } from '../../api/client.ts';
import type { Namespace } from '../../types.ts';

type NamespaceCondition = NonNullable<NonNullable<Namespace['status']>['conditions']>[number];
import { isNotFound, RateLimiter } from '../controller-utils.ts';

/** The finalizer the namespace controller owns (FinalizerKubernetes). */
export const FINALIZER_KUBERNETES = 'kubernetes';

/** status_condition_utils.go: the condition types in order, and their reasons/messages when fine. */
const CONDITIONS: [type: string, reason: string, message: string][] = [
  ['NamespaceDeletionDiscoveryFailure', 'ResourcesDiscovered', 'All resources successfully discovered'],
  ['NamespaceDeletionGroupVersionParsingFailure', 'ParsedGroupVersions', 'All legacy kube types successfully parsed'],
  ['NamespaceDeletionContentFailure', 'ContentDeleted', 'All content successfully deleted, may be waiting on finalization'],
  ['NamespaceContentRemaining', 'ContentRemoved', 'All content successfully removed'],
  ['NamespaceFinalizersRemaining', 'ContentHasNoFinalizers', 'All content-preserving finalizers finished'],
];

const NAMESPACED = RESOURCES.filter((r) => r.namespaced && r.verbs.includes('delete'));

export class NamespaceController implements Component {
  readonly name = 'namespace-controller';
  private ctx!: ComponentContext;
  private namespaces!: Informer<Namespace>;
  private limiter = new RateLimiter();

  start(ctx: ComponentContext): void {
    this.ctx = ctx;
    this.namespaces = ctx.informers.for<Namespace>('namespaces');
    this.namespaces.onChange((ev) => {
      if (ev.type !== 'DELETED' && ev.object.metadata.deletionTimestamp) ctx.enqueue(ev.object.metadata.name!);
    });
  }

  sync(name: string): void {
    const ns = this.namespaces.get(undefined, name);
    if (!ns?.metadata.deletionTimestamp) {
      this.limiter.forget(name);
      return;
    }
    // Already finalized by us: the API server removes it once its other finalizers go.
    if (!(ns.spec?.finalizers ?? []).includes(FINALIZER_KUBERNETES)) return;
    let remaining: { estimate: number; resources: Map<string, number>; finalizers: Map<string, number>; failed: string[] };
    try {
      remaining = this.deleteAllContent(name);
      this.updateConditions(ns, remaining);
    } catch {
      this.ctx.enqueue(name, this.limiter.when(name));
      return;
    }
    if (remaining.resources.size || remaining.failed.length) {
      // Pods still terminating: look again when their grace period should be over; content
      // held by finalizers (or failed deletes) is retried with back-off.
      this.ctx.enqueue(name, remaining.estimate > 0 ? remaining.estimate * 1000 : this.limiter.when(name));
      return;
    }
    this.limiter.forget(name);
    this.finalize(ns);
  }

  /**
   * deleteAllContent: deletes every object in the namespace (background propagation, as
   * DeleteCollection with the deleter's options), then counts what is still there, the finalizers
   * holding it, and an estimate in seconds of how long terminating pods still need.
   */
  private deleteAllContent(namespace: string) {
    const { api } = this.ctx;
    const resources = new Map<string, number>();
    const finalizers = new Map<string, number>();
    const failed: string[] = [];
    let estimate = 0;
    for (const info of NAMESPACED) {
      for (const o of api.list(info.resource, namespace).items) {
        if (o.metadata.deletionTimestamp) continue;
        try {
          api.delete(info.resource, namespace, o.metadata.name!, { propagationPolicy: 'Background', preconditions: { uid: o.metadata.uid } });
        } catch (e) {
          if (!isNotFound(e)) failed.push(`${info.resource}/${o.metadata.name}`);
        }
      }
      const left = api.list(info.resource, namespace).items as KubeObject[];
      if (!left.length) continue;
      resources.set(`${info.resource}.${info.group}`, left.length);
      for (const o of left) {
        for (const f of o.metadata.finalizers ?? []) finalizers.set(f, (finalizers.get(f) ?? 0) + 1);
        // estimateGracefulTermination: the longest grace period of a pod not yet finished.
        if (info.resource === 'pods' && o.status?.phase !== 'Succeeded' && o.status?.phase !== 'Failed') {
          estimate = Math.max(estimate, o.metadata.deletionGracePeriodSeconds ?? o.spec?.terminationGracePeriodSeconds ?? 0);
        }
      }
    }
    return { estimate, resources, finalizers, failed };
  }

  /** namespaceConditionUpdater.Update: the five deletion conditions, written when they change. */
  private updateConditions(ns: Namespace, r: { resources: Map<string, number>; finalizers: Map<string, number>; failed: string[] }): void {
    const now = this.ctx.clock.nowISO();
    const bad: Record<string, [string, string]> = {};
    if (r.failed.length) bad.NamespaceDeletionContentFailure = ['ContentDeletionFailed', `Failed to delete all resource types, ${r.failed.length} remaining: ${r.failed.join(', ')}`];
    if (r.resources.size) {
      const list = [...r.resources].map(([gr, n]) => `${gr} has ${n} resource instances`).sort();
      bad.NamespaceContentRemaining = ['SomeResourcesRemain', `Some resources are remaining: ${list.join(', ')}`];
    }
    if (r.finalizers.size) {
      const list = [...r.finalizers].map(([f, n]) => `${f} in ${n} resource instances`).sort();
      bad.NamespaceFinalizersRemaining = ['SomeFinalizersRemain', `Some content in the namespace has finalizers remaining: ${list.join(', ')}`];
    }
    const old = ns.status?.conditions ?? [];
    const conditions: NamespaceCondition[] = old.filter((c) => !CONDITIONS.some(([t]) => t === c.type));
    let changed = false;
    for (const [type, okReason, okMessage] of CONDITIONS) {
      const [reason, message] = bad[type] ?? [okReason, okMessage];
      const status = bad[type] ? 'True' : 'False';
      const prev = old.find((c) => c.type === type);
      if (prev && prev.status === status && prev.reason === reason && prev.message === message) {
        conditions.push(prev);
        continue;
      }
      changed = true;
      conditions.push({ type, status, lastTransitionTime: prev && prev.status === status ? prev.lastTransitionTime : now, reason, message });
    }
    if (!changed) return;
    const next = { ...ns, metadata: { ...ns.metadata }, status: { ...ns.status, conditions } } as Namespace;
    this.ctx.api.update('namespaces', undefined, next, { subresource: 'status' });
  }

  /** finalizeNamespace: spec.finalizers without `kubernetes`, through the finalize subresource. */
  private finalize(ns: Namespace): void {
    const fresh = this.ctx.api.peek('namespaces', undefined, ns.metadata.name!) as Namespace | undefined;
    if (!fresh) return;
    const finalizers = (fresh.spec?.finalizers ?? []).filter((f) => f !== FINALIZER_KUBERNETES);
    try {
      this.ctx.api.update('namespaces', undefined, { metadata: { name: fresh.metadata.name }, spec: { finalizers } }, { subresource: 'finalize' });
    } catch (e) {
      if (!isNotFound(e)) this.ctx.enqueue(ns.metadata.name!, this.limiter.when(ns.metadata.name!));
    }
  }

  save(): unknown {
    return { failures: this.limiter.failures };
  }

  load(state: unknown): void {
    this.limiter.failures = { ...((state as { failures?: Record<string, number> } | undefined)?.failures ?? {}) };
  }
}
