/**
 * Writes the change product directory: `change.tif` (COG, uint8 on the input grid: 0 no change,
 * 1 water gain, 2 water loss, 255 nodata), `change.geojson` (one feature per patch, property
 * `class` = gain | loss, ellipsoidal `area_km2`), `stats.csv` and `report.json`.
 */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { classAreas, componentAreaM2 } from '../../imaging/area.js';
import { CHANGE_NODATA, NO_CHANGE, WATER_GAIN, WATER_LOSS } from '../../imaging/change.js';
import type { ChangeMapResult } from '../../imaging/change-map.js';
import type { RasterGrid } from '../../imaging/grid.js';
import { type PixelComponent, polygonizeCompact } from '../../imaging/polygonize.js';
import { writeComponentsGeoJson } from '../geojson-writer.js';
import { uint8TileProvider, writeCog } from '../raster/cog-writer.js';
import { toLonLatTransform } from '../raster/crs.js';
import { areaModelOf, atomicWrite } from './water-product.js';

/** Options of {@link writeChangeProduct}. */
export interface ChangeProductOptions {
  readonly dir: string;
  readonly grid: RasterGrid;
  readonly result: ChangeMapResult;
  readonly inputs: Readonly<Record<string, string>>;
  readonly method: Readonly<Record<string, unknown>>;
  readonly mmuM2: number;
  readonly connectivity: 4 | 8;
  readonly signal?: AbortSignal;
  readonly onProgress?: (
    phase: 'polygons' | 'geojson' | 'cog',
    done: number,
    total: number,
  ) => void;
}

/** What was written. */
export interface ChangeProductSummary {
  readonly gainKm2: number;
  readonly lossKm2: number;
  readonly polygons: number;
  readonly files: readonly string[];
}

const r6 = (v: number): number => Math.round(v * 1e6) / 1e6;

/** Writes the change product files into `dir`. */
export async function writeChangeProduct(o: ChangeProductOptions): Promise<ChangeProductSummary> {
  await mkdir(o.dir, { recursive: true });
  const { width: W, height: H } = o.grid;
  const model = areaModelOf(o.grid);
  const codes = o.result.codes;
  const areas = classAreas(codes, W, H, model, [NO_CHANGE, WATER_GAIN, WATER_LOSS, CHANGE_NODATA]);
  const sets = ([WATER_GAIN, WATER_LOSS] as const).map((value) =>
    polygonizeCompact(codes, W, H, {
      value,
      connectivity: o.connectivity,
      ...(o.signal ? { signal: o.signal } : {}),
      onProgress: (d, t) => o.onProgress?.('polygons', d, t),
    }),
  );
  const gainCount = sets[0]!.count;
  const total = gainCount + sets[1]!.count;
  const all: Iterable<PixelComponent> & { count: number } = {
    count: total,
    *[Symbol.iterator]() {
      for (const set of sets) yield* set;
    },
  };
  await writeComponentsGeoJson(join(o.dir, 'change.geojson'), all, {
    grid: o.grid,
    toLonLat: toLonLatTransform(o.grid.epsg),
    properties: (c, i) => ({
      id: i + 1,
      class: i < gainCount ? 'gain' : 'loss',
      pixels: c.pixels,
      area_km2: Math.round(componentAreaM2(c, model) / 1e-2) / 1e8,
    }),
    collection: { name: 'change', product: 'sahelsat.change', version: 1 },
    ...(o.signal ? { signal: o.signal } : {}),
    onProgress: (d, t) => o.onProgress?.('geojson', d, t),
  });
  await writeCog(
    join(o.dir, 'change.tif'),
    {
      grid: o.grid,
      sampleType: 'uint8',
      nodata: CHANGE_NODATA,
      metadata: {
        DESCRIPTION: 'Sahelsat change: 0 no change, 1 water gain, 2 water loss, 255 nodata',
      },
      ...(o.signal ? { signal: o.signal } : {}),
      onProgress: (d, t) => o.onProgress?.('cog', d, t),
    },
    uint8TileProvider(codes, W, H, 512, CHANGE_NODATA),
  );
  const a = (c: number): { pixels: number; areaM2: number } => areas.get(c)!;
  const validM2 = a(NO_CHANGE).areaM2 + a(WATER_GAIN).areaM2 + a(WATER_LOSS).areaM2;
  const share = (m2: number): number | string => (validM2 > 0 ? r6(m2 / validM2) : '');
  const rows = [
    ['gain', WATER_GAIN],
    ['loss', WATER_LOSS],
    ['unchanged', NO_CHANGE],
    ['nodata', CHANGE_NODATA],
  ] as const;
  const csv = ['zone,class,pixels,area_km2,share_of_valid']
    .concat(
      rows.map(
        ([name, c]) =>
          `scene,${name},${a(c).pixels},${r6(a(c).areaM2 / 1e6)},${c === CHANGE_NODATA ? '' : share(a(c).areaM2)}`,
      ),
    )
    .join('\n');
  await atomicWrite(join(o.dir, 'stats.csv'), `${csv}\n`);
  const t = o.result.thresholds;
  const report = {
    product: 'sahelsat.change',
    version: 1,
    inputs: o.inputs,
    grid: { width: W, height: H, crs: `EPSG:${o.grid.epsg}`, transform: o.grid.transform },
    encoding: { unchanged: NO_CHANGE, gain: WATER_GAIN, loss: WATER_LOSS, nodata: CHANGE_NODATA },
    method: {
      ...o.method,
      thresholding:
        'Otsu on |after − before| (change-vector magnitude), sign gives gain or loss; kept when the magnitude histogram is bimodal',
      minimumMappingUnitM2: o.mmuM2,
      polygonConnectivity: o.connectivity,
    },
    thresholds: {
      feature: t.feature.id,
      unit: t.feature.unit,
      magnitudeThreshold: t.threshold,
      significant: t.significant,
      ashmanD: t.ashmanD,
      bimodalityCoefficient: t.bimodalityCoefficient,
      unchanged: { mean: t.unchanged.mean, std: t.unchanged.std, fraction: t.unchanged.fraction },
      changed: { mean: t.changed.mean, std: t.changed.std, fraction: t.changed.fraction },
    },
    areas: {
      gain_km2: r6(a(WATER_GAIN).areaM2 / 1e6),
      loss_km2: r6(a(WATER_LOSS).areaM2 / 1e6),
      unchanged_km2: r6(a(NO_CHANGE).areaM2 / 1e6),
      nodata_km2: r6(a(CHANGE_NODATA).areaM2 / 1e6),
    },
    pixels: { removedBelowMmu: o.result.removedBelowMmuPx },
    polygons: { file: 'change.geojson', count: total, crs: 'EPSG:4326 (RFC 7946)' },
    warnings: [...(!t.significant ? ['no-significant-change'] : [])],
  };
  await atomicWrite(join(o.dir, 'report.json'), `${JSON.stringify(report, null, 2)}\n`);
  return {
    gainKm2: a(WATER_GAIN).areaM2 / 1e6,
    lossKm2: a(WATER_LOSS).areaM2 / 1e6,
    polygons: total,
    files: ['change.tif', 'change.geojson', 'stats.csv', 'report.json'],
  };
}
