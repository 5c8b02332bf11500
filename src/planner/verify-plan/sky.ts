/**
 * The verifier's own geometry, written apart from the planner's: SGP4 straight from
 * satellite.js (TEME → Earth-fixed by satellite.js' GMST), WGS-84 points, a low-precision Sun
 * (Astronomical Almanac, ~0.01°), look angles from a station, and the pointing angles of a
 * satellite at a ground point. Nothing here imports the planner, access, orbit or passes code.
 */
import { type SatRec, ecfToLookAngles, gstime, propagate, twoline2satrec } from 'satellite.js';

export type Vec = [number, number, number];
export interface EcefState {
  readonly r: Vec;
  readonly v: Vec;
}

const OMEGA_EARTH = 7.292115e-5;
const A_WGS84 = 6378.137;
const F_WGS84 = 1 / 298.257223563;
const RAD = Math.PI / 180;

export function satrecOf(l1: string, l2: string): SatRec {
  return twoline2satrec(l1, l2);
}

/** Orbital period from the TLE mean motion (rev/day), ms. */
export function periodMsOf(l2: string): number {
  return 86_400_000 / Number(l2.slice(52, 63));
}

/** Earth-fixed state at t (UTC ms), or null when SGP4 fails. */
export function ecefAt(sat: SatRec, tMs: number): EcefState | null {
  const pv = propagate(sat, new Date(tMs));
  if (!pv || typeof pv.position !== 'object' || typeof pv.velocity !== 'object') return null;
  const g = gstime(new Date(tMs));
  const c = Math.cos(g);
  const s = Math.sin(g);
  const p = pv.position;
  const v = pv.velocity;
  const r: Vec = [c * p.x + s * p.y, -s * p.x + c * p.y, p.z];
  const vr: Vec = [
    c * v.x + s * v.y + OMEGA_EARTH * r[1],
    -s * v.x + c * v.y - OMEGA_EARTH * r[0],
    v.z,
  ];
  return { r, v: vr };
}

/** WGS-84 point at height h (km) → Earth-fixed, km. */
export function groundPoint(latDeg: number, lonDeg: number, hKm = 0): Vec {
  const lat = latDeg * RAD;
  const lon = lonDeg * RAD;
  const e2 = F_WGS84 * (2 - F_WGS84);
  const n = A_WGS84 / Math.sqrt(1 - e2 * Math.sin(lat) ** 2);
  return [
    (n + hKm) * Math.cos(lat) * Math.cos(lon),
    (n + hKm) * Math.cos(lat) * Math.sin(lon),
    (n * (1 - e2) + hKm) * Math.sin(lat),
  ];
}

/** Sun elevation (deg) over a point at t. */
export function sunElevationDeg(latDeg: number, lonDeg: number, tMs: number): number {
  const n = tMs / 86_400_000 + 2440587.5 - 2451545.0;
  const L = (280.46 + 0.9856474 * n) * RAD;
  const g = (357.528 + 0.9856003 * n) * RAD;
  const lam = L + (1.915 * Math.sin(g) + 0.02 * Math.sin(2 * g)) * RAD;
  const eps = (23.439 - 4e-7 * n) * RAD;
  const xi = Math.cos(lam);
  const yi = Math.cos(eps) * Math.sin(lam);
  const zi = Math.sin(eps) * Math.sin(lam);
  const gm = gstime(new Date(tMs));
  const x = Math.cos(gm) * xi + Math.sin(gm) * yi;
  const y = -Math.sin(gm) * xi + Math.cos(gm) * yi;
  const lat = latDeg * RAD;
  const lon = lonDeg * RAD;
  const up: Vec = [Math.cos(lat) * Math.cos(lon), Math.cos(lat) * Math.sin(lon), Math.sin(lat)];
  return Math.asin(up[0] * x + up[1] * y + up[2] * zi) / RAD;
}

/** Elevation (deg) of the satellite seen from a station. */
export function elevationDeg(
  st: { latitudeDeg: number; longitudeDeg: number; altitudeM: number },
  r: Vec,
): number {
  const la = ecfToLookAngles(
    {
      latitude: st.latitudeDeg * RAD,
      longitude: st.longitudeDeg * RAD,
      height: st.altitudeM / 1000,
    },
    { x: r[0], y: r[1], z: r[2] },
  );
  return la.elevation / RAD;
}

const dot = (a: Vec, b: Vec): number => a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
const norm = (a: Vec): number => Math.sqrt(dot(a, a));
const scale = (a: Vec, k: number): Vec => [a[0] * k, a[1] * k, a[2] * k];
const sub = (a: Vec, b: Vec): Vec => [a[0] - b[0], a[1] - b[1], a[2] - b[2]];
const cross = (a: Vec, b: Vec): Vec => [
  a[1] * b[2] - a[2] * b[1],
  a[2] * b[0] - a[0] * b[2],
  a[0] * b[1] - a[1] * b[0],
];

export interface Look {
  readonly offNadirDeg: number;
  readonly rollDeg: number;
  readonly pitchDeg: number;
  /** Incidence at the target (angle from the local vertical to the satellite), deg. */
  readonly incidenceDeg: number;
  readonly groundSpeedKmS: number;
}

/** How the satellite looks at ground point p (Earth-fixed, km). */
export function look(s: EcefState, p: Vec): Look {
  const nadir = scale(s.r, -1 / norm(s.r));
  const vAlong = sub(s.v, scale(nadir, dot(s.v, nadir)));
  const along = scale(vAlong, 1 / norm(vAlong));
  const right = cross(nadir, along);
  const d = sub(p, s.r);
  const dn = dot(d, nadir);
  const up = scale(p, 1 / norm(p));
  const toSat = scale(sub(s.r, p), 1 / norm(sub(s.r, p)));
  return {
    offNadirDeg: Math.acos(Math.min(1, dn / norm(d))) / RAD,
    rollDeg: Math.atan2(dot(d, right), dn) / RAD,
    pitchDeg: Math.atan2(dot(d, along), dn) / RAD,
    incidenceDeg: Math.acos(Math.min(1, dot(up, toSat))) / RAD,
    groundSpeedKmS: (norm(vAlong) * norm(p)) / norm(s.r),
  };
}

/**
 * Heading of the ground track (clockwise from north, 0…360°) at t: the bearing from the
 * sub-satellite point (geocentric) 5 s before to the one 5 s after. Null when SGP4 fails.
 */
export function trackHeadingDeg(sat: SatRec, tMs: number): number | null {
  const a = ecefAt(sat, tMs - 5000);
  const b = ecefAt(sat, tMs + 5000);
  if (!a || !b) return null;
  const sub = (r: Vec): [number, number] => [
    Math.atan2(r[2], Math.hypot(r[0], r[1])),
    Math.atan2(r[1], r[0]),
  ];
  const [p1, l1] = sub(a.r);
  const [p2, l2] = sub(b.r);
  const y = Math.sin(l2 - l1) * Math.cos(p2);
  const x = Math.cos(p1) * Math.sin(p2) - Math.sin(p1) * Math.cos(p2) * Math.cos(l2 - l1);
  const h = Math.atan2(y, x) / RAD;
  return h < 0 ? h + 360 : h;
}
