/**
 * When a satellite is in the Earth's shadow. Four definitions, all on a spherical Earth of
 * WGS-84 equatorial radius (core/sun.ts):
 *  - `umbra`: no part of the Sun visible;
 *  - `penumbra`: any part of the Sun hidden (umbra included);
 *  - `centre`: the line to the Sun's centre passes through the Earth (a point Sun, as Skyfield's
 *    `is_sunlit` and most planners model it; the edge lies inside the penumbra);
 *  - `cylindrical`: behind the Earth and within one Earth radius of the Earth–Sun axis.
 */
import { findPositiveIntervals, type PositiveInterval } from '../core/events.js';
import { sunPositionTeme } from '../core/sun.js';
import type { Instant } from '../core/time.js';
import { SUN_RADIUS_KM, WGS84_A_KM } from '../core/units.js';
import type { Propagator } from './propagator.js';

export type ShadowModel = 'umbra' | 'penumbra' | 'centre' | 'cylindrical';

export interface ShadowSearchOptions {
  readonly startMs: Instant;
  readonly endMs: Instant;
  readonly model?: ShadowModel;
  /** Precision of the edges, s (default 0.01). */
  readonly toleranceS?: number;
}

/**
 * The intervals during which the satellite is in shadow (per `model`, default `centre`).
 * Instants at which SGP4 fails count as sunlit.
 */
export function findShadowIntervals(
  prop: Propagator,
  opts: ShadowSearchOptions,
): PositiveInterval[] {
  const model = opts.model ?? 'centre';
  const g = (t: Instant): number => {
    const s = prop.at(t);
    if (!s.ok) return -1;
    const r = s.positionKm;
    const sun = sunPositionTeme(t);
    if (model === 'cylindrical') {
      const d = Math.hypot(sun.x, sun.y, sun.z);
      const along = (r.x * sun.x + r.y * sun.y + r.z * sun.z) / d;
      const rr = Math.hypot(r.x, r.y, r.z);
      const perp = Math.sqrt(Math.max(0, rr * rr - along * along));
      // Positive inside the cylinder behind the Earth; continuous and negative elsewhere.
      return along < 0 ? WGS84_A_KM - perp : WGS84_A_KM - rr - along;
    }
    const sx = sun.x - r.x;
    const sy = sun.y - r.y;
    const sz = sun.z - r.z;
    const dSun = Math.hypot(sx, sy, sz);
    const dEarth = Math.hypot(r.x, r.y, r.z);
    const a = Math.asin(Math.min(1, SUN_RADIUS_KM / dSun));
    const b = Math.asin(Math.min(1, WGS84_A_KM / dEarth));
    const c = Math.acos(
      Math.max(-1, Math.min(1, -(r.x * sx + r.y * sy + r.z * sz) / (dEarth * dSun))),
    );
    if (model === 'umbra') return b - a - c;
    if (model === 'penumbra') return a + b - c;
    return b - c;
  };
  // Eclipses last from minutes to an hour per orbit: a thirtieth of the period sees them all.
  const stepS = Math.max(10, Math.min(600, (prop.periodMin * 60) / 30));
  return findPositiveIntervals(g, opts.startMs, opts.endMs, {
    stepS,
    toleranceS: opts.toleranceS ?? 0.01,
  });
}
