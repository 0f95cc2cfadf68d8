// kubectl get: tables per kind, -o wide|yaml|json|name|jsonpath=|custom-columns=, -w,
// -l, --field-selector, -A, --show-labels, several kinds at once.
// Source: kubernetes/kubectl pkg/cmd/get/get.go (Run, watch), kubernetes/cli-runtime
// pkg/printers/tableprinter.go (headers once per watch, kind prefix when several kinds).
import type { KubeObject, WatchEvent } from '../../cluster/api/client.ts';
import type { ResourceInfo } from '../../cluster/api/resources.ts';
import type { KubectlContext } from '../cli/context.ts';
import { errorText, KubectlError } from '../cli/errors.ts';
import type { ParsedArgs } from '../cli/flags.ts';
import { readManifests } from '../cli/manifests.ts';
import { parseResourceArgs, requireResource, type TypedNames } from '../cli/resources.ts';
import { customColumnCells, parseCustomColumns, type CustomColumn } from '../printers/custom-columns.ts';
import { findJsonPath } from '../printers/jsonpath.ts';
import { templatePrinter } from '../printers/template.ts';
import { getRaw } from './get-raw.ts';
import { inlineOutputFile } from '../cli/output-files.ts';
import { asList, kindPrefix, objectName, toJson, toYaml } from '../printers/object.ts';
import { formatLabels, tableFor } from '../printers/index.ts';
import { TableWriter } from '../printers/tabwriter.ts';
import { fetchObjects, noResourcesMessage, type Found } from './objects.ts';
import { WATCH_QUIET_MS, type KubectlCommand } from './types.ts';

export const MISSING_TYPE = `You must specify the type of resource to get. Use "kubectl api-resources" for a complete list of supported resources.

error: Required resource not specified.
Use "kubectl explain <resource>" for a detailed description of that resource (e.g. kubectl explain pods).
See 'kubectl get -h' for help and examples
`;

export interface OutputFormat {
  kind: 'table' | 'wide' | 'yaml' | 'json' | 'name' | 'jsonpath' | 'go-template' | 'custom-columns';
  template?: string;
  /** `-o jsonpath-as-json`: each result set as an indented JSON array. */
  asJson?: boolean;
}

export function parseOutput(o: string | undefined): OutputFormat {
  if (!o) return { kind: 'table' };
  const eq = o.indexOf('=');
  const name = eq >= 0 ? o.slice(0, eq) : o;
  const arg = eq >= 0 ? o.slice(eq + 1) : undefined;
  switch (name) {
    case 'wide': case 'yaml': case 'json': case 'name':
      return { kind: name };
    case 'jsonpath': case 'jsonpath-as-json': case 'template': case 'go-template':
      if (arg === undefined || arg === '') throw new KubectlError(`template format specified but no template given`);
      if (name !== 'jsonpath' && name !== 'jsonpath-as-json') return { kind: 'go-template', template: arg };
      return { kind: 'jsonpath', template: arg, asJson: name === 'jsonpath-as-json' };
    case 'custom-columns':
      return { kind: 'custom-columns', template: arg ?? '' };
  }
  throw new KubectlError(`unable to match a printer suitable for the output format "${o}", allowed formats are: custom-columns,custom-columns-file,go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,wide,yaml`);
}

/** Renders rows of one kind into table cells (header first unless noHeaders). */
export class TablePrinter {
  readonly writer = new TableWriter();
  private printedHeader = false;
  private readonly ctx: KubectlContext;
  private readonly opts: { wide: boolean; allNamespaces: boolean; showLabels: boolean; withKind: boolean; noHeaders: boolean; labelColumns: string[]; custom?: CustomColumn[]; watchEvents?: boolean };

  constructor(ctx: KubectlContext, opts: TablePrinter['opts']) {
    this.ctx = ctx;
    this.opts = opts;
  }

  header(info: ResourceInfo): string[] {
    const def = tableFor(info.resource);
    let cols = this.opts.custom ? this.opts.custom.map((c) => c.header) : this.opts.wide ? def.wideColumns ?? [...def.columns, ...def.wide] : [...def.columns];
    if (!this.opts.custom) {
      cols = [...cols, ...this.opts.labelColumns.map((l) => l.split('/').pop()!.toUpperCase())];
      if (this.opts.showLabels) cols.push('LABELS');
    }
    if (this.opts.allNamespaces && info.namespaced) cols = ['NAMESPACE', ...cols];
    if (this.opts.watchEvents) cols = ['EVENT', ...cols];
    return cols;
  }

  row(info: ResourceInfo, obj: KubeObject, event?: string): string[] {
    let cells: string[];
    if (this.opts.custom) cells = customColumnCells(obj, this.opts.custom);
    else {
      cells = tableFor(info.resource).row(obj, this.ctx.now(), this.opts.wide);
      if (this.opts.withKind) cells[0] = `${kindPrefix(info)}/${cells[0]}`;
      for (const l of this.opts.labelColumns) cells.push(obj.metadata.labels?.[l] ?? '');
      if (this.opts.showLabels) cells.push(formatLabels(obj.metadata.labels));
    }
    if (this.opts.allNamespaces && info.namespaced) cells = [obj.metadata.namespace ?? '', ...cells];
    if (this.opts.watchEvents) cells = [event ?? 'ADDED', ...cells];
    return cells;
  }

  /** Rows with a header the first time (or every kind when `newKind`). */
  print(info: ResourceInfo, objs: Array<{ obj: KubeObject; event?: string }>): string {
    const rows: string[][] = [];
    if (!this.printedHeader && !this.opts.noHeaders) rows.push(this.header(info));
    this.printedHeader = true;
    for (const o of objs) rows.push(this.row(info, o.obj, o.event));
    return this.writer.format(rows);
  }

  newKind(): void {
    this.printedHeader = false;
    this.writer.reset();
  }
}

function sortBy(list: Found[], expr: string): Found[] {
  let path = expr.trim();
  if (path.startsWith('{') && path.endsWith('}')) path = path.slice(1, -1);
  if (!path.startsWith('.')) path = '.' + path;
  const key = (f: Found) => findJsonPath(f.obj, path)[0];
  return [...list].sort((a, b) => {
    const x = key(a);
    const y = key(b);
    if (x === undefined) return y === undefined ? 0 : -1;
    if (y === undefined) return 1;
    if (typeof x === 'number' && typeof y === 'number') return x - y;
    const qx = /^\d{4}-\d\d-\d\dT/.test(String(x)) ? Date.parse(String(x)) : NaN;
    const qy = /^\d{4}-\d\d-\d\dT/.test(String(y)) ? Date.parse(String(y)) : NaN;
    if (!Number.isNaN(qx) && !Number.isNaN(qy)) return qx - qy;
    return String(x) < String(y) ? -1 : String(x) > String(y) ? 1 : 0;
  });
}

export const getCommand: KubectlCommand = {
  name: 'get',
  short: 'Display one or many resources',
  flags: [
    { name: 'output', short: 'o', type: 'string' },
    { name: 'watch', short: 'w', type: 'bool' },
    { name: 'watch-only', type: 'bool' },
    { name: 'output-watch-events', type: 'bool' },
    { name: 'selector', short: 'l', type: 'string' },
    { name: 'field-selector', type: 'string' },
    { name: 'all-namespaces', short: 'A', type: 'bool' },
    { name: 'show-labels', type: 'bool' },
    { name: 'show-kind', type: 'bool' },
    { name: 'no-headers', type: 'bool' },
    { name: 'label-columns', short: 'L', type: 'strings' },
    { name: 'sort-by', type: 'string' },
    { name: 'filename', short: 'f', type: 'strings' },
    { name: 'recursive', short: 'R', type: 'bool' },
    { name: 'ignore-not-found', type: 'bool' },
    { name: 'chunk-size', type: 'int', default: 500 },
    { name: 'template', type: 'string' },
    { name: 'raw', type: 'string' },
    { name: 'subresource', type: 'string' },
    // Accepted as kubectl does; the lab's objects carry no managedFields, and templates always
    // allow missing keys.
    { name: 'show-managed-fields', type: 'bool' },
    { name: 'allow-missing-template-keys', type: 'bool', default: true },
    { name: 'server-print', type: 'bool', default: true },
  ],
  async run(ctx, p) {
    const f = p.flags;
    if (f.raw) return getRaw(ctx, f.raw, p.args.length > 0, f);
    // --template without -o is a Go template; `-o jsonpath --template=...` takes it as the
    // jsonpath (kubectl PrintFlags: TemplateArgument fills the format's argument).
    let o: string | undefined = inlineOutputFile(ctx.io, f.output);
    if (f.template) {
      if (!o) o = `go-template=${f.template}`;
      else if (['jsonpath', 'jsonpath-as-json', 'go-template', 'template'].includes(o)) o = `${o}=${f.template}`;
    }
    const format = parseOutput(o);
    let groups: TypedNames[];
    if ((f.filename as string[]).length) {
      const manifests = readManifests(f.filename, ctx.io.fs, ctx.io.cwd, ctx.io.stdin, f.recursive);
      groups = [];
      for (const m of manifests) {
        const info = requireResource(m.obj.kind ?? '');
        const prev = groups[groups.length - 1];
        if (prev && prev.info === info) prev.names.push(m.obj.metadata?.name ?? '');
        else groups.push({ info, names: [m.obj.metadata?.name ?? ''] });
      }
    } else {
      if (!p.args.length) {
        ctx.err(MISSING_TYPE);
        return 1;
      }
      groups = parseResourceArgs(p.args);
    }
    const allNs = !!f['all-namespaces'];
    const watching = f.watch || f['watch-only'];
    if (watching && groups.length > 1) throw new KubectlError('you may only specify a single resource type');
    if (groups.some((g) => g.names.length) && (f.selector)) throw new KubectlError('selector (-l) and names cannot be combined');

    const { found, errors } = fetchObjects(ctx, groups, { allNamespaces: allNs, labelSelector: f.selector, fieldSelector: f['field-selector'] });
    const visibleErrors = f['ignore-not-found'] ? errors.filter((e) => (e as any)?.status?.code !== 404) : errors;
    const single = groups.length === 1 && groups[0].names.length === 1 && !(f.filename as string[]).length;
    let lists = found;
    if (f['sort-by']) lists = lists.map((l) => sortBy(l, f['sort-by']));
    const flat = lists.flat();
    const withKind = groups.length > 1 || (p.args[0] ?? '').split(',').some((t) => t.toLowerCase() === 'all') || !!f['show-kind'];

    const custom = format.kind === 'custom-columns' ? parseCustomColumns(format.template ?? '') : undefined;
    const table = new TablePrinter(ctx, {
      wide: format.kind === 'wide', allNamespaces: allNs, showLabels: !!f['show-labels'], withKind,
      noHeaders: !!f['no-headers'], labelColumns: f['label-columns'], custom, watchEvents: !!f['output-watch-events'],
    });
    const template = format.kind === 'jsonpath' || format.kind === 'go-template' ? templatePrinter(format.kind, format.template!, format.asJson) : undefined;
    let documents = 0;
    /** One object as the watch prints it (yaml, json, name, jsonpath, go-template). */
    const printObject = (obj: KubeObject): string => {
      if (format.kind === 'name') return objectName(obj, groups[0].info) + '\n';
      if (format.kind === 'yaml') return (documents++ ? '---\n' : '') + toYaml(obj);
      if (format.kind === 'json') return toJson(obj);
      return template!(obj);
    };

    if (!f['watch-only']) {
      if (format.kind === 'table' || format.kind === 'wide' || format.kind === 'custom-columns') {
        let printedAny = false;
        for (const list of lists) {
          if (!list.length) continue;
          if (printedAny) {
            if (!f['no-headers']) ctx.out('\n');
            table.newKind();
          }
          ctx.out(table.print(list[0].info, list.map((x) => ({ obj: x.obj }))));
          printedAny = true;
        }
        if (!printedAny && !visibleErrors.length && !watching && !errors.length) {
          ctx.err(noResourcesMessage(ctx, allNs, groups.some((g) => g.info.namespaced)));
        }
      } else if (format.kind === 'name') {
        for (const x of flat) ctx.out(objectName(x.obj, x.info) + '\n');
        if (!flat.length && !visibleErrors.length && !errors.length && !watching) ctx.err(noResourcesMessage(ctx, allNs, groups.some((g) => g.info.namespaced)));
      } else if (watching) {
        // get.go watch(): the current objects are printed one by one (no List), and the YAML
        // printer puts `---` before every document after the first.
        for (const x of flat) ctx.out(printObject(x.obj));
      } else {
        const data = single && flat.length === 1 ? flat[0].obj : asList(flat.map((x) => x.obj));
        if (single && !flat.length) {
          // nothing to print: the error follows
        } else if (format.kind === 'yaml') ctx.out(toYaml(data));
        else if (format.kind === 'json') ctx.out(toJson(data));
        else ctx.out(template!(data));
      }
    }
    for (const e of visibleErrors) ctx.err(errorText(e));
    if (!watching) return visibleErrors.length ? 1 : 0;
    if (visibleErrors.length) return 1;
    await watch(ctx, groups[0], f, table, format, printObject);
    // Ctrl-C ends a watch through kubectl's interrupt handler (get.go: interrupt.New(nil, cancel)),
    // whose default final step is os.Exit(1) (pkg/util/interrupt/interrupt.go).
    return ctx.io.signal.aborted ? 1 : 0;
  },
};

async function watch(ctx: KubectlContext, group: TypedNames, f: Record<string, any>, table: TablePrinter, format: OutputFormat, printObject: (obj: KubeObject) => string): Promise<void> {
  const { api } = ctx.services;
  const info = group.info;
  const ns = info.namespaced && !(f['all-namespaces'] && !group.names.length) ? ctx.namespace : undefined;
  const queue: WatchEvent[] = [];
  const fieldSelector = group.names.length === 1 ? [`metadata.name=${group.names[0]}`, f['field-selector']].filter(Boolean).join(',') : f['field-selector'] || undefined;
  // The watch starts where the list was read (ApiServer.resourceVersion, or a list's).
  const rv = typeof (api as any).resourceVersion === 'function' ? String((api as any).resourceVersion()) : api.list(info.resource, ns, { labelSelector: f.selector || undefined, fieldSelector }).metadata.resourceVersion;
  const stop = api.watch(info.resource, ns, { labelSelector: f.selector || undefined, fieldSelector, resourceVersion: rv }, (ev) => {
    if (group.names.length > 1 && !group.names.includes(ev.object.metadata.name ?? '')) return;
    queue.push(ev);
  });
  const drain = () => {
    const evs = queue.splice(0);
    if (!evs.length) return;
    if (format.kind === 'table' || format.kind === 'wide' || format.kind === 'custom-columns') {
      // One PrintObj + writer.Flush() per watch event (get.go watch), so a wider cell widens
      // the columns from its own row on, never the rows before it.
      for (const e of evs) ctx.out(table.print(info, [{ obj: e.object, event: e.type }]));
    } else {
      for (const e of evs) ctx.out(printObject(e.object));
    }
  };
  try {
    for (;;) {
      drain();
      // Only writes to the watched resource count (node leases renew every 10 s).
      const r = await ctx.services.nextChange(WATCH_QUIET_MS, ctx.io.signal, [info.resource]);
      drain();
      if (r !== 'changed' || ctx.io.signal.aborted) break;
    }
  } finally {
    stop();
  }
}

