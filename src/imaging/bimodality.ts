/**
 * The bimodality test of split-based thresholding (Bovolo & Bruzzone 2007; Martinis, Twele & Voigt
 * 2009; Chini et al. 2017, "A hierarchical split-based approach…", IEEE TGRS 55(12)): a scene is
 * cut into tiles, a tile is kept when its own Otsu split looks like two real populations, and the
 * scene threshold is Otsu's on the kept tiles only. Tiles of pure land or pure water, where a
 * global histogram is dominated by one class, stop biasing the threshold.
 */
import type { ClassStats, OtsuResult } from './otsu.js';

/** Criteria of {@link isBimodal}, with the defaults used by the water products. */
export interface BimodalityCriteria {
  /** Minimum Ashman's D (Ashman, Bird & Zeger 1994): D > 2 means two separable modes. Default 2. */
  readonly minAshmanD: number;
  /** Minimum fraction of the smaller class (Chini et al. use 0.1). Default 0.1. */
  readonly minClassFraction: number;
  /** Minimum number of valid pixels in the tile. Default 100. */
  readonly minPixels: number;
}

export const DEFAULT_BIMODALITY: BimodalityCriteria = {
  minAshmanD: 2,
  minClassFraction: 0.1,
  minPixels: 100,
};

/** Ashman's D = √2·|μ1 − μ2| / √(σ1² + σ2²). */
export function ashmanD(a: ClassStats, b: ClassStats): number {
  const s = Math.sqrt(a.std * a.std + b.std * b.std);
  return s > 0 ? (Math.SQRT2 * Math.abs(a.mean - b.mean)) / s : Infinity;
}

/** True when an Otsu split of a tile passes the bimodality criteria. */
export function isBimodal(
  split: OtsuResult | undefined,
  c: BimodalityCriteria = DEFAULT_BIMODALITY,
): boolean {
  if (!split) return false;
  const n = split.low.count + split.high.count;
  return (
    n >= c.minPixels &&
    Math.min(split.low.fraction, split.high.fraction) >= c.minClassFraction &&
    ashmanD(split.low, split.high) >= c.minAshmanD
  );
}
