/**
 * What the aeossp solver precomputes: every satellite's position on the action grid (the
 * geometry samples coincide with it: both 5 s in every case), each task's feasible start times
 * per satellite (visible and within the off-nadir limit at every sample of the observation),
 * and each satellite's eclipse intervals for the battery model. Pure computation.
 */
import {
  type SatelliteTrack,
  memoisedJ2000Matrix,
  satelliteTrack,
  targetEcef,
} from './ephemeris.js';
import { gmst1982 } from '../../core/earth-rotation.js';
import { applyInto, inShadow, sunUnitJ2000 } from './frames.js';
import type { AeosspCase } from './model.js';

/** A run of feasible start indices on the grid for one task on one satellite. */
export interface Opportunity {
  readonly sat: number;
  readonly task: number;
  /** First and last feasible start, grid indices (inclusive). */
  readonly kMin: number;
  readonly kMax: number;
}

export interface Precomputed {
  /** Grid step, s (the action step). */
  readonly stepS: number;
  /** Number of grid instants (horizon / step + 1). */
  readonly nK: number;
  /** TEME positions (km) per satellite: `[3·k]`. */
  readonly satTeme: readonly Float64Array[];
  /** cos and sin of GMST at each grid instant. */
  readonly gmstCos: Float64Array;
  readonly gmstSin: Float64Array;
  /** Earth-fixed target positions: `[3·task]`. */
  readonly targets: Float64Array;
  /** Duration of each task in grid steps. */
  readonly durK: Int32Array;
  readonly opportunities: readonly Opportunity[];
  /** Opportunities per task and per satellite. */
  readonly byTask: readonly (readonly Opportunity[])[];
  readonly bySat: readonly (readonly Opportunity[])[];
  /** Eclipse intervals per satellite, seconds from horizon start, sorted, disjoint. */
  readonly eclipses: readonly (readonly (readonly [number, number])[])[];
}

/**
 * Precomputes the solver's tables. `onProgress(done, total)` per satellite. `offNadirSlackDeg`
 * widens the off-nadir limit (0 for the solver; the upper bound uses a small positive slack so
 * that its starts include every start the checker, with its 10⁻⁶° tolerance, accepts).
 */
export function precompute(
  c: AeosspCase,
  onProgress?: (done: number, total: number) => void,
  offNadirSlackDeg = 0,
): Precomputed {
  const { mission } = c;
  const stepS = mission.actionTimeStepS;
  const h0 = mission.horizonStartMs;
  const nK = Math.floor((mission.horizonEndMs - h0) / 1000 / stepS) + 1;
  const gmstCos = new Float64Array(nK);
  const gmstSin = new Float64Array(nK);
  for (let k = 0; k < nK; k++) {
    const g = gmst1982(h0 + k * stepS * 1000);
    gmstCos[k] = Math.cos(g);
    gmstSin[k] = Math.sin(g);
  }
  const nTask = c.tasks.length;
  const targets = new Float64Array(3 * nTask);
  c.tasks.forEach((t, i) => targets.set(targetEcef(t), 3 * i));
  const durK = Int32Array.from(c.tasks, (t) => Math.round(t.requiredDurationS / stepS));
  const satTeme: Float64Array[] = [];
  const opportunities: Opportunity[] = [];
  const eclipses: (readonly [number, number])[][] = [];
  const ok = new Uint8Array(nK);
  const matrixAt = memoisedJ2000Matrix();
  c.satellites.forEach((sat, si) => {
    const tr = satelliteTrack(sat);
    const teme = new Float64Array(3 * nK);
    const ecef = new Float64Array(3 * nK);
    const valid = new Uint8Array(nK);
    const p = new Float64Array(3);
    for (let k = 0; k < nK; k++) {
      if (!tr.teme(h0 + k * stepS * 1000, p)) continue;
      valid[k] = 1;
      teme.set(p, 3 * k);
      const cg = gmstCos[k]!;
      const sg = gmstSin[k]!;
      ecef[3 * k] = cg * p[0]! + sg * p[1]!;
      ecef[3 * k + 1] = -sg * p[0]! + cg * p[1]!;
      ecef[3 * k + 2] = p[2]!;
    }
    satTeme.push(teme);
    const cosMax = Math.cos(((sat.maxOffNadirDeg + offNadirSlackDeg) * Math.PI) / 180);
    c.tasks.forEach((task, ti) => {
      if (task.requiredSensorType !== sat.sensorType) return;
      const d = durK[ti]!;
      const kLo = Math.max(0, Math.ceil((task.releaseMs - h0) / 1000 / stepS - 1e-9));
      const kHi = Math.min(nK - 1, Math.floor((task.dueMs - h0) / 1000 / stepS + 1e-9));
      if (kHi - kLo < d) return;
      const tx = targets[3 * ti]!;
      const ty = targets[3 * ti + 1]!;
      const tz = targets[3 * ti + 2]!;
      // quick reject: the satellite never above the target's horizon plane in the window
      for (let k = kLo; k <= kHi; k++) {
        ok[k] = 0;
        if (!valid[k]) continue;
        const sx = ecef[3 * k]!;
        const sy = ecef[3 * k + 1]!;
        const sz = ecef[3 * k + 2]!;
        const dx = sx - tx;
        const dy = sy - ty;
        const dz = sz - tz;
        if (!(dx * tx + dy * ty + dz * tz > 0)) continue;
        // off-nadir: angle between −sat and target − sat
        const dot = sx * dx + sy * dy + sz * dz; // = (−sat)·(tgt − sat)
        const nS = Math.sqrt(sx * sx + sy * sy + sz * sz);
        const nD = Math.sqrt(dx * dx + dy * dy + dz * dz);
        if (dot >= nS * nD * cosMax) ok[k] = 1;
      }
      // feasible starts: all of k … k+d fine
      let run = 0;
      let first = -1;
      let last = -1;
      const flush = (): void => {
        if (first >= 0) opportunities.push({ sat: si, task: ti, kMin: first, kMax: last });
        first = last = -1;
      };
      for (let k = kLo; k <= kHi; k++) {
        run = ok[k] ? run + 1 : 0;
        if (run >= d + 1) {
          const start = k - d;
          if (first >= 0 && start === last + 1) last = start;
          else {
            flush();
            first = last = start;
          }
        }
      }
      flush();
    });
    eclipses.push(eclipseIntervals(tr, h0, (nK - 1) * stepS, matrixAt));
    onProgress?.(si + 1, c.satellites.length);
  });
  const byTask: Opportunity[][] = Array.from({ length: nTask }, () => []);
  const bySat: Opportunity[][] = c.satellites.map(() => []);
  for (const o of opportunities) {
    byTask[o.task]!.push(o);
    bySat[o.sat]!.push(o);
  }
  for (const l of bySat) l.sort((a, b) => a.kMin - b.kMin);
  return {
    stepS,
    nK,
    satTeme,
    gmstCos,
    gmstSin,
    targets,
    durK,
    opportunities,
    byTask,
    bySat,
    eclipses,
  };
}

/**
 * Eclipse intervals (s from `h0`) by the checker's cylindrical test: sampled every 10 s, edges
 * refined by bisection to 0.1 ms.
 */
function eclipseIntervals(
  tr: SatelliteTrack,
  h0: number,
  horizonS: number,
  matrixAt: (t: number) => Float64Array,
): [number, number][] {
  const p = new Float64Array(3);
  const q = new Float64Array(3);
  const dark = (tS: number): boolean => {
    const t = h0 + tS * 1000;
    if (!tr.teme(t, p)) return false;
    applyInto(matrixAt(t), p, q);
    return inShadow(q, sunUnitJ2000(t));
  };
  const edge = (a: number, b: number, darkAtA: boolean): number => {
    while (b - a > 1e-4) {
      const mid = (a + b) / 2;
      if (dark(mid) === darkAtA) a = mid;
      else b = mid;
    }
    return (a + b) / 2;
  };
  const out: [number, number][] = [];
  let prev = dark(0);
  let start = prev ? -1 : 0;
  let prevT = 0;
  for (let t = 10; ; t += 10) {
    const tt = Math.min(t, horizonS);
    const cur = dark(tt);
    if (cur !== prev) {
      const e = edge(prevT, tt, prev);
      if (cur) start = e;
      else out.push([start, e]);
      prev = cur;
    }
    prevT = tt;
    if (tt >= horizonS) break;
  }
  if (prev) out.push([start, horizonS + 1]);
  return out;
}
