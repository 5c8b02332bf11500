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
  readonly ok: Uint8Array;
}

/** Coarse step (s) for near-Earth objects when sampling in bulk: ψ moves ≤ ~8° per step. */
export const BULK_COARSE_STEP_S = 240;

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

  if (isGeostationary(el)) {
    for (const p of prepared) {
      passes.push(...geostationaryPasses(prop, p, stateItrf, startMs, endMs, tol));
    }
  } else {
    let times: Float64Array;
    let pos: Float64Array;
    let ok: Uint8Array;
    if (
      coarse &&
      coarse.timesMs[0] === startMs &&
      coarse.timesMs[coarse.timesMs.length - 1] === endMs
    ) {
      ({ timesMs: times, positionsKm: pos, ok } = coarse);
      for (let i = 0; i < ok.length; i++) {
        if (!ok[i]) {
          stateItrf(times[i]!); // records the SGP4 error
          break;
        }
      }
    } else {
      // Coarse grid: a step over which ψ moves by at most ~8°, and no longer than 5 min.
      times = coarseGrid(startMs, endMs, Math.min(300, Math.max(20, (0.14 * 2) / psiRateMax)));
      pos = new Float64Array(3 * times.length);
      ok = new Uint8Array(times.length);
      for (let i = 0; i < times.length; i++) {
        const t = times[i]!;
        const s = prop.at(t);
        if (s.ok) {
          const r = temeToItrfPosition(s.positionKm, t, dut1S);
          pos[3 * i] = r.x;
          pos[3 * i + 1] = r.y;
          pos[3 * i + 2] = r.z;
          ok[i] = 1;
        } else if (!firstError) {
          firstError = {
            catalogNumber: el.catalogNumber,
            satelliteName: el.name,
            atMs: t,
            errorCode: s.errorCode,
            message: s.message,
          };
        }
      }
    }
    const n = times.length;
    for (const p of prepared) {
      const psiLimit = visibilityAngleRad(p.minThresholdDeg, p.radiusKm, apogeeKm) + PSI_MARGIN_RAD;
      const psi = new Float64Array(n);
      const [ux, uy, uz] = p.unit;
      for (let i = 0; i < n; i++) {
        if (!ok[i]) {
          psi[i] = 0; // unknown: treat as possibly visible, the fine search decides
          continue;
        }
        const x = pos[3 * i]!;
        const y = pos[3 * i + 1]!;
        const z = pos[3 * i + 2]!;
        const c = (ux * x + uy * y + uz * z) / Math.sqrt(x * x + y * y + z * z);
        psi[i] = Math.acos(Math.max(-1, Math.min(1, c)));
      }
      // Merge candidate intervals [t_i, t_{i+1}] into regions.
      let regionStart = -1;
      for (let i = 0; i < n - 1; i++) {
        const dt = (times[i + 1]! - times[i]!) / 1000;
        const lowest = 0.5 * (psi[i]! + psi[i + 1]!) - 0.5 * psiRateMax * dt;
        const candidate = lowest <= psiLimit;
        if (candidate && regionStart < 0) regionStart = i;
        if (!candidate && regionStart >= 0) {
          searchRegion(times[regionStart]!, times[i]!);
          regionStart = -1;
        }
      }
      if (regionStart >= 0) searchRegion(times[regionStart]!, times[n - 1]!);

      function searchRegion(a: Instant, b: Instant): void {
        passes.push(
          ...passesInRegion(prop, p, stateItrf, a, b, startMs, endMs, tol, periodS, psiRateMax),
        );
      }
    }
  }
  if (firstError) issues.push(firstError);
  passes.sort((x, y) => x.aosMs - y.aosMs || x.stationId.localeCompare(y.stationId));
  return { passes, issues };
}

function temeToItrfPosition(r: TemeVec, t: Instant, dut1S: number): ItrfVec {
  const g = gmst1982(t, dut1S);
  const c = Math.cos(g);
  const s = Math.sin(g);
  return itrf(c * r.x + s * r.y, -s * r.x + c * r.y, r.z);
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
): Pass[] {
  const look = lookAnglesCache(p, state);
  const elevation = (t: Instant): number => look(t).el;
  const g = (t: Instant): number => {
    const la = look(t);
    return Number.isNaN(la.az) ? NOT_VISIBLE_DEG : la.el - p.threshold(la.az);
  };
  // Long regions (slow or high orbits) may hold several passes, and a horizon mask may split a
  // pass: use the generic interval search, sampling every ~2° of the fastest geocentric motion
  // (the elevation hump of a pass is much wider than that).
  if ((b - a) / 1000 > periodS / 2 || p.constantThreshold === null) {
    const stepS = Math.max(10, Math.min(900, 0.035 / psiRateMax));
    return findPositiveIntervals(g, a, b, { stepS, toleranceS: tol }).map((iv) =>
      buildPass(prop, p, look, elevation, iv.start, iv.end, windowStart, windowEnd, tol),
    );
  }
  const threshold = p.constantThreshold;
  const la = look(a);
  const lb = look(b);
  // Culmination: where the elevation rate changes sign (Brent on the analytic rate), or the
  // plain maximum search when the region does not bracket it (window edges, SGP4 failures).
  let peak: { t: Instant; value: number };
  if (la.rate > 0 && lb.rate < 0) {
    const t = findRoot((x) => look(x).rate, a, b, tol, la.rate, lb.rate);
    peak = { t, value: elevation(t) };
  } else {
    peak = findMaximum(elevation, a, b, tol);
  }
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
  const look = lookAnglesCache(p, state);
  const elevation = (t: Instant): number => look(t).el;
  const g = (t: Instant): number => {
    const la = look(t);
    return Number.isNaN(la.az) ? NOT_VISIBLE_DEG : la.el - p.threshold(la.az);
  };
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
