/**
 * WGS-84 geodetic coordinates ↔ Earth-fixed Cartesian coordinates.
 */
import { DEG_TO_RAD, RAD_TO_DEG, WGS84_A_KM, WGS84_E2 } from './units.js';
import { type ItrfVec, itrf } from './vector.js';

/** A point on or above the WGS-84 ellipsoid: geodetic latitude and longitude in degrees, height in km. */
export interface Geodetic {
  readonly latitudeDeg: number;
  readonly longitudeDeg: number;
  readonly altitudeKm: number;
}

/** Earth-fixed position (km) of a geodetic point. */
export function geodeticToItrf(p: Geodetic): ItrfVec {
  const lat = p.latitudeDeg * DEG_TO_RAD;
  const lon = p.longitudeDeg * DEG_TO_RAD;
  const sinLat = Math.sin(lat);
  const cosLat = Math.cos(lat);
  const n = WGS84_A_KM / Math.sqrt(1 - WGS84_E2 * sinLat * sinLat);
  return itrf(
    (n + p.altitudeKm) * cosLat * Math.cos(lon),
    (n + p.altitudeKm) * cosLat * Math.sin(lon),
    (n * (1 - WGS84_E2) + p.altitudeKm) * sinLat,
  );
}

/**
 * Geodetic point of an Earth-fixed position (km). Iterates Bowring's fixed point to 1e-12 rad
 * (≈ 6 µm), at most 10 times; valid from the centre of the Earth to deep space, poles included.
 */
export function itrfToGeodetic(r: ItrfVec): Geodetic {
  const p = Math.hypot(r.x, r.y);
  const lon = Math.atan2(r.y, r.x);
  let lat = Math.atan2(r.z, p * (1 - WGS84_E2));
  for (let i = 0; i < 10; i++) {
    const sinLat = Math.sin(lat);
    const n = WGS84_A_KM / Math.sqrt(1 - WGS84_E2 * sinLat * sinLat);
    const next = Math.atan2(r.z + n * WGS84_E2 * sinLat, p);
    const done = Math.abs(next - lat) < 1e-12;
    lat = next;
    if (done) break;
  }
  const sinLat = Math.sin(lat);
  const cosLat = Math.cos(lat);
  const n = WGS84_A_KM / Math.sqrt(1 - WGS84_E2 * sinLat * sinLat);
  // valid at every latitude (no division by cos φ near the poles)
  const h = p * cosLat + (r.z + WGS84_E2 * n * sinLat) * sinLat - n;
  return { latitudeDeg: lat * RAD_TO_DEG, longitudeDeg: lon * RAD_TO_DEG, altitudeKm: h };
}
