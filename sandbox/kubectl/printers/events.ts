// `kubectl get events`: LAST SEEN TYPE REASON OBJECT MESSAGE (wide: LAST SEEN TYPE REASON OBJECT
// SUBOBJECT SOURCE MESSAGE FIRST SEEN COUNT NAME, in the column definitions' order).
// Source: kubernetes/kubernetes pkg/printers/internalversion/printers.go printEvent, formatEventSource.
import { age } from './age.ts';
import { registerTable } from './table.ts';

function source(e: any): string {
  const comp = e.source?.component || e.reportingComponent || '';
  const host = e.source?.host || e.reportingInstance || '';
  return host ? `${comp}, ${host}` : comp;
}

registerTable('events', {
  columns: ['LAST SEEN', 'TYPE', 'REASON', 'OBJECT', 'MESSAGE'],
  wide: [],
  wideColumns: ['LAST SEEN', 'TYPE', 'REASON', 'OBJECT', 'SUBOBJECT', 'SOURCE', 'MESSAGE', 'FIRST SEEN', 'COUNT', 'NAME'],
  row(e, now, wide) {
    const first = e.firstTimestamp ? age(e.firstTimestamp, now) : age(e.eventTime, now);
    let last = e.lastTimestamp ? age(e.lastTimestamp, now) : first;
    let count = e.count || 1;
    if (e.series) {
      last = age(e.series.lastObservedTime, now);
      count = e.series.count;
    }
    const io = e.involvedObject ?? {};
    const target = io.name ? `${String(io.kind ?? '').toLowerCase()}/${io.name}` : String(io.kind ?? '').toLowerCase();
    const message = String(e.message ?? '').trim();
    if (wide) return [last, e.type ?? '', e.reason ?? '', target, io.fieldPath ?? '', source(e), message, first, String(count), e.metadata.name ?? ''];
    return [last, e.type ?? '', e.reason ?? '', target, message];
  },
});

