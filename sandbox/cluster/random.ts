// A seeded random source (sfc32) whose whole state is four numbers, so it snapshots and
// replays exactly. Nothing in the simulator calls Math.random().

export type RandomState = [number, number, number, number];

/** The alphabet apimachinery uses for generated names. Source: kubernetes/apimachinery pkg/util/rand/rand.go. */
export const NAME_ALPHABET = 'bcdfghjklmnpqrstvwxz2456789';

export class Random {
  // The four state words as fields, not an array: a draw then allocates nothing (uids alone
  // take 36 draws each).
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(seed: number | RandomState = 1) {
    const s: RandomState = Array.isArray(seed) ? seed : [0x9e3779b9, 0x243f6a88, 0xb7e15162, seed >>> 0];
    [this.a, this.b, this.c, this.d] = s;
    if (!Array.isArray(seed)) for (let i = 0; i < 15; i++) this.next();
  }

  /** Uniform 32-bit unsigned integer. */
  next(): number {
    // The words as saved may be signed (a is kept as the xor gives it): snapshots keep them so.
    const a = this.a >>> 0, b = this.b >>> 0, c = this.c >>> 0, d = this.d >>> 0;
    const t = (((a + b) >>> 0) + d) >>> 0;
    this.d = (d + 1) >>> 0;
    this.a = b ^ (b >>> 9);
    this.b = (c + (c << 3)) >>> 0;
    this.c = ((((c << 21) | (c >>> 11)) >>> 0) + t) >>> 0;
    return t;
  }

  /** Float in [0, 1). */
  float(): number {
    return this.next() / 4294967296;
  }

  /** Integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.float() * n);
  }

  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)];
  }

  /** `n` characters from apimachinery's alphabet, as in `web-7d9c5b8f6-x2x4q`. */
  string(n: number, alphabet = NAME_ALPHABET): string {
    let out = '';
    for (let i = 0; i < n; i++) out += alphabet[this.int(alphabet.length)];
    return out;
  }

  save(): RandomState {
    return [this.a, this.b, this.c, this.d];
  }

  load(s: RandomState): void {
    [this.a, this.b, this.c, this.d] = s;
  }
}
