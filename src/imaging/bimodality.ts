/**
 * The bimodality test of split-based thresholding (Bovolo & Bruzzone 2007; Martinis, Twele & Voigt
 * 2009; Chini et al. 2017, "A hierarchical split-based approach…", IEEE TGRS 55(12)): a scene is
 * cut into tiles, a tile is kept when its own Otsu split looks like two real populations, and the
 * scene threshold is Otsu's on the kept tiles only. Tiles of pure land or pure water, where a
 * global histogram is dominated by one class, stop biasing the threshold.
 *
 * Ashman's D on the two halves of an Otsu split is not enough by itself: splitting a single
 * Gaussian at its mean already gives D ≈ 2.65 (the halves are truncated). A tile must also have
 * Sarle's bimodality coefficient above 5/9 (the value of a uniform distribution; a Gaussian has
 * 1/3), computed from the skewness and kurtosis of its histogram.
 */
import { type Histogram, binCentre } from './histogram.js';
import type { ClassStats, OtsuResult } from './otsu.js';

/** Criteria of {@link isBimodal}, with the defaults used by the water products. */
export interface BimodalityCriteria {
  /** Minimum Ashman's D (Ashman, Bird & Zeger 1994): D > 2 means two separable modes. Default 2. */
  readonly minAshmanD: number;
  /** Minimum fraction of the smaller class (Chini et al. use 0.1). Default 0.1. */
  readonly minClassFraction: number;
  /** Minimum number of valid pixels in the tile. Default 100. */
  readonly minPixels: number;
  /** Minimum Sarle's bimodality coefficient. Default 5/9. */
  readonly minBimodalityCoefficient: number;
}

export const DEFAULT_BIMODALITY: BimodalityCriteria = {
  minAshmanD: 2,
  minClassFraction: 0.1,
  minPixels: 100,
  minBimodalityCoefficient: 5 / 9,
};

/**
 * Sarle's bimodality coefficient (g² + 1) / (k + 3(n−1)²/((n−2)(n−3))) of a histogram, with g
 * the sample skewness and k the sample excess kurtosis; NaN for fewer than 4 values.
 */
export function bimodalityCoefficient(h: Histogram): number {
  let n = 0;
  let s1 = 0;
  for (let b = 0; b < h.counts.length; b++) {
    const c = h.counts[b]!;
    n += c;
    s1 += c * binCentre(h, b);
  }
  if (n < 4) return NaN;
  const mean = s1 / n;
  let m2 = 0;
  let m3 = 0;
  let m4 = 0;
  for (let b = 0; b < h.counts.length; b++) {
    const c = h.counts[b]!;
    if (c === 0) continue;
    const d = binCentre(h, b) - mean;
    const d2 = d * d;
    m2 += c * d2;
    m3 += c * d2 * d;
    m4 += c * d2 * d2;
  }
  m2 /= n;
  m3 /= n;
  m4 /= n;
  if (m2 === 0) return NaN;
  const g = m3 / m2 ** 1.5;
  const k = m4 / (m2 * m2) - 3;
  return (g * g + 1) / (k + (3 * (n - 1) ** 2) / ((n - 2) * (n - 3)));
}

/** Ashman's D = √2·|μ1 − μ2| / √(σ1² + σ2²). */
export function ashmanD(a: ClassStats, b: ClassStats): number {
  const s = Math.sqrt(a.std * a.std + b.std * b.std);
  return s > 0 ? (Math.SQRT2 * Math.abs(a.mean - b.mean)) / s : Infinity;
}

/** True when an Otsu split of a tile passes the bimodality criteria. */
export function isBimodal(
  h: Histogram,
  split: OtsuResult | undefined,
  c: BimodalityCriteria = DEFAULT_BIMODALITY,
): boolean {
  if (!split) return false;
  const n = split.low.count + split.high.count;
  return (
    n >= c.minPixels &&
    Math.min(split.low.fraction, split.high.fraction) >= c.minClassFraction &&
    ashmanD(split.low, split.high) >= c.minAshmanD &&
    bimodalityCoefficient(h) > c.minBimodalityCoefficient
  );
}
