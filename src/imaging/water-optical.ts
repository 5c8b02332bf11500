/**
 * Optical features for water mapping: NDWI (green, NIR) and MNDWI (green, SWIR1) from Sentinel-2
 * L1C/L2A (or Landsat) reflectance, with the product's cloud and nodata masks applied. Digital
 * numbers are turned into reflectance as (DN + offset) / quantification (Sentinel-2: 10000, and
 * offset −1000 for L2A/L1C processing baseline ≥ 04.00), which matters for the ratios.
 */
import { type FeatureSource, indexFeature } from './features.js';
import { normalizedDifference } from './indices.js';
import type { WindowReader } from './water-radar.js';

/** How a cloud/quality band is read. */
export type CloudMaskKind =
  /** Sentinel-2 L2A scene classification: 0 no data, 1 saturated, 3 cloud shadow, 8–9 cloud, 10 cirrus are masked. */
  | 'scl'
  /** Sentinel-2 QA60 bit mask: bit 10 opaque cloud, bit 11 cirrus. */
  | 'qa60'
  /** Any non-zero value is cloud. */
  | 'binary';

/** Options of {@link opticalSource}. */
export interface OpticalSourceOptions {
  readonly width: number;
  /** 0-based band indices. */
  readonly green: number;
  readonly nir?: number;
  readonly swir1?: number;
  /** Reflectance = (DN + offset) / quantification. Defaults 10000 and 0. */
  readonly quantification?: number;
  readonly offset?: number;
  /** A band of the same file (0-based) holding a cloud mask, and its kind. */
  readonly cloudBand?: number;
  readonly cloudKind?: CloudMaskKind;
  /** Or a separate reader for a cloud mask on the same grid (band 0). */
  readonly cloudReader?: WindowReader;
}

/** True when a cloud/quality value means the pixel is not usable. */
export function isCloud(value: number, kind: CloudMaskKind): boolean {
  if (value !== value) return false;
  switch (kind) {
    case 'scl':
      return (
        value === 0 || value === 1 || value === 3 || value === 8 || value === 9 || value === 10
      );
    case 'qa60':
      return (value & (1 << 10)) !== 0 || (value & (1 << 11)) !== 0;
    case 'binary':
      return value !== 0;
  }
}

/** A feature source of NDWI and/or MNDWI (NaN under clouds and nodata). */
export function opticalSource(read: WindowReader, opts: OpticalSourceOptions): FeatureSource {
  const specs = [
    ...(opts.nir !== undefined ? [indexFeature('NDWI')] : []),
    ...(opts.swir1 !== undefined ? [indexFeature('MNDWI')] : []),
  ];
  const q = opts.quantification ?? 10000;
  const off = opts.offset ?? 0;
  const bands = [opts.green, opts.nir, opts.swir1, opts.cloudBand].filter(
    (b): b is number => b !== undefined,
  );
  return {
    specs,
    read: async (y0, rows, signal) => {
      const win = { x0: 0, y0, width: opts.width, height: rows };
      const got = await read(win, bands, signal);
      const byBand = new Map(bands.map((b, i) => [b, got[i]!]));
      const toRefl = (a: Float32Array): Float32Array => {
        for (let i = 0; i < a.length; i++) a[i] = (a[i]! + off) / q;
        return a;
      };
      const green = toRefl(Float32Array.from(byBand.get(opts.green)!));
      const cloud = opts.cloudReader
        ? (await opts.cloudReader(win, [0], signal))[0]!
        : opts.cloudBand !== undefined
          ? byBand.get(opts.cloudBand)!
          : undefined;
      const kind = opts.cloudReader ? (opts.cloudKind ?? 'binary') : (opts.cloudKind ?? 'scl');
      const out: Float32Array[] = [];
      for (const other of [opts.nir, opts.swir1]) {
        if (other === undefined) continue;
        const idx = normalizedDifference(green, toRefl(Float32Array.from(byBand.get(other)!)));
        if (cloud) for (let i = 0; i < idx.length; i++) if (isCloud(cloud[i]!, kind)) idx[i] = NaN;
        out.push(idx);
      }
      return out;
    },
  };
}
