/**
 * Ground-station passes of one satellite over several stations.
 *
 * Method (docs/passes.md): the satellite is propagated once on a coarse grid shared by all
 * stations. For each station, the geocentric angle ψ between the station and the satellite is
 * compared with the largest angle at which the satellite can be above the threshold; since ψ
 * changes no faster than the satellite's angular rate plus the Earth's, an interval between two
 * samples whose ψ stay far enough above that limit provably holds no visibility. Only the
 * remaining "candidate" intervals are searched, with the core's root and maximum finders on the
 * elevation g-function. Grazing passes are found because the maximum is refined before it is
 * compared with the threshold.
 */
import {
  findMaximum,
  findPositiveIntervals,
  findRoot,
  findRootWithDerivative,
} from '../core/events.js';
import type { TemeVec } from '../core/vector.js';
import { gmst1982 } from '../core/earth-rotation.js';
import { type TopocentricFrame, lookAngles, topocentricFrame } from '../core/topocentric.js';
import type { Instant } from '../core/time.js';
import { DEG_TO_RAD, EARTH_ROTATION_RAD_S } from '../core/units.js';
import { type ItrfVec, itrf } from '../core/vector.js';
import { isGeostationary } from '../orbit/element-set.js';
import type { Propagator } from '../orbit/propagator.js';
import type { Pass, PassFlag, PropagationIssue } from './pass.js';
import { type GroundStation, elevationThreshold, stationGeodetic } from './station.js';

export interface PassSearchOptions {
  readonly startMs: Instant;
  readonly endMs: Instant;
  /** Overrides every station's own minimum elevation, deg. */
  readonly minElevationDeg?: number;
  /** Precision of AOS, TCA and LOS, s (default 1 ms). */
  readonly toleranceS?: number;
  /** UT1 − UTC, s (default 0). */
  readonly dut1S?: number;
}

export interface PassSearchResult {
  readonly passes: Pass[];
  readonly issues: PropagationIssue[];
}

/** Elevation returned for instants at which SGP4 fails: below any threshold. */
const NOT_VISIBLE_DEG = -91;
/** Slack on the geocentric-angle bound for the ellipsoid and geodetic normals, rad (0.5°). */
const PSI_MARGIN_RAD = 0.5 * DEG_TO_RAD;
const MU_KM3_S2 = 398_600.8; // WGS-72, as SGP4

interface Prepared {
  readonly station: GroundStation;
  readonly frame: TopocentricFrame;
  readonly threshold: (azimuthDeg: number) => number;
  readonly constantThreshold: number | null;
  readonly minThresholdDeg: number;
  readonly unit: readonly [number, number, number];
  readonly radiusKm: number;
}

function prepare(station: GroundStation, minElevationDeg: number | undefined): Prepared {
  const s = minElevationDeg === undefined ? station : { ...station, minElevationDeg };
  const frame = topocentricFrame(stationGeodetic(s));
  const o = frame.originKm;
  const radiusKm = Math.hypot(o.x, o.y, o.z);
  const hasMask = (s.horizonMask?.length ?? 0) > 0;
  return {
    station: s,
    frame,
    threshold: elevationThreshold(s),
    constantThreshold: hasMask ? null : s.minElevationDeg,
    minThresholdDeg: s.minElevationDeg,
    unit: [o.x / radiusKm, o.y / radiusKm, o.z / radiusKm],
    radiusKm,
  };
}

/**
 * Earth-fixed positions of the satellite on a time grid covering the window (first instant =
 * window start, last = window end), computed elsewhere, e.g. in bulk by orbit/bulk.ts. Any step
 * is valid: the candidate test widens its margin with the step.
 */
export interface CoarseTrack {
  readonly timesMs: Float64Array;
  /** x, y, z (km) per instant. */
  readonly positionsKm: Float64Array;
  /**
   * Earth-fixed velocity (km/s) per instant, optional: with it, the candidate test uses a
   * second-order bound and the grid can be ~2.5 times coarser.
   */
  readonly velocitiesKmS?: Float64Array;
  readonly ok: Uint8Array;
}

/**
 * Coarse step (s) for near-Earth objects sampled in bulk with velocities: the second-order test
 * stays valid at any step; 600 s suits circular LEO orbits (hermiteCoarseStepS ≈ 560–600 s).
 */
export const BULK_COARSE_STEP_S = 600;

/**
 * Slack allowed in cos ψ by the second-order candidate test at mid-interval (M·h²/8): about 9° of
 * ψ near a LEO visibility limit, as the first-order test allows with the shorter step.
 */
const COS_PSI_SLACK = 0.06;

/**
 * Coarse step (s) when velocities are sampled too, for a bound `curvature` on |d²cos ψ/dt²|.
 */
export function hermiteCoarseStepS(curvature: number): number {
  return Math.min(600, Math.max(20, Math.sqrt((8 * COS_PSI_SLACK) / curvature)));
}

/**
 * Largest value of f on [0, h] given f and f' at both ends and |f''| ≤ m: the larger of the
 * end values and the crossing of the two bounding parabolas f0 + d0·t + m t²/2 and
 * f1 − d1·(h − t) + m (h − t)²/2 (their difference is linear in t).
 */
export function hermiteUpperBound(
  f0: number,
  d0: number,
  f1: number,
  d1: number,
  h: number,
  m: number,
): number {
  let best = Math.max(f0, f1);
  const den = d0 - d1 + m * h;
  if (den !== 0) {
    const t = (f1 - f0 - d1 * h + 0.5 * m * h * h) / den;
    if (t > 0 && t < h) best = Math.max(best, f0 + d0 * t + 0.5 * m * t * t);
  }
  return best;
}

/** The grid of a coarse track: start, start + step, …, end. */
export function coarseGrid(startMs: Instant, endMs: Instant, stepS: number): Float64Array {
  const stepMs = stepS * 1000;
  const n = Math.ceil((endMs - startMs) / stepMs) + 1;
  const times = new Float64Array(n);
  for (let i = 0; i < n; i++) times[i] = i === n - 1 ? endMs : startMs + i * stepMs;
  return times;
}

/**
 * Finds the passes of one satellite over each station in the window. `coarse`, when given,
 * replaces the coarse propagation (deep-space and geostationary objects ignore it).
 */
export function findPasses(
  prop: Propagator,
  stations: readonly GroundStation[],
  opts: PassSearchOptions,
  coarse?: CoarseTrack,
): PassSearchResult {
  const { startMs, endMs } = opts;
  if (!(endMs > startMs)) throw new RangeError('pass search window must end after it starts');
  const tol = opts.toleranceS ?? 1e-3;
  const dut1S = opts.dut1S ?? 0;
  const el = prop.elements;
  const issues: PropagationIssue[] = [];
  const passes: Pass[] = [];
  const prepared = stations.map((s) => prepare(s, opts.minElevationDeg));
  if (prop.initErrorCode !== 0) {
    const r = prop.at(startMs);
    issues.push({
      catalogNumber: el.catalogNumber,
      satelliteName: el.name,
      atMs: startMs,
      errorCode: r.ok ? prop.initErrorCode : r.errorCode,
      message: r.ok ? `SGP4 initialisation error ${prop.initErrorCode}` : r.message,
    });
    return { passes, issues };
  }
  let firstError: PropagationIssue | null = null;
  /** Earth-fixed state at t, or null when SGP4 fails (the first failure is recorded). */
  const stateItrf = (t: Instant): { r: ItrfVec; v: ItrfVec } | null => {
    const s = prop.at(t);
    if (!s.ok) {
      if (!firstError || t < firstError.atMs) {
        firstError = {
          catalogNumber: el.catalogNumber,
          satelliteName: el.name,
          atMs: t,
          errorCode: s.errorCode,
          message: s.message,
        };
      }
      return null;
    }
    return toItrf(s.positionKm, s.velocityKmS, t, dut1S);
  };

  const periodS = prop.periodMin * 60;
  const e = Math.min(el.eccentricity, 0.99);
  const nRadS = (2 * Math.PI) / periodS;
  // Largest angular rate of the satellite about the Earth's centre (at perigee), plus the
  // Earth's rotation: a bound on |dψ/dt|.
  const psiRateMax = (nRadS * (1 + e) ** 2) / (1 - e * e) ** 1.5 + EARTH_ROTATION_RAD_S;
  const aKm = Math.cbrt(MU_KM3_S2 / (nRadS * nRadS));
  const apogeeKm = aKm * (1 + e);
  // |d²r̂/dt²| in the Earth-fixed frame ≤ (θ̇max + ω)² + |θ̈|max, with |θ̈| ≤ 2μe / r_p³ on a
  // Keplerian orbit; 10 % more for the perturbations SGP4 adds. Bounds |d²cos ψ/dt²|.
  const perigeeKm = aKm * (1 - e);
  // Near-circular low orbits have one elevation maximum per candidate region (see passesInRegion).
  const unimodal = !prop.deepSpace && e < 0.1;
  const curvature = 1.1 * (psiRateMax * psiRateMax + (2 * MU_KM3_S2 * e) / perigeeKm ** 3);

  if (isGeostationary(el)) {
    for (const p of prepared) {
      passes.push(...geostationaryPasses(prop, p, stateItrf, startMs, endMs, tol));
    }
  } else {
    let times: Float64Array;
    let pos: Float64Array;
    let vel: Float64Array | undefined;
    let ok: Uint8Array;
    if (
      coarse &&
      coarse.timesMs[0] === startMs &&
      coarse.timesMs[coarse.timesMs.length - 1] === endMs
    ) {
      ({ timesMs: times, positionsKm: pos, velocitiesKmS: vel, ok } = coarse);
      for (let i = 0; i < ok.length; i++) {
        if (!ok[i]) {
          stateItrf(times[i]!); // records the SGP4 error
          break;
        }
      }
    } else {
      // SGP4 gives the velocity with the position: sample both and use the second-order test.
      times = coarseGrid(startMs, endMs, hermiteCoarseStepS(curvature));
      pos = new Float64Array(3 * times.length);
      vel = new Float64Array(3 * times.length);
      ok = new Uint8Array(times.length);
      for (let i = 0; i < times.length; i++) {
        const t = times[i]!;
        const s = stateItrf(t);
        if (s) {
          pos[3 * i] = s.r.x;
          pos[3 * i + 1] = s.r.y;
          pos[3 * i + 2] = s.r.z;
          vel[3 * i] = s.v.x;
          vel[3 * i + 1] = s.v.y;
          vel[3 * i + 2] = s.v.z;
          ok[i] = 1;
        }
      }
    }
    const n = times.length;
    for (const p of prepared) {
      const psiLimit = visibilityAngleRad(p.minThresholdDeg, p.radiusKm, apogeeKm) + PSI_MARGIN_RAD;
      const cosLimit = Math.cos(psiLimit);
      const cosPsi = new Float64Array(n);
      const dCosPsi = new Float64Array(n);
      const [ux, uy, uz] = p.unit;
      for (let i = 0; i < n; i++) {
        if (!ok[i]) {
          cosPsi[i] = 1; // unknown: treat as possibly visible, the fine search decides
          continue;
        }
        const x = pos[3 * i]!;
        const y = pos[3 * i + 1]!;
        const z = pos[3 * i + 2]!;
        const r = Math.sqrt(x * x + y * y + z * z);
        const c = (ux * x + uy * y + uz * z) / r;
        cosPsi[i] = c;
        if (vel) {
          const vx = vel[3 * i]!;
          const vy = vel[3 * i + 1]!;
          const vz = vel[3 * i + 2]!;
          // d/dt (u·r/|r|) = u·v/|r| − (u·r/|r|)(r·v)/|r|²
          dCosPsi[i] =
            (ux * vx + uy * vy + uz * vz) / r - (c * (x * vx + y * vy + z * vz)) / (r * r);
        }
      }
      // Merge candidate intervals [t_i, t_{i+1}] into regions.
      let regionStart = -1;
      for (let i = 0; i < n - 1; i++) {
        const dt = (times[i + 1]! - times[i]!) / 1000;
        let candidate: boolean;
        if (!ok[i] || !ok[i + 1]) candidate = true;
        else if (vel) {
          candidate =
            hermiteUpperBound(
              cosPsi[i]!,
              dCosPsi[i]!,
              cosPsi[i + 1]!,
              dCosPsi[i + 1]!,
              dt,
              curvature,
            ) >= cosLimit;
        } else {
          const psi0 = Math.acos(Math.max(-1, Math.min(1, cosPsi[i]!)));
          const psi1 = Math.acos(Math.max(-1, Math.min(1, cosPsi[i + 1]!)));
          candidate = 0.5 * (psi0 + psi1) - 0.5 * psiRateMax * dt <= psiLimit;
        }
        if (candidate && regionStart < 0) regionStart = i;
        if (!candidate && regionStart >= 0) {
          searchRegion(times[regionStart]!, times[i]!);
          regionStart = -1;
        }
      }
      if (regionStart >= 0) searchRegion(times[regionStart]!, times[n - 1]!);

      function searchRegion(a: Instant, b: Instant): void {
        passes.push(
          ...passesInRegion(
            prop,
            p,
            stateItrf,
            a,
            b,
            startMs,
            endMs,
            tol,
            periodS,
            psiRateMax,
            unimodal,
          ),
        );
      }
    }
  }
  if (firstError) issues.push(firstError);
  passes.sort((x, y) => x.aosMs - y.aosMs || x.stationId.localeCompare(y.stationId));
  return { passes, issues };
}

function toItrf(r: TemeVec, v: TemeVec, t: Instant, dut1S: number): { r: ItrfVec; v: ItrfVec } {
  const g = gmst1982(t, dut1S);
  const c = Math.cos(g);
  const s = Math.sin(g);
  const rx = c * r.x + s * r.y;
  const ry = -s * r.x + c * r.y;
  return {
    r: itrf(rx, ry, r.z),
    v: itrf(
      c * v.x + s * v.y + EARTH_ROTATION_RAD_S * ry,
      -s * v.x + c * v.y - EARTH_ROTATION_RAD_S * rx,
      v.z,
    ),
  };
}

/**
 * Largest geocentric angle (rad) between a station at radius `stationKm` and a satellite at
 * radius `satelliteKm` for which the satellite is at least `minElevationDeg` above the horizon
 * (spherical geometry; the caller adds a margin for the ellipsoid).
 */
export function visibilityAngleRad(
  minElevationDeg: number,
  stationKm: number,
  satelliteKm: number,
): number {
  const m = Math.max(-90, Math.min(90, minElevationDeg)) * DEG_TO_RAD;
  const x = (stationKm * Math.cos(m)) / Math.max(satelliteKm, stationKm);
  return Math.acos(Math.min(1, x)) - m;
}

type StateFn = (t: Instant) => { r: ItrfVec; v: ItrfVec } | null;

/** Look angles at an instant, with a tiny cache: searches revisit the same edges. */
function lookAnglesCache(
  p: Prepared,
  state: StateFn,
): (t: Instant) => { el: number; rate: number; az: number } {
  const keys: Instant[] = [NaN, NaN, NaN, NaN];
  const vals: { el: number; rate: number; az: number }[] = new Array(4);
  let k = 0;
  return (t: Instant) => {
    for (let i = 0; i < 4; i++) if (keys[i] === t) return vals[i]!;
    const s = state(t);
    let v: { el: number; rate: number; az: number };
    if (!s) v = { el: NOT_VISIBLE_DEG, rate: 0, az: NaN };
    else {
      const la = lookAngles(p.frame, s.r, s.v);
      v = { el: la.elevationDeg, rate: la.elevationRateDegS, az: la.azimuthDeg };
    }
    keys[k] = t;
    vals[k] = v;
    k = (k + 1) & 3;
    return v;
  };
}

/**
 * The functions of time a search over one station needs: cached look angles, the elevation, and
 * the g-function (elevation minus the threshold at the current azimuth; below any threshold when
 * SGP4 fails).
 */
function stationFunctions(
  p: Prepared,
  state: StateFn,
): {
  look: ReturnType<typeof lookAnglesCache>;
  elevation: (t: Instant) => number;
  g: (t: Instant) => number;
} {
  const look = lookAnglesCache(p, state);
  return {
    look,
    elevation: (t) => look(t).el,
    g: (t) => {
      const la = look(t);
      return Number.isNaN(la.az) ? NOT_VISIBLE_DEG : la.el - p.threshold(la.az);
    },
  };
}

function passesInRegion(
  prop: Propagator,
  p: Prepared,
  state: StateFn,
  a: Instant,
  b: Instant,
  windowStart: Instant,
  windowEnd: Instant,
  tol: number,
  periodS: number,
  psiRateMax: number,
  unimodal: boolean,
): Pass[] {
  const { look, elevation, g } = stationFunctions(p, state);
  const la = look(a);
  const lb = look(b);
  // Fast path: on a near-circular low orbit, over a region shorter than a quarter of an orbit
  // whose edges bracket the culmination (rising at a, setting at b), the elevation has a single
  // maximum; it is where the analytic elevation rate changes sign (Brent on the rate).
  // Everything else — high or eccentric orbits (a perigee pass can sit between two dips of the
  // elevation), long regions with several passes, horizon masks, window edges, SGP4 failures —
  // takes the generic interval search, which refines every sampled local maximum; it samples
  // every ~2° of the fastest geocentric motion (the elevation hump of a pass is much wider).
  const threshold = p.constantThreshold;
  if (
    !unimodal ||
    threshold === null ||
    (b - a) / 1000 > periodS / 4 ||
    !(la.rate > 0 && lb.rate < 0)
  ) {
    const stepS = Math.max(5, Math.min(900, 0.035 / psiRateMax));
    return findPositiveIntervals(g, a, b, { stepS, toleranceS: tol }).map((iv) =>
      buildPass(prop, p, look, elevation, iv.start, iv.end, windowStart, windowEnd, tol),
    );
  }
  const t = findRoot((x) => look(x).rate, a, b, tol, la.rate, lb.rate);
  let peak = { t, value: elevation(t) };
  for (const [edge, v] of [
    [a, la.el],
    [b, lb.el],
  ] as const) {
    if (v > peak.value) peak = { t: edge, value: v };
  }
  if (peak.value <= threshold) return [];
  const gd = (t: Instant): readonly [number, number] => {
    const l = look(t);
    return [l.el - threshold, l.rate];
  };
  const ga = la.el - threshold;
  const gb = lb.el - threshold;
  let aos: Instant;
  if (ga > 0) {
    aos = a === windowStart ? a : searchEdgeBackward(g, a, windowStart, periodS, tol);
  } else {
    aos = findRootWithDerivative(gd, a, peak.t, tol, ga, peak.value - threshold);
  }
  let los: Instant;
  if (gb > 0) {
    los = b === windowEnd ? b : searchEdgeForward(g, b, windowEnd, periodS, tol);
  } else {
    los = findRootWithDerivative(gd, peak.t, b, tol, peak.value - threshold, gb);
  }
  return [buildPass(prop, p, look, elevation, aos, los, windowStart, windowEnd, tol, peak)];
}

/** Fallback when a region edge is unexpectedly visible: step outwards until below, then refine. */
function searchEdgeBackward(
  g: (t: Instant) => number,
  from: Instant,
  windowStart: Instant,
  periodS: number,
  tol: number,
): Instant {
  const stepMs = Math.max(1000, (periodS / 200) * 1000);
  let hi = from;
  let ghi = g(hi);
  while (hi > windowStart) {
    const lo = Math.max(windowStart, hi - stepMs);
    const glo = g(lo);
    if (glo <= 0) return findRoot(g, lo, hi, tol, glo, ghi);
    hi = lo;
    ghi = glo;
  }
  return windowStart;
}

function searchEdgeForward(
  g: (t: Instant) => number,
  from: Instant,
  windowEnd: Instant,
  periodS: number,
  tol: number,
): Instant {
  const stepMs = Math.max(1000, (periodS / 200) * 1000);
  let lo = from;
  let glo = g(lo);
  while (lo < windowEnd) {
    const hi = Math.min(windowEnd, lo + stepMs);
    const ghi = g(hi);
    if (ghi <= 0) return findRoot(g, lo, hi, tol, glo, ghi);
    lo = hi;
    glo = ghi;
  }
  return windowEnd;
}

function buildPass(
  prop: Propagator,
  p: Prepared,
  look: (t: Instant) => { el: number; az: number },
  elevation: (t: Instant) => number,
  aos: Instant,
  los: Instant,
  windowStart: Instant,
  windowEnd: Instant,
  tol: number,
  knownPeak?: { t: Instant; value: number },
  extraFlags: readonly PassFlag[] = [],
): Pass {
  let peak = knownPeak;
  if (!peak || peak.t < aos || peak.t > los) {
    peak = findMaximum(elevation, aos, los, tol);
    for (const edge of [aos, los]) {
      const v = elevation(edge);
      if (v > peak.value) peak = { t: edge, value: v };
    }
  }
  const azAt = (t: Instant): number => look(t).az;
  const flags: PassFlag[] = [];
  if (aos <= windowStart) flags.push('aos-cut');
  if (los >= windowEnd) flags.push('los-cut');
  flags.push(...extraFlags);
  return {
    stationId: p.station.id,
    catalogNumber: prop.elements.catalogNumber,
    satelliteName: prop.elements.name,
    aosMs: aos,
    tcaMs: peak.t,
    losMs: los,
    maxElevationDeg: peak.value,
    aosAzimuthDeg: azAt(aos),
    losAzimuthDeg: azAt(los),
    durationS: (los - aos) / 1000,
    flags,
  };
}

/**
 * A geostationary object is either continuously visible (one pass spanning the window, flagged
 * `continuous`) or never; if its elevation does cross the threshold within the window (a
 * station near the edge of coverage, an inclined orbit), the crossings are reported as passes.
 */
function geostationaryPasses(
  prop: Propagator,
  p: Prepared,
  state: StateFn,
  windowStart: Instant,
  windowEnd: Instant,
  tol: number,
): Pass[] {
  const { look, elevation, g } = stationFunctions(p, state);
  // Look angles of a geostationary object change with a daily period: 15-min sampling sees
  // every extremum.
  const intervals = findPositiveIntervals(g, windowStart, windowEnd, {
    stepS: 900,
    toleranceS: tol,
  });
  return intervals.map((iv) =>
    buildPass(
      prop,
      p,
      look,
      elevation,
      iv.start,
      iv.end,
      windowStart,
      windowEnd,
      tol,
      undefined,
      iv.startCut && iv.endCut ? ['continuous'] : [],
    ),
  );
}
