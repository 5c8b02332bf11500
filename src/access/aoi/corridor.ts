/**
 * Corridor areas around lines (a river, a road): every point within `halfWidthKm` of the line.
 * Uses @turf/buffer (JSTS in an azimuthal equidistant projection centred on the line: distances
 * true to < 0.5 % within 1 000 km of the centre).
 */
import buffer from '@turf/buffer';
import type { AoiGeometry, Position } from './types.js';

export type LineGeometry =
  | { readonly type: 'LineString'; readonly coordinates: readonly Position[] }
  | { readonly type: 'MultiLineString'; readonly coordinates: readonly (readonly Position[])[] };

/** The corridor within `halfWidthKm` of a line, as a polygon or multipolygon. */
export function corridorAround(line: LineGeometry, halfWidthKm: number): AoiGeometry {
  if (!(halfWidthKm > 0))
    throw new RangeError(`corridor half-width must be > 0 km (got ${halfWidthKm})`);
  const f = buffer({ type: 'Feature', properties: {}, geometry: line as never }, halfWidthKm, {
    units: 'kilometers',
    steps: 16,
  });
  const g = f?.geometry;
  if (!g || (g.type !== 'Polygon' && g.type !== 'MultiPolygon')) {
    throw new RangeError('the line has no extent to buffer');
  }
  return g as unknown as AoiGeometry;
}
