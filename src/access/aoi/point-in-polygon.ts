/**
 * Point-in-polygon on longitude/latitude (planar even–odd rule on the rings, holes included):
 * the same convention as GeoJSON renderers, exact for the grid cells and AOIs of this project
 * (edges of a few km, far from the poles). Polygons are prepared once (bounding boxes) for
 * repeated tests.
 */
import type { AoiGeometry, PolygonCoords } from './types.js';
import { polygonsOf } from './types.js';

export interface PreparedPolygon {
  readonly rings: readonly Float64Array[];
  readonly minLon: number;
  readonly maxLon: number;
  readonly minLat: number;
  readonly maxLat: number;
}

export function preparePolygon(poly: PolygonCoords): PreparedPolygon {
  let minLon = Infinity;
  let maxLon = -Infinity;
  let minLat = Infinity;
  let maxLat = -Infinity;
  const rings = poly.map((r) => {
    const a = new Float64Array(2 * r.length);
    r.forEach(([x, y], i) => {
      a[2 * i] = x;
      a[2 * i + 1] = y;
    });
    return a;
  });
  for (const [x, y] of poly[0] ?? []) {
    minLon = Math.min(minLon, x);
    maxLon = Math.max(maxLon, x);
    minLat = Math.min(minLat, y);
    maxLat = Math.max(maxLat, y);
  }
  return { rings, minLon, maxLon, minLat, maxLat };
}

/** The prepared polygons of a geometry (empty for a point). */
export function prepareGeometry(g: AoiGeometry): PreparedPolygon[] {
  return polygonsOf(g).map(preparePolygon);
}

function inRing(r: Float64Array, x: number, y: number): boolean {
  let inside = false;
  const n = r.length / 2;
  for (let i = 0, j = n - 1; i < n; j = i++) {
    const xi = r[2 * i]!;
    const yi = r[2 * i + 1]!;
    const xj = r[2 * j]!;
    const yj = r[2 * j + 1]!;
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

/** Is (lon, lat) inside the polygon (outside every hole)? */
export function inPolygon(p: PreparedPolygon, lonDeg: number, latDeg: number): boolean {
  if (lonDeg < p.minLon || lonDeg > p.maxLon || latDeg < p.minLat || latDeg > p.maxLat)
    return false;
  if (!inRing(p.rings[0]!, lonDeg, latDeg)) return false;
  for (let k = 1; k < p.rings.length; k++) if (inRing(p.rings[k]!, lonDeg, latDeg)) return false;
  return true;
}

/** Is (lon, lat) inside any of the polygons? */
export function inAny(polys: readonly PreparedPolygon[], lonDeg: number, latDeg: number): boolean {
  for (const p of polys) if (inPolygon(p, lonDeg, latDeg)) return true;
  return false;
}
