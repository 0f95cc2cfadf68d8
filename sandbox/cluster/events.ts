// Recording core/v1 Events as client-go's EventRecorder does: every recorder runs its events
// through an EventCorrelator (event-correlator.ts: aggregation of similar events, counting of
// identical ones, the per-object spam filter), then creates the Event or patches the one it
// repeats.
// Sources: kubernetes/kubernetes staging/src/k8s.io/client-go/tools/record/event.go
// (recorderImpl.makeEvent, recordToSink, recordEvent) and events_cache.go (EventCorrelate).
import type { KubeObject } from './api/client.ts';
import type { ApiServer } from './api/server.ts';
import { toRFC3339, type VirtualClock } from './clock.ts';
import { resourceForKind, apiVersionOf } from './api/resources.ts';
import { EventCorrelator, type CorrelatorEvent } from './event-correlator.ts';

export type EventType = 'Normal' | 'Warning';

export interface EventRecorder {
  /**
   * Records an Event about obj. `fieldPath` names a part of it (the kubelet's
   * `spec.containers{nginx}`), which `kubectl describe` prints before the message.
   */
  event(obj: KubeObject, type: EventType, reason: string, message: string, opts?: { fieldPath?: string }): void;
}

/** `<involvedObject.name>.<UnixNano in hex>`: fmt.Sprintf("%v.%x", ref.Name, t.UnixNano()). */
export function eventName(objectName: string | undefined, unixNano: bigint): string {
  return `${objectName}.${unixNano.toString(16)}`;
}

/**
 * A recorder for one source (component and host) whose correlator `correlatorOf()` gives. A
 * cluster keeps one correlator per source, as each client-go EventBroadcaster has its own; it is
 * asked for at each event, so a restore can bring the correlator's caches back only when needed.
 */
export function createRecorder(api: ApiServer, clock: VirtualClock, correlatorOf: () => EventCorrelator, component: string, host?: string): EventRecorder {
  return {
    event(obj, type, reason, message, opts) {
      // makeEvent: namespace "" becomes default; first and last timestamp are now, count 1.
      const ns = obj.metadata.namespace || 'default';
      const now = clock.now();
      const involved = {
        kind: obj.kind,
        namespace: obj.metadata.namespace,
        name: obj.metadata.name,
        uid: obj.metadata.uid,
        apiVersion: obj.apiVersion ?? (obj.kind ? apiVersionOf(resourceForKind(obj.kind)!) : undefined),
        resourceVersion: obj.metadata.resourceVersion,
        fieldPath: opts?.fieldPath,
      };
      const ev: CorrelatorEvent = {
        name: eventName(involved.name, clock.nowNano()), namespace: ns, involvedObject: involved,
        reason, message, type, component, host: host ?? '', reportingComponent: component, reportingInstance: host ?? '',
        firstTimestamp: now, lastTimestamp: now, count: 1,
      };
      const correlator = correlatorOf();
      const result = correlator.correlate(ev, now, () => clock.nowNano());
      if (!result) return; // the spam filter dropped it
      if (!recordEvent(api, correlator, result.event)) result.undo();
    },
  };
}

/**
 * recordEvent: a repeat (count > 1) patches count, lastTimestamp and message of the Event it
 * repeats; if that Event is gone, or for a first occurrence, the Event is created. Errors drop
 * the Event (a StatusError is not retried). Returns false when the lab's cap on stored Events
 * refused it.
 */
function recordEvent(api: ApiServer, correlator: EventCorrelator, e: CorrelatorEvent): boolean {
  const iso = toRFC3339(e.lastTimestamp);
  try {
    if (e.count > 1) {
      const existing = api.peek('events', e.namespace, e.name);
      if (existing) {
        const { resourceVersion: _rv, ...metadata } = existing.metadata;
        api.update('events', e.namespace, { ...existing, metadata, count: e.count, lastTimestamp: iso, message: e.message }, { sharedResult: true });
        // The stored (frozen) object rather than the copy update returns: the correlator
        // remembers what it says about each stored Event.
        correlator.updateState(api.peek('events', e.namespace, e.name)!);
        return true;
      }
    }
    if (api.isFull('events')) return false; // the lab's quota refuses it: skip building the object
    const first = toRFC3339(e.firstTimestamp);
    api.create('events', e.namespace, {
      metadata: { name: e.name, namespace: e.namespace },
      involvedObject: e.involvedObject,
      reason: e.reason, message: e.message, type: e.type,
      source: e.host ? { component: e.component, host: e.host } : { component: e.component },
      firstTimestamp: first, lastTimestamp: iso, count: e.count,
      reportingComponent: e.reportingComponent, reportingInstance: e.reportingInstance,
    }, { sharedResult: true });
    correlator.updateState(api.peek('events', e.namespace, e.name)!);
    return true;
  } catch {
    // Best effort, as in client-go: a rejected Event is not retried (its correlation stays).
    return true;
  }
}
