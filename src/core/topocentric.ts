/**
 * Topocentric look angles from a ground point: azimuth (from north, clockwise), elevation above
 * the plane normal to the WGS-84 ellipsoid (geometric, no refraction), range and range rate.
 */
import { type Geodetic, geodeticToItrf } from './geodetic.js';
import { DEG_TO_RAD, RAD_TO_DEG, SPEED_OF_LIGHT_KM_S } from './units.js';
import type { ItrfVec } from './vector.js';

/** A ground point prepared for repeated look-angle computations (its ENU axes cached). */
export interface TopocentricFrame {
  readonly site: Geodetic;
  readonly originKm: ItrfVec;
  /** East, north and up unit vectors in the Earth-fixed frame. */
  readonly east: readonly [number, number, number];
  readonly north: readonly [number, number, number];
  readonly up: readonly [number, number, number];
}

/** Look angles of a target from a site. */
export interface LookAngles {
  readonly azimuthDeg: number;
  readonly elevationDeg: number;
  readonly rangeKm: number;
  /** d(range)/dt, km/s; positive when the target recedes. */
  readonly rangeRateKmS: number;
  /** d(elevation)/dt, deg/s. */
  readonly elevationRateDegS: number;
}

/** Prepares the local East-North-Up frame of a site. */
export function topocentricFrame(site: Geodetic): TopocentricFrame {
  const lat = site.latitudeDeg * DEG_TO_RAD;
  const lon = site.longitudeDeg * DEG_TO_RAD;
  const sl = Math.sin(lat);
  const cl = Math.cos(lat);
  const so = Math.sin(lon);
  const co = Math.cos(lon);
  return {
    site,
    originKm: geodeticToItrf(site),
    east: [-so, co, 0],
    north: [-sl * co, -sl * so, cl],
    up: [cl * co, cl * so, sl],
  };
}

/**
 * Look angles of a target at Earth-fixed position `rKm` moving at Earth-fixed velocity `vKmS`.
 */
export function lookAngles(frame: TopocentricFrame, rKm: ItrfVec, vKmS: ItrfVec): LookAngles {
  const dx = rKm.x - frame.originKm.x;
  const dy = rKm.y - frame.originKm.y;
  const dz = rKm.z - frame.originKm.z;
  const [ex, ey, ez] = frame.east;
  const [nx, ny, nz] = frame.north;
  const [ux, uy, uz] = frame.up;
  const e = ex * dx + ey * dy + ez * dz;
  const n = nx * dx + ny * dy + nz * dz;
  const u = ux * dx + uy * dy + uz * dz;
  const range = Math.sqrt(dx * dx + dy * dy + dz * dz);
  const rangeRate = (dx * vKmS.x + dy * vKmS.y + dz * vKmS.z) / range;
  const sinEl = u / range;
  const el = Math.asin(Math.max(-1, Math.min(1, sinEl)));
  const uDot = ux * vKmS.x + uy * vKmS.y + uz * vKmS.z;
  const cosEl = Math.cos(el);
  // d/dt asin(u/ρ) = (u̇ − sin(el)·ρ̇) / (ρ cos el)
  const elRate = cosEl > 1e-12 ? (uDot - sinEl * rangeRate) / (range * cosEl) : 0;
  let az = Math.atan2(e, n) * RAD_TO_DEG;
  if (az < 0) az += 360;
  return {
    azimuthDeg: az,
    elevationDeg: el * RAD_TO_DEG,
    rangeKm: range,
    rangeRateKmS: rangeRate,
    elevationRateDegS: elRate * RAD_TO_DEG,
  };
}

/** Elevation only (degrees), the cheap part of {@link lookAngles} for searches. */
export function elevationDeg(frame: TopocentricFrame, rKm: ItrfVec): number {
  const dx = rKm.x - frame.originKm.x;
  const dy = rKm.y - frame.originKm.y;
  const dz = rKm.z - frame.originKm.z;
  const [ux, uy, uz] = frame.up;
  const u = ux * dx + uy * dy + uz * dz;
  return Math.asin(u / Math.sqrt(dx * dx + dy * dy + dz * dz)) * RAD_TO_DEG;
}

/**
 * Doppler shift (Hz) seen at the site for a carrier of `frequencyHz` emitted by the target:
 * −f·ṙ/c (first order in v/c; the second-order term is below 1e-9·f for orbital speeds).
 */
export function dopplerShiftHz(frequencyHz: number, rangeRateKmS: number): number {
  return (-frequencyHz * rangeRateKmS) / SPEED_OF_LIGHT_KM_S;
}
