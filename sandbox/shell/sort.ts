// GNU sort (coreutils src/sort.c) in the C locale: lines compared by keys (-k POS1[,POS2] with
// their own ordering options, fields split at -t SEP or at blank-to-non-blank boundaries), then,
// unless -s or -u, by the whole line; -b -f -n -g -h -V -r -u -s -o FILE -c. A key that has
// ordering options of its own does not take the global ones (sort.c: "if any key field
// specification has ordering options, global ordering options are not used for it").
import { resolvePath } from '../cluster/fs.ts';
import { fsErrorText } from './interpreter.ts';
import { getopt, glibcMessage, type GetoptSpec } from '../cluster/kubelet/programs/getopt.ts';
import { inputs, lines } from './inputs.ts';
import type { Command } from './types.ts';

const OPTIONS: GetoptSpec = {
  short: 'bcdfghik:mno:rst:uVz',
  long: [
    { name: 'ignore-leading-blanks', arg: 'none', key: 'b' },
    { name: 'check', arg: 'optional', key: 'c' },
    { name: 'dictionary-order', arg: 'none', key: 'd' },
    { name: 'ignore-case', arg: 'none', key: 'f' },
    { name: 'general-numeric-sort', arg: 'none', key: 'g' },
    { name: 'human-numeric-sort', arg: 'none', key: 'h' },
    { name: 'key', arg: 'required', key: 'k' },
    { name: 'numeric-sort', arg: 'none', key: 'n' },
    { name: 'output', arg: 'required', key: 'o' },
    { name: 'reverse', arg: 'none', key: 'r' },
    { name: 'stable', arg: 'none', key: 's' },
    { name: 'field-separator', arg: 'required', key: 't' },
    { name: 'unique', arg: 'none', key: 'u' },
    { name: 'version-sort', arg: 'none', key: 'V' },
  ],
};

interface Order {
  blanks: boolean; // b
  dictionary: boolean; // d
  fold: boolean; // f
  numeric: 'n' | 'g' | 'h' | 'V' | false;
  reverse: boolean;
}

interface Key {
  startField: number;
  startChar: number; // 0: the field's first character
  endField: number; // 0: to the end of the line
  endChar: number; // 0: to the end of the field
  order: Order;
  /** Ordering options given on the key (-k2,2n): the global ones then do not apply. */
  own: boolean;
}

const noOrder = (): Order => ({ blanks: false, dictionary: false, fold: false, numeric: false, reverse: false });

function applyLetters(o: Order, letters: string): void {
  for (const c of letters) {
    if (c === 'b') o.blanks = true;
    else if (c === 'd') o.dictionary = true;
    else if (c === 'f') o.fold = true;
    else if (c === 'r') o.reverse = true;
    else if (c === 'n' || c === 'g' || c === 'h' || c === 'V') o.numeric = c;
  }
}

/** -k POS1[,POS2]: F[.C][OPTS]; undefined when malformed (sort.c badfieldspec). */
function parseKey(spec: string): Key | string {
  const m = /^(\d+)(?:\.(\d+))?([bdfgiMhnRrV]*)(?:,(\d+)(?:\.(\d+))?([bdfgiMhnRrV]*))?$/.exec(spec);
  if (!m) return `invalid number at field start: invalid count at start of '${spec}'`;
  if (Number(m[1]) === 0) return `field number is zero: invalid field specification '${spec}'`;
  if (m[2] !== undefined && Number(m[2]) === 0) return `character offset is zero: invalid field specification '${spec}'`;
  const order = noOrder();
  applyLetters(order, (m[3] ?? '') + (m[6] ?? ''));
  return {
    startField: Number(m[1]),
    startChar: m[2] ? Number(m[2]) : 0,
    endField: m[4] ? Number(m[4]) : 0,
    endChar: m[5] ? Number(m[5]) : 0,
    order,
    own: !!(m[3] || m[6]),
  };
}

/** The fields' [start, end) offsets: at each -t character, or each run of blanks begins a field. */
function fieldBounds(line: string, sep: string | undefined): [number, number][] {
  const out: [number, number][] = [];
  if (sep !== undefined) {
    let start = 0;
    for (let i = 0; i <= line.length; i++) {
      if (i === line.length || line[i] === sep) {
        out.push([start, i]);
        start = i + 1;
      }
    }
    return out;
  }
  // A field is its leading blanks and the non-blanks after them.
  let i = 0;
  while (i < line.length) {
    const start = i;
    while (i < line.length && /[ \t]/.test(line[i])) i++;
    while (i < line.length && !/[ \t]/.test(line[i])) i++;
    out.push([start, i]);
  }
  return out;
}

function keyText(line: string, k: Key, sep: string | undefined): string {
  const f = fieldBounds(line, sep);
  const skipBlanks = (pos: number, end: number) => {
    while (pos < end && /[ \t]/.test(line[pos])) pos++;
    return pos;
  };
  const sf = f[k.startField - 1];
  if (!sf) return '';
  let start = sf[0];
  if (k.order.blanks) start = skipBlanks(start, sf[1]);
  start = Math.min(start + (k.startChar ? k.startChar - 1 : 0), k.startChar ? line.length : sf[1]);
  let end = line.length;
  if (k.endField) {
    const ef = f[k.endField - 1];
    if (!ef) end = line.length;
    else if (k.endChar) {
      const base = k.order.blanks ? skipBlanks(ef[0], ef[1]) : ef[0];
      end = Math.min(line.length, base + k.endChar);
    } else end = ef[1];
  }
  return end > start ? line.slice(start, end) : '';
}

const HUMAN = ' KMGTPEZYRQ';

function numberOf(s: string, kind: 'n' | 'g' | 'h'): number {
  const t = s.trimStart();
  if (kind === 'g') {
    const v = Number.parseFloat(t);
    return Number.isNaN(v) ? -Infinity : v;
  }
  const m = /^(-?)(\d*)(?:\.(\d*))?([KMGTPEZYRQk]?)/.exec(t)!;
  if (!m[2] && !m[3]) return 0;
  let v = Number(`${m[2] || '0'}.${m[3] || '0'}`);
  // -h: the suffix's rank decides first (1K > 999), then the number.
  if (kind === 'h' && m[4]) v *= 1024 ** HUMAN.indexOf(m[4].toUpperCase());
  return m[1] ? -v : v;
}

/** sort -V: runs of digits compare as numbers, the rest by characters (filevercmp, simplified). */
function versionCompare(a: string, b: string): number {
  const pa = a.match(/\d+|\D+/g) ?? [];
  const pb = b.match(/\d+|\D+/g) ?? [];
  for (let i = 0; i < Math.min(pa.length, pb.length); i++) {
    const x = pa[i];
    const y = pb[i];
    const c = /^\d/.test(x) && /^\d/.test(y) ? Number(x) - Number(y) : x < y ? -1 : x > y ? 1 : 0;
    if (c) return c;
  }
  return pa.length - pb.length;
}

function compareText(a: string, b: string, o: Order): number {
  let x = a;
  let y = b;
  if (o.dictionary) {
    x = x.replace(/[^A-Za-z0-9 \t]/g, '');
    y = y.replace(/[^A-Za-z0-9 \t]/g, '');
  }
  if (o.fold) {
    x = x.toUpperCase();
    y = y.toUpperCase();
  }
  let c: number;
  if (o.numeric === 'V') c = versionCompare(x, y);
  else if (o.numeric) c = Math.sign(numberOf(x, o.numeric) - numberOf(y, o.numeric));
  else c = x < y ? -1 : x > y ? 1 : 0;
  return o.reverse ? -c : c;
}

export const sort: Command = async (io) => {
  const { options, operands, error } = getopt(io.argv.slice(1), OPTIONS);
  const fail = (msg: string) => {
    io.stderr(`sort: ${msg}\nTry 'sort --help' for more information.\n`);
    return 2;
  };
  if (error) return fail(glibcMessage(error));
  const global = noOrder();
  const keys: Key[] = [];
  let sep: string | undefined;
  let unique = false;
  let stable = false;
  let check = false;
  let output: string | undefined;
  for (const { key, value } of options) {
    if (key === 'k') {
      const k = parseKey(value!);
      if (typeof k === 'string') {
        io.stderr(`sort: ${k}\n`);
        return 2;
      }
      keys.push(k);
    } else if (key === 't') {
      if (value!.length !== 1) {
        io.stderr(value ? `sort: multi-character tab '${value}'\n` : 'sort: empty tab\n');
        return 2;
      }
      sep = value;
    } else if (key === 'u') unique = true;
    else if (key === 's') stable = true;
    else if (key === 'c') check = true;
    else if (key === 'o') output = value;
    else if (key === 'm' || key === 'z' || key === 'i') {
      io.stderr(`sort: -${key} is not simulated in this lab\n`);
      return 2;
    } else applyLetters(global, key);
  }
  for (const k of keys) if (!k.own) k.order = { ...global };
  let all: string[] = [];
  for (const inp of inputs(io, operands)) {
    if (inp.error) {
      io.stderr(`sort: cannot read: ${inp.name}: ${inp.error}\n`);
      return 2;
    }
    all.push(...lines(inp.text!));
  }
  const byKeys = (a: string, b: string): number => {
    if (!keys.length) return compareText(a, b, global);
    for (const k of keys) {
      const c = compareText(keyText(a, k, sep), keyText(b, k, sep), k.order);
      if (c) return c;
    }
    return 0;
  };
  // The last resort: the whole lines as bytes, reversed with -r (not with -s or -u).
  const lastResort = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0) * (global.reverse ? -1 : 1);
  const compare = (a: string, b: string) => byKeys(a, b) || (stable || unique ? 0 : lastResort(a, b));
  if (check) {
    for (let i = 1; i < all.length; i++) {
      const c = compare(all[i - 1], all[i]);
      if (c > 0 || (unique && c === 0)) {
        io.stderr(`sort: ${operands[0] ?? '-'}:${i + 1}: disorder: ${all[i]}\n`);
        return 1;
      }
    }
    return 0;
  }
  all.sort(compare);
  if (unique) all = all.filter((l, i) => i === 0 || byKeys(all[i - 1], l) !== 0);
  const text = all.length ? all.join('\n') + '\n' : '';
  if (output !== undefined) {
    try {
      io.fs.writeFile(resolvePath(io.cwd, output), text);
    } catch (e) {
      io.stderr(`sort: open failed: ${output}: ${fsErrorText(e)}\n`);
      return 2;
    }
  } else io.stdout(text);
  return 0;
};
