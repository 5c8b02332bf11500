/**
 * The verifier's own strip rule (docs/planner.md, "Strips"): north–south bands one swath wide
 * from the west edge of the AOI's bounding box, in the equirectangular projection about its
 * centre; fractions counted on a grid of step max(w/4, √(area/20000)) km. Written apart from
 * planner/plan/strips.ts.
 */
export interface VStrip {
  readonly lat: number;
  readonly lon: number;
  readonly lengthKm: number;
  readonly fraction: number;
}

const KM_DEG = (6371.0088 * Math.PI) / 180;

type G =
  | { type: 'Point'; coordinates: number[] }
  | { type: 'Polygon'; coordinates: number[][][] }
  | { type: 'MultiPolygon'; coordinates: number[][][][] };

function crossings(ring: number[][], x: number, y: number): number {
  let n = 0;
  for (let k = 0; k < ring.length; k++) {
    const [x1, y1] = ring[k]! as [number, number];
    const [x2, y2] = ring[(k + ring.length - 1) % ring.length]! as [number, number];
    if (y1 > y !== y2 > y && x < x1 + ((x2 - x1) * (y - y1)) / (y2 - y1)) n++;
  }
  return n;
}

/** Strips by band index. */
export function stripsOf(geom: unknown, widthKm: number): Map<number, VStrip> {
  const g = geom as G;
  const out = new Map<number, VStrip>();
  if (g.type === 'Point') {
    out.set(0, { lat: g.coordinates[1]!, lon: g.coordinates[0]!, lengthKm: widthKm, fraction: 1 });
    return out;
  }
  const polys = g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
  const pts = polys.flat(2);
  const lons = pts.map((p) => p[0]!);
  const lats = pts.map((p) => p[1]!);
  const w0 = lons.reduce((a, b) => Math.min(a, b), Infinity);
  const e0 = lons.reduce((a, b) => Math.max(a, b), -Infinity);
  const s0 = lats.reduce((a, b) => Math.min(a, b), Infinity);
  const n0 = lats.reduce((a, b) => Math.max(a, b), -Infinity);
  const cLat = (s0 + n0) / 2;
  const cLon = (w0 + e0) / 2;
  const kx = Math.cos((cLat * Math.PI) / 180) * KM_DEG;
  const width = (e0 - w0) * kx;
  const height = (n0 - s0) * KM_DEG;
  const x0 = (w0 - cLon) * kx;
  const y0 = (s0 - cLat) * KM_DEG;
  const step = Math.max(widthKm / 4, Math.sqrt((width * height) / 20000));
  const cols = Math.max(1, Math.ceil(width / step));
  const rows = Math.max(1, Math.ceil(height / step));
  const nb = Math.max(1, Math.ceil(width / widthKm));
  const acc = new Map<number, { n: number; lo: number; hi: number }>();
  let total = 0;
  for (let c = 0; c < cols; c++) {
    const x = x0 + (c + 0.5) * step;
    const b = Math.min(nb - 1, Math.floor((x - x0) / widthKm));
    for (let r = 0; r < rows; r++) {
      const y = y0 + (r + 0.5) * step;
      const lon = cLon + x / kx;
      const lat = cLat + y / KM_DEG;
      const inside = polys.some(
        (poly) => poly.reduce((a, ring) => a + crossings(ring, lon, lat), 0) % 2 === 1,
      );
      if (!inside) continue;
      total++;
      const e = acc.get(b) ?? { n: 0, lo: Infinity, hi: -Infinity };
      e.n++;
      e.lo = Math.min(e.lo, y);
      e.hi = Math.max(e.hi, y);
      acc.set(b, e);
    }
  }
  if (total === 0) {
    out.set(0, { lat: cLat, lon: cLon, lengthKm: Math.max(height, step), fraction: 1 });
    return out;
  }
  for (const [b, e] of acc)
    out.set(b, {
      lat: cLat + (e.lo + e.hi) / 2 / KM_DEG,
      lon: cLon + (x0 + (b + 0.5) * widthKm) / kx,
      lengthKm: e.hi - e.lo + step,
      fraction: e.n / total,
    });
  return out;
}
