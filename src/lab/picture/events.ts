// The events feed's LAST SEEN column, as `kubectl get events` prints it: kubernetes
// pkg/printers/internalversion/printers.go printEvent — the age of the last occurrence, and for a
// repeated event `<age> (x<count> over <age of the first>)`. Ages from
// sandbox/kubectl/printers/age.ts.
import type { ClusterEvent } from '../../../sandbox/hosts/worker/protocol.ts';
import { age } from '../../../sandbox/kubectl/printers/age.ts';

/**
 * LAST SEEN: `12s`; `12s (x3 over 2m)` for an event seen three times (`(x3)` when the worker
 * does not give the first time). Without the cluster's time (`now`), the event's clock time.
 */
export function lastSeen(e: ClusterEvent & { firstTimestamp?: string }, now: number | undefined): string {
  const when = now ? age(e.lastTimestamp, now) : e.lastTimestamp.slice(11, 19) || '<unknown>';
  if (e.count <= 1) return when;
  return now && e.firstTimestamp ? `${when} (x${e.count} over ${age(e.firstTimestamp, now)})` : `${when} (x${e.count})`;
}
