/**
 * Change detection between two co-registered scenes: the change feature is the after − before
 * difference of backscatter in dB (the log-ratio, Bazi, Bruzzone & Melgani 2005; UN-SPIDER
 * recommended practice for flood mapping) or of a water index. Its histogram is split in three
 * classes by two-threshold Otsu (decrease · unchanged · increase); a change class is kept only
 * when it is separable from the unchanged class (Ashman's D ≥ 2) — otherwise the report says
 * that no significant change of that sign was found rather than mapping noise.
 */
import { ashmanD } from './bimodality.js';
import { type FeatureSource, type FeatureSpec } from './features.js';
import { type Histogram, createHistogram } from './histogram.js';
import { type ClassStats, otsu3 } from './otsu.js';

/** Change codes. */
export const NO_CHANGE = 0;
/** Toward water: backscatter decrease, or water-index increase. */
export const WATER_GAIN = 1;
/** Away from water. */
export const WATER_LOSS = 2;
export const CHANGE_NODATA = 255;

/** Thresholds of a change feature. */
export interface ChangeThresholds {
  readonly feature: FeatureSpec;
  /** Values < t1 are "decrease" (when significant), values ≥ t2 "increase". */
  readonly t1: number;
  readonly t2: number;
  readonly decrease: ClassStats & { readonly significant: boolean; readonly ashmanD: number };
  readonly unchanged: ClassStats;
  readonly increase: ClassStats & { readonly significant: boolean; readonly ashmanD: number };
}

/** Minimum Ashman's D between a change class and the unchanged class. */
export const MIN_CHANGE_SEPARATION = 2;

/** A difference feature (after − before) over the same histogram range as its inputs, doubled. */
export function differenceFeature(of: FeatureSpec): FeatureSpec {
  const span = of.histMax - of.histMin;
  return {
    id: `d${of.id}`,
    sensor: of.sensor,
    unit: of.unit,
    waterIs: of.waterIs,
    histMin: -span / 2,
    histMax: span / 2,
    bins: of.bins,
  };
}

/**
 * The change feature of two sources with the same specs: the mean over their features of
 * after − before (NaN where either is missing).
 */
export function differenceSource(before: FeatureSource, after: FeatureSource): FeatureSource {
  const first = after.specs[0];
  if (!first) throw new RangeError('no feature to difference');
  const spec = { ...differenceFeature(first), id: `d(${after.specs.map((s) => s.id).join('+')})` };
  return {
    specs: [spec],
    read: async (y0, rows, signal) => {
      const [b, a] = await Promise.all([
        before.read(y0, rows, signal),
        after.read(y0, rows, signal),
      ]);
      const out = new Float32Array(a[0]!.length);
      for (let i = 0; i < out.length; i++) {
        let s = 0;
        let n = 0;
        for (let k = 0; k < a.length; k++) {
          const v = a[k]![i]! - b[k]![i]!;
          if (v === v) {
            s += v;
            n++;
          }
        }
        out[i] = n > 0 ? s / n : NaN;
      }
      return [out];
    },
  };
}

/** An empty histogram for a change feature. */
export function changeHistogram(f: FeatureSpec): Histogram {
  return createHistogram(f.histMin, f.histMax, Math.min(f.bins, 700));
}

/** Thresholds from the histogram of the change feature, or undefined when it is constant. */
export function changeThresholds(f: FeatureSpec, h: Histogram): ChangeThresholds | undefined {
  const s = otsu3(h);
  if (!s) return undefined;
  const dDec = ashmanD(s.low, s.middle);
  const dInc = ashmanD(s.high, s.middle);
  return {
    feature: f,
    t1: s.t1,
    t2: s.t2,
    decrease: {
      ...s.low,
      significant: dDec >= MIN_CHANGE_SEPARATION && s.low.count > 0,
      ashmanD: dDec,
    },
    unchanged: s.middle,
    increase: {
      ...s.high,
      significant: dInc >= MIN_CHANGE_SEPARATION && s.high.count > 0,
      ashmanD: dInc,
    },
  };
}

/**
 * Classifies change values into NO_CHANGE / WATER_GAIN / WATER_LOSS / CHANGE_NODATA.
 * For a feature whose water class is low (backscatter), a decrease is a gain of water.
 */
export function classifyChange(d: Float32Array, t: ChangeThresholds, out: Uint8Array): void {
  const decreaseCode = t.feature.waterIs === 'low' ? WATER_GAIN : WATER_LOSS;
  const increaseCode = t.feature.waterIs === 'low' ? WATER_LOSS : WATER_GAIN;
  const dec = t.decrease.significant;
  const inc = t.increase.significant;
  for (let i = 0; i < d.length; i++) {
    const v = d[i]!;
    if (v !== v) out[i] = CHANGE_NODATA;
    else if (dec && v < t.t1) out[i] = decreaseCode;
    else if (inc && v >= t.t2) out[i] = increaseCode;
    else out[i] = NO_CHANGE;
  }
}
