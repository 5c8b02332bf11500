/**
 * The standard normal distribution to full double precision: erfc (series and continued
 * fraction), the tail Q(x), its inverse (Acklam's rational start refined by Halley steps), and
 * the upper tail of the bivariate normal (Genz's method, "Numerical computation of rectangular
 * bivariate and trivariate normal and t probabilities", Stat. Comput. 14, 2004).
 * P.618 (rain probability), P.837 (Annex 1) and P.840 (log-normal clouds) need them.
 */

const SQRT_PI = Math.sqrt(Math.PI);

/** Complementary error function, relative error below 1e-14 over the real line. */
export function erfc(x: number): number {
  if (Number.isNaN(x)) return NaN;
  if (x < 0) return 2 - erfc(-x);
  if (x < 2.5) return 1 - erfSeries(x);
  return erfcContinuedFraction(x);
}

/** erf by its Maclaurin series (converges for every x; used where it is accurate, |x| < 2.5). */
function erfSeries(x: number): number {
  // erf x = 2/√π · e^{−x²} · Σ (2x²)^n x / (1·3·…·(2n+1)): all terms positive, no cancellation
  const x2 = x * x;
  let term = x;
  let sum = x;
  for (let n = 1; n < 200; n++) {
    term *= (2 * x2) / (2 * n + 1);
    sum += term;
    if (term < sum * 1e-17) break;
  }
  return (2 / SQRT_PI) * Math.exp(-x2) * sum;
}

/** erfc for x ≥ 2.5 by Lentz's evaluation of the continued fraction. */
function erfcContinuedFraction(x: number): number {
  // erfc x = e^{−x²}/√π · 1/(x + (1/2)/(x + 1/(x + (3/2)/(x + 2/(x + …)))))
  const tiny = 1e-300;
  let f = x;
  let c = x;
  let d = 0;
  for (let n = 1; n < 500; n++) {
    const a = n / 2;
    d = x + a * d;
    d = Math.abs(d) < tiny ? tiny : d;
    c = x + a / c;
    c = Math.abs(c) < tiny ? tiny : c;
    d = 1 / d;
    const delta = c * d;
    f *= delta;
    if (Math.abs(delta - 1) < 1e-16) break;
  }
  return Math.exp(-x * x) / (SQRT_PI * f);
}

/** Q(x) = P(Z > x) for a standard normal Z. */
export function normalQ(x: number): number {
  return 0.5 * erfc(x / Math.SQRT2);
}

/** Standard normal density. */
export function normalPdf(x: number): number {
  return Math.exp(-0.5 * x * x) / Math.sqrt(2 * Math.PI);
}

/**
 * Inverse of Q: the x with Q(x) = q, for 0 < q < 1 (Acklam's approximation, then two Halley
 * steps on Q, which bring it to machine precision).
 */
export function normalQInverse(q: number): number {
  if (!(q > 0 && q < 1)) return q === 0 ? Infinity : q === 1 ? -Infinity : NaN;
  // Q(x) = q ⇔ Φ(x) = 1 − q; acklam() gives Φ⁻¹ on (0, 0.5]
  let x = q <= 0.5 ? -acklam(q) : acklam(1 - q);
  for (let i = 0; i < 2; i++) {
    const e = normalQ(x) - q;
    const u = -e / normalPdf(x); // Newton step on Q (dQ/dx = −φ)
    x = x - u / (1 + (x * u) / 2);
  }
  return x;
}

/** Lower-tail normal quantile for 0 < p ≤ 0.5 (Acklam 2003, relative error < 1.15e-9). */
function acklam(p: number): number {
  const a = [
    -39.69683028665376, 220.9460984245205, -275.9285104469687, 138.357751867269, -30.66479806614716,
    2.506628277459239,
  ];
  const b = [
    -54.47609879822406, 161.5858368580409, -155.6989798598866, 66.80131188771972,
    -13.28068155288572,
  ];
  const c = [
    -0.007784894002430293, -0.3223964580411365, -2.400758277161838, -2.549732539343734,
    4.374664141464968, 2.938163982698783,
  ];
  const d = [0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416];
  if (p < 0.02425) {
    const t = Math.sqrt(-2 * Math.log(p));
    return (
      (((((c[0]! * t + c[1]!) * t + c[2]!) * t + c[3]!) * t + c[4]!) * t + c[5]!) /
      ((((d[0]! * t + d[1]!) * t + d[2]!) * t + d[3]!) * t + 1)
    );
  }
  const t = p - 0.5;
  const r = t * t;
  return (
    ((((((a[0]! * r + a[1]!) * r + a[2]!) * r + a[3]!) * r + a[4]!) * r + a[5]!) * t) /
    (((((b[0]! * r + b[1]!) * r + b[2]!) * r + b[3]!) * r + b[4]!) * r + 1)
  );
}

/** Gauss–Legendre nodes and weights on [−1, 1], computed by Newton's method on P_n. */
function gaussLegendre(n: number): { x: Float64Array; w: Float64Array } {
  const x = new Float64Array(n);
  const w = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let z = Math.cos((Math.PI * (i + 0.75)) / (n + 0.5));
    let dp = 0;
    for (let iter = 0; iter < 100; iter++) {
      let p0 = 1;
      let p1 = z;
      for (let k = 2; k <= n; k++) {
        const p2 = ((2 * k - 1) * z * p1 - (k - 1) * p0) / k;
        p0 = p1;
        p1 = p2;
      }
      dp = (n * (z * p1 - p0)) / (z * z - 1);
      const dz = p1 / dp;
      z -= dz;
      if (Math.abs(dz) < 1e-16) break;
    }
    x[i] = z;
    w[i] = 2 / ((1 - z * z) * dp * dp);
  }
  return { x, w };
}

const GL20 = gaussLegendre(20);

/**
 * Upper tail of the standard bivariate normal: P(X > h, Y > k) with correlation r (|r| ≤ 1).
 * Genz's algorithm with 20-point Gauss–Legendre quadrature everywhere (his most accurate
 * branch): absolute error below 1e-15.
 */
export function bivariateNormalUpper(h: number, k: number, r: number): number {
  if (h === Infinity || k === Infinity) return 0;
  if (h === -Infinity) return k === -Infinity ? 1 : normalQ(k);
  if (k === -Infinity) return normalQ(h);
  if (r === 0) return normalQ(h) * normalQ(k);
  const { x, w } = GL20;
  const tp = 2 * Math.PI;
  let hk = h * k;
  let bvn = 0;
  if (Math.abs(r) < 0.925) {
    const hs = (h * h + k * k) / 2;
    const asr = Math.asin(r) / 2; // integrate θ from 0 to asin r, nodes at asr·(1 ± x)
    for (let i = 0; i < x.length; i++) {
      const sn = Math.sin(asr * (1 + x[i]!));
      bvn += w[i]! * Math.exp((sn * hk - hs) / (1 - sn * sn));
    }
    return clamp01((bvn * asr) / tp + normalQ(h) * normalQ(k));
  }
  let kk = k;
  if (r < 0) {
    kk = -k;
    hk = -hk;
  }
  if (Math.abs(r) < 1) {
    const as = 1 - r * r;
    let a = Math.sqrt(as);
    const bs = (h - kk) ** 2;
    const c = (4 - hk) / 8;
    const d = (12 - hk) / 80;
    let asr = -(bs / as + hk) / 2;
    if (asr > -100)
      bvn = a * Math.exp(asr) * (1 - (c * (bs - as) * (1 - d * bs)) / 3 + c * d * as * as);
    if (hk > -100) {
      const b = Math.sqrt(bs);
      const sp = Math.sqrt(tp) * normalQ(b / a);
      bvn -= Math.exp(-hk / 2) * sp * b * (1 - (c * bs * (1 - d * bs)) / 3);
    }
    a /= 2;
    let sum = 0;
    for (let i = 0; i < x.length; i++) {
      const xs = (a * (1 + x[i]!)) ** 2;
      asr = -(bs / xs + hk) / 2;
      if (asr <= -100) continue;
      const sp = 1 + c * xs * (1 + 5 * d * xs);
      const rs = Math.sqrt(1 - xs);
      const ep = Math.exp((-(hk / 2) * xs) / (1 + rs) ** 2) / rs;
      sum += w[i]! * Math.exp(asr) * (sp - ep);
    }
    bvn = (a * sum - bvn) / tp;
  }
  if (r > 0) return clamp01(bvn + normalQ(Math.max(h, kk)));
  if (h >= kk) return clamp01(-bvn);
  const L = h < 0 ? normalQ(-kk) - normalQ(-h) : normalQ(h) - normalQ(kk);
  return clamp01(L - bvn);
}

function clamp01(v: number): number {
  return Math.max(0, Math.min(1, v));
}
