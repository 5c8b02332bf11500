/**
 * Radar features for water mapping: Sentinel-1 GRD backscatter (VV and/or VH) in dB, speckle-
 * filtered. Calm open water is a specular reflector and appears dark (low σ⁰), hence water is the
 * low class of each polarisation. Input may be dB or linear power.
 */
import { type FeatureSource, backscatterFeature } from './features.js';
import { boxcarDb, linearToDbInPlace } from './speckle.js';

/** Reads bands (0-based) in a window of the scene; NaN = nodata. */
export type WindowReader = (
  win: {
    readonly x0: number;
    readonly y0: number;
    readonly width: number;
    readonly height: number;
  },
  bands: readonly number[],
  signal?: AbortSignal,
) => Promise<Float32Array[]>;

/** Options of {@link radarSource}. */
export interface RadarSourceOptions {
  readonly width: number;
  readonly height: number;
  /** Band index (0-based) of each polarisation used, e.g. `{VV: 0, VH: 1}`. */
  readonly bands: Readonly<Partial<Record<'VV' | 'VH' | 'HH' | 'HV', number>>>;
  /** Unit of the stored values. */
  readonly units: 'dB' | 'linear';
  /** Boxcar radius in pixels (0 = no filter). Default 1 (3 × 3). */
  readonly speckleRadius?: number;
  /** Prefix of the feature ids (e.g. "pre-"). */
  readonly idPrefix?: string;
}

/** A feature source of speckle-filtered backscatter in dB, one feature per polarisation. */
export function radarSource(read: WindowReader, opts: RadarSourceOptions): FeatureSource {
  const pols = Object.entries(opts.bands).filter((e): e is [string, number] => e[1] !== undefined);
  const radius = opts.speckleRadius ?? 1;
  const specs = pols.map(([p]) => backscatterFeature(`${opts.idPrefix ?? ''}${p}`));
  return {
    specs,
    read: async (y0, rows, signal) => {
      const top = Math.min(radius, y0);
      const bottom = Math.min(radius, opts.height - (y0 + rows));
      const bands = await read(
        { x0: 0, y0: y0 - top, width: opts.width, height: rows + top + bottom },
        pols.map(([, b]) => b),
        signal,
      );
      return bands.map((b) => {
        if (opts.units === 'linear') linearToDbInPlace(b);
        return boxcarDb(b, opts.width, rows, top, bottom, radius);
      });
    },
  };
}

/**
 * Guesses whether backscatter values are dB or linear power from a sample: linear σ⁰ is positive
 * and mostly below 1, dB mostly negative. Returns 'linear' when ≥ 90 % of finite values lie in
 * (0, 2), 'dB' otherwise.
 */
export function guessBackscatterUnits(sample: Float32Array): 'dB' | 'linear' {
  let n = 0;
  let inLinear = 0;
  for (let i = 0; i < sample.length; i++) {
    const v = sample[i]!;
    if (v !== v) continue;
    n++;
    if (v > 0 && v < 2) inLinear++;
  }
  return n > 0 && inLinear >= 0.9 * n ? 'linear' : 'dB';
}
