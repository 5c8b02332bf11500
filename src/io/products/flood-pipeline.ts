/**
 * The flood product from scene files, as one call: open the Sentinel-1 scene (and optionally a
 * Sentinel-2 scene with its cloud mask, a pre-event Sentinel-1 scene and a permanent-water
 * raster), map the flood, write the product files (water.tif, water.geojson, stats.csv,
 * report.json) into `outDir`. The `flood` command and the server's `flood` job both run it.
 */
import { differenceSource } from '../../imaging/change.js';
import { type FeatureSource, combineSources } from '../../imaging/features.js';
import { type FloodResult, mapFlood } from '../../imaging/flood.js';
import { gridBounds } from '../../imaging/grid.js';
import type { CloudMaskKind } from '../../imaging/water-optical.js';
import { toLonLatTransform } from '../raster/crs.js';
import { type RasterSource, openRaster } from '../raster/reader.js';
import {
  checkAlignment,
  matchingRadarBands,
  opticalFeatures,
  radarFeatures,
} from '../raster/scene.js';
import { warpedReader } from '../raster/warp.js';
import { type WaterProductSummary, areaModelOf, writeWaterProduct } from './water-product.js';

export interface FloodPipelineOptions {
  readonly s1: string;
  readonly s2?: string;
  readonly pre?: string;
  /** Permanent-water raster (value ≥ 1 = permanent water). */
  readonly permanent?: string;
  /** Cloud mask on the Sentinel-2 grid, and how to read it (default binary). */
  readonly cloud?: string;
  readonly cloudKind?: CloudMaskKind;
  readonly outDir: string;
  /** Sentinel-1 bands (0-based) by polarisation; default: detected. */
  readonly s1Bands?: Record<string, number>;
  readonly s1Units?: 'auto' | 'dB' | 'linear';
  /** Sentinel-2 bands (0-based): green, nir, swir1; default: detected. */
  readonly s2Bands?: Record<string, number>;
  /** Reflectance = (DN + offset) / quantification (defaults 0 and 10000). */
  readonly s2Offset?: number;
  readonly s2Quantification?: number;
  /** Minimum mapping unit, m² (default 1000). */
  readonly mmuM2?: number;
  /** Speckle filter radius, pixels (default 1: 3 × 3). */
  readonly speckleRadius?: number;
  /** Polygon connectivity (default 8). */
  readonly connectivity?: 4 | 8;
  /** Opens an input (default `openRaster`); the CLI resolves paths and endpoints its way. */
  readonly open?: (file: string) => Promise<RasterSource>;
  readonly signal?: AbortSignal;
  /** Progress of a phase: its name, units done, units total. */
  readonly onPhase?: (phase: FloodPhase, done: number, total: number) => void;
  /** Progress over the whole pipeline, 0…1, with the phase name. */
  readonly onProgress?: (fraction: number, phase: FloodPhase) => void;
}

export type FloodPhase = 'thresholds' | 'classify' | 'mmu' | 'polygons' | 'geojson' | 'cog';

export interface FloodPipelineResult {
  readonly summary: WaterProductSummary;
  readonly result: FloodResult;
  readonly warnings: FloodResult['warnings'];
  /** Footprint of each input scene, lon/lat polygon (its grid's corners and edge points). */
  readonly footprints: Readonly<Record<'s1' | 's2' | 'pre', GeoJSON.Polygon | undefined>>;
  /** The method as written in report.json. */
  readonly method: Record<string, unknown>;
}

/** Where each phase sits in the overall progress. */
const PHASES: Record<FloodPhase, [number, number]> = {
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

function oneBased(b: object): Record<string, number> {
  return Object.fromEntries(Object.entries(b).map(([k, v]) => [k, (v as number) + 1]));
}

const gridText = (a: 'same' | 'resampled') =>
  a === 'same' ? 'the Sentinel-1 grid' : 'resampled onto the Sentinel-1 grid (nearest neighbour)';

/**
 * Runs the flood pipeline.
 * @throws ValidationError naming the file for unreadable, corrupt or non-overlapping scenes and
 *   mismatched bands; SahelsatError `interrupted` when the signal aborts.
 */
export async function runFloodPipeline(o: FloodPipelineOptions): Promise<FloodPipelineResult> {
  const opened: RasterSource[] = [];
  const open = async (file: string) => {
    const r = await (
      o.open ?? ((f: string) => openRaster(f, o.signal ? { signal: o.signal } : {}))
    )(file);
    opened.push(r);
    return r;
  };
  const progress = (phase: FloodPhase, done: number, total: number) => {
    o.onPhase?.(phase, done, total);
    const [a, b] = PHASES[phase];
    o.onProgress?.(a + ((b - a) * done) / Math.max(1, total), phase);
  };
  const speckleRadius = o.speckleRadius ?? 1;
  const mmuM2 = o.mmuM2 ?? 1000;
  const units = o.s1Units ?? 'auto';
  try {
    const s1 = await open(o.s1);
    const radar = await radarFeatures(s1, {
      ...(o.s1Bands ? { bands: o.s1Bands } : {}),
      units,
      speckleRadius,
    });
    const sources: FeatureSource[] = [radar.source];
    const inputs: Record<string, string> = { s1: s1.source };
    const footprints: Record<'s1' | 's2' | 'pre', GeoJSON.Polygon | undefined> = {
      s1: gridFootprint(s1),
      s2: undefined,
      pre: undefined,
    };
    const method: Record<string, unknown> = {
      radar: {
        bands: oneBased(radar.bands),
        units: radar.units,
        speckleFilter: `boxcar ${2 * speckleRadius + 1}×${2 * speckleRadius + 1} in linear power`,
      },
    };
    if (o.s2) {
      const s2 = await open(o.s2);
      const alignment = checkAlignment(s1, s2);
      let cloud: RasterSource | undefined;
      if (o.cloud) {
        cloud = await open(o.cloud);
        checkAlignment(s2, cloud);
        inputs.cloud = cloud.source;
      }
      const quantification = o.s2Quantification ?? 10000;
      const offset = o.s2Offset ?? 0;
      const cloudKind = o.cloudKind ?? 'binary';
      const optical = opticalFeatures(s2, {
        ...(o.s2Bands ? { bands: o.s2Bands } : {}),
        quantification,
        offset,
        ...(cloud ? { cloud, cloudKind } : {}),
        onto: s1.grid,
      });
      sources.push(optical.source);
      inputs.s2 = s2.source;
      footprints.s2 = gridFootprint(s2);
      method.optical = {
        grid: gridText(alignment),
        bands: oneBased(optical.bands),
        reflectance: `(DN + ${offset}) / ${quantification}`,
        ...(cloud ? { cloudMask: cloudKind } : {}),
      };
    }
    let change: FeatureSource | undefined;
    if (o.pre) {
      const pre = await open(o.pre);
      const preAlignment = checkAlignment(s1, pre);
      const preRadar = await radarFeatures(pre, {
        bands: matchingRadarBands(radar.bands, pre, o.s1Bands),
        units,
        speckleRadius,
        idPrefix: 'pre-',
        onto: s1.grid,
      });
      change = differenceSource(preRadar.source, radar.source);
      inputs.pre = pre.source;
      footprints.pre = gridFootprint(pre);
      method.preGrid = gridText(preAlignment);
      method.change =
        'post − pre backscatter (dB, mean of polarisations), Otsu on its magnitude; flood = water with a significant decrease';
    }
    let permanentWater:
      ((y0: number, rows: number, signal?: AbortSignal) => Promise<Uint8Array>) | undefined;
    if (o.permanent) {
      const perm = await open(o.permanent);
      const read =
        checkAlignment(s1, perm) === 'same' ? perm.readWindow : warpedReader(perm, s1.grid);
      inputs.permanent = perm.source;
      permanentWater = async (y0, rows, signal) => {
        const [v] = await read({ x0: 0, y0, width: s1.grid.width, height: rows }, [0], signal);
        return Uint8Array.from(v!, (x) => (x >= 1 ? 1 : 0));
      };
    }
    const model = areaModelOf(s1.grid);
    const meanPixelM2 = model.rowPrefix[s1.grid.height]! / s1.grid.height;
    const mmuPixels = Math.round(mmuM2 / meanPixelM2);
    const result = await mapFlood({
      grid: s1.grid,
      water: combineSources(sources),
      ...(change ? { change } : {}),
      ...(permanentWater ? { permanentWater } : {}),
      mmuPixels,
      ...(o.signal ? { signal: o.signal } : {}),
      onProgress: progress,
    });
    const summary = await writeWaterProduct({
      dir: o.outDir,
      grid: s1.grid,
      result,
      inputs,
      method: { ...method, mmuPixels },
      connectivity: o.connectivity ?? 8,
      mmuM2,
      ...(o.signal ? { signal: o.signal } : {}),
      onProgress: progress,
    });
    return {
      summary,
      result,
      warnings: result.warnings,
      footprints,
      method: { ...method, mmuPixels, mmuM2 },
    };
  } finally {
    await Promise.all(opened.map((r) => r.close().catch(() => undefined)));
  }
}
