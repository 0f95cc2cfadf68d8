// Recording core/v1 Events as client-go's EventRecorder does, with the aggregation kubectl
// shows as a count ("x3 over 2m"): a repeat of the same object, reason and message bumps
// count and lastTimestamp instead of adding an Event.
// Source: kubernetes/client-go tools/record/event.go and events_cache.go (EventCorrelator).
import type { KubeObject } from './api/client.ts';
import type { ApiServer } from './api/server.ts';
import type { VirtualClock } from './clock.ts';
import type { Random } from './random.ts';
import { resourceForKind, apiVersionOf } from './api/resources.ts';

export type EventType = 'Normal' | 'Warning';

export interface EventRecorder {
  event(obj: KubeObject, type: EventType, reason: string, message: string): void;
}

/** Aggregation index shared by a cluster's recorders: correlation key → event name. */
export type EventIndex = Map<string, string>;

export function createRecorder(api: ApiServer, clock: VirtualClock, random: Random, index: EventIndex, component: string, host?: string): EventRecorder {
  return {
    event(obj, type, reason, message) {
      const ns = obj.metadata.namespace ?? 'default';
      const now = clock.nowISO();
      const involved = {
        kind: obj.kind,
        namespace: obj.metadata.namespace,
        name: obj.metadata.name,
        uid: obj.metadata.uid,
        apiVersion: obj.apiVersion ?? (obj.kind ? apiVersionOf(resourceForKind(obj.kind)!) : undefined),
        resourceVersion: obj.metadata.resourceVersion,
      };
      // Look for an Event to aggregate into: same object, reason, message and source.
      const corr = `${ns}/${involved.uid}/${involved.name}/${reason}/${message}/${component}/${type}`;
      const existing = index.get(corr);
      const e = existing ? api.peek('events', ns, existing) : undefined;
      try {
        if (e) {
          const next = { ...structuredCloneLite(e), count: (e.count ?? 1) + 1, lastTimestamp: now };
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

function structuredCloneLite<T>(v: T): T {
  return JSON.parse(JSON.stringify(v));
}
