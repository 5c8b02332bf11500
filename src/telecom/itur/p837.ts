/**
 * ITU-R P.837-7: rainfall rate statistics. Annex 1 predicts the rate R_p exceeded for p % of
 * an average year, and the annual probability of rain P0, from the monthly mean total rainfall
 * MT (P.837-7 maps) and the monthly mean surface temperature (P.1510-1 maps). R0.01 is computed
 * the same way (the separate R0.01 map agrees to 0.034 % on ITU's validation sites).
 */
import { type IturMaps, bilinear, requireMap } from './grid.js';
import { surfaceMonthMeanTemperatureK } from './p1510-p1511.js';
import { normalQ } from './normal.js';
import { requireInRange } from './validity.js';

const MODEL = 'ITU-R P.837-7 Annex 1';
/** Days per month N_ii (February 28.25). */
const DAYS = [31, 28.25, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Monthly climate of a site: 12 mean total rainfalls (mm) and 12 mean surface temperatures (K). */
export interface MonthlyRainClimate {
  readonly totalRainMm: readonly number[];
  readonly temperatureK: readonly number[];
}

/** The monthly rain statistics of Annex 1 steps 1–5. */
export interface MonthlyRainStatistics {
  /** Probability of rain in each month, % (≤ 70). */
  readonly p0Percent: Float64Array;
  /** Mean rain rate when it rains in each month, mm/h. */
  readonly meanRateMmH: Float64Array;
  /** Annual probability of rain P0, % (step 6). */
  readonly annualP0Percent: number;
}

/** Steps 1–6: monthly rain probabilities and rates, and the annual probability of rain. */
export function monthlyRainStatistics(climate: MonthlyRainClimate): MonthlyRainStatistics {
  if (climate.totalRainMm.length !== 12 || climate.temperatureK.length !== 12) {
    throw new RangeError('P.837-7 Annex 1 needs 12 monthly values of MT and T');
  }
  const p0 = new Float64Array(12);
  const r = new Float64Array(12);
  let annual = 0;
  for (let m = 0; m < 12; m++) {
    const mt = climate.totalRainMm[m]!;
    requireInRange(MODEL, `monthly total rainfall (month ${m + 1})`, mt, 0, 1e5, 'mm');
    const t = climate.temperatureK[m]! - 273.15;
    let rate = t >= 0 ? 0.5874 * Math.exp(0.0883 * t) : 0.5874; // eq. 1
    let p = (100 * mt) / (24 * DAYS[m]! * rate); // eq. 2
    if (p > 70) {
      p = 70;
      rate = ((100 / 70) * mt) / (24 * DAYS[m]!);
    }
    p0[m] = p;
    r[m] = rate;
    annual += DAYS[m]! * p;
  }
  return { p0Percent: p0, meanRateMmH: r, annualP0Percent: annual / 365.25 };
}

/** Step 7: percentage of an average year for which the rate R (mm/h) is exceeded. */
export function exceedancePercent(stats: MonthlyRainStatistics, rateMmH: number): number {
  let s = 0;
  const lnR = Math.log(rateMmH);
  for (let m = 0; m < 12; m++) {
    const p = stats.p0Percent[m]!;
    if (p === 0) continue;
    s += DAYS[m]! * p * normalQ((lnR + 0.7938 - Math.log(stats.meanRateMmH[m]!)) / 1.26);
  }
  return s / 365.25;
}

/**
 * Step 8: rainfall rate R_p (mm/h) exceeded for p % of an average year (0 when p > P0).
 * Solved by bisection on ln R to a relative 1e-10.
 * @throws DomainError for p outside 0.001…P0-independent 0.001…10 %.
 */
export function rainfallRateFromClimate(
  climate: MonthlyRainClimate | MonthlyRainStatistics,
  pPercent: number,
): number {
  requireInRange('ITU-R P.837-7', 'time percentage p', pPercent, 0.001, 10, '%');
  const stats = 'annualP0Percent' in climate ? climate : monthlyRainStatistics(climate);
  if (pPercent > stats.annualP0Percent) return 0;
  let lo = Math.log(1e-10);
  let hi = Math.log(1000);
  for (let i = 0; i < 200 && hi - lo > 1e-10; i++) {
    const mid = (lo + hi) / 2;
    if (exceedancePercent(stats, Math.exp(mid)) > pPercent) lo = mid;
    else hi = mid;
  }
  return Math.exp((lo + hi) / 2);
}

/** Map name of the P.837-7 monthly mean total rainfall for month 1…12 (mm). */
export function p837MonthMap(month: number): string {
  return `p837-7/mt_month${String(month).padStart(2, '0')}`;
}

/** Monthly rain climate of a site from the P.837-7 MT and P.1510-1 monthly T maps. */
export function monthlyRainClimate(
  maps: IturMaps,
  latDeg: number,
  lonDeg: number,
): MonthlyRainClimate {
  const totalRainMm: number[] = [];
  const temperatureK: number[] = [];
  for (let m = 1; m <= 12; m++) {
    totalRainMm.push(
      bilinear(requireMap(maps, p837MonthMap(m), 'P.837-7 Annex 1'), latDeg, lonDeg),
    );
    temperatureK.push(surfaceMonthMeanTemperatureK(maps, latDeg, lonDeg, m));
  }
  return { totalRainMm, temperatureK };
}

/** R_p (mm/h) at a site from the maps. */
export function rainfallRateMmH(
  maps: IturMaps,
  latDeg: number,
  lonDeg: number,
  pPercent: number,
): number {
  return rainfallRateFromClimate(monthlyRainClimate(maps, latDeg, lonDeg), pPercent);
}

/** Annual probability of rain P0 (%) at a site from the maps. */
export function rainProbabilityPercent(maps: IturMaps, latDeg: number, lonDeg: number): number {
  return monthlyRainStatistics(monthlyRainClimate(maps, latDeg, lonDeg)).annualP0Percent;
}
