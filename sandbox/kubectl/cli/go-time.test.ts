// Go's time.ParseDuration and time.Parse(time.RFC3339) as kubectl's flags read them.
// Source: golang/go src/time/format.go (ParseDuration, Parse, ParseError.Error).
import { describe, expect, it } from 'vitest';
import { parseGoDuration, parseGoRFC3339 } from './go-time.ts';

describe('time.ParseDuration', () => {
  it('reads units, fractions, signs and several parts', () => {
    expect(parseGoDuration('90s')).toBe(90_000);
    expect(parseGoDuration('1h30m')).toBe(5_400_000);
    expect(parseGoDuration('1.5m')).toBe(90_000);
    expect(parseGoDuration('-5m')).toBe(-300_000);
    expect(parseGoDuration('250ms')).toBe(250);
    expect(parseGoDuration('0')).toBe(0);
  });

  it('gives Go\'s messages for what it cannot read', () => {
    expect(() => parseGoDuration('10')).toThrow('time: missing unit in duration "10"');
    expect(() => parseGoDuration('3d')).toThrow('time: unknown unit "d" in duration "3d"');
    expect(() => parseGoDuration('abc')).toThrow('time: invalid duration "abc"');
    expect(() => parseGoDuration('')).toThrow('time: invalid duration ""');
    expect(() => parseGoDuration('.s')).toThrow('time: invalid duration ".s"');
  });
});

describe('time.Parse(time.RFC3339, ...)', () => {
  it('reads Z, offsets and a fraction the layout does not name', () => {
    expect(parseGoRFC3339('2026-01-01T00:00:05Z')).toBe(Date.UTC(2026, 0, 1, 0, 0, 5));
    expect(parseGoRFC3339('2026-01-01T02:00:05+02:00')).toBe(Date.UTC(2026, 0, 1, 0, 0, 5));
    expect(parseGoRFC3339('2026-01-01T00:00:05.25Z')).toBe(Date.UTC(2026, 0, 1, 0, 0, 5, 250));
  });

  it('says which part it could not read, or which value is out of range', () => {
    expect(() => parseGoRFC3339('yesterday')).toThrow('parsing time "yesterday" as "2006-01-02T15:04:05Z07:00": cannot parse "yesterday" as "2006"');
    expect(() => parseGoRFC3339('2026-01-01')).toThrow('parsing time "2026-01-01" as "2006-01-02T15:04:05Z07:00": cannot parse "" as "T"');
    expect(() => parseGoRFC3339('2026-01-01T00:00:05')).toThrow('cannot parse "" as "Z07:00"');
    expect(() => parseGoRFC3339('2026-02-30T00:00:00Z')).toThrow('parsing time "2026-02-30T00:00:00Z": day out of range');
    expect(() => parseGoRFC3339('2026-01-01T00:00:00Zabc')).toThrow('parsing time "2026-01-01T00:00:00Zabc": extra text: "abc"');
  });
});
