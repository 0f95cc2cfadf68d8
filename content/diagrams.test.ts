// The lesson diagrams (content/<id>/*.svg, inlined by content/_components/Figure.astro) as a reader
// meets them: each has a text alternative, follows the light and dark themes, and is readable on
// a phone, either through its own narrow layout or by scrolling at 520 px (content/lesson.css).
import { describe, expect, it } from 'vitest';
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { CONTENT } from './transcript.ts';

/** The width of the content column of a lesson on a 390 px phone (Starlight's 1rem gutters). */
const PHONE_COLUMN_PX = 358;
/** lesson.css keeps a diagram without a narrow layout this wide and lets it scroll. */
const SCROLL_MIN_PX = 520;
/** The smallest label size we accept on a phone, in CSS pixels. */
const MIN_TEXT_PX = 12.5;

interface Diagram {
  file: string;
  svg: string;
}

function lessonDiagrams(id: string): Diagram[] {
  const dir = join(CONTENT, id);
  return readdirSync(dir)
    .filter((f) => f.endsWith('.svg'))
    .map((f) => ({ file: `content/${id}/${f}`, svg: readFileSync(join(dir, f), 'utf8') }));
}

const lessons = readdirSync(CONTENT).filter((d) => existsSync(join(CONTENT, d, 'index.mdx')));
const all = lessons.flatMap(lessonDiagrams);

function viewBoxWidth(svg: string): number {
  const m = /viewBox="0 0 ([\d.]+) [\d.]+"/.exec(svg);
  if (!m) throw new Error('no viewBox');
  return Number(m[1]);
}

/** Every font size the drawing uses, from its <style> rules and inline style attributes. */
function fontSizes(svg: string): number[] {
  return [...svg.matchAll(/font-size:\s*([\d.]+)px/g)].map((m) => Number(m[1]));
}

/** The diagrams a page shows: `<Figure svg={a} narrow={b} .../>` with the files a and b import. */
function pageFigures(id: string): { wide: string; narrow?: string }[] {
  const mdx = readFileSync(join(CONTENT, id, 'index.mdx'), 'utf8');
  const imports = new Map([...mdx.matchAll(/^import (\w+) from '\.\/([\w-]+\.svg)\?raw';$/gm)].map((m) => [m[1], m[2]]));
  return [...mdx.matchAll(/<Figure svg=\{(\w+)\}(?: narrow=\{(\w+)\})?/g)].map((m) => ({
    wide: imports.get(m[1])!,
    narrow: m[2] ? imports.get(m[2]) : undefined,
  }));
}

describe('lesson diagrams', () => {
  it('finds the diagrams', () => {
    expect(all.length).toBeGreaterThanOrEqual(6);
  });

  for (const { file, svg } of all) {
    it(`${file} has a title and a description for screen readers`, () => {
      expect(svg).toMatch(/^<svg[^>]* role="img"/);
      const ids = /aria-labelledby="([\w-]+) ([\w-]+)"/.exec(svg);
      expect(ids, 'aria-labelledby names a title and a desc').not.toBeNull();
      const title = new RegExp(`<title id="${ids![1]}">([^<]{10,})</title>`).exec(svg);
      const desc = new RegExp(`<desc id="${ids![2]}">([^<]{40,})</desc>`).exec(svg);
      expect(title, 'a <title> with that id').not.toBeNull();
      expect(desc, 'a <desc> with that id, describing the whole drawing').not.toBeNull();
    });

    it(`${file} takes its colours from the theme, so it works in dark mode`, () => {
      // fill/stroke values must be theme variables, currentColor or none; a literal colour is
      // allowed only as the fallback inside var(--x, #...).
      const paints = [...svg.matchAll(/(?:fill|stroke)\s*[:=]\s*"?([^;"}]+)/g)].map((m) => m[1].trim());
      const literal = paints.filter((p) => !/^(var\(--[\w-]+(, *#[0-9a-f]{3,6})?\)|currentColor|none)$/i.test(p) && !/^[\d.]+$/.test(p));
      expect(literal).toEqual([]);
    });
  }

  for (const id of lessons) {
    for (const fig of pageFigures(id)) {
      const wide = readFileSync(join(CONTENT, id, fig.wide), 'utf8');
      if (fig.narrow) {
        it(`content/${id}/${fig.narrow}: the phone layout fits the column with text of at least ${MIN_TEXT_PX}px`, () => {
          const narrow = readFileSync(join(CONTENT, id, fig.narrow!), 'utf8');
          const scale = PHONE_COLUMN_PX / viewBoxWidth(narrow);
          expect(Math.min(...fontSizes(narrow)) * scale).toBeGreaterThanOrEqual(MIN_TEXT_PX);
          // Both drawings are inlined into one page: their ids must not collide.
          const ids = (s: string) => [...s.matchAll(/ id="([\w-]+)"/g)].map((m) => m[1]);
          expect(ids(narrow).filter((x) => ids(wide).includes(x))).toEqual([]);
        });
      } else {
        it(`content/${id}/${fig.wide}: scrolled at ${SCROLL_MIN_PX}px on a phone, its text is at least ${MIN_TEXT_PX}px`, () => {
          const scale = SCROLL_MIN_PX / viewBoxWidth(wide);
          expect(Math.min(...fontSizes(wide)) * scale).toBeGreaterThanOrEqual(MIN_TEXT_PX);
        });
      }
    }
  }
});
