// describe's PrefixWriter over a tabwriter(0, 8, 2, ' ', 0): LEVEL_n indents by two spaces per
// level; Flush() closes a tab block (DescribeEvents flushes so its table aligns on its own).
// Source: kubernetes/kubectl pkg/describe/interface.go (PrefixWriter), describe.go tabbedString.
import { DESCRIBE_TABS, formatTabs } from '../tabwriter.ts';

export class PrefixWriter {
  private done = '';
  private pending = '';

  write(level: number, text: string): void {
    this.pending += '  '.repeat(level) + text;
  }

  /** WriteLine: text and a newline at level 0. */
  line(text = ''): void {
    this.pending += text + '\n';
  }

  flush(): void {
    this.done += formatTabs(this.pending, DESCRIBE_TABS);
    this.pending = '';
  }

  /** The text as written, tabs kept: history.go printTemplate writes a PrefixWriter straight into a buffer. */
  raw(): string {
    return this.done + this.pending;
  }

  toString(): string {
    this.flush();
    return this.done;
  }
}

export const LEVEL_0 = 0;
export const LEVEL_1 = 1;
export const LEVEL_2 = 2;
export const LEVEL_3 = 3;

/** printLabelsMultilineWithIndent. */
export function printLabelsMultiline(w: PrefixWriter, title: string, labels: Record<string, string> | undefined | null, initialIndent = '', innerIndent = '\t', skip: string[] = []): void {
  w.write(0, `${initialIndent}${title}:${innerIndent}`);
  const keys = Object.keys(labels ?? {}).filter((k) => !skip.includes(k)).sort();
  if (!keys.length) {
    w.line('<none>');
    return;
  }
  keys.forEach((k, i) => {
    if (i) w.write(0, initialIndent + innerIndent);
    w.write(0, `${k}=${labels![k]}\n`);
  });
}

const MAX_ANNOTATION_LEN = 140;

/** printAnnotationsMultiline: skips last-applied-configuration, folds long values. */
export function printAnnotationsMultiline(w: PrefixWriter, title: string, annotations: Record<string, string> | undefined | null): void {
  w.write(0, `${title}:\t`);
  const keys = Object.keys(annotations ?? {}).filter((k) => k !== 'kubectl.kubernetes.io/last-applied-configuration').sort();
  if (!keys.length) {
    w.line('<none>');
    return;
  }
  keys.forEach((k, i) => {
    if (i) w.write(0, '\t');
    const value = annotations![k].replace(/\n$/, '');
    if (value.length + k.length + 2 > MAX_ANNOTATION_LEN || value.includes('\n')) {
      w.write(0, `${k}:\n`);
      for (const s of value.split('\n')) w.write(0, `\t  ${s.length > MAX_ANNOTATION_LEN - 2 ? s.slice(0, MAX_ANNOTATION_LEN - 2) + '...' : s}\n`);
    } else w.write(0, `${k}: ${value}\n`);
  });
}

/** printTolerationsMultilineWithIndent. */
export function printTolerationsMultiline(w: PrefixWriter, title: string, tolerations: any[] | undefined, initialIndent = ''): void {
  w.write(0, `${initialIndent}${title}:\t`);
  const list = [...(tolerations ?? [])].sort((a, b) => ((a.key ?? '') < (b.key ?? '') ? -1 : (a.key ?? '') > (b.key ?? '') ? 1 : 0));
  if (!list.length) {
    w.line('<none>');
    return;
  }
  list.forEach((t, i) => {
    if (i) w.write(0, initialIndent + '\t');
    let s = t.key ?? '';
    if (t.value) s += `=${t.value}`;
    if (t.effect) s += `:${t.effect}`;
    if (t.operator === 'Exists' && !t.value) s += t.key || t.effect ? ' op=Exists' : 'op=Exists';
    if (t.tolerationSeconds != null) s += ` for ${t.tolerationSeconds}s`;
    w.write(0, s + '\n');
  });
}

/** Taint.ToString: `key=value:Effect`. */
export function taintString(t: any): string {
  return `${t.key}${t.value ? `=${t.value}` : ''}${t.effect ? `:${t.effect}` : ''}`;
}

export function printTaintsMultiline(w: PrefixWriter, title: string, taints: any[] | undefined): void {
  w.write(0, `${title}:\t`);
  const list = [...(taints ?? [])].sort((a, b) => {
    const ka = `${a.effect},${a.key}`;
    const kb = `${b.effect},${b.key}`;
    return ka < kb ? -1 : ka > kb ? 1 : 0;
  });
  if (!list.length) {
    w.line('<none>');
    return;
  }
  list.forEach((t, i) => {
    if (i) w.write(0, '\t');
    w.write(0, taintString(t) + '\n');
  });
}
