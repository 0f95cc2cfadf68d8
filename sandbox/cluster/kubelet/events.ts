// Kubelet events carry an object reference to the pod *and* the container
// (`involvedObject.fieldPath: spec.containers{nginx}`), which kubectl 1.35 `describe` prints
// before the message. Node events reference the node with its name as UID, as the kubelet's
// nodeRef does (pkg/kubelet/kubelet.go). Recording and aggregation are the shared recorder's
// (events.ts), with source `kubelet` and the node as host.
import type { EventRecorder } from '../events.ts';

export interface InvolvedObject {
  kind: string;
  namespace?: string;
  name: string;
  uid: string;
  apiVersion: string;
  resourceVersion?: string;
  fieldPath?: string;
}

export class KubeletEvents {
  private readonly recorderFor: (host: string) => EventRecorder;
  private recorders = new Map<string, EventRecorder>();

  /** `recorder` is ComponentContext.recorder. */
  constructor(recorder: (source: string, host?: string) => EventRecorder) {
    this.recorderFor = (host) => recorder('kubelet', host);
  }

  record(host: string, involved: InvolvedObject, type: 'Normal' | 'Warning', reason: string, message: string): void {
    let r = this.recorders.get(host);
    if (!r) this.recorders.set(host, (r = this.recorderFor(host)));
    const { kind, namespace, name, uid, apiVersion, resourceVersion, fieldPath } = involved;
    r.event({ kind, apiVersion, metadata: { namespace, name, uid, resourceVersion } }, type, reason, message, fieldPath ? { fieldPath } : undefined);
  }
}
