/**
 * Positions the benchmark's verifier works with: satellites from SGP4 with WGS-84 constants
 * (its propagator's choice), TEME → Earth-fixed by GMST 1982 (UT1 = UTC), targets on the WGS-84
 * ellipsoid. Kilometres throughout.
 */
import { geodeticToItrf } from '../../core/geodetic.js';
import { type NearEarthSgp4, SGP4_WGS84, createNearEarthSgp4 } from '../../orbit/sgp4-gravity.js';
import { applyInto, temeToEcefInto, temeToJ2000Matrix } from './frames.js';
import type { AeosspSatellite, AeosspTask } from './model.js';

/** SGP4 for one satellite of a case. */
export interface SatelliteTrack {
  readonly sgp4: NearEarthSgp4;
  /** TEME position (km) at UTC ms `t` into `out`; false when SGP4 fails. */
  teme(t: number, out: Float64Array): boolean;
  /** Earth-fixed position (km); false when SGP4 fails. */
  ecef(t: number, out: Float64Array): boolean;
  /** J2000 position (km); false when SGP4 fails. */
  j2000(t: number, out: Float64Array): boolean;
}

/**
 * SGP4 track of a satellite. `matrixAt` gives the TEME → J2000 rotation at an instant (pass a
 * memoised one when many satellites are evaluated at the same instants).
 */
export function satelliteTrack(
  sat: AeosspSatellite,
  matrixAt: (t: number) => Float64Array = temeToJ2000Matrix,
): SatelliteTrack {
  const sgp4 = createNearEarthSgp4(sat.tleLine1, sat.tleLine2, SGP4_WGS84);
  const tmp = new Float64Array(3);
  const teme = (t: number, out: Float64Array): boolean =>
    sgp4.positionAt((t - sgp4.epochMs) / 60_000, out, 0);
  return {
    sgp4,
    teme,
    ecef(t, out) {
      if (!teme(t, tmp)) return false;
      temeToEcefInto(t, tmp, out);
      return true;
    },
    j2000(t, out) {
      if (!teme(t, tmp)) return false;
      applyInto(matrixAt(t), tmp, out);
      return true;
    },
  };
}

/** Earth-fixed position (km) of a task's point. */
export function targetEcef(task: AeosspTask): Float64Array {
  const p = geodeticToItrf({
    latitudeDeg: task.latitudeDeg,
    longitudeDeg: task.longitudeDeg,
    altitudeKm: task.altitudeM / 1000,
  });
  return Float64Array.of(p.x, p.y, p.z);
}

/** Earth-fixed → TEME (the inverse GMST rotation) at UTC ms `t`. */
export function ecefToTemeInto(t: number, p: ArrayLike<number>, out: Float64Array): void {
  temeToEcefInto(t, [p[0]!, -p[1]!, p[2]!], out); // R(g)ᵀ = R(−g): mirror y in and out
  out[1] = -out[1]!;
}

/** Earth-fixed → J2000 at UTC ms `t`. */
export function ecefToJ2000Into(t: number, p: ArrayLike<number>, out: Float64Array): void {
  const tmp = new Float64Array(3);
  ecefToTemeInto(t, p, tmp);
  applyInto(temeToJ2000Matrix(t), tmp, out);
}

/** Angle (degrees) between two vectors. */
export function angleDeg(a: ArrayLike<number>, b: ArrayLike<number>): number {
  const dot = a[0]! * b[0]! + a[1]! * b[1]! + a[2]! * b[2]!;
  const na = Math.sqrt(a[0]! ** 2 + a[1]! ** 2 + a[2]! ** 2);
  const nb = Math.sqrt(b[0]! ** 2 + b[1]! ** 2 + b[2]! ** 2);
  const c = Math.max(-1, Math.min(1, dot / (na * nb)));
  return (Math.acos(c) * 180) / Math.PI;
}

/**
 * The verifier's geometry test at one instant: visible (above the geocentric tangent plane) and
 * off-nadir angle (degrees). `sat`, `tgt` Earth-fixed km.
 */
export function lookGeometry(
  sat: ArrayLike<number>,
  tgt: ArrayLike<number>,
): { visible: boolean; offNadirDeg: number } {
  const dx = sat[0]! - tgt[0]!;
  const dy = sat[1]! - tgt[1]!;
  const dz = sat[2]! - tgt[2]!;
  const visible = dx * tgt[0]! + dy * tgt[1]! + dz * tgt[2]! > 0;
  const offNadirDeg = angleDeg([-sat[0]!, -sat[1]!, -sat[2]!], [-dx, -dy, -dz]);
  return { visible, offNadirDeg };
}

/** A memoised {@link temeToJ2000Matrix} keyed by the exact instant (one per checker run). */
export function memoisedJ2000Matrix(): (t: number) => Float64Array {
  const cache = new Map<number, Float64Array>();
  return (t) => {
    let M = cache.get(t);
    if (!M) cache.set(t, (M = temeToJ2000Matrix(t)));
    return M;
  };
}
