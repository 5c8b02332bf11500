/**
 * Pointing a ground antenna at a geostationary satellite: azimuth, elevation, slant range and
 * polarisation skew from a WGS-84 site, for a nominal orbital slot or an Earth-fixed position
 * (from an element set through SGP4, see {@link geoPositionFromPropagator}).
 */
import { geodeticToItrf, type Geodetic } from '../core/geodetic.js';
import { temeToItrf } from '../core/frames.js';
import { DomainError } from '../core/errors.js';
import type { Instant } from '../core/time.js';
import { lookAngles, topocentricFrame } from '../core/topocentric.js';
import { DEG_TO_RAD, RAD_TO_DEG } from '../core/units.js';
import { type ItrfVec, itrf } from '../core/vector.js';
import type { Propagator } from '../orbit/propagator.js';

/** Radius of the geostationary orbit, km (GM = 398 600.4418 km³/s², one sidereal day). */
export const GEO_RADIUS_KM = 42_164.17;

/** Earth-fixed position (km) of a satellite at its nominal geostationary slot (equator, GEO radius). */
export function nominalGeoPositionItrf(longitudeDeg: number): ItrfVec {
  const l = longitudeDeg * DEG_TO_RAD;
  return itrf(GEO_RADIUS_KM * Math.cos(l), GEO_RADIUS_KM * Math.sin(l), 0);
}

/**
 * Earth-fixed position (km) of a satellite from its SGP4 propagator at instant `t` (UTC ms).
 * @throws DomainError when SGP4 fails at that time.
 */
export function geoPositionFromPropagator(prop: Propagator, t: Instant): ItrfVec {
  const s = prop.at(t);
  if (!s.ok) throw new DomainError(`SGP4 failed for ${prop.elements.name}: ${s.message}`);
  return temeToItrf({ positionKm: s.positionKm, velocityKmS: s.velocityKmS }, t).positionKm;
}

/** Pointing of a site's antenna at a satellite. */
export interface GeoLook {
  /** Azimuth from true north, clockwise, degrees [0, 360). */
  readonly azimuthDeg: number;
  /** Geometric elevation above the ellipsoid's tangent plane, degrees (no refraction). */
  readonly elevationDeg: number;
  /**
   * Polarisation skew, degrees in (−90, 90]: the angle, about the line of sight, from the
   * site's local vertical to the satellite's polarisation reference (the direction of the
   * Earth's axis, as linear "vertical" polarisation is defined on board). Positive means
   * clockwise as seen from behind the dish looking at the satellite.
   */
  readonly skewDeg: number;
  /** Slant range, km. */
  readonly rangeKm: number;
}

/** Look angles and skew from a site to an Earth-fixed satellite position (km). */
export function geoLook(site: Geodetic, satelliteKm: ItrfVec): GeoLook {
  const frame = topocentricFrame(site);
  const la = lookAngles(frame, satelliteKm, itrf(0, 0, 0));
  const o = geodeticToItrf(site);
  const d = [satelliteKm.x - o.x, satelliteKm.y - o.y, satelliteKm.z - o.z];
  const n = Math.hypot(d[0]!, d[1]!, d[2]!);
  const u = d.map((v) => v / n);
  const perp = (v: readonly number[]): number[] => {
    const k = v[0]! * u[0]! + v[1]! * u[1]! + v[2]! * u[2]!;
    return [v[0]! - k * u[0]!, v[1]! - k * u[1]!, v[2]! - k * u[2]!];
  };
  const pg = perp(frame.up); // site vertical, seen across the beam
  const ps = perp([0, 0, 1]); // satellite reference (Earth's axis), seen across the beam
  const cross = [
    pg[1]! * ps[2]! - pg[2]! * ps[1]!,
    pg[2]! * ps[0]! - pg[0]! * ps[2]!,
    pg[0]! * ps[1]! - pg[1]! * ps[0]!,
  ];
  const sin = cross[0]! * u[0]! + cross[1]! * u[1]! + cross[2]! * u[2]!;
  const cos = pg[0]! * ps[0]! + pg[1]! * ps[1]! + pg[2]! * ps[2]!;
  let skew = Math.atan2(sin, cos) * RAD_TO_DEG;
  // a linear polarisation is a line, not an arrow: fold into (−90, 90]
  if (skew > 90) skew -= 180;
  if (skew <= -90) skew += 180;
  return {
    azimuthDeg: la.azimuthDeg,
    elevationDeg: la.elevationDeg,
    skewDeg: skew,
    rangeKm: la.rangeKm,
  };
}
