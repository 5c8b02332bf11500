/**
 * Physical constants and unit conversions. Lengths in km, times in s unless a name says otherwise.
 */

export const DEG_TO_RAD = Math.PI / 180;
export const RAD_TO_DEG = 180 / Math.PI;
export const TWO_PI = 2 * Math.PI;

export const MS_PER_S = 1000;
export const S_PER_MIN = 60;
export const S_PER_DAY = 86_400;
export const MS_PER_MIN = 60_000;
export const MS_PER_DAY = 86_400_000;

/** WGS-84 ellipsoid: equatorial radius, km. */
export const WGS84_A_KM = 6378.137;
/** WGS-84 flattening. */
export const WGS84_F = 1 / 298.257223563;
/** WGS-84 first eccentricity squared. */
export const WGS84_E2 = WGS84_F * (2 - WGS84_F);
/** WGS-84 polar radius, km. */
export const WGS84_B_KM = WGS84_A_KM * (1 - WGS84_F);

/** Nominal Earth rotation rate (IERS conventions), rad/s. */
export const EARTH_ROTATION_RAD_S = 7.292115146706979e-5;

/** Speed of light in vacuum, km/s. */
export const SPEED_OF_LIGHT_KM_S = 299_792.458;

/** Astronomical unit, km (IAU 2012). */
export const AU_KM = 149_597_870.7;

/** Mean radius of the Sun's photosphere, km (IAU 2015 nominal). */
export const SUN_RADIUS_KM = 695_700;

/** Wraps an angle into [0, 360) degrees. */
export function wrapDeg360(angleDeg: number): number {
  const a = angleDeg % 360;
  return a < 0 ? a + 360 : a;
}

/** Wraps an angle into [-180, 180) degrees. */
export function wrapDeg180(angleDeg: number): number {
  return wrapDeg360(angleDeg + 180) - 180;
}

/** Wraps an angle into [0, 2π) radians. */
export function wrapRad2Pi(angleRad: number): number {
  const a = angleRad % TWO_PI;
  return a < 0 ? a + TWO_PI : a;
}
