// The service accounts controller (`serviceaccount-controller`): every active namespace has a
// ServiceAccount named `default`, the one a pod runs as when it names none. A namespace added,
// or its `default` account deleted, brings it back.
// Source: kubernetes/kubernetes pkg/controller/serviceaccount/serviceaccounts_controller.go
// (syncNamespace: ServiceAccountsControllerOptions' DefaultServiceAccountsControllerOptions).
import type { Component, ComponentContext } from '../../component.ts';
import type { KubeObject } from '../../api/client.ts';
import type { Informer } from '../../informers.ts';
import type { Namespace } from '../../types.ts';
import { isNotFound } from '../controller-utils.ts';

export const DEFAULT_SERVICE_ACCOUNT = 'default';

export class ServiceAccountsController implements Component {
  readonly name = 'serviceaccount-controller';
  private ctx!: ComponentContext;
  private namespaces!: Informer<Namespace>;
  private accounts!: Informer<KubeObject>;

  start(ctx: ComponentContext): void {
    this.ctx = ctx;
    this.namespaces = ctx.informers.for<Namespace>('namespaces');
    this.accounts = ctx.informers.for<KubeObject>('serviceaccounts');
    this.namespaces.onChange((ev) => {
      if (ev.type !== 'DELETED') ctx.enqueue(ev.object.metadata.name!);
    });
    this.accounts.onChange((ev) => {
      if (ev.type === 'DELETED' && ev.object.metadata.name === DEFAULT_SERVICE_ACCOUNT) ctx.enqueue(ev.object.metadata.namespace!);
    });
  }

  /** A cluster saved before this controller existed: its namespaces get what they lack. */
  restored(): void {
    for (const ns of this.namespaces.list()) {
      if (!ns.metadata.deletionTimestamp && !this.accounts.get(ns.metadata.name, DEFAULT_SERVICE_ACCOUNT)) this.ctx.enqueue(ns.metadata.name!);
    }
  }

  sync(namespace: string): void {
    const ns = this.namespaces.get(undefined, namespace);
    // syncNamespace: only an active namespace (not one being deleted) gets its accounts.
    if (!ns || ns.metadata.deletionTimestamp) return;
    if (this.accounts.get(namespace, DEFAULT_SERVICE_ACCOUNT)) return;
    try {
      this.ctx.api.create('serviceaccounts', namespace, { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: DEFAULT_SERVICE_ACCOUNT } }, {
        sharedResult: true, uidFrom: `${namespace}/serviceaccounts/${DEFAULT_SERVICE_ACCOUNT}@${this.ctx.api.resourceVersion()}`,
      });
    } catch (e) {
      if (!isNotFound(e)) this.ctx.enqueue(namespace, 1000);
    }
  }
}
