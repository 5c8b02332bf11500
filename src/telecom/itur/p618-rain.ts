/**
 * ITU-R P.618-14 §2.2.1.1: long-term statistics of rain attenuation on a slant path
 * (steps 1–10), and §2.3: probability of rain attenuation on the path.
 */
import { DEG_TO_RAD, RAD_TO_DEG } from '../../core/units.js';
import { bivariateNormalUpper, normalQInverse } from './normal.js';
import { rainSpecificAttenuationDbPerKm } from './p838.js';
import { requireAtLeast, requireInRange } from './validity.js';

const MODEL = 'ITU-R P.618-14 §2.2.1.1';
/** Effective Earth radius used by P.618 for low elevations, km. */
const RE_KM = 8500;

/** Inputs of the rain attenuation method (all climatic parameters given directly). */
export interface RainAttenuationInput {
  /** Station latitude, degrees (sign ignored: the method uses |φ|). */
  readonly latitudeDeg: number;
  /** 1…55 GHz. */
  readonly frequencyGhz: number;
  /** Path elevation θ, degrees, (0, 90]. */
  readonly elevationDeg: number;
  /** Polarisation tilt relative to the horizontal, degrees (45 for circular). */
  readonly tauDeg: number;
  /** Station height above mean sea level hs, km. */
  readonly stationHeightKm: number;
  /** Rain height hR, km (ITU-R P.839). */
  readonly rainHeightKm: number;
  /** Rain rate exceeded for 0.01 % of an average year R0.01, mm/h (ITU-R P.837). */
  readonly r001MmH: number;
  /** Time percentage p, 0.001…5 %. */
  readonly pPercent: number;
}

/** Slant-path length below the rain height Ls, km (equations 1 and 2). */
export function slantPathBelowRainKm(
  elevationDeg: number,
  rainHeightKm: number,
  stationHeightKm: number,
): number {
  const dh = rainHeightKm - stationHeightKm;
  const s = Math.sin(elevationDeg * DEG_TO_RAD);
  if (elevationDeg >= 5) return dh / s;
  return (2 * dh) / (Math.sqrt(s * s + (2 * dh) / RE_KM) + s);
}

/**
 * Attenuation exceeded for 0.01 % of an average year, A0.01 (dB), steps 1–9.
 * Zero when the station is above the rain height or R0.01 is zero.
 */
export function rainAttenuation001Db(input: Omit<RainAttenuationInput, 'pPercent'>): number {
  validate(input);
  const { frequencyGhz: f, elevationDeg: el, stationHeightKm: hs, rainHeightKm: hr } = input;
  const dh = hr - hs;
  if (dh <= 0 || input.r001MmH === 0) return 0;
  const elRad = el * DEG_TO_RAD;
  const ls = slantPathBelowRainKm(el, hr, hs);
  const lg = ls * Math.cos(elRad); // step 3
  const gammaR = rainSpecificAttenuationDbPerKm(input.r001MmH, f, el, input.tauDeg); // step 5
  // step 6: horizontal reduction factor
  const r001 = 1 / (1 + 0.78 * Math.sqrt((lg * gammaR) / f) - 0.38 * (1 - Math.exp(-2 * lg)));
  // step 7: vertical adjustment factor
  const zetaDeg = Math.atan2(dh, lg * r001) * RAD_TO_DEG;
  const lr = zetaDeg > el ? (lg * r001) / Math.cos(elRad) : dh / Math.sin(elRad);
  const absLat = Math.abs(input.latitudeDeg);
  const chi = absLat < 36 ? 36 - absLat : 0;
  const v001 =
    1 /
    (1 +
      Math.sqrt(Math.sin(elRad)) *
        ((31 * (1 - Math.exp(-el / (1 + chi))) * Math.sqrt(lr * gammaR)) / (f * f) - 0.45));
  const le = lr * v001; // step 8: effective path length, km
  return gammaR * le; // step 9
}

/**
 * Rain attenuation exceeded for p % of an average year, A_p (dB): step 10 of §2.2.1.1.
 *
 * @throws DomainError for p outside 0.001…5 %, a frequency outside 1…55 GHz, an elevation
 *   outside (0, 90]°, or a negative R0.01.
 * @example rainAttenuationDb({latitudeDeg: 12.6, frequencyGhz: 20, elevationDeg: 60, tauDeg: 45,
 *   stationHeightKm: 0.38, rainHeightKm: 4.77, r001MmH: 70, pPercent: 0.1})
 */
export function rainAttenuationDb(input: RainAttenuationInput): number {
  requireInRange(MODEL, 'time percentage p', input.pPercent, 0.001, 5, '%');
  return rainAttenuationAnyPercentDb(input);
}

/**
 * Step 10 without the 0.001–5 % check: the §2.5 total (valid to 50 %) evaluates the rain
 * component beyond 5 % with the same expression, as ITU's own tools do.
 */
export function rainAttenuationAnyPercentDb(input: RainAttenuationInput): number {
  requireInRange(MODEL, 'time percentage p', input.pPercent, 0.001, 50, '%');
  const a001 = rainAttenuation001Db(input);
  if (a001 === 0) return 0;
  const p = input.pPercent;
  const el = input.elevationDeg;
  const absLat = Math.abs(input.latitudeDeg);
  let beta = 0;
  if (p < 1 && absLat < 36) {
    beta =
      el > 25
        ? -0.005 * (absLat - 36)
        : -0.005 * (absLat - 36) + 1.8 - 4.25 * Math.sin(el * DEG_TO_RAD);
  }
  const exponent = -(
    0.655 +
    0.033 * Math.log(p) -
    0.045 * Math.log(a001) -
    beta * (1 - p) * Math.sin(el * DEG_TO_RAD)
  );
  return a001 * (p / 0.01) ** exponent;
}

function validate(input: Omit<RainAttenuationInput, 'pPercent'>): void {
  requireInRange(MODEL, 'frequency', input.frequencyGhz, 1, 55, 'GHz');
  requireInRange(MODEL, 'elevation', input.elevationDeg, 1e-6, 90, '°');
  requireInRange(MODEL, 'latitude', input.latitudeDeg, -90, 90, '°');
  requireAtLeast(MODEL, 'R0.01', input.r001MmH, 0, 'mm/h');
  requireInRange(MODEL, 'station height', input.stationHeightKm, -0.5, 10, 'km');
  requireInRange(MODEL, 'rain height', input.rainHeightKm, -1, 10, 'km');
}

/**
 * Probability of rain attenuation on the slant path P (%), §2.3 (equations 9–12).
 *
 * @param rainProbability P0: probability of rain at the station, a fraction 0…1 (ITU-R P.837)
 * @param slantPathKm Ls below the rain height, km (equations 1–2)
 * @param elevationDeg path elevation, degrees
 * @returns P in percent
 * @throws DomainError when P0 is outside [0, 1) or Ls is negative.
 */
export function rainAttenuationProbabilityPercent(
  rainProbability: number,
  slantPathKm: number,
  elevationDeg: number,
): number {
  const model = 'ITU-R P.618-14 §2.3';
  requireInRange(model, 'rain probability P0', rainProbability, 0, 0.999999, '(fraction)');
  requireAtLeast(model, 'slant path length Ls', slantPathKm, 0, 'km');
  const p0 = rainProbability;
  if (p0 === 0) return 0;
  const alpha = normalQInverse(p0);
  const d = slantPathKm * Math.cos(elevationDeg * DEG_TO_RAD);
  const rho = 0.59 * Math.exp(-Math.abs(d) / 31) + 0.41 * Math.exp(-Math.abs(d) / 800);
  const cB = bivariateNormalUpper(alpha, alpha, rho);
  const p = 1 - (1 - p0) * ((cB - p0 * p0) / (p0 * (1 - p0))) ** p0;
  return 100 * p;
}
