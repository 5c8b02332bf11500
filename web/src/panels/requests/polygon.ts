/**
 * The polygon being drawn: an immutable list of vertices (longitude, latitude in degrees), closed
 * into a GeoJSON Polygon once it has three vertices and its edges do not cross.
 */
import type { Polygon, Position } from 'geojson';

export type LonLat = readonly [number, number];

export interface Draft {
  readonly vertices: readonly LonLat[];
  readonly closed: boolean;
}

export const EMPTY_DRAFT: Draft = { vertices: [], closed: false };

/** Why a draft cannot be closed (message keys of the requests panel), or null when it can. */
export type DraftProblem = 'requests.draw.tooFew' | 'requests.draw.crossing' | null;

/** Adds a vertex; a click on the previous vertex again (a double-click's first click) is ignored. */
export function addVertex(d: Draft, p: LonLat): Draft {
  if (d.closed) return d;
  const last = d.vertices[d.vertices.length - 1];
  if (last && Math.abs(last[0] - p[0]) < 1e-9 && Math.abs(last[1] - p[1]) < 1e-9) return d;
  return { vertices: [...d.vertices, p], closed: false };
}

/** Removes the last vertex (Backspace). */
export function undoVertex(d: Draft): Draft {
  return d.closed ? d : { vertices: d.vertices.slice(0, -1), closed: false };
}

function cross(o: LonLat, a: LonLat, b: LonLat): number {
  return (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0]);
}

/** Whether segments ab and cd cross at a point inside both (touching ends do not count). */
export function segmentsCross(a: LonLat, b: LonLat, c: LonLat, d: LonLat): boolean {
  const d1 = cross(c, d, a);
  const d2 = cross(c, d, b);
  const d3 = cross(a, b, c);
  const d4 = cross(a, b, d);
  return d1 * d2 < 0 && d3 * d4 < 0;
}

/** Whether the closed ring through `vs` has two non-adjacent edges that cross. */
export function selfIntersects(vs: readonly LonLat[]): boolean {
  const n = vs.length;
  for (let i = 0; i < n; i++) {
    for (let j = i + 2; j < n; j++) {
      if (i === 0 && j === n - 1) continue; // adjacent through the closing edge
      if (segmentsCross(vs[i]!, vs[(i + 1) % n]!, vs[j]!, vs[(j + 1) % n]!)) return true;
    }
  }
  return false;
}

export function closeProblem(d: Draft): DraftProblem {
  if (d.vertices.length < 3) return 'requests.draw.tooFew';
  if (selfIntersects(d.vertices)) return 'requests.draw.crossing';
  return null;
}

/** Closes the draft when it can be closed; otherwise returns it unchanged. */
export function closeDraft(d: Draft): Draft {
  return closeProblem(d) === null ? { vertices: d.vertices, closed: true } : d;
}

/**
 * The GeoJSON polygon of the draft (RFC 7946: the outer ring counter-clockwise, first position
 * repeated at the end).
 */
export function draftPolygon(d: Draft): Polygon {
  const vs = [...d.vertices];
  let area2 = 0;
  for (let i = 0; i < vs.length; i++) {
    const a = vs[i]!;
    const b = vs[(i + 1) % vs.length]!;
    area2 += a[0] * b[1] - b[0] * a[1];
  }
  if (area2 < 0) vs.reverse();
  const ring: Position[] = vs.map((v) => [round6(v[0]), round6(v[1])]);
  ring.push([...ring[0]!]);
  return { type: 'Polygon', coordinates: [ring] };
}

/** Micro-degree precision (≈ 0.1 m): more digits than a click can mean. */
function round6(x: number): number {
  return Math.round(x * 1e6) / 1e6;
}

/** Bounding box [west, south, east, north] of any GeoJSON geometry's positions. */
export function bboxOf(coords: unknown): [number, number, number, number] | null {
  let w = Infinity;
  let s = Infinity;
  let e = -Infinity;
  let n = -Infinity;
  const walk = (c: unknown): void => {
    if (!Array.isArray(c)) return;
    if (typeof c[0] === 'number' && typeof c[1] === 'number') {
      w = Math.min(w, c[0]);
      e = Math.max(e, c[0]);
      s = Math.min(s, c[1]);
      n = Math.max(n, c[1]);
      return;
    }
    for (const x of c) walk(x);
  };
  walk(coords);
  return Number.isFinite(w) ? [w, s, e, n] : null;
}
