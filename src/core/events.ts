/**
 * Generic event search over a scalar function of time, the base of passes, sensor access and
 * sun constraints (Orekit's split: *what* an event is is a g-function `f(t)`; *how* to find it is
 * here, with an explicit sampling step and tolerance).
 *
 * Guarantee: every sign change of `f` and every local maximum whose neighbourhood spans at least
 * two sampling steps is found. Choose `stepS` shorter than half the shortest time between two
 * extrema of `f` you care about. Times are instants (UTC ms); step and tolerance in seconds.
 */
import type { Instant } from './time.js';

/** A scalar function of time; the event happens where it crosses zero. */
export type TimeFunction = (t: Instant) => number;

/** How to sample and how finely to refine. */
export interface SearchOptions {
  /** Sampling step, s. Must be > 0. */
  readonly stepS: number;
  /** Refinement tolerance on the event time, s. Must be > 0. */
  readonly toleranceS: number;
}

/** A zero crossing of `f`: `direction` +1 when f goes from negative to positive. */
export interface Crossing {
  readonly t: Instant;
  readonly direction: 1 | -1;
}

/** A local extremum of `f`. */
export interface Extremum {
  readonly t: Instant;
  readonly value: number;
}

/** An interval where `f > 0`; `startCut`/`endCut` mark an edge set by the search window. */
export interface PositiveInterval {
  readonly start: Instant;
  readonly end: Instant;
  readonly startCut: boolean;
  readonly endCut: boolean;
  /** Time and value of the largest `f` inside the interval. */
  readonly peak: Extremum;
}

function checkOptions(startMs: Instant, endMs: Instant, opts: SearchOptions): void {
  if (!(opts.stepS > 0) || !(opts.toleranceS > 0)) {
    throw new RangeError(
      `stepS and toleranceS must be > 0 (got ${opts.stepS}, ${opts.toleranceS})`,
    );
  }
  if (!(endMs >= startMs)) throw new RangeError('search window ends before it starts');
}

/** Sample times from start to end inclusive, `stepS` apart (the last step may be shorter). */
export function sampleTimes(startMs: Instant, endMs: Instant, stepS: number): Float64Array {
  const stepMs = stepS * 1000;
  const n = Math.max(1, Math.ceil((endMs - startMs) / stepMs - 1e-9)) + 1;
  const times = new Float64Array(n);
  for (let i = 0; i < n - 1; i++) times[i] = startMs + i * stepMs;
  times[n - 1] = endMs;
  return times;
}

/**
 * Brent's root finder (zeroin) on a bracket [a, b] with f(a)·f(b) ≤ 0, to `toleranceS`.
 * `fa`, `fb` are f(a), f(b) when already known.
 */
export function findRoot(
  f: TimeFunction,
  aMs: Instant,
  bMs: Instant,
  toleranceS: number,
  fa = f(aMs),
  fb = f(bMs),
): Instant {
  // Work in seconds relative to a to keep the arithmetic well conditioned.
  const origin = aMs;
  let a = 0;
  let b = (bMs - aMs) / 1000;
  const g = (x: number): number => f(origin + x * 1000);
  if (fa === 0) return aMs;
  if (fb === 0) return bMs;
  if (fa * fb > 0) throw new RangeError('findRoot: the interval does not bracket a root');
  let c = a;
  let fc = fa;
  let d = b - a;
  let e = d;
  for (let iter = 0; iter < 200; iter++) {
    if (fb * fc > 0) {
      c = a;
      fc = fa;
      d = b - a;
      e = d;
    }
    if (Math.abs(fc) < Math.abs(fb)) {
      a = b;
      b = c;
      c = a;
      fa = fb;
      fb = fc;
      fc = fa;
    }
    const tol = 2 * Number.EPSILON * Math.abs(b) + 0.5 * toleranceS;
    const m = 0.5 * (c - b);
    if (Math.abs(m) <= tol || fb === 0) break;
    if (Math.abs(e) >= tol && Math.abs(fa) > Math.abs(fb)) {
      let p: number;
      let q: number;
      const s = fb / fa;
      if (a === c) {
        p = 2 * m * s;
        q = 1 - s;
      } else {
        const qq = fa / fc;
        const r = fb / fc;
        p = s * (2 * m * qq * (qq - r) - (b - a) * (r - 1));
        q = (qq - 1) * (r - 1) * (s - 1);
      }
      if (p > 0) q = -q;
      else p = -p;
      if (2 * p < Math.min(3 * m * q - Math.abs(tol * q), Math.abs(e * q))) {
        e = d;
        d = p / q;
      } else {
        d = m;
        e = m;
      }
    } else {
      d = m;
      e = m;
    }
    a = b;
    fa = fb;
    b += Math.abs(d) > tol ? d : m > 0 ? tol : -tol;
    fb = g(b);
  }
  return origin + b * 1000;
}

/** A function of time returning its value and its derivative per second. */
export type TimeFunctionWithDerivative = (
  t: Instant,
) => readonly [value: number, perSecond: number];

/**
 * Safeguarded Newton iteration ("rtsafe") on a bracket [a, b] with f(a)·f(b) ≤ 0: Newton steps
 * from the derivative while they stay inside the shrinking bracket and converge fast enough,
 * bisection otherwise. Converges quadratically on smooth events (3–4 evaluations from a
 * minute-wide bracket to a millisecond), never worse than bisection.
 */
export function findRootWithDerivative(
  f: TimeFunctionWithDerivative,
  aMs: Instant,
  bMs: Instant,
  toleranceS: number,
  fa?: number,
  fb?: number,
): Instant {
  const origin = aMs;
  const va = fa ?? f(aMs)[0];
  const vb = fb ?? f(bMs)[0];
  if (va === 0) return aMs;
  if (vb === 0) return bMs;
  if (va * vb > 0)
    throw new RangeError('findRootWithDerivative: the interval does not bracket a root');
  // Orient so that f(lo) < 0 < f(hi); x in seconds from origin.
  let lo = va < 0 ? 0 : (bMs - aMs) / 1000;
  let hi = va < 0 ? (bMs - aMs) / 1000 : 0;
  // Start from the secant estimate, usually within a few seconds of the root.
  let x = ((bMs - aMs) / 1000) * (va / (va - vb));
  let dxOld = Math.abs(hi - lo);
  let dx = dxOld;
  let [v, d] = f(origin + x * 1000);
  for (let iter = 0; iter < 100; iter++) {
    if (v < 0) lo = x;
    else hi = x;
    const newtonOk =
      d !== 0 &&
      Number.isFinite(d) &&
      ((x - hi) * d - v) * ((x - lo) * d - v) < 0 &&
      Math.abs(2 * v) < Math.abs(dxOld * d);
    dxOld = dx;
    if (newtonOk) {
      dx = v / d;
      x -= dx;
    } else {
      dx = 0.5 * (hi - lo);
      x = lo + dx;
    }
    if (Math.abs(dx) < 0.5 * toleranceS) break;
    [v, d] = f(origin + x * 1000);
    if (v === 0) break;
  }
  return origin + x * 1000;
}

/**
 * Brent's minimiser (golden section with parabolic steps) applied to −f: the maximum of `f`
 * on [a, b] to `toleranceS`, assuming f is unimodal there.
 */
export function findMaximum(
  f: TimeFunction,
  aMs: Instant,
  bMs: Instant,
  toleranceS: number,
): Extremum {
  const origin = aMs;
  const g = (x: number): number => -f(origin + x * 1000);
  const golden = 0.381966011250105;
  let a = 0;
  let b = (bMs - aMs) / 1000;
  let x = a + golden * (b - a);
  let w = x;
  let v = x;
  let fx = g(x);
  let fw = fx;
  let fv = fx;
  let d = 0;
  let e = 0;
  for (let iter = 0; iter < 200; iter++) {
    const xm = 0.5 * (a + b);
    const tol1 = 1e-10 * Math.abs(x) + toleranceS / 3;
    const tol2 = 2 * tol1;
    if (Math.abs(x - xm) <= tol2 - 0.5 * (b - a)) break;
    let useGolden = true;
    if (Math.abs(e) > tol1) {
      const r = (x - w) * (fx - fv);
      let q = (x - v) * (fx - fw);
      let p = (x - v) * q - (x - w) * r;
      q = 2 * (q - r);
      if (q > 0) p = -p;
      else q = -q;
      const eTemp = e;
      e = d;
      if (!(Math.abs(p) >= Math.abs(0.5 * q * eTemp) || p <= q * (a - x) || p >= q * (b - x))) {
        d = p / q;
        const u = x + d;
        if (u - a < tol2 || b - u < tol2) d = xm - x >= 0 ? tol1 : -tol1;
        useGolden = false;
      }
    }
    if (useGolden) {
      e = x >= xm ? a - x : b - x;
      d = golden * e;
    }
    const u = Math.abs(d) >= tol1 ? x + d : x + (d >= 0 ? tol1 : -tol1);
    const fu = g(u);
    if (fu <= fx) {
      if (u >= x) a = x;
      else b = x;
      v = w;
      fv = fw;
      w = x;
      fw = fx;
      x = u;
      fx = fu;
    } else {
      if (u < x) a = u;
      else b = u;
      if (fu <= fw || w === x) {
        v = w;
        fv = fw;
        w = u;
        fw = fu;
      } else if (fu <= fv || v === x || v === w) {
        v = u;
        fv = fu;
      }
    }
  }
  return { t: origin + x * 1000, value: -fx };
}

/** All zero crossings of `f` in [start, end], in time order. */
export function findCrossings(
  f: TimeFunction,
  startMs: Instant,
  endMs: Instant,
  opts: SearchOptions,
): Crossing[] {
  return findPositiveIntervalsAndCrossings(f, startMs, endMs, opts).crossings;
}

/**
 * Local maxima of `f` strictly inside (start, end), in time order. A maximum at a window edge is
 * not reported (it is not a local maximum of f, only of its restriction).
 */
export function findMaxima(
  f: TimeFunction,
  startMs: Instant,
  endMs: Instant,
  opts: SearchOptions,
): Extremum[] {
  checkOptions(startMs, endMs, opts);
  const times = sampleTimes(startMs, endMs, opts.stepS);
  const values = times.map(f);
  const out: Extremum[] = [];
  for (let i = 1; i < times.length - 1; i++) {
    const v = values[i]!;
    if (v >= values[i - 1]! && v > values[i + 1]!) {
      out.push(findMaximum(f, times[i - 1]!, times[i + 1]!, opts.toleranceS));
    }
  }
  return out;
}

/**
 * Intervals where `f > 0` inside [start, end]: sign changes between samples are refined with
 * Brent; a local maximum between two negative samples is refined too, so that short positive
 * humps (grazing passes) are never missed.
 */
export function findPositiveIntervals(
  f: TimeFunction,
  startMs: Instant,
  endMs: Instant,
  opts: SearchOptions,
): PositiveInterval[] {
  return findPositiveIntervalsAndCrossings(f, startMs, endMs, opts).intervals;
}

function findPositiveIntervalsAndCrossings(
  f: TimeFunction,
  startMs: Instant,
  endMs: Instant,
  opts: SearchOptions,
): { intervals: PositiveInterval[]; crossings: Crossing[] } {
  checkOptions(startMs, endMs, opts);
  const tol = opts.toleranceS;
  const times = sampleTimes(startMs, endMs, opts.stepS);
  const values = Array.from(times, f);
  // Split every sampled local maximum that is ≤ 0 but whose refined value is > 0 into two
  // crossings; collect ordinary sign changes.
  const crossings: Crossing[] = [];
  const n = times.length;
  for (let i = 0; i < n - 1; i++) {
    const t0 = times[i]!;
    const t1 = times[i + 1]!;
    const v0 = values[i]!;
    const v1 = values[i + 1]!;
    if (v0 > 0 !== v1 > 0) {
      const t = findRoot(f, t0, t1, tol, v0, v1);
      crossings.push({ t, direction: v1 > 0 ? 1 : -1 });
      continue;
    }
    if (v0 > 0) continue;
    // Both samples ≤ 0: look for a hidden hump around a sampled local maximum.
    const left = i > 0 ? values[i - 1]! : -Infinity;
    const right = i + 2 < n ? values[i + 2]! : -Infinity;
    // Candidate when the sequence rises into this step and falls out of it.
    if (v0 >= left && v1 >= right) {
      const a = i > 0 ? times[i - 1]! : t0;
      const b = i + 2 < n ? times[i + 2]! : t1;
      const peak = findMaximum(f, a, b, tol);
      if (peak.value > 0) {
        const fa = f(a);
        const fb = f(b);
        if (fa <= 0 && fb <= 0) {
          crossings.push({ t: findRoot(f, a, peak.t, tol, fa, peak.value), direction: 1 });
          crossings.push({ t: findRoot(f, peak.t, b, tol, peak.value, fb), direction: -1 });
        }
      }
    }
  }
  crossings.sort((x, y) => x.t - y.t);
  const intervals: PositiveInterval[] = [];
  let open: Instant | null = values[0]! > 0 ? startMs : null;
  let openCut = open !== null;
  for (const c of crossings) {
    if (c.direction === 1) {
      if (open === null) {
        open = c.t;
        openCut = false;
      }
    } else if (open !== null) {
      intervals.push(finishInterval(f, open, c.t, openCut, false, tol));
      open = null;
    }
  }
  if (open !== null) intervals.push(finishInterval(f, open, endMs, openCut, true, tol));
  return { intervals, crossings };
}

function finishInterval(
  f: TimeFunction,
  start: Instant,
  end: Instant,
  startCut: boolean,
  endCut: boolean,
  toleranceS: number,
): PositiveInterval {
  const peak = findMaximum(f, start, end, toleranceS);
  // A cut interval may peak at its edge; keep the larger of the edge and the interior optimum.
  let best = peak;
  if (startCut) {
    const v = f(start);
    if (v > best.value) best = { t: start, value: v };
  }
  if (endCut) {
    const v = f(end);
    if (v > best.value) best = { t: end, value: v };
  }
  return { start, end, startCut, endCut, peak: best };
}
