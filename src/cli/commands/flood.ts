/**
 * `sahelsat flood --s1 FILE [--s2 FILE] [--pre FILE] [--permanent FILE] --out DIR`: the water /
 * flood extent product (water.tif, water.geojson, stats.csv, report.json).
 */
import { ValidationError } from '../../core/errors.js';
import type { CloudMaskKind } from '../../imaging/water-optical.js';
import { runFloodPipeline } from '../../io/products/flood-pipeline.js';
import { parseBandMap } from '../../io/raster/scene.js';
import type { CliContext } from '../context.js';
import type { RegisterCommand } from './index.js';
import {
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
  const progress = phaseProgress(ctx, f.progress === true);
  try {
    const { result, summary } = await runFloodPipeline({
      s1: f.s1,
      ...(f.s2 ? { s2: f.s2 } : {}),
      ...(f.pre ? { pre: f.pre } : {}),
      ...(f.permanent ? { permanent: f.permanent } : {}),
      ...(f.cloud ? { cloud: f.cloud, cloudKind } : {}),
      outDir: outputDir(ctx, f.out),
      ...(s1Map ? { s1Bands: s1Map } : {}),
      s1Units: units,
      ...(s2Map ? { s2Bands: s2Map } : {}),
      ...(f.s2 ? { s2Quantification: numberOption(ctx, '--s2-scale', f.s2Scale, 10000) } : {}),
      ...(f.s2 ? { s2Offset: numberOption(ctx, '--s2-offset', f.s2Offset, 0) } : {}),
      mmuM2,
      speckleRadius,
      connectivity,
      open: (file) => openInput(ctx, file),
      signal: ctx.signal,
      onPhase: (phase, done, total) =>
        progress.update(
          m(ctx.lang, phase === 'mmu' ? 'phase.classify' : `phase.${phase}`),
          done,
          total,
        ),
    });
    const dir = outputDir(ctx, f.out);
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
  }
}
