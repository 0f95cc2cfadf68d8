// GNU tr (coreutils src/tr.c) over the lab's text: tr [-cdst] SET1 [SET2]. Sets take ranges
// (a-z), classes ([:lower:], [:digit:]...), repeats ([x*], [x*N]) and escapes (\n \t \\ \NNN);
// a SET2 shorter than SET1 is padded with its last character (unless -t). busybox tr agrees for
// these.
import { getopt, glibcMessage, type GetoptSpec } from '../cluster/kubelet/programs/getopt.ts';
import type { Command } from './types.ts';

const TRY = "Try 'tr --help' for more information.\n";

const OPTIONS: GetoptSpec = {
  short: 'cCdst',
  long: [
    { name: 'complement', arg: 'none', key: 'c' },
    { name: 'delete', arg: 'none', key: 'd' },
    { name: 'squeeze-repeats', arg: 'none', key: 's' },
    { name: 'truncate-set1', arg: 'none', key: 't' },
  ],
};

const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => String.fromCharCode(from + i));
const CLASSES: Record<string, () => string[]> = {
  lower: () => range(97, 122),
  upper: () => range(65, 90),
  digit: () => range(48, 57),
  alpha: () => [...range(65, 90), ...range(97, 122)],
  alnum: () => [...range(48, 57), ...range(65, 90), ...range(97, 122)],
  space: () => [' ', '\t', '\n', '\v', '\f', '\r'],
  blank: () => [' ', '\t'],
  punct: () => range(33, 126).filter((c) => !/[A-Za-z0-9]/.test(c)),
  xdigit: () => [...range(48, 57), ...range(65, 70), ...range(97, 102)],
  cntrl: () => [...range(0, 31), '\x7f'],
  print: () => range(32, 126),
  graph: () => range(33, 126),
};

const ESC: Record<string, string> = { a: '\x07', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v', '\\': '\\' };

/** One set's characters; `fill` is where a [c*] repeat stands (SET2 only). */
function expand(set: string): { chars: string[]; fill?: { at: number; c: string } } | string {
  // Escapes first, keeping the structure characters they produce as literals.
  const units: string[] = [];
  for (let i = 0; i < set.length; i++) {
    if (set[i] === '\\' && i + 1 < set.length) {
      const oct = /^[0-7]{1,3}/.exec(set.slice(i + 1));
      if (oct) {
        units.push(String.fromCharCode(parseInt(oct[0], 8)));
        i += oct[0].length;
      } else units.push(ESC[set[i + 1]] ?? set[i + 1]), i++;
    } else units.push(set[i]);
  }
  const text = units.join('');
  const chars: string[] = [];
  let fill: { at: number; c: string } | undefined;
  for (let i = 0; i < text.length; ) {
    const rest = text.slice(i);
    let m: RegExpExecArray | null;
    if ((m = /^\[:([a-z]+):\]/.exec(rest))) {
      const cls = CLASSES[m[1]];
      if (!cls) return `tr: invalid character class '${m[1]}'\n`;
      chars.push(...cls());
      i += m[0].length;
    } else if ((m = /^\[(.)\*(\d*)\]/s.exec(rest))) {
      if (m[2] && Number(m[2]) > 0) chars.push(...Array(Number(m[2])).fill(m[1]));
      else fill = { at: chars.length, c: m[1] };
      i += m[0].length;
    } else if ((m = /^\[=(.)=\]/s.exec(rest))) {
      chars.push(m[1]);
      i += m[0].length;
    } else if (rest.length >= 3 && rest[1] === '-') {
      const a = rest.charCodeAt(0);
      const b = rest.charCodeAt(2);
      if (b < a) return `tr: range-endpoints of '${rest.slice(0, 3)}' are in reverse collating sequence order\n`;
      chars.push(...range(a, b));
      i += 3;
    } else {
      chars.push(rest[0]);
      i++;
    }
  }
  return { chars, fill };
}

export const tr: Command = async (io) => {
  const { options, operands, error } = getopt(io.argv.slice(1), OPTIONS);
  if (error) {
    io.stderr(`tr: ${glibcMessage(error)}\n${TRY}`);
    return 1;
  }
  const has = (k: string) => options.some((o) => o.key === k || (k === 'c' && o.key === 'C'));
  const del = has('d');
  const squeeze = has('s');
  const complement = has('c');
  const needed = del && squeeze ? 2 : del || (squeeze && operands.length < 2) ? 1 : 2;
  if (operands.length < needed) {
    io.stderr(
      !operands.length
        ? `tr: missing operand\n${TRY}`
        : `tr: missing operand after '${operands[operands.length - 1]}'\n${needed === 2 && !del ? 'Two strings must be given when translating.\n' : 'Two strings must be given when both deleting and squeezing repeats.\n'}${TRY}`,
    );
    return 1;
  }
  if (operands.length > needed) {
    const why = del && !squeeze ? 'Only one string may be given when deleting without squeezing repeats.\n' : '';
    io.stderr(`tr: extra operand '${operands[needed]}'\n${why}${TRY}`);
    return 1;
  }
  const s1 = expand(operands[0]);
  const s2 = operands[1] !== undefined ? expand(operands[1]) : undefined;
  for (const s of [s1, s2]) {
    if (typeof s === 'string') {
      io.stderr(s);
      return 1;
    }
  }
  const set1 = s1 as { chars: string[] };
  const set2 = s2 as { chars: string[]; fill?: { at: number; c: string } } | undefined;
  const inSet1 = (c: string) => set1.chars.includes(c) !== complement;
  let text = io.stdin;
  if (del) text = [...text].filter((c) => !inSet1(c)).join('');
  else if (set2) {
    // SET2 grows to SET1's length: a [c*] fills the gap, else its last character repeats (not with -t).
    const to = [...set2.chars];
    const target = complement ? 256 : set1.chars.length;
    if (set2.fill) to.splice(set2.fill.at, 0, ...Array(Math.max(0, target - to.length)).fill(set2.fill.c));
    const truncate = has('t');
    if (!to.length && target) {
      io.stderr(`tr: when not truncating set1, string2 must be non-empty\n`);
      return 1;
    }
    const map = new Map<string, string>();
    if (complement) {
      // The characters not in SET1, in order, all map to SET2's last character (tr.c).
      for (const c of new Set(text)) if (!set1.chars.includes(c)) map.set(c, to[to.length - 1]);
    } else
      set1.chars.forEach((c, i) => {
        if (i < to.length || !truncate) map.set(c, to[Math.min(i, to.length - 1)]);
      });
    text = [...text].map((c) => map.get(c) ?? c).join('');
  }
  if (squeeze) {
    const sq = del || !set2 ? (del ? (set2?.chars ?? []) : null) : set2.chars;
    const squeezes = (c: string) => (sq === null ? inSet1(c) : sq.includes(c));
    let out = '';
    for (const c of text) if (!(out.length && out[out.length - 1] === c && squeezes(c))) out += c;
    text = out;
  }
  io.stdout(text);
  return 0;
};
