// Go's text/tabwriter, as kubectl uses it. Cells end with '\t'; the text after a line's last tab
// is not part of any column. A column block is a run of consecutive lines that all have a cell
// in that column; each block gets its own width = max(minwidth, widest cell + padding).
// Source: golang.org/x text/tabwriter (format/writeLines), used by
// kubernetes/cli-runtime pkg/printers/tabwriter.go (minwidth 6, tabwidth 4, padding 3) for
// tables and kubernetes/kubectl pkg/describe/describe.go tabbedString (0, 8, 2) for describe.

export interface TabOptions {
  minwidth: number;
  padding: number;
}

export const TABLE_TABS: TabOptions = { minwidth: 6, padding: 3 };
export const DESCRIBE_TABS: TabOptions = { minwidth: 0, padding: 2 };

const NON_ASCII = /[^\x00-\x7f]/;

function width(s: string): number {
  // Runes, not UTF-16 units (Go counts utf8.RuneCount).
  if (!NON_ASCII.test(s)) return s.length;
  let n = 0;
  for (const _ of s) n++;
  return n;
}

/** Formats text containing tabs into aligned columns. The text is one flush unit. */
export function formatTabs(text: string, opts: TabOptions): string {
  const rawLines = text.split('\n');
  const trailingNewline = rawLines[rawLines.length - 1] === '';
  if (trailingNewline) rawLines.pop();
  const lines = rawLines.map((l) => l.split('\t'));
  const out: string[] = [];
  const widths: number[] = [];
  const cellWidths = lines.map((l) => l.map(width));

  const writeLines = (line0: number, line1: number) => {
    for (let i = line0; i < line1; i++) {
      const line = lines[i];
      let s = '';
      for (let j = 0; j < line.length; j++) {
        s += line[j];
        if (j < widths.length && j < line.length - 1) s += ' '.repeat(Math.max(0, widths[j] - cellWidths[i][j]));
      }
      out.push(s);
    }
  };

  const format = (line0: number, line1: number) => {
    const column = widths.length;
    for (let t = line0; t < line1; t++) {
      if (column >= lines[t].length - 1) continue;
      // A cell in this column starts a block: print what comes before it.
      writeLines(line0, t);
      line0 = t;
      let w = opts.minwidth;
      for (; t < line1; t++) {
        if (column >= lines[t].length - 1) break;
        const cw = cellWidths[t][column] + opts.padding;
        if (cw > w) w = cw;
      }
      widths.push(w);
      format(line0, t);
      widths.pop();
      line0 = t;
      t--; // the loop's t++ revisits line t (the first line past the block)
    }
    writeLines(line0, line1);
  };
  format(0, lines.length);
  return out.join('\n') + (trailingNewline ? '\n' : '');
}

/**
 * Table rows with widths that persist across flushes and only grow, as cli-runtime's tabwriter
 * with RememberWidths does for `kubectl get -w`.
 */
export class TableWriter {
  private widths: number[] = [];
  private readonly opts: TabOptions;

  constructor(opts: TabOptions = TABLE_TABS) {
    this.opts = opts;
  }

  /** Every row has the same number of cells; the last cell is not padded. */
  format(rows: string[][]): string {
    for (const row of rows) {
      for (let j = 0; j < row.length - 1; j++) {
        const w = Math.max(this.opts.minwidth, width(row[j]) + this.opts.padding);
        if (!(this.widths[j] >= w)) this.widths[j] = w;
      }
    }
    let s = '';
    for (const row of rows) {
      let line = '';
      for (let j = 0; j < row.length; j++) {
        line += row[j];
        if (j < row.length - 1) line += ' '.repeat(Math.max(0, this.widths[j] - width(row[j])));
      }
      s += line + '\n';
    }
    return s;
  }

  reset(): void {
    this.widths = [];
  }
}
