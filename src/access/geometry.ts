/**
 * Viewing geometry between a satellite and a ground target, in the Earth-fixed frame (km):
 * off-nadir angle, incidence, look side, and the geocentric-angle bound of a sensor's field of
 * regard used to skip, provably, the times when a target cannot be seen.
 */
import { type Geodetic, geodeticToItrf } from '../core/geodetic.js';
import { DEG_TO_RAD, RAD_TO_DEG } from '../core/units.js';
import type { Sensor } from './sensor.js';

/** A ground point prepared for repeated geometry: position, ellipsoid normal, geocentric unit. */
export interface PreparedTarget {
  readonly id: string;
  readonly site: Geodetic;
  /** Earth-fixed position, km. */
  readonly x: number;
  readonly y: number;
  readonly z: number;
  /** Unit normal to the WGS-84 ellipsoid (local vertical). */
  readonly up: readonly [number, number, number];
  /** Unit vector from the Earth's centre. */
  readonly unit: readonly [number, number, number];
  readonly radiusKm: number;
}

/** Prepares a target at a geodetic position (height in km, default 0). */
export function prepareTarget(id: string, site: Geodetic): PreparedTarget {
  const r = geodeticToItrf(site);
  const lat = site.latitudeDeg * DEG_TO_RAD;
  const lon = site.longitudeDeg * DEG_TO_RAD;
  const radiusKm = Math.hypot(r.x, r.y, r.z);
  return {
    id,
    site,
    x: r.x,
    y: r.y,
    z: r.z,
    up: [Math.cos(lat) * Math.cos(lon), Math.cos(lat) * Math.sin(lon), Math.sin(lat)],
    unit: [r.x / radiusKm, r.y / radiusKm, r.z / radiusKm],
    radiusKm,
  };
}

/**
 * Cosine of the off-nadir angle: angle at the satellite (position `s`, km) between the direction
 * to the Earth's centre and the line of sight to the target.
 */
export function cosOffNadir(s: ArrayLike<number>, t: PreparedTarget): number {
  const sx = s[0]!;
  const sy = s[1]!;
  const sz = s[2]!;
  const dx = t.x - sx;
  const dy = t.y - sy;
  const dz = t.z - sz;
  const rs = Math.sqrt(sx * sx + sy * sy + sz * sz);
  const d = Math.sqrt(dx * dx + dy * dy + dz * dz);
  return -(sx * dx + sy * dy + sz * dz) / (rs * d);
}

/** Off-nadir angle, deg (see {@link cosOffNadir}). */
export function offNadirDeg(s: ArrayLike<number>, t: PreparedTarget): number {
  return Math.acos(Math.max(-1, Math.min(1, cosOffNadir(s, t)))) * RAD_TO_DEG;
}

/** Cosine of the incidence angle: target's ellipsoid normal vs the direction to the satellite. */
export function cosIncidence(s: ArrayLike<number>, t: PreparedTarget): number {
  const dx = s[0]! - t.x;
  const dy = s[1]! - t.y;
  const dz = s[2]! - t.z;
  const d = Math.sqrt(dx * dx + dy * dy + dz * dz);
  return (t.up[0] * dx + t.up[1] * dy + t.up[2] * dz) / d;
}

/** Incidence angle at the target, deg (= 90° − geometric elevation of the satellite). */
export function incidenceDeg(s: ArrayLike<number>, t: PreparedTarget): number {
  return Math.acos(Math.max(-1, Math.min(1, cosIncidence(s, t)))) * RAD_TO_DEG;
}

/**
 * Side of the target relative to the satellite's Earth-fixed velocity: +1 right, −1 left.
 * `state` = [x, y, z, vx, vy, vz] (km, km/s). Zero-Doppler SAR is yaw-steered to the
 * Earth-fixed velocity, which is why it is the reference here rather than the inertial one.
 */
export function lookSideSign(state: ArrayLike<number>, t: PreparedTarget): 1 | -1 {
  const [sx, sy, sz, vx, vy, vz] = [0, 1, 2, 3, 4, 5].map((k) => state[k]!) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  // right = v × r_s
  const rx = vy * sz - vz * sy;
  const ry = vz * sx - vx * sz;
  const rz = vx * sy - vy * sx;
  return (t.x - sx) * rx + (t.y - sy) * ry + (t.z - sz) * rz >= 0 ? 1 : -1;
}

/** Geocentric angle between the target and the satellite, rad. */
export function geocentricAngleRad(s: ArrayLike<number>, t: PreparedTarget): number {
  const rs = Math.hypot(s[0]!, s[1]!, s[2]!);
  const c = (t.unit[0] * s[0]! + t.unit[1] * s[1]! + t.unit[2] * s[2]!) / rs;
  return Math.acos(Math.max(-1, Math.min(1, c)));
}

/**
 * Geocentric angle ψ (rad) between a target at radius `targetKm` and the sub-satellite point
 * when the satellite, at radius `satelliteKm`, sees it at off-nadir angle `offNadirRad`
 * (spherical triangle Earth centre–satellite–target; capped at the geocentric horizon).
 */
export function psiForOffNadir(offNadirRad: number, satelliteKm: number, targetKm: number): number {
  const x = (satelliteKm / targetKm) * Math.sin(offNadirRad);
  if (x >= 1) return Math.acos(targetKm / satelliteKm);
  return Math.asin(x) - offNadirRad;
}

/** ψ (rad) for a geocentric incidence `incidenceRad` at the target. */
export function psiForIncidence(
  incidenceRad: number,
  satelliteKm: number,
  targetKm: number,
): number {
  return incidenceRad - Math.asin(Math.min(1, (targetKm / satelliteKm) * Math.sin(incidenceRad)));
}

/** The ellipsoid normal and the geocentric radius differ by ≤ 0.19°: slack on incidence, rad. */
const NORMAL_SLACK_RAD = 0.2 * DEG_TO_RAD;

/**
 * Largest geocentric angle (rad) at which the sensor can possibly image a target at radius
 * `targetKm` from a satellite no further than `satelliteKm` from the Earth's centre. Beyond
 * it there is no access; the access search skips those times.
 */
export function fieldOfRegardPsiRad(sensor: Sensor, satelliteKm: number, targetKm: number): number {
  switch (sensor.kind) {
    case 'optical':
      return psiForOffNadir(sensor.maxOffNadirDeg * DEG_TO_RAD, satelliteKm, targetKm);
    case 'sar':
      return psiForIncidence(
        Math.min(90 * DEG_TO_RAD, sensor.incidenceFarDeg * DEG_TO_RAD + NORMAL_SLACK_RAD),
        satelliteKm,
        targetKm,
      );
    case 'nadir':
      return sensor.swathKm / 2 / targetKm;
  }
}
