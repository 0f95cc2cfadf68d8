// The events feed's rows: read from the Event objects themselves (client.list('events')), because
// the feed needs what the worker's summary (ClusterEvent) leaves out: firstTimestamp for
// "(x3 over 2m)" and the resourceVersion that tells which of two events in the same second came
// first. LAST SEEN as `kubectl get events` prints it: kubernetes pkg/printers/internalversion/
// printers.go printEvent; the repeat as kubectl describe: staging/src/k8s.io/kubectl/pkg/describe/
// describe.go DescribeEvents. Ages from sandbox/kubectl/printers/age.ts.
import type { ClusterEvent, LabClient } from '../protocol.ts';
import { age } from '../../../sandbox/kubectl/printers/age.ts';

/** A feed row: the worker's ClusterEvent plus the first time it was seen and its object name. */
export interface FeedEvent extends ClusterEvent {
  firstTimestamp?: string;
  /** The Event object's name (unique; the row's key). */
  name?: string;
}

/** The fields of a core/v1 Event (or events.k8s.io/v1 seen through core/v1) the feed reads. */
export interface EventObject {
  metadata?: { name?: string; namespace?: string; resourceVersion?: string };
  involvedObject?: { kind?: string; name?: string };
  type?: string;
  reason?: string;
  message?: string;
  count?: number;
  firstTimestamp?: string;
  lastTimestamp?: string;
  eventTime?: string;
  series?: { count?: number; lastObservedTime?: string };
}

const ms = (t: string | undefined) => (t ? Date.parse(t) || 0 : 0);

/**
 * Event objects as feed rows, in the order they happened: by the last time seen (lastTimestamp,
 * else eventTime), then by resourceVersion, which the API server hands out in write order. Event
 * times are whole seconds, so Scheduled, Pulling, Pulled, Created and Started of one pod often
 * share a second; their resourceVersions keep them in the order kubectl get events -w shows.
 */
export function feedEvents(items: EventObject[]): FeedEvent[] {
  const rows = items.map((e) => {
    const first = e.firstTimestamp || e.eventTime || undefined;
    const last = e.series?.lastObservedTime || e.lastTimestamp || e.eventTime || e.firstTimestamp || '';
    const row: FeedEvent = {
      namespace: e.metadata?.namespace ?? '',
      lastTimestamp: last,
      firstTimestamp: first,
      type: e.type || 'Normal',
      reason: e.reason ?? '',
      object: `${(e.involvedObject?.kind ?? '').toLowerCase()}/${e.involvedObject?.name ?? ''}`,
      message: String(e.message ?? '').trim(),
      count: e.series?.count ?? e.count ?? 1,
      name: e.metadata?.name,
    };
    return { row, at: ms(last), rv: Number(e.metadata?.resourceVersion) || 0 };
  });
  rows.sort((a, b) => a.at - b.at || a.rv - b.rv);
  return rows.map((r) => r.row);
}

/** The newest `limit` events (of `namespace`, or all), oldest first. */
export async function readEvents(client: LabClient, namespace?: string, limit = 200): Promise<FeedEvent[]> {
  return feedEvents((await client.list('events', namespace)) as EventObject[]).slice(-limit);
}

/**
 * LAST SEEN: `12s`; `12s (x3 over 2m)` for an event seen three times, the "over" being the age
 * of its first time (`(x3)` when that is not known). Without the cluster's time (`now`), the
 * event's clock time.
 */
export function lastSeen(e: FeedEvent, now: number | undefined): string {
  const when = now ? age(e.lastTimestamp, now) : e.lastTimestamp.slice(11, 19) || '<unknown>';
  if (e.count <= 1) return when;
  return now && e.firstTimestamp ? `${when} (x${e.count} over ${age(e.firstTimestamp, now)})` : `${when} (x${e.count})`;
}
