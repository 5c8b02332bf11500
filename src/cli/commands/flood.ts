/**
 * `sahelsat flood --s1 FILE [--s2 FILE] [--pre FILE] [--permanent FILE] --out DIR`: the water /
 * flood extent product (water.tif, water.geojson, stats.csv, report.json).
 */
import { ValidationError } from '../../core/errors.js';
import { differenceSource } from '../../imaging/change.js';
import { type FeatureSource, combineSources } from '../../imaging/features.js';
import { mapFlood } from '../../imaging/flood.js';
import type { CloudMaskKind } from '../../imaging/water-optical.js';
import { areaModelOf, writeWaterProduct } from '../../io/products/water-product.js';
import type { RasterSource } from '../../io/raster/reader.js';
import {
  matchingRadarBands,
  opticalFeatures,
  parseBandMap,
  radarFeatures,
  checkAlignment,
} from '../../io/raster/scene.js';
import { warpedReader } from '../../io/raster/warp.js';
import type { CliContext } from '../context.js';
import type { RegisterCommand } from './index.js';
import {
  closeAll,
  localiseError,
  numberOption,
  openInput,
  outputDir,
  phaseProgress,
} from './imagery-common.js';
import { imageryMessages as m } from './imagery-messages.js';

interface FloodFlags {
  s1?: string;
  s2?: string;
  pre?: string;
  permanent?: string;
  out: string;
  s1Bands?: string;
  s1Units?: string;
  s2Bands?: string;
  s2Offset?: string;
  s2Scale?: string;
  cloud?: string;
  cloudKind?: string;
  mmu?: string;
  speckle?: string;
  connectivity?: string;
  progress?: boolean;
}

export const registerFlood: RegisterCommand = (program, ctx) => {
  const t = (k: Parameters<typeof m>[1]): string => m(ctx.lang, k);
  program
    .command('flood')
    .description(t('flood.description'))
    .option('--s1 <file>', t('flood.s1'))
    .option('--s2 <file>', t('flood.s2'))
    .option('--pre <file>', t('flood.pre'))
    .option('--permanent <file>', t('flood.permanent'))
    .requiredOption('--out <dir>', t('opt.out'))
    .option('--s1-bands <map>', t('opt.s1Bands'))
    .option('--s1-units <units>', t('opt.s1Units'))
    .option('--s2-bands <map>', t('opt.s2Bands'))
    .option('--s2-offset <dn>', t('opt.s2Offset'))
    .option('--s2-scale <dn>', t('opt.s2Scale'))
    .option('--cloud <file>', t('opt.cloud'))
    .option('--cloud-kind <kind>', t('opt.cloudKind'))
    .option('--mmu <m2>', t('opt.mmu'))
    .option('--speckle <px>', t('opt.speckle'))
    .option('--connectivity <n>', t('opt.connectivity'))
    .option('--progress', t('opt.progress'))
    .action(async (flags: FloodFlags) => {
      try {
        await runFlood(ctx, flags);
      } catch (err) {
        throw localiseError(err, ctx.lang);
      }
    });
};

function choice<T extends string>(
  field: string,
  value: string | undefined,
  allowed: readonly T[],
  fallback: T,
): T {
  if (value === undefined) return fallback;
  const v = allowed.find((a) => a.toLowerCase() === value.toLowerCase());
  if (!v)
    throw new ValidationError('bad value', {
      location: { field },
      expected: allowed.join(' | '),
      received: value,
    });
  return v;
}

/** Runs the flood command (exported for tests). */
export async function runFlood(ctx: CliContext, f: FloodFlags): Promise<void> {
  if (!f.s1)
    throw new ValidationError(m(ctx.lang, 'error.needInput'), { location: { field: '--s1' } });
  const units = choice('--s1-units', f.s1Units, ['auto', 'dB', 'linear'] as const, 'auto');
  const cloudKind = choice<CloudMaskKind>(
    '--cloud-kind',
    f.cloudKind,
    ['scl', 'qa60', 'binary'],
    'binary',
  );
  const connectivity =
    choice('--connectivity', f.connectivity, ['8', '4'] as const, '8') === '4' ? 4 : 8;
  const mmuM2 = numberOption(ctx, '--mmu', f.mmu, 1000);
  const speckleRadius = Math.max(0, Math.round(numberOption(ctx, '--speckle', f.speckle, 1)));
  const s1Map = f.s1Bands
    ? parseBandMap(f.s1Bands, ['VV', 'VH', 'HH', 'HV'], '--s1-bands')
    : undefined;
  const s2Map = f.s2Bands
    ? parseBandMap(f.s2Bands, ['green', 'nir', 'swir1'], '--s2-bands')
    : undefined;
  const opened: (RasterSource | undefined)[] = [];
  const open = async (file: string): Promise<RasterSource> => {
    const r = await openInput(ctx, file);
    opened.push(r);
    return r;
  };
  const progress = phaseProgress(ctx, f.progress === true);
  try {
    const s1 = await open(f.s1);
    const radar = await radarFeatures(s1, {
      ...(s1Map ? { bands: s1Map } : {}),
      units,
      speckleRadius,
    });
    const sources: FeatureSource[] = [radar.source];
    const inputs: Record<string, string> = { s1: s1.source };
    const method: Record<string, unknown> = {
      radar: {
        bands: oneBased(radar.bands),
        units: radar.units,
        speckleFilter: `boxcar ${2 * speckleRadius + 1}×${2 * speckleRadius + 1} in linear power`,
      },
    };
    if (f.s2) {
      const s2 = await open(f.s2);
      const alignment = checkAlignment(s1, s2);
      let cloud: RasterSource | undefined;
      if (f.cloud) {
        cloud = await open(f.cloud);
        checkAlignment(s2, cloud);
        inputs.cloud = cloud.source;
      }
      const quantification = numberOption(ctx, '--s2-scale', f.s2Scale, 10000);
      const offset = numberOption(ctx, '--s2-offset', f.s2Offset, 0);
      const optical = opticalFeatures(s2, {
        ...(s2Map ? { bands: s2Map } : {}),
        quantification,
        offset,
        ...(cloud ? { cloud, cloudKind } : {}),
        onto: s1.grid,
      });
      sources.push(optical.source);
      inputs.s2 = s2.source;
      method.optical = {
        grid:
          alignment === 'same'
            ? 'the Sentinel-1 grid'
            : 'resampled onto the Sentinel-1 grid (nearest neighbour)',
        bands: oneBased(optical.bands),
        reflectance: `(DN + ${offset}) / ${quantification}`,
        ...(cloud ? { cloudMask: cloudKind } : {}),
      };
    }
    let change: FeatureSource | undefined;
    if (f.pre) {
      const pre = await open(f.pre);
      const preAlignment = checkAlignment(s1, pre);
      const preRadar = await radarFeatures(pre, {
        bands: matchingRadarBands(radar.bands, pre, s1Map),
        units,
        speckleRadius,
        idPrefix: 'pre-',
        onto: s1.grid,
      });
      change = differenceSource(preRadar.source, radar.source);
      inputs.pre = pre.source;
      method.preGrid =
        preAlignment === 'same'
          ? 'the Sentinel-1 grid'
          : 'resampled onto the Sentinel-1 grid (nearest neighbour)';
      method.change =
        'post − pre backscatter (dB, mean of polarisations), Otsu on its magnitude; flood = water with a significant decrease';
    }
    let permanentWater:
      ((y0: number, rows: number, signal?: AbortSignal) => Promise<Uint8Array>) | undefined;
    if (f.permanent) {
      const perm = await open(f.permanent);
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
      signal: ctx.signal,
      onProgress: (phase, done, total) =>
        progress.update(
          m(ctx.lang, phase === 'mmu' ? 'phase.classify' : `phase.${phase}`),
          done,
          total,
        ),
    });
    const dir = outputDir(ctx, f.out);
    const summary = await writeWaterProduct({
      dir,
      grid: s1.grid,
      result,
      inputs,
      method: { ...method, mmuPixels },
      connectivity,
      mmuM2,
      signal: ctx.signal,
      onProgress: (phase, done, total) =>
        progress.update(m(ctx.lang, `phase.${phase}`), done, total),
    });
    progress.finish();
    for (const th of result.thresholds)
      ctx.stdout.write(
        `${m(ctx.lang, 'summary.thresholds', {
          feature: th.feature.id,
          threshold: th.split.threshold.toFixed(3),
          unit: th.feature.unit,
          method: th.method,
          selected: th.tilesSelected,
          total: th.tilesTotal,
        })}\n`,
      );
    ctx.stdout.write(
      `${m(ctx.lang, 'summary.water', {
        water: summary.waterKm2.toFixed(3),
        valid: summary.validKm2.toFixed(3),
        share:
          summary.validKm2 > 0 ? ((100 * summary.waterKm2) / summary.validKm2).toFixed(1) : '0',
        polygons: summary.polygons,
        nodata: summary.nodataKm2.toFixed(3),
      })}\n`,
    );
    for (const w of result.warnings) ctx.stderr.write(`${m(ctx.lang, `warning.${w}`)}\n`);
    ctx.stdout.write(
      `${m(ctx.lang, 'summary.written', { dir, files: summary.files.join(', ') })}\n`,
    );
  } finally {
    progress.finish();
    await closeAll(opened);
  }
}

function oneBased(b: object): Record<string, number> {
  return Object.fromEntries(Object.entries(b).map(([k, v]) => [k, (v as number) + 1]));
}
