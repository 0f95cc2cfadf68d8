// One table definition per resource, as the API server's table convertor builds it.
// Source: kubernetes/kubernetes pkg/printers/internalversion/printers.go (AddHandlers: the
// column definitions and the print<Kind> functions). kubectl then upper-cases the headers.
import type { KubeObject } from '../../cluster/api/client.ts';

export interface TableDef {
  /** Column headers as kubectl shows them (upper case). */
  columns: string[];
  /** Extra columns with `-o wide`, appended after `columns`. */
  wide: string[];
  /** When `-o wide` does not simply append (events interleave their wide columns). */
  wideColumns?: string[];
  /** Cells for one object; with `wide` the wide cells follow. */
  row(obj: KubeObject, now: number, wide: boolean): string[];
}

const registry = new Map<string, TableDef>();

export function registerTable(resource: string, def: TableDef): void {
  registry.set(resource, def);
}

export function tableFor(resource: string): TableDef {
  return registry.get(resource) ?? DEFAULT_TABLE;
}

import { age } from './age.ts';

/** What the server answers for kinds without a printer: NAME and AGE (metav1 default table). */
const DEFAULT_TABLE: TableDef = {
  columns: ['NAME', 'AGE'],
  wide: [],
  row: (o, now) => [o.metadata.name ?? '', age(o.metadata.creationTimestamp, now)],
};

/** labels.FormatLabels: sorted `k=v` joined by commas, `<none>` when empty. */
export function formatLabels(labels: Record<string, string> | undefined | null): string {
  const keys = Object.keys(labels ?? {}).sort();
  if (!keys.length) return '<none>';
  return keys.map((k) => `${k}=${labels![k]}`).join(',');
}

/** layoutContainerCells: container names and images joined by commas. */
export function containerCells(containers: any[] | undefined): [string, string] {
  const list = containers ?? [];
  return [list.map((c) => c.name).join(','), list.map((c) => c.image).join(',')];
}

/** metav1.FormatLabelSelector: `<none>` for an empty selector, `<error>` for nil handled by caller. */
export function formatSelector(sel: any): string {
  if (!sel) return '<none>';
  const parts: string[] = [];
  for (const k of Object.keys(sel.matchLabels ?? {}).sort()) parts.push(`${k}=${sel.matchLabels[k]}`);
  for (const e of sel.matchExpressions ?? []) {
    const vals = [...(e.values ?? [])].sort().join(',');
    if (e.operator === 'In') parts.push(`${e.key} in (${vals})`);
    else if (e.operator === 'NotIn') parts.push(`${e.key} notin (${vals})`);
    else if (e.operator === 'Exists') parts.push(e.key);
    else if (e.operator === 'DoesNotExist') parts.push(`!${e.key}`);
  }
  return parts.length ? parts.join(',') : '<none>';
}

/** storageutil.GetAccessModesAsString: RWO,ROX,RWX,RWOP in that order. */
export function accessModesString(modes: string[] | undefined): string {
  const m = modes ?? [];
  const out: string[] = [];
  if (m.includes('ReadWriteOnce')) out.push('RWO');
  if (m.includes('ReadOnlyMany')) out.push('ROX');
  if (m.includes('ReadWriteMany')) out.push('RWX');
  if (m.includes('ReadWriteOncePod')) out.push('RWOP');
  return out.join(',');
}
