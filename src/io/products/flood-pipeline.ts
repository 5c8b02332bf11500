/**
 * The flood product from scene files, as one call: open the Sentinel-1 scene (and optionally a
 * Sentinel-2 scene and a pre-event Sentinel-1 scene), map the flood, write the product files
 * (water.tif, water.geojson, stats.csv, report.json) into `outDir`. Used by the server's
 * `flood` job; bands and units are detected as the `flood` command does with its defaults.
 */
import { differenceSource } from '../../imaging/change.js';
import { type FeatureSource, combineSources } from '../../imaging/features.js';
import { type FloodResult, mapFlood } from '../../imaging/flood.js';
import { gridBounds } from '../../imaging/grid.js';
import { toLonLatTransform } from '../raster/crs.js';
import { type RasterSource, openRaster } from '../raster/reader.js';
import {
  checkAlignment,
  matchingRadarBands,
  opticalFeatures,
  radarFeatures,
} from '../raster/scene.js';
import { type WaterProductSummary, areaModelOf, writeWaterProduct } from './water-product.js';

export interface FloodPipelineOptions {
  readonly s1: string;
  readonly s2?: string;
  readonly pre?: string;
  readonly outDir: string;
  /** Minimum mapping unit, m² (default 1000). */
  readonly mmuM2?: number;
  /** Speckle filter radius, pixels (default 1: 3 × 3). */
  readonly speckleRadius?: number;
  readonly signal?: AbortSignal;
  /** Progress over the whole pipeline, 0…1, with the phase name. */
  readonly onProgress?: (fraction: number, phase: string) => void;
}

export interface FloodPipelineResult {
  readonly summary: WaterProductSummary;
  readonly warnings: FloodResult['warnings'];
  /** Footprint of each input scene, lon/lat polygon (its grid's corners and edge points). */
  readonly footprints: Readonly<Record<'s1' | 's2' | 'pre', GeoJSON.Polygon | undefined>>;
  readonly method: Record<string, unknown>;
}

/** Where each phase sits in the overall progress. */
const PHASES: Record<string, [number, number]> = {
  thresholds: [0, 0.4],
  classify: [0.4, 0.7],
  mmu: [0.7, 0.75],
  polygons: [0.75, 0.85],
  geojson: [0.85, 0.9],
  cog: [0.9, 1],
};

/** Footprint of a grid as a lon/lat polygon (corners and 3 points per edge, counter-clockwise). */
export function gridFootprint(r: RasterSource): GeoJSON.Polygon {
  const [x0, y0, x1, y1] = gridBounds(r.grid);
  const to = toLonLatTransform(r.grid.epsg, r.source);
  const ring: number[][] = [];
  const edge = (ax: number, ay: number, bx: number, by: number) => {
    for (let i = 0; i < 4; i++) {
      const [lon, lat] = to(ax + ((bx - ax) * i) / 4, ay + ((by - ay) * i) / 4);
      ring.push([round7(lon), round7(lat)]);
    }
  };
  edge(x0, y0, x1, y0);
  edge(x1, y0, x1, y1);
  edge(x1, y1, x0, y1);
  edge(x0, y1, x0, y0);
  ring.push([...ring[0]!]);
  return { type: 'Polygon', coordinates: [ring] };
}

const round7 = (v: number) => Math.round(v * 1e7) / 1e7;

/**
 * Runs the flood pipeline.
 * @throws ValidationError naming the file for unreadable, corrupt or non-overlapping scenes;
 *   SahelsatError `interrupted` when the signal aborts.
 */
export async function runFloodPipeline(o: FloodPipelineOptions): Promise<FloodPipelineResult> {
  const opened: RasterSource[] = [];
  const open = async (file: string) => {
    const r = await openRaster(file, o.signal ? { signal: o.signal } : {});
    opened.push(r);
    return r;
  };
  const progress = (phase: string, done: number, total: number) => {
    const [a, b] = PHASES[phase] ?? [0, 1];
    o.onProgress?.(a + ((b - a) * done) / Math.max(1, total), phase);
  };
  const speckleRadius = o.speckleRadius ?? 1;
  const mmuM2 = o.mmuM2 ?? 1000;
  try {
    const s1 = await open(o.s1);
    const radar = await radarFeatures(s1, { units: 'auto', speckleRadius });
    const sources: FeatureSource[] = [radar.source];
    const footprints: Record<'s1' | 's2' | 'pre', GeoJSON.Polygon | undefined> = {
      s1: gridFootprint(s1),
      s2: undefined,
      pre: undefined,
    };
    const method: Record<string, unknown> = {
      radar: { bands: radar.bands, units: radar.units, speckleRadius },
    };
    if (o.s2) {
      const s2 = await open(o.s2);
      const alignment = checkAlignment(s1, s2);
      const optical = opticalFeatures(s2, { onto: s1.grid });
      sources.push(optical.source);
      footprints.s2 = gridFootprint(s2);
      method.optical = { bands: optical.bands, grid: alignment };
    }
    let change: FeatureSource | undefined;
    if (o.pre) {
      const pre = await open(o.pre);
      const alignment = checkAlignment(s1, pre);
      const preRadar = await radarFeatures(pre, {
        bands: matchingRadarBands(radar.bands, pre),
        units: 'auto',
        speckleRadius,
        idPrefix: 'pre-',
        onto: s1.grid,
      });
      change = differenceSource(preRadar.source, radar.source);
      footprints.pre = gridFootprint(pre);
      method.preEvent = { grid: alignment };
    }
    const model = areaModelOf(s1.grid);
    const meanPixelM2 = model.rowPrefix[s1.grid.height]! / s1.grid.height;
    const mmuPixels = Math.round(mmuM2 / meanPixelM2);
    const result = await mapFlood({
      grid: s1.grid,
      water: combineSources(sources),
      ...(change ? { change } : {}),
      mmuPixels,
      ...(o.signal ? { signal: o.signal } : {}),
      onProgress: progress,
    });
    const inputs: Record<string, string> = { s1: o.s1 };
    if (o.s2) inputs.s2 = o.s2;
    if (o.pre) inputs.pre = o.pre;
    const summary = await writeWaterProduct({
      dir: o.outDir,
      grid: s1.grid,
      result,
      inputs,
      method: { ...method, mmuPixels },
      connectivity: 8,
      mmuM2,
      ...(o.signal ? { signal: o.signal } : {}),
      onProgress: progress,
    });
    return {
      summary,
      warnings: result.warnings,
      footprints,
      method: {
        ...method,
        mmuM2,
        thresholds: result.thresholds.map((t) => ({
          feature: t.feature.id,
          threshold: t.split.threshold,
          method: t.method,
        })),
      },
    };
  } finally {
    await Promise.all(opened.map((r) => r.close().catch(() => undefined)));
  }
}
