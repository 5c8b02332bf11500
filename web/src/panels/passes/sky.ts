/**
 * Sky track of a pass as seen from a station, computed with satellite.js (SGP4) from the
 * satellite's element set, and the polar projection of the sky plot. The SGP4 functions come in
 * as a value: the browser passes the JavaScript files of satellite.js (sky-browser.ts; its index
 * would also load the WebAssembly builds), tests pass the package itself.
 */
import type {
  degreesToRadians,
  ecfToLookAngles,
  eciToEcf,
  gstime,
  propagate,
  twoline2satrec,
} from 'satellite.js';

/** The satellite.js functions the sky track uses. */
export interface Sgp4Lib {
  twoline2satrec: typeof twoline2satrec;
  propagate: typeof propagate;
  gstime: typeof gstime;
  eciToEcf: typeof eciToEcf;
  ecfToLookAngles: typeof ecfToLookAngles;
  degreesToRadians: typeof degreesToRadians;
}

export interface SkyPoint {
  /** Unix ms UTC. */
  readonly t: number;
  readonly azimuthDeg: number;
  readonly elevationDeg: number;
  readonly rangeKm: number;
}

export interface StationSite {
  readonly latitudeDeg: number;
  readonly longitudeDeg: number;
  readonly altitudeM: number;
}

const RAD = 180 / Math.PI;

/**
 * Azimuth (from north, clockwise), elevation and range every `stepS` seconds from `startMs` to
 * `endMs` (both included).
 * @throws Error when the element set cannot be read or SGP4 fails (decayed orbit).
 */
export function skyTrackWith(
  lib: Sgp4Lib,
  tle: readonly [string, string],
  site: StationSite,
  startMs: number,
  endMs: number,
  stepS = 10,
): SkyPoint[] {
  const [l1, l2] = tle;
  if (
    !/^1 [ 0-9A-Z]{5}/.test(l1) ||
    !/^2 [ 0-9A-Z]{5}/.test(l2) ||
    l1.length < 69 ||
    l2.length < 69
  ) {
    throw new Error('not a two-line element set (lines "1 …" and "2 …" of 69 characters)');
  }
  const satrec = lib.twoline2satrec(l1, l2);
  if (satrec.error || !Number.isFinite(satrec.no)) {
    throw new Error(`SGP4 error ${satrec.error} for this element set`);
  }
  const observer = {
    latitude: lib.degreesToRadians(site.latitudeDeg),
    longitude: lib.degreesToRadians(site.longitudeDeg),
    height: site.altitudeM / 1000,
  };
  const points: SkyPoint[] = [];
  const stepMs = Math.max(1, stepS) * 1000;
  for (let t = startMs; ; t = Math.min(endMs, t + stepMs)) {
    const date = new Date(t);
    const pv = lib.propagate(satrec, date);
    if (!pv || typeof pv.position !== 'object') {
      throw new Error(`SGP4 error ${satrec.error} at ${date.toISOString()}`);
    }
    const look = lib.ecfToLookAngles(observer, lib.eciToEcf(pv.position, lib.gstime(date)));
    points.push({
      t,
      azimuthDeg: (((look.azimuth * RAD) % 360) + 360) % 360,
      elevationDeg: look.elevation * RAD,
      rangeKm: look.rangeSat,
    });
    if (t >= endMs) break;
  }
  return points;
}

/**
 * Polar sky-plot position: zenith at the centre, horizon on the circle of `radius`, north up,
 * east to the right (as seen looking up at the sky from below, the convention of pass predictors).
 */
export function polarXY(
  azimuthDeg: number,
  elevationDeg: number,
  radius: number,
): [number, number] {
  const r = (radius * (90 - Math.max(0, Math.min(90, elevationDeg)))) / 90;
  const a = (azimuthDeg * Math.PI) / 180;
  return [r * Math.sin(a), -r * Math.cos(a)];
}
