/**
 * Attitude of a satellite pointing at a ground point: roll (about the along-track axis,
 * positive to the right of the ground track), pitch (about the cross-track axis, positive
 * forward) and off-nadir angle, in the satellite's local orbital frame built from its
 * Earth-fixed position and velocity. Degrees.
 */
import type { PreparedTarget } from '../../access/geometry.js';

export interface Pointing {
  readonly rollDeg: number;
  readonly pitchDeg: number;
  readonly offNadirDeg: number;
  /** Speed of the sub-satellite point, km/s (for the imaging time of a strip). */
  readonly groundSpeedKmS: number;
}

const DEG = 180 / Math.PI;

/** Pointing from state [x, y, z, vx, vy, vz] (km, km/s, Earth-fixed) at `t`. */
export function pointingAt(s: ArrayLike<number>, t: PreparedTarget): Pointing {
  const rx = s[0]!;
  const ry = s[1]!;
  const rz = s[2]!;
  const r = Math.hypot(rx, ry, rz);
  // nadir unit z, horizontal velocity unit x, cross-track y = z × x (to the right of the track)
  const zx = -rx / r;
  const zy = -ry / r;
  const zz = -rz / r;
  const vr = -(s[3]! * zx + s[4]! * zy + s[5]! * zz);
  let xx = s[3]! + vr * zx;
  let xy = s[4]! + vr * zy;
  let xz = s[5]! + vr * zz;
  const vh = Math.hypot(xx, xy, xz);
  xx /= vh;
  xy /= vh;
  xz /= vh;
  const yx = zy * xz - zz * xy;
  const yy = zz * xx - zx * xz;
  const yz = zx * xy - zy * xx;
  const dx = t.x - rx;
  const dy = t.y - ry;
  const dz = t.z - rz;
  const dn = Math.hypot(dx, dy, dz);
  const a = dx * xx + dy * xy + dz * xz;
  const c = dx * yx + dy * yy + dz * yz;
  const n = dx * zx + dy * zy + dz * zz;
  return {
    rollDeg: Math.atan2(c, n) * DEG,
    pitchDeg: Math.atan2(a, n) * DEG,
    offNadirDeg: Math.acos(Math.max(-1, Math.min(1, n / dn))) * DEG,
    groundSpeedKmS: (vh * t.radiusKm) / r,
  };
}
