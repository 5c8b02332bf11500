/**
 * Sets of lon/lat polygons for zonal statistics: dissolving overlaps (so no area is counted
 * twice), the area of the part of a set inside a zone, and the distance from a point to a set.
 * Exact clipping is done by `polyclip-ts` (Martínez–Rueda–Feito sweep with robust predicates),
 * but only where needed: a polygon whose bounding box meets no edge of the zone is entirely
 * inside or entirely outside it, decided by one point-in-polygon test. Flood products are many
 * small polygons and regions are few large ones, so most polygons take the fast path.
 */
import { union, type Geom } from 'polyclip-ts';
import { type EdgeSet, edgeSet, edgesMeetBox, intersectionAreaM2 } from './clip-area.js';
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

function median(v: number[]): number {
  if (v.length === 0) return 0;
  const s = [...v].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

type Contact = 'none' | 'touch' | 'cross';

const orient = (ax: number, ay: number, bx: number, by: number, cx: number, cy: number): number =>
  Math.sign((bx - ax) * (cy - ay) - (by - ay) * (cx - ax));

/** Edges `[x0, y0, x1, y1]` of a polygon whose boxes meet `b`. */
function edgesIn(p: LonLatPolygon, b: Bbox): number[] {
  const out: number[] = [];
  for (const ring of p)
    for (let i = 0; i + 1 < ring.length; i++) {
      const x0 = ring[i]![0]!;
      const y0 = ring[i]![1]!;
      const x1 = ring[i + 1]![0]!;
      const y1 = ring[i + 1]![1]!;
      if (Math.max(x0, x1) < b[0] || Math.min(x0, x1) > b[2]) continue;
      if (Math.max(y0, y1) < b[1] || Math.min(y0, y1) > b[3]) continue;
      out.push(x0, y0, x1, y1);
    }
  return out;
}

/**
 * A uniform grid over a box holding edges `[x0, y0, x1, y1]` by the cells their boxes cover
 * (about as many cells as edges): finding the edges near a segment costs O(cells it spans).
 */
interface EdgeGrid {
  readonly edges: number[];
  readonly cells: Map<number, number[]>;
  readonly box: Bbox;
  readonly n: number;
}

function edgeGrid(edges: number[], box: Bbox): EdgeGrid {
  const n = Math.max(1, Math.min(256, Math.ceil(Math.sqrt(edges.length / 4))));
  const g: EdgeGrid = { edges, cells: new Map(), box, n };
  for (let k = 0; k < edges.length; k += 4)
    forCells(g, edges[k]!, edges[k + 1]!, edges[k + 2]!, edges[k + 3]!, (c) => {
      const list = g.cells.get(c);
      if (list) list.push(k);
      else g.cells.set(c, [k]);
    });
  return g;
}

function forCells(
  g: EdgeGrid,
  x0: number,
  y0: number,
  x1: number,
  y1: number,
  f: (cell: number) => void,
): void {
  const [w, s, e, n] = g.box;
  const cx = (x: number) =>
    Math.min(g.n - 1, Math.max(0, Math.floor(((x - w) / (e - w || 1)) * g.n)));
  const cy = (y: number) =>
    Math.min(g.n - 1, Math.max(0, Math.floor(((y - s) / (n - s || 1)) * g.n)));
  const i0 = cx(Math.min(x0, x1));
  const i1 = cx(Math.max(x0, x1));
  const j0 = cy(Math.min(y0, y1));
  const j1 = cy(Math.max(y0, y1));
  for (let j = j0; j <= j1; j++) for (let i = i0; i <= i1; i++) f(j * g.n + i);
}

/** How the boundaries of two polygons meet: not at all, touching only, or properly crossing. */
function boundaryContact(a: BoxedPolygon, b: BoxedPolygon): Contact {
  const box: Bbox = [
    Math.max(a.bbox[0], b.bbox[0]),
    Math.max(a.bbox[1], b.bbox[1]),
    Math.min(a.bbox[2], b.bbox[2]),
    Math.min(a.bbox[3], b.bbox[3]),
  ];
  const ea = edgesIn(a.rings, box);
  const eb = edgesIn(b.rings, box);
  if (ea.length === 0 || eb.length === 0) return 'none';
  const grid = edgeGrid(eb, box);
  let contact: Contact = 'none';
  const seen = new Set<number>();
  for (let i = 0; i < ea.length; i += 4) {
    const [ax, ay, bx, by] = [ea[i]!, ea[i + 1]!, ea[i + 2]!, ea[i + 3]!];
    seen.clear();
    let crossed = false;
    forCells(grid, ax, ay, bx, by, (cell) => {
      if (crossed) return;
      for (const j of grid.cells.get(cell) ?? []) {
        if (seen.has(j)) continue;
        seen.add(j);
        const [cx, cy, dx, dy] = [eb[j]!, eb[j + 1]!, eb[j + 2]!, eb[j + 3]!];
        if (Math.max(ax, bx) < Math.min(cx, dx) || Math.max(cx, dx) < Math.min(ax, bx)) continue;
        if (Math.max(ay, by) < Math.min(cy, dy) || Math.max(cy, dy) < Math.min(ay, by)) continue;
        const o1 = orient(ax, ay, bx, by, cx, cy);
        const o2 = orient(ax, ay, bx, by, dx, dy);
        const o3 = orient(cx, cy, dx, dy, ax, ay);
        const o4 = orient(cx, cy, dx, dy, bx, by);
        if (o1 * o2 < 0 && o3 * o4 < 0) crossed = true;
        else if (o1 * o2 <= 0 && o3 * o4 <= 0) contact = 'touch';
      }
    });
    if (crossed) return 'cross';
  }
  return contact;
}

/**
 * Whether two polygons share area (not merely a boundary). Most pairs whose boxes overlap do
 * not even touch (a polygonized mask: a lake's box holds islands' and neighbours' boxes); they
 * are told apart by one point-in-polygon test. When boundaries only touch (shared vertices or
 * edges, as the diagonal parts of an 8-connected component), the exact intersection area says.
 */
function shareArea(a: BoxedPolygon, b: BoxedPolygon): boolean {
  const c = boundaryContact(a, b);
  if (c === 'cross') return true;
  if (c === 'none') {
    const va = a.rings[0]![0]!;
    const vb = b.rings[0]![0]!;
    return pointInPolygons(va[0]!, va[1]!, [b.rings]) || pointInPolygons(vb[0]!, vb[1]!, [a.rings]);
  }
  return intersectionAreaM2(edgeSet([a.rings]), edgeSet([b.rings])) > 0;
}

/**
 * Merges polygons that overlap into non-overlapping polygons. Candidate pairs come from a grid
 * of bounding boxes; a pair is joined (union–find) only when the polygons share area, and only
 * groups of more than one are unioned, so a polygonized mask (disjoint components) costs the
 * grid and the cheap tests only. `featureOf` gives each polygon's feature: the parts of one
 * MultiPolygon are taken as valid (not overlapping each other) and not compared.
 */
export function dissolve(
  polygons: readonly LonLatPolygon[],
  featureOf?: readonly number[],
): BoxedPolygon[] {
  const items = polygons.map(boxed);
  const parent = items.map((_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) {
      parent[i] = parent[parent[i]!]!;
      i = parent[i]!;
    }
    return i;
  };
  // Candidate pairs: boxes sharing a cell of a grid sized to the boxes (a sweep over a long
  // column of boxes would compare each with the whole column).
  const all = bboxUnion(items.map((it) => it.bbox));
  if (all) {
    const cell = Math.max(
      (all[2] - all[0]) / 1024,
      (all[3] - all[1]) / 1024,
      median(items.map((it) => Math.max(it.bbox[2] - it.bbox[0], it.bbox[3] - it.bbox[1]))),
      1e-9,
    );
    const cells = new Map<string, number[]>();
    items.forEach((it, i) => {
      const [w, s, e, n] = it.bbox;
      for (let x = Math.floor((w - all[0]) / cell); x <= Math.floor((e - all[0]) / cell); x++)
        for (let y = Math.floor((s - all[1]) / cell); y <= Math.floor((n - all[1]) / cell); y++) {
          const key = `${x},${y}`;
          const list = cells.get(key);
          if (list) list.push(i);
          else cells.set(key, [i]);
        }
    });
    const tried = new Set<number>();
    for (const list of cells.values())
      for (let a = 0; a < list.length; a++)
        for (let b = a + 1; b < list.length; b++) {
          const i = list[a]!;
          const j = list[b]!;
          const key = i < j ? i * items.length + j : j * items.length + i;
          if (tried.has(key)) continue;
          tried.add(key);
          if (!bboxesMeet(items[i]!.bbox, items[j]!.bbox)) continue;
          // Parts of one (valid) MultiPolygon do not overlap (OGC simple features).
          if (featureOf && featureOf[i] === featureOf[j]) continue;
          if (find(i) !== find(j) && shareArea(items[i]!, items[j]!)) parent[find(i)] = find(j);
        }
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

/** A zone prepared for repeated clipping: its polygons, box, oriented edges and area. */
export interface PreparedZone {
  readonly polygons: readonly LonLatPolygon[];
  readonly bbox: Bbox;
  readonly edges: EdgeSet;
  readonly areaM2: number;
}

/** Prepares a zone (one or more polygons, not overlapping each other). */
export function prepareZone(polygons: readonly LonLatPolygon[]): PreparedZone {
  const bbox = bboxUnion(polygons.map(polygonBbox)) ?? [0, 0, 0, 0];
  return { polygons, bbox, edges: edgeSet(polygons), areaM2: multiPolygonAreaM2(polygons) };
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

/**
 * Area (m²) of the part of the (non-overlapping) polygons inside the zone: whole polygons when
 * no zone edge comes near them, else the exact intersection area (clip-area.ts).
 */
export function areaInsideM2(polygons: readonly BoxedPolygon[], zone: PreparedZone): number {
  let s = 0;
  for (const p of polygons) {
    if (!bboxesMeet(p.bbox, zone.bbox)) continue;
    if (!edgesMeetBox(zone.edges, p.bbox)) {
      const v = p.rings[0]![0]!;
      if (pointInPolygons(v[0]!, v[1]!, zone.polygons)) s += polygonAreaM2(p.rings);
      continue;
    }
    s += intersectionAreaM2(edgeSet([p.rings]), zone.edges);
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
