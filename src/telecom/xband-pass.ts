/**
 * Low-orbit X-band downlink along a pass: the budget at each sample (range and elevation vary)
 * and the data volume with a fixed MODCOD or with variable coding (ACM/VCM) that follows Es/N0.
 * `passVolumeBits` is what the planner uses as a station contact's capacity.
 */
import { DomainError } from '../core/errors.js';
import { type Modcod, bestModcod, modcodByName } from './dvbs2.js';
import { BOLTZMANN_DBW, freeSpaceLossDb } from './link-budget.js';

/** One sample of a pass. */
export interface PassSample {
  /** UTC ms. */
  readonly t: number;
  readonly elevationDeg: number;
  readonly rangeKm: number;
}

/** The downlink. */
export interface XbandDownlink {
  /** Satellite EIRP, dBW. */
  readonly eirpDbw: number;
  /** Station G/T, dB/K. */
  readonly gtDbK: number;
  /** Carrier frequency, GHz (X band: 8.025–8.4). */
  readonly frequencyGhz: number;
  readonly symbolRateMbd: number;
  /** Fixed MODCOD name, or 'variable' to follow Es/N0 sample by sample. */
  readonly coding: string;
  readonly standard?: 'DVB-S2' | 'DVB-S2X';
  readonly implementationMarginDb?: number;
  /** Other losses (pointing, polarisation, demodulator), dB. */
  readonly otherLossesDb?: number;
  /** Minimum elevation for the station to track, degrees (default 5). */
  readonly minElevationDeg?: number;
  /**
   * Atmospheric attenuation at an elevation (dB), e.g. from slantPathAttenuation at the station
   * for the chosen availability; default: zenith 0.1 dB scaled by 1/sin(el).
   */
  readonly atmosphericDb?: (elevationDeg: number) => number;
}

/** Es/N0 (dB) at one sample. */
export function sampleEsN0Db(link: XbandDownlink, s: PassSample): number {
  const atm = link.atmosphericDb
    ? link.atmosphericDb(s.elevationDeg)
    : 0.1 / Math.sin((Math.max(s.elevationDeg, 1) * Math.PI) / 180);
  const cn0 =
    link.eirpDbw -
    freeSpaceLossDb(s.rangeKm, link.frequencyGhz) -
    atm -
    (link.otherLossesDb ?? 0) +
    link.gtDbK -
    BOLTZMANN_DBW;
  return cn0 - 10 * Math.log10(link.symbolRateMbd * 1e6);
}

/**
 * Data volume (bits) of a pass from its (time, elevation, range) samples: the information rate
 * at each sample (0 when below the minimum elevation or when the MODCOD does not close),
 * integrated with the trapezoidal rule over time.
 * @throws DomainError for unsorted samples or an unknown MODCOD.
 */
export function passVolumeBits(samples: readonly PassSample[], link: XbandDownlink): number {
  const standard = link.standard ?? 'DVB-S2X';
  const margin = link.implementationMarginDb ?? 0;
  const fixed: Modcod | undefined =
    link.coding === 'variable' ? undefined : modcodByName(link.coding, standard);
  const rs = link.symbolRateMbd * 1e6;
  const minEl = link.minElevationDeg ?? 5;
  const rate = (s: PassSample): number => {
    if (s.elevationDeg < minEl) return 0;
    const es = sampleEsN0Db(link, s);
    const mc = fixed ?? bestModcod(es, standard, margin);
    if (!mc || es < mc.esN0Db + margin) return 0;
    return mc.efficiencyBitPerSymbol * rs;
  };
  let bits = 0;
  for (let i = 1; i < samples.length; i++) {
    const a = samples[i - 1]!;
    const b = samples[i]!;
    if (!(b.t > a.t))
      throw new DomainError(`pass samples must be in increasing time order (sample ${i})`);
    bits += ((rate(a) + rate(b)) / 2) * ((b.t - a.t) / 1000);
  }
  return bits;
}
