/**
 * Trimming a window to the times when the Sun is high enough at the target.
 */
import { findPositiveIntervals } from '../core/events.js';
import type { Instant } from '../core/time.js';
import type { PreparedTarget } from './geometry.js';
import { type SatelliteTrack, sunSineElevation } from './track.js';
import { RAD_TO_DEG } from '../core/units.js';

/**
 * Over a window of up to ten minutes the sun elevation departs from a straight line by less
 * than 0.02° (Earth rotation 0.25°/min, curvature ω²T²/8): when both edges clear the limit by
 * this margin, the whole window is sunlit, or wholly dark.
 */
const LINEAR_MARGIN_DEG = 0.05;
const SHORT_WINDOW_MS = 600_000;

/**
 * The parts of [startMs, endMs] where the geometric sun elevation at the target is at least
 * `minSunDeg`. Exact to `toleranceS` (root finding on the elevation).
 */
export function splitWindowBySun(
  track: SatelliteTrack,
  target: PreparedTarget,
  startMs: Instant,
  endMs: Instant,
  minSunDeg: number,
  toleranceS: number,
): (readonly [Instant, Instant])[] {
  const g = (t: Instant): number => sunElevationAtDeg(track, target, t) - minSunDeg;
  const gs = g(startMs);
  const ge = g(endMs);
  if (endMs - startMs <= SHORT_WINDOW_MS) {
    if (gs >= LINEAR_MARGIN_DEG && ge >= LINEAR_MARGIN_DEG) return [[startMs, endMs]];
    if (gs <= -LINEAR_MARGIN_DEG && ge <= -LINEAR_MARGIN_DEG) return [];
  }
  if (startMs === endMs) return gs >= 0 ? [[startMs, endMs]] : [];
  // Near the limit: the generic search (sampled every minute, roots and humps refined).
  return findPositiveIntervals(g, startMs, endMs, { stepS: 60, toleranceS }).map(
    (iv) => [iv.start, iv.end] as const,
  );
}

/**
 * Geometric elevation of the Sun's centre at the target, deg (no refraction). The direction to
 * the Sun is taken from the Earth's centre (the parallax from the surface is ≤ 8.8″).
 */
export function sunElevationAtDeg(
  track: SatelliteTrack,
  target: PreparedTarget,
  t: Instant,
): number {
  const c = sunSineElevation(track, t, target.up);
  return Math.asin(Math.max(-1, Math.min(1, c))) * RAD_TO_DEG;
}
