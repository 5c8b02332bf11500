/**
 * Access windows of areas (polygons, multipolygons): the area is sampled by a grid of points
 * (area-weighted), each point's windows are found (access-windows.ts), and the windows of one
 * satellite that belong to one pass over the area are merged into one area window. For each
 * area window: the fraction of the area the field of regard reaches during it, and the
 * fraction one acquisition of the sensor's swath could cover (the best along-track strip of
 * that width: offsets across the track at closest approach, a sliding window).
 */
import type { Instant } from '../core/time.js';
import { type AccessWindow, activeIntervals, findAccessWindows } from './access-windows.js';
import { type GridCell, KM_PER_DEG, gridCells, resolutionKmToDeg } from './aoi/grid.js';
import { type Aoi, polygonsOf } from './aoi/types.js';
import { type PreparedTarget, prepareTarget } from './geometry.js';
import type { Sensor } from './sensor.js';
import type { SatelliteTrack } from './track.js';

export interface AreaWindow {
  readonly aoiId: string;
  readonly catalogNumber: number;
  readonly satelliteName: string;
  readonly startMs: Instant;
  readonly endMs: Instant;
  /** Time of the smallest off-nadir angle to any sample point of the area. */
  readonly bestMs: Instant;
  readonly minOffNadirDeg: number;
  /** Sun elevation at the best point at `bestMs`, deg. */
  readonly sunElevationDeg: number;
  readonly direction: 'ascending' | 'descending';
  /** Fraction of the area (by area) the field of regard reaches in this window, 0…1. */
  readonly fieldOfRegardFraction: number;
  /** Fraction one swath-wide acquisition can cover, 0…1 (null: the sensor has no swath). */
  readonly swathFraction: number | null;
}

export interface AreaSampling {
  readonly points: readonly GridCell[];
  readonly stepDeg: number;
}

/** Sample points of an area: about `maxPoints` cells (never finer than `minStepKm`). */
export function sampleArea(aoi: Aoi, maxPoints = 2000, minStepKm = 1): AreaSampling {
  if (aoi.geometry.type === 'Point') {
    const [lon, lat] = aoi.geometry.coordinates;
    return { points: [{ row: 0, col: 0, latDeg: lat, lonDeg: lon, areaKm2: 1 }], stepDeg: 0 };
  }
  // Start from the area's bounding boxes (an over-estimate of its area, so too coarse a step
  // at worst), then refine until the count fits.
  let boxKm2 = 0;
  for (const poly of polygonsOf(aoi.geometry)) {
    const xs = (poly[0] ?? []).map((p) => p[0]);
    const ys = (poly[0] ?? []).map((p) => p[1]);
    const midLat = ((Math.min(...ys) + Math.max(...ys)) / 2) * (Math.PI / 180);
    boxKm2 +=
      (Math.max(...xs) - Math.min(...xs)) *
      Math.cos(midLat) *
      (Math.max(...ys) - Math.min(...ys)) *
      KM_PER_DEG ** 2;
  }
  let step = resolutionKmToDeg(Math.max(minStepKm, Math.sqrt(boxKm2 / maxPoints)));
  let points = gridCells(aoi.geometry, step);
  // The box over-estimates the area: refine down while there is room (at most a few times).
  for (
    let k = 0;
    k < 4 && points.length < maxPoints / 4 && step > resolutionKmToDeg(minStepKm);
    k++
  ) {
    const finer = Math.max(resolutionKmToDeg(minStepKm), step / 2);
    const more = gridCells(aoi.geometry, finer);
    if (more.length > maxPoints) break;
    step = finer;
    points = more;
  }
  while (points.length > maxPoints) {
    step *= Math.sqrt(points.length / maxPoints) * 1.05;
    points = gridCells(aoi.geometry, step);
  }
  if (points.length === 0) {
    // A sliver thinner than the step: take its first vertex.
    const ring =
      aoi.geometry.type === 'Polygon'
        ? aoi.geometry.coordinates[0]
        : aoi.geometry.coordinates[0]?.[0];
    const [lon, lat] = ring?.[0] ?? [0, 0];
    points = [{ row: 0, col: 0, latDeg: lat, lonDeg: lon, areaKm2: 1 }];
  }
  return { points, stepDeg: step };
}

/** Area windows of one area for one satellite, in time order. */
export function findAreaWindows(
  aoi: Aoi,
  sampling: AreaSampling,
  track: SatelliteTrack,
  sensor: Sensor,
  opts: { startMs: Instant; endMs: Instant; toleranceS?: number },
): AreaWindow[] {
  const targets: PreparedTarget[] = sampling.points.map((p, i) =>
    prepareTarget(String(i), { latitudeDeg: p.latDeg, longitudeDeg: p.lonDeg, altitudeKm: 0 }),
  );
  const weights = sampling.points.map((p) => p.areaKm2);
  const total = weights.reduce((a, b) => a + b, 0);
  const active = activeIntervals(track, sensor, targets, opts);
  const perPoint = findAccessWindows(track, sensor, targets, opts, active);
  const all: { w: AccessWindow; point: number }[] = [];
  perPoint.forEach((list, point) => list.forEach((w) => all.push({ w, point })));
  all.sort((a, b) => a.w.startMs - b.w.startMs);
  // One pass over an area lasts minutes; passes of one LEO satellite are ≥ ~90 min apart.
  const joinMs = (track.periodS / 4) * 1000;
  const groups: (typeof all)[] = [];
  let end = -Infinity;
  for (const item of all) {
    const last = groups[groups.length - 1];
    if (last && item.w.startMs - end <= joinMs) {
      last.push(item);
      end = Math.max(end, item.w.endMs);
    } else {
      groups.push([item]);
      end = item.w.endMs;
    }
  }
  return groups.map((g) => areaWindow(aoi, g, weights, total, sensor));
}

function areaWindow(
  aoi: Aoi,
  group: { w: AccessWindow; point: number }[],
  weights: readonly number[],
  total: number,
  sensor: Sensor,
): AreaWindow {
  let best = group[0]!.w;
  for (const { w } of group) if (w.minOffNadirDeg < best.minOffNadirDeg) best = w;
  // Each point counts once (a point may have two windows in a pass when the sun splits it).
  const offsets = new Map<number, number>();
  for (const { w, point } of group) offsets.set(point, w.crossTrackKm);
  let reach = 0;
  for (const p of offsets.keys()) reach += weights[p]!;
  let swathFraction: number | null;
  if (sensor.kind === 'nadir') swathFraction = reach / total;
  else if (sensor.swathKm !== undefined)
    swathFraction = bestStrip([...offsets], weights, sensor.swathKm) / total;
  else swathFraction = sensor.kind === 'sar' ? reach / total : null;
  return {
    aoiId: aoi.id,
    catalogNumber: best.catalogNumber,
    satelliteName: best.satelliteName,
    startMs: Math.min(...group.map((x) => x.w.startMs)),
    endMs: Math.max(...group.map((x) => x.w.endMs)),
    bestMs: best.bestMs,
    minOffNadirDeg: best.minOffNadirDeg,
    sunElevationDeg: best.sunElevationDeg,
    direction: best.direction,
    fieldOfRegardFraction: reach / total,
    swathFraction,
  };
}

/** Largest weight of points whose cross-track offsets fit in one strip `widthKm` wide. */
function bestStrip(
  points: [number, number][],
  weights: readonly number[],
  widthKm: number,
): number {
  const sorted = points.map(([p, x]) => ({ x, w: weights[p]! })).sort((a, b) => a.x - b.x);
  let best = 0;
  let sum = 0;
  let lo = 0;
  for (let hi = 0; hi < sorted.length; hi++) {
    sum += sorted[hi]!.w;
    while (sorted[hi]!.x - sorted[lo]!.x > widthKm) sum -= sorted[lo++]!.w;
    best = Math.max(best, sum);
  }
  return best;
}
