// Which lines of two files differ, as GNU diffutils works it out (src/io.c find_identical_ends,
// src/analyze.c diff_2_files: discard_confusing_lines, compareseq and diag, shift_boundaries), for
// files small enough that none of its cost cut-offs apply (they start at 4,096 edits). Several
// answers can be equally short; this gives GNU's, so that kubectl diff prints what diff prints.

/**
 * Which lines of each file changed, as diff_2_files works it out: the lines both files start and
 * end with are left out (io.c find_identical_ends) but for `horizon` of them (the context) on
 * each side of what differs, which are compared with the rest; the lines seen are then told
 * apart (changedLines) and their runs of changes placed (shiftBoundaries).
 */
export function analyze(a: string[], b: string[], horizon: number): [boolean[], boolean[]] {
  let prefix = 0;
  while (prefix < a.length && prefix < b.length && a[prefix] === b[prefix]) prefix++;
  let suffix = 0;
  const most = Math.min(a.length, b.length) - prefix;
  while (suffix < most && a[a.length - 1 - suffix] === b[b.length - 1 - suffix]) suffix++;
  const lo = Math.max(0, prefix - horizon);
  const keep = Math.min(suffix, horizon);
  const sa = a.slice(lo, a.length - suffix + keep);
  const sb = b.slice(lo, b.length - suffix + keep);
  const eq = equivalences(sa, sb);
  const seen = changedLines(eq);
  shiftBoundaries(seen, eq);
  const changed: [boolean[], boolean[]] = [a.map(() => false), b.map(() => false)];
  seen[0].forEach((c, i) => (changed[0][lo + i] = c));
  seen[1].forEach((c, i) => (changed[1][lo + i] = c));
  return changed;
}

/** Each file's lines as numbers from 1, equal lines (in either file) equal numbers. */
function equivalences(a: string[], b: string[]): [number[], number[]] {
  const ids = new Map<string, number>();
  const id = (s: string) => {
    let n = ids.get(s);
    if (n === undefined) ids.set(s, (n = ids.size + 1));
    return n;
  };
  return [a.map(id), b.map(id)];
}

/** analyze.c shift_boundaries, on both files (reading past either end as unchanged). */
function shiftBoundaries(changed: [boolean[], boolean[]], equivs: [number[], number[]]): void {
  for (const f of [0, 1] as const) {
    const ch = changed[f];
    const other = changed[1 - f];
    const eq = equivs[f];
    const end = ch.length;
    let i = 0;
    let j = 0;
    for (;;) {
      // The start of the next run of changes, and the corresponding point in the other file.
      while (i < end && !ch[i]) {
        while (other[j++]);
        i++;
      }
      if (i === end) break;
      let start = i;
      while (ch[++i]);
      while (other[j]) j++;
      let runLength: number;
      let corresponding: number;
      do {
        runLength = i - start;
        // Back, while the line before matches the last changed one: joins the run before.
        while (start && eq[start - 1] === eq[i - 1]) {
          ch[--start] = true;
          ch[--i] = false;
          while (ch[start - 1]) start--;
          while (other[--j]);
        }
        corresponding = other[j - 1] ? i : end;
        // Forward, while the first changed line matches the line after: joins the run after,
        // or goes as far forward as it can.
        while (i !== end && eq[start] === eq[i]) {
          ch[start++] = false;
          ch[i++] = true;
          while (ch[i]) i++;
          while (other[++j]) corresponding = i;
        }
      } while (runLength !== i - start);
      // Back to where it faces a run changed in the other file, if there is one.
      while (corresponding < i) {
        ch[--start] = true;
        ch[--i] = false;
        while (other[--j]);
      }
    }
  }
}

/**
 * For each file, whether each of its lines is changed, as GNU diff's analyze.c works it out for
 * files of this size: lines with no equal in the other file are set aside first
 * (discard_confusing_lines), then the rest are compared (diffseq.h compareseq and diag: Myers'
 * search from both ends for the middle snake; its cost cut-offs start at 4096 edits).
 */
function changedLines(eq: [number[], number[]]): [boolean[], boolean[]] {
  const changed: [boolean[], boolean[]] = [eq[0].map(() => false), eq[1].map(() => false)];
  const discards = confusingLines(eq);
  const kept: [number[], number[]] = [[], []];
  const realIndex: [number[], number[]] = [[], []];
  for (const f of [0, 1] as const) {
    eq[f].forEach((e, i) => {
      if (discards[f][i]) changed[f][i] = true;
      else {
        kept[f].push(e);
        realIndex[f].push(i);
      }
    });
  }
  const [xv, yv] = kept;
  const offset = yv.length + 1;
  const fd = new Array<number>(xv.length + yv.length + 3);
  const bd = new Array<number>(xv.length + yv.length + 3);
  const del = (x: number) => (changed[0][realIndex[0][x]] = true);
  const ins = (y: number) => (changed[1][realIndex[1][y]] = true);
  const diag = (xoff: number, xlim: number, yoff: number, ylim: number): [number, number] => {
    const dmin = xoff - ylim, dmax = xlim - yoff;
    const fmid = xoff - yoff, bmid = xlim - ylim;
    let fmin = fmid, fmax = fmid, bmin = bmid, bmax = bmid;
    const odd = ((fmid - bmid) & 1) !== 0;
    fd[fmid + offset] = xoff;
    bd[bmid + offset] = xlim;
    for (;;) {
      if (fmin > dmin) fd[--fmin - 1 + offset] = -1;
      else ++fmin;
      if (fmax < dmax) fd[++fmax + 1 + offset] = -1;
      else --fmax;
      for (let d = fmax; d >= fmin; d -= 2) {
        const tlo = fd[d - 1 + offset], thi = fd[d + 1 + offset];
        const x0 = tlo < thi ? thi : tlo + 1;
        let x = x0, y = x0 - d;
        while (x < xlim && y < ylim && xv[x] === yv[y]) x++, y++;
        fd[d + offset] = x;
        if (odd && bmin <= d && d <= bmax && bd[d + offset] <= x) return [x, y];
      }
      if (bmin > dmin) bd[--bmin - 1 + offset] = Infinity;
      else ++bmin;
      if (bmax < dmax) bd[++bmax + 1 + offset] = Infinity;
      else --bmax;
      for (let d = bmax; d >= bmin; d -= 2) {
        const tlo = bd[d - 1 + offset], thi = bd[d + 1 + offset];
        const x0 = tlo < thi ? tlo : thi - 1;
        let x = x0, y = x0 - d;
        while (xoff < x && yoff < y && xv[x - 1] === yv[y - 1]) x--, y--;
        bd[d + offset] = x;
        if (!odd && fmin <= d && d <= fmax && x <= fd[d + offset]) return [x, y];
      }
    }
  };
  const compareseq = (xoff: number, xlim: number, yoff: number, ylim: number): void => {
    while (xoff < xlim && yoff < ylim && xv[xoff] === yv[yoff]) xoff++, yoff++;
    while (xoff < xlim && yoff < ylim && xv[xlim - 1] === yv[ylim - 1]) xlim--, ylim--;
    if (xoff === xlim) for (; yoff < ylim; yoff++) ins(yoff);
    else if (yoff === ylim) for (; xoff < xlim; xoff++) del(xoff);
    else {
      const [xmid, ymid] = diag(xoff, xlim, yoff, ylim);
      compareseq(xoff, xmid, yoff, ymid);
      compareseq(xmid, xlim, ymid, ylim);
    }
  };
  compareseq(0, xv.length, 0, yv.length);
  return changed;
}

/**
 * discard_confusing_lines: which lines to set aside before comparing. 1: no equal line in the
 * other file; 2 (provisional, then kept or not): more equals there than about 5 x the square
 * root of the file's lines / 64, kept unless inside a run of lines set aside.
 */
function confusingLines(eq: [number[], number[]]): [number[], number[]] {
  const counts: [Map<number, number>, Map<number, number>] = [new Map(), new Map()];
  for (const f of [0, 1] as const) for (const e of eq[f]) counts[f].set(e, (counts[f].get(e) ?? 0) + 1);
  const discards: [number[], number[]] = [eq[0].map(() => 0), eq[1].map(() => 0)];
  for (const f of [0, 1] as const) {
    const end = eq[f].length;
    let many = 5;
    let tem = Math.floor(end / 64);
    while ((tem >>= 2) > 0) many *= 2;
    for (let i = 0; i < end; i++) {
      const nmatch = counts[1 - f].get(eq[f][i]) ?? 0;
      if (nmatch === 0) discards[f][i] = 1;
      else if (nmatch > many) discards[f][i] = 2;
    }
  }
  for (const f of [0, 1] as const) {
    const ds = discards[f];
    const end = ds.length;
    for (let i = 0; i < end; i++) {
      if (ds[i] === 2) {
        ds[i] = 0;
        continue;
      }
      if (ds[i] === 0) continue;
      // A run of lines to set aside, starting with one that is not provisional.
      let j = i;
      let provisional = 0;
      for (; j < end && ds[j] !== 0; j++) if (ds[j] === 2) provisional++;
      while (j > i && ds[j - 1] === 2) {
        ds[--j] = 0;
        provisional--;
      }
      const length = j - i;
      if (provisional * 4 > length) {
        while (j > i) if (ds[--j] === 2) ds[j] = 0;
        continue;
      }
      let minimum = 1;
      let t = length >> 2;
      while ((t >>= 2) > 0) minimum <<= 1;
      minimum++;
      for (let k = 0, consec = 0; k < length; k++) {
        if (ds[i + k] !== 2) consec = 0;
        else if (minimum === ++consec) k -= consec;
        else if (minimum < consec) ds[i + k] = 0;
      }
      for (let k = 0, consec = 0; k < length; k++) {
        if (k >= 8 && ds[i + k] === 1) break;
        if (ds[i + k] === 2) {
          consec = 0;
          ds[i + k] = 0;
        } else if (ds[i + k] === 0) consec = 0;
        else consec++;
        if (consec === 3) break;
      }
      i += length - 1;
      for (let k = 0, consec = 0; k < length; k++) {
        if (k >= 8 && ds[i - k] === 1) break;
        if (ds[i - k] === 2) {
          consec = 0;
          ds[i - k] = 0;
        } else if (ds[i - k] === 0) consec = 0;
        else consec++;
        if (consec === 3) break;
      }
    }
  }
  return discards;
}
