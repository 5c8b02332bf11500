/**
 * Split-based automatic thresholding of a whole scene, strip by strip: each strip's pixels are
 * counted into per-tile histograms; tiles whose own Otsu split passes the bimodality test are
 * merged into a "selected" histogram, every tile into the global one. The threshold is Otsu's on
 * the selected tiles when there are enough of them, on the global histogram otherwise. The class
 * statistics reported with it are those of the whole scene split at that threshold: they describe
 * the scene's water and land, not only the mixed tiles (the fusion uses them as likelihoods).
 */
import { type BimodalityCriteria, DEFAULT_BIMODALITY, isBimodal } from './bimodality.js';
import type { FeatureSpec } from './features.js';
import {
  type Histogram,
  accumulate,
  createHistogram,
  histogramTotal,
  mergeInto,
} from './histogram.js';
import { type OtsuResult, classStats, otsu } from './otsu.js';

/** The split of a histogram at a given threshold (rounded to the nearest bin edge). */
function splitAt(h: Histogram, threshold: number): OtsuResult {
  const n = h.counts.length;
  const cut = Math.min(n - 1, Math.max(1, Math.round(((threshold - h.min) / (h.max - h.min)) * n)));
  const total = histogramTotal(h);
  return { threshold, low: classStats(h, 0, cut, total), high: classStats(h, cut, n, total) };
}

/** Options of split-based thresholding. */
export interface SplitOptions {
  /** Tile edge in pixels. */
  readonly tileSize: number;
  readonly criteria?: BimodalityCriteria;
  /** Fewer bimodal tiles than this → the global histogram is used. Default 5. */
  readonly minTiles?: number;
}

/** The outcome for one feature: threshold and class statistics, with how it was obtained. */
export interface FeatureThreshold {
  readonly feature: FeatureSpec;
  readonly split: OtsuResult;
  /** 'split' (Otsu on the bimodal tiles) or 'global' (too few bimodal tiles). */
  readonly method: 'split' | 'global';
  readonly tilesSelected: number;
  readonly tilesTotal: number;
  /** Otsu on the whole scene, for the report. */
  readonly globalThreshold: number;
  /** Whether the whole scene's histogram passes the bimodality test. */
  readonly globalBimodal: boolean;
  readonly validPixels: number;
}

/** Accumulates one feature's histograms over a scene. */
export class SplitThresholdAccumulator {
  readonly feature: FeatureSpec;
  private readonly global: Histogram;
  private readonly selected: Histogram;
  private readonly tile: Histogram;
  private tilesSelected = 0;
  private tilesTotal = 0;
  private readonly opts: Required<SplitOptions>;

  constructor(feature: FeatureSpec, opts: SplitOptions) {
    this.feature = feature;
    this.opts = { criteria: DEFAULT_BIMODALITY, minTiles: 5, ...opts };
    const mk = (): Histogram => createHistogram(feature.histMin, feature.histMax, feature.bins);
    this.global = mk();
    this.selected = mk();
    this.tile = mk();
  }

  /**
   * Counts a strip `width × rows` (row-major) whose rows are a whole number of tile rows (or
   * the scene's last rows). Tiles are `tileSize` square, aligned on column 0 and the strip top.
   */
  addStrip(values: Float32Array, width: number, rows: number): void {
    const t = this.opts.tileSize;
    for (let ty = 0; ty < rows; ty += t) {
      const yEnd = Math.min(rows, ty + t);
      for (let tx = 0; tx < width; tx += t) {
        const xEnd = Math.min(width, tx + t);
        this.tile.counts.fill(0);
        for (let y = ty; y < yEnd; y++)
          accumulate(this.tile, values, y * width + tx, y * width + xEnd);
        mergeInto(this.global, this.tile);
        this.tilesTotal++;
        if (isBimodal(this.tile, otsu(this.tile), this.opts.criteria)) {
          mergeInto(this.selected, this.tile);
          this.tilesSelected++;
        }
      }
    }
  }

  /** The scene's threshold, or undefined when the feature has fewer than two distinct values. */
  result(): FeatureThreshold | undefined {
    const global = otsu(this.global);
    if (!global) return undefined;
    const useSplit = this.tilesSelected >= this.opts.minTiles;
    const tiles = useSplit ? otsu(this.selected) : undefined;
    const split = tiles ? splitAt(this.global, tiles.threshold) : global;
    return {
      feature: this.feature,
      split,
      method: useSplit ? 'split' : 'global',
      tilesSelected: this.tilesSelected,
      tilesTotal: this.tilesTotal,
      globalThreshold: global.threshold,
      globalBimodal: isBimodal(this.global, global, { ...this.opts.criteria, minPixels: 0 }),
      validPixels: histogramTotal(this.global),
    };
  }
}
