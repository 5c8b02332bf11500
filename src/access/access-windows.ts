/**
 * Access windows of ground targets for one satellite and one sensor.
 *
 * Method (docs/access.md): the satellite's Earth-fixed track is sampled once (track.ts). For each
 * target, the geocentric angle ψ between target and satellite at the nodes is compared with the
 * largest ψ at which the sensor can see the target (geometry.ts, `fieldOfRegardPsiRad`); since
 * ψ changes no faster than `psiRateMaxRadS`, an interval between two nodes whose ψ are both
 * beyond that limit plus the largest change over half a step provably holds no access, and is
 * skipped. Each remaining run of candidate intervals holds at most one pass; there the core's
 * event finders refine: the best geometry (largest cos of the off-nadir angle, Brent), then the
 * window edges (Brent on cos(off-nadir) − cos(max)), then the incidence and sun constraints.
 * Grazing windows are found because the best geometry is refined before it is compared with
 * the limit.
 */
import { findMaximum, findRoot } from '../core/events.js';
import type { Instant } from '../core/time.js';
import { DEG_TO_RAD, RAD_TO_DEG } from '../core/units.js';
import {
  type PreparedTarget,
  cosIncidence,
  cosOffNadir,
  fieldOfRegardPsiRad,
  geocentricAngleRad,
  lookSideSign,
} from './geometry.js';
import { type Sensor, accessMode, sunConstraintDeg } from './sensor.js';
import { type SatelliteTrack, nodeTime, positionAt, stateAt } from './track.js';
import { splitWindowBySun, sunElevationAtDeg } from './sun-constraint.js';

/** One opportunity to image one target. Times UTC ms, angles in degrees. */
export interface AccessWindow {
  readonly targetId: string;
  readonly catalogNumber: number;
  readonly satelliteName: string;
  readonly startMs: Instant;
  readonly endMs: Instant;
  /** Time of the smallest off-nadir angle in the window (for strip sensors: the acquisition). */
  readonly bestMs: Instant;
  readonly minOffNadirDeg: number;
  /** Incidence at the target at `bestMs`. */
  readonly incidenceDeg: number;
  /** Geometric sun elevation at the target at `bestMs`. */
  readonly sunElevationDeg: number;
  /** Sign of the satellite's velocity z component at `bestMs`. */
  readonly direction: 'ascending' | 'descending';
  /** Side of the ground track the target is on at closest approach. */
  readonly lookSide: 'left' | 'right';
  /** Ground distance from the ground track at closest approach, km, positive on the right. */
  readonly crossTrackKm: number;
  /** True when the window is cut by the start (resp. end) of the search. */
  readonly startCut: boolean;
  readonly endCut: boolean;
}

export interface AccessSearchOptions {
  readonly startMs: Instant;
  readonly endMs: Instant;
  /** Precision of window edges and best time, s (default 1 ms). */
  readonly toleranceS?: number;
}

/** Slack on the ψ bound for rounding, rad (0.05°). */
const PSI_MARGIN_RAD = 0.05 * DEG_TO_RAD;

/** Per-target work shared by every target of one search. */
interface SearchContext {
  readonly track: SatelliteTrack;
  readonly sensor: Sensor;
  readonly startMs: Instant;
  readonly endMs: Instant;
  readonly tol: number;
  readonly scratch: Float64Array;
}

/**
 * Finds the access windows of each target (same order as `targets`), in time order.
 * `active`, when given, lists the track intervals worth looking at (see {@link activeIntervals}).
 */
export function findAccessWindows(
  track: SatelliteTrack,
  sensor: Sensor,
  targets: readonly PreparedTarget[],
  opts: AccessSearchOptions,
  active: Int32Array = activeIntervals(track, sensor, targets, opts),
): AccessWindow[][] {
  const ctx = searchContext(track, sensor, opts);
  const units = nodeUnits(track);
  return targets.map((t) => targetWindows(ctx, t, units, active).map((w) => makeWindow(ctx, t, w)));
}

/**
 * The same search, reduced to the window edges: for each target a flat list
 * [start0, end0, start1, end1, …] (UTC ms). The coverage grid uses it: it needs no geometry
 * at the best time, and thousands of cells make the difference count.
 */
export function findAccessIntervals(
  track: SatelliteTrack,
  sensor: Sensor,
  targets: readonly PreparedTarget[],
  opts: AccessSearchOptions,
  active: Int32Array = activeIntervals(track, sensor, targets, opts),
): number[][] {
  const ctx = searchContext(track, sensor, opts);
  const units = nodeUnits(track);
  return targets.map((t) => targetWindows(ctx, t, units, active).flatMap((w) => [w.s, w.e]));
}

function searchContext(
  track: SatelliteTrack,
  sensor: Sensor,
  opts: AccessSearchOptions,
): SearchContext {
  return {
    track,
    sensor,
    startMs: opts.startMs,
    endMs: opts.endMs,
    tol: opts.toleranceS ?? 1e-3,
    scratch: new Float64Array(6),
  };
}

/** A window as the search finds it: edges, best time, closest approach, cos(off-nadir) at best. */
interface RawWindow {
  readonly s: Instant;
  readonly e: Instant;
  readonly best: Instant;
  readonly closest: Instant;
  readonly bestCos: number;
}

const unitsCache = new WeakMap<SatelliteTrack, Float64Array>();

/** Unit vectors of the satellite at the nodes (NaN where SGP4 failed), computed once per track. */
function nodeUnits(track: SatelliteTrack): Float64Array {
  const cached = unitsCache.get(track);
  if (cached) return cached;
  const u = new Float64Array(3 * track.n);
  const p = track.positionsKm;
  for (let i = 0; i < track.n; i++) {
    if (!track.ok[i]) {
      u[3 * i] = u[3 * i + 1] = u[3 * i + 2] = NaN;
      continue;
    }
    const r = Math.hypot(p[3 * i]!, p[3 * i + 1]!, p[3 * i + 2]!);
    u[3 * i] = p[3 * i]! / r;
    u[3 * i + 1] = p[3 * i + 1]! / r;
    u[3 * i + 2] = p[3 * i + 2]! / r;
  }
  unitsCache.set(track, u);
  return u;
}

/**
 * Indices i of the track intervals [node i, node i+1] overlapping the search window where at
 * least one of the targets may be accessible: the targets' bounding cap (centre, radius) is
 * tested first, so that a grid of thousands of cells looks only at the few percent of the
 * orbit spent near its region.
 */
export function activeIntervals(
  track: SatelliteTrack,
  sensor: Sensor,
  targets: readonly PreparedTarget[],
  opts: AccessSearchOptions,
): Int32Array {
  if (targets.length === 0) return new Int32Array(0);
  let cx = 0;
  let cy = 0;
  let cz = 0;
  let minRadius = Infinity;
  for (const t of targets) {
    cx += t.unit[0];
    cy += t.unit[1];
    cz += t.unit[2];
    minRadius = Math.min(minRadius, t.radiusKm);
  }
  const cr = Math.hypot(cx, cy, cz);
  let capRad = Math.PI;
  if (cr > 1e-9) {
    cx /= cr;
    cy /= cr;
    cz /= cr;
    capRad = 0;
    for (const t of targets) {
      const c = cx * t.unit[0] + cy * t.unit[1] + cz * t.unit[2];
      capRad = Math.max(capRad, Math.acos(Math.max(-1, Math.min(1, c))));
    }
  }
  const limit =
    fieldOfRegardPsiRad(sensor, track.maxRadiusKm, minRadius) +
    PSI_MARGIN_RAD +
    capRad +
    (track.psiRateMaxRadS * track.stepS) / 2;
  const units = nodeUnits(track);
  const psi = new Float64Array(track.n);
  for (let i = 0; i < track.n; i++) {
    const c = units[3 * i]! * cx + units[3 * i + 1]! * cy + units[3 * i + 2]! * cz;
    psi[i] = Number.isNaN(c) ? NaN : Math.acos(Math.max(-1, Math.min(1, c)));
  }
  const out: number[] = [];
  for (let i = 0; i < track.n - 1; i++) {
    if (nodeTime(track, i + 1) <= opts.startMs || nodeTime(track, i) >= opts.endMs) continue;
    const a = psi[i]!;
    const b = psi[i + 1]!;
    if (Number.isNaN(a) || Number.isNaN(b)) continue; // SGP4 failed: no state, no access
    if (Math.min(a, b) <= limit) out.push(i);
  }
  return Int32Array.from(out);
}

function targetWindows(
  ctx: SearchContext,
  target: PreparedTarget,
  units: Float64Array,
  active: Int32Array,
): RawWindow[] {
  const { track } = ctx;
  const psiLim = fieldOfRegardPsiRad(ctx.sensor, track.maxRadiusKm, target.radiusKm);
  const wide = psiLim + PSI_MARGIN_RAD + (track.psiRateMaxRadS * track.stepS) / 2;
  const cosWide = wide >= Math.PI ? -2 : Math.cos(wide);
  const [ux, uy, uz] = target.unit;
  const out: RawWindow[] = [];
  let regionStart = -1;
  let regionEnd = -1;
  for (let k = 0; k < active.length; k++) {
    const i = active[k]!;
    const c0 = units[3 * i]! * ux + units[3 * i + 1]! * uy + units[3 * i + 2]! * uz;
    const c1 = units[3 * i + 3]! * ux + units[3 * i + 4]! * uy + units[3 * i + 5]! * uz;
    if (!(Math.max(c0, c1) >= cosWide)) continue;
    if (regionStart >= 0 && i === regionEnd) {
      regionEnd = i + 1;
      continue;
    }
    if (regionStart >= 0) searchRegion(ctx, target, regionStart, regionEnd, out);
    regionStart = i;
    regionEnd = i + 1;
  }
  if (regionStart >= 0) searchRegion(ctx, target, regionStart, regionEnd, out);
  return out;
}

/** Searches the candidate run of nodes [i0, i1] (one pass, or a few for long runs). */
function searchRegion(
  ctx: SearchContext,
  target: PreparedTarget,
  i0: number,
  i1: number,
  out: RawWindow[],
): void {
  const a = Math.max(ctx.startMs, nodeTime(ctx.track, i0));
  const b = Math.min(ctx.endMs, nodeTime(ctx.track, i1));
  if (!(b > a)) return;
  const f = (t: Instant): number =>
    positionAt(ctx.track, t, ctx.scratch) ? cosOffNadir(ctx.scratch, target) : -2;
  // A run longer than a quarter orbit may hold several passes (high or slow orbits, polar
  // targets): split it at the sampled minima of cos(off-nadir) so each piece is unimodal.
  if ((b - a) / 1000 > ctx.track.periodS / 4) {
    const found: RawWindow[] = [];
    for (const [pa, pb] of unimodalPieces(f, a, b, Math.min(30, ctx.track.periodS / 200))) {
      searchPass(ctx, target, f, pa, pb, found);
    }
    out.push(...mergeTouching(found, ctx.tol * 1000));
  } else {
    searchPass(ctx, target, f, a, b, out, i0, i1);
  }
}

/** Joins windows split only at a piece boundary (their edges meet). */
function mergeTouching(windows: RawWindow[], tolMs: number): RawWindow[] {
  const out: RawWindow[] = [];
  for (const w of windows) {
    const last = out[out.length - 1];
    if (last && w.s - last.e <= tolMs) {
      const best = w.bestCos > last.bestCos ? w : last;
      out[out.length - 1] = { ...best, s: last.s, e: w.e };
    } else out.push(w);
  }
  return out;
}

function unimodalPieces(
  f: (t: Instant) => number,
  a: Instant,
  b: Instant,
  stepS: number,
): [Instant, Instant][] {
  const n = Math.ceil((b - a) / (stepS * 1000));
  const ts: number[] = [];
  const vs: number[] = [];
  for (let k = 0; k <= n; k++) {
    const t = k === n ? b : a + k * stepS * 1000;
    ts.push(t);
    vs.push(f(t));
  }
  const pieces: [Instant, Instant][] = [];
  let start = a;
  for (let k = 1; k < n; k++) {
    if (vs[k]! < vs[k - 1]! && vs[k]! <= vs[k + 1]!) {
      pieces.push([start, ts[k]!]);
      start = ts[k]!;
    }
  }
  pieces.push([start, b]);
  return pieces;
}

/**
 * One pass over [a, b]: f = cos(off-nadir) is unimodal there. When the run of track nodes
 * [i0, i1] is known, f at the nodes (exact SGP4 states) narrows every bracket to one or two
 * node steps before the root and maximum finders start.
 */
function searchPass(
  ctx: SearchContext,
  target: PreparedTarget,
  f: (t: Instant) => number,
  a: Instant,
  b: Instant,
  out: RawWindow[],
  i0 = -1,
  i1 = -1,
): void {
  const { sensor, tol, track } = ctx;
  const p = track.positionsKm;
  const node = (k: number): number => {
    const sx = p[3 * k]!;
    const sy = p[3 * k + 1]!;
    const sz = p[3 * k + 2]!;
    const dx = target.x - sx;
    const dy = target.y - sy;
    const dz = target.z - sz;
    return (
      -(sx * dx + sy * dy + sz * dz) /
      Math.sqrt((sx * sx + sy * sy + sz * sz) * (dx * dx + dy * dy + dz * dz))
    );
  };
  const nc: number[] = [];
  let kBest = -1;
  if (i0 >= 0) {
    for (let k = i0; k <= i1; k++) {
      nc.push(node(k));
      if (kBest < 0 || nc[k - i0]! > nc[kBest - i0]!) kBest = k;
    }
  }
  const lo = kBest > i0 ? Math.max(a, nodeTime(track, kBest - 1)) : a;
  const hi = kBest >= 0 && kBest < i1 ? Math.min(b, nodeTime(track, kBest + 1)) : b;
  let peak = findMaximum(f, lo, hi, tol);
  const fa = f(a);
  const fb = f(b);
  if (fa > peak.value) peak = { t: a, value: fa };
  if (fb > peak.value) peak = { t: b, value: fb };
  const interior = peak.t > a + tol * 1000 && peak.t < b - tol * 1000;
  if (accessMode(sensor) === 'strip') {
    // The acquisition happens at closest approach: it must lie inside the search window.
    if (!interior && !((peak.t === a && a > ctx.startMs) || (peak.t === b && b < ctx.endMs)))
      return;
    if (!stripAccepts(ctx, target, peak.t)) return;
    out.push({ s: peak.t, e: peak.t, best: peak.t, closest: peak.t, bestCos: peak.value });
    return;
  }
  if (sensor.kind !== 'optical') return;
  const cosMax = Math.cos(sensor.maxOffNadirDeg * DEG_TO_RAD);
  if (peak.value < cosMax) return;
  const g = (t: Instant): number => f(t) - cosMax;
  // Brackets: the last node before the peak (first after) where the target is out of reach.
  let sa = a;
  let ga = fa - cosMax;
  let sb = peak.t;
  let ea = peak.t;
  let eb = b;
  let gb = fb - cosMax;
  if (i0 >= 0) {
    for (let k = i1; k >= i0; k--) {
      const t = nodeTime(track, k);
      if (t >= peak.t || t <= a) continue;
      if (nc[k - i0]! < cosMax) {
        sa = t;
        ga = nc[k - i0]! - cosMax;
        break;
      }
      sb = t;
    }
    for (let k = i0; k <= i1; k++) {
      const t = nodeTime(track, k);
      if (t <= peak.t || t >= b) continue;
      if (nc[k - i0]! < cosMax) {
        eb = t;
        gb = nc[k - i0]! - cosMax;
        break;
      }
      ea = t;
    }
  }
  let start = ga >= 0 ? sa : findRoot(g, sa, sb, tol, ga, g(sb));
  let end = gb >= 0 ? eb : findRoot(g, ea, eb, tol, g(ea), gb);
  // Largest incidence: incidence is smallest near closest approach and grows towards both
  // edges, so the constraint trims the window at each edge where it is violated.
  if (sensor.maxIncidenceDeg !== undefined) {
    const cosInc = Math.cos(sensor.maxIncidenceDeg * DEG_TO_RAD);
    const h = (t: Instant): number =>
      stateAt(ctx.track, t, ctx.scratch) ? cosIncidence(ctx.scratch, target) - cosInc : -2;
    const hs = h(start);
    const he = h(end);
    if (hs < 0 || he < 0) {
      const best = findMaximum(h, start, end, tol);
      if (best.value < 0) return;
      if (hs < 0) start = findRoot(h, start, best.t, tol, hs, best.value);
      if (he < 0) end = findRoot(h, best.t, end, tol, best.value, he);
    }
  }
  const minSun = sunConstraintDeg(sensor);
  const pieces =
    minSun === null
      ? [[start, end] as const]
      : splitWindowBySun(track, target, start, end, minSun, tol);
  for (const [s, e] of pieces) {
    const best = Math.min(e, Math.max(s, peak.t));
    out.push({ s, e, best, closest: peak.t, bestCos: best === peak.t ? peak.value : f(best) });
  }
}

/** Does a strip sensor image the target at closest approach `t`? */
function stripAccepts(ctx: SearchContext, target: PreparedTarget, t: Instant): boolean {
  const { sensor, track, scratch } = ctx;
  if (!stateAt(track, t, scratch)) return false;
  if (sensor.kind === 'nadir') {
    if (geocentricAngleRad(scratch, target) > sensor.swathKm / 2 / target.radiusKm) return false;
  } else if (sensor.kind === 'sar') {
    const inc = Math.acos(Math.max(-1, Math.min(1, cosIncidence(scratch, target)))) * RAD_TO_DEG;
    if (inc < sensor.incidenceNearDeg || inc > sensor.incidenceFarDeg) return false;
    const side = lookSideSign(scratch, target);
    if (sensor.lookSide === 'right' && side < 0) return false;
    if (sensor.lookSide === 'left' && side > 0) return false;
  }
  const minSun = sunConstraintDeg(sensor);
  return minSun === null || sunElevationAtDeg(track, target, t) >= minSun;
}

function makeWindow(ctx: SearchContext, target: PreparedTarget, w: RawWindow): AccessWindow {
  const { s: startMs, e: endMs, best: bestMs, closest: closestMs } = w;
  const { track, scratch } = ctx;
  stateAt(track, closestMs, scratch);
  const side = lookSideSign(scratch, target);
  const crossTrackKm = side * geocentricAngleRad(scratch, target) * target.radiusKm;
  stateAt(track, bestMs, scratch);
  const tolMs = ctx.tol * 1000;
  return {
    targetId: target.id,
    catalogNumber: track.catalogNumber,
    satelliteName: track.satelliteName,
    startMs,
    endMs,
    bestMs,
    minOffNadirDeg: Math.acos(Math.max(-1, Math.min(1, cosOffNadir(scratch, target)))) * RAD_TO_DEG,
    incidenceDeg: Math.acos(Math.max(-1, Math.min(1, cosIncidence(scratch, target)))) * RAD_TO_DEG,
    sunElevationDeg: sunElevationAtDeg(track, target, bestMs),
    direction: scratch[5]! >= 0 ? 'ascending' : 'descending',
    lookSide: side > 0 ? 'right' : 'left',
    crossTrackKm,
    startCut: startMs <= ctx.startMs + tolMs && accessMode(ctx.sensor) === 'agile',
    endCut: endMs >= ctx.endMs - tolMs && accessMode(ctx.sensor) === 'agile',
  };
}
