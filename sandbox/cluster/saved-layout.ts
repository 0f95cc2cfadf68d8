// Where the API objects lie in a snapshot's text, so a restore can take each resource's part of
// the text as it is. snapshotJSON ends its text with a `layout` member:
//   ..., "layout": { "length": <chars before this member>, "objects": { "<resource>": [start, end], ... } } }
// (start and end count from the text's start and frame the resource's JSON array). With it a
// restore can
// - keep each resource's text as the next save's text for it, until the resource is written to
//   (the first save after a reload writes again only what changed);
// - leave the Events unparsed until something reads them: they are a third of a big cluster's
//   snapshot, and nothing needs them to resume (see Cluster.restoreJSON).
// The kept texts are slices of the restored text, which stays in memory while any of them is
// kept (until each of their resources is written to): at most one snapshot's size, 11 MB for the
// 1,000-pod benchmark, against a copy of them all that would cost a restore ~7 ms.
// The layout is only a reading aid: a plain JSON.parse of the text gives the whole snapshot
// (with a `layout` member nobody reads), and a text without a layout that fits is parsed whole.
import type { ClusterSnapshot } from './cluster.ts';
import type { SavedSpans } from './api/server.ts';

const MEMBER = ',"layout":';

/** The layout member to end a text of `length` characters, whose API objects start at `apiAt`. */
export function layoutMember(length: number, apiAt: number, spans: SavedSpans): string {
  const objects: SavedSpans = {};
  for (const [r, [start, end]] of Object.entries(spans)) objects[r] = [apiAt + start, apiAt + end];
  return `${MEMBER}${JSON.stringify({ length, objects })}`;
}

export interface SplitSnapshot {
  /** The snapshot without the resources in `lazy` (and without the layout member). */
  snap: ClusterSnapshot;
  /** Each parsed resource's JSON array text. */
  texts: Record<string, string>;
  /** Resources left as text: their JSON arrays. */
  lazy: Record<string, string>;
}

/**
 * The snapshot in `json` split by its layout, with the resources named in `defer` left unparsed;
 * undefined when the text has no layout that fits it (an older save, or a text rewritten since).
 */
export function splitSaved(json: string, defer: readonly string[]): SplitSnapshot | undefined {
  const at = json.lastIndexOf(MEMBER);
  if (at < 0 || !json.endsWith('}')) return undefined;
  let layout: { length?: unknown; objects?: Record<string, unknown> };
  try {
    layout = JSON.parse(json.slice(at + MEMBER.length, -1));
  } catch {
    return undefined;
  }
  if (layout?.length !== at || !layout.objects || typeof layout.objects !== 'object') return undefined;
  const spans: [string, number, number][] = [];
  for (const [r, span] of Object.entries(layout.objects)) {
    if (!Array.isArray(span) || !Number.isInteger(span[0]) || !Number.isInteger(span[1])) return undefined;
    const [start, end] = span as [number, number];
    // Each span must frame `"<resource>":[...]` inside the text before the layout.
    const name = `${JSON.stringify(r)}:`;
    if (start < name.length || end > at || end <= start || json[start] !== '[' || json[end - 1] !== ']') return undefined;
    if (!json.startsWith(name, start - name.length)) return undefined;
    spans.push([r, start, end]);
  }
  spans.sort((a, b) => a[1] - b[1]);
  // The rest of the text, each resource's array replaced by [], is parsed as one text; each
  // resource not deferred from its own slice of the text. V8 parses a slice where it lies, while
  // a text joined from pieces is first copied whole into one new string: for the 1,000-pod
  // benchmark 7 MB of young memory, which brought a 10 ms scavenge into about half the restores.
  let main = '';
  let from = 0;
  const texts: Record<string, string> = {};
  const lazy: Record<string, string> = {};
  for (const [r, start, end] of spans) {
    if (start < from) return undefined;
    const text = json.slice(start, end);
    main += `${json.slice(from, start)}[]`;
    from = end;
    if (defer.includes(r)) lazy[r] = text;
    else texts[r] = text;
  }
  main += `${json.slice(from, at)}}`;
  let snap: ClusterSnapshot;
  try {
    snap = JSON.parse(main) as ClusterSnapshot;
    const objects = snap.api?.objects as Record<string, unknown> | undefined;
    if (!objects || typeof objects !== 'object') return undefined;
    // In place of the [] each array stood for: the keys keep the saved order.
    for (const [r, text] of Object.entries(texts)) objects[r] = JSON.parse(text);
    for (const r of Object.keys(lazy)) delete objects[r];
  } catch {
    return undefined;
  }
  return { snap, texts, lazy };
}
