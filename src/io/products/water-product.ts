/**
 * Writes the water / flood product directory:
 *
 * - `water.tif`: COG, uint8 on the input grid — 1 water, 0 dry, 255 nodata;
 * - `water.geojson`: one feature per connected water patch, WGS-84 (RFC 7946), with its
 *   ellipsoidal area;
 * - `stats.csv`: `zone,class,pixels,area_km2,share_of_valid` rows (zone `scene` here; per-region
 *   rows use the same columns);
 * - `report.json`: inputs, method, thresholds and class models, areas, warnings.
 */
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DEFAULT_BIMODALITY } from '../../imaging/bimodality.js';
import {
  type PixelAreaModel,
  classAreas,
  componentAreaM2,
  pixelAreaModel,
} from '../../imaging/area.js';
import type { FloodResult } from '../../imaging/flood.js';
import { DRY, NODATA, WATER, decisionBoundary } from '../../imaging/fusion.js';
import type { RasterGrid } from '../../imaging/grid.js';
import { type PixelComponent, polygonizeCompact } from '../../imaging/polygonize.js';
import { writeComponentsGeoJson } from '../geojson-writer.js';
import { uint8TileProvider, writeCog } from '../raster/cog-writer.js';
import { isGeographic, toLonLatTransform } from '../raster/crs.js';

/** Product format version written in report.json. */
export const WATER_PRODUCT_VERSION = 1;

/** Options of {@link writeWaterProduct}. */
export interface WaterProductOptions {
  readonly dir: string;
  readonly grid: RasterGrid;
  readonly result: FloodResult;
  /** Input files by role (s1, s2, pre, permanent, cloud). */
  readonly inputs: Readonly<Record<string, string>>;
  /** Free description of the method choices (units, bands, speckle radius…) for the report. */
  readonly method: Readonly<Record<string, unknown>>;
  readonly connectivity: 4 | 8;
  readonly mmuM2: number;
  readonly signal?: AbortSignal;
  readonly onProgress?: (
    phase: 'polygons' | 'geojson' | 'cog',
    done: number,
    total: number,
  ) => void;
}

/** What was written, for the CLI summary. */
export interface WaterProductSummary {
  readonly waterKm2: number;
  readonly validKm2: number;
  readonly nodataKm2: number;
  readonly polygons: number;
  readonly files: readonly string[];
}

const KM2 = 1e6;

/** Area model of a grid (exact for lon/lat grids, equal-area quads otherwise). */
export function areaModelOf(grid: RasterGrid): PixelAreaModel {
  return pixelAreaModel(grid, isGeographic(grid.epsg), toLonLatTransform(grid.epsg));
}

/** Writes the product files into `dir` (created if needed). */
export async function writeWaterProduct(o: WaterProductOptions): Promise<WaterProductSummary> {
  await mkdir(o.dir, { recursive: true });
  const { width: W, height: H } = o.grid;
  const model = areaModelOf(o.grid);
  const areas = classAreas(o.result.mask, W, H, model, [WATER, DRY, NODATA]);
  const water = areas.get(WATER)!;
  const dry = areas.get(DRY)!;
  const nodata = areas.get(NODATA)!;
  const validM2 = water.areaM2 + dry.areaM2;

  const components = polygonizeCompact(o.result.mask, W, H, {
    value: WATER,
    connectivity: o.connectivity,
    ...(o.signal ? { signal: o.signal } : {}),
    onProgress: (d, t) => o.onProgress?.('polygons', d, t),
  });
  const toLonLat = toLonLatTransform(o.grid.epsg);
  const props = (c: PixelComponent, i: number): Record<string, unknown> => {
    const [x0, y0, x1, y1] = c.bbox;
    const corners = [toLonLat(...px(o.grid, x0, y0)), toLonLat(...px(o.grid, x1, y1))];
    return {
      id: i + 1,
      class: 'water',
      pixels: c.pixels,
      area_km2: round(componentAreaM2(c, model) / KM2, 8),
      bbox: [
        round(Math.min(corners[0]![0], corners[1]![0]), 7),
        round(Math.min(corners[0]![1], corners[1]![1]), 7),
        round(Math.max(corners[0]![0], corners[1]![0]), 7),
        round(Math.max(corners[0]![1], corners[1]![1]), 7),
      ],
    };
  };
  const files = ['water.tif', 'water.geojson', 'stats.csv', 'report.json'];
  await writeComponentsGeoJson(join(o.dir, 'water.geojson'), components, {
    grid: o.grid,
    toLonLat,
    properties: props,
    collection: { name: 'water', product: 'sahelsat.water', version: WATER_PRODUCT_VERSION },
    ...(o.signal ? { signal: o.signal } : {}),
    onProgress: (d, t) => o.onProgress?.('geojson', d, t),
  });
  await writeCog(
    join(o.dir, 'water.tif'),
    {
      grid: o.grid,
      sampleType: 'uint8',
      nodata: NODATA,
      metadata: { DESCRIPTION: 'Sahelsat water extent: 1 water, 0 dry, 255 nodata' },
      ...(o.signal ? { signal: o.signal } : {}),
      onProgress: (d, t) => o.onProgress?.('cog', d, t),
    },
    uint8TileProvider(o.result.mask, W, H, 512, NODATA),
  );
  const share = (m2: number): number => (validM2 > 0 ? round(m2 / validM2, 6) : 0);
  const csv = [
    'zone,class,pixels,area_km2,share_of_valid',
    `scene,water,${water.pixels},${round(water.areaM2 / KM2, 6)},${share(water.areaM2)}`,
    `scene,dry,${dry.pixels},${round(dry.areaM2 / KM2, 6)},${share(dry.areaM2)}`,
    `scene,nodata,${nodata.pixels},${round(nodata.areaM2 / KM2, 6)},`,
  ].join('\n');
  await atomicWrite(join(o.dir, 'stats.csv'), `${csv}\n`);
  const r = o.result;
  const pixelAreaM2 = validM2 + nodata.areaM2 > 0 ? (validM2 + nodata.areaM2) / (W * H) : 0;
  const report = {
    product: 'sahelsat.water',
    version: WATER_PRODUCT_VERSION,
    inputs: o.inputs,
    grid: { width: W, height: H, crs: `EPSG:${o.grid.epsg}`, transform: o.grid.transform },
    encoding: { water: WATER, dry: DRY, nodata: NODATA },
    method: {
      ...o.method,
      decision:
        'per-sensor mean of Gaussian log-likelihood ratios from each feature’s Otsu split, summed over sensors; water when > 0',
      thresholding:
        'split-based Otsu: Otsu on the tiles passing the bimodality test, else on the whole scene',
      splitTileSizePx: r.splitTileSize,
      bimodality: DEFAULT_BIMODALITY,
      minimumMappingUnitM2: o.mmuM2,
      polygonConnectivity: o.connectivity,
    },
    thresholds: r.thresholds.map((t, k) => ({
      feature: t.feature.id,
      sensor: t.feature.sensor,
      unit: t.feature.unit,
      waterIs: t.feature.waterIs,
      threshold: round(t.split.threshold, 4),
      decisionBoundary: round(decisionBoundary(r.models[k]!), 6),
      method: t.method,
      tilesSelected: t.tilesSelected,
      tilesTotal: t.tilesTotal,
      globalOtsuThreshold: round(t.globalThreshold, 4),
      validPixels: t.validPixels,
      water: roundStats(r.models[k]!.water),
      land: roundStats(r.models[k]!.land),
    })),
    ...(r.change
      ? {
          change: {
            feature: r.change.feature.id,
            unit: r.change.feature.unit,
            magnitudeThreshold: round(r.change.threshold, 4),
            significant: r.change.significant,
            ashmanD: round(r.change.ashmanD, 3),
            bimodalityCoefficient: round(r.change.bimodalityCoefficient, 3),
            unchanged: roundStats(r.change.unchanged),
            changed: roundStats(r.change.changed),
          },
        }
      : {}),
    pixels: {
      waterDetected: r.waterDetectedPx,
      removedNotNew: r.notNewWaterPx,
      removedPermanent: r.permanentWaterPx,
      removedBelowMmu: r.sieve.waterRemovedPx,
      patchesBelowMmu: r.sieve.patchesRemoved,
      holesFilled: r.sieve.holesFilledPx,
      water: water.pixels,
      dry: dry.pixels,
      nodata: nodata.pixels,
    },
    areas: {
      water_km2: round(water.areaM2 / KM2, 6),
      dry_km2: round(dry.areaM2 / KM2, 6),
      nodata_km2: round(nodata.areaM2 / KM2, 6),
      valid_km2: round(validM2 / KM2, 6),
      water_share_of_valid: share(water.areaM2),
      meanPixelArea_m2: round(pixelAreaM2, 4),
      method:
        'sum of pixel areas on the WGS-84 ellipsoid (authalic-latitude formula; projected grids via equal-area quadrilaterals of pixel corners)',
    },
    polygons: {
      file: 'water.geojson',
      count: components.count,
      crs: 'EPSG:4326 (RFC 7946)',
      areaProperty: 'area_km2 (ellipsoidal, same pixel-area model as the raster)',
    },
    warnings: r.warnings,
  };
  await atomicWrite(join(o.dir, 'report.json'), `${JSON.stringify(report, null, 2)}\n`);
  return {
    waterKm2: water.areaM2 / KM2,
    validKm2: validM2 / KM2,
    nodataKm2: nodata.areaM2 / KM2,
    polygons: components.count,
    files,
  };
}

function px(g: RasterGrid, i: number, j: number): [number, number] {
  return [
    g.transform.originX + i * g.transform.pixelSizeX,
    g.transform.originY + j * g.transform.pixelSizeY,
  ];
}

function round(v: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(v * f) / f;
}

function roundStats(s: { mean: number; std: number }): { mean: number; std: number } {
  return { mean: round(s.mean, 4), std: round(s.std, 4) };
}

/** Writes a text file beside its target and renames it into place. */
export async function atomicWrite(path: string, text: string): Promise<void> {
  await writeFile(`${path}.part`, text);
  await rename(`${path}.part`, path);
}
