// The JSON array of a resource's stored objects, as JSON.stringify writes it, kept in runs of
// consecutive objects (in key order) whose text is reused while the run holds the very same
// objects. Stored objects are frozen and never changed in place (a write stores a new object),
// so a run made of the same objects says the same.
//
// Why runs of a few dozen objects, not one text per object (what this replaced): on the
// 1,000-pod bench, right after the scale-up with a cold heap (Node 24), writing the 9.4 MB of
// objects as ten thousand one-object JSON.stringify calls and their concatenation took about
// half again as long as one call per resource: the many small strings are copied by the young
// generation's collector while the snapshot goes on, and their rope is long. A run is one call,
// and a later save after a small change writes again only the runs it touched.
//
// Runs are cut after a key whose hash says so (content-defined chunking), so a key that comes or
// goes moves the cuts of its own run only; a run never grows past MAX_RUN objects.

/** One run of a resource's objects at the last save, and their JSON text (without brackets). */
interface Run {
  items: readonly object[];
  text: string;
}

/** About one key in AVERAGE_RUN ends a run (a power of two). */
const AVERAGE_RUN = 32;
const MAX_RUN = 128;

export class RunTexts {
  /** The last save's runs, by their first object. */
  private runs = new Map<object, Run>();
  private cutsOf: readonly string[] | undefined;
  private cuts: Uint8Array = new Uint8Array(0);

  /**
   * JSON.stringify(items), where items[i] is the object stored under keys[i] (keys sorted,
   * the same array for as long as the set of keys holds).
   */
  json(keys: readonly string[], items: readonly object[]): string {
    if (keys !== this.cutsOf) {
      this.cuts = cutsAfter(keys);
      this.cutsOf = keys;
    }
    const runs = new Map<object, Run>();
    let out = '';
    let start = 0;
    for (let i = 0; i < items.length; i++) {
      if (!this.cuts[i] && i < items.length - 1) continue;
      const first = items[start];
      let run = this.runs.get(first);
      if (!run || !sameRun(run.items, items, start, i + 1)) {
        const slice = items.slice(start, i + 1);
        run = { items: slice, text: JSON.stringify(slice).slice(1, -1) };
      }
      runs.set(first, run);
      out = out ? `${out},${run.text}` : run.text;
      start = i + 1;
    }
    this.runs = runs;
    return `[${out}]`;
  }

  /** Objects were replaced wholesale (a restore): nothing kept says anything about them. */
  clear(): void {
    this.runs = new Map();
  }
}

function sameRun(kept: readonly object[], items: readonly object[], from: number, to: number): boolean {
  if (kept.length !== to - from) return false;
  for (let i = from; i < to; i++) if (kept[i - from] !== items[i]) return false;
  return true;
}

/** Where runs end: after keys[i] when cuts[i] is 1. */
function cutsAfter(keys: readonly string[]): Uint8Array {
  const cuts = new Uint8Array(keys.length);
  let length = 0;
  for (let i = 0; i < keys.length; i++) {
    length++;
    if ((fnv1a(keys[i]) & (AVERAGE_RUN - 1)) === 0 || length >= MAX_RUN) {
      cuts[i] = 1;
      length = 0;
    }
  }
  return cuts;
}

/**
 * 32-bit FNV-1a over the key's UTF-16 code units, its high half folded into the low bits (the
 * low bits alone depend only on the low bits of each character): cheap, and spreads similar
 * names apart.
 */
function fnv1a(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return (h ^ (h >>> 16)) >>> 0;
}
