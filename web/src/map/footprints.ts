/**
 * Footprints of a sensor on the ground for the map: the field of regard (everything it can point
 * at from where the satellite is) and the swath along the track.
 */
import type { FeatureCollection } from 'geojson';
import {
  type OrbitingSatellite,
  type SubPoint,
  bearing,
  destination,
  groundRangeKm,
  offNadirForIncidence,
  subPoint,
} from './orbits.js';

/** A stored sensor (`GET /api/v1/sensors`): `data` holds its geometry when known. */
export interface Sensor {
  id: string;
  satelliteId: string | null;
  name: string;
  type: string;
  data: Record<string, unknown>;
}

/** Swath drawn this long before and after the shown time. */
export const SWATH_SPAN_MS = 12 * 60_000;

const empty = (): FeatureCollection => ({ type: 'FeatureCollection', features: [] });

const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

/** Radius (km) of the field of regard: all the ground the sensor can point at from here. */
export function regardRadiusKm(sensor: Sensor | undefined, altitudeKm: number): number | null {
  if (!sensor) return null;
  const maxOffNadir = num(sensor.data.maxOffNadirDeg);
  if (maxOffNadir !== null) return groundRangeKm(altitudeKm, maxOffNadir);
  const far = num(sensor.data.incidenceFarDeg);
  if (far !== null) return groundRangeKm(altitudeKm, offNadirForIncidence(altitudeKm, far));
  return null;
}

/**
 * The swath along the track around `t`: the nadir strip of an optical imager (± swath/2), or
 * the band between near and far incidence on the looking side of a SAR.
 */
export function swathOf(
  sat: OrbitingSatellite,
  sensor: Sensor | undefined,
  t: number,
): FeatureCollection {
  if (!sensor) return empty();
  const swathKm = num(sensor.data.swathKm);
  const near = num(sensor.data.incidenceNearDeg);
  const far = num(sensor.data.incidenceFarDeg);
  const side = sensor.data.lookSide === 'left' ? -1 : 1;
  const points: Array<{ p: SubPoint; ll: [number, number] }> = [];
  for (let u = t - SWATH_SPAN_MS; u <= t + SWATH_SPAN_MS; u += 20_000) {
    const p = subPoint(sat, u);
    if (p) points.push({ p, ll: [p.longitudeDeg, p.latitudeDeg] });
  }
  if (points.length < 2) return empty();
  const left: Array<[number, number]> = [];
  const right: Array<[number, number]> = [];
  for (let i = 0; i < points.length; i++) {
    const a = points[Math.max(0, i - 1)]!.ll;
    const b = points[Math.min(points.length - 1, i + 1)]!.ll;
    const heading = bearing(a, b);
    const { p } = points[i]!;
    let inner: number;
    let outer: number;
    if (near !== null && far !== null) {
      inner = side * groundRangeKm(p.altitudeKm, offNadirForIncidence(p.altitudeKm, near));
      outer = side * groundRangeKm(p.altitudeKm, offNadirForIncidence(p.altitudeKm, far));
    } else if (swathKm !== null) {
      inner = -swathKm / 2;
      outer = swathKm / 2;
    } else return empty();
    left.push(destination(p.latitudeDeg, p.longitudeDeg, heading + 90, inner));
    right.push(destination(p.latitudeDeg, p.longitudeDeg, heading + 90, outer));
  }
  // Keep longitudes continuous along the strip (it may cross ±180).
  const ring = [...left, ...right.reverse()];
  for (let i = 1; i < ring.length; i++) {
    const prev = ring[i - 1]![0];
    let l = ring[i]![0];
    while (l - prev > 180) l -= 360;
    while (prev - l > 180) l += 360;
    ring[i] = [l, ring[i]![1]];
  }
  ring.push(ring[0]!);
  return {
    type: 'FeatureCollection',
    features: [
      { type: 'Feature', properties: {}, geometry: { type: 'Polygon', coordinates: [ring] } },
    ],
  };
}
