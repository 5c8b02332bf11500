/**
 * Ellipsoidal (WGS-84) areas of GeoJSON polygons in longitude/latitude degrees. Edges are taken
 * as straight lines in longitude/latitude (as the polygons of `polygonize` and as maps draw
 * GeoJSON). A ring is mapped to the cylindrical equal-area plane x = R_q·λ, y = R_q·sin β(φ),
 * where plane areas are ellipsoidal areas; along an edge y is not linear in λ, so each edge's
 * ∫ y dλ is integrated by Simpson's rule on pieces of at most 0.05° of latitude (the error is
 * below 10⁻¹⁰ of the area for any edge length).
 */
import { AUTHALIC_RADIUS_M, sinAuthalic } from './area.js';

/** A ring of `[lon, lat]` positions (degrees), closed or not. */
export type LonLatRing = readonly (readonly number[])[];
/** A polygon: shell then holes. */
export type LonLatPolygon = readonly LonLatRing[];

const DEG = Math.PI / 180;
const MAX_PIECE_LAT_DEG = 0.05;

/** ∫ sin β dλ along the straight lon/lat edge a → b (λ in radians; multiply by R_q² for m²). */
export function edgeIntegral(lon0: number, lat0: number, lon1: number, lat1: number): number {
  const dLon = (lon1 - lon0) * DEG;
  if (dLon === 0) return 0;
  const dLat = lat1 - lat0;
  if (dLat === 0) return dLon * sinAuthalic(lat0);
  const n = Math.max(1, Math.ceil(Math.abs(dLat) / MAX_PIECE_LAT_DEG));
  let s = 0;
  for (let k = 0; k < n; k++) {
    const a = lat0 + (dLat * k) / n;
    const b = lat0 + (dLat * (k + 1)) / n;
    s += (sinAuthalic(a) + 4 * sinAuthalic((a + b) / 2) + sinAuthalic(b)) / 6;
  }
  return (dLon * s) / n;
}

/** Unsigned ellipsoidal area of one ring, m². */
export function ringAreaLonLatM2(ring: LonLatRing): number {
  let s = 0;
  const n = ring.length;
  for (let i = 0; i < n; i++) {
    const a = ring[i]!;
    const b = ring[(i + 1) % n]!;
    s += edgeIntegral(a[0]!, a[1]!, b[0]!, b[1]!);
  }
  return Math.abs(s) * AUTHALIC_RADIUS_M * AUTHALIC_RADIUS_M;
}

/** Ellipsoidal area of a polygon (shell minus holes), m². */
export function polygonAreaM2(p: LonLatPolygon): number {
  let s = 0;
  p.forEach((ring, i) => {
    s += i === 0 ? ringAreaLonLatM2(ring) : -ringAreaLonLatM2(ring);
  });
  return Math.max(0, s);
}

/** Ellipsoidal area of a list of non-overlapping polygons, m². */
export function multiPolygonAreaM2(ps: readonly LonLatPolygon[]): number {
  let s = 0;
  for (const p of ps) s += polygonAreaM2(p);
  return s;
}
