// awk's values: numbers, strings, and strnums (input that looks numeric), with awk's conversions.
// Part of awk (../awk.ts).

/** A string that came from input (a field, -v, split()): compared as a number when it looks like one. */
export class StrNum {
  readonly s: string;
  constructor(s: string) {
    this.s = s;
  }
}
/** undefined: an uninitialised value ("" and 0 at once). */
export type Val = number | string | StrNum | undefined;

export const NUMERIC = /^[ \t\n\r\f\v]*[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?[ \t\n\r\f\v]*$/;
export const NUMBER_PREFIX = /^[ \t\n\r\f\v]*([-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?)/;

export function strToNum(s: string): number {
  const m = NUMBER_PREFIX.exec(s);
  return m ? Number(m[1]) : 0;
}

/** A cell: a scalar or an array (Map keeps insertion order, which for-in uses). */
export interface Cell {
  v: Val;
  arr?: Map<string, Val>;
  /** A function parameter given an untyped variable: used as an array, it becomes the caller's. */
  ref?: Cell;
}
