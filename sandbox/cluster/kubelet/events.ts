// Kubelet events carry an object reference to the pod *and* the container
// (`involvedObject.fieldPath: spec.containers{nginx}`), which kubectl 1.35 `describe` prints
// before the message. Node events reference the node with its name as UID, as the kubelet's
// nodeRef does (pkg/kubelet/kubelet.go). Aggregation as client-go's EventCorrelator: a repeat
// of the same object, reason and message bumps count and lastTimestamp.
import type { ApiServer } from '../api/server.ts';
import type { VirtualClock } from '../clock.ts';
import type { Random } from '../random.ts';

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
  private readonly api: ApiServer;
  private readonly clock: VirtualClock;
  private readonly random: Random;
  private index = new Map<string, string>();

  constructor(api: ApiServer, clock: VirtualClock, random: Random) {
    this.api = api;
    this.clock = clock;
    this.random = random;
  }

  /** Rebuilds the aggregation index from stored events (after a restore). */
  reindex(): void {
    this.index.clear();
    for (const e of this.api.peekAll('events')) {
      if (e.source?.component !== 'kubelet') continue;
      this.index.set(corrKey(e.metadata.namespace ?? 'default', e.involvedObject, e.reason, e.message, e.source?.host, e.type), e.metadata.name!);
    }
  }

  record(host: string, involved: InvolvedObject, type: 'Normal' | 'Warning', reason: string, message: string): void {
    const ns = involved.namespace ?? 'default';
    const now = this.clock.nowISO();
    const corr = corrKey(ns, involved, reason, message, host, type);
    const existing = this.index.get(corr);
    const e = existing ? this.api.peek('events', ns, existing) : undefined;
    try {
      if (e) {
        const next = JSON.parse(JSON.stringify(e));
        next.count = (e.count ?? 1) + 1;
        next.lastTimestamp = now;
        delete next.metadata.resourceVersion;
        this.api.update('events', ns, next);
        return;
      }
      const suffix = (this.clock.now() * 1000 + this.random.int(1000)).toString(16).slice(-16);
      const name = `${involved.name}.${suffix}`;
      this.index.set(corr, name);
      this.api.create('events', ns, {
        metadata: { name, namespace: ns },
        involvedObject: { ...involved },
        reason, message, type,
        source: { component: 'kubelet', host },
        firstTimestamp: now, lastTimestamp: now, count: 1,
        reportingComponent: 'kubelet', reportingInstance: host,
      });
    } catch {
      // Best effort, as in client-go.
    }
  }
}

function corrKey(ns: string, io: any, reason: string, message: string, host: string | undefined, type: string): string {
  return `${ns}/${io?.uid}/${io?.name}/${io?.fieldPath ?? ''}/${reason}/${message}/${host ?? ''}/${type}`;
}
