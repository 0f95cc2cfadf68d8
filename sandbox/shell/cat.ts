// cat as GNU coreutils 9 (src/cat.c) and busybox 1.36 (coreutils/cat.c, libbb/printable_string
// visible()) print it: the files or stdin in order; -n / -b number lines ("%6d\t"), -s squeezes
// blank lines (GNU), -E / -T / -v show ends, tabs and nonprinting bytes (-A, -e, -t combine
// them). busybox has -n -b -v -t -e -A only, and its -v/-t/-e/-A ignore -n/-b ("BUG" in cat.c).
import { getopt, glibcMessage, type GetoptSpec } from '../cluster/kubelet/programs/getopt.ts';
import { inputs } from './inputs.ts';
import type { Style } from './programs.ts';
import type { Command } from './types.ts';

const GNU_OPTIONS: GetoptSpec = {
  short: 'benstuvAET',
  long: [
    { name: 'number-nonblank', arg: 'none', key: 'b' },
    { name: 'number', arg: 'none', key: 'n' },
    { name: 'squeeze-blank', arg: 'none', key: 's' },
    { name: 'show-nonprinting', arg: 'none', key: 'v' },
    { name: 'show-ends', arg: 'none', key: 'E' },
    { name: 'show-tabs', arg: 'none', key: 'T' },
    { name: 'show-all', arg: 'none', key: 'A' },
    { name: 'help', arg: 'none' },
    { name: 'version', arg: 'none' },
  ],
};
/** busybox getopt32(argv, "etvAnbu"): no long options. */
const BUSYBOX_OPTIONS: GetoptSpec = { short: 'etvAnbu' };

const BUSYBOX_USAGE =
  'BusyBox v1.36.1 (2023-05-18 22:34:17 UTC) multi-call binary.\n\nUsage: cat [-nbvteA] [FILE]...\n\nPrint FILEs to stdout\n\n' +
  '\t-n\tNumber output lines\n\t-b\tNumber nonempty lines\n\t-v\tShow nonprinting characters as ^x or M-x\n\t-t\t...and tabs as ^I\n\t-e\t...and end lines with $\n\t-A\tSame as -vte\n';

interface Shown {
  number: 'all' | 'nonblank' | false;
  squeeze: boolean;
  ends: boolean;
  tabs: boolean;
  nonprinting: boolean;
}

export const catCmd = (style: Style): Command => async (io) => {
  const { options, operands, error } = getopt(io.argv.slice(1), style === 'busybox' ? BUSYBOX_OPTIONS : GNU_OPTIONS);
  if (error) {
    io.stderr(`cat: ${glibcMessage(error)}\n${style === 'busybox' ? BUSYBOX_USAGE : "Try 'cat --help' for more information.\n"}`);
    return 1;
  }
  const o: Shown = { number: false, squeeze: false, ends: false, tabs: false, nonprinting: false };
  for (const { key } of options) {
    if (key === 'help' || key === 'version') {
      io.stderr(`cat: --${key} is not simulated in this lab\n`);
      return 1;
    }
    if (key === 'n' && o.number !== 'nonblank') o.number = 'all';
    else if (key === 'b') o.number = 'nonblank'; // -b overrides -n in either order
    else if (key === 's') o.squeeze = true;
    else if (key === 'E') o.ends = true;
    else if (key === 'T') o.tabs = true;
    else if (key === 'v') o.nonprinting = true;
    else if (key === 'e') Object.assign(o, { ends: true, nonprinting: true });
    else if (key === 't') Object.assign(o, { tabs: true, nonprinting: true });
    else if (key === 'A') Object.assign(o, { ends: true, tabs: true, nonprinting: true });
  }
  // busybox: -v/-t/-e/-A go to catv(), which does not number.
  if (style === 'busybox' && (o.nonprinting || o.ends || o.tabs)) o.number = false;
  let status = 0;
  // GNU cat keeps its line count and blank-line run across files.
  const state = { line: 0, blanks: 0 };
  for (const inp of inputs(io, operands)) {
    if (inp.error) {
      // busybox cat.c: open_or_warn → "can't open '%s'"
      io.stderr(style === 'busybox' ? `cat: can't open '${inp.name}': ${inp.error}\n` : `cat: ${inp.name}: ${inp.error}\n`);
      status = 1;
    } else io.stdout(o.number || o.squeeze || o.ends || o.tabs || o.nonprinting ? format(inp.text!, o, state) : inp.text!);
  }
  return status;
};

/** The text as cat's formatted path writes it. */
function format(text: string, o: Shown, state: { line: number; blanks: number }): string {
  let out = '';
  const parts = text.split('\n');
  const last = parts.pop()!; // after the last newline: a line without one, or ''
  const line = (s: string, newline: boolean) => {
    const blank = s === '';
    if (newline && blank && o.squeeze && ++state.blanks > 1) return;
    if (!blank) state.blanks = 0;
    if (o.number === 'all' || (o.number === 'nonblank' && !blank)) out += `${String(++state.line).padStart(6)}\t`;
    out += o.nonprinting || o.tabs ? visible(s, o) : s;
    if (newline) out += o.ends ? '$\n' : '\n';
  };
  for (const p of parts) line(p, true);
  if (last) line(last, false);
  return out;
}

/** -v's ^X and M-X notation (cat.c, busybox visible()) over the line's UTF-8 bytes; -T's ^I. */
function visible(s: string, o: Shown): string {
  let out = '';
  for (const b of o.nonprinting ? utf8(s) : []) {
    let c = b;
    const meta = c >= 128;
    if (meta) {
      out += 'M-';
      c -= 128;
    }
    if (c === 9 && !o.tabs && !meta) out += '\t';
    else if (c < 32) out += `^${String.fromCharCode(c + 64)}`;
    else if (c === 127) out += '^?';
    else out += String.fromCharCode(c);
  }
  return o.nonprinting ? out : s.replace(/\t/g, '^I');
}

/** The UTF-8 bytes of a text (the lab's files are text; cat -v works on bytes). */
function utf8(s: string): number[] {
  const bytes: number[] = [];
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (c < 0x80) bytes.push(c);
    else if (c < 0x800) bytes.push(0xc0 | (c >> 6), 0x80 | (c & 63));
    else if (c < 0x10000) bytes.push(0xe0 | (c >> 12), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
    else bytes.push(0xf0 | (c >> 18), 0x80 | ((c >> 12) & 63), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
  }
  return bytes;
}
