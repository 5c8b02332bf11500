/** Bounding box of a GeoJSON geometry (Point, Polygon, MultiPolygon), degrees. */
import type { BBox, GeoJsonGeometry } from '../../store/index.js';

export function geometryBBox(g: GeoJsonGeometry): BBox {
  let minLon = Infinity;
  let minLat = Infinity;
  let maxLon = -Infinity;
  let maxLat = -Infinity;
  const visit = (c: unknown): void => {
    if (Array.isArray(c) && typeof c[0] === 'number') {
      const [lon, lat] = c as [number, number];
      minLon = Math.min(minLon, lon);
      maxLon = Math.max(maxLon, lon);
      minLat = Math.min(minLat, lat);
      maxLat = Math.max(maxLat, lat);
    } else if (Array.isArray(c)) {
      c.forEach(visit);
    }
  };
  visit((g as { coordinates?: unknown }).coordinates);
  return { minLon, minLat, maxLon, maxLat };
}
