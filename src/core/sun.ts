/**
 * The Sun: apparent geocentric position (Meeus, "Astronomical Algorithms", 2nd ed., ch. 25, the
 * "low accuracy" series, 0.01° or better over 1950–2050; checked against Skyfield/DE421 in the
 * tests), its elevation at a ground point, and the Earth's shadow on a satellite.
 */
import { gmst1982 } from './earth-rotation.js';
import { type Geodetic } from './geodetic.js';
import { type Instant, centuriesTtSinceJ2000 } from './time.js';
import { type TopocentricFrame, elevationDeg, topocentricFrame } from './topocentric.js';
import { AU_KM, DEG_TO_RAD, SUN_RADIUS_KM, WGS84_A_KM } from './units.js';
import { type ItrfVec, type TemeVec, type Vec3, itrf, teme } from './vector.js';

/**
 * Apparent geocentric position of the Sun (km) in the TEME frame (true equator, mean equinox
 * of date): Meeus's apparent right ascension minus the equation of the equinoxes.
 */
export function sunPositionTeme(t: Instant): TemeVec {
  const T = centuriesTtSinceJ2000(t);
  const L0 = 280.46646 + 36000.76983 * T + 0.0003032 * T * T;
  const M = (357.52911 + 35999.05029 * T - 0.0001537 * T * T) * DEG_TO_RAD;
  const e = 0.016708634 - 0.000042037 * T - 0.0000001267 * T * T;
  const C =
    (1.914602 - 0.004817 * T - 0.000014 * T * T) * Math.sin(M) +
    (0.019993 - 0.000101 * T) * Math.sin(2 * M) +
    0.000289 * Math.sin(3 * M);
  const trueLongitudeDeg = L0 + C;
  const nu = M + C * DEG_TO_RAD;
  const rAu = (1.000001018 * (1 - e * e)) / (1 + e * Math.cos(nu));
  const omega = (125.04 - 1934.136 * T) * DEG_TO_RAD;
  // apparent longitude: aberration (−20.5″) and nutation in longitude (≈ −17.2″ sin Ω)
  const lambda = (trueLongitudeDeg - 0.00569 - 0.00478 * Math.sin(omega)) * DEG_TO_RAD;
  const eps0 = 23 + 26 / 60 + (21.448 - 46.815 * T - 0.00059 * T * T + 0.001813 * T * T * T) / 3600;
  const eps = (eps0 + 0.00256 * Math.cos(omega)) * DEG_TO_RAD;
  const ra = Math.atan2(Math.cos(eps) * Math.sin(lambda), Math.cos(lambda));
  const dec = Math.asin(Math.sin(eps) * Math.sin(lambda));
  // TEME's x axis is the mean equinox: subtract the equation of the equinoxes Δψ·cos ε.
  const eqEq = -0.00478 * Math.sin(omega) * Math.cos(eps) * DEG_TO_RAD;
  const raTeme = ra - eqEq;
  const r = rAu * AU_KM;
  return teme(
    r * Math.cos(dec) * Math.cos(raTeme),
    r * Math.cos(dec) * Math.sin(raTeme),
    r * Math.sin(dec),
  );
}

/** Position of the Sun (km) in the Earth-fixed frame. */
export function sunPositionItrf(t: Instant, dut1S = 0): ItrfVec {
  const s = sunPositionTeme(t);
  const g = gmst1982(t, dut1S);
  const c = Math.cos(g);
  const sn = Math.sin(g);
  return itrf(c * s.x + sn * s.y, -sn * s.x + c * s.y, s.z);
}

/**
 * Geometric elevation of the Sun's centre (degrees, no refraction) seen from a ground point.
 * Accepts a prepared frame to avoid recomputing it in loops.
 */
export function sunElevationDeg(site: Geodetic | TopocentricFrame, t: Instant, dut1S = 0): number {
  const frame = 'up' in site ? site : topocentricFrame(site);
  return elevationDeg(frame, sunPositionItrf(t, dut1S));
}

/** Which part of the Earth's shadow a satellite is in. */
export type ShadowRegion = 'sunlit' | 'penumbra' | 'umbra' | 'antumbra';

/** Result of the conical shadow model. */
export interface Shadow {
  readonly region: ShadowRegion;
  /** Fraction of the solar disk visible from the satellite, 0 (umbra) to 1 (sunlit). */
  readonly sunFraction: number;
  /** True when the line to the Sun's centre passes through the Earth (point-Sun model). */
  readonly sunCentreOccluded: boolean;
}

/**
 * Conical shadow model (Montenbruck & Gill, "Satellite Orbits", §3.4.2): spherical Earth of
 * WGS-84 equatorial radius, Sun as a disk of radius 695 700 km; the visible fraction of the disk
 * is the exact area of two overlapping circles. Both vectors in the same inertial frame, km.
 */
export function conicalShadow(satelliteKm: Vec3, sunKm: Vec3): Shadow {
  const sx = sunKm.x - satelliteKm.x;
  const sy = sunKm.y - satelliteKm.y;
  const sz = sunKm.z - satelliteKm.z;
  const dSun = Math.sqrt(sx * sx + sy * sy + sz * sz);
  const dEarth = Math.sqrt(satelliteKm.x ** 2 + satelliteKm.y ** 2 + satelliteKm.z ** 2);
  const a = Math.asin(Math.min(1, SUN_RADIUS_KM / dSun)); // apparent radius of the Sun
  const b = Math.asin(Math.min(1, WGS84_A_KM / dEarth)); // apparent radius of the Earth
  const cosC = -(satelliteKm.x * sx + satelliteKm.y * sy + satelliteKm.z * sz) / (dEarth * dSun);
  const c = Math.acos(Math.max(-1, Math.min(1, cosC))); // separation of the two centres
  const occluded = c < b;
  if (c >= a + b) return { region: 'sunlit', sunFraction: 1, sunCentreOccluded: false };
  if (c <= b - a) return { region: 'umbra', sunFraction: 0, sunCentreOccluded: true };
  if (c <= a - b) {
    return { region: 'antumbra', sunFraction: 1 - (b * b) / (a * a), sunCentreOccluded: occluded };
  }
  // partial overlap of two disks of radii a, b at distance c
  const x = (c * c + a * a - b * b) / (2 * c);
  const y = Math.sqrt(Math.max(0, a * a - x * x));
  const overlap = a * a * Math.acos(x / a) + b * b * Math.acos((c - x) / b) - c * y;
  const fraction = 1 - overlap / (Math.PI * a * a);
  return {
    region: 'penumbra',
    sunFraction: Math.max(0, Math.min(1, fraction)),
    sunCentreOccluded: occluded,
  };
}

/**
 * Cylindrical shadow model: the satellite is in shadow when it is behind the Earth relative to
 * the Sun and within one Earth radius (WGS-84 equatorial) of the Earth–Sun axis. Cheap; ignores
 * the penumbra (a few seconds per eclipse edge in LEO).
 */
export function inCylindricalShadow(satelliteKm: Vec3, sunKm: Vec3): boolean {
  const d = Math.sqrt(sunKm.x ** 2 + sunKm.y ** 2 + sunKm.z ** 2);
  const ux = sunKm.x / d;
  const uy = sunKm.y / d;
  const uz = sunKm.z / d;
  const along = satelliteKm.x * ux + satelliteKm.y * uy + satelliteKm.z * uz;
  if (along >= 0) return false;
  const px = satelliteKm.x - along * ux;
  const py = satelliteKm.y - along * uy;
  const pz = satelliteKm.z - along * uz;
  return px * px + py * py + pz * pz < WGS84_A_KM * WGS84_A_KM;
}
