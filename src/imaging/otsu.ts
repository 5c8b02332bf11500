/**
 * Otsu's threshold (Otsu 1979, "A threshold selection method from gray-level histograms", IEEE
 * SMC-9): the cut that maximises the between-class variance of a histogram. It returns the
 * classes' statistics, which the bimodality test and the fusion's class models reuse.
 */
import { type Histogram, binCentre, binEdge } from './histogram.js';

/** Weight (fraction of the counted values), mean and standard deviation of one class. */
export interface ClassStats {
  readonly fraction: number;
  readonly mean: number;
  readonly std: number;
  readonly count: number;
}

/** An Otsu split: the threshold and the classes below and above it. */
export interface OtsuResult {
  /** Values `< threshold` form the low class. */
  readonly threshold: number;
  readonly low: ClassStats;
  readonly high: ClassStats;
}

/** Statistics of bins `from … to-1`, with bin-centre values. */
export function classStats(h: Histogram, from: number, to: number, total: number): ClassStats {
  let n = 0;
  let s = 0;
  let q = 0;
  for (let b = from; b < to; b++) {
    const c = h.counts[b]!;
    if (c === 0) continue;
    const x = binCentre(h, b);
    n += c;
    s += c * x;
    q += c * x * x;
  }
  const mean = n > 0 ? s / n : NaN;
  // Half a bin in quadrature keeps a class that falls in one bin from having zero spread.
  const binW = (h.max - h.min) / h.counts.length;
  const variance = n > 0 ? Math.max(q / n - mean * mean, 0) + (binW * binW) / 12 : NaN;
  return { fraction: total > 0 ? n / total : 0, mean, std: Math.sqrt(variance), count: n };
}

/**
 * Otsu's threshold of a histogram.
 * @returns undefined when fewer than two non-empty bins exist (no split is possible).
 */
export function otsu(h: Histogram): OtsuResult | undefined {
  const c = h.counts;
  const n = c.length;
  let total = 0;
  let sum = 0;
  let nonEmpty = 0;
  for (let b = 0; b < n; b++) {
    total += c[b]!;
    sum += b * c[b]!;
    if (c[b]! > 0) nonEmpty++;
  }
  if (nonEmpty < 2) return undefined;
  let w0 = 0;
  let s0 = 0;
  let best = -1;
  let cut = 0;
  for (let b = 0; b < n - 1; b++) {
    w0 += c[b]!;
    s0 += b * c[b]!;
    const w1 = total - w0;
    if (w0 === 0 || w1 === 0) continue;
    const d = s0 / w0 - (sum - s0) / w1;
    const between = w0 * w1 * d * d;
    if (between > best) {
      best = between;
      cut = b + 1;
    }
  }
  return {
    threshold: binEdge(h, cut),
    low: classStats(h, 0, cut, total),
    high: classStats(h, cut, n, total),
  };
}
