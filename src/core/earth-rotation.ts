/**
 * Earth rotation angle for the TEME frame: Greenwich Mean Sidereal Time of the IAU 1982 model,
 * which is what SGP4's TEME frame is defined against (Vallado et al. 2006, §"TEME").
 */
import { type Instant, JD_J2000, julianDateUt1 } from './time.js';
import { DEG_TO_RAD, TWO_PI } from './units.js';

/**
 * GMST (IAU 1982) in radians, in [0, 2π), from a Julian date in UT1.
 * Same expression as Vallado's `gstime`.
 */
export function gmst1982FromJdUt1(jdUt1: number): number {
  const tut1 = (jdUt1 - JD_J2000) / 36_525;
  let thetaS =
    -6.2e-6 * tut1 * tut1 * tut1 +
    0.093104 * tut1 * tut1 +
    (876_600.0 * 3600 + 8_640_184.812866) * tut1 +
    67_310.54841;
  // seconds of time → radians (360°/86400 s = 1/240 ° per second)
  thetaS = ((thetaS * DEG_TO_RAD) / 240.0) % TWO_PI;
  return thetaS < 0 ? thetaS + TWO_PI : thetaS;
}

/** GMST (IAU 1982) in radians at an instant, given UT1 − UTC in seconds (default 0). */
export function gmst1982(t: Instant, dut1S = 0): number {
  return gmst1982FromJdUt1(julianDateUt1(t, dut1S));
}
