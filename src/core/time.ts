/**
 * Time. One convention everywhere: an instant is a number of **milliseconds since
 * 1970-01-01T00:00:00Z in UTC** (POSIX time, leap seconds not counted), called `…Ms` or `Instant`.
 * Julian dates are derived from it on demand. UT1 is UTC plus an optional `dut1S`
 * (UT1 − UTC, s; 0 when unknown, an error of at most 0.9 s of Earth rotation, ≈ 0.4 km at the
 * equator). TT is UTC plus 32.184 s plus the accumulated leap seconds.
 */
import { ValidationError } from './errors.js';
import { MS_PER_DAY } from './units.js';

/** Milliseconds since 1970-01-01T00:00:00Z, UTC, leap seconds not counted. */
export type Instant = number;

/** Julian date of the Unix epoch 1970-01-01T00:00:00Z. */
export const JD_UNIX_EPOCH = 2_440_587.5;
/** Julian date of J2000.0 (2000-01-01T12:00:00 TT). */
export const JD_J2000 = 2_451_545.0;

/** Julian date (in the UTC scale) of an instant. */
export function julianDateUtc(t: Instant): number {
  return t / MS_PER_DAY + JD_UNIX_EPOCH;
}

/** Instant of a Julian date expressed in the UTC scale. */
export function instantFromJulianDateUtc(jdUtc: number): Instant {
  return (jdUtc - JD_UNIX_EPOCH) * MS_PER_DAY;
}

/** Julian date in UT1, given UT1 − UTC in seconds (0 when unknown). */
export function julianDateUt1(t: Instant, dut1S = 0): number {
  return (t + dut1S * 1000) / MS_PER_DAY + JD_UNIX_EPOCH;
}

/**
 * TAI − UTC in seconds, from the IERS leap-second table (Bulletin C). No leap second has been
 * inserted since 2017-01-01; before 1972 the value 10 s is used (the rubber-second era is
 * outside the span this software serves).
 */
const LEAP_SECONDS: ReadonlyArray<readonly [Instant, number]> = [
  [Date.UTC(1972, 0, 1), 10],
  [Date.UTC(1972, 6, 1), 11],
  [Date.UTC(1973, 0, 1), 12],
  [Date.UTC(1974, 0, 1), 13],
  [Date.UTC(1975, 0, 1), 14],
  [Date.UTC(1976, 0, 1), 15],
  [Date.UTC(1977, 0, 1), 16],
  [Date.UTC(1978, 0, 1), 17],
  [Date.UTC(1979, 0, 1), 18],
  [Date.UTC(1980, 0, 1), 19],
  [Date.UTC(1981, 6, 1), 20],
  [Date.UTC(1982, 6, 1), 21],
  [Date.UTC(1983, 6, 1), 22],
  [Date.UTC(1985, 6, 1), 23],
  [Date.UTC(1988, 0, 1), 24],
  [Date.UTC(1990, 0, 1), 25],
  [Date.UTC(1991, 0, 1), 26],
  [Date.UTC(1992, 6, 1), 27],
  [Date.UTC(1993, 6, 1), 28],
  [Date.UTC(1994, 6, 1), 29],
  [Date.UTC(1996, 0, 1), 30],
  [Date.UTC(1997, 6, 1), 31],
  [Date.UTC(1999, 0, 1), 32],
  [Date.UTC(2006, 0, 1), 33],
  [Date.UTC(2009, 0, 1), 34],
  [Date.UTC(2012, 6, 1), 35],
  [Date.UTC(2015, 6, 1), 36],
  [Date.UTC(2017, 0, 1), 37],
];

/** TAI − UTC at an instant, seconds. */
export function taiMinusUtcS(t: Instant): number {
  let value = 10;
  for (const [start, s] of LEAP_SECONDS) {
    if (t >= start) value = s;
    else break;
  }
  return value;
}

/** Julian date in Terrestrial Time (TT = TAI + 32.184 s). */
export function julianDateTt(t: Instant): number {
  return (t + (taiMinusUtcS(t) + 32.184) * 1000) / MS_PER_DAY + JD_UNIX_EPOCH;
}

/** Julian centuries of TT since J2000.0. */
export function centuriesTtSinceJ2000(t: Instant): number {
  return (julianDateTt(t) - JD_J2000) / 36_525;
}

const ISO_UTC =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?)?(Z|[+-]\d{2}:?\d{2})?$/;

/**
 * Parses an ISO 8601 date or date-time. A time without a zone designator is taken as UTC;
 * an explicit offset is honoured. Sub-millisecond digits are rounded to the millisecond.
 *
 * @throws ValidationError naming `field` when the text is not a valid calendar date-time.
 * @example parseIsoUtc('2026-03-19T05:25:44.282Z') // 1773897944282
 */
export function parseIsoUtc(text: string, field = 'time'): Instant {
  const m = ISO_UTC.exec(text.trim());
  const fail = (): never => {
    throw new ValidationError('not an ISO 8601 UTC date-time', {
      location: { field },
      expected: 'YYYY-MM-DD[THH:MM[:SS[.fff]]][Z|±HH:MM]',
      received: text,
    });
  };
  if (!m) return fail();
  const [, y, mo, d, h = '0', mi = '0', s = '0', frac = '', zone = 'Z'] = m;
  const year = Number(y);
  const month = Number(mo);
  const day = Number(d);
  const hour = Number(h);
  const minute = Number(mi);
  const second = Number(s);
  if (month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 60) fail();
  const base = Date.UTC(year, month - 1, day, hour, minute, second);
  const check = new Date(Date.UTC(year, month - 1, day));
  if (check.getUTCDate() !== day || check.getUTCMonth() !== month - 1) fail();
  const fracMs = frac ? Number(`0.${frac}`) * 1000 : 0;
  let offsetMin = 0;
  if (zone !== 'Z') {
    const sign = zone.startsWith('-') ? -1 : 1;
    const digits = zone.slice(1).replace(':', '');
    offsetMin = sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2, 4)));
  }
  return Math.round(base + fracMs) - offsetMin * 60_000;
}

/** Formats an instant as ISO 8601 UTC with milliseconds: `2026-03-19T05:25:44.282Z`. */
export function formatIsoUtc(t: Instant): string {
  return new Date(Math.round(t)).toISOString();
}

/** Calendar year and fractional day of year (1.0 = Jan 1, 00:00) of an instant, as TLEs write epochs. */
export function yearAndDayOfYear(t: Instant): { year: number; dayOfYear: number } {
  const year = new Date(t).getUTCFullYear();
  const jan1 = Date.UTC(year, 0, 1);
  return { year, dayOfYear: (t - jan1) / MS_PER_DAY + 1 };
}

/** Instant from a calendar year and fractional day of year (1.0 = Jan 1, 00:00 UTC). */
export function instantFromDayOfYear(year: number, dayOfYear: number): Instant {
  return Date.UTC(year, 0, 1) + (dayOfYear - 1) * MS_PER_DAY;
}
