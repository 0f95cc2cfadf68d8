// What `diff -u -N FROM TO` (GNU diffutils) prints for one pair of files: the command line, the
// two names with their modification times, and the hunks with three lines of context. An absent
// file (-N) reads as empty, with the epoch as its time.
// The lines told apart as GNU diff tells them apart (gnu-diff-analysis.ts), and the hunks cut and
// printed as its unified format does (context.c: changes fewer than 2 x 3 + 1 lines apart share
// a hunk). A test compares the output with GNU diff's own on generated edits.
import { analyze } from './gnu-diff-analysis.ts';

export interface DiffFile {
  path: string;
  /** The text, or undefined when the file is absent. */
  text: string | undefined;
  /** Modification time, ms since the epoch (ignored when absent). */
  mtime: number;
}

const CONTEXT = 3;

/** The output for the pair, or '' when the files do not differ. */
export function unifiedDiff(from: DiffFile, to: DiffFile): string {
  const a = linesOf(from.text ?? '');
  const b = linesOf(to.text ?? '');
  if ((from.text ?? '') === (to.text ?? '')) return '';
  const changed = analyze(a, b, CONTEXT);
  let out = `diff -u -N ${from.path} ${to.path}\n--- ${from.path}\t${fileTime(from)}\n+++ ${to.path}\t${fileTime(to)}\n`;
  for (const hunk of hunks(script(changed, a.length, b.length))) out += printHunk(hunk, a, b);
  return out;
}

/** The lines of a text, each without its newline (the texts here end with one). */
function linesOf(text: string): string[] {
  if (!text) return [];
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
}

interface Change {
  line0: number;
  line1: number;
  deleted: number;
  inserted: number;
}

/** build_script: the changes, in order, from the two files' changed lines. */
function script([ca, cb]: [boolean[], boolean[]], n0: number, n1: number): Change[] {
  const out: Change[] = [];
  let i0 = 0, i1 = 0;
  while (i0 < n0 || i1 < n1) {
    if (ca[i0] || cb[i1]) {
      const line0 = i0, line1 = i1;
      while (ca[i0]) i0++;
      while (cb[i1]) i1++;
      out.push({ line0, line1, deleted: i0 - line0, inserted: i1 - line1 });
    }
    i0++;
    i1++;
  }
  return out;
}

/** The changes grouped into hunks: fewer than 2 * CONTEXT + 1 unchanged lines apart. */
function hunks(changes: Change[]): Change[][] {
  const out: Change[][] = [];
  for (const c of changes) {
    const last = out[out.length - 1];
    const prev = last?.[last.length - 1];
    if (prev && c.line0 - (prev.line0 + prev.deleted) < 2 * CONTEXT + 1) last.push(c);
    else out.push([c]);
  }
  return out;
}

function printHunk(hunk: Change[], a: string[], b: string[]): string {
  const first = hunk[0];
  const last = hunk[hunk.length - 1];
  const start0 = Math.max(0, first.line0 - CONTEXT);
  const start1 = first.line1 - (first.line0 - start0);
  const end0 = Math.min(a.length, last.line0 + last.deleted + CONTEXT);
  const end1 = last.line1 + last.inserted + (end0 - (last.line0 + last.deleted));
  let out = `@@ -${range(start0, end0 - start0)} +${range(start1, end1 - start1)} @@\n`;
  let i = start0;
  for (const c of hunk) {
    for (; i < c.line0; i++) out += ` ${a[i]}\n`;
    for (let k = 0; k < c.deleted; k++) out += `-${a[c.line0 + k]}\n`;
    for (let k = 0; k < c.inserted; k++) out += `+${b[c.line1 + k]}\n`;
    i = c.line0 + c.deleted;
  }
  for (; i < end0; i++) out += ` ${a[i]}\n`;
  return out;
}

/** GNU's range of a hunk (`first` 0-based): `start,count`, only `start` for one line, the line before for none. */
function range(first: number, count: number): string {
  if (count === 0) return `${first},0`;
  return count === 1 ? `${first + 1}` : `${first + 1},${count}`;
}

/** `2026-01-01 00:00:00.000000000 +0000`: the time as diff prints it (the lab's clock is UTC). */
function fileTime(f: DiffFile): string {
  const iso = new Date(f.text === undefined ? 0 : f.mtime).toISOString(); // 2026-01-01T00:00:00.000Z
  return `${iso.slice(0, 10)} ${iso.slice(11, 19)}.${iso.slice(20, 23)}000000 +0000`;
}
