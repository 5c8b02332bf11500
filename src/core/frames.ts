/**
 * TEME ↔ Earth-fixed rotation, as SGP4 expects (Vallado et al. 2006, "teme2ecef"): a rotation by
 * GMST 1982 about the z axis. Neglected, and documented in docs/frames.md: polar motion
 * (≤ 0.5″, ≤ 15 m), UT1 − UTC unless `dut1S` is given (≤ 0.9 s of rotation, ≤ 0.4 km),
 * and length-of-day variations in the velocity transform (< 1 mm/s).
 */
import { gmst1982 } from './earth-rotation.js';
import type { Instant } from './time.js';
import { EARTH_ROTATION_RAD_S } from './units.js';
import { type ItrfVec, type TemeVec, itrf, teme } from './vector.js';

/** Position (km) and velocity (km/s) in one frame. */
export interface StateVector<V> {
  readonly positionKm: V;
  readonly velocityKmS: V;
}

/** Rotates a TEME position (km) into the Earth-fixed frame at GMST `gmstRad`. */
export function temeToItrfPositionAt(rKm: TemeVec, gmstRad: number): ItrfVec {
  const c = Math.cos(gmstRad);
  const s = Math.sin(gmstRad);
  return itrf(c * rKm.x + s * rKm.y, -s * rKm.x + c * rKm.y, rKm.z);
}

/**
 * TEME state → Earth-fixed state at instant `t` (UTC ms). The velocity includes the −ω × r
 * term of the rotating frame.
 */
export function temeToItrf(
  state: StateVector<TemeVec>,
  t: Instant,
  dut1S = 0,
): StateVector<ItrfVec> {
  const g = gmst1982(t, dut1S);
  const c = Math.cos(g);
  const s = Math.sin(g);
  const r = state.positionKm;
  const v = state.velocityKmS;
  const rx = c * r.x + s * r.y;
  const ry = -s * r.x + c * r.y;
  const vx = c * v.x + s * v.y + EARTH_ROTATION_RAD_S * ry;
  const vy = -s * v.x + c * v.y - EARTH_ROTATION_RAD_S * rx;
  return { positionKm: itrf(rx, ry, r.z), velocityKmS: itrf(vx, vy, v.z) };
}

/** Earth-fixed state → TEME state at instant `t`; the exact inverse of {@link temeToItrf}. */
export function itrfToTeme(
  state: StateVector<ItrfVec>,
  t: Instant,
  dut1S = 0,
): StateVector<TemeVec> {
  const g = gmst1982(t, dut1S);
  const c = Math.cos(g);
  const s = Math.sin(g);
  const r = state.positionKm;
  const v = state.velocityKmS;
  // inertial velocity in the rotating axes: v + ω × r
  const wx = v.x - EARTH_ROTATION_RAD_S * r.y;
  const wy = v.y + EARTH_ROTATION_RAD_S * r.x;
  return {
    positionKm: teme(c * r.x - s * r.y, s * r.x + c * r.y, r.z),
    velocityKmS: teme(c * wx - s * wy, s * wx + c * wy, v.z),
  };
}
