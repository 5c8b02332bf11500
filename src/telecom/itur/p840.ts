/**
 * ITU-R P.840-9: attenuation due to clouds on slant paths. A_C = K_L(f)·L/sin θ (equation 14)
 * with the cloud liquid mass absorption coefficient K_L (equation 12: the Rayleigh coefficient
 * of equations 2–11 at 273.75 K times a frequency correction) and the integrated liquid water
 * L exceeded for p % of the year (maps, or the log-normal approximation of equation 15).
 */
import { DEG_TO_RAD } from '../../core/units.js';
import { type IturMaps, bilinear, requireMap } from './grid.js';
import { normalQInverse } from './normal.js';
import { levelInterpolate } from './p453.js';
import { requireAtLeast, requireInRange } from './validity.js';

const MODEL = 'ITU-R P.840-9';

/** p-levels (%) of the P.840-9 L maps and their file-name stems. */
export const P840_LEVELS: readonly (readonly [number, string])[] = [
  [0.01, '001'],
  [0.02, '002'],
  [0.03, '003'],
  [0.05, '005'],
  [0.1, '01'],
  [0.2, '02'],
  [0.3, '03'],
  [0.5, '05'],
  [1, '1'],
  [2, '2'],
  [3, '3'],
  [5, '5'],
  [10, '10'],
  [20, '20'],
  [30, '30'],
  [50, '50'],
  [60, '60'],
  [70, '70'],
  [80, '80'],
  [90, '90'],
  [95, '95'],
  [99, '99'],
  [100, '100'],
];

/** Rayleigh specific attenuation coefficient K_l ((dB/km)/(g/m³)) of liquid water at T (K), eq. 2–11. */
export function liquidWaterCoefficient(frequencyGhz: number, temperatureK: number): number {
  const f = frequencyGhz;
  const theta = 300 / temperatureK;
  const e0 = 77.66 + 103.3 * (theta - 1);
  const e1 = 0.0671 * e0;
  const e2 = 3.52;
  const fp = 20.2 - 146 * (theta - 1) + 316 * (theta - 1) ** 2;
  const fs = 39.8 * fp;
  const ep = (e0 - e1) / (1 + (f / fp) ** 2) + (e1 - e2) / (1 + (f / fs) ** 2) + e2;
  const epp =
    (f * (e0 - e1)) / (fp * (1 + (f / fp) ** 2)) + (f * (e1 - e2)) / (fs * (1 + (f / fs) ** 2));
  const eta = (2 + ep) / epp;
  return (0.819 * f) / (epp * (1 + eta * eta));
}

/** Cloud liquid mass absorption coefficient K_L(f) (dB/(kg/m²)), equation 12, 1…200 GHz. */
export function cloudMassAbsorptionCoefficient(frequencyGhz: number): number {
  requireInRange(MODEL, 'frequency', frequencyGhz, 1, 200, 'GHz');
  const f = frequencyGhz;
  const correction =
    0.1522 * Math.exp(-((f + 23.9589) ** 2) / 3.2991e3) +
    11.51 * Math.exp(-((f - 219.2096) ** 2) / 2.7595e6) -
    10.4912;
  return liquidWaterCoefficient(f, 273.75) * correction;
}

/**
 * Cloud attenuation A_C (dB) for an integrated liquid water content L (kg/m²), equation 14.
 * @throws DomainError outside 1…200 GHz, 5…90° or for a negative L.
 */
export function cloudAttenuationDb(
  frequencyGhz: number,
  elevationDeg: number,
  liquidWaterKgM2: number,
): number {
  requireInRange(MODEL, 'elevation', elevationDeg, 5, 90, '°');
  requireAtLeast(MODEL, 'liquid water content L', liquidWaterKgM2, 0, 'kg/m²');
  return (
    (cloudMassAbsorptionCoefficient(frequencyGhz) * liquidWaterKgM2) /
    Math.sin(elevationDeg * DEG_TO_RAD)
  );
}

/** Integrated cloud liquid water L (kg/m²) exceeded for p % of the year, from the maps (0.01…100 %). */
export function liquidWaterFromMaps(
  maps: IturMaps,
  latDeg: number,
  lonDeg: number,
  pPercent: number,
): number {
  requireInRange(MODEL, 'time percentage p', pPercent, 0.01, 100, '%');
  return levelInterpolate(P840_LEVELS, pPercent, (stem) =>
    bilinear(
      requireMap(maps, `p840-9/l_${stem}`, 'the P.840-9 cloud liquid water'),
      latDeg,
      lonDeg,
    ),
  );
}

/** Parameters of the log-normal approximation: mean m and deviation σ of ln L, and P_L (%). */
export interface CloudLognormal {
  readonly m: number;
  readonly sigma: number;
  readonly pclwPercent: number;
}

/** Log-normal parameters at a site from the P.840-9 maps (ml, sl, pl). */
export function cloudLognormalFromMaps(
  maps: IturMaps,
  latDeg: number,
  lonDeg: number,
): CloudLognormal {
  const get = (n: string): number =>
    bilinear(requireMap(maps, `p840-9/${n}`, 'the P.840-9 log-normal parameters'), latDeg, lonDeg);
  return { m: get('ml'), sigma: get('sl'), pclwPercent: get('pl') };
}

/** Cloud attenuation (dB) by the log-normal approximation (equation 15); 0 when p ≥ P_L. */
export function cloudAttenuationLognormalDb(
  frequencyGhz: number,
  elevationDeg: number,
  pPercent: number,
  ln: CloudLognormal,
): number {
  requireInRange(MODEL, 'elevation', elevationDeg, 5, 90, '°');
  requireInRange(MODEL, 'time percentage p', pPercent, 0.01, 100, '%');
  if (pPercent >= ln.pclwPercent || ln.pclwPercent <= 0.02) return 0;
  const l = Math.exp(ln.m + ln.sigma * normalQInverse(pPercent / ln.pclwPercent));
  return (cloudMassAbsorptionCoefficient(frequencyGhz) * l) / Math.sin(elevationDeg * DEG_TO_RAD);
}
