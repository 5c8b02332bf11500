/**
 * A feature is one per-pixel measurement that separates water from land — VV or VH backscatter
 * (dB), NDWI, MNDWI, a before/after difference — with the side water lies on and the fixed
 * histogram range used to threshold it.
 */

/** Describes one feature. */
export interface FeatureSpec {
  /** Name used in reports, e.g. "VH", "MNDWI", "dVH". */
  readonly id: string;
  /**
   * The instrument the feature comes from. Features of one sensor are strongly correlated (VV
   * and VH, NDWI and MNDWI), so the fusion averages their evidence within a sensor and sums it
   * across sensors, which are independent measurements.
   */
  readonly sensor: string;
  /** Unit for reports ("dB", "1"). */
  readonly unit: string;
  /** Water has the low values (radar backscatter) or the high ones (water indices). */
  readonly waterIs: 'low' | 'high';
  /** Histogram range and bin count (values outside are clamped). */
  readonly histMin: number;
  readonly histMax: number;
  readonly bins: number;
}

/** Backscatter in dB: −50…+20 dB at 0.05 dB per bin. */
export function backscatterFeature(id: string, sensor = 'radar'): FeatureSpec {
  return { id, sensor, unit: 'dB', waterIs: 'low', histMin: -50, histMax: 20, bins: 1400 };
}

/** A normalised-difference index: −1…+1 at 0.0025 per bin. */
export function indexFeature(id: string, sensor = 'optical'): FeatureSpec {
  return { id, sensor, unit: '1', waterIs: 'high', histMin: -1, histMax: 1, bins: 800 };
}

/**
 * Reads strips of features. `read(y0, rows)` returns one Float32Array per spec, `width × rows`
 * row-major, NaN where the feature is not available (nodata, cloud…).
 */
export interface FeatureSource {
  readonly specs: readonly FeatureSpec[];
  read(y0: number, rows: number, signal?: AbortSignal): Promise<Float32Array[]>;
}

/** Concatenation of several sources on the same grid (e.g. radar + optical for fusion). */
export function combineSources(sources: readonly FeatureSource[]): FeatureSource {
  return {
    specs: sources.flatMap((s) => s.specs),
    read: async (y0, rows, signal) =>
      (await Promise.all(sources.map((s) => s.read(y0, rows, signal)))).flat(),
  };
}
