// kubectl events [--for TYPE/NAME] [--types=Normal,Warning] [-A] [-w] [--no-headers] [-o FORMAT]:
// the namespace's events sorted by when they last happened, as LAST SEEN TYPE REASON OBJECT
// MESSAGE where OBJECT is `Kind/name` (`Pod/web-0`, unlike get's `pod/web-0`) and LAST SEEN is
// `5s`, or `5s (x3 over 2m)` for a repeated event; `No events found in default namespace.` when
// there are none. `-w` prints the events there are (in list order) and then each new one.
// Source: kubernetes/kubectl pkg/cmd/events/events.go (ToOptions, Validate, Run, runWatch,
// SortableEvents, decodeResourceTypeName) and event_printer.go (printHeadings, printOneEvent,
// getInterval, escapeCell).
import type { KubeObject, WatchEvent } from '../../cluster/api/client.ts';
import { KubectlError } from '../cli/errors.ts';
import { readList } from '../cli/read.ts';
import { resolveResource } from '../cli/resources.ts';
import { age } from '../printers/age.ts';
import { objectName, toJson, toYaml } from '../printers/object.ts';
import { TableWriter } from '../printers/tabwriter.ts';
import { WATCH_QUIET_MS, type KubectlCommand } from './types.ts';

/** getInterval: the first time alone, or `last (xN over first)` for a repeated event. */
function interval(e: any, now: number): string {
  const first = e.eventTime ? age(e.eventTime, now) : age(e.firstTimestamp, now);
  if (e.series) return `${age(e.series.lastObservedTime, now)} (x${e.series.count} over ${first})`;
  if ((e.count ?? 0) > 1) return `${age(e.lastTimestamp, now)} (x${e.count} over ${first})`;
  return first;
}

/** escapeCell: a cell ends at its first line break, marked `...`. */
function cell(s: unknown): string {
  const str = String(s ?? '');
  const i = str.search(/[\f\n\r]/);
  return i >= 0 ? str.slice(0, i) + '...' : str;
}

/** eventTime (events.go): series.lastObservedTime, else lastTimestamp, else eventTime. */
function eventTime(e: any): number {
  const t = e.series?.lastObservedTime ?? e.lastTimestamp ?? e.eventTime;
  return t ? Date.parse(t) : 0;
}

export const eventsCommand: KubectlCommand = {
  name: 'events',
  short: 'List events',
  flags: [
    { name: 'watch', short: 'w', type: 'bool' },
    { name: 'all-namespaces', short: 'A', type: 'bool' },
    { name: 'for', type: 'string' },
    { name: 'types', type: 'strings' },
    { name: 'no-headers', type: 'bool' },
    { name: 'output', short: 'o', type: 'string' },
    { name: 'chunk-size', type: 'int', default: 500 },
  ],
  async run(ctx, p) {
    const allNs = !!p.flags['all-namespaces'];
    let forKind: string | undefined;
    let forName: string | undefined;
    const forArg: string | undefined = p.flags.for || undefined;
    if (forArg) {
      if (!forArg.includes('/')) throw new KubectlError('--for must be in resource/name form');
      const parts = forArg.split('/');
      if (parts.length !== 2) throw new KubectlError('arguments in resource/name form may not have more than one slash');
      const info = resolveResource(parts[0]);
      if (!info) throw new KubectlError(`no matches for /, Resource=${parts[0]}`);
      forKind = info.kind;
      forName = parts[1];
    }
    const output: string | undefined = p.flags.output || undefined;
    if (output && !['yaml', 'json', 'name'].includes(output)) {
      throw new KubectlError(`unable to match a printer suitable for the output format "${output}", allowed formats are: json,name,yaml`);
    }
    const types = [...new Set(p.flags.types as string[])].sort();
    for (const t of types) if (t.toLowerCase() !== 'normal' && t.toLowerCase() !== 'warning') throw new KubectlError('valid --types are Normal or Warning');
    const wanted = (e: any) => !types.length || types.some((t) => t.toLowerCase() === String(e.type ?? '').toLowerCase());

    const ns = allNs ? undefined : ctx.namespace;
    const fieldSelector = forKind ? `involvedObject.kind=${forKind},involvedObject.name=${forName}` : undefined;
    const table = new TableWriter();
    let headerShown = !!p.flags['no-headers'];
    const rows = (events: any[]): string => {
      const out: string[][] = [];
      if (!headerShown) {
        out.push([...(allNs ? ['NAMESPACE'] : []), 'LAST SEEN', 'TYPE', 'REASON', 'OBJECT', 'MESSAGE']);
        headerShown = true;
      }
      const now = ctx.now();
      for (const e of events) {
        const io = e.involvedObject ?? {};
        out.push([...(allNs ? [e.metadata.namespace ?? ''] : []), interval(e, now), cell(e.type), cell(e.reason), `${cell(io.kind)}/${cell(io.name)}`, cell(String(e.message ?? '').trim())]);
      }
      return out.length ? table.format(out) : '';
    };
    let documents = 0;
    const print = (events: KubeObject[], list: boolean): string => {
      if (output === 'name') return events.map((e) => objectName(e) + '\n').join('');
      if (output === 'yaml' || output === 'json') {
        const objs = events.map((e) => ({ apiVersion: 'v1', kind: 'Event', ...e }));
        const docs = list ? [{ apiVersion: 'v1', items: objs, kind: 'EventList', metadata: {} }] : objs;
        return docs.map((d) => (output === 'json' ? toJson(d) : (documents++ ? '---\n' : '') + toYaml(d))).join('');
      }
      return rows(events);
    };

    if (p.flags.watch) return watchEvents(ctx, ns, fieldSelector, wanted, (evs) => print(evs, false));

    const events = readList(ctx.services.api, 'events', ns, { fieldSelector }).filter(wanted);
    if (!events.length) {
      ctx.err(allNs ? 'No events found.\n' : `No events found in ${ctx.namespace} namespace.\n`);
      return 0;
    }
    // sort.Sort by eventTime, which the API carries in whole seconds; ties keep the order the
    // events were recorded in.
    const sorted = events
      .map((e, i) => ({ e, t: Math.floor(eventTime(e) / 1000), rv: Number(e.metadata.resourceVersion ?? i) }))
      .sort((a, b) => a.t - b.t || a.rv - b.rv)
      .map((x) => x.e);
    ctx.out(print(sorted, true));
    return 0;
  },
};

/** runWatch: every event there is, then each new or updated one; deletions are not printed. */
async function watchEvents(ctx: Parameters<KubectlCommand['run']>[0], ns: string | undefined, fieldSelector: string | undefined, wanted: (e: any) => boolean, print: (evs: KubeObject[]) => string): Promise<number> {
  const { api } = ctx.services;
  const queue: WatchEvent[] = [];
  const stop = api.watch('events', ns, { fieldSelector }, (ev) => queue.push(ev));
  // A watch without a resourceVersion starts with an ADDED event for each existing object.
  const existing = readList(api, 'events', ns, { fieldSelector });
  const drain = () => {
    const evs = queue.splice(0).filter((e) => e.type !== 'DELETED' && wanted(e.object)).map((e) => e.object);
    if (evs.length) ctx.out(print(evs));
  };
  try {
    const first = existing.filter(wanted);
    if (first.length) ctx.out(print(first));
    for (;;) {
      drain();
      const r = await ctx.services.nextChange(WATCH_QUIET_MS, ctx.io.signal, ['events']);
      drain();
      if (r !== 'changed' || ctx.io.signal.aborted) break;
    }
  } finally {
    stop();
  }
  // Ctrl-C: events.go watches inside interrupt.New(nil, cancel), which exits 1 (as get -w does).
  return ctx.io.signal.aborted ? 1 : 0;
}
