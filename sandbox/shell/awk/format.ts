// printf and sprintf formatting, and number-to-string conversion (CONVFMT/OFMT). Part of awk
// (../awk.ts).
import { NUMERIC, StrNum, type Val } from './values.ts';

/** C's %e exponent: at least two digits. */
export function expForm(n: number, prec: number, upper: boolean): string {
  const s = n.toExponential(Math.min(prec, 100)).replace(/e([+-])(\d)$/, 'e$10$2');
  return upper ? s.toUpperCase() : s;
}

/** C's %g: %e or %f by the exponent, trailing zeros removed unless `#`. */
export function gForm(n: number, prec: number, alt: boolean, upper: boolean): string {
  const p = prec === 0 ? 1 : prec;
  if (n === 0) return alt ? (0).toFixed(p - 1) : '0';
  const x = Number(n.toExponential(p - 1).split('e')[1]);
  let s = x < -4 || x >= p ? expForm(n, p - 1, upper) : n.toFixed(Math.max(0, p - 1 - x));
  if (!alt) {
    s = s.includes('e') || s.includes('E') ? s.replace(/\.?0+([eE])/, '$1') : s.includes('.') ? s.replace(/\.?0+$/, '') : s;
  }
  return s;
}

export function nonFinite(n: number): string | undefined {
  if (Number.isNaN(n)) return n < 0 ? '-nan' : 'nan';
  if (!Number.isFinite(n)) return n < 0 ? '-inf' : 'inf';
  return undefined;
}

export interface FormatHooks {
  num(v: Val): number;
  str(v: Val): string;
  /** The format used up its arguments: gawk's fatal; busybox formats "" and 0. */
  ranOut(fmt: string, at: number): never | void;
}

/** printf/sprintf: %c %d %i %o %x %X %u %e %E %f %F %g %G %s %%, flags `- + space 0 #`, width, precision, `*`. */
export function format(fmt: string, args: Val[], h: FormatHooks): string {
  let out = '';
  let ai = 0;
  const take = (at: number): Val => {
    if (ai >= args.length) {
      h.ranOut(fmt, at);
      return undefined;
    }
    return args[ai++];
  };
  for (let i = 0; i < fmt.length; i++) {
    const c = fmt[i];
    if (c !== '%') {
      out += c;
      continue;
    }
    // The conversion spec, read character by character so a `*` knows where it stands.
    let j = i + 1;
    let flags = '';
    while ('-+ 0#'.includes(fmt[j] ?? 'x')) flags += fmt[j++];
    let width = 0;
    let prec: number | undefined;
    let left = flags.includes('-');
    if (fmt[j] === '*') {
      width = Math.trunc(h.num(take(j++)));
      if (width < 0) {
        left = true;
        width = -width;
      }
    } else while (/\d/.test(fmt[j] ?? '')) width = width * 10 + Number(fmt[j++]);
    if (fmt[j] === '.') {
      j++;
      if (fmt[j] === '*') {
        const p = Math.trunc(h.num(take(j++)));
        prec = p < 0 ? undefined : p;
      } else {
        prec = 0;
        while (/\d/.test(fmt[j] ?? '')) prec = prec * 10 + Number(fmt[j++]);
      }
    }
    const conv = fmt[j] ?? '';
    if (!'cdiouxXeEfFgGs%'.includes(conv) || !conv) {
      // An unknown conversion is copied as written (gawk format_tree).
      out += fmt.slice(i, j + 1);
      i = j;
      continue;
    }
    const convAt = j;
    i = j;
    if (conv === '%') {
      out += '%';
      continue;
    }
    const v = take(convAt);
    let body: string;
    let sign = '';
    let numeric = true;
    switch (conv) {
      case 'c': {
        numeric = false;
        if (typeof v === 'number' || (v instanceof StrNum && NUMERIC.test(v.s))) body = String.fromCodePoint(Math.max(0, Math.trunc(h.num(v))) % 0x110000);
        else body = [...h.str(v)][0] ?? '';
        break;
      }
      case 's':
        numeric = false;
        body = h.str(v);
        if (prec !== undefined) body = [...body].slice(0, prec).join('');
        break;
      case 'd':
      case 'i': {
        const n = h.num(v);
        const bad = nonFinite(n);
        if (bad) {
          body = bad.replace('-', '');
          sign = n < 0 ? '-' : '';
          break;
        }
        const t = Math.trunc(n);
        sign = t < 0 ? '-' : '';
        body = BigInt(Math.abs(t)).toString();
        if (prec !== undefined) body = prec === 0 && t === 0 ? '' : body.padStart(prec, '0');
        break;
      }
      case 'o':
      case 'x':
      case 'X':
      case 'u': {
        let t = BigInt(Math.trunc(h.num(v)) || 0);
        if (t < 0n) t = BigInt.asUintN(64, t);
        body = t.toString(conv === 'o' ? 8 : conv === 'u' ? 10 : 16);
        if (conv === 'X') body = body.toUpperCase();
        if (prec !== undefined) body = prec === 0 && t === 0n ? '' : body.padStart(prec, '0');
        if (flags.includes('#') && t !== 0n) {
          if (conv === 'o' && !body.startsWith('0')) body = '0' + body;
          if (conv === 'x') sign = '0x';
          if (conv === 'X') sign = '0X';
        }
        break;
      }
      default: {
        const n = h.num(v);
        const p = prec ?? 6;
        const bad = nonFinite(n);
        sign = n < 0 || Object.is(n, -0) ? '-' : '';
        const a = Math.abs(n);
        if (bad) body = bad.replace('-', '');
        else if (conv === 'e' || conv === 'E') body = expForm(a, p, conv === 'E');
        else if (conv === 'f' || conv === 'F') body = a.toFixed(Math.min(p, 100));
        else body = gForm(a, p, flags.includes('#'), conv === 'G');
        if (bad && conv === conv.toUpperCase()) body = body.toUpperCase();
        if (flags.includes('#') && !body.includes('.') && (conv === 'f' || conv === 'F' || conv === 'e' || conv === 'E') && p === 0) {
          body = body.replace(/^(\d+)/, '$1.');
        }
      }
    }
    if (numeric && !sign) sign = flags.includes('+') ? '+' : flags.includes(' ') ? ' ' : '';
    const zeroPad = numeric && flags.includes('0') && !left && !(prec !== undefined && 'diouxX'.includes(conv)) && /\d/.test(body[0] ?? '');
    const len = [...sign].length + [...body].length;
    if (len >= width) out += sign + body;
    else if (left) out += sign + body + ' '.repeat(width - len);
    else if (zeroPad) out += sign + '0'.repeat(width - len) + body;
    else out += ' '.repeat(width - len) + sign + body;
  }
  return out;
}
