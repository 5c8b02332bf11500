/**
 * ITU-R P.676-13: attenuation by atmospheric gases.
 * - Annex 1 §1: line-by-line specific attenuation γo (oxygen + dry continuum) and γw (water
 *   vapour), 1–1000 GHz;
 * - Annex 1 §2.2: slant path by integration through the P.835 reference atmosphere;
 * - Annex 2 §2.1: slant path from equivalent heights (h0 from the Recommendation's Part 1
 *   coefficient file, hw from equation 37), and §2.3: water-vapour zenith attenuation from the
 *   integrated water-vapour content V_t.
 */
import { DEG_TO_RAD } from '../../core/units.js';
import {
  standardPressureHpa,
  standardTemperatureK,
  standardWaterVapourDensityGm3,
} from './p835.js';
import { OXYGEN_LINES, WATER_VAPOUR_LINES } from './p676-lines.js';
import { requireAtLeast, requireInRange } from './validity.js';

const MODEL = 'ITU-R P.676-13';

/** Surface (or layer) conditions: dry-air pressure, temperature, water-vapour density. */
export interface GasConditions {
  /** Dry-air pressure p, hPa. */
  readonly pressureHpa: number;
  /** Temperature T, K. */
  readonly temperatureK: number;
  /** Water-vapour density ρ, g/m³. */
  readonly waterVapourDensityGm3: number;
}

function checkConditions(model: string, f: number, c: GasConditions): void {
  requireInRange(model, 'frequency', f, 1, 1000, 'GHz');
  requireAtLeast(model, 'pressure', c.pressureHpa, 0, 'hPa');
  requireInRange(model, 'temperature', c.temperatureK, 150, 350, 'K');
  requireAtLeast(model, 'water-vapour density', c.waterVapourDensityGm3, 0, 'g/m³');
}

/** Specific attenuation of dry air γo (dB/km): oxygen lines plus the dry continuum (eq. 1–9). */
export function oxygenSpecificAttenuationDbPerKm(frequencyGhz: number, c: GasConditions): number {
  checkConditions(`${MODEL} Annex 1`, frequencyGhz, c);
  return gammaOxygen(frequencyGhz, c.pressureHpa, c.waterVapourDensityGm3, c.temperatureK);
}

/** Specific attenuation of water vapour γw (dB/km), equations 1–9. */
export function waterVapourSpecificAttenuationDbPerKm(
  frequencyGhz: number,
  c: GasConditions,
): number {
  checkConditions(`${MODEL} Annex 1`, frequencyGhz, c);
  return gammaWater(frequencyGhz, c.pressureHpa, c.waterVapourDensityGm3, c.temperatureK);
}

/** Unchecked kernels (hot paths call them after validating once). */
export function gammaOxygen(f: number, p: number, rho: number, t: number): number {
  const theta = 300 / t;
  const e = (rho * t) / 216.7; // water-vapour partial pressure, hPa (eq. 4)
  let n = 0;
  for (let i = 0; i < OXYGEN_LINES.length; i += 7) {
    const f0 = OXYGEN_LINES[i]!;
    const a1 = OXYGEN_LINES[i + 1]!;
    const a2 = OXYGEN_LINES[i + 2]!;
    const a3 = OXYGEN_LINES[i + 3]!;
    const a4 = OXYGEN_LINES[i + 4]!;
    const a5 = OXYGEN_LINES[i + 5]!;
    const a6 = OXYGEN_LINES[i + 6]!;
    const s = a1 * 1e-7 * p * theta ** 3 * Math.exp(a2 * (1 - theta));
    let df = a3 * 1e-4 * (p * theta ** (0.8 - a4) + 1.1 * e * theta);
    df = Math.sqrt(df * df + 2.25e-6); // Zeeman splitting
    const delta = (a5 + a6 * theta) * 1e-4 * (p + e) * theta ** 0.8;
    const lo = f0 - f;
    const hi = f0 + f;
    const shape =
      (f / f0) *
      ((df - delta * lo) / (lo * lo + df * df) + (df - delta * hi) / (hi * hi + df * df));
    n += s * shape;
  }
  const d = 5.6e-4 * (p + e) * theta ** 0.8;
  const nd =
    f *
    p *
    theta *
    theta *
    (6.14e-5 / (d * (1 + (f / d) ** 2)) + (1.4e-12 * p * theta ** 1.5) / (1 + 1.9e-5 * f ** 1.5));
  return 0.182 * f * (n + nd);
}

export function gammaWater(f: number, p: number, rho: number, t: number): number {
  const theta = 300 / t;
  const e = (rho * t) / 216.7;
  let n = 0;
  for (let i = 0; i < WATER_VAPOUR_LINES.length; i += 7) {
    const f0 = WATER_VAPOUR_LINES[i]!;
    const b1 = WATER_VAPOUR_LINES[i + 1]!;
    const b2 = WATER_VAPOUR_LINES[i + 2]!;
    const b3 = WATER_VAPOUR_LINES[i + 3]!;
    const b4 = WATER_VAPOUR_LINES[i + 4]!;
    const b5 = WATER_VAPOUR_LINES[i + 5]!;
    const b6 = WATER_VAPOUR_LINES[i + 6]!;
    const s = b1 * 1e-1 * e * theta ** 3.5 * Math.exp(b2 * (1 - theta));
    let df = b3 * 1e-4 * (p * theta ** b4 + b5 * e * theta ** b6);
    df = 0.535 * df + Math.sqrt(0.217 * df * df + (2.1316e-12 * f0 * f0) / theta); // Doppler broadening
    const lo = f0 - f;
    const hi = f0 + f;
    n += s * (f / f0) * (df / (lo * lo + df * df) + df / (hi * hi + df * df));
  }
  return 0.182 * f * n;
}

/** The Part 1 coefficient file of P.676-13 Annex 2 for the oxygen equivalent height (eq. 31). */
export interface OxygenHeightTable {
  /** Ascending frequencies, GHz. */
  readonly frequencyGhz: Float64Array;
  readonly a0: Float64Array;
  readonly b0: Float64Array;
  readonly c0: Float64Array;
  readonly d0: Float64Array;
}

function interp(xs: Float64Array, ys: Float64Array, x: number): number {
  let lo = 0;
  let hi = xs.length - 1;
  if (x <= xs[0]!) return ys[0]!;
  if (x >= xs[hi]!) return ys[hi]!;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (xs[mid]! <= x) lo = mid;
    else hi = mid;
  }
  const t = (x - xs[lo]!) / (xs[hi]! - xs[lo]!);
  return ys[lo]! + t * (ys[hi]! - ys[lo]!);
}

/**
 * Where the oxygen equivalent height comes from: the P.676-13 Part 1 table (the current
 * method), or `'P.676-12'` for the closed form of the superseded revision (equations 30–34 of
 * P.676-12), kept to check ITU's P.676-12 validation rows.
 */
export type OxygenHeightModel = OxygenHeightTable | 'P.676-12';

// P.676-12 Table 3 (c_i, f_i) for the oxygen equivalent height
const P676_12_T2: readonly (readonly [number, number])[] = [
  [0.1597, 118.750334],
  [0.1066, 368.498246],
  [0.1325, 424.76302],
  [0.1242, 487.249273],
  [0.0938, 715.392902],
  [0.1448, 773.83949],
  [0.1374, 834.145546],
];

/** P.676-12 oxygen equivalent height h0 (km), equations 30–34 (superseded; see OxygenHeightModel). */
export function oxygenEquivalentHeightP676v12Km(frequencyGhz: number, c: GasConditions): number {
  const f = frequencyGhz;
  const e = (c.waterVapourDensityGm3 * c.temperatureK) / 216.7;
  const rp = (c.pressureHpa + e) / 1013.25;
  const t1 =
    (5.104 / (1 + 0.066 * rp ** -2.3)) *
    Math.exp(-(((f - 59.7) / (2.87 + 12.4 * Math.exp(-7.9 * rp))) ** 2));
  let t2 = 0;
  for (const [ci, fi] of P676_12_T2)
    t2 += (ci * Math.exp(2.12 * rp)) / ((f - fi) ** 2 + 0.025 * Math.exp(2.2 * rp));
  const t3 =
    ((0.0114 * f) / (1 + 0.14 * rp ** -2.6)) *
    ((15.02 * f * f - 1353 * f + 5.333e4) / (f ** 3 - 151.3 * f * f + 9629 * f - 6803));
  const a = 0.7832 + 0.00709 * (c.temperatureK - 273.15);
  const h0 = ((6.1 * a) / (1 + 0.17 * rp ** -1.1)) * (1 + t1 + t2 + t3);
  return f < 70 ? Math.min(h0, 10.7 * rp ** 0.3) : h0;
}

/** Equivalent heights h0 (oxygen, eq. 31) and hw (water vapour, eq. 37), km. */
export function equivalentHeightsKm(
  frequencyGhz: number,
  c: GasConditions,
  model: OxygenHeightModel,
): { oxygenKm: number; waterVapourKm: number } {
  const f = frequencyGhz;
  const e = (c.waterVapourDensityGm3 * c.temperatureK) / 216.7;
  const ps = c.pressureHpa + e; // total surface pressure
  const h0 =
    model === 'P.676-12'
      ? oxygenEquivalentHeightP676v12Km(f, c)
      : interp(model.frequencyGhz, model.a0, f) +
        interp(model.frequencyGhz, model.b0, f) * c.temperatureK +
        interp(model.frequencyGhz, model.c0, f) * ps +
        interp(model.frequencyGhz, model.d0, f) * c.waterVapourDensityGm3;
  // eq. 37 with the coefficients of Table 4
  const hw =
    5.6585e-5 * f +
    1.8348 +
    2.6846 / ((f - 22.23508) ** 2 + 2.7649) +
    5.8905 / ((f - 183.310087) ** 2 + 4.9219) +
    2.981 / ((f - 325.152888) ** 2 + 3.0748);
  return { oxygenKm: h0, waterVapourKm: hw };
}

/**
 * Zenith water-vapour attenuation (dB) from the integrated water-vapour content V_t (kg/m²) at
 * a station of height h (km): Annex 2 §2.3 (equation 39 and its frequency scaling, 1–350 GHz).
 */
export function zenithWaterVapourAttenuationDb(
  frequencyGhz: number,
  vtKgM2: number,
  stationHeightKm: number,
): number {
  requireInRange(`${MODEL} Annex 2 §2.3`, 'frequency', frequencyGhz, 1, 350, 'GHz');
  requireAtLeast(`${MODEL} Annex 2 §2.3`, 'water-vapour content V_t', vtKgM2, 0, 'kg/m²');
  if (vtKgM2 === 0) return 0;
  const f = frequencyGhz;
  const fRef = 20.6;
  const pRef = 845;
  const rhoRef = vtKgM2 / 2.38;
  const tRef = 14 * Math.log((0.22 * vtKgM2) / 2.38) + 3 + 273.15;
  const ratio = gammaWater(f, pRef, rhoRef, tRef) / gammaWater(fRef, pRef, rhoRef, tRef);
  const a =
    0.2048 * Math.exp(-(((f - 22.43) / 3.097) ** 2)) +
    0.2326 * Math.exp(-(((f - 183.5) / 4.096) ** 2)) +
    0.2073 * Math.exp(-(((f - 325) / 3.651) ** 2)) -
    0.1113;
  const b = 8.741e4 * Math.exp(-0.587 * f) + 312.2 * f ** -2.38 + 0.723;
  const h = Math.min(Math.max(stationHeightKm, 0), 4);
  const base = 0.0176 * vtKgM2 * ratio;
  return f < 20 ? base : base * (a * h ** b + 1);
}

/** Inputs of the Annex 2 slant-path method. */
export interface GasSlantInput extends GasConditions {
  readonly frequencyGhz: number;
  /** 5…90°. */
  readonly elevationDeg: number;
  /** Integrated water-vapour content V_t (kg/m²) and station height (km): when both are given the water-vapour term uses §2.3. */
  readonly vtKgM2?: number;
  readonly stationHeightKm?: number;
}

/**
 * Slant-path gaseous attenuation (dB), Annex 2: A = (h0·γo + A_w)/sin θ with A_w = hw·γw,
 * or the zenith attenuation of §2.3 when V_t is given.
 * @throws DomainError outside 1…350 GHz or 5…90°.
 */
export function gasSlantAttenuationDb(input: GasSlantInput, table: OxygenHeightModel): number {
  const model = `${MODEL} Annex 2`;
  checkConditions(model, input.frequencyGhz, input);
  requireInRange(model, 'frequency', input.frequencyGhz, 1, 350, 'GHz');
  requireInRange(model, 'elevation', input.elevationDeg, 5, 90, '°');
  const f = input.frequencyGhz;
  const g0 = gammaOxygen(f, input.pressureHpa, input.waterVapourDensityGm3, input.temperatureK);
  const { oxygenKm, waterVapourKm } = equivalentHeightsKm(f, input, table);
  const aw =
    input.vtKgM2 !== undefined && input.stationHeightKm !== undefined
      ? zenithWaterVapourAttenuationDb(f, input.vtKgM2, input.stationHeightKm)
      : waterVapourKm *
        gammaWater(f, input.pressureHpa, input.waterVapourDensityGm3, input.temperatureK);
  return (oxygenKm * g0 + aw) / Math.sin(input.elevationDeg * DEG_TO_RAD);
}

/** Radio refractive index n = 1 + N·1e-6 of a layer (P.453 equations 1–3, total pressure). */
function refractiveIndex(pDryHpa: number, eHpa: number, tK: number): number {
  const n = (77.6 * pDryHpa) / tK + 72 * (eHpa / tK) + 3.75e5 * (eHpa / (tK * tK));
  return 1 + n * 1e-6;
}

/**
 * Slant-path gaseous attenuation (dB) by Annex 1 §2.2: ray tracing through 922 exponentially
 * thickening layers (equations 13–20) of the P.835 mean annual global reference atmosphere,
 * from the station height to 100 km, with the water-vapour profile scaled to the given surface
 * density. Needs no coefficient file; about a millisecond per call.
 * @throws DomainError outside 1…1000 GHz or for an elevation outside 0…90°.
 */
export function gasSlantAttenuationAnnex1Db(input: {
  readonly frequencyGhz: number;
  readonly elevationDeg: number;
  readonly stationHeightKm: number;
  /** Surface water-vapour density at the station, g/m³. */
  readonly waterVapourDensityGm3: number;
}): number {
  const model = `${MODEL} Annex 1 §2.2`;
  requireInRange(model, 'frequency', input.frequencyGhz, 1, 1000, 'GHz');
  requireInRange(model, 'elevation', input.elevationDeg, 0, 90, '°');
  requireInRange(model, 'station height', input.stationHeightKm, 0, 10, 'km');
  requireAtLeast(model, 'water-vapour density', input.waterVapourDensityGm3, 0, 'g/m³');
  const f = input.frequencyGhz;
  const rho0 = input.waterVapourDensityGm3 * Math.exp(input.stationHeightKm / 2);
  const layers: { r: number; delta: number; n: number; gamma: number }[] = [];
  let h = input.stationHeightKm;
  for (let i = 0; i < 922 && h < 100; i++) {
    const delta = 1e-4 * Math.exp(i / 100);
    const mid = h + delta / 2;
    const t = standardTemperatureK(mid);
    const ptot = standardPressureHpa(mid);
    const rho = standardWaterVapourDensityGm3(mid, rho0);
    const e = (rho * t) / 216.7;
    const pDry = ptot - e;
    layers.push({
      r: 6371 + h,
      delta,
      n: refractiveIndex(pDry, e, t),
      gamma: gammaOxygen(f, pDry, rho, t) + gammaWater(f, pDry, rho, t),
    });
    h += delta;
  }
  let beta = (90 - input.elevationDeg) * DEG_TO_RAD; // incidence angle at the bottom of layer 1
  let a = 0;
  for (let i = 0; i < layers.length; i++) {
    const { r, delta, n, gamma } = layers[i]!;
    const cosB = Math.cos(beta);
    const len =
      -r * cosB + 0.5 * Math.sqrt(4 * r * r * cosB * cosB + 8 * r * delta + 4 * delta * delta);
    a += len * gamma;
    const alpha = Math.asin(Math.min(1, (r / (r + delta)) * Math.sin(beta))); // exit angle (eq. 18b)
    const next = layers[i + 1];
    if (!next) break;
    beta = Math.asin(Math.min(1, (n / next.n) * Math.sin(alpha))); // Snell (eq. 19a)
  }
  return a;
}
