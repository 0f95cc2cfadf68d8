// The little markup prompts and explanations may use: `code`, **bold**, [text](href) and
// paragraphs separated by a blank line. Parsed into tokens, never into HTML strings, so a quiz
// cannot inject markup.

export type Inline =
  | { type: 'text'; text: string }
  | { type: 'code'; text: string }
  | { type: 'strong'; text: string }
  | { type: 'link'; text: string; href: string };

const TOKEN = /`([^`]+)`|\*\*([^*]+)\*\*|\[([^\]]+)\]\(([^)\s]+)\)/g;
/** Links may go to pages of this site or to http(s) addresses, nothing else (no javascript:). */
const SAFE_HREF = /^(\/|#|https?:\/\/)/;

/** One paragraph's tokens; single line breaks become spaces. */
export function parseInline(s: string): Inline[] {
  const out: Inline[] = [];
  const src = s.replace(/\s*\n\s*/g, ' ');
  let last = 0;
  for (const m of src.matchAll(TOKEN)) {
    if (m.index > last) out.push({ type: 'text', text: src.slice(last, m.index) });
    if (m[1] !== undefined) out.push({ type: 'code', text: m[1] });
    else if (m[2] !== undefined) out.push({ type: 'strong', text: m[2] });
    else if (SAFE_HREF.test(m[4])) out.push({ type: 'link', text: m[3], href: m[4] });
    else out.push({ type: 'text', text: m[3] });
    last = m.index + m[0].length;
  }
  if (last < src.length) out.push({ type: 'text', text: src.slice(last) });
  return out;
}

/** Paragraphs (split at blank lines), each as tokens. */
export function parseParagraphs(s: string): Inline[][] {
  return s
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter(Boolean)
    .map(parseInline);
}
