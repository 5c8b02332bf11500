/**
 * Cutting an AOI into strips one swath wide. The sun-synchronous tracks of the constellation
 * cross the Sahel within about 12° of north, so strips are bands running north–south, `widthKm`
 * wide, laid side by side from the AOI's western edge (a local equirectangular projection about
 * the centre of its bounding box). Each strip knows the fraction of the AOI's area it holds
 * (counted on a grid of sample points), its centre and its north–south length; imaging it takes
 * length / ground speed. A point AOI is one square scene.
 *
 * The exact rule (also implemented separately by the verifier) is in docs/planner.md.
 */
import type { AoiGeometry } from '../../access/aoi/types.js';

/** km per degree of latitude on the mean sphere (R = 6371.0088 km). */
export const KM_PER_DEG = (6371.0088 * Math.PI) / 180;
/** Largest number of sample points per AOI (the step grows for larger AOIs). */
export const MAX_SAMPLES = 20_000;

export interface AoiStrip {
  /** Band index from the west (ids stay stable when empty bands are dropped). */
  readonly index: number;
  readonly centreLatDeg: number;
  readonly centreLonDeg: number;
  readonly lengthKm: number;
  /** Share of the AOI's sample points in this strip (the strips' fractions sum to 1). */
  readonly fraction: number;
}

type Ring = readonly (readonly number[])[];

function inRing(ring: Ring, lon: number, lat: number): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const xi = ring[i]![0]!;
    const yi = ring[i]![1]!;
    const xj = ring[j]![0]!;
    const yj = ring[j]![1]!;
    if (yi > lat !== yj > lat && lon < ((xj - xi) * (lat - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

/** Cuts `g` into strips `widthKm` wide (see the module comment). */
export function cutStrips(g: AoiGeometry, widthKm: number): AoiStrip[] {
  if (g.type === 'Point') {
    const [lon, lat] = g.coordinates;
    return [{ index: 0, centreLatDeg: lat, centreLonDeg: lon, lengthKm: widthKm, fraction: 1 }];
  }
  const polys = g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
  let lonMin = Infinity;
  let lonMax = -Infinity;
  let latMin = Infinity;
  let latMax = -Infinity;
  for (const p of polys)
    for (const r of p)
      for (const [lon, lat] of r) {
        lonMin = Math.min(lonMin, lon);
        lonMax = Math.max(lonMax, lon);
        latMin = Math.min(latMin, lat);
        latMax = Math.max(latMax, lat);
      }
  const lat0 = (latMin + latMax) / 2;
  const lon0 = (lonMin + lonMax) / 2;
  const kx = Math.cos((lat0 * Math.PI) / 180) * KM_PER_DEG;
  const xMin = (lonMin - lon0) * kx;
  const yMin = (latMin - lat0) * KM_PER_DEG;
  const w = (lonMax - lonMin) * kx;
  const h = (latMax - latMin) * KM_PER_DEG;
  const step = Math.max(widthKm / 4, Math.sqrt((w * h) / MAX_SAMPLES));
  const nx = Math.max(1, Math.ceil(w / step));
  const ny = Math.max(1, Math.ceil(h / step));
  const bands = Math.max(1, Math.ceil(w / widthKm));
  const count = new Float64Array(bands);
  const yLo = new Float64Array(bands).fill(Infinity);
  const yHi = new Float64Array(bands).fill(-Infinity);
  let total = 0;
  for (let i = 0; i < nx; i++) {
    const x = xMin + (i + 0.5) * step;
    const lon = lon0 + x / kx;
    const band = Math.min(bands - 1, Math.floor((x - xMin) / widthKm));
    for (let j = 0; j < ny; j++) {
      const y = yMin + (j + 0.5) * step;
      const lat = lat0 + y / KM_PER_DEG;
      let inside = false;
      for (const p of polys) {
        let k = false;
        for (const r of p) if (inRing(r, lon, lat)) k = !k;
        if (k) {
          inside = true;
          break;
        }
      }
      if (!inside) continue;
      total++;
      count[band]!++;
      yLo[band] = Math.min(yLo[band]!, y);
      yHi[band] = Math.max(yHi[band]!, y);
    }
  }
  if (total === 0)
    return [
      {
        index: 0,
        centreLatDeg: lat0,
        centreLonDeg: lon0,
        lengthKm: Math.max(h, step),
        fraction: 1,
      },
    ];
  const strips: AoiStrip[] = [];
  for (let b = 0; b < bands; b++) {
    if (count[b] === 0) continue;
    const cx = xMin + (b + 0.5) * widthKm;
    const cy = (yLo[b]! + yHi[b]!) / 2;
    strips.push({
      index: b,
      centreLatDeg: lat0 + cy / KM_PER_DEG,
      centreLonDeg: lon0 + cx / kx,
      lengthKm: yHi[b]! - yLo[b]! + step,
      fraction: count[b]! / total,
    });
  }
  return strips;
}
