// What exists before the learner types anything: the namespaces, the default StorageClass.
// (Nodes register themselves through their kubelets.)
import type { Component, ComponentContext } from './component.ts';
import type { ClusterSpec } from './components.ts';

export class Bootstrap implements Component {
  readonly name = 'bootstrap';
  private ctx!: ComponentContext;
  private readonly spec: ClusterSpec;

  constructor(spec: ClusterSpec) {
    this.spec = spec;
  }

  start(ctx: ComponentContext): void {
    this.ctx = ctx;
  }

  /** Runs once on a fresh cluster (not on restore). */
  bootstrap(): void {
    const { api } = this.ctx;
    for (const ns of ['default', 'kube-node-lease', 'kube-public', 'kube-system']) {
      api.create('namespaces', undefined, { metadata: { name: ns, labels: { 'kubernetes.io/metadata.name': ns } } });
    }
    // minikube's default class (deploy/addons/storageclass/storageclass.yaml): hostpath
    // provisioner, binding Immediate, reclaim Delete. The simulator treats its volumes as
    // network-attached, so a pod can move to another node and attach them there.
    api.create('storageclasses', undefined, {
      metadata: {
        name: 'standard',
        annotations: { 'storageclass.kubernetes.io/is-default-class': 'true' },
        labels: { 'addonmanager.kubernetes.io/mode': 'EnsureExists' },
      },
      provisioner: 'k8s.io/minikube-hostpath',
      reclaimPolicy: 'Delete',
      volumeBindingMode: 'Immediate',
    });
    void this.spec;
  }
}
