/**
 * ITU-R P.618-14 §4.1: long-term statistics of hydrometeor-induced cross-polarisation
 * discrimination (XPD) from rain attenuation statistics (steps 1–8), with the frequency
 * scaling of §4.3 for 4–6 GHz.
 */
import { DEG_TO_RAD } from '../../core/units.js';
import { requireAbove, requireInRange } from './validity.js';

const MODEL = 'ITU-R P.618-14 §4.1';

/** Inputs of the XPD method. */
export interface XpdInput {
  /** Co-polar rain attenuation exceeded for p % of the time, Ap, dB (> 0). */
  readonly rainAttenuationDb: number;
  /** 4…55 GHz (4–6 GHz by scaling from 6 GHz). */
  readonly frequencyGhz: number;
  /**
   * Path elevation, degrees. The Recommendation states θ ≤ 60° for its accuracy, but ITU's own
   * validation examples (Rev 8.3.0) evaluate it at 85.8°, so elevations up to 90° are computed.
   */
  readonly elevationDeg: number;
  /** Polarisation tilt relative to the horizontal, degrees (45 for circular). */
  readonly tauDeg: number;
  /** Time percentage p, 0.001…1 %. */
  readonly pPercent: number;
}

/**
 * XPD (dB) not exceeded for p % of the time.
 * @throws DomainError outside the method's ranges (4…55 GHz, θ ≤ 60°, Ap > 0).
 */
export function crossPolarisationDiscriminationDb(input: XpdInput): number {
  requireInRange(MODEL, 'frequency', input.frequencyGhz, 4, 55, 'GHz');
  requireInRange(MODEL, 'elevation', input.elevationDeg, 0, 89.9, '°');
  requireInRange(MODEL, 'time percentage p', input.pPercent, 0.001, 5, '%');
  requireAbove(MODEL, 'rain attenuation Ap', input.rainAttenuationDb, 0, 'dB');
  const fOrig = input.frequencyGhz;
  const f = Math.max(6, fOrig);
  const cF =
    f < 9
      ? 60 * Math.log10(f) - 28.3
      : f < 36
        ? 26 * Math.log10(f) + 4.1
        : 35.9 * Math.log10(f) - 11.3;
  const v =
    f < 9 ? 30.8 * f ** -0.21 : f < 20 ? 12.8 * f ** 0.19 : f < 40 ? 22.6 : 13.0 * f ** 0.15;
  const cA = v * Math.log10(input.rainAttenuationDb);
  const cTau = -10 * Math.log10(1 - 0.484 * (1 + Math.cos(4 * input.tauDeg * DEG_TO_RAD)));
  const cTheta = -40 * Math.log10(Math.cos(input.elevationDeg * DEG_TO_RAD));
  const p = input.pPercent;
  const sigma = p <= 0.001 ? 15 : p <= 0.01 ? 10 : p <= 0.1 ? 5 : 0; // canting angle spread, degrees
  const cSigma = 0.0053 * sigma * sigma;
  const xpdRain = cF - cA + cTau + cTheta + cSigma; // step 6
  const cIce = (xpdRain * (0.3 + 0.1 * Math.log10(p))) / 2; // step 7
  const xpd = xpdRain - cIce; // step 8
  // §4.3 scaling to 4–6 GHz (same polarisation tilt, so only the frequency ratio remains)
  return fOrig < 6 ? xpd - 20 * Math.log10(fOrig / f) : xpd;
}
