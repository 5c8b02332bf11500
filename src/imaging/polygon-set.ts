/**
 * Sets of lon/lat polygons for zonal statistics: dissolving overlaps (so no area is counted
 * twice), the area of the part of a set inside a zone, and the distance from a point to a set.
 * Exact clipping is done by `polyclip-ts` (Martínez–Rueda–Feito sweep with robust predicates),
 * but only where needed: a polygon whose bounding box meets no edge of the zone is entirely
 * inside or entirely outside it, decided by one point-in-polygon test. Flood products are many
 * small polygons and regions are few large ones, so most polygons take the fast path.
 */
import { intersection, union, type Geom } from 'polyclip-ts';
import { type LonLatPolygon, polygonAreaM2, multiPolygonAreaM2 } from './polygon-area.js';

/** `[west, south, east, north]`, degrees. */
export type Bbox = [number, number, number, number];

/** A polygon with its bounding box. */
export interface BoxedPolygon {
  readonly rings: LonLatPolygon;
  readonly bbox: Bbox;
}

/** Bounding box of a polygon (its shell). */
export function polygonBbox(p: LonLatPolygon): Bbox {
  let w = Infinity;
  let s = Infinity;
  let e = -Infinity;
  let n = -Infinity;
  for (const pt of p[0] ?? []) {
    const x = pt[0]!;
    const y = pt[1]!;
    if (x < w) w = x;
    if (x > e) e = x;
    if (y < s) s = y;
    if (y > n) n = y;
  }
  return [w, s, e, n];
}

/** True when two boxes overlap or touch. */
export function bboxesMeet(a: Bbox, b: Bbox): boolean {
  return a[0] <= b[2] && b[0] <= a[2] && a[1] <= b[3] && b[1] <= a[3];
}

/** Box of several boxes (null for none). */
export function bboxUnion(boxes: readonly Bbox[]): Bbox | null {
  if (boxes.length === 0) return null;
  const r: Bbox = [Infinity, Infinity, -Infinity, -Infinity];
  for (const b of boxes) {
    r[0] = Math.min(r[0], b[0]);
    r[1] = Math.min(r[1], b[1]);
    r[2] = Math.max(r[2], b[2]);
    r[3] = Math.max(r[3], b[3]);
  }
  return r;
}

const boxed = (rings: LonLatPolygon): BoxedPolygon => ({ rings, bbox: polygonBbox(rings) });
const asGeom = (ps: readonly LonLatPolygon[]): Geom => ps as unknown as Geom;

/**
 * Merges polygons that overlap into non-overlapping polygons. Polygons are grouped by
 * overlapping bounding boxes (a sweep over west edges with union–find); only groups of more
 * than one are unioned, so a polygonized mask (disjoint components) costs only the sweep.
 */
export function dissolve(polygons: readonly LonLatPolygon[]): BoxedPolygon[] {
  const items = polygons.map(boxed);
  const parent = items.map((_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) {
      parent[i] = parent[parent[i]!]!;
      i = parent[i]!;
    }
    return i;
  };
  const order = items.map((_, i) => i).sort((a, b) => items[a]!.bbox[0] - items[b]!.bbox[0]);
  const active: number[] = [];
  for (const i of order) {
    const bi = items[i]!.bbox;
    for (let k = active.length - 1; k >= 0; k--) {
      const j = active[k]!;
      const bj = items[j]!.bbox;
      if (bj[2] < bi[0]) {
        active.splice(k, 1);
        continue;
      }
      if (bj[1] <= bi[3] && bi[1] <= bj[3]) parent[find(i)] = find(j);
    }
    active.push(i);
  }
  const groups = new Map<number, number[]>();
  items.forEach((_, i) => {
    const r = find(i);
    const g = groups.get(r);
    if (g) g.push(i);
    else groups.set(r, [i]);
  });
  const out: BoxedPolygon[] = [];
  for (const g of groups.values()) {
    if (g.length === 1) {
      out.push(items[g[0]!]!);
      continue;
    }
    const [first, ...rest] = g.map((i) => [items[i]!.rings] as unknown as Geom);
    for (const p of union(first!, ...rest)) out.push(boxed(p));
  }
  return out;
}

/** A zone prepared for repeated clipping: its polygons, box and edges. */
export interface PreparedZone {
  readonly polygons: readonly LonLatPolygon[];
  readonly bbox: Bbox;
  /** Edges as [x0, y0, x1, y1] quadruples. */
  readonly edges: Float64Array;
  readonly areaM2: number;
}

/** Prepares a zone (one or more polygons, not overlapping each other). */
export function prepareZone(polygons: readonly LonLatPolygon[]): PreparedZone {
  const e: number[] = [];
  for (const p of polygons)
    for (const ring of p)
      for (let i = 0; i < ring.length; i++) {
        const a = ring[i]!;
        const b = ring[(i + 1) % ring.length]!;
        e.push(a[0]!, a[1]!, b[0]!, b[1]!);
      }
  const bbox = bboxUnion(polygons.map(polygonBbox)) ?? [0, 0, 0, 0];
  return { polygons, bbox, edges: Float64Array.from(e), areaM2: multiPolygonAreaM2(polygons) };
}

/** Even–odd point-in-polygon over every ring of the polygons (holes excluded). */
export function pointInPolygons(x: number, y: number, polygons: readonly LonLatPolygon[]): boolean {
  let inside = false;
  for (const p of polygons)
    for (const ring of p) {
      const n = ring.length;
      for (let i = 0, j = n - 1; i < n; j = i++) {
        const xi = ring[i]![0]!;
        const yi = ring[i]![1]!;
        const xj = ring[j]![0]!;
        const yj = ring[j]![1]!;
        if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
      }
    }
  return inside;
}

/** True when some zone edge's box meets `b` (conservative: may say yes for a near miss). */
function edgesMeet(zone: PreparedZone, b: Bbox): boolean {
  const e = zone.edges;
  for (let k = 0; k < e.length; k += 4) {
    const x0 = e[k]!;
    const y0 = e[k + 1]!;
    const x1 = e[k + 2]!;
    const y1 = e[k + 3]!;
    if (Math.max(x0, x1) < b[0] || Math.min(x0, x1) > b[2]) continue;
    if (Math.max(y0, y1) < b[1] || Math.min(y0, y1) > b[3]) continue;
    return true;
  }
  return false;
}

/** Area (m²) of the part of the (non-overlapping) polygons inside the zone. */
export function areaInsideM2(polygons: readonly BoxedPolygon[], zone: PreparedZone): number {
  let s = 0;
  for (const p of polygons) {
    if (!bboxesMeet(p.bbox, zone.bbox)) continue;
    if (!edgesMeet(zone, p.bbox)) {
      const v = p.rings[0]![0]!;
      if (pointInPolygons(v[0]!, v[1]!, zone.polygons)) s += polygonAreaM2(p.rings);
      continue;
    }
    s += multiPolygonAreaM2(intersection(asGeom([p.rings]), asGeom(zone.polygons)));
  }
  return s;
}

const A = 6378137;
const E2 = (1 / 298.257223563) * (2 - 1 / 298.257223563);

/**
 * Distance (km) from a point to the nearest polygon edge, and whether the point is inside, for
 * polygons within `maxKm` (others are skipped; `Infinity` when none is that close). Local
 * metric from the ellipsoid's radii of curvature at the point: the error is a few metres over
 * tens of kilometres, plenty for "which towns are near the flood".
 */
export function distanceToPolygonsKm(
  lonDeg: number,
  latDeg: number,
  polygons: readonly BoxedPolygon[],
  maxKm: number,
): { distanceKm: number; inside: boolean } {
  const phi = (latDeg * Math.PI) / 180;
  const w = 1 - E2 * Math.sin(phi) ** 2;
  const kmPerDegLat = (((A * (1 - E2)) / w ** 1.5) * Math.PI) / 180 / 1000;
  const kmPerDegLon = ((A / Math.sqrt(w)) * Math.cos(phi) * Math.PI) / 180 / 1000;
  const dLat = maxKm / kmPerDegLat;
  const dLon = maxKm / Math.max(kmPerDegLon, 1e-9);
  const near: Bbox = [lonDeg - dLon, latDeg - dLat, lonDeg + dLon, latDeg + dLat];
  let best = Infinity;
  for (const p of polygons) {
    if (!bboxesMeet(p.bbox, near)) continue;
    if (pointInPolygons(lonDeg, latDeg, [p.rings])) return { distanceKm: 0, inside: true };
    for (const ring of p.rings)
      for (let i = 0; i < ring.length; i++) {
        const a = ring[i]!;
        const b = ring[(i + 1) % ring.length]!;
        const ax = (a[0]! - lonDeg) * kmPerDegLon;
        const ay = (a[1]! - latDeg) * kmPerDegLat;
        const bx = (b[0]! - lonDeg) * kmPerDegLon;
        const by = (b[1]! - latDeg) * kmPerDegLat;
        const dx = bx - ax;
        const dy = by - ay;
        const len2 = dx * dx + dy * dy;
        const t = len2 > 0 ? Math.min(1, Math.max(0, -(ax * dx + ay * dy) / len2)) : 0;
        const d = Math.hypot(ax + t * dx, ay + t * dy);
        if (d < best) best = d;
      }
  }
  return { distanceKm: best, inside: false };
}
