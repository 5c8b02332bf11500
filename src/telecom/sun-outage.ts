/**
 * Sun outages (sun transit) of a geostationary link: the times when the Sun, seen from a site,
 * is within the antenna beam pointed at the satellite, so that its noise swamps the carrier.
 * Twice a year around the equinoxes, a few minutes a day for a few days.
 *
 * The event is "angular separation Sun–satellite < half the beamwidth + the Sun's apparent
 * radius" (the beam edge at −3 dB touching the solar disk), found with the generic event search.
 */
import { findPositiveIntervals } from '../core/events.js';
import { geodeticToItrf, type Geodetic } from '../core/geodetic.js';
import { sunPositionItrf } from '../core/sun.js';
import type { Instant } from '../core/time.js';
import { RAD_TO_DEG, SUN_RADIUS_KM } from '../core/units.js';
import type { ItrfVec } from '../core/vector.js';
import { requireInRange } from './itur/validity.js';

/** One day's outage. */
export interface SunOutage {
  /** UTC date of the outage start, YYYY-MM-DD. */
  readonly date: string;
  readonly startMs: Instant;
  readonly endMs: Instant;
  readonly durationMin: number;
  /** Smallest Sun–satellite separation during the outage, degrees. */
  readonly minSeparationDeg: number;
}

/** Options of the search. */
export interface SunOutageOptions {
  /** −3 dB beamwidth of the antenna, degrees (> 0). */
  readonly beamwidthDeg: number;
  /** Satellite position (km, Earth-fixed) at an instant; a fixed position for a nominal slot. */
  readonly satelliteAt: (t: Instant) => ItrfVec;
  /** Sampling step, s (default 120 s: an outage lasts several minutes). */
  readonly stepS?: number;
}

function separationDeg(
  o: ItrfVec,
  sat: ItrfVec,
  sun: ItrfVec,
): { sepDeg: number; sunRadiusDeg: number } {
  const ax = sat.x - o.x;
  const ay = sat.y - o.y;
  const az = sat.z - o.z;
  const bx = sun.x - o.x;
  const by = sun.y - o.y;
  const bz = sun.z - o.z;
  const nb = Math.hypot(bx, by, bz);
  // atan2 of |a×b| and a·b: accurate at small angles, where acos is not
  const cx = ay * bz - az * by;
  const cy = az * bx - ax * bz;
  const cz = ax * by - ay * bx;
  const sep = Math.atan2(Math.hypot(cx, cy, cz), ax * bx + ay * by + az * bz) * RAD_TO_DEG;
  return { sepDeg: sep, sunRadiusDeg: Math.asin(SUN_RADIUS_KM / nb) * RAD_TO_DEG };
}

/**
 * Sun outages seen from `site` between two instants (typically one year).
 * @throws DomainError for a beamwidth outside (0, 20]°.
 */
export function sunOutages(
  site: Geodetic,
  startMs: Instant,
  endMs: Instant,
  opts: SunOutageOptions,
): SunOutage[] {
  requireInRange('sun outage', 'beamwidth', opts.beamwidthDeg, 1e-3, 20, '°');
  const o = geodeticToItrf(site);
  const half = opts.beamwidthDeg / 2;
  const g = (t: Instant): number => {
    const { sepDeg, sunRadiusDeg } = separationDeg(o, opts.satelliteAt(t), sunPositionItrf(t));
    return half + sunRadiusDeg - sepDeg;
  };
  const intervals = findPositiveIntervals(g, startMs, endMs, {
    stepS: opts.stepS ?? 120,
    toleranceS: 1,
  });
  return intervals.map((iv) => ({
    date: new Date(iv.start).toISOString().slice(0, 10),
    startMs: iv.start,
    endMs: iv.end,
    durationMin: (iv.end - iv.start) / 60_000,
    minSeparationDeg:
      half +
      separationDeg(o, opts.satelliteAt(iv.peak.t), sunPositionItrf(iv.peak.t)).sunRadiusDeg -
      iv.peak.value,
  }));
}
