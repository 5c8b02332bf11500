/**
 * Decision by evidence fusion (a naive-Bayes classifier without training data): for each feature,
 * the water and land classes of its automatic (Otsu) split are modelled as Gaussians, a pixel's
 * evidence from that feature is the log-likelihood ratio log p(v|water) − log p(v|land), and
 * the pixel is water when its total evidence is positive (see {@link waterEvidence} for the
 * priors and the clamping). Features of one sensor
 * (VV and VH; NDWI and MNDWI) measure nearly the same thing, so their evidence is averaged
 * within the sensor, and the sensors' evidences — independent physics — are summed. One rule
 * serves radar alone, optical alone and their fusion; a pixel where a sensor has no data
 * (cloud, nodata) gets no evidence from it, so the fused map falls back to the other sensor.
 */
import type { FeatureSpec } from './features.js';
import type { FeatureThreshold } from './split-threshold.js';

/** Gaussian model of the water and land classes of one feature. */
export interface ClassModel {
  readonly feature: FeatureSpec;
  readonly threshold: number;
  readonly water: { readonly mean: number; readonly std: number };
  readonly land: { readonly mean: number; readonly std: number };
}

/** The class model of a feature from its threshold result. */
export function classModel(t: FeatureThreshold): ClassModel {
  const { low, high } = t.split;
  const [water, land] = t.feature.waterIs === 'low' ? [low, high] : [high, low];
  return {
    feature: t.feature,
    threshold: t.split.threshold,
    water: { mean: water.mean, std: water.std },
    land: { mean: land.mean, std: land.std },
  };
}

/** log p(v | water) − log p(v | land) of the Gaussian class models, natural log. */
function logLikelihoodRatio(v: number, m: ClassModel): number {
  const zw = (v - m.water.mean) / m.water.std;
  const zl = (v - m.land.mean) / m.land.std;
  return 0.5 * (zl * zl - zw * zw) + Math.log(m.land.std / m.water.std);
}

/**
 * Water evidence of value `v`: the log-likelihood ratio with equal priors (maximum likelihood:
 * no prior knowledge of the water fraction), with `v` clamped between the two class means — a
 * value beyond a class mean is no less typical of that class; without the clamp a very bright
 * target would look like water wherever the water class is the wider Gaussian.
 */
export function waterEvidence(v: number, m: ClassModel): number {
  const lo = Math.min(m.water.mean, m.land.mean);
  const hi = Math.max(m.water.mean, m.land.mean);
  return logLikelihoodRatio(v < lo ? lo : v > hi ? hi : v, m);
}

/**
 * The value where one feature alone switches between water and land (evidence 0), found by
 * bisection between the class means; the Otsu threshold when the evidence does not change sign.
 */
export function decisionBoundary(m: ClassModel): number {
  let lo = Math.min(m.water.mean, m.land.mean);
  let hi = Math.max(m.water.mean, m.land.mean);
  const fLo = waterEvidence(lo, m);
  if (fLo === 0 || Math.sign(fLo) === Math.sign(waterEvidence(hi, m))) return m.threshold;
  for (let i = 0; i < 60; i++) {
    const mid = 0.5 * (lo + hi);
    if (Math.sign(waterEvidence(mid, m)) === Math.sign(fLo)) lo = mid;
    else hi = mid;
  }
  return 0.5 * (lo + hi);
}

/** Mask codes of the water product. */
export const DRY = 0;
export const WATER = 1;
export const NODATA = 255;

/**
 * Classifies a strip: `features[k]` are `n` values of model k. Writes DRY/WATER/NODATA into
 * `out` (NODATA where no feature has a value).
 */
export function classifyStrip(
  features: readonly Float32Array[],
  models: readonly ClassModel[],
  out: Uint8Array,
): void {
  const n = out.length;
  const k = models.length;
  const sensors = [...new Set(models.map((m) => m.feature.sensor))];
  // Feature indices of each sensor, flattened: members[start[g] … start[g+1]).
  const members = Int32Array.from(
    sensors.flatMap((sn) => models.flatMap((m, j) => (m.feature.sensor === sn ? [j] : []))),
  );
  const start = new Int32Array(sensors.length + 1);
  sensors.forEach(
    (sn, g) => (start[g + 1] = start[g]! + models.filter((m) => m.feature.sensor === sn).length),
  );
  const g = sensors.length;
  // Unrolled coefficients: evidence = a·v² + b·v + c per model, v clamped to [lo, hi].
  const a = new Float64Array(k);
  const b = new Float64Array(k);
  const c = new Float64Array(k);
  const lo = new Float64Array(k);
  const hi = new Float64Array(k);
  models.forEach((m, j) => {
    const iw = 1 / (m.water.std * m.water.std);
    const il = 1 / (m.land.std * m.land.std);
    a[j] = 0.5 * (il - iw);
    b[j] = m.water.mean * iw - m.land.mean * il;
    lo[j] = Math.min(m.water.mean, m.land.mean);
    hi[j] = Math.max(m.water.mean, m.land.mean);
    c[j] =
      0.5 * (m.land.mean * m.land.mean * il - m.water.mean * m.water.mean * iw) +
      Math.log(m.land.std / m.water.std);
  });
  for (let i = 0; i < n; i++) {
    let e = 0;
    let seen = false;
    for (let s = 0; s < g; s++) {
      let sum = 0;
      let cnt = 0;
      for (let q = start[s]!; q < start[s + 1]!; q++) {
        const j = members[q]!;
        let v = features[j]![i]!;
        if (v !== v) continue;
        if (v < lo[j]!) v = lo[j]!;
        else if (v > hi[j]!) v = hi[j]!;
        sum += (a[j]! * v + b[j]!) * v + c[j]!;
        cnt++;
      }
      if (cnt > 0) {
        e += sum / cnt;
        seen = true;
      }
    }
    out[i] = seen ? (e > 0 ? WATER : DRY) : NODATA;
  }
}
