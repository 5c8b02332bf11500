/**
 * Regular latitude/longitude grids over areas of interest. Cells are anchored on multiples of
 * the step (a cell of one region is the same cell in another), and a cell belongs to an area
 * when its centre is inside it. A resolution in km is turned into degrees with the mean Earth
 * radius (1° = 111.195 km of latitude); longitude steps are the same number of degrees, so
 * cells are narrower in km away from the equator (by cos φ: 3 % at 15° N) and carry their true
 * area.
 */
import { DEG_TO_RAD } from '../../core/units.js';
import type { AoiGeometry } from './types.js';
import { polygonsOf } from './types.js';

/** Mean Earth radius (IUGG), km. */
export const MEAN_EARTH_RADIUS_KM = 6371.0088;
/** Kilometres per degree of a great circle. */
export const KM_PER_DEG = (MEAN_EARTH_RADIUS_KM * Math.PI) / 180;

export interface GridCell {
  /** Row and column on the global grid of this step (row 0 at the equator's south edge). */
  readonly row: number;
  readonly col: number;
  readonly latDeg: number;
  readonly lonDeg: number;
  /** Area of the cell on a sphere of mean radius, km². */
  readonly areaKm2: number;
}

/** Degrees for a resolution given in km. */
export function resolutionKmToDeg(km: number): number {
  return km / KM_PER_DEG;
}

/** Area of a step × step cell centred at latitude `latDeg`, km². */
export function cellAreaKm2(latDeg: number, stepDeg: number): number {
  const h = (stepDeg / 2) * DEG_TO_RAD;
  const lat = latDeg * DEG_TO_RAD;
  const dLat = Math.sin(Math.min(Math.PI / 2, lat + h)) - Math.sin(Math.max(-Math.PI / 2, lat - h));
  return MEAN_EARTH_RADIUS_KM ** 2 * stepDeg * DEG_TO_RAD * dLat;
}

/**
 * The cells whose centre lies in the geometry (polygons only), row-major from south-west.
 * Scan lines: for each row, the crossings of its centre latitude with every ring edge, sorted,
 * delimit the inside spans (even–odd rule, holes included; the same rule as
 * {@link inPolygon}). Parts of a multipolygon are gridded over their own extents, so a geometry
 * split at the antimeridian does not make a grid around the world.
 */
export function gridCells(geometry: AoiGeometry, stepDeg: number): GridCell[] {
  if (!(stepDeg > 0)) throw new RangeError(`grid step must be > 0 (got ${stepDeg})`);
  const seen = new Set<number>();
  const cells: GridCell[] = [];
  for (const part of polygonsOf(geometry)) {
    let minLat = Infinity;
    let maxLat = -Infinity;
    for (const [, y] of part[0] ?? []) {
      minLat = Math.min(minLat, y);
      maxLat = Math.max(maxLat, y);
    }
    const r0 = Math.floor(minLat / stepDeg);
    const r1 = Math.floor(maxLat / stepDeg);
    for (let r = r0; r <= r1; r++) {
      const lat = (r + 0.5) * stepDeg;
      const xs: number[] = [];
      for (const ring of part) {
        for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
          const [xi, yi] = ring[i]!;
          const [xj, yj] = ring[j]!;
          if (yi > lat !== yj > lat) xs.push(((xj - xi) * (lat - yi)) / (yj - yi) + xi);
        }
      }
      xs.sort((a, b) => a - b);
      for (let k = 0; k + 1 < xs.length; k += 2) {
        // centres (c + 0.5)·step strictly inside (x0, x1]
        const c0 = Math.floor(xs[k]! / stepDeg - 0.5) + 1;
        const c1 = Math.ceil(xs[k + 1]! / stepDeg - 0.5) - 1;
        for (let c = c0; c <= c1; c++) {
          const key = r * 4_000_003 + c;
          if (seen.has(key)) continue;
          seen.add(key);
          const lon = (c + 0.5) * stepDeg;
          cells.push({
            row: r,
            col: c,
            latDeg: lat,
            lonDeg: lon,
            areaKm2: cellAreaKm2(lat, stepDeg),
          });
        }
      }
    }
  }
  cells.sort((a, b) => a.row - b.row || a.col - b.col);
  return cells;
}
