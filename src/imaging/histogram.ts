/**
 * Fixed-range histograms: the bin edges are known before the data (a physical range with a
 * fixed resolution), so tiles of a scene can be counted separately and merged exactly, and a
 * whole scene is summarised without holding it in memory.
 */

/** A histogram over `[min, max)` with equal bins; values outside are clamped to the end bins. */
export interface Histogram {
  readonly min: number;
  readonly max: number;
  /** Counts per bin (Float64 so sums of large scenes stay exact). */
  readonly counts: Float64Array;
}

/** An empty histogram of `bins` bins over `[min, max)`. */
export function createHistogram(min: number, max: number, bins: number): Histogram {
  if (!(max > min) || !(bins >= 2))
    throw new RangeError(`bad histogram range ${min}..${max} × ${bins}`);
  return { min, max, counts: new Float64Array(bins) };
}

/** Value at the centre of bin `b`. */
export function binCentre(h: Histogram, b: number): number {
  return h.min + ((b + 0.5) * (h.max - h.min)) / h.counts.length;
}

/** Value at the lower edge of bin `b` (the threshold that puts bins < b below it). */
export function binEdge(h: Histogram, b: number): number {
  return h.min + (b * (h.max - h.min)) / h.counts.length;
}

/**
 * Counts the finite values of `values` (indices `from … to-1`, every `stride`-th row chunk is the
 * caller's business) into `h`. NaN is skipped: NaN marks nodata everywhere in imaging.
 */
export function accumulate(
  h: Histogram,
  values: ArrayLike<number>,
  from = 0,
  to = values.length,
): void {
  const n = h.counts.length;
  const scale = n / (h.max - h.min);
  const min = h.min;
  const counts = h.counts;
  for (let i = from; i < to; i++) {
    const v = values[i]!;
    if (v !== v) continue;
    let b = Math.floor((v - min) * scale);
    if (b < 0) b = 0;
    else if (b >= n) b = n - 1;
    counts[b]!++;
  }
}

/** Adds the counts of `src` into `dst` (same range and bins). */
export function mergeInto(dst: Histogram, src: Histogram): void {
  if (dst.counts.length !== src.counts.length || dst.min !== src.min || dst.max !== src.max)
    throw new RangeError('histograms with different bins cannot be merged');
  for (let b = 0; b < dst.counts.length; b++) dst.counts[b]! += src.counts[b]!;
}

/** Number of values counted. */
export function histogramTotal(h: Histogram): number {
  let s = 0;
  for (let b = 0; b < h.counts.length; b++) s += h.counts[b]!;
  return s;
}
