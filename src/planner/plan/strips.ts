/**
 * Cutting an AOI into strips along a ground track. The AOI is sampled once on a grid (a local
 * equirectangular projection about the centre of its bounding box, x east and y north in km);
 * for each track family (a heading and a swath, see families.ts) the samples are cut into bands
 * `widthKm` wide running along the heading, laid side by side across the track and centred on
 * the AOI's cross-track extent. Each strip knows its samples (so that the union of strips of
 * several families can be counted), its centre and its along-track length; imaging it takes
 * length / ground speed. A point AOI is one sample and one square scene per family.
 *
 * The exact rule (also implemented separately by the verifier) is in docs/planner.md.
 */
import type { AoiGeometry } from '../../access/aoi/types.js';

/** km per degree of latitude on the mean sphere (R = 6371.0088 km). */
export const KM_PER_DEG = (6371.0088 * Math.PI) / 180;
/** Largest number of sample points per AOI (the step grows for larger AOIs). */
export const MAX_SAMPLES = 20_000;

/** The sample points of an AOI: cell centres inside it, in km from the centre of its box. */
export interface AoiSampling {
  readonly point: boolean;
  readonly lat0: number;
  readonly lon0: number;
  /** km per degree of longitude at lat0. */
  readonly kx: number;
  readonly stepKm: number;
  readonly x: Float64Array;
  readonly y: Float64Array;
  /** Polygon vertices, km (for the cross-track extent of the bands). */
  readonly vx: Float64Array;
  readonly vy: Float64Array;
}

export interface AoiStrip {
  /** Band index across the track (ids stay stable when empty bands are dropped). */
  readonly index: number;
  readonly centreLatDeg: number;
  readonly centreLonDeg: number;
  readonly lengthKm: number;
  /** Share of the AOI's sample points in this strip (the strips of one family sum to 1). */
  readonly fraction: number;
}

export interface FamilyStrips {
  readonly strips: readonly AoiStrip[];
  /** Band index of each sample (same order as the sampling's x, y). */
  readonly bandOfSample: Int32Array;
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

/**
 * Samples `g` on a grid of step max(minWidthKm / 4, √(box area / 20 000)) km; a polygon too
 * thin to hold a sample is represented by the centre of its box.
 */
export function sampleAoi(g: AoiGeometry, minWidthKm: number): AoiSampling {
  if (g.type === 'Point') {
    const [lon, lat] = g.coordinates;
    const z = new Float64Array(1);
    return {
      point: true,
      lat0: lat,
      lon0: lon,
      kx: Math.cos((lat * Math.PI) / 180) * KM_PER_DEG,
      stepKm: minWidthKm,
      x: z,
      y: z,
      vx: z,
      vy: z,
    };
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
  const step = Math.max(minWidthKm / 4, Math.sqrt((w * h) / MAX_SAMPLES));
  const nx = Math.max(1, Math.ceil(w / step));
  const ny = Math.max(1, Math.ceil(h / step));
  const xs: number[] = [];
  const ys: number[] = [];
  for (let i = 0; i < nx; i++) {
    const x = xMin + (i + 0.5) * step;
    const lon = lon0 + x / kx;
    for (let j = 0; j < ny; j++) {
      const y = yMin + (j + 0.5) * step;
      const lat = lat0 + y / KM_PER_DEG;
      for (const p of polys) {
        let k = false;
        for (const r of p) if (inRing(r, lon, lat)) k = !k;
        if (k) {
          xs.push(x);
          ys.push(y);
          break;
        }
      }
    }
  }
  if (xs.length === 0) {
    xs.push(0);
    ys.push(0);
  }
  const vx: number[] = [];
  const vy: number[] = [];
  for (const p of polys)
    for (const r of p)
      for (const [lon, lat] of r) {
        vx.push((lon - lon0) * kx);
        vy.push((lat - lat0) * KM_PER_DEG);
      }
  return {
    point: false,
    lat0,
    lon0,
    kx,
    stepKm: step,
    x: Float64Array.from(xs),
    y: Float64Array.from(ys),
    vx: Float64Array.from(vx),
    vy: Float64Array.from(vy),
  };
}

/**
 * Cuts the samples into bands `widthKm` wide along `headingDeg` (clockwise from north). With
 * a = (sin h, cos h) along the track and c = (cos h, −sin h) across it (to the right), a sample
 * (x, y) has u = x·cos h − y·sin h across and v = x·sin h + y·cos h along; the nb = ⌈(u_max −
 * u_min)/w⌉ bands over the vertices' u range start at u_s = (u_min + u_max)/2 − nb·w/2, band =
 * ⌊(u − u_s)/w⌋ clipped to 0…nb−1. A strip's centre is (band centre, middle of its samples' v
 * range), its length that range plus one step (a point: one scene, w long).
 */
export function cutFamilyStrips(
  sm: AoiSampling,
  headingDeg: number,
  widthKm: number,
): FamilyStrips {
  const h = (headingDeg * Math.PI) / 180;
  const ch = Math.cos(h);
  const sh = Math.sin(h);
  const toDeg = (u: number, v: number): [number, number] => {
    const x = u * ch + v * sh;
    const y = -u * sh + v * ch;
    return [sm.lat0 + y / KM_PER_DEG, sm.lon0 + x / sm.kx];
  };
  const n = sm.x.length;
  if (sm.point) {
    return {
      strips: [
        {
          index: 0,
          centreLatDeg: sm.lat0,
          centreLonDeg: sm.lon0,
          lengthKm: widthKm,
          fraction: 1,
        },
      ],
      bandOfSample: new Int32Array(1),
    };
  }
  let uMin = Infinity;
  let uMax = -Infinity;
  for (let k = 0; k < sm.vx.length; k++) {
    const u = sm.vx[k]! * ch - sm.vy[k]! * sh;
    uMin = Math.min(uMin, u);
    uMax = Math.max(uMax, u);
  }
  const bands = Math.max(1, Math.ceil((uMax - uMin) / widthKm));
  const uStart = (uMin + uMax) / 2 - (bands * widthKm) / 2;
  const count = new Float64Array(bands);
  const vLo = new Float64Array(bands).fill(Infinity);
  const vHi = new Float64Array(bands).fill(-Infinity);
  const bandOfSample = new Int32Array(n);
  for (let k = 0; k < n; k++) {
    const x = sm.x[k]!;
    const y = sm.y[k]!;
    const u = x * ch - y * sh;
    const v = x * sh + y * ch;
    const b = Math.min(bands - 1, Math.max(0, Math.floor((u - uStart) / widthKm)));
    bandOfSample[k] = b;
    count[b]!++;
    vLo[b] = Math.min(vLo[b]!, v);
    vHi[b] = Math.max(vHi[b]!, v);
  }
  const strips: AoiStrip[] = [];
  for (let b = 0; b < bands; b++) {
    if (count[b] === 0) continue;
    const [lat, lon] = toDeg(uStart + (b + 0.5) * widthKm, (vLo[b]! + vHi[b]!) / 2);
    strips.push({
      index: b,
      centreLatDeg: lat,
      centreLonDeg: lon,
      lengthKm: vHi[b]! - vLo[b]! + sm.stepKm,
      fraction: count[b]! / n,
    });
  }
  return { strips, bandOfSample };
}

/** Strips of `g` along one heading (a convenience over {@link sampleAoi} and {@link cutFamilyStrips}). */
export function cutStrips(g: AoiGeometry, widthKm: number, headingDeg = 0): AoiStrip[] {
  return [...cutFamilyStrips(sampleAoi(g, widthKm), headingDeg, widthKm).strips];
}
