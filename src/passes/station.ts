/**
 * A ground station: where it is, and above what elevation it can track (a constant minimum
 * elevation, optionally raised by an azimuth-dependent horizon mask).
 */
import type { Geodetic } from '../core/geodetic.js';
import { wrapDeg360 } from '../core/units.js';

/** One point of a horizon mask: the lowest usable elevation (deg) at an azimuth (deg). */
export interface HorizonPoint {
  readonly azimuthDeg: number;
  readonly elevationDeg: number;
}

export interface GroundStation {
  /** Short identifier, e.g. `bamako`. */
  readonly id: string;
  readonly name: string;
  /** Owning nation code (ML, BF, NE) or AES for the joint centre; empty for user sites. */
  readonly nation: string;
  readonly latitudeDeg: number;
  readonly longitudeDeg: number;
  readonly altitudeM: number;
  /** Minimum elevation for a pass, deg. */
  readonly minElevationDeg: number;
  /**
   * Optional horizon mask, interpolated linearly in azimuth (wrapping at 360°). The effective
   * threshold at an azimuth is the larger of the mask and `minElevationDeg`.
   */
  readonly horizonMask?: readonly HorizonPoint[];
}

/** The station's position as a geodetic point (altitude in km). */
export function stationGeodetic(s: GroundStation): Geodetic {
  return {
    latitudeDeg: s.latitudeDeg,
    longitudeDeg: s.longitudeDeg,
    altitudeKm: s.altitudeM / 1000,
  };
}

/**
 * Returns the function azimuth (deg) → elevation threshold (deg) of a station. A mask is sorted
 * by azimuth once; lookups interpolate between neighbours, wrapping around north.
 */
export function elevationThreshold(s: GroundStation): (azimuthDeg: number) => number {
  const min = s.minElevationDeg;
  const mask = s.horizonMask;
  if (!mask || mask.length === 0) return () => min;
  const pts = [...mask]
    .map((p) => ({ az: wrapDeg360(p.azimuthDeg), el: p.elevationDeg }))
    .sort((a, b) => a.az - b.az);
  const first = pts[0]!;
  const last = pts[pts.length - 1]!;
  return (azimuthDeg: number) => {
    const az = wrapDeg360(azimuthDeg);
    let lo = last;
    let hi = first;
    let loAz = last.az - 360;
    let hiAz = first.az;
    for (let i = 0; i < pts.length; i++) {
      const p = pts[i]!;
      if (p.az >= az) {
        hi = p;
        hiAz = p.az;
        const prev = i > 0 ? pts[i - 1]! : last;
        lo = prev;
        loAz = i > 0 ? prev.az : prev.az - 360;
        break;
      }
      if (i === pts.length - 1) {
        lo = p;
        loAz = p.az;
        hi = first;
        hiAz = first.az + 360;
      }
    }
    const span = hiAz - loAz;
    const el = span > 0 ? lo.el + ((hi.el - lo.el) * (az - loAz)) / span : lo.el;
    return Math.max(min, el);
  };
}
