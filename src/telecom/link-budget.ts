/**
 * Link budgets through a transparent geostationary transponder: each hop (uplink, downlink) gets
 * its carrier-to-noise density from EIRP, free-space loss, atmospheric attenuation, pointing and
 * polarisation losses and the receiver G/T (with the sky-noise rise under rain, P.618 §3 with
 * T_m = 275 K); the hops and the interference add as noise densities.
 */
import { SPEED_OF_LIGHT_KM_S } from '../core/units.js';
import { requireAbove } from './itur/validity.js';

/** Boltzmann's constant, dB(W/(K·Hz)). */
export const BOLTZMANN_DBW = -228.5991672;

/** Free-space path loss (dB) over `rangeKm` at `frequencyGhz`: 20·log10(4πd/λ). */
export function freeSpaceLossDb(rangeKm: number, frequencyGhz: number): number {
  requireAbove('free-space loss', 'range', rangeKm, 0, 'km');
  requireAbove('free-space loss', 'frequency', frequencyGhz, 0, 'GHz');
  const lambdaKm = SPEED_OF_LIGHT_KM_S / (frequencyGhz * 1e9);
  return 20 * Math.log10((4 * Math.PI * rangeKm) / lambdaKm);
}

/** Receiver G/T (dB/K) degraded by the noise of an attenuating medium A (dB) at T_m (K). */
export function degradedGtDbK(
  clearSkyGtDbK: number,
  systemNoiseK: number,
  attenuationDb: number,
  mediumK = 275,
): number {
  const skyRise = mediumK * (1 - 10 ** (-attenuationDb / 10));
  return clearSkyGtDbK - 10 * Math.log10((systemNoiseK + skyRise) / systemNoiseK);
}

/** One hop. */
export interface HopInput {
  /** Transmit EIRP toward the receiver, dBW. */
  readonly eirpDbw: number;
  /** Receiver G/T in clear sky, dB/K. */
  readonly gtDbK: number;
  readonly frequencyGhz: number;
  readonly rangeKm: number;
  /** Atmospheric attenuation, dB. */
  readonly atmosphericDb: number;
  readonly pointingLossDb?: number;
  readonly polarisationLossDb?: number;
  readonly otherLossesDb?: number;
  /** Receiver system noise temperature (K), when the receiver is on the ground: adds sky noise. */
  readonly groundSystemNoiseK?: number;
}

/** Result of one hop. */
export interface HopResult {
  readonly freeSpaceLossDb: number;
  readonly gtDbK: number;
  /** C/N0, dBHz. */
  readonly cN0DbHz: number;
}

/** C/N0 of a hop (dBHz). */
export function hopCn0(h: HopInput): HopResult {
  const fsl = freeSpaceLossDb(h.rangeKm, h.frequencyGhz);
  const gt = h.groundSystemNoiseK
    ? degradedGtDbK(h.gtDbK, h.groundSystemNoiseK, h.atmosphericDb)
    : h.gtDbK;
  const losses =
    fsl +
    h.atmosphericDb +
    (h.pointingLossDb ?? 0) +
    (h.polarisationLossDb ?? 0) +
    (h.otherLossesDb ?? 0);
  return { freeSpaceLossDb: fsl, gtDbK: gt, cN0DbHz: h.eirpDbw - losses + gt - BOLTZMANN_DBW };
}

/** Sum of noise densities: 1/(C/N0)_tot = Σ 1/(C/N0)_i (all in dB). */
export function combineCn0Db(...cn0Db: number[]): number {
  return -10 * Math.log10(cn0Db.reduce((s, x) => s + 10 ** (-x / 10), 0));
}

/** Ratios of a carrier at symbol rate Rs (Hz) from its total C/N0. */
export function carrierRatios(
  cN0DbHz: number,
  symbolRateHz: number,
  rolloff: number,
  efficiencyBitPerSymbol?: number,
): {
  esN0Db: number;
  cnDb: number;
  ebN0Db: number | undefined;
} {
  const esN0Db = cN0DbHz - 10 * Math.log10(symbolRateHz);
  const cnDb = cN0DbHz - 10 * Math.log10(symbolRateHz * (1 + rolloff));
  const ebN0Db = efficiencyBitPerSymbol
    ? esN0Db - 10 * Math.log10(efficiencyBitPerSymbol)
    : undefined;
  return { esN0Db, cnDb, ebN0Db };
}
