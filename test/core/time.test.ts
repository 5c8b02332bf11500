import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../src/core/errors.js';
import {
  formatIsoUtc,
  instantFromDayOfYear,
  julianDateTt,
  julianDateUtc,
  parseIsoUtc,
  taiMinusUtcS,
  yearAndDayOfYear,
} from '../../src/core/time.js';

describe('time', () => {
  it('parses ISO 8601 UTC with milliseconds, offsets and dates alone', () => {
    expect(parseIsoUtc('2026-03-19T05:25:44.282Z')).toBe(Date.UTC(2026, 2, 19, 5, 25, 44, 282));
    expect(parseIsoUtc('2026-03-19T06:25:44.282+01:00')).toBe(
      Date.UTC(2026, 2, 19, 5, 25, 44, 282),
    );
    expect(parseIsoUtc('2026-03-19')).toBe(Date.UTC(2026, 2, 19));
    expect(parseIsoUtc('2026-03-19T05:25')).toBe(Date.UTC(2026, 2, 19, 5, 25));
    expect(formatIsoUtc(Date.UTC(2026, 2, 19, 5, 25, 44, 282))).toBe('2026-03-19T05:25:44.282Z');
  });

  it('rejects impossible dates with a message naming the field', () => {
    for (const bad of ['2026-02-30', '2026-13-01T00:00Z', 'yesterday', '2026-03-19T25:00Z', '']) {
      expect(() => parseIsoUtc(bad, '--start')).toThrow(ValidationError);
    }
    expect(() => parseIsoUtc('2026-02-30', '--start')).toThrow(/--start/);
  });

  it('converts to Julian dates and TT with the leap-second table', () => {
    expect(julianDateUtc(Date.UTC(2000, 0, 1, 12))).toBe(2_451_545);
    expect(taiMinusUtcS(Date.UTC(2026, 0, 1))).toBe(37);
    expect(taiMinusUtcS(Date.UTC(2016, 11, 31, 23, 59, 59))).toBe(36);
    expect(
      (julianDateTt(Date.UTC(2026, 0, 1)) - julianDateUtc(Date.UTC(2026, 0, 1))) * 86400,
    ).toBeCloseTo(69.184, 3); // JD resolution ≈ 40 µs
  });

  it('round-trips day-of-year epochs as TLEs write them', () => {
    const t = instantFromDayOfYear(2026, 78.25058051);
    expect(yearAndDayOfYear(t).year).toBe(2026);
    expect(yearAndDayOfYear(t).dayOfYear).toBeCloseTo(78.25058051, 10);
  });
});
