// `-o custom-columns=NAME:.metadata.name,PHASE:.status.phase`: one column per spec, each a
// JSONPath (braces optional); missing values print `<none>`, several matches are joined by commas,
// each printed as fmt.Sprint does (`map[app:nginx]`, `[a b]`: go-sprint.ts).
// Source: kubernetes/cli-runtime pkg/printers/customcolumn.go (NewCustomColumnsPrinterFromSpec,
// printOneObject).
import type { KubeObject } from '../../cluster/api/client.ts';
import { findJsonPath } from './jsonpath.ts';
import { goSprint } from '../../cluster/api/go-sprint.ts';

export interface CustomColumn {
  header: string;
  path: string;
}

export function parseCustomColumns(spec: string): CustomColumn[] {
  if (!spec) throw new Error('custom-columns format specified but no custom columns given');
  return spec.split(',').map((part) => {
    const i = part.indexOf(':');
    if (i < 0) throw new Error(`unexpected custom-columns spec: ${part}, expected <header>:<json-path-expr>`);
    let path = part.slice(i + 1).trim();
    if (path.startsWith('{') && path.endsWith('}')) path = path.slice(1, -1);
    if (!path.startsWith('.') && !path.startsWith('$') && !path.startsWith('@')) path = '.' + path;
    return { header: part.slice(0, i), path };
  });
}

export function customColumnCells(obj: KubeObject, cols: CustomColumn[]): string[] {
  return cols.map((c) => {
    const vals = findJsonPath(obj, c.path).filter((v) => v !== undefined);
    if (!vals.length) return '<none>';
    return vals.map(goSprint).join(',');
  });
}
