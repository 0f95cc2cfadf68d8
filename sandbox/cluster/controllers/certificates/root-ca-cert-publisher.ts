// The root CA certificate publisher (`root-ca-certificate-publisher-controller`): every active
// namespace has a ConfigMap kube-root-ca.crt with the cluster's CA bundle under `ca.crt`, which
// the API credentials volume of every pod projects (defaults/pod.ts). A namespace added, or the
// ConfigMap deleted or changed, brings it back as it should be.
// Source: kubernetes/kubernetes pkg/controller/certificates/rootcacertpublisher/publisher.go
// (syncNamespace, RootCACertConfigMapName, DescriptionAnnotation, Description).
import type { Component, ComponentContext } from '../../component.ts';
import type { KubeObject } from '../../api/client.ts';
import type { Informer } from '../../informers.ts';
import type { Namespace } from '../../types.ts';
import { isNotFound } from '../controller-utils.ts';
import { ROOT_CA_PEM } from './root-ca.ts';

export const ROOT_CA_CONFIGMAP = 'kube-root-ca.crt';
const DESCRIPTION_ANNOTATION = 'kubernetes.io/description';
const DESCRIPTION =
  'Contains a CA bundle that can be used to verify the kube-apiserver when using internal endpoints such as the internal service IP or kubernetes.default.svc. ' +
  'No other usage is guaranteed across distributions of Kubernetes clusters.';

export class RootCACertPublisher implements Component {
  readonly name = 'root-ca-certificate-publisher-controller';
  private ctx!: ComponentContext;
  private namespaces!: Informer<Namespace>;
  private configMaps!: Informer<KubeObject>;

  start(ctx: ComponentContext): void {
    this.ctx = ctx;
    this.namespaces = ctx.informers.for<Namespace>('namespaces');
    this.configMaps = ctx.informers.for<KubeObject>('configmaps');
    this.namespaces.onChange((ev) => {
      // namespaceAdded, and namespaceUpdated while the namespace is active.
      if (ev.type === 'ADDED' || (ev.type === 'MODIFIED' && !ev.object.metadata.deletionTimestamp)) ctx.enqueue(ev.object.metadata.name!);
    });
    this.configMaps.onChange((ev) => {
      if (ev.type !== 'ADDED' && ev.object.metadata.name === ROOT_CA_CONFIGMAP) ctx.enqueue(ev.object.metadata.namespace!);
    });
  }

  /** A cluster saved before this controller existed: its namespaces get what they lack. */
  restored(): void {
    for (const ns of this.namespaces.list()) {
      if (!ns.metadata.deletionTimestamp && !this.configMaps.get(ns.metadata.name, ROOT_CA_CONFIGMAP)) this.ctx.enqueue(ns.metadata.name!);
    }
  }

  sync(namespace: string): void {
    const ns = this.namespaces.get(undefined, namespace);
    if (!ns || ns.metadata.deletionTimestamp) return;
    const cm = this.configMaps.get(namespace, ROOT_CA_CONFIGMAP);
    try {
      if (!cm) {
        this.ctx.api.create('configmaps', namespace, {
          apiVersion: 'v1', kind: 'ConfigMap',
          metadata: { name: ROOT_CA_CONFIGMAP, annotations: { [DESCRIPTION_ANNOTATION]: DESCRIPTION } },
          data: { 'ca.crt': ROOT_CA_PEM },
        }, { sharedResult: true, uidFrom: `${namespace}/configmaps/${ROOT_CA_CONFIGMAP}@${this.ctx.api.resourceVersion()}` });
        return;
      }
      const data = cm.data ?? {};
      if (Object.keys(data).length === 1 && data['ca.crt'] === ROOT_CA_PEM && cm.metadata.annotations?.[DESCRIPTION_ANNOTATION]) return;
      this.ctx.api.update('configmaps', namespace, {
        ...cm, metadata: { ...cm.metadata, annotations: { ...cm.metadata.annotations, [DESCRIPTION_ANNOTATION]: DESCRIPTION } }, data: { 'ca.crt': ROOT_CA_PEM },
      }, { sharedResult: true });
    } catch (e) {
      // The namespace went meanwhile, or is being deleted: nothing to retry.
      if (!isNotFound(e)) this.ctx.enqueue(namespace, 1000);
    }
  }
}
