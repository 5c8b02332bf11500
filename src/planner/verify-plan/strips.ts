/**
 * The verifier's own strip rule (docs/planner.md, "Strips"), written apart from
 * planner/plan/strips.ts: the AOI's samples (cell centres of a grid of step
 * max(w_min/4, √(box area/20000)) km in the equirectangular projection about its box centre,
 * even-odd rule), and a strip = the samples whose cross-track coordinate along a heading falls
 * in one band of width w, bands centred on the vertices' cross-track extent.
 */
export interface VSampling {
  readonly point: boolean;
  readonly cLat: number;
  readonly cLon: number;
  readonly kx: number;
  readonly step: number;
  /** Inside samples, km east / north of the box centre. */
  readonly pts: ReadonlyArray<readonly [number, number]>;
  readonly verts: ReadonlyArray<readonly [number, number]>;
}

export interface VStrip {
  readonly lat: number;
  readonly lon: number;
  readonly lengthKm: number;
  readonly fraction: number;
  /** Indices of the samples it holds. */
  readonly samples: readonly number[];
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

export function samplesOf(geom: unknown, minWidthKm: number): VSampling {
  const g = geom as G;
  if (g.type === 'Point') {
    const [lon, lat] = g.coordinates as [number, number];
    return {
      point: true,
      cLat: lat,
      cLon: lon,
      kx: Math.cos((lat * Math.PI) / 180) * KM_DEG,
      step: minWidthKm,
      pts: [[0, 0]],
      verts: [[0, 0]],
    };
  }
  const polys = g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
  const all = polys.flat(2);
  const lons = all.map((p) => p[0]!);
  const lats = all.map((p) => p[1]!);
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
  const step = Math.max(minWidthKm / 4, Math.sqrt((width * height) / 20000));
  const cols = Math.max(1, Math.ceil(width / step));
  const rows = Math.max(1, Math.ceil(height / step));
  const pts: Array<[number, number]> = [];
  for (let c = 0; c < cols; c++) {
    const x = x0 + (c + 0.5) * step;
    for (let r = 0; r < rows; r++) {
      const y = y0 + (r + 0.5) * step;
      const lon = cLon + x / kx;
      const lat = cLat + y / KM_DEG;
      const inside = polys.some(
        (poly) => poly.reduce((a, ring) => a + crossings(ring, lon, lat), 0) % 2 === 1,
      );
      if (inside) pts.push([x, y]);
    }
  }
  if (pts.length === 0) pts.push([0, 0]);
  const verts = all.map((p) => [(p[0]! - cLon) * kx, (p[1]! - cLat) * KM_DEG] as [number, number]);
  return { point: false, cLat, cLon, kx, step, pts, verts };
}

/** The strip of band `band` along `headingDeg`, `widthKm` wide; undefined when it holds no sample. */
export function stripOf(
  sm: VSampling,
  headingDeg: number,
  widthKm: number,
  band: number,
): VStrip | undefined {
  if (sm.point)
    return band === 0
      ? { lat: sm.cLat, lon: sm.cLon, lengthKm: widthKm, fraction: 1, samples: [0] }
      : undefined;
  const th = (headingDeg * Math.PI) / 180;
  const cos = Math.cos(th);
  const sin = Math.sin(th);
  const across = ([x, y]: readonly [number, number]): number => x * cos - y * sin;
  const along = ([x, y]: readonly [number, number]): number => x * sin + y * cos;
  const us = sm.verts.map(across);
  const lo = us.reduce((a, b) => Math.min(a, b), Infinity);
  const hi = us.reduce((a, b) => Math.max(a, b), -Infinity);
  const nb = Math.max(1, Math.ceil((hi - lo) / widthKm));
  const first = (lo + hi) / 2 - (nb * widthKm) / 2;
  const samples: number[] = [];
  let vMin = Infinity;
  let vMax = -Infinity;
  sm.pts.forEach((p, k) => {
    const b = Math.min(nb - 1, Math.max(0, Math.floor((across(p) - first) / widthKm)));
    if (b !== band) return;
    samples.push(k);
    vMin = Math.min(vMin, along(p));
    vMax = Math.max(vMax, along(p));
  });
  if (samples.length === 0) return undefined;
  const u = first + (band + 0.5) * widthKm;
  const v = (vMin + vMax) / 2;
  const x = u * cos + v * sin;
  const y = v * cos - u * sin;
  return {
    lat: sm.cLat + y / KM_DEG,
    lon: sm.cLon + x / sm.kx,
    lengthKm: vMax - vMin + sm.step,
    fraction: samples.length / sm.pts.length,
    samples,
  };
}
