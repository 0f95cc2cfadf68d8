// Recording core/v1 Events as client-go's EventRecorder does, with the aggregation kubectl
// shows as a count ("x3 over 2m"): a repeat of the same object, reason and message bumps
// count and lastTimestamp instead of adding an Event.
// Source: kubernetes/client-go tools/record/event.go and events_cache.go (EventCorrelator).
import type { KubeObject } from './api/client.ts';
import type { ApiServer } from './api/server.ts';
import type { VirtualClock } from './clock.ts';
import type { Random } from './random.ts';
import { resourceForKind, apiVersionOf } from './api/resources.ts';
import { clone } from './api/clone.ts';

export type EventType = 'Normal' | 'Warning';

export interface EventRecorder {
  /**
   * Records an Event about obj. `fieldPath` names a part of it (the kubelet's
   * `spec.containers{nginx}`), which `kubectl describe` prints before the message.
   */
  event(obj: KubeObject, type: EventType, reason: string, message: string, opts?: { fieldPath?: string }): void;
}

/** The aggregation key of an Event (client-go EventCorrelator: object, reason, message, source). */
export function eventKey(ns: string, io: { uid?: string; name?: string; fieldPath?: string } | undefined, reason: string, message: string, component: string | undefined, host: string | undefined, type: string): string {
  return `${ns}/${io?.uid}/${io?.name}/${io?.fieldPath ?? ''}/${reason}/${message}/${component}/${host ?? ''}/${type}`;
}

/** Aggregation index shared by a cluster's recorders: correlation key → event name. */
export type EventIndex = Map<string, string>;

export function createRecorder(api: ApiServer, clock: VirtualClock, random: Random, index: EventIndex, component: string, host?: string): EventRecorder {
  return {
    event(obj, type, reason, message, opts) {
      const ns = obj.metadata.namespace ?? 'default';
      const now = clock.nowISO();
      const involved = {
        kind: obj.kind,
        namespace: obj.metadata.namespace,
        name: obj.metadata.name,
        uid: obj.metadata.uid,
        apiVersion: obj.apiVersion ?? (obj.kind ? apiVersionOf(resourceForKind(obj.kind)!) : undefined),
        resourceVersion: obj.metadata.resourceVersion,
        fieldPath: opts?.fieldPath,
      };
      // Look for an Event to aggregate into: same object, reason, message and source.
      const corr = eventKey(ns, involved, reason, message, component, host, type);
      const existing = index.get(corr);
      const e = existing ? api.peek('events', ns, existing) : undefined;
      // A full Event store refuses new Events (dropped below): skip building one.
      if (!e && api.isFull('events')) return;
      try {
        if (e) {
          const next = { ...clone(e), count: (e.count ?? 1) + 1, lastTimestamp: now };
          delete next.metadata.resourceVersion;
          api.update('events', ns, next);
          return;
        }
      // Event names are `<object>.<hex timestamp>`; ours take the hex from virtual time and chance.
      const suffix = (clock.now() * 1000 + random.int(1000)).toString(16).slice(-16);
        const name = `${obj.metadata.name}.${suffix}`;
        index.set(corr, name);
        api.create('events', ns, {
        metadata: { name, namespace: ns },
        involvedObject: involved,
        reason, message, type,
        source: host ? { component, host } : { component },
        firstTimestamp: now, lastTimestamp: now, count: 1,
        reportingComponent: component, reportingInstance: host ?? '',
        });
      } catch {
        // Events are best effort, as in client-go: a full store drops them.
      }
    },
  };
}
