/**
 * An upper bound on the weight any valid aeossp plan can complete: a Lagrangian relaxation of
 * "each task counts once" that leaves one independent problem per satellite — the heaviest
 * sequence of observations with the true time-dependent slew between every pair, battery
 * ignored — solved exactly by dynamic programming over every (task, feasible start) state.
 * Prices 0 ≤ λ_t ≤ w_t on the tasks are tuned by subgradient steps; every λ gives a bound.
 *
 * Why it is a bound: on every satellite, a valid plan's observations in time order are a path
 * of that satellite's graph (the same 5-s grid of starts, the same slew rule from the previous
 * end or from nadir, a task even allowed twice; the battery is dropped). Valued at w − λ, the
 * plan's paths plus Σ_t λ_t come to its weight plus (n_t − 1)(w_t − λ_t) ≥ 0 for every task
 * observed n_t ≥ 1 times, plus λ_t ≥ 0 for the others: at least its weight, and each satellite's
 * heaviest path is at least its own. Where our numbers could differ from the checker's, the
 * relaxation is the generous side: starts are computed with the off-nadir limit widened by
 * {@link BOUND_OFF_NADIR_SLACK_DEG} (the checker tolerates 10⁻⁶°), and transitions are accepted
 * up to {@link BOUND_SLACK_S} short of the required gap (slew angles come from TEME vectors,
 * within 10⁻⁶° of the checker's frame).
 */
import type { AeosspCase } from './model.js';
import { type Precomputed, precompute } from './opportunities.js';
import { Schedule } from './sequence.js';

/** Slack on every slew gap in the relaxation (s): generous, so the bound stays a bound. */
export const BOUND_SLACK_S = 1e-3;
/** Widening of the off-nadir limit for the bound's starts (deg), above the checker's 10⁻⁶°. */
export const BOUND_OFF_NADIR_SLACK_DEG = 1e-4;

/** One satellite's states and feasible transitions (compressed rows of near predecessors). */
export interface SatelliteGraph {
  readonly n: number;
  /** Task and start / end grid index per state, states sorted by start. */
  readonly task: Int32Array;
  readonly k: Int32Array;
  readonly end: Int32Array;
  /** 1 when the state can be the satellite's first observation (slew from nadir). */
  readonly entry: Uint8Array;
  /** 1 when removing the state from a valid sequence keeps it valid (see the builder). */
  readonly droppable: Uint8Array;
  /** Near predecessors of state j: `preds[predStart[j] … predStart[j+1])`. */
  readonly predStart: Int32Array;
  readonly preds: Int32Array;
  /** States in order of end; `farCount[j]` of them end early enough to always reach j. */
  readonly byEnd: Int32Array;
  readonly farCount: Int32Array;
}

/**
 * Largest angle (deg) a slew with settling can cover in `availableS` seconds (the inverse of
 * the bang-coast-bang time); −1 when even settling does not fit.
 */
export function reachableAngleDeg(
  availableS: number,
  omegaDegS: number,
  alphaDegS2: number,
  settlingS: number,
): number {
  const t = availableS - settlingS;
  if (t < 0) return -1;
  const tRamp = (2 * omegaDegS) / alphaDegS2;
  if (t <= tRamp) return (alphaDegS2 * t * t) / 4;
  return (omegaDegS * omegaDegS) / alphaDegS2 + (t - tRamp) * omegaDegS;
}

/**
 * Builds the graph of satellite `si` over every feasible start of every opportunity it has.
 * `slackS` > 0 accepts transitions that short by that much (a relaxation).
 */
export function buildSatelliteGraph(
  c: AeosspCase,
  pre: Precomputed,
  si: number,
  slackS = BOUND_SLACK_S,
): SatelliteGraph {
  const sat = c.satellites[si]!;
  const { durK, stepS } = pre;
  const s = new Schedule(c, pre);
  const list: [number, number][] = [];
  for (const o of pre.bySat[si]!) for (let k = o.kMin; k <= o.kMax; k++) list.push([o.task, k]);
  list.sort((a, b) => a[1] - b[1] || a[0] - b[0]);
  const n = list.length;
  const task = Int32Array.from(list, (x) => x[0]);
  const k = Int32Array.from(list, (x) => x[1]);
  const end = Int32Array.from(list, (x) => x[1] + durK[x[0]]!);
  const su = new Float64Array(3 * n); // unit pointing at start
  const eu = new Float64Array(3 * n); // unit pointing at end
  const v = new Float64Array(3);
  const unitInto = (arr: Float64Array, i: number): void => {
    const norm = Math.hypot(v[0]!, v[1]!, v[2]!);
    arr[3 * i] = v[0]! / norm;
    arr[3 * i + 1] = v[1]! / norm;
    arr[3 * i + 2] = v[2]! / norm;
  };
  const entry = new Uint8Array(n);
  const omega = sat.maxSlewVelocityDegS;
  const alpha = sat.maxSlewAccelerationDegS2;
  const cosReach = (availableS: number): number => {
    const a = reachableAngleDeg(availableS + slackS, omega, alpha, sat.settlingTimeS);
    if (a < 0) return Infinity; // nothing reachable
    return a >= 180 ? -Infinity : Math.cos((a * Math.PI) / 180);
  };
  for (let i = 0; i < n; i++) {
    s.pointing(si, task[i]!, k[i]!, v);
    unitInto(su, i);
    s.pointing(si, task[i]!, end[i]!, v);
    unitInto(eu, i);
    // from nadir (−satellite position) at the start, the gap counted from the horizon start
    const p = pre.satTeme[si]!;
    const kk = k[i]!;
    const px = p[3 * kk]!;
    const py = p[3 * kk + 1]!;
    const pz = p[3 * kk + 2]!;
    const cos =
      -(px * su[3 * i]! + py * su[3 * i + 1]! + pz * su[3 * i + 2]!) / Math.hypot(px, py, pz);
    entry[i] = cos >= cosReach(kk * stepS) ? 1 : 0;
  }
  // A state whose own pointing turns by less than a slew could in its duration plus one
  // settling is "droppable": removing it from a valid sequence leaves a valid sequence (the
  // angle from its predecessor to its successor is at most the two slews plus that turn, and
  // the covered angle is superadditive in time). A second observation of the same task right
  // after the first is then never needed, and the DP forbids it; elsewhere it stays allowed.
  const droppable = new Uint8Array(n);
  for (let j = 0; j < n; j++) {
    const cos =
      su[3 * j]! * eu[3 * j]! + su[3 * j + 1]! * eu[3 * j + 1]! + su[3 * j + 2]! * eu[3 * j + 2]!;
    const turn = (Math.acos(Math.min(1, cos)) * 180) / Math.PI;
    const reach = reachableAngleDeg(
      (end[j]! - k[j]!) * stepS + 2 * sat.settlingTimeS,
      omega,
      alpha,
      sat.settlingTimeS,
    );
    droppable[j] = turn + 1e-6 <= reach ? 1 : 0;
  }
  // a predecessor ending `farK` steps or more before a start always reaches it
  let farK = 1;
  while (cosReach(farK * stepS) > -Infinity) farK++;
  const cosByGap = Float64Array.from({ length: farK }, (_, g) => cosReach(g * stepS));
  const byEnd = Int32Array.from({ length: n }, (_, i) => i).sort(
    (a, b) => end[a]! - end[b]! || a - b,
  );
  const farCount = new Int32Array(n);
  const predStart = new Int32Array(n + 1);
  let preds = new Int32Array(Math.max(16, 8 * n));
  let m = 0;
  let farPtr = 0;
  let nearLo = 0;
  for (let j = 0; j < n; j++) {
    const kj = k[j]!;
    while (farPtr < n && end[byEnd[farPtr]!]! <= kj - farK) farPtr++;
    farCount[j] = farPtr;
    nearLo = Math.max(nearLo, farPtr);
    predStart[j] = m;
    const sx = su[3 * j]!;
    const sy = su[3 * j + 1]!;
    const sz = su[3 * j + 2]!;
    for (let q = farPtr; q < n; q++) {
      const i = byEnd[q]!;
      const gap = kj - end[i]!;
      if (gap <= 0) break;
      if (task[i] === task[j] && droppable[j]) continue;
      const cos = eu[3 * i]! * sx + eu[3 * i + 1]! * sy + eu[3 * i + 2]! * sz;
      if (cos < cosByGap[gap]!) continue;
      if (m === preds.length) {
        const grown = new Int32Array(2 * m);
        grown.set(preds);
        preds = grown;
      }
      preds[m++] = i;
    }
  }
  predStart[n] = m;
  return {
    n,
    task,
    k,
    end,
    entry,
    droppable,
    predStart,
    preds: preds.slice(0, m),
    byEnd,
    farCount,
  };
}

/**
 * A stretch of a satellite between two fixed observations: states must start at or after
 * `kFrom` and end at or before `kTo`, follow the fixed predecessor (`entry`) and precede the
 * fixed successor (`exit`).
 */
export interface PathWindow {
  readonly kFrom: number;
  readonly kTo: number;
  readonly entry: (j: number) => boolean;
  readonly exit: (j: number) => boolean;
}

/**
 * The heaviest path of a satellite graph for per-task values `value` (any sign; −∞ excludes a
 * task): its value (≥ 0, the empty sequence) and its states in time order. With `win`, only
 * inside that stretch.
 */
export function heaviestPath(
  g: SatelliteGraph,
  value: ArrayLike<number>,
  win?: PathWindow,
): { value: number; states: number[] } {
  const { n, task, k, end, entry, predStart, preds, byEnd, farCount } = g;
  const best = new Float64Array(n).fill(-Infinity);
  const parent = new Int32Array(n);
  let farBest = -Infinity;
  let farArg = -1;
  let farDone = 0;
  let bestJ = -1;
  let bestV = 0;
  let j0 = 0;
  if (win) {
    let hi = n;
    while (j0 < hi) {
      const mid = (j0 + hi) >> 1;
      if (k[mid]! < win.kFrom) j0 = mid + 1;
      else hi = mid;
    }
  }
  for (let j = j0; j < n; j++) {
    if (win && k[j]! > win.kTo) break;
    while (farDone < farCount[j]!) {
      const i = byEnd[farDone++]!;
      if (best[i]! > farBest) {
        farBest = best[i]!;
        farArg = i;
      }
    }
    const vj = value[task[j]!]!;
    if (vj === -Infinity || (win && end[j]! > win.kTo)) continue;
    let b = (win ? win.entry(j) : entry[j]) ? 0 : -Infinity;
    let arg = -1;
    if (farBest > b) {
      b = farBest;
      arg = farArg;
    }
    for (let q = predStart[j]!; q < predStart[j + 1]!; q++) {
      const i = preds[q]!;
      if (best[i]! > b) {
        b = best[i]!;
        arg = i;
      }
    }
    best[j] = b + vj;
    parent[j] = arg;
    if (best[j]! > bestV && (!win || win.exit(j))) {
      bestV = best[j]!;
      bestJ = j;
    }
  }
  const states: number[] = [];
  for (let j = bestJ; j >= 0; j = parent[j]!) states.push(j);
  states.reverse();
  return { value: bestV, states };
}

export interface AeosspBound {
  /** The best (smallest) dual value found: no valid plan completes more weight. */
  readonly bound: number;
  /** The dual value with all prices zero (each satellite alone, tasks shared freely). */
  readonly firstBound: number;
  /** Weight of the tasks with at least one opportunity (the trivial bound). */
  readonly reachableWeight: number;
  readonly iterations: number;
  /** Per satellite, its path value at the best prices (its share of the bound, w − λ). */
  readonly perSatellite: readonly number[];
}

/**
 * Lagrangian bound by subgradient descent (Polyak steps towards `target`, a weight some plan
 * reaches; the step shrinks when the dual stalls). Stops after `iterations` or `timeLimitS`.
 * `pre` is for tests that build a smaller problem; by default the case is precomputed here
 * with the bound's widened off-nadir limit.
 */
export function lagrangianBound(
  c: AeosspCase,
  opts: {
    readonly target: number;
    readonly iterations?: number;
    readonly timeLimitS?: number;
    readonly pre?: Precomputed;
  },
): AeosspBound {
  const t0 = performance.now();
  const pre = opts.pre ?? precompute(c, undefined, BOUND_OFF_NADIR_SLACK_DEG);
  const graphs = c.satellites.map((_, si) => buildSatelliteGraph(c, pre, si));
  const nTask = c.tasks.length;
  const w = Float64Array.from(c.tasks, (t) => t.weight);
  const reachable = pre.byTask.map((l) => l.length > 0);
  const reachableWeight = c.tasks.reduce((a, t, i) => a + (reachable[i] ? t.weight : 0), 0);
  const lambda = new Float64Array(nTask);
  const value = new Float64Array(nTask);
  const count = new Int32Array(nTask);
  let bound = Infinity;
  let firstBound = NaN;
  let perSatellite: number[] = [];
  let mu = 1;
  let stall = 0;
  const maxIter = opts.iterations ?? 200;
  let it = 0;
  for (; it < maxIter; it++) {
    if (opts.timeLimitS !== undefined && (performance.now() - t0) / 1000 > opts.timeLimitS) break;
    for (let t = 0; t < nTask; t++) value[t] = w[t]! - lambda[t]!;
    count.fill(0);
    let dual = 0;
    for (let t = 0; t < nTask; t++) if (reachable[t]) dual += lambda[t]!;
    const shares: number[] = [];
    for (const g of graphs) {
      const p = heaviestPath(g, value);
      dual += p.value;
      shares.push(p.value);
      for (const j of p.states) count[g.task[j]!]!++;
    }
    if (it === 0) firstBound = dual;
    if (dual < bound - 1e-9) {
      bound = dual;
      perSatellite = shares;
      stall = 0;
    } else if (++stall >= 4) {
      mu /= 2;
      stall = 0;
    }
    // subgradient of the dual in λ_t: 1 − (times t is planned); λ stays ≥ 0
    let norm = 0;
    for (let t = 0; t < nTask; t++) {
      if (!reachable[t]) continue;
      const gt = 1 - count[t]!; // λ_t moves by −step·gt, within [0, w_t]
      if ((gt < 0 && lambda[t]! < w[t]!) || (gt > 0 && lambda[t]! > 0)) norm += gt * gt;
    }
    if (norm === 0) break; // no price can move: the dual is at its minimum
    const step = (mu * Math.max(dual - opts.target, 1e-3 * dual)) / norm;
    for (let t = 0; t < nTask; t++) {
      if (!reachable[t]) continue;
      lambda[t] = Math.min(w[t]!, Math.max(0, lambda[t]! - step * (1 - count[t]!)));
    }
    if (mu < 1e-4) break;
  }
  return { bound, firstBound, reachableWeight, iterations: it, perSatellite };
}
