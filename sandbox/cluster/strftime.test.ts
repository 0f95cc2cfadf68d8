// strftime against GNU coreutils' date 9.1: strftime.gnu-date.json holds what
// `TZ=UTC LC_ALL=C date -u -d @T +FORMAT` printed on Debian 12 for each row (generated once with
// the real date; the rows cover every conversion, the GNU flags and widths, ISO weeks at year
// ends, a leap day and a time with milliseconds).
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import rows from './strftime.gnu-date.json' with { type: 'json' };
import { strftime } from './strftime.ts';

describe('strftime', () => {
  it.each(rows as { t: number; format: string; gnu: string }[])('prints $format at @$t as GNU date does', ({ t, format, gnu }) => {
    expect(strftime(format, t * 1000)).toBe(gnu);
  });

  it('gives %N and %3N from the milliseconds', () => {
    expect(strftime('%s.%N %3N %6N', Date.UTC(2026, 0, 1, 0, 0, 5, 42))).toBe('1767225605.042000000 042 042000');
  });

  it('never throws, and leaves text without % as it is, whatever the format and time', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 40 }), fc.integer({ min: -8.64e15, max: 8.64e15 }), (format, ms) => {
        const out = strftime(format, ms);
        expect(typeof out).toBe('string');
        if (!format.includes('%')) expect(out).toBe(format);
      }),
      { numRuns: 2000 },
    );
  });
});
