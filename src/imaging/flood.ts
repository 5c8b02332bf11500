/**
 * The water / flood extent product, computed strip by strip in two passes over the scene
 * (memory: one strip of features plus the one-byte-per-pixel product mask):
 *
 * 1. counting pass: per-feature split-based Otsu thresholds (and the change histogram when a
 *    pre-event scene is given);
 * 2. classification pass: evidence fusion of the features → water; with a pre-event scene,
 *    water that did not appear (no significant backscatter decrease / index increase) is not
 *    flood; water of the permanent-water reference is removed;
 *
 * then the minimum mapping unit. Everything the report needs (thresholds, class models, tiles
 * used, pixels removed at each step) is returned with the mask.
 */
import { DomainError, SahelsatError } from '../core/errors.js';
import {
  CHANGE_NODATA,
  type ChangeThresholds,
  WATER_GAIN,
  accumulateMagnitude,
  changeHistogram,
  changeThresholds,
  classifyChange,
} from './change.js';
import type { FeatureSource } from './features.js';
import { DRY, NODATA, WATER, type ClassModel, classModel, classifyStrip } from './fusion.js';
import type { RasterGrid } from './grid.js';
import type { Histogram } from './histogram.js';
import { type SieveResult, applyMinimumMappingUnit } from './mmu.js';
import { type FeatureThreshold, SplitThresholdAccumulator } from './split-threshold.js';

/** Options of {@link mapFlood}. */
export interface FloodOptions {
  readonly grid: RasterGrid;
  /** Water features (radar, optical or both). */
  readonly water: FeatureSource;
  /** Change feature after − before (from {@link differenceSource}), when a pre-event scene is given. */
  readonly change?: FeatureSource;
  /** Permanent-water reference on the same grid: returns 1 for permanent water per pixel of a strip. */
  readonly permanentWater?: (y0: number, rows: number, signal?: AbortSignal) => Promise<Uint8Array>;
  /** Minimum mapping unit, pixels (0 or 1: none). */
  readonly mmuPixels: number;
  /** Split-based tile edge, pixels. Default: scene's smaller side / 8, within 32…256. */
  readonly splitTileSize?: number;
  /** Strip height, rows (rounded to a multiple of the tile size). Default 512. */
  readonly stripRows?: number;
  readonly signal?: AbortSignal;
  /** Progress: phase name, units done, units total. */
  readonly onProgress?: (
    phase: 'thresholds' | 'classify' | 'mmu',
    done: number,
    total: number,
  ) => void;
}

/** Warnings the report carries (machine-readable codes). */
export type FloodWarning =
  'no-bimodal-tiles' | 'weak-separation' | 'no-significant-change' | 'feature-constant';

/** The product mask and how it was made. */
export interface FloodResult {
  /** DRY / WATER / NODATA per pixel, row-major. */
  readonly mask: Uint8Array;
  readonly thresholds: readonly FeatureThreshold[];
  readonly models: readonly ClassModel[];
  readonly change?: ChangeThresholds;
  /** Pixels of water before the pre-event and permanent-water steps and the MMU. */
  readonly waterDetectedPx: number;
  /** Water pixels dropped because they were not new (pre-event comparison). */
  readonly notNewWaterPx: number;
  /** Water pixels dropped as permanent water. */
  readonly permanentWaterPx: number;
  readonly sieve: SieveResult;
  readonly warnings: readonly FloodWarning[];
  readonly splitTileSize: number;
}

/**
 * Maps water / flood extent over a scene.
 * @throws DomainError `no-valid-pixels` when no feature has any valid pixel;
 *   SahelsatError `interrupted` when the signal aborts.
 */
export async function mapFlood(opts: FloodOptions): Promise<FloodResult> {
  const { width: W, height: H } = opts.grid;
  const tile = opts.splitTileSize ?? Math.max(32, Math.min(256, Math.floor(Math.min(W, H) / 8)));
  const strip = Math.max(tile, Math.round((opts.stripRows ?? 512) / tile) * tile);
  const nStrips = Math.ceil(H / strip);
  const check = (): void => {
    if (opts.signal?.aborted) throw new SahelsatError('interrupted', 'interrupted');
  };

  // Pass 1: thresholds.
  const acc = opts.water.specs.map((f) => new SplitThresholdAccumulator(f, { tileSize: tile }));
  const changeSpec = opts.change?.specs[0];
  const changeHist: Histogram | undefined = changeSpec ? changeHistogram(changeSpec) : undefined;
  for (let s = 0; s < nStrips; s++) {
    check();
    const y0 = s * strip;
    const rows = Math.min(strip, H - y0);
    const feats = await opts.water.read(y0, rows, opts.signal);
    feats.forEach((f, k) => acc[k]!.addStrip(f, W, rows));
    if (opts.change && changeHist)
      accumulateMagnitude(changeHist, (await opts.change.read(y0, rows, opts.signal))[0]!);
    opts.onProgress?.('thresholds', s + 1, nStrips);
  }
  const warnings = new Set<FloodWarning>();
  const thresholds: FeatureThreshold[] = [];
  const used: number[] = [];
  acc.forEach((a, k) => {
    const r = a.result();
    if (r) {
      thresholds.push(r);
      used.push(k);
    } else if (a.feature) warnings.add('feature-constant');
  });
  if (thresholds.length === 0)
    throw new DomainError(
      'no valid pixel in any input feature: nothing to classify',
      'no-valid-pixels',
    );
  for (const t of thresholds) {
    if (t.method === 'global' && !t.globalBimodal) warnings.add('no-bimodal-tiles');
    const dw = Math.abs(t.split.high.mean - t.split.low.mean);
    const s = Math.sqrt(t.split.high.std ** 2 + t.split.low.std ** 2);
    if ((Math.SQRT2 * dw) / s < 2) warnings.add('weak-separation');
  }
  const models = thresholds.map(classModel);
  const change = changeSpec && changeHist ? changeThresholds(changeSpec, changeHist) : undefined;
  if (opts.change && (!change || !change.significant)) warnings.add('no-significant-change');

  // Pass 2: classification.
  const mask = new Uint8Array(W * H);
  let waterDetectedPx = 0;
  let notNewWaterPx = 0;
  let permanentWaterPx = 0;
  for (let s = 0; s < nStrips; s++) {
    check();
    const y0 = s * strip;
    const rows = Math.min(strip, H - y0);
    const feats = await opts.water.read(y0, rows, opts.signal);
    const out = mask.subarray(y0 * W, (y0 + rows) * W);
    classifyStrip(
      used.map((k) => feats[k]!),
      models,
      out,
    );
    for (let i = 0; i < out.length; i++) if (out[i] === WATER) waterDetectedPx++;
    if (opts.change) {
      const d = (await opts.change.read(y0, rows, opts.signal))[0]!;
      const codes = new Uint8Array(d.length);
      if (change) classifyChange(d, change, codes);
      for (let i = 0; i < out.length; i++) {
        if (out[i] !== WATER) continue;
        if (codes[i] === CHANGE_NODATA) continue; // no pre-event value: keep the post-event answer
        if (codes[i] !== WATER_GAIN) {
          out[i] = DRY;
          notNewWaterPx++;
        }
      }
    }
    if (opts.permanentWater) {
      const p = await opts.permanentWater(y0, rows, opts.signal);
      for (let i = 0; i < out.length; i++)
        if (out[i] === WATER && p[i] === 1) {
          out[i] = DRY;
          permanentWaterPx++;
        }
    }
    opts.onProgress?.('classify', s + 1, nStrips);
  }
  check();
  const sieve = applyMinimumMappingUnit(mask, W, H, opts.mmuPixels);
  opts.onProgress?.('mmu', 1, 1);
  return {
    mask,
    thresholds,
    models,
    ...(change ? { change } : {}),
    waterDetectedPx,
    notNewWaterPx,
    permanentWaterPx,
    sieve,
    warnings: [...warnings],
    splitTileSize: tile,
  };
}

/** Pixel counts of a product mask. */
export function countClasses(mask: Uint8Array): { water: number; dry: number; nodata: number } {
  let water = 0;
  let dry = 0;
  let nodata = 0;
  for (let i = 0; i < mask.length; i++) {
    const v = mask[i];
    if (v === WATER) water++;
    else if (v === NODATA) nodata++;
    else dry++;
  }
  return { water, dry, nodata };
}
