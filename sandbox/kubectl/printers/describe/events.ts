// The Events table at the end of describe: `Type Reason Age From Message`, sorted by last
// timestamp, repeats as `2m (x3 over 5m)`, and (kubectl 1.35) the involved object's fieldPath
// before the message: `spec.containers{nginx}: Pulling image "..."`.
// Source: kubernetes/kubectl pkg/describe/describe.go DescribeEvents, searchEvents; commit
// 60fa575b8 "kubectl: include container fieldPath in event messages" (first in 1.35.0).
import type { KubeObject } from '../../../cluster/api/client.ts';
import { readList } from '../../cli/read.ts';
import type { ApiClient } from '../../../cluster/api/client.ts';
import { age } from '../age.ts';
import { LEVEL_0, LEVEL_1, type PrefixWriter } from './writer.ts';

/** Events about one object (same namespace, kind, name and uid), as searchEvents selects them. */
export function eventsFor(api: ApiClient, obj: KubeObject): KubeObject[] {
  const ns = obj.metadata.namespace;
  const items = readList(api, 'events', ns ?? undefined, { unsorted: true });
  return items.filter((e) => {
    const io = e.involvedObject ?? {};
    if (io.name !== obj.metadata.name || io.kind !== obj.kind) return false;
    // searchEvents filters on involvedObject.uid too, so an event recorded without the uid
    // (the taint-eviction controller's TaintManagerEviction) or for an earlier object of the
    // same name does not show. Nodes are searched twice: with uid = name (kubelet's node
    // events) and with the real uid (NodeDescriber).
    if (obj.metadata.uid) {
      const ok = io.uid === obj.metadata.uid || (obj.kind === 'Node' && io.uid === obj.metadata.name);
      if (!ok) return false;
    }
    return true;
  });
}

function firstTs(e: any): number {
  const t = e.firstTimestamp ?? e.eventTime ?? e.lastTimestamp;
  return t ? Date.parse(t) : 0;
}

function ts(e: any): number {
  const t = e.lastTimestamp ?? e.eventTime ?? e.firstTimestamp;
  return t ? Date.parse(t) : 0;
}

export function describeEvents(w: PrefixWriter, events: KubeObject[] | undefined, now: number): void {
  if (!events) return;
  if (!events.length) {
    w.write(LEVEL_0, 'Events:\t<none>\n');
    return;
  }
  w.flush();
  // SortableEvents compares lastTimestamp, which the API carries in whole seconds; ties keep
  // the list order (event names grow with creation time). Our event names take the same
  // millisecond with a random suffix, so ties fall back to the first time, then the write order.
  const keyed = events.map((e) => ({ e, last: Math.floor(ts(e) / 1000), first: firstTs(e), rv: Number(e.metadata.resourceVersion ?? 0) }));
  keyed.sort((a, b) => a.last - b.last || a.first - b.first || a.rv - b.rv);
  const sorted = keyed.map((x) => x.e);
  w.write(LEVEL_0, 'Events:\n  Type\tReason\tAge\tFrom\tMessage\n');
  w.write(LEVEL_1, '----\t------\t----\t----\t-------\n');
  for (const e of sorted) {
    const first = e.eventTime && !e.firstTimestamp ? age(e.eventTime, now) : age(e.firstTimestamp, now);
    let interval: string;
    if (e.series) interval = `${age(e.series.lastObservedTime, now)} (x${e.series.count} over ${first})`;
    else if ((e.count ?? 0) > 1) interval = `${age(e.lastTimestamp, now)} (x${e.count} over ${first})`;
    else interval = first;
    const source = e.source?.component || e.reportingComponent || '';
    let message = String(e.message ?? '').trim();
    const fp = e.involvedObject?.fieldPath;
    if (fp) message = `${fp}: ${message}`;
    w.write(LEVEL_1, `${e.type ?? ''}\t${e.reason ?? ''}\t${interval}\t${source}\t${message}\n`);
  }
}
