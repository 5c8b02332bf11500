/**
 * Revisit statistics of one place from its access opportunities: how many, how soon the first,
 * and the gaps between them. A gap is the time between the end of one access and the start of
 * the next, after merging opportunities that overlap (two satellites seeing the place at the
 * same time make one uninterrupted access). The gaps before the first and after the last access
 * are censored by the analysis window: they are not revisit gaps (the time to first access is
 * reported on its own).
 */
import type { Instant } from '../core/time.js';

export interface RevisitStats {
  /** Number of opportunities (all satellites, before merging). */
  readonly accessCount: number;
  /** From the start of the analysis to the first opportunity, h (null: never seen). */
  readonly timeToFirstAccessH: number | null;
  /** Largest gap, h (null with fewer than two merged accesses). */
  readonly maxGapH: number | null;
  readonly meanGapH: number | null;
  /** Gap percentiles (linear interpolation between order statistics), h. */
  readonly p50GapH: number | null;
  readonly p90GapH: number | null;
  readonly p95GapH: number | null;
}

const MS_PER_H = 3_600_000;

/** Percentile q (0…1) of sorted values, linear interpolation (Hyndman–Fan type 7). */
export function percentileSorted(sorted: ArrayLike<number>, q: number): number {
  const n = sorted.length;
  if (n === 0) return NaN;
  const x = q * (n - 1);
  const i = Math.floor(x);
  const f = x - i;
  return i + 1 < n ? sorted[i]! * (1 - f) + sorted[i + 1]! * f : sorted[n - 1]!;
}

/** Statistics of the opportunities `windows` (any order) of an analysis starting at `startMs`. */
export function revisitStats(
  windows: readonly { readonly startMs: Instant; readonly endMs: Instant }[],
  startMs: Instant,
): RevisitStats {
  return revisitStatsOfIntervals(
    windows.flatMap((w) => [w.startMs, w.endMs]),
    startMs,
  );
}

/** The same from a flat list [start0, end0, start1, end1, …] (UTC ms, any order of pairs). */
export function revisitStatsOfIntervals(flat: readonly number[], startMs: Instant): RevisitStats {
  const count = flat.length / 2;
  if (count === 0) {
    return {
      accessCount: 0,
      timeToFirstAccessH: null,
      maxGapH: null,
      meanGapH: null,
      p50GapH: null,
      p90GapH: null,
      p95GapH: null,
    };
  }
  const order = Array.from({ length: count }, (_, i) => i).sort(
    (a, b) => flat[2 * a]! - flat[2 * b]!,
  );
  const gaps: number[] = [];
  let end = flat[2 * order[0]! + 1]!;
  for (let k = 1; k < count; k++) {
    const i = order[k]!;
    const s = flat[2 * i]!;
    if (s > end) gaps.push((s - end) / MS_PER_H);
    end = Math.max(end, flat[2 * i + 1]!);
  }
  gaps.sort((a, b) => a - b);
  const has = gaps.length > 0;
  return {
    accessCount: count,
    timeToFirstAccessH: Math.max(0, flat[2 * order[0]!]! - startMs) / MS_PER_H,
    maxGapH: has ? gaps[gaps.length - 1]! : null,
    meanGapH: has ? gaps.reduce((s, g) => s + g, 0) / gaps.length : null,
    p50GapH: has ? percentileSorted(gaps, 0.5) : null,
    p90GapH: has ? percentileSorted(gaps, 0.9) : null,
    p95GapH: has ? percentileSorted(gaps, 0.95) : null,
  };
}

/**
 * Area-weighted percentile q of values (Infinity allowed: a place never revisited): the
 * smallest value v such that places of total weight ≥ q·(total) have a value ≤ v.
 */
export function weightedPercentile(
  values: readonly number[],
  weights: readonly number[],
  q: number,
): number {
  const idx = values.map((_, i) => i).sort((a, b) => values[a]! - values[b]!);
  const total = weights.reduce((s, w) => s + w, 0);
  if (total <= 0) return NaN;
  let acc = 0;
  for (const i of idx) {
    acc += weights[i]!;
    if (acc >= q * total * (1 - 1e-12)) return values[i]!;
  }
  return values[idx[idx.length - 1]!]!;
}
