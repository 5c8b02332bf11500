/**
 * ITU-R P.838-3: specific attenuation of rain, γR = k·R^α (dB/km), with k and α from the
 * curve-fitting expressions (equations 2–5 and Tables 1–4 of the Recommendation).
 */
import { DEG_TO_RAD } from '../../core/units.js';
import { requireAtLeast, requireInRange } from './validity.js';

const MODEL = 'ITU-R P.838-3';

interface LogFit {
  readonly a: readonly number[];
  readonly b: readonly number[];
  readonly c: readonly number[];
  readonly m: number;
  readonly k: number;
}

// Tables 1–4 of P.838-3 (coefficients for kH, kV, αH, αV).
const KH: LogFit = {
  a: [-5.3398, -0.35351, -0.23789, -0.94158],
  b: [-0.10008, 1.2697, 0.86036, 0.64552],
  c: [1.13098, 0.454, 0.15354, 0.16817],
  m: -0.18961,
  k: 0.71147,
};
const KV: LogFit = {
  a: [-3.80595, -3.44965, -0.39902, 0.50167],
  b: [0.56934, -0.22911, 0.73042, 1.07319],
  c: [0.81061, 0.51059, 0.11899, 0.27195],
  m: -0.16398,
  k: 0.63297,
};
const AH: LogFit = {
  a: [-0.14318, 0.29591, 0.32177, -5.3761, 16.1721],
  b: [1.82442, 0.77564, 0.63773, -0.9623, -3.2998],
  c: [-0.55187, 0.19822, 0.13164, 1.47828, 3.4399],
  m: 0.67849,
  k: -1.95537,
};
const AV: LogFit = {
  a: [-0.07771, 0.56727, -0.20238, -48.2991, 48.5833],
  b: [2.3384, 0.95545, 1.1452, 0.791669, 0.791459],
  c: [-0.76284, 0.54039, 0.26809, 0.116226, 0.116479],
  m: -0.053739,
  k: 0.83433,
};

/** Σ a·exp(−((log f − b)/c)²) + m·log f + k (equations 2 and 3, before the power of ten). */
function fit(t: LogFit, log10f: number): number {
  let s = t.m * log10f + t.k;
  for (let j = 0; j < t.a.length; j++) {
    s += t.a[j]! * Math.exp(-(((log10f - t.b[j]!) / t.c[j]!) ** 2));
  }
  return s;
}

/** Coefficients k (–) and α (–) of P.838-3. */
export interface RainCoefficients {
  readonly k: number;
  readonly alpha: number;
}

/**
 * k and α for a frequency, path elevation and polarisation tilt (equations 4 and 5).
 *
 * @param frequencyGhz 1…1000 GHz
 * @param elevationDeg path elevation, degrees
 * @param tauDeg polarisation tilt relative to the horizontal, degrees (45 for circular)
 * @throws DomainError outside 1…1000 GHz.
 */
export function rainCoefficients(
  frequencyGhz: number,
  elevationDeg: number,
  tauDeg: number,
): RainCoefficients {
  requireInRange(MODEL, 'frequency', frequencyGhz, 1, 1000, 'GHz');
  requireInRange(MODEL, 'elevation', elevationDeg, -90, 90, '°');
  requireInRange(MODEL, 'polarisation tilt', tauDeg, -360, 360, '°');
  const lf = Math.log10(frequencyGhz);
  const kh = 10 ** fit(KH, lf);
  const kv = 10 ** fit(KV, lf);
  const ah = fit(AH, lf);
  const av = fit(AV, lf);
  const cos2el = Math.cos(elevationDeg * DEG_TO_RAD) ** 2;
  const cos2tau = Math.cos(2 * tauDeg * DEG_TO_RAD);
  const k = (kh + kv + (kh - kv) * cos2el * cos2tau) / 2;
  const alpha = (kh * ah + kv * av + (kh * ah - kv * av) * cos2el * cos2tau) / (2 * k);
  return { k, alpha };
}

/**
 * Specific attenuation γR (dB/km) for a rain rate R (mm/h).
 * @throws DomainError for a negative rain rate or a frequency outside 1…1000 GHz.
 */
export function rainSpecificAttenuationDbPerKm(
  rainRateMmH: number,
  frequencyGhz: number,
  elevationDeg: number,
  tauDeg: number,
): number {
  requireAtLeast(MODEL, 'rain rate', rainRateMmH, 0, 'mm/h');
  const { k, alpha } = rainCoefficients(frequencyGhz, elevationDeg, tauDeg);
  return k * rainRateMmH ** alpha;
}
