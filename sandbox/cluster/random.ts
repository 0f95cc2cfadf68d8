// A seeded random source (sfc32) whose whole state is four numbers, so it snapshots and
// replays exactly. Nothing in the simulator calls Math.random().

export type RandomState = [number, number, number, number];

/** The alphabet apimachinery uses for generated names. Source: kubernetes/apimachinery pkg/util/rand/rand.go. */
export const NAME_ALPHABET = 'bcdfghjklmnpqrstvwxz2456789';

export class Random {
  private s: RandomState;

  constructor(seed: number | RandomState = 1) {
    if (Array.isArray(seed)) {
      this.s = [...seed] as RandomState;
    } else {
      this.s = [0x9e3779b9, 0x243f6a88, 0xb7e15162, seed >>> 0];
      for (let i = 0; i < 15; i++) this.next();
    }
  }

  /** Uniform 32-bit unsigned integer. */
  next(): number {
    let [a, b, c, d] = this.s;
    a >>>= 0; b >>>= 0; c >>>= 0; d >>>= 0;
    const t = (((a + b) >>> 0) + d) >>> 0;
    d = (d + 1) >>> 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) >>> 0;
    c = ((c << 21) | (c >>> 11)) >>> 0;
    c = (c + t) >>> 0;
    this.s = [a, b, c, d];
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
    return [...this.s] as RandomState;
  }

  load(s: RandomState): void {
    this.s = [...s] as RandomState;
  }
}
