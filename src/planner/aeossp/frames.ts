/**
 * The frames and Sun model of the benchmark's verifier, as far as they change a result:
 * - Earth-fixed = TEME rotated by GMST 1982 with UT1 = UTC and no polar motion (static zero EOP);
 * - a true inertial frame (GCRF ≈ mean equator and equinox of J2000) for the shadow test:
 *   TEME → true of date (equation of the equinoxes) → mean of date (IAU 1980 nutation, the
 *   largest terms: ≤ 0.1″ left out, a few metres) → J2000 (IAU 1976 precession). The 0.37° of
 *   precession since 2000 is what matters: it moves eclipse entry and exit by seconds;
 * - the Sun of Montenbruck & Gill's low-precision series (what Brahe's `sun_position` computes),
 *   in TT, in the J2000 equatorial frame.
 */
import { gmst1982 } from '../../core/earth-rotation.js';
import { centuriesTtSinceJ2000, julianDateTt } from '../../core/time.js';

const ARCSEC = Math.PI / (180 * 3600);
const DEG = Math.PI / 180;

/** TEME (km) → Earth-fixed (km) at UTC ms `t`, written into `out`. */
export function temeToEcefInto(t: number, p: ArrayLike<number>, out: Float64Array): void {
  const g = gmst1982(t);
  const c = Math.cos(g);
  const s = Math.sin(g);
  const x = p[0]!;
  const y = p[1]!;
  out[0] = c * x + s * y;
  out[1] = -s * x + c * y;
  out[2] = p[2]!;
}

/** Row-major 3×3 rotation matrix from TEME to the J2000 mean equator and equinox at `t`. */
export function temeToJ2000Matrix(t: number): Float64Array {
  const T = centuriesTtSinceJ2000(t);
  // IAU 1976 precession angles
  const zeta = (2306.2181 * T + 0.30188 * T * T + 0.017998 * T ** 3) * ARCSEC;
  const theta = (2004.3109 * T - 0.42665 * T * T - 0.041833 * T ** 3) * ARCSEC;
  const z = (2306.2181 * T + 1.09468 * T * T + 0.018203 * T ** 3) * ARCSEC;
  // IAU 1980 nutation, largest terms (Δψ, Δε in arcseconds)
  const om = (125.04452 - 1934.136261 * T) * DEG;
  const lSun = (357.52772 + 35999.05034 * T) * DEG; // mean anomaly of the Sun
  const F = (93.27191 + 483202.017538 * T) * DEG;
  const D = (297.85036 + 445267.11148 * T) * DEG;
  const lMoon = (134.96298 + 477198.867398 * T) * DEG;
  const a1 = 2 * F - 2 * D + 2 * om;
  const a2 = 2 * F + 2 * om;
  const dpsi =
    (-17.1996 - 0.01742 * T) * Math.sin(om) -
    1.3187 * Math.sin(a1) -
    0.2274 * Math.sin(a2) +
    0.2062 * Math.sin(2 * om) +
    0.1426 * Math.sin(lSun) +
    0.0712 * Math.sin(lMoon) -
    0.0517 * Math.sin(lSun + a1) -
    0.0386 * Math.sin(2 * F + om) -
    0.0301 * Math.sin(lMoon + a2) +
    0.0217 * Math.sin(a1 - lSun);
  const deps =
    (9.2025 + 0.00089 * T) * Math.cos(om) +
    0.5736 * Math.cos(a1) +
    0.0977 * Math.cos(a2) -
    0.0895 * Math.cos(2 * om) +
    0.0224 * Math.cos(lSun + a1) +
    0.02 * Math.cos(2 * F + om) +
    0.0129 * Math.cos(lMoon + a2);
  const eps0 = (84381.448 - 46.815 * T - 0.00059 * T * T + 0.001813 * T ** 3) * ARCSEC;
  const dPsi = dpsi * ARCSEC;
  const eps = eps0 + deps * ARCSEC;
  const eqeq = dPsi * Math.cos(eps0);
  // r_j2000 = Pᵀ · Nᵀ · R3(−eqeq) · r_teme, with passive rotations R(a)
  let M = rot(3, -eqeq);
  M = mul(transpose(nutation(eps0, eps, dPsi)), M);
  M = mul(transpose(mul(rot(3, -z), mul(rot(2, theta), rot(3, -zeta)))), M);
  return M;
}

function nutation(eps0: number, eps: number, dPsi: number): Float64Array {
  return mul(rot(1, -eps), mul(rot(3, -dPsi), rot(1, eps0)));
}

function rot(axis: 1 | 2 | 3, a: number): Float64Array {
  const c = Math.cos(a);
  const s = Math.sin(a);
  if (axis === 1) return Float64Array.of(1, 0, 0, 0, c, s, 0, -s, c);
  if (axis === 2) return Float64Array.of(c, 0, -s, 0, 1, 0, s, 0, c);
  return Float64Array.of(c, s, 0, -s, c, 0, 0, 0, 1);
}

function mul(a: Float64Array, b: Float64Array): Float64Array {
  const o = new Float64Array(9);
  for (let i = 0; i < 3; i++)
    for (let j = 0; j < 3; j++)
      o[3 * i + j] = a[3 * i]! * b[j]! + a[3 * i + 1]! * b[3 + j]! + a[3 * i + 2]! * b[6 + j]!;
  return o;
}

function transpose(a: Float64Array): Float64Array {
  return Float64Array.of(a[0]!, a[3]!, a[6]!, a[1]!, a[4]!, a[7]!, a[2]!, a[5]!, a[8]!);
}

/** Applies a row-major 3×3 matrix. */
export function applyInto(M: Float64Array, p: ArrayLike<number>, out: Float64Array): void {
  const x = p[0]!;
  const y = p[1]!;
  const z = p[2]!;
  out[0] = M[0]! * x + M[1]! * y + M[2]! * z;
  out[1] = M[3]! * x + M[4]! * y + M[5]! * z;
  out[2] = M[6]! * x + M[7]! * y + M[8]! * z;
}

/**
 * Unit vector towards the Sun in the J2000 equatorial frame (Montenbruck & Gill 2000, §3.3.2,
 * the series Brahe's `sun_position` uses), from UTC ms `t` evaluated in TT.
 */
export function sunUnitJ2000(t: number): [number, number, number] {
  const mjdTt = julianDateTt(t) - 2_400_000.5;
  const T = (mjdTt - 51_544.5) / 36_525;
  const frac = (x: number): number => x - Math.trunc(x);
  const M = 2 * Math.PI * frac(0.9931267 + 99.9973583 * T);
  const L =
    2 *
    Math.PI *
    frac(0.7859444 + M / (2 * Math.PI) + (6892 * Math.sin(M) + 72 * Math.sin(2 * M)) / 1.296e6);
  const e = 23.43929111 * DEG;
  const cl = Math.cos(L);
  const sl = Math.sin(L);
  return [cl, sl * Math.cos(e), sl * Math.sin(e)];
}

/** Radius of the shadow cylinder, km (the verifier's 6 378 136.3 m). */
export const SHADOW_RADIUS_KM = 6378.1363;

/** Cylindrical shadow test in one inertial frame: satellite `p` (km), Sun unit vector `s`. */
export function inShadow(p: ArrayLike<number>, s: readonly number[]): boolean {
  const along = p[0]! * s[0]! + p[1]! * s[1]! + p[2]! * s[2]!;
  if (!(along < 0)) return false;
  const x = p[0]! - along * s[0]!;
  const y = p[1]! - along * s[1]!;
  const z = p[2]! - along * s[2]!;
  return Math.sqrt(x * x + y * y + z * z) < SHADOW_RADIUS_KM;
}
