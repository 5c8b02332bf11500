/**
 * Change detection between two co-registered scenes: the change feature is the after − before
 * difference of backscatter in dB (the log-ratio, Bazi, Bruzzone & Melgani 2005; UN-SPIDER
 * recommended practice for flood mapping) or of a water index. As in change-vector analysis
 * (Bovolo & Bruzzone 2007), the magnitude |after − before| is split by Otsu into unchanged and
 * changed, and the sign gives the direction (water gain or loss). The change is kept only when
 * the magnitude histogram passes the bimodality test (Ashman's D and Sarle's coefficient) —
 * otherwise the report says that no significant change was found rather than mapping noise.
 */
import { ashmanD, bimodalityCoefficient, isBimodal } from './bimodality.js';
import { type FeatureSource, type FeatureSpec } from './features.js';
import { type Histogram, createHistogram, histogramTotal } from './histogram.js';
import { type ClassStats, classStats, otsu } from './otsu.js';

/** Change codes. */
export const NO_CHANGE = 0;
/** Toward water: backscatter decrease, or water-index increase. */
export const WATER_GAIN = 1;
/** Away from water. */
export const WATER_LOSS = 2;
export const CHANGE_NODATA = 255;

/** The threshold of a change feature's magnitude. */
export interface ChangeThresholds {
  readonly feature: FeatureSpec;
  /** |after − before| ≥ threshold is change (when significant). */
  readonly threshold: number;
  /** Whether the magnitude histogram is bimodal (otherwise nothing is mapped as change). */
  readonly significant: boolean;
  readonly ashmanD: number;
  readonly bimodalityCoefficient: number;
  readonly unchanged: ClassStats;
  readonly changed: ClassStats;
}

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

/** An empty histogram for the magnitude of a change feature: 0 … half its range. */
export function changeHistogram(f: FeatureSpec): Histogram {
  return createHistogram(0, f.histMax, Math.max(2, Math.round(f.bins / 2)));
}

/** Counts |d| of the finite values of a change strip into `h`. */
export function accumulateMagnitude(h: Histogram, d: Float32Array): void {
  const n = h.counts.length;
  const scale = n / (h.max - h.min);
  for (let i = 0; i < d.length; i++) {
    const v = d[i]!;
    if (v !== v) continue;
    const b = Math.min(n - 1, Math.floor(Math.abs(v) * scale));
    h.counts[b]!++;
  }
}

/**
 * Threshold from the magnitude histogram; undefined when it is empty (no common valid pixel).
 * When the scenes never differ (one non-empty bin) the result is "not significant".
 */
export function changeThresholds(f: FeatureSpec, h: Histogram): ChangeThresholds | undefined {
  const total = histogramTotal(h);
  if (total === 0) return undefined;
  const s = otsu(h);
  if (!s) {
    const all = classStats(h, 0, h.counts.length, total);
    const none = { fraction: 0, mean: NaN, std: NaN, count: 0 };
    return {
      feature: f,
      threshold: Infinity,
      significant: false,
      ashmanD: 0,
      bimodalityCoefficient: NaN,
      unchanged: all,
      changed: none,
    };
  }
  return {
    feature: f,
    threshold: s.threshold,
    significant: isBimodal(h, s, {
      minAshmanD: 2,
      minClassFraction: 0,
      minPixels: 0,
      minBimodalityCoefficient: 5 / 9,
    }),
    ashmanD: ashmanD(s.low, s.high),
    bimodalityCoefficient: bimodalityCoefficient(h),
    unchanged: s.low,
    changed: s.high,
  };
}

/**
 * Classifies change values into NO_CHANGE / WATER_GAIN / WATER_LOSS / CHANGE_NODATA.
 * For a feature whose water class is low (backscatter), a decrease is a gain of water.
 */
export function classifyChange(d: Float32Array, t: ChangeThresholds, out: Uint8Array): void {
  const decreaseCode = t.feature.waterIs === 'low' ? WATER_GAIN : WATER_LOSS;
  const increaseCode = t.feature.waterIs === 'low' ? WATER_LOSS : WATER_GAIN;
  const th = t.significant ? t.threshold : Infinity;
  for (let i = 0; i < d.length; i++) {
    const v = d[i]!;
    if (v !== v) out[i] = CHANGE_NODATA;
    else if (v <= -th) out[i] = decreaseCode;
    else if (v >= th) out[i] = increaseCode;
    else out[i] = NO_CHANGE;
  }
}
