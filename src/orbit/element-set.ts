/**
 * A mean element set for the SGP4/SDP4 theory: what a TLE or an OMM (MEAN_ELEMENT_THEORY =
 * SGP4) carries. Angles in degrees, mean motion in revolutions per day (Kozai, as TLEs give it).
 */
import type { Instant } from '../core/time.js';

export interface ElementSet {
  /** Object name (OBJECT_NAME, or the title line of a 3-line TLE); may be empty. */
  readonly name: string;
  /** International designator (OBJECT_ID), e.g. `1998-067A`; empty when unknown. */
  readonly objectId: string;
  /** Catalogue number (NORAD_CAT_ID), 0 … 339 999 (Alpha-5 spans 100 000 … 339 999). */
  readonly catalogNumber: number;
  /** Security classification: U, C or S. */
  readonly classification: string;
  /** Epoch as an instant (UTC ms, fractional). */
  readonly epochMs: Instant;
  /** Epoch year (4 digits) and day of year (1.0 = Jan 1 00:00 UTC), exactly as parsed. */
  readonly epochYear: number;
  readonly epochDayOfYear: number;
  /** Mean motion, rev/day. */
  readonly meanMotionRevPerDay: number;
  readonly eccentricity: number;
  readonly inclinationDeg: number;
  /** Right ascension of the ascending node, deg. */
  readonly raanDeg: number;
  readonly argPerigeeDeg: number;
  readonly meanAnomalyDeg: number;
  /** First derivative of mean motion divided by 2, rev/day² (TLE line 1, cols 34–43). */
  readonly meanMotionDot: number;
  /** Second derivative of mean motion divided by 6, rev/day³. */
  readonly meanMotionDdot: number;
  /** B* drag term, 1/earth radii. */
  readonly bstar: number;
  readonly ephemerisType: number;
  readonly elementSetNumber: number;
  readonly revolutionNumber: number;
}

/** Orbital period (minutes) from the mean motion. */
export function periodMinutes(el: Pick<ElementSet, 'meanMotionRevPerDay'>): number {
  return 1440 / el.meanMotionRevPerDay;
}

/**
 * Whether SGP4 treats the element set with the deep-space (SDP4) branch: period ≥ 225 minutes.
 */
export function isDeepSpace(el: Pick<ElementSet, 'meanMotionRevPerDay'>): boolean {
  return periodMinutes(el) >= 225;
}

/**
 * Whether the object behaves as geostationary for visibility purposes: about one revolution
 * per sidereal day, nearly circular, nearly equatorial (so its look angles change by less than
 * a few degrees per day).
 */
export function isGeostationary(
  el: Pick<ElementSet, 'meanMotionRevPerDay' | 'eccentricity' | 'inclinationDeg'>,
): boolean {
  return (
    Math.abs(el.meanMotionRevPerDay - 1.0027379) < 0.01 &&
    el.eccentricity < 0.01 &&
    el.inclinationDeg < 3
  );
}
