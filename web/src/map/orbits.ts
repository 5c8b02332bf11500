/**
 * Orbit geometry for the map, in the browser: SGP4 (satellite.js) from the newest element sets,
 * sub-satellite points, ground tracks, sensor field of regard, swaths and station visibility
 * circles. Spherical Earth (mean radius): good to a few kilometres, which is what a map shows.
 */
import { twoline2satrec } from 'satellite.js/dist/io.js';
import { gstime } from 'satellite.js/dist/propagation/gstime.js';
import type { SatRec } from 'satellite.js/dist/propagation/SatRec.js';
import { sgp4 } from 'satellite.js/dist/propagation/sgp4.js';
import { eciToGeodetic } from 'satellite.js/dist/transforms.js';

export { gstime };

export const EARTH_RADIUS_KM = 6371.0088;
const DEG = Math.PI / 180;
const MINUTE_MS = 60_000;

export interface ElementSet {
  satelliteId: string;
  name: string;
  epoch: string;
  line1: string;
  line2: string;
}

export interface OrbitingSatellite {
  readonly id: string;
  readonly name: string;
  readonly satrec: SatRec;
  readonly epochMs: number;
  /** Anomalistic period, minutes. */
  readonly periodMin: number;
  readonly inclinationDeg: number;
}

export interface SubPoint {
  latitudeDeg: number;
  longitudeDeg: number;
  altitudeKm: number;
}

/** Element sets SGP4 cannot initialise are left out (reported by the caller's count). */
export function toSatellites(sets: readonly ElementSet[]): OrbitingSatellite[] {
  const out: OrbitingSatellite[] = [];
  for (const e of sets) {
    const satrec = twoline2satrec(e.line1, e.line2);
    if (satrec.error !== 0 || !(satrec.no > 0)) continue;
    out.push({
      id: e.satelliteId,
      name: e.name,
      satrec,
      epochMs: (satrec.jdsatepoch - 2440587.5) * 86_400_000,
      periodMin: (2 * Math.PI) / satrec.no,
      inclinationDeg: satrec.inclo / DEG,
    });
  }
  return out;
}

/** Julian date of a Unix instant (ms). */
export const julianDate = (tMs: number): number => tMs / 86_400_000 + 2440587.5;

/** Sub-satellite point at `tMs`, or null when SGP4 fails (decayed, bad elements). */
export function subPoint(
  sat: OrbitingSatellite,
  tMs: number,
  gmst = gstime(julianDate(tMs)),
): SubPoint | null {
  const pv = sgp4(sat.satrec, (tMs - sat.epochMs) / MINUTE_MS);
  if (!pv || typeof pv.position !== 'object') return null;
  const g = eciToGeodetic(pv.position, gmst);
  if (!Number.isFinite(g.latitude)) return null;
  let lon = g.longitude / DEG;
  lon = ((((lon + 180) % 360) + 360) % 360) - 180;
  return { latitudeDeg: g.latitude / DEG, longitudeDeg: lon, altitudeKm: g.height };
}

/** Ground track between `fromMs` and `toMs`: lines split where they cross the antimeridian. */
export function groundTrack(
  sat: OrbitingSatellite,
  fromMs: number,
  toMs: number,
  stepS = 30,
): Array<Array<[number, number]>> {
  const lines: Array<Array<[number, number]>> = [];
  let line: Array<[number, number]> = [];
  let prevLon: number | null = null;
  for (let t = fromMs; t <= toMs; t += stepS * 1000) {
    const p = subPoint(sat, t);
    if (!p) continue;
    if (prevLon !== null && Math.abs(p.longitudeDeg - prevLon) > 180) {
      if (line.length > 1) lines.push(line);
      line = [];
    }
    line.push([p.longitudeDeg, p.latitudeDeg]);
    prevLon = p.longitudeDeg;
  }
  if (line.length > 1) lines.push(line);
  return lines;
}

/** Point at `distanceKm` from (lat, lon) along `bearingDeg` on the sphere. */
export function destination(
  latDeg: number,
  lonDeg: number,
  bearingDeg: number,
  distanceKm: number,
): [number, number] {
  const d = distanceKm / EARTH_RADIUS_KM;
  const lat1 = latDeg * DEG;
  const lon1 = lonDeg * DEG;
  const b = bearingDeg * DEG;
  const lat2 = Math.asin(Math.sin(lat1) * Math.cos(d) + Math.cos(lat1) * Math.sin(d) * Math.cos(b));
  const lon2 =
    lon1 +
    Math.atan2(
      Math.sin(b) * Math.sin(d) * Math.cos(lat1),
      Math.cos(d) - Math.sin(lat1) * Math.sin(lat2),
    );
  return [lon2 / DEG, lat2 / DEG];
}

/** Initial bearing from a to b, degrees clockwise from north. */
export function bearing(a: [number, number], b: [number, number]): number {
  const [lon1, lat1] = [a[0] * DEG, a[1] * DEG];
  const [lon2, lat2] = [b[0] * DEG, b[1] * DEG];
  const y = Math.sin(lon2 - lon1) * Math.cos(lat2);
  const x =
    Math.cos(lat1) * Math.sin(lat2) - Math.sin(lat1) * Math.cos(lat2) * Math.cos(lon2 - lon1);
  return Math.atan2(y, x) / DEG;
}

/**
 * A circle of `radiusKm` around (lat, lon) as a polygon ring, longitudes kept continuous
 * (they may pass ±180: MapLibre draws them on the neighbouring world copy).
 */
export function circle(
  latDeg: number,
  lonDeg: number,
  radiusKm: number,
  steps = 96,
): Array<[number, number]> {
  const ring: Array<[number, number]> = [];
  let prev = lonDeg;
  for (let i = 0; i <= steps; i++) {
    const [lon, lat] = destination(latDeg, lonDeg, (360 * i) / steps, radiusKm);
    let l = lon;
    while (l - prev > 180) l -= 360;
    while (prev - l > 180) l += 360;
    ring.push([l, lat]);
    prev = l;
  }
  return ring;
}

/** Ground distance (km) from nadir to the point seen at `offNadirDeg` from altitude `altitudeKm`. */
export function groundRangeKm(altitudeKm: number, offNadirDeg: number): number {
  const eta = offNadirDeg * DEG;
  const s = ((EARTH_RADIUS_KM + altitudeKm) / EARTH_RADIUS_KM) * Math.sin(eta);
  if (s >= 1) return horizonRangeKm(altitudeKm);
  return (Math.asin(s) - eta) * EARTH_RADIUS_KM;
}

/** Off-nadir angle (deg) at which the ground is seen with `incidenceDeg` from `altitudeKm`. */
export function offNadirForIncidence(altitudeKm: number, incidenceDeg: number): number {
  return (
    Math.asin((EARTH_RADIUS_KM / (EARTH_RADIUS_KM + altitudeKm)) * Math.sin(incidenceDeg * DEG)) /
    DEG
  );
}

function horizonRangeKm(altitudeKm: number): number {
  return Math.acos(EARTH_RADIUS_KM / (EARTH_RADIUS_KM + altitudeKm)) * EARTH_RADIUS_KM;
}

/**
 * Ground radius (km) of a station's visibility circle: where a satellite at `altitudeKm` is seen
 * at `minElevationDeg` above the horizon.
 */
export function visibilityRadiusKm(altitudeKm: number, minElevationDeg: number): number {
  const el = minElevationDeg * DEG;
  const lambda = Math.acos((EARTH_RADIUS_KM * Math.cos(el)) / (EARTH_RADIUS_KM + altitudeKm)) - el;
  return lambda * EARTH_RADIUS_KM;
}
