/**
 * Writing availability maps: a PNG (one pixel per grid node, colour ramp from red at 95 % to
 * green at 99.99 %, transparent outside the mask or below the horizon) and a GeoJSON
 * FeatureCollection of grid-cell polygons with their availability and elevation. Also reads a
 * GeoJSON mask (Polygon/MultiPolygon features) for point-in-polygon tests.
 */
import { PNG } from 'pngjs';
import { ValidationError } from '../core/errors.js';

/** A computed grid (see telecom/availability.ts). */
export interface AvailabilityRaster {
  readonly rows: number;
  readonly cols: number;
  readonly latMax: number;
  readonly lonMin: number;
  readonly stepDeg: number;
  readonly availability: Float32Array;
  readonly elevation: Float32Array;
  readonly mask: Uint8Array;
}

function colour(a: number): [number, number, number] {
  // 95 % → red, 99 % → yellow, 99.99 % → green, on a log scale of the unavailability
  const t = Math.min(
    1,
    Math.max(
      0,
      (Math.log10(5) - Math.log10(Math.max(100 - a, 0.01))) / (Math.log10(5) - Math.log10(0.01)),
    ),
  );
  const r = t < 0.5 ? 220 : Math.round(220 * (1 - (t - 0.5) * 2));
  const g = t < 0.5 ? Math.round(60 + 160 * t * 2) : 200;
  return [r, g, 60];
}

/** Encodes the raster as a PNG (RGBA). */
export function availabilityPng(r: AvailabilityRaster): Buffer {
  const png = new PNG({ width: r.cols, height: r.rows });
  for (let k = 0; k < r.rows * r.cols; k++) {
    const on = r.mask[k] === 1 && r.elevation[k]! >= 5;
    const [R, G, B] = on ? colour(r.availability[k]!) : [0, 0, 0];
    png.data[k * 4] = R;
    png.data[k * 4 + 1] = G;
    png.data[k * 4 + 2] = B;
    png.data[k * 4 + 3] = on ? 255 : 0;
  }
  return PNG.sync.write(png);
}

/** The raster as GeoJSON grid cells (only the masked-in nodes). */
export function availabilityGeoJson(r: AvailabilityRaster): string {
  const h = r.stepDeg / 2;
  const feats: string[] = [];
  for (let i = 0; i < r.rows; i++) {
    for (let j = 0; j < r.cols; j++) {
      const k = i * r.cols + j;
      if (r.mask[k] !== 1) continue;
      const lat = r.latMax - i * r.stepDeg;
      const lon = r.lonMin + j * r.stepDeg;
      const ring = [
        [lon - h, lat - h],
        [lon + h, lat - h],
        [lon + h, lat + h],
        [lon - h, lat + h],
        [lon - h, lat - h],
      ].map(([x, y]) => [Number(x!.toFixed(5)), Number(y!.toFixed(5))]);
      feats.push(
        JSON.stringify({
          type: 'Feature',
          geometry: { type: 'Polygon', coordinates: [ring] },
          properties: {
            lat_deg: Number(lat.toFixed(5)),
            lon_deg: Number(lon.toFixed(5)),
            availability_percent: Number(r.availability[k]!.toFixed(4)),
            elevation_deg: Number(r.elevation[k]!.toFixed(2)),
          },
        }),
      );
    }
  }
  return `{"type":"FeatureCollection","features":[\n${feats.join(',\n')}\n]}\n`;
}

type Ring = number[][];

/** Polygons (lists of rings, first = outer) of a GeoJSON text. */
export function parseMaskPolygons(text: string, file: string): Ring[][] {
  let json: {
    type?: string;
    features?: { geometry?: { type: string; coordinates: unknown } }[];
    geometry?: unknown;
    coordinates?: unknown;
  };
  try {
    json = JSON.parse(text) as typeof json;
  } catch (err) {
    throw new ValidationError(`not JSON: ${(err as Error).message}`, { location: { file } });
  }
  const geoms =
    json.type === 'FeatureCollection'
      ? (json.features ?? []).map((f) => f.geometry)
      : json.type === 'Feature'
        ? [json.geometry]
        : [json];
  const polys: Ring[][] = [];
  for (const g of geoms as { type: string; coordinates: unknown }[]) {
    if (!g) continue;
    if (g.type === 'Polygon') polys.push(g.coordinates as Ring[]);
    else if (g.type === 'MultiPolygon') polys.push(...(g.coordinates as Ring[][]));
  }
  if (polys.length === 0)
    throw new ValidationError('no Polygon or MultiPolygon in the mask', { location: { file } });
  return polys;
}

function inRing(ring: Ring, x: number, y: number): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i] as [number, number];
    const [xj, yj] = ring[j] as [number, number];
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

/** A point-in-polygons test (holes respected). */
export function maskTest(polys: Ring[][]): (latDeg: number, lonDeg: number) => boolean {
  return (lat, lon) =>
    polys.some(
      (p) => inRing(p[0]!, lon, lat) && !p.slice(1).some((hole) => inRing(hole, lon, lat)),
    );
}

/** An elevation raster (see telecom/elevation-map.ts). */
export interface ElevationRaster {
  readonly rows: number;
  readonly cols: number;
  readonly latMax: number;
  readonly lonMin: number;
  readonly stepDeg: number;
  readonly elevation: Float32Array;
  readonly mask: Uint8Array;
}

/** PNG of elevations: grey below the minimum elevation (not visible), blue (low) to white (90°). */
export function elevationPng(r: ElevationRaster, minElevationDeg: number): Buffer {
  const png = new PNG({ width: r.cols, height: r.rows });
  for (let k = 0; k < r.rows * r.cols; k++) {
    const e = r.elevation[k]!;
    const t = Math.max(0, Math.min(1, e / 90));
    const visible = e >= minElevationDeg;
    png.data[k * 4] = visible ? Math.round(40 + 215 * t) : 120;
    png.data[k * 4 + 1] = visible ? Math.round(80 + 175 * t) : 120;
    png.data[k * 4 + 2] = visible ? 255 : 120;
    png.data[k * 4 + 3] = r.mask[k] === 1 ? 255 : 0;
  }
  return PNG.sync.write(png);
}

/** GeoJSON grid cells with `elevation_deg` and `visible`. */
export function elevationGeoJson(r: ElevationRaster, minElevationDeg: number): string {
  const h = r.stepDeg / 2;
  const feats: string[] = [];
  for (let i = 0; i < r.rows; i++) {
    for (let j = 0; j < r.cols; j++) {
      const k = i * r.cols + j;
      if (r.mask[k] !== 1) continue;
      const lat = r.latMax - i * r.stepDeg;
      const lon = r.lonMin + j * r.stepDeg;
      const ring = [
        [lon - h, lat - h],
        [lon + h, lat - h],
        [lon + h, lat + h],
        [lon - h, lat + h],
        [lon - h, lat - h],
      ].map(([x, y]) => [Number(x!.toFixed(5)), Number(y!.toFixed(5))]);
      const e = r.elevation[k]!;
      feats.push(
        JSON.stringify({
          type: 'Feature',
          geometry: { type: 'Polygon', coordinates: [ring] },
          properties: { elevation_deg: Number(e.toFixed(3)), visible: e >= minElevationDeg },
        }),
      );
    }
  }
  return `{"type":"FeatureCollection","features":[\n${feats.join(',\n')}\n]}\n`;
}
