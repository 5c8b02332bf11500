/**
 * Pieces shared by the imagery commands: opening inputs relative to the working directory,
 * progress bars per phase, number options, and French/English headlines for raster errors.
 */
import { isAbsolute, resolve } from 'node:path';
import { SahelsatError, ValidationError } from '../../core/errors.js';
import { defineMessages, type Lang } from '../../i18n/index.js';
import { type RasterSource, openRaster } from '../../io/raster/reader.js';
import type { CliContext } from '../context.js';
import { type ProgressBar, createProgressBar } from '../progress.js';
import { imageryMessages as m } from './imagery-messages.js';

const errorHeadlines = defineMessages({
  en: {
    'raster-corrupt': 'corrupt or truncated raster',
    'raster-unreadable': 'raster cannot be read',
    'unknown-crs': 'unknown coordinate reference system',
    'no-georef': 'raster without georeferencing',
    'no-overlap': 'scenes do not overlap',
    'grid-mismatch': 'scenes are not on the same grid',
    'mismatched-bands': 'bands do not match',
    'missing-band': 'missing band',
    'endpoint-not-configured': 'remote imagery endpoint not configured',
    'unsupported-grid': 'unsupported grid',
    'no-valid-pixels': 'no valid pixel to classify',
  },
  fr: {
    'raster-corrupt': 'raster corrompu ou tronqué',
    'raster-unreadable': 'raster illisible',
    'unknown-crs': 'système de coordonnées inconnu',
    'no-georef': 'raster sans géoréférencement',
    'no-overlap': 'les scènes ne se recouvrent pas',
    'grid-mismatch': 'les scènes ne sont pas sur la même grille',
    'mismatched-bands': 'les bandes ne correspondent pas',
    'missing-band': 'bande manquante',
    'endpoint-not-configured': 'point d’accès distant aux images non configuré',
    'unsupported-grid': 'grille non prise en charge',
    'no-valid-pixels': 'aucun pixel valide à classer',
  },
});

type HeadlineKey = Parameters<typeof errorHeadlines>[1];

/** Prefixes a raster ValidationError with a headline in the user's language. */
export function localiseError(err: unknown, lang: Lang): unknown {
  if (!(err instanceof SahelsatError)) return err;
  const key = err.code as HeadlineKey;
  const headline = errorHeadlines(lang, key);
  if (headline === key) return err;
  const message = `${headline} — ${err.message}`;
  return err instanceof ValidationError
    ? new ValidationError(message, { code: err.code })
    : new SahelsatError(err.code, message);
}

/** Opens a raster given on the command line (relative to the working directory). */
export async function openInput(ctx: CliContext, file: string): Promise<RasterSource> {
  const path = /^https?:\/\//i.test(file) || isAbsolute(file) ? file : resolve(ctx.cwd, file);
  const endpoint = ctx.env.SAHELSAT_IMAGERY_ENDPOINT;
  return openRaster(path, { ...(endpoint ? { endpoint } : {}), signal: ctx.signal });
}

/** Resolves an output directory against the working directory. */
export function outputDir(ctx: CliContext, dir: string): string {
  return isAbsolute(dir) ? dir : resolve(ctx.cwd, dir);
}

/** Parses a number option. */
export function numberOption(
  ctx: CliContext,
  option: string,
  value: string | undefined,
  fallback: number,
): number {
  if (value === undefined) return fallback;
  const v = Number(value);
  if (!Number.isFinite(v))
    throw new ValidationError(m(ctx.lang, 'error.badNumber', { option, value }), {
      location: { field: option },
    });
  return v;
}

/** One progress bar per phase, drawn on stderr (terminal, or forced by --progress). */
export function phaseProgress(
  ctx: CliContext,
  force: boolean,
): {
  update(label: string, done: number, total: number): void;
  finish(): void;
} {
  const enabled = force || ctx.stderr.isTTY === true;
  let current: { label: string; bar: ProgressBar } | undefined;
  return {
    update(label, done, total) {
      if (current?.label !== label) {
        current?.bar.finish();
        current = {
          label,
          bar: createProgressBar(ctx.stderr, { label: label.padEnd(12), total }, enabled),
        };
      }
      current.bar.update(done);
    },
    finish() {
      current?.bar.finish();
      current = undefined;
    },
  };
}

/** Closes rasters, ignoring errors (used in finally blocks). */
export async function closeAll(rasters: readonly (RasterSource | undefined)[]): Promise<void> {
  await Promise.all(rasters.map((r) => r?.close().catch(() => undefined)));
}
