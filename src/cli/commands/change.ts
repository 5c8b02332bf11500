/**
 * `sahelsat change --before FILE --after FILE --out DIR`: change between two scenes of the same
 * area — radar log-ratio (dB difference) or optical water-index difference — as a map and
 * polygons of water gain and loss.
 */
import { ValidationError } from '../../core/errors.js';
import { differenceSource } from '../../imaging/change.js';
import { mapChange } from '../../imaging/change-map.js';
import type { FeatureSource } from '../../imaging/features.js';
import { areaModelOf } from '../../io/products/water-product.js';
import { writeChangeProduct } from '../../io/products/change-product.js';
import type { RasterSource } from '../../io/raster/reader.js';
import {
  matchingRadarBands,
  opticalFeatures,
  radarFeatures,
  checkAlignment,
} from '../../io/raster/scene.js';
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

interface ChangeFlags {
  before: string;
  after: string;
  out: string;
  kind?: string;
  mmu?: string;
  speckle?: string;
  connectivity?: string;
  progress?: boolean;
}

export const registerChange: RegisterCommand = (program, ctx) => {
  const t = (k: Parameters<typeof m>[1]): string => m(ctx.lang, k);
  program
    .command('change')
    .description(t('change.description'))
    .requiredOption('--before <file>', t('change.before'))
    .requiredOption('--after <file>', t('change.after'))
    .requiredOption('--out <dir>', t('opt.out'))
    .option('--kind <kind>', t('change.kind'))
    .option('--mmu <m2>', t('opt.mmu'))
    .option('--speckle <px>', t('opt.speckle'))
    .option('--connectivity <n>', t('opt.connectivity'))
    .option('--progress', t('opt.progress'))
    .action(async (flags: ChangeFlags) => {
      try {
        await runChange(ctx, flags);
      } catch (err) {
        throw localiseError(err, ctx.lang);
      }
    });
};

/** Runs the change command (exported for tests). */
export async function runChange(ctx: CliContext, f: ChangeFlags): Promise<void> {
  const opened: RasterSource[] = [];
  const progress = phaseProgress(ctx, f.progress === true);
  try {
    const before = await openInput(ctx, f.before);
    opened.push(before);
    const after = await openInput(ctx, f.after);
    opened.push(after);
    checkAlignment(after, before);
    if (before.bandCount !== after.bandCount)
      throw new ValidationError('the two scenes have different band counts', {
        location: { file: after.source },
        expected: `${before.bandCount} bands as ${before.source}`,
        received: `${after.bandCount} bands`,
        code: 'mismatched-bands',
      });
    const kind = f.kind ?? (after.bandCount <= 2 ? 'radar' : 'optical');
    if (kind !== 'radar' && kind !== 'optical')
      throw new ValidationError('bad value', {
        location: { field: '--kind' },
        expected: 'radar | optical',
        received: kind,
      });
    const mmuM2 = numberOption(ctx, '--mmu', f.mmu, 1000);
    const speckleRadius = Math.max(0, Math.round(numberOption(ctx, '--speckle', f.speckle, 1)));
    const connectivity = numberOption(ctx, '--connectivity', f.connectivity, 8) === 4 ? 4 : 8;
    let change: FeatureSource;
    let method: Record<string, unknown>;
    if (kind === 'radar') {
      const b = await radarFeatures(after, { speckleRadius });
      const a = await radarFeatures(before, {
        speckleRadius,
        bands: matchingRadarBands(b.bands, before),
        onto: after.grid,
      });
      change = differenceSource(a.source, b.source);
      method = {
        kind,
        feature: 'after − before backscatter in dB (log-ratio), mean of polarisations',
        units: b.units,
        speckleRadiusPx: speckleRadius,
      };
    } else {
      const a = opticalFeatures(before, { onto: after.grid });
      const b = opticalFeatures(after);
      change = differenceSource(a.source, b.source);
      method = { kind, feature: 'after − before of NDWI/MNDWI (mean of the indices available)' };
    }
    const model = areaModelOf(after.grid);
    const mmuPixels = Math.round(mmuM2 / (model.rowPrefix[after.grid.height]! / after.grid.height));
    const result = await mapChange({
      grid: after.grid,
      change,
      mmuPixels,
      signal: ctx.signal,
      onProgress: (phase, d, t) => progress.update(m(ctx.lang, `phase.${phase}`), d, t),
    });
    const dir = outputDir(ctx, f.out);
    const summary = await writeChangeProduct({
      dir,
      grid: after.grid,
      result,
      inputs: { before: before.source, after: after.source },
      method: { ...method, mmuPixels },
      mmuM2,
      connectivity,
      signal: ctx.signal,
      onProgress: (phase, d, t) => progress.update(m(ctx.lang, `phase.${phase}`), d, t),
    });
    progress.finish();
    ctx.stdout.write(
      `${m(ctx.lang, 'summary.change', { gain: summary.gainKm2.toFixed(3), loss: summary.lossKm2.toFixed(3), polygons: summary.polygons })}\n`,
    );
    if (!result.thresholds.significant)
      ctx.stderr.write(`${m(ctx.lang, 'warning.no-significant-change')}\n`);
    ctx.stdout.write(
      `${m(ctx.lang, 'summary.written', { dir, files: summary.files.join(', ') })}\n`,
    );
  } finally {
    progress.finish();
    await closeAll(opened);
  }
}
