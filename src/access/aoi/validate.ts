/**
 * Validation of AOI geometries with issues that say where: the path of the offending
 * coordinate (e.g. `coordinates[0][12]`) and what was expected. Checks: numbers in range, rings
 * closed with at least four positions, no self-intersection within a ring or between the rings of
 * a polygon, and no unsplit antimeridian crossing (RFC 7946 §3.1.9 asks for geometries crossing
 * ±180° to be split; a jump of more than 180° in longitude between two consecutive positions is
 * such a crossing).
 */
import type { AoiGeometry, Position, Ring } from './types.js';

/** Stable codes of geometry problems (readers translate them). */
export type GeometryIssueCode =
  | 'no-rings'
  | 'position'
  | 'ring-short'
  | 'ring-open'
  | 'antimeridian'
  | 'self-intersection'
  | 'rings-meet';

export interface GeometryIssue {
  readonly code: GeometryIssueCode;
  /** Path inside the geometry, e.g. `coordinates[1][0][5]`. */
  readonly path: string;
  /** The message in English (readers translate from `code` and `vars`). */
  readonly message: string;
  readonly vars?: Readonly<Record<string, number>>;
  readonly expected?: string;
  readonly received?: string;
}

/** All the problems of a geometry (empty when valid). */
export function validateGeometry(g: AoiGeometry): GeometryIssue[] {
  const issues: GeometryIssue[] = [];
  if (g.type === 'Point') {
    checkPosition(g.coordinates, 'coordinates', issues);
    return issues;
  }
  const polys = g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
  polys.forEach((poly, p) => {
    const base = g.type === 'Polygon' ? 'coordinates' : `coordinates[${p}]`;
    if (poly.length === 0) {
      issues.push({
        code: 'no-rings',
        path: base,
        message: 'polygon without rings',
        expected: 'an outer ring',
      });
      return;
    }
    const before = issues.length;
    poly.forEach((ring, r) => checkRing(ring, `${base}[${r}]`, issues));
    if (issues.length === before) checkIntersections(poly, base, issues);
  });
  return issues;
}

function checkPosition(p: Position, path: string, issues: GeometryIssue[]): boolean {
  const [lon, lat] = p;
  if (
    !Array.isArray(p) ||
    p.length < 2 ||
    !Number.isFinite(lon) ||
    !Number.isFinite(lat) ||
    Math.abs(lat) > 90 ||
    Math.abs(lon) > 180
  ) {
    issues.push({
      code: 'position',
      path,
      message: 'bad position',
      expected: '[longitude −180…180, latitude −90…90] in degrees',
      received: JSON.stringify(p),
    });
    return false;
  }
  return true;
}

function checkRing(ring: Ring, path: string, issues: GeometryIssue[]): void {
  if (!Array.isArray(ring) || ring.length < 4) {
    issues.push({
      code: 'ring-short',
      path,
      message: 'ring too short',
      expected: 'at least 4 positions (a closed triangle)',
      received: `${Array.isArray(ring) ? ring.length : typeof ring} positions`,
    });
    return;
  }
  let ok = true;
  ring.forEach((p, i) => (ok = checkPosition(p, `${path}[${i}]`, issues) && ok));
  if (!ok) return;
  const first = ring[0]!;
  const last = ring[ring.length - 1]!;
  if (first[0] !== last[0] || first[1] !== last[1]) {
    issues.push({
      code: 'ring-open',
      path: `${path}[${ring.length - 1}]`,
      message: 'ring not closed',
      expected: `the last position equal to the first ${JSON.stringify(first)}`,
      received: JSON.stringify(last),
    });
  }
  for (let i = 1; i < ring.length; i++) {
    if (Math.abs(ring[i]![0] - ring[i - 1]![0]) > 180) {
      issues.push({
        code: 'antimeridian',
        path: `${path}[${i}]`,
        message: 'edge crosses the antimeridian',
        expected: 'geometries split at ±180° (RFC 7946 §3.1.9)',
        received: `${ring[i - 1]![0]} → ${ring[i]![0]}`,
      });
      return;
    }
  }
}

interface Seg {
  ring: number;
  index: number;
  ax: number;
  ay: number;
  bx: number;
  by: number;
  minX: number;
  maxX: number;
}

/**
 * Proper crossings and overlaps between edges of the rings of one polygon (a sweep on x: only
 * edges whose x ranges overlap are compared). Edges sharing an endpoint as ring neighbours are
 * fine; any other contact is reported.
 */
function checkIntersections(poly: readonly Ring[], base: string, issues: GeometryIssue[]): void {
  const segs: Seg[] = [];
  poly.forEach((ring, r) => {
    for (let i = 0; i < ring.length - 1; i++) {
      const [ax, ay] = ring[i]!;
      const [bx, by] = ring[i + 1]!;
      if (ax === bx && ay === by) continue; // repeated position: harmless
      segs.push({
        ring: r,
        index: i,
        ax,
        ay,
        bx,
        by,
        minX: Math.min(ax, bx),
        maxX: Math.max(ax, bx),
      });
    }
  });
  segs.sort((s, t) => s.minX - t.minX);
  const lengths = poly.map((r) => r.length - 1);
  const active: Seg[] = [];
  for (const s of segs) {
    for (let k = active.length - 1; k >= 0; k--) if (active[k]!.maxX < s.minX) active.splice(k, 1);
    for (const t of active) {
      if (s.ring === t.ring && adjacent(s.index, t.index, lengths[s.ring]!)) {
        if (collinearOverlap(s, t)) report(s, t);
        continue;
      }
      if (segmentsTouch(s, t)) {
        report(s, t);
        return;
      }
    }
    active.push(s);
  }
  function report(s: Seg, t: Seg): void {
    const [a, b] = s.ring < t.ring || (s.ring === t.ring && s.index < t.index) ? [s, t] : [t, s];
    const same = a.ring === b.ring;
    issues.push({
      code: same ? 'self-intersection' : 'rings-meet',
      vars: { ring: b.ring, edge: b.index, otherRing: a.ring, otherEdge: a.index },
      path: `${base}[${b.ring}][${b.index}]`,
      message:
        a.ring === b.ring
          ? `ring intersects itself (edge ${b.index} meets edge ${a.index})`
          : `ring ${b.ring} meets ring ${a.ring} (edge ${b.index} meets edge ${a.index})`,
      expected: 'a simple polygon (no self-intersection, holes strictly inside)',
      received: `near [${b.ax}, ${b.ay}]`,
    });
  }
}

function adjacent(i: number, j: number, n: number): boolean {
  const d = Math.abs(i - j);
  return d === 1 || d === n - 1;
}

function orient(ax: number, ay: number, bx: number, by: number, cx: number, cy: number): number {
  const v = (bx - ax) * (cy - ay) - (by - ay) * (cx - ax);
  return v > 0 ? 1 : v < 0 ? -1 : 0;
}

function onSegment(s: Seg, x: number, y: number): boolean {
  return (
    Math.min(s.ax, s.bx) <= x &&
    x <= Math.max(s.ax, s.bx) &&
    Math.min(s.ay, s.by) <= y &&
    y <= Math.max(s.ay, s.by)
  );
}

function segmentsTouch(s: Seg, t: Seg): boolean {
  const o1 = orient(s.ax, s.ay, s.bx, s.by, t.ax, t.ay);
  const o2 = orient(s.ax, s.ay, s.bx, s.by, t.bx, t.by);
  const o3 = orient(t.ax, t.ay, t.bx, t.by, s.ax, s.ay);
  const o4 = orient(t.ax, t.ay, t.bx, t.by, s.bx, s.by);
  if (o1 !== o2 && o3 !== o4) return true;
  return (
    (o1 === 0 && onSegment(s, t.ax, t.ay)) ||
    (o2 === 0 && onSegment(s, t.bx, t.by)) ||
    (o3 === 0 && onSegment(t, s.ax, s.ay)) ||
    (o4 === 0 && onSegment(t, s.bx, s.by))
  );
}

/** Two consecutive edges folding back on each other (a spike) overlap along a line. */
function collinearOverlap(s: Seg, t: Seg): boolean {
  if (orient(s.ax, s.ay, s.bx, s.by, t.ax, t.ay) !== 0) return false;
  if (orient(s.ax, s.ay, s.bx, s.by, t.bx, t.by) !== 0) return false;
  // shared endpoint p; overlap when the other endpoints lie on the same side of p
  const shared =
    (s.ax === t.ax && s.ay === t.ay) || (s.ax === t.bx && s.ay === t.by)
      ? [s.ax, s.ay]
      : [s.bx, s.by];
  const so = s.ax === shared[0] && s.ay === shared[1] ? [s.bx, s.by] : [s.ax, s.ay];
  const to = t.ax === shared[0] && t.ay === shared[1] ? [t.bx, t.by] : [t.ax, t.ay];
  const dot =
    (so[0]! - shared[0]!) * (to[0]! - shared[0]!) + (so[1]! - shared[1]!) * (to[1]! - shared[1]!);
  return dot > 0;
}
