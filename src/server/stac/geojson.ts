/** Validation of GeoJSON geometries (RFC 7946) given to the STAC API, with located errors. */
import { badParameter } from './errors.js';
import type { Geometry } from './geometry.js';

const TYPES = [
  'Point',
  'MultiPoint',
  'LineString',
  'MultiLineString',
  'Polygon',
  'MultiPolygon',
  'GeometryCollection',
];

function position(x: unknown, path: string): void {
  if (
    !Array.isArray(x) ||
    x.length < 2 ||
    x.length > 3 ||
    !x.every((v) => typeof v === 'number' && Number.isFinite(v))
  )
    throw badParameter(path, 'geojson.position');
  if (x[0] < -180 || x[0] > 180) throw badParameter(`${path}[0]`, 'geojson.longitude');
  if (x[1] < -90 || x[1] > 90) throw badParameter(`${path}[1]`, 'geojson.latitude');
}

function array(x: unknown, path: string, min: number, what: string): unknown[] {
  if (!Array.isArray(x) || x.length < min)
    throw badParameter(path, 'geojson.array', { min, what: `@geojson.what.${what}` });
  return x;
}

function ring(x: unknown, path: string): void {
  const r = array(x, path, 4, 'positions');
  r.forEach((p, i) => position(p, `${path}[${i}]`));
  const a = r[0] as number[];
  const b = r[r.length - 1] as number[];
  if (a[0] !== b[0] || a[1] !== b[1]) throw badParameter(path, 'geojson.ring');
}

const polygon = (x: unknown, path: string) =>
  array(x, path, 1, 'rings').forEach((r, i) => ring(r, `${path}[${i}]`));
const line = (x: unknown, path: string) =>
  array(x, path, 2, 'positions').forEach((p, i) => position(p, `${path}[${i}]`));

/**
 * Checks that `x` is a GeoJSON geometry and returns it.
 * @throws StacError 400 naming the path of the problem.
 */
export function parseGeometry(x: unknown, path: string): Geometry {
  if (typeof x !== 'object' || x === null || Array.isArray(x))
    throw badParameter(path, 'geojson.object');
  const g = x as { type?: unknown; coordinates?: unknown; geometries?: unknown };
  if (typeof g.type !== 'string' || !TYPES.includes(g.type))
    throw badParameter(`${path}.type`, 'geojson.type', { types: TYPES.join(', ') });
  const c = g.coordinates;
  const cp = `${path}.coordinates`;
  switch (g.type) {
    case 'Point':
      position(c, cp);
      break;
    case 'MultiPoint':
      array(c, cp, 1, 'positions').forEach((p, i) => position(p, `${cp}[${i}]`));
      break;
    case 'LineString':
      line(c, cp);
      break;
    case 'MultiLineString':
      array(c, cp, 1, 'lines').forEach((l, i) => line(l, `${cp}[${i}]`));
      break;
    case 'Polygon':
      polygon(c, cp);
      break;
    case 'MultiPolygon':
      array(c, cp, 1, 'polygons').forEach((p, i) => polygon(p, `${cp}[${i}]`));
      break;
    default:
      array(g.geometries, `${path}.geometries`, 0, 'geometries').forEach((m, i) =>
        parseGeometry(m, `${path}.geometries[${i}]`),
      );
  }
  return x as Geometry;
}
