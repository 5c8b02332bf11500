/**
 * A lighter copy of a big layer for drawing: Douglas–Peucker in degrees (planar, which is what a
 * map at a given zoom shows), with one tolerance for the whole layer chosen so that at most
 * `budget` positions remain. Each vertex gets its significance once (the tolerance at which the
 * algorithm would drop it, made monotonic down the recursion), so the tolerance is picked by one
 * sort instead of repeated runs. Points are kept; line ends are kept; a ring keeps at least a
 * triangle (a hole that would collapse is dropped). The original is never modified.
 */

/** Positions above which a layer gets a simplified copy for drawing. */
export const DISPLAY_POSITION_BUDGET = 20_000;

type Pos = number[];

export interface Simplified {
  readonly collection: GeoJSON.FeatureCollection;
  readonly positionCount: number;
  /** The tolerance used, degrees. */
  readonly toleranceDeg: number;
}

function segDist2(p: Pos, a: Pos, b: Pos): number {
  const dx = b[0]! - a[0]!;
  const dy = b[1]! - a[1]!;
  const len2 = dx * dx + dy * dy;
  let t = len2 === 0 ? 0 : ((p[0]! - a[0]!) * dx + (p[1]! - a[1]!) * dy) / len2;
  t = Math.max(0, Math.min(1, t));
  const x = a[0]! + t * dx - p[0]!;
  const y = a[1]! + t * dy - p[1]!;
  return x * x + y * y;
}

/** Squared significance of each vertex of a polyline (ends: Infinity). */
function significance(line: Pos[], out: Float64Array): void {
  const n = line.length;
  out.fill(0, 0, n);
  if (n === 0) return;
  out[0] = Infinity;
  out[n - 1] = Infinity;
  const stack: [number, number, number][] = [[0, n - 1, Infinity]];
  while (stack.length > 0) {
    const [i, j, parent] = stack.pop()!;
    if (j - i < 2) continue;
    let best = -1;
    let bestD = -1;
    for (let k = i + 1; k < j; k++) {
      const d = segDist2(line[k]!, line[i]!, line[j]!);
      if (d > bestD) {
        bestD = d;
        best = k;
      }
    }
    const s = Math.min(bestD, parent);
    out[best] = s;
    stack.push([i, best, s], [best, j, s]);
  }
}

/** Significances of a closed ring: split at the vertex farthest from the first. */
function ringSignificance(ring: Pos[], out: Float64Array): void {
  const n = ring.length;
  let far = 0;
  let farD = -1;
  for (let k = 1; k < n - 1; k++) {
    const dx = ring[k]![0]! - ring[0]![0]!;
    const dy = ring[k]![1]! - ring[0]![1]!;
    if (dx * dx + dy * dy > farD) {
      farD = dx * dx + dy * dy;
      far = k;
    }
  }
  if (far === 0) {
    out.fill(Infinity, 0, n);
    return;
  }
  const a = new Float64Array(far + 1);
  const b = new Float64Array(n - far);
  significance(ring.slice(0, far + 1), a);
  significance(ring.slice(far), b);
  out.set(a, 0);
  out.set(b, far);
}

type Visit = (coords: Pos[], closed: boolean) => void;

/** Calls `visit` on every line and ring of a geometry. */
function eachPart(g: GeoJSON.Geometry | null, visit: Visit): void {
  if (!g) return;
  switch (g.type) {
    case 'LineString':
      return visit(g.coordinates, false);
    case 'MultiLineString':
      return g.coordinates.forEach((l) => visit(l, false));
    case 'Polygon':
      return g.coordinates.forEach((r) => visit(r, true));
    case 'MultiPolygon':
      return g.coordinates.forEach((p) => p.forEach((r) => visit(r, true)));
    case 'GeometryCollection':
      return g.geometries.forEach((x) => eachPart(x, visit));
    default:
      return;
  }
}

function countPoints(g: GeoJSON.Geometry | null): number {
  if (!g) return 0;
  if (g.type === 'Point') return 1;
  if (g.type === 'MultiPoint') return g.coordinates.length;
  if (g.type === 'GeometryCollection') return g.geometries.reduce((s, x) => s + countPoints(x), 0);
  return 0;
}

/**
 * The simplified copy, or null when the layer has at most `budget` positions (draw the
 * original).
 */
export function simplifyForDisplay(
  fc: GeoJSON.FeatureCollection,
  budget = DISPLAY_POSITION_BUDGET,
): Simplified | null {
  let total = 0;
  let points = 0;
  for (const f of fc.features) {
    points += countPoints(f.geometry);
    eachPart(f.geometry, (c) => (total += c.length));
  }
  if (total + points <= budget) return null;
  // Significance of every vertex, in visiting order.
  const sig = new Float64Array(total);
  let at = 0;
  let scratch = new Float64Array(1024);
  for (const f of fc.features) {
    eachPart(f.geometry, (c, closed) => {
      if (scratch.length < c.length) scratch = new Float64Array(c.length * 2);
      if (closed && c.length >= 4) ringSignificance(c, scratch);
      else significance(c, scratch);
      sig.set(scratch.subarray(0, c.length), at);
      at += c.length;
    });
  }
  // The tolerance: the (budget - points)-th largest significance.
  const sorted = Float64Array.from(sig).sort();
  const keep = Math.max(0, budget - points);
  const threshold = keep >= sorted.length ? 0 : sorted[sorted.length - 1 - keep]!;
  at = 0;
  let kept = points;
  const line = (c: Pos[]): Pos[] => {
    const out: Pos[] = [];
    for (let i = 0; i < c.length; i++) if (sig[at + i]! > threshold) out.push(c[i]!);
    at += c.length;
    kept += out.length;
    return out;
  };
  const ring = (c: Pos[], outer: boolean): Pos[] | null => {
    const n = c.length;
    const out = line(c);
    if (out.length >= 4) return out;
    kept -= out.length;
    if (!outer) return null;
    // Too small at this tolerance: a triangle keeps it visible.
    const tri = [c[0]!, c[Math.floor(n / 3)]!, c[Math.floor((2 * n) / 3)]!, c[0]!];
    kept += 4;
    return tri;
  };
  const polygon = (rings: Pos[][]): Pos[][] => {
    const out: Pos[][] = [];
    rings.forEach((r, i) => {
      const s = ring(r, i === 0);
      if (s) out.push(s);
    });
    return out;
  };
  const geometry = (g: GeoJSON.Geometry | null): GeoJSON.Geometry | null => {
    if (!g) return g;
    switch (g.type) {
      case 'LineString':
        return { type: 'LineString', coordinates: line(g.coordinates) };
      case 'MultiLineString':
        return { type: 'MultiLineString', coordinates: g.coordinates.map(line) };
      case 'Polygon':
        return { type: 'Polygon', coordinates: polygon(g.coordinates) };
      case 'MultiPolygon':
        return { type: 'MultiPolygon', coordinates: g.coordinates.map(polygon) };
      case 'GeometryCollection':
        return {
          type: 'GeometryCollection',
          geometries: g.geometries.map((x) => geometry(x)!),
        };
      default:
        return g;
    }
  };
  const features = fc.features.map((f) => ({ ...f, geometry: geometry(f.geometry)! }));
  return {
    collection: { type: 'FeatureCollection', features },
    positionCount: kept,
    toleranceDeg: Math.sqrt(threshold),
  };
}
