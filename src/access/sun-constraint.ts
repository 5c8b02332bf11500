/**
 * Trimming a window to the times when the Sun is high enough at the target.
 */
import { findPositiveIntervals } from '../core/events.js';
import type { Instant } from '../core/time.js';
import type { PreparedTarget } from './geometry.js';
import { sunPositionItrf } from '../core/sun.js';
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
  target: PreparedTarget,
  startMs: Instant,
  endMs: Instant,
  minSunDeg: number,
  toleranceS: number,
): (readonly [Instant, Instant])[] {
  const g = (t: Instant): number => sunElevationAtDeg(target, t) - minSunDeg;
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

/** Geometric elevation of the Sun's centre at the target, deg (no refraction). */
export function sunElevationAtDeg(target: PreparedTarget, t: Instant): number {
  const s = sunPositionItrf(t);
  const dx = s.x - target.x;
  const dy = s.y - target.y;
  const dz = s.z - target.z;
  const d = Math.sqrt(dx * dx + dy * dy + dz * dz);
  const c = (target.up[0] * dx + target.up[1] * dy + target.up[2] * dz) / d;
  return Math.asin(Math.max(-1, Math.min(1, c))) * RAD_TO_DEG;
}
