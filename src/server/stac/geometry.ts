/**
 * Spatial predicates of the STAC API, evaluated in code so SQLite and PostgreSQL answer the same
 * (the database only prefilters by bounding box). Planar geometry on longitude/latitude degrees,
 * as the OGC simple-features predicates that PostGIS `ST_Intersects` applies to EPSG:4326
 * geometries; boundaries count (touching geometries intersect). Geometries crossing the
 * antimeridian are not split.
 */

export type Position = readonly number[];

/** A GeoJSON geometry (RFC 7946), loosely typed: the API validates it at the boundary. */
export interface Geometry {
  readonly type: string;
  readonly coordinates?: unknown;
  readonly geometries?: readonly Geometry[];
}

/** West, south, east, north, degrees. */
export type BBox4 = readonly [number, number, number, number];

interface Parts {
  readonly points: Position[];
  readonly lines: Position[][];
  readonly polygons: Position[][][];
}

function parts(g: Geometry, into: Parts = { points: [], lines: [], polygons: [] }): Parts {
  const c = g.coordinates as never;
  switch (g.type) {
    case 'Point':
      into.points.push(c);
      break;
    case 'MultiPoint':
      into.points.push(...(c as Position[]));
      break;
    case 'LineString':
      into.lines.push(c);
      break;
    case 'MultiLineString':
      into.lines.push(...(c as Position[][]));
      break;
    case 'Polygon':
      into.polygons.push(c);
      break;
    case 'MultiPolygon':
      into.polygons.push(...(c as Position[][][]));
      break;
    case 'GeometryCollection':
      for (const x of g.geometries ?? []) parts(x, into);
      break;
    default:
      throw new Error(`unsupported geometry type ${g.type}`);
  }
  return into;
}

/** Bounding box of a geometry (west, south, east, north). */
export function geometryBounds(g: Geometry): BBox4 {
  let w = Infinity;
  let s = Infinity;
  let e = -Infinity;
  let n = -Infinity;
  const visit = (c: unknown): void => {
    if (Array.isArray(c) && typeof c[0] === 'number') {
      w = Math.min(w, c[0] as number);
      e = Math.max(e, c[0] as number);
      s = Math.min(s, c[1] as number);
      n = Math.max(n, c[1] as number);
    } else if (Array.isArray(c)) c.forEach(visit);
  };
  if (g.type === 'GeometryCollection') (g.geometries ?? []).forEach((x) => visit(boxRing(x)));
  else visit(g.coordinates);
  return [w, s, e, n];
}

function boxRing(g: Geometry): Position[] {
  const [w, s, e, n] = geometryBounds(g);
  return [
    [w, s],
    [e, n],
  ];
}

/** The polygon of a bounding box (counter-clockwise). */
export function bboxPolygon([w, s, e, n]: BBox4): Geometry {
  return {
    type: 'Polygon',
    coordinates: [
      [
        [w, s],
        [e, s],
        [e, n],
        [w, n],
        [w, s],
      ],
    ],
  };
}

function boundsOf(ps: readonly Position[]): BBox4 {
  let w = Infinity;
  let s = Infinity;
  let e = -Infinity;
  let n = -Infinity;
  for (const p of ps) {
    w = Math.min(w, p[0]!);
    e = Math.max(e, p[0]!);
    s = Math.min(s, p[1]!);
    n = Math.max(n, p[1]!);
  }
  return [w, s, e, n];
}

const boxesMeet = (a: BBox4, b: BBox4): boolean =>
  a[0] <= b[2] && b[0] <= a[2] && a[1] <= b[3] && b[1] <= a[3];

/** Sign of the turn a → b → c: > 0 left, < 0 right, 0 collinear. */
function orient(a: Position, b: Position, c: Position): number {
  const v = (b[0]! - a[0]!) * (c[1]! - a[1]!) - (b[1]! - a[1]!) * (c[0]! - a[0]!);
  return v > 0 ? 1 : v < 0 ? -1 : 0;
}

/** Whether c (collinear with a, b) lies within the segment's box. */
function within(a: Position, b: Position, c: Position): boolean {
  return (
    Math.min(a[0]!, b[0]!) <= c[0]! &&
    c[0]! <= Math.max(a[0]!, b[0]!) &&
    Math.min(a[1]!, b[1]!) <= c[1]! &&
    c[1]! <= Math.max(a[1]!, b[1]!)
  );
}

/** Whether segments ab and cd share at least one point. */
export function segmentsMeet(a: Position, b: Position, c: Position, d: Position): boolean {
  const o1 = orient(a, b, c);
  const o2 = orient(a, b, d);
  const o3 = orient(c, d, a);
  const o4 = orient(c, d, b);
  if (o1 !== o2 && o3 !== o4) return true;
  return (
    (o1 === 0 && within(a, b, c)) ||
    (o2 === 0 && within(a, b, d)) ||
    (o3 === 0 && within(c, d, a)) ||
    (o4 === 0 && within(c, d, b))
  );
}

function onSegment(p: Position, a: Position, b: Position): boolean {
  return orient(a, b, p) === 0 && within(a, b, p);
}

/** Point in polygon (with holes); a point on any ring counts as inside. */
export function pointInPolygon(p: Position, rings: readonly Position[][]): boolean {
  let inside = false;
  for (const ring of rings) {
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      const a = ring[i]!;
      const b = ring[j]!;
      if (onSegment(p, a, b)) return true;
      if (a[1]! > p[1]! !== b[1]! > p[1]!) {
        const x = ((b[0]! - a[0]!) * (p[1]! - a[1]!)) / (b[1]! - a[1]!) + a[0]!;
        if (p[0]! < x) inside = !inside;
      }
    }
  }
  return inside;
}

function segments(line: readonly Position[]): Array<[Position, Position]> {
  const out: Array<[Position, Position]> = [];
  for (let i = 1; i < line.length; i++) out.push([line[i - 1]!, line[i]!]);
  return out;
}

function linesMeet(a: readonly Position[], b: readonly Position[]): boolean {
  if (a.length === 1) return b.length === 1 ? samePoint(a[0]!, b[0]!) : pointOnLine(a[0]!, b);
  if (b.length === 1) return pointOnLine(b[0]!, a);
  const sb = segments(b);
  return segments(a).some(([p, q]) => sb.some(([r, s]) => segmentsMeet(p, q, r, s)));
}

const samePoint = (a: Position, b: Position) => a[0] === b[0] && a[1] === b[1];
const pointOnLine = (p: Position, line: readonly Position[]) =>
  line.length === 1 ? samePoint(p, line[0]!) : segments(line).some(([a, b]) => onSegment(p, a, b));

function lineMeetsPolygon(line: readonly Position[], rings: readonly Position[][]): boolean {
  if (line.length > 0 && pointInPolygon(line[0]!, rings)) return true;
  return rings.some((ring) => linesMeet(line, ring));
}

function polygonsMeet(a: readonly Position[][], b: readonly Position[][]): boolean {
  if (a[0]!.length > 0 && pointInPolygon(a[0]![0]!, b)) return true;
  if (b[0]!.length > 0 && pointInPolygon(b[0]![0]!, a)) return true;
  return a.some((ra) => b.some((rb) => linesMeet(ra, rb)));
}

type Component =
  | { kind: 'point'; p: Position; box: BBox4 }
  | { kind: 'line'; l: Position[]; box: BBox4 }
  | { kind: 'polygon'; r: Position[][]; box: BBox4 };

function components(g: Geometry): Component[] {
  const p = parts(g);
  return [
    ...p.points.map((x) => ({ kind: 'point' as const, p: x, box: boundsOf([x]) })),
    ...p.lines.map((x) => ({ kind: 'line' as const, l: x, box: boundsOf(x) })),
    ...p.polygons
      .filter((x) => x.length > 0)
      .map((x) => ({ kind: 'polygon' as const, r: x, box: boundsOf(x[0]!) })),
  ];
}

function componentsMeet(a: Component, b: Component): boolean {
  if (!boxesMeet(a.box, b.box)) return false;
  if (a.kind === 'point') {
    if (b.kind === 'point') return samePoint(a.p, b.p);
    if (b.kind === 'line') return pointOnLine(a.p, b.l);
    return pointInPolygon(a.p, b.r);
  }
  if (a.kind === 'line') {
    if (b.kind === 'point') return pointOnLine(b.p, a.l);
    if (b.kind === 'line') return linesMeet(a.l, b.l);
    return lineMeetsPolygon(a.l, b.r);
  }
  if (b.kind === 'point') return pointInPolygon(b.p, a.r);
  if (b.kind === 'line') return lineMeetsPolygon(b.l, a.r);
  return polygonsMeet(a.r, b.r);
}

/**
 * Whether two geometries share at least one point (OGC `Intersects`, boundaries included).
 * @example geometriesIntersect(bboxPolygon([0, 0, 1, 1]), { type: 'Point', coordinates: [1, 1] }) // true
 */
export function geometriesIntersect(a: Geometry, b: Geometry): boolean {
  const ca = components(a);
  const cb = components(b);
  return ca.some((x) => cb.some((y) => componentsMeet(x, y)));
}

/** A prepared geometry for testing many others against it. */
export function intersector(g: Geometry): (other: Geometry) => boolean {
  const cg = components(g);
  const box = geometryBounds(g);
  return (other) => {
    if (!boxesMeet(box, geometryBounds(other))) return false;
    const co = components(other);
    return cg.some((x) => co.some((y) => componentsMeet(x, y)));
  };
}
