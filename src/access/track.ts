/**
 * An Earth-fixed ephemeris of one satellite on a uniform time grid, with cubic Hermite
 * interpolation between nodes from positions and velocities. With SGP4 states every 60 s a LEO
 * position is interpolated to better than a metre (the error bound h⁴·|r⁗|/384 ≈ 0.3 m, and the
 * tests check it against direct SGP4), so every access search evaluates its geometry on the
 * track instead of calling SGP4 again: a coverage grid of thousands of cells shares one
 * propagation per satellite.
 */
import { gmst1982 } from '../core/earth-rotation.js';
import { sunPositionItrf } from '../core/sun.js';
import type { Instant } from '../core/time.js';
import { EARTH_ROTATION_RAD_S } from '../core/units.js';
import type { Propagator } from '../orbit/propagator.js';

/** Default node spacing, s. */
export const TRACK_STEP_S = 60;

/** A propagation failure met while sampling (the first one), as data. */
export interface TrackIssue {
  readonly catalogNumber: number;
  readonly satelliteName: string;
  readonly atMs: Instant;
  readonly errorCode: number;
  readonly message: string;
}

export interface SatelliteTrack {
  readonly catalogNumber: number;
  readonly satelliteName: string;
  /** Time of node 0, UTC ms. */
  readonly t0Ms: Instant;
  /** Node spacing, s. */
  readonly stepS: number;
  /** Number of nodes; the last node is at or after the requested end. */
  readonly n: number;
  /** Earth-fixed positions x, y, z per node, km. */
  readonly positionsKm: Float64Array;
  /** Earth-fixed velocities per node, km/s. */
  readonly velocitiesKmS: Float64Array;
  /** 1 where SGP4 succeeded at the node. */
  readonly ok: Uint8Array;
  /**
   * Unit vector towards the Sun (Earth-fixed, from the Earth's centre) at each node, for the
   * daylight constraints: interpolated linearly between nodes (the Earth turns 0.25° per minute:
   * the chord error is 1e-4°, a hundred times below the Meeus series' own accuracy).
   */
  readonly sunUnit: Float64Array;
  /** Largest distance from the Earth's centre over the nodes (+2 km for between nodes), km. */
  readonly maxRadiusKm: number;
  /**
   * Bound on the rate of the geocentric angle between the satellite and any Earth-fixed point,
   * rad/s: the orbit's largest angular rate plus the Earth's rotation.
   */
  readonly psiRateMaxRadS: number;
  /** Orbital period, s. */
  readonly periodS: number;
  readonly issue: TrackIssue | null;
}

const MU_KM3_S2 = 398_600.8; // WGS-72, as SGP4

/**
 * Samples a propagator on [startMs, endMs] every `stepS` seconds (Earth-fixed frame: TEME
 * rotated by GMST 1982, UT1 = UTC unless `dut1S` is given).
 */
export function sampleTrack(
  prop: Propagator,
  startMs: Instant,
  endMs: Instant,
  stepS = TRACK_STEP_S,
  dut1S = 0,
): SatelliteTrack {
  if (!(endMs > startMs)) throw new RangeError('track window must end after it starts');
  const n = Math.ceil((endMs - startMs) / (stepS * 1000) - 1e-9) + 1;
  const pos = new Float64Array(3 * n);
  const vel = new Float64Array(3 * n);
  const ok = new Uint8Array(n);
  const sunUnit = new Float64Array(3 * n);
  let maxR = 0;
  let issue: TrackIssue | null = null;
  const el = prop.elements;
  for (let i = 0; i < n; i++) {
    const t = startMs + i * stepS * 1000;
    const sun = sunPositionItrf(t, dut1S);
    const sunKm = Math.hypot(sun.x, sun.y, sun.z);
    sunUnit[3 * i] = sun.x / sunKm;
    sunUnit[3 * i + 1] = sun.y / sunKm;
    sunUnit[3 * i + 2] = sun.z / sunKm;
    const s = prop.initErrorCode === 0 ? prop.at(t) : null;
    if (!s || !s.ok) {
      if (!issue) {
        issue = {
          catalogNumber: el.catalogNumber,
          satelliteName: el.name,
          atMs: t,
          errorCode: s && !s.ok ? s.errorCode : prop.initErrorCode,
          message: s && !s.ok ? s.message : `SGP4 initialisation error ${prop.initErrorCode}`,
        };
      }
      continue;
    }
    const g = gmst1982(t, dut1S);
    const c = Math.cos(g);
    const sn = Math.sin(g);
    const r = s.positionKm;
    const v = s.velocityKmS;
    const rx = c * r.x + sn * r.y;
    const ry = -sn * r.x + c * r.y;
    pos[3 * i] = rx;
    pos[3 * i + 1] = ry;
    pos[3 * i + 2] = r.z;
    vel[3 * i] = c * v.x + sn * v.y + EARTH_ROTATION_RAD_S * ry;
    vel[3 * i + 1] = -sn * v.x + c * v.y - EARTH_ROTATION_RAD_S * rx;
    vel[3 * i + 2] = v.z;
    ok[i] = 1;
    maxR = Math.max(maxR, Math.hypot(rx, ry, r.z));
  }
  const periodS = prop.periodMin * 60;
  const nRadS = (2 * Math.PI) / periodS;
  const e = Math.min(el.eccentricity, 0.99);
  const aKm = Math.cbrt(MU_KM3_S2 / (nRadS * nRadS));
  return {
    catalogNumber: el.catalogNumber,
    satelliteName: el.name,
    t0Ms: startMs,
    stepS,
    n,
    positionsKm: pos,
    velocitiesKmS: vel,
    ok,
    sunUnit,
    maxRadiusKm: Math.max(maxR, aKm * (1 + e)) + 2,
    psiRateMaxRadS: (nRadS * (1 + e) ** 2) / (1 - e * e) ** 1.5 + EARTH_ROTATION_RAD_S,
    periodS,
    issue,
  };
}

/** Time of node i, UTC ms. */
export function nodeTime(track: SatelliteTrack, i: number): Instant {
  return track.t0Ms + i * track.stepS * 1000;
}

/** Last instant the track can interpolate, UTC ms. */
export function trackEnd(track: SatelliteTrack): Instant {
  return nodeTime(track, track.n - 1);
}

/**
 * Interpolated Earth-fixed position (and velocity) at t, written into `out` as
 * [x, y, z, vx, vy, vz] (km, km/s). Returns false when a neighbouring node failed or t is off
 * the track.
 */
export function stateAt(track: SatelliteTrack, t: Instant, out: Float64Array): boolean {
  const h = track.stepS;
  const x = (t - track.t0Ms) / 1000 / h;
  let i = Math.floor(x);
  if (i === track.n - 1 && x - i < 1e-9) i = track.n - 2;
  if (i < 0 || i >= track.n - 1) return false;
  if (!track.ok[i] || !track.ok[i + 1]) return false;
  const s = x - i;
  const s2 = s * s;
  const s3 = s2 * s;
  const h00 = 2 * s3 - 3 * s2 + 1;
  const h10 = (s3 - 2 * s2 + s) * h;
  const h01 = -2 * s3 + 3 * s2;
  const h11 = (s3 - s2) * h;
  const d00 = (6 * s2 - 6 * s) / h;
  const d10 = 3 * s2 - 4 * s + 1;
  const d01 = (-6 * s2 + 6 * s) / h;
  const d11 = 3 * s2 - 2 * s;
  const p = track.positionsKm;
  const v = track.velocitiesKmS;
  const a = 3 * i;
  const b = a + 3;
  for (let k = 0; k < 3; k++) {
    out[k] = h00 * p[a + k]! + h10 * v[a + k]! + h01 * p[b + k]! + h11 * v[b + k]!;
    out[3 + k] = d00 * p[a + k]! + d10 * v[a + k]! + d01 * p[b + k]! + d11 * v[b + k]!;
  }
  return true;
}

/** Interpolated Earth-fixed position at t into `out[0..2]` (km); false off the track. */
export function positionAt(track: SatelliteTrack, t: Instant, out: Float64Array): boolean {
  const h = track.stepS;
  const x = (t - track.t0Ms) / 1000 / h;
  let i = Math.floor(x);
  if (i === track.n - 1 && x - i < 1e-9) i = track.n - 2;
  if (i < 0 || i >= track.n - 1) return false;
  if (!track.ok[i] || !track.ok[i + 1]) return false;
  const s = x - i;
  const s2 = s * s;
  const s3 = s2 * s;
  const h00 = 2 * s3 - 3 * s2 + 1;
  const h10 = (s3 - 2 * s2 + s) * h;
  const h01 = -2 * s3 + 3 * s2;
  const h11 = (s3 - s2) * h;
  const p = track.positionsKm;
  const v = track.velocitiesKmS;
  const a = 3 * i;
  const b = a + 3;
  out[0] = h00 * p[a]! + h10 * v[a]! + h01 * p[b]! + h11 * v[b]!;
  out[1] = h00 * p[a + 1]! + h10 * v[a + 1]! + h01 * p[b + 1]! + h11 * v[b + 1]!;
  out[2] = h00 * p[a + 2]! + h10 * v[a + 2]! + h01 * p[b + 2]! + h11 * v[b + 2]!;
  return true;
}

/**
 * Sine of the Sun's elevation above the plane normal to `up` at t: the dot product of `up` with
 * the Sun's direction interpolated from the nodes (renormalised).
 */
export function sunSineElevation(
  track: SatelliteTrack,
  t: Instant,
  up: readonly [number, number, number],
): number {
  const x = Math.min(track.n - 1, Math.max(0, (t - track.t0Ms) / 1000 / track.stepS));
  const i = Math.min(track.n - 2, Math.floor(x));
  const s = x - i;
  const u = track.sunUnit;
  const a = 3 * i;
  const ux = u[a]! * (1 - s) + u[a + 3]! * s;
  const uy = u[a + 1]! * (1 - s) + u[a + 4]! * s;
  const uz = u[a + 2]! * (1 - s) + u[a + 5]! * s;
  return (up[0] * ux + up[1] * uy + up[2] * uz) / Math.sqrt(ux * ux + uy * uy + uz * uz);
}
