// bash's printf builtin (builtins/printf.def): the format's backslash escapes, conversions
// %[flags][width][.precision]{d i o u x X e E f F g G c s b q %} with the flags - + space 0 #,
// `*` widths, the format reused while arguments remain. A bad number is reported ("invalid
// number"), counts as 0 and makes the status 1; an unknown conversion stops the output there.

export interface PrintfResult {
  out: string;
  /** Messages without the `bash: printf: ` prefix. */
  errors: string[];
  status: number;
}

const ESCAPES: Record<string, string> = { a: '\x07', b: '\b', e: '\x1b', E: '\x1b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v', '\\': '\\', '"': '"', "'": "'", '?': '?' };

/**
 * Backslash escapes: the format's (tescape: \NNN is 1-3 octal digits), or %b's argument (echo -e
 * style: \0NNN, and \c ends all output). Unknown escapes stay as written.
 */
function unescape(s: string, forB: boolean): { text: string; stop: boolean } {
  let text = '';
  for (let i = 0; i < s.length; i++) {
    if (s[i] !== '\\' || i + 1 >= s.length) {
      text += s[i];
      continue;
    }
    const rest = s.slice(i + 1);
    const m = (forB ? /^0[0-7]{0,3}|^[1-7][0-7]{0,2}/ : /^[0-7]{1,3}/).exec(rest) ?? /^x[0-9A-Fa-f]{1,2}|^u[0-9A-Fa-f]{1,4}|^U[0-9A-Fa-f]{1,8}/.exec(rest);
    if (m) {
      const v = m[0];
      const code = v[0] === 'x' || v[0] === 'u' || v[0] === 'U' ? parseInt(v.slice(1), 16) : parseInt(v, 8) & 0xff;
      text += String.fromCodePoint(code);
      i += v.length;
    } else if (forB && rest[0] === 'c') return { text, stop: true };
    else if (ESCAPES[rest[0]] !== undefined && !(forB && (rest[0] === '"' || rest[0] === "'" || rest[0] === '?'))) {
      text += ESCAPES[rest[0]];
      i++;
    } else text += '\\';
  }
  return { text, stop: false };
}

/** An integer argument as strtoimax reads it (0x.., 0.., 'c); undefined when it is not one. */
function integer(a: string): { n: number; ok: boolean } {
  if (a === '') return { n: 0, ok: true };
  if (a[0] === "'" || a[0] === '"') return { n: a.length > 1 ? a.codePointAt(1)! : 0, ok: true };
  const m = /^\s*([+-]?)(0[xX][0-9a-fA-F]+|0[0-7]*|[1-9][0-9]*)/.exec(a);
  if (!m) return { n: 0, ok: false };
  const body = m[2];
  const v = /^0[xX]/.test(body) ? parseInt(body, 16) : body.length > 1 && body[0] === '0' ? parseInt(body, 8) : parseInt(body, 10);
  return { n: m[1] === '-' ? -v : v, ok: m[0].length === a.length };
}

function float(a: string): { n: number; ok: boolean } {
  if (a === '') return { n: 0, ok: true };
  if (a[0] === "'" || a[0] === '"') return { n: a.length > 1 ? a.codePointAt(1)! : 0, ok: true };
  const m = /^\s*[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?/.exec(a);
  if (!m) return { n: 0, ok: false };
  return { n: Number(m[0]), ok: m[0].length === a.length };
}

/** C's %e: d.ddde±XX (two exponent digits at least). */
function expo(v: number, prec: number, upper: boolean, alt: boolean): string {
  let s = v.toExponential(prec);
  if (alt && prec === 0) s = s.replace('e', '.e');
  s = s.replace(/e([+-])(\d)$/, 'e$10$2');
  return upper ? s.toUpperCase() : s;
}

/** C's %g: %e or %f, whichever suits the exponent for the precision, trailing zeros dropped unless #. */
function general(v: number, prec: number, upper: boolean, alt: boolean): string {
  const p = prec === 0 ? 1 : prec;
  const x = v === 0 ? 0 : Number(v.toExponential(p - 1).split('e')[1]);
  const useExp = x < -4 || x >= p;
  const s = useExp ? expo(v, p - 1, upper, alt) : v.toFixed(Math.max(0, p - 1 - x));
  if (alt) return s;
  const [mant, exp] = s.split(/(?=[eE])/);
  return (mant.includes('.') ? mant.replace(/\.?0+$/, '') : mant) + (exp ?? '');
}

/** %q: the argument quoted for the shell with backslashes ('' for nothing), as bash's sh_backslash_quote. */
function shellQuote(a: string): string {
  if (a === '') return "''";
  return a.replace(/[^A-Za-z0-9_@%+=:,./-]/g, (c) => (c === '\n' ? "$'\\n'" : `\\${c}`));
}

/** %b's and echo -e's escapes (\0NNN, \xHH...); `stop` when \c ended the text. */
export function backslashEscapes(s: string): { text: string; stop: boolean } {
  return unescape(s, true);
}

export function formatPrintf(format: string, args: string[]): PrintfResult {
  const errors: string[] = [];
  let out = '';
  let i = 0;
  const next = () => args[i++];
  const spec = /%([-+ 0#']*)(\*|\d+)?(?:\.(\*|\d*))?(?:hh|h|ll|l|L|j|z|t)?(.?)/gs;
  do {
    const start = i;
    let last = 0;
    for (const m of format.matchAll(spec)) {
      const lit = unescape(format.slice(last, m.index), false);
      out += lit.text;
      last = m.index! + m[0].length;
      const [, flags, widthSpec, precSpec, conv] = m;
      if (conv === '%') {
        out += '%';
        continue;
      }
      if (!'diouxXeEfFgGcsbq'.includes(conv) || conv === '') {
        errors.push(conv ? `\`${conv}': invalid format character` : '`%\': missing format character');
        return { out, errors, status: 1 };
      }
      const starNum = () => {
        const r = integer(next() ?? '');
        if (!r.ok) errors.push(`${args[i - 1]}: invalid number`);
        return r.n;
      };
      let width = widthSpec === '*' ? starNum() : widthSpec ? Number(widthSpec) : 0;
      let left = flags.includes('-');
      if (width < 0) {
        left = true;
        width = -width;
      }
      const prec = precSpec === undefined ? undefined : precSpec === '*' ? starNum() : Number(precSpec || '0');
      const a = next();
      let body: string;
      let sign = '';
      let zeroPad = flags.includes('0') && !left;
      if ('diouxX'.includes(conv)) {
        const r = integer(a ?? '');
        if (!r.ok) errors.push(`${a}: invalid number`);
        let n = Math.trunc(r.n);
        if (conv === 'd' || conv === 'i') {
          if (n < 0) sign = '-';
          else if (flags.includes('+')) sign = '+';
          else if (flags.includes(' ')) sign = ' ';
          n = Math.abs(n);
        } else if (n < 0) n = Number(BigInt.asUintN(64, BigInt(n)));
        body = conv === 'o' ? n.toString(8) : conv === 'x' ? n.toString(16) : conv === 'X' ? n.toString(16).toUpperCase() : String(n);
        if (prec !== undefined) {
          body = prec === 0 && n === 0 ? '' : body.padStart(prec, '0');
          zeroPad = false;
        }
        if (flags.includes('#') && n !== 0) {
          if (conv === 'o' && !body.startsWith('0')) body = '0' + body;
          if (conv === 'x' || conv === 'X') sign = conv === 'x' ? '0x' : '0X';
        }
      } else if ('eEfFgG'.includes(conv)) {
        const r = float(a ?? '');
        if (!r.ok) errors.push(`${a}: invalid number`);
        const v = Math.abs(r.n);
        if (r.n < 0 || Object.is(r.n, -0)) sign = '-';
        else if (flags.includes('+')) sign = '+';
        else if (flags.includes(' ')) sign = ' ';
        const p = prec ?? 6;
        const alt = flags.includes('#');
        body = conv === 'f' || conv === 'F' ? v.toFixed(p) + (alt && p === 0 ? '.' : '') : conv === 'e' || conv === 'E' ? expo(v, p, conv === 'E', alt) : general(v, p, conv === 'G', alt);
      } else {
        zeroPad = false;
        if (conv === 'c') body = (a ?? '').slice(0, 1);
        else if (conv === 'b') {
          const b = unescape(a ?? '', true);
          body = b.text;
          if (b.stop) {
            out += pad(prec !== undefined ? body.slice(0, prec) : body, width, left);
            return { out, errors, status: errors.length ? 1 : 0 };
          }
        } else if (conv === 'q') body = shellQuote(a ?? '');
        else body = a ?? '';
        if (prec !== undefined) body = body.slice(0, prec);
      }
      out += zeroPad ? sign + body.padStart(width - sign.length, '0') : pad(sign + body, width, left);
    }
    out += unescape(format.slice(last), false).text;
    // The format is used again while arguments remain, unless it used none.
    if (i === start) break;
  } while (i < args.length);
  return { out, errors, status: errors.length ? 1 : 0 };
}

function pad(s: string, width: number, left: boolean): string {
  return left ? s.padEnd(width) : s.padStart(width);
}
