/**
 * Coverage and revisit over a grid of places: every cell centre is a target of the access
 * search (access-windows.ts), for every satellite and its sensor; each cell's opportunities are
 * reduced to revisit statistics (revisit.ts), then cells are summarised per area (a region, a
 * border strip), area-weighted.
 *
 * The work is split in chunks of cells so that a shell can report progress and stop between
 * two chunks; each satellite's track and its list of active intervals are computed once.
 */
import type { Instant } from '../core/time.js';
import {
  type AccessWindow,
  activeIntervals,
  findAccessIntervals,
  findAccessWindows,
} from './access-windows.js';
import { type GridCell } from './aoi/grid.js';
import { inAny, prepareGeometry } from './aoi/point-in-polygon.js';
import type { AoiGeometry } from './aoi/types.js';
import { type PreparedTarget, prepareTarget } from './geometry.js';
import { type RevisitStats, revisitStatsOfIntervals, weightedPercentile } from './revisit.js';
import type { Sensor } from './sensor.js';
import type { SatelliteTrack } from './track.js';

export interface CoverageSatellite {
  readonly track: SatelliteTrack;
  readonly sensor: Sensor;
}

/** Window edges to half a second: revisit gaps are hours. */
export const DEFAULT_TOLERANCE_S = 0.5;

export interface CoverageOptions {
  readonly startMs: Instant;
  readonly endMs: Instant;
  /** Precision of window edges, s (default {@link DEFAULT_TOLERANCE_S}). */
  readonly toleranceS?: number;
}

/** A coverage computation in progress: targets prepared, active intervals per satellite. */
export interface CoveragePlan {
  readonly cells: readonly GridCell[];
  readonly targets: readonly PreparedTarget[];
  readonly satellites: readonly CoverageSatellite[];
  readonly active: readonly Int32Array[];
  readonly options: CoverageOptions;
}

/**
 * Prepares a coverage computation. `active` (one list per satellite, from a plan made
 * elsewhere, e.g. in the main thread for workers) skips recomputing the active intervals.
 */
export function planCoverage(
  cells: readonly GridCell[],
  satellites: readonly CoverageSatellite[],
  options: CoverageOptions,
  knownActive?: readonly Int32Array[],
): CoveragePlan {
  const targets = cells.map((c, i) =>
    prepareTarget(String(i), { latitudeDeg: c.latDeg, longitudeDeg: c.lonDeg, altitudeKm: 0 }),
  );
  const active =
    knownActive ?? satellites.map((s) => activeIntervals(s.track, s.sensor, targets, options));
  return { cells, targets, satellites, active, options };
}

/** Opportunities of cells [from, to) for every satellite, per cell. */
export function cellWindows(plan: CoveragePlan, from: number, to: number): AccessWindow[][] {
  const targets = plan.targets.slice(from, to);
  const out: AccessWindow[][] = targets.map(() => []);
  const opts = { ...plan.options, toleranceS: plan.options.toleranceS ?? DEFAULT_TOLERANCE_S };
  plan.satellites.forEach((s, k) => {
    const w = findAccessWindows(s.track, s.sensor, targets, opts, plan.active[k]);
    w.forEach((list, i) => out[i]!.push(...list));
  });
  return out;
}

/** Revisit statistics of cells [from, to). */
export function coverageChunk(plan: CoveragePlan, from: number, to: number): RevisitStats[] {
  const targets = plan.targets.slice(from, to);
  const flat: number[][] = targets.map(() => []);
  const opts = { ...plan.options, toleranceS: plan.options.toleranceS ?? DEFAULT_TOLERANCE_S };
  plan.satellites.forEach((s, k) => {
    const w = findAccessIntervals(s.track, s.sensor, targets, opts, plan.active[k]);
    w.forEach((list, i) => {
      const acc = flat[i]!;
      for (const x of list) acc.push(x);
    });
  });
  return flat.map((f) => revisitStatsOfIntervals(f, plan.options.startMs));
}

/** An area to summarise: the cells whose centres fall in its geometry. */
export interface SummaryArea {
  readonly id: string;
  readonly name: string;
  readonly kind: string;
  readonly geometry: AoiGeometry;
}

export interface AreaSummary {
  readonly id: string;
  readonly name: string;
  readonly kind: string;
  readonly cellCount: number;
  readonly areaKm2: number;
  /** Fraction of the area seen at least once. */
  readonly fractionSeen: number;
  /** Fraction of the area seen at least twice (a revisit gap exists). */
  readonly fractionRevisited: number;
  /** Area-weighted mean number of opportunities per cell. */
  readonly meanAccessCount: number;
  /**
   * Area-weighted percentiles of the cells' largest revisit gap, h: `maxGapH.p95` = N means 95 %
   * of the area is seen at least every N hours (null when more than 5 % of the area is not
   * revisited within the analysis window).
   */
  readonly maxGapH: Percentiles;
  /** Area-weighted percentiles of the cells' mean revisit gap, h. */
  readonly meanGapH: Percentiles;
  /** Area-weighted percentiles of the time to first access, h. */
  readonly timeToFirstAccessH: Percentiles;
}

export interface Percentiles {
  readonly p50: number | null;
  readonly p90: number | null;
  readonly p95: number | null;
  readonly max: number | null;
}

function percentiles(values: number[], weights: number[]): Percentiles {
  const f = (q: number): number | null => {
    const v = weightedPercentile(values, weights, q);
    return Number.isFinite(v) ? v : null;
  };
  return { p50: f(0.5), p90: f(0.9), p95: f(0.95), max: f(1) };
}

/** Summary of the cells at `indices` (all cells when absent). */
export function summarizeCells(
  area: { id: string; name: string; kind: string },
  cells: readonly GridCell[],
  stats: readonly RevisitStats[],
  indices: readonly number[] = cells.map((_, i) => i),
): AreaSummary {
  const w = indices.map((i) => cells[i]!.areaKm2);
  const st = indices.map((i) => stats[i]!);
  const total = w.reduce((a, b) => a + b, 0);
  const sumW = (pred: (s: RevisitStats) => boolean): number =>
    st.reduce((acc, s, k) => acc + (pred(s) ? w[k]! : 0), 0);
  const inf = (v: number | null): number => v ?? Infinity;
  return {
    id: area.id,
    name: area.name,
    kind: area.kind,
    cellCount: indices.length,
    areaKm2: total,
    fractionSeen: total > 0 ? sumW((s) => s.accessCount > 0) / total : 0,
    fractionRevisited: total > 0 ? sumW((s) => s.maxGapH !== null) / total : 0,
    meanAccessCount: total > 0 ? st.reduce((a, s, k) => a + s.accessCount * w[k]!, 0) / total : 0,
    maxGapH: percentiles(
      st.map((s) => inf(s.maxGapH)),
      w,
    ),
    meanGapH: percentiles(
      st.map((s) => inf(s.meanGapH)),
      w,
    ),
    timeToFirstAccessH: percentiles(
      st.map((s) => inf(s.timeToFirstAccessH)),
      w,
    ),
  };
}

/** Summaries of the areas that hold at least one cell. */
export function summarizeAreas(
  areas: readonly SummaryArea[],
  cells: readonly GridCell[],
  stats: readonly RevisitStats[],
): AreaSummary[] {
  const out: AreaSummary[] = [];
  for (const a of areas) {
    const polys = prepareGeometry(a.geometry);
    const idx: number[] = [];
    cells.forEach((c, i) => {
      if (inAny(polys, c.lonDeg, c.latDeg)) idx.push(i);
    });
    if (idx.length > 0) out.push(summarizeCells(a, cells, stats, idx));
  }
  return out;
}
