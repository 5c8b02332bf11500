/**
 * Area of the intersection of two polygons without building it, by Green's theorem: the
 * boundary of P ∩ Z is made of the pieces of ∂P inside Z and the pieces of ∂Z inside P, so its
 * area is the sum of their ∫ y dλ in the equal-area plane (polygon-area.ts). Each edge is cut
 * where it meets the other boundary; each piece is classified by its middle point:
 *
 * - strictly inside the other polygon: kept;
 * - on the other boundary (shared edges, as a region used as its own product): kept once, from
 *   P, when both run the same way (interiors on the same side), dropped when opposite;
 * - outside: dropped.
 *
 * Rings are oriented first (shells one way, holes the other), so holes of either polygon are
 * handled by the same rule. Edges are found through uniform grids, so the cost is about the
 * number of edges near the other boundary, not the product of the edge counts. This is the exact
 * area of the polygons whose edges are straight in lon/lat, as polyclip-ts would give it (a test
 * compares the two).
 */
import { AUTHALIC_RADIUS_M } from './area.js';
import { type LonLatPolygon, edgeIntegral } from './polygon-area.js';

/** `[west, south, east, north]`, degrees. */
type Box = [number, number, number, number];

/** Oriented edges `[x0, y0, x1, y1]…` of a polygon set, with a grid over them. */
export interface EdgeSet {
  readonly edges: Float64Array;
  readonly box: Box;
  readonly n: number;
  readonly cells: Map<number, number[]>;
}

const orient = (ax: number, ay: number, bx: number, by: number, cx: number, cy: number): number =>
  Math.sign((bx - ax) * (cy - ay) - (by - ay) * (cx - ax));

/** Signed ∫ y dλ of a ring (negative for counter-clockwise in lon/lat). */
function ringIntegral(r: readonly (readonly number[])[]): number {
  let s = 0;
  for (let i = 0; i + 1 < r.length; i++)
    s += edgeIntegral(r[i]![0]!, r[i]![1]!, r[i + 1]![0]!, r[i + 1]![1]!);
  return s;
}

function cellRange(
  g: EdgeSet,
  x0: number,
  x1: number,
  y0: number,
  y1: number,
): [number, number, number, number] {
  const [w, s, e, n] = g.box;
  const cx = (x: number) =>
    Math.min(g.n - 1, Math.max(0, Math.floor(((x - w) / (e - w || 1)) * g.n)));
  const cy = (y: number) =>
    Math.min(g.n - 1, Math.max(0, Math.floor(((y - s) / (n - s || 1)) * g.n)));
  return [cx(Math.min(x0, x1)), cx(Math.max(x0, x1)), cy(Math.min(y0, y1)), cy(Math.max(y0, y1))];
}

/** Oriented edges of polygons (shells counter-clockwise, holes clockwise) with their grid. */
export function edgeSet(polygons: readonly LonLatPolygon[]): EdgeSet {
  const e: number[] = [];
  let w = Infinity;
  let s = Infinity;
  let ea = -Infinity;
  let n = -Infinity;
  for (const p of polygons)
    p.forEach((ring, k) => {
      if (ring.length < 2) return;
      const closed =
        ring[0]![0] === ring[ring.length - 1]![0] && ring[0]![1] === ring[ring.length - 1]![1];
      const r = closed ? ring : [...ring, ring[0]!];
      // Shells counter-clockwise (negative integral), holes clockwise.
      const flip = ringIntegral(r) < 0 !== (k === 0);
      const pts = flip ? [...r].reverse() : r;
      for (let i = 0; i + 1 < pts.length; i++) {
        const [x0, y0] = [pts[i]![0]!, pts[i]![1]!];
        const [x1, y1] = [pts[i + 1]![0]!, pts[i + 1]![1]!];
        if (x0 === x1 && y0 === y1) continue;
        e.push(x0, y0, x1, y1);
        w = Math.min(w, x0, x1);
        ea = Math.max(ea, x0, x1);
        s = Math.min(s, y0, y1);
        n = Math.max(n, y0, y1);
      }
    });
  const edges = Float64Array.from(e);
  const g: EdgeSet = {
    edges,
    box: [w, s, ea, n],
    n: Math.max(1, Math.min(512, Math.ceil(Math.sqrt(edges.length / 4)))),
    cells: new Map(),
  };
  for (let k = 0; k < edges.length; k += 4) {
    const [i0, i1, j0, j1] = cellRange(g, edges[k]!, edges[k + 2]!, edges[k + 1]!, edges[k + 3]!);
    for (let j = j0; j <= j1; j++)
      for (let i = i0; i <= i1; i++) {
        const c = j * g.n + i;
        const list = g.cells.get(c);
        if (list) list.push(k);
        else g.cells.set(c, [k]);
      }
  }
  return g;
}

/** Indices of the edges whose cells the box of a segment covers. */
function near(g: EdgeSet, x0: number, y0: number, x1: number, y1: number): number[] {
  const [i0, i1, j0, j1] = cellRange(g, x0, x1, y0, y1);
  if (i0 === i1 && j0 === j1) return g.cells.get(j0 * g.n + i0) ?? [];
  const out = new Set<number>();
  for (let j = j0; j <= j1; j++)
    for (let i = i0; i <= i1; i++) for (const k of g.cells.get(j * g.n + i) ?? []) out.add(k);
  return [...out];
}

/** Even–odd point-in-polygon over the edge set (a ray to the east). */
function inside(g: EdgeSet, x: number, y: number): boolean {
  const e = g.edges;
  let c = false;
  for (let k = 0; k < e.length; k += 4) {
    const yi = e[k + 1]!;
    const yj = e[k + 3]!;
    if (yi > y === yj > y) continue;
    const xi = e[k]!;
    const xj = e[k + 2]!;
    if (x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) c = !c;
  }
  return c;
}

/** Distance (degrees) under which a point counts as on an edge: 10⁻⁹° ≈ 0.1 mm. */
const ON_EDGE_DEG = 1e-9;

/** The edge of `g` the point lies on (within {@link ON_EDGE_DEG}), or -1. */
function onEdge(g: EdgeSet, x: number, y: number): number {
  const e = g.edges;
  for (const k of near(g, x, y, x, y)) {
    const [ax, ay, bx, by] = [e[k]!, e[k + 1]!, e[k + 2]!, e[k + 3]!];
    const t = ON_EDGE_DEG;
    if (x < Math.min(ax, bx) - t || x > Math.max(ax, bx) + t) continue;
    if (y < Math.min(ay, by) - t || y > Math.max(ay, by) + t) continue;
    const len = Math.hypot(bx - ax, by - ay);
    if (Math.abs((bx - ax) * (y - ay) - (by - ay) * (x - ax)) <= t * len) return k;
  }
  return -1;
}

/**
 * Σ ∫ y dλ of the pieces of `a`'s edges inside `b` (and, when `keepShared`, of those on `b`'s
 * boundary running the same way).
 */
function keptIntegral(a: EdgeSet, b: EdgeSet, keepShared: boolean): number {
  const ea = a.edges;
  const eb = b.edges;
  const [bw, bs, be, bn] = b.box;
  let sum = 0;
  // Along a ring, a piece's status (inside, outside, shared) can only change where the ring
  // meets the other boundary: pieces that start elsewhere inherit the previous piece's status.
  let status: boolean | null = null;
  let lastX = NaN;
  let lastY = NaN;
  for (let i = 0; i < ea.length; i += 4) {
    const [ax, ay, bx, by] = [ea[i]!, ea[i + 1]!, ea[i + 2]!, ea[i + 3]!];
    if (ax !== lastX || ay !== lastY) status = null; // a new ring
    lastX = bx;
    lastY = by;
    // Wholly outside the other's box: outside it.
    if (
      Math.max(ax, bx) < bw ||
      Math.min(ax, bx) > be ||
      Math.max(ay, by) < bs ||
      Math.min(ay, by) > bn
    ) {
      status = false;
      continue;
    }
    const dx = bx - ax;
    const dy = by - ay;
    const len2 = dx * dx + dy * dy;
    const cuts: number[] = [];
    for (const k of near(b, ax, ay, bx, by)) {
      const [cx, cy, ex, ey] = [eb[k]!, eb[k + 1]!, eb[k + 2]!, eb[k + 3]!];
      if (Math.max(ax, bx) < Math.min(cx, ex) || Math.max(cx, ex) < Math.min(ax, bx)) continue;
      if (Math.max(ay, by) < Math.min(cy, ey) || Math.max(cy, ey) < Math.min(ay, by)) continue;
      const o1 = orient(ax, ay, bx, by, cx, cy);
      const o2 = orient(ax, ay, bx, by, ex, ey);
      const o3 = orient(cx, cy, ex, ey, ax, ay);
      const o4 = orient(cx, cy, ex, ey, bx, by);
      if (o1 * o2 < 0 && o3 * o4 < 0) {
        // Proper crossing: the parameter along a → b.
        const den = dx * (ey - cy) - dy * (ex - cx);
        cuts.push(((cx - ax) * (ey - cy) - (cy - ay) * (ex - cx)) / den);
      } else {
        // Touching: the other edge's ends lying on this edge cut it; this edge's ends lying on
        // the other edge are contact points too.
        if (o1 === 0) cuts.push(((cx - ax) * dx + (cy - ay) * dy) / len2);
        if (o2 === 0) cuts.push(((ex - ax) * dx + (ey - ay) * dy) / len2);
        if (o3 === 0) cuts.push(0);
        if (o4 === 0) cuts.push(1);
      }
    }
    const ts = [0, 1, ...cuts.map((t) => Math.min(1, Math.max(0, t)))].sort((p, q) => p - q);
    const contact = new Set(cuts.map((t) => Math.min(1, Math.max(0, t))));
    let prev = 0;
    for (let k = 1; k < ts.length; k++) {
      const t1 = ts[k]!;
      if (!(t1 > prev)) continue;
      const t0 = prev;
      prev = t1;
      if (status === null || contact.has(t0)) {
        const mx = ax + ((t0 + t1) / 2) * dx;
        const my = ay + ((t0 + t1) / 2) * dy;
        const shared = onEdge(b, mx, my);
        if (shared >= 0) {
          const sdx = eb[shared + 2]! - eb[shared]!;
          const sdy = eb[shared + 3]! - eb[shared + 1]!;
          status = keepShared && sdx * dx + sdy * dy > 0;
          // A shared piece says nothing about the next one: classify it afresh.
          if (status) sum += edgeIntegral(ax + t0 * dx, ay + t0 * dy, ax + t1 * dx, ay + t1 * dy);
          status = null;
          continue;
        }
        status = inside(b, mx, my);
      }
      if (status) sum += edgeIntegral(ax + t0 * dx, ay + t0 * dy, ax + t1 * dx, ay + t1 * dy);
    }
    // The next edge starts at this edge's end: a contact there is seen as its t = 0.
  }
  return sum;
}

/** Ellipsoidal area (m²) of the intersection of two sets of polygons (each without overlaps). */
export function intersectionAreaM2(a: EdgeSet, b: EdgeSet): number {
  const s = keptIntegral(a, b, true) + keptIntegral(b, a, false);
  // Counter-clockwise boundaries integrate to minus the area.
  return Math.max(0, -s * AUTHALIC_RADIUS_M * AUTHALIC_RADIUS_M);
}

/** True when some edge of the set has a box meeting `box` (conservative). */
export function edgesMeetBox(g: EdgeSet, box: readonly number[]): boolean {
  const [w, s, e, n] = g.box;
  if (box[2]! < w || box[0]! > e || box[3]! < s || box[1]! > n) return false;
  const ed = g.edges;
  for (const k of near(g, box[0]!, box[1]!, box[2]!, box[3]!)) {
    if (Math.max(ed[k]!, ed[k + 2]!) < box[0]! || Math.min(ed[k]!, ed[k + 2]!) > box[2]!) continue;
    if (Math.max(ed[k + 1]!, ed[k + 3]!) < box[1]! || Math.min(ed[k + 1]!, ed[k + 3]!) > box[3]!)
      continue;
    return true;
  }
  return false;
}
