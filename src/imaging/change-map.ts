/**
 * The change map of two scenes, in two passes over strips (memory: one strip plus the one-byte
 * map): the histogram of the change feature, its three-class thresholds, then the codes
 * NO_CHANGE / WATER_GAIN / WATER_LOSS / CHANGE_NODATA, and the minimum mapping unit applied to
 * gain and loss patches.
 */
import { DomainError, SahelsatError } from '../core/errors.js';
import {
  NO_CHANGE,
  WATER_GAIN,
  WATER_LOSS,
  type ChangeThresholds,
  accumulateMagnitude,
  changeHistogram,
  changeThresholds,
  classifyChange,
} from './change.js';
import type { FeatureSource } from './features.js';
import type { RasterGrid } from './grid.js';
import { removeSmallPatches } from './mmu.js';

/** Options of {@link mapChange}. */
export interface ChangeMapOptions {
  readonly grid: RasterGrid;
  /** A single-feature source of after − before (see differenceSource). */
  readonly change: FeatureSource;
  readonly mmuPixels: number;
  readonly stripRows?: number;
  readonly signal?: AbortSignal;
  readonly onProgress?: (phase: 'thresholds' | 'classify', done: number, total: number) => void;
}

/** The change codes and their thresholds. */
export interface ChangeMapResult {
  readonly codes: Uint8Array;
  readonly thresholds: ChangeThresholds;
  readonly removedBelowMmuPx: number;
}

/**
 * Maps changes between two scenes.
 * @throws DomainError `no-valid-pixels` when the scenes share no valid pixel or the change
 *   feature is constant.
 */
export async function mapChange(o: ChangeMapOptions): Promise<ChangeMapResult> {
  const { width: W, height: H } = o.grid;
  const strip = o.stripRows ?? 512;
  const n = Math.ceil(H / strip);
  const spec = o.change.specs[0];
  if (!spec) throw new DomainError('no change feature', 'no-valid-pixels');
  const check = (): void => {
    if (o.signal?.aborted) throw new SahelsatError('interrupted', 'interrupted');
  };
  const hist = changeHistogram(spec);
  for (let s = 0; s < n; s++) {
    check();
    const rows = Math.min(strip, H - s * strip);
    accumulateMagnitude(hist, (await o.change.read(s * strip, rows, o.signal))[0]!);
    o.onProgress?.('thresholds', s + 1, n);
  }
  const thresholds = changeThresholds(spec, hist);
  if (!thresholds) throw new DomainError('the scenes share no valid pixel', 'no-valid-pixels');
  const codes = new Uint8Array(W * H);
  for (let s = 0; s < n; s++) {
    check();
    const y0 = s * strip;
    const rows = Math.min(strip, H - y0);
    classifyChange(
      (await o.change.read(y0, rows, o.signal))[0]!,
      thresholds,
      codes.subarray(y0 * W, (y0 + rows) * W),
    );
    o.onProgress?.('classify', s + 1, n);
  }
  const a = removeSmallPatches(codes, W, H, WATER_GAIN, NO_CHANGE, o.mmuPixels);
  const b = removeSmallPatches(codes, W, H, WATER_LOSS, NO_CHANGE, o.mmuPixels);
  return { codes, thresholds, removedBelowMmuPx: a.px + b.px };
}
