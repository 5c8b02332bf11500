/**
 * The strong move of the search: on one satellite, between two fixed observations, choose the
 * best set of observations and their start times exactly, by dynamic programming over
 * (task, start) states in time order with the true time-dependent slew between every pair.
 * The window's current content is one of the paths, so the weight there never drops.
 */
import { type SatelliteGraph, heaviestPath } from './bound.js';
import { slewTimeS } from './model.js';
import type { Opportunity } from './opportunities.js';
import { type Obs, SLEW_MARGIN_S, type Schedule } from './sequence.js';

interface State {
  readonly task: number;
  readonly k: number;
  readonly end: number;
  /** Unit pointing vectors at start and at end (TEME). */
  readonly sx: number;
  readonly sy: number;
  readonly sz: number;
  readonly ex: number;
  readonly ey: number;
  readonly ez: number;
}

/** Maximum number of (task, start) states; beyond it starts are thinned. */
const MAX_STATES = 3000;

/**
 * Re-plans satellite `si` between its observations at positions `pos−1` and `pos` (the window
 * must already be emptied), choosing among `cands` (unscheduled tasks with an opportunity on
 * `si`). `value(task)` is the objective per task. Inserts the chosen observations; returns
 * their tasks.
 */
export function replanWindow(
  s: Schedule,
  si: number,
  pos: number,
  cands: readonly Opportunity[],
  value: (task: number) => number,
): number[] {
  const seq = s.seqs[si]!;
  const { durK, stepS } = s.pre;
  const sat = s.c.satellites[si]!;
  const prev = pos > 0 ? seq[pos - 1]! : null;
  const next = pos < seq.length ? seq[pos]! : null;
  const kFrom = prev ? prev.k + durK[prev.task]! + 1 : 0;
  const kTo = next ? next.k - 1 : s.pre.nK - 1; // last usable end index
  const slew = (cos: number): number =>
    slewTimeS(
      (Math.acos(Math.max(-1, Math.min(1, cos))) * 180) / Math.PI,
      sat.maxSlewVelocityDegS,
      sat.maxSlewAccelerationDegS2,
    ) + sat.settlingTimeS;

  // states
  let total = 0;
  const ranges: [Opportunity, number, number][] = [];
  for (const o of cands) {
    const lo = Math.max(o.kMin, kFrom);
    const hi = Math.min(o.kMax, kTo - durK[o.task]!);
    if (hi < lo) continue;
    ranges.push([o, lo, hi]);
    total += hi - lo + 1;
  }
  if (!ranges.length) return [];
  const stride = Math.max(1, Math.ceil(total / MAX_STATES));
  const v = new Float64Array(3);
  const states: State[] = [];
  for (const [o, lo, hi] of ranges) {
    for (let k = lo; k <= hi; k += stride) {
      const end = k + durK[o.task]!;
      s.pointing(si, o.task, k, v);
      const ns = Math.hypot(v[0]!, v[1]!, v[2]!);
      const sx = v[0]! / ns;
      const sy = v[1]! / ns;
      const sz = v[2]! / ns;
      s.pointing(si, o.task, end, v);
      const ne = Math.hypot(v[0]!, v[1]!, v[2]!);
      states.push({
        task: o.task,
        k,
        end,
        sx,
        sy,
        sz,
        ex: v[0]! / ne,
        ey: v[1]! / ne,
        ez: v[2]! / ne,
      });
    }
  }
  states.sort((a, b) => a.k - b.k);
  const n = states.length;
  const best = new Float64Array(n).fill(-Infinity);
  const parent = new Int32Array(n).fill(-1);
  // entry from the fixed predecessor (or nadir)
  for (let j = 0; j < n; j++) {
    const st = states[j]!;
    const req = s.required(si, prev, st.task, st.k);
    const gap = prev ? (st.k - prev.k - durK[prev.task]!) * stepS : st.k * stepS;
    if (gap >= req + SLEW_MARGIN_S) best[j] = value(st.task);
  }
  // Transitions. A predecessor ending at least `farK` steps earlier is always reachable (no
  // slew takes longer than a half-turn): those are summarised by a running best.
  const maxReq =
    slewTimeS(180, sat.maxSlewVelocityDegS, sat.maxSlewAccelerationDegS2) + sat.settlingTimeS;
  const farK = Math.ceil((maxReq + SLEW_MARGIN_S) / stepS) + 1;
  let maxDur = 0;
  for (const st of states) maxDur = Math.max(maxDur, st.end - st.k);
  const byEnd = states.map((_, i) => i).sort((a, b) => states[a]!.end - states[b]!.end);
  let farPtr = 0;
  let farBest = -Infinity;
  let farArg = -1;
  let nearLo = 0;
  for (let j = 0; j < n; j++) {
    const sj = states[j]!;
    const vj = value(sj.task);
    while (farPtr < n && states[byEnd[farPtr]!]!.end <= sj.k - farK) {
      const i = byEnd[farPtr++]!;
      if (best[i]! > farBest) {
        farBest = best[i]!;
        farArg = i;
      }
    }
    if (farArg >= 0 && farBest + vj > best[j]! && states[farArg]!.task !== sj.task) {
      best[j] = farBest + vj;
      parent[j] = farArg;
    }
    while (nearLo < j && states[nearLo]!.k < sj.k - farK - maxDur) nearLo++;
    for (let i = nearLo; i < j; i++) {
      const si2 = states[i]!;
      if (best[i] === -Infinity || si2.end >= sj.k || si2.end <= sj.k - farK) continue;
      if (si2.task === sj.task) continue;
      const cand = best[i]! + vj;
      if (cand <= best[j]!) continue;
      const gap = (sj.k - si2.end) * stepS;
      if (gap < slew(si2.ex * sj.sx + si2.ey * sj.sy + si2.ez * sj.sz) + SLEW_MARGIN_S) continue;
      best[j] = cand;
      parent[j] = i;
    }
  }
  // exit into the fixed successor
  let bestJ = -1;
  let bestV = 0;
  for (let j = 0; j < n; j++) {
    if (best[j] === -Infinity || best[j]! <= bestV) continue;
    const st = states[j]!;
    if (next) {
      const req = s.required(si, { task: st.task, k: st.k, req: 0 } as Obs, next.task, next.k);
      if ((next.k - st.end) * stepS < req + SLEW_MARGIN_S) continue;
    }
    bestJ = j;
    bestV = best[j]!;
  }
  const path: State[] = [];
  for (let j = bestJ; j >= 0; j = parent[j]!) path.push(states[j]!);
  path.reverse();
  // insert in time order with the exact checks (battery included)
  const chosen: number[] = [];
  const seen = new Set<number>();
  for (const st of path) {
    if (seen.has(st.task) || s.assigned[st.task]! >= 0) continue;
    seen.add(st.task);
    const at = s.findStart({ sat: si, task: st.task, kMin: st.k, kMax: st.k });
    if (!at) continue;
    s.insert({ sat: si, task: st.task, kMin: st.k, kMax: st.k }, at);
    chosen.push(st.task);
  }
  return chosen;
}

/**
 * Re-plans the whole day of satellite `si` (which must be empty) exactly on its full graph of
 * (task, start) states — no thinning, unlike {@link replanWindow} on long stretches. Tasks
 * planned on other satellites are not offered. Inserts the chosen observations with the exact
 * checks (battery included); returns their tasks.
 */
export function replanWhole(
  s: Schedule,
  g: SatelliteGraph,
  si: number,
  value: (task: number) => number,
): number[] {
  const v = new Float64Array(s.c.tasks.length).fill(-Infinity);
  for (let j = 0; j < g.n; j++) {
    const t = g.task[j]!;
    if (v[t] === -Infinity && s.assigned[t]! < 0) v[t] = value(t);
  }
  return insertPath(s, g, si, heaviestPath(g, v).states);
}

/**
 * {@link replanWindow} on the satellite's precomputed graph: exact whatever the stretch's length
 * (no thinning) and without rebuilding states. Offers the unscheduled tasks among `tasks`.
 */
export function replanWindowExact(
  s: Schedule,
  g: SatelliteGraph,
  si: number,
  pos: number,
  tasks: Iterable<number>,
  value: (task: number) => number,
): number[] {
  const seq = s.seqs[si]!;
  const { durK, stepS } = s.pre;
  const sat = s.c.satellites[si]!;
  const prev = pos > 0 ? seq[pos - 1]! : null;
  const next = pos < seq.length ? seq[pos]! : null;
  const prevEnd = prev ? prev.k + durK[prev.task]! : 0;
  // gaps of at least a half-turn slew need no check
  const halfTurnS =
    slewTimeS(180, sat.maxSlewVelocityDegS, sat.maxSlewAccelerationDegS2) +
    sat.settlingTimeS +
    SLEW_MARGIN_S;
  const v = new Float64Array(s.c.tasks.length).fill(-Infinity);
  for (const t of tasks) if (s.assigned[t]! < 0) v[t] = value(t);
  const path = heaviestPath(g, v, {
    kFrom: prev ? prevEnd + 1 : 0,
    kTo: next ? next.k - 1 : s.pre.nK - 1,
    entry: (j) => {
      const gap = (g.k[j]! - prevEnd) * stepS;
      return gap >= halfTurnS || gap >= s.required(si, prev, g.task[j]!, g.k[j]!) + SLEW_MARGIN_S;
    },
    exit: (j) => {
      if (!next) return true;
      const gap = (next.k - g.end[j]!) * stepS;
      if (gap >= halfTurnS) return true;
      const req = s.required(si, { task: g.task[j]!, k: g.k[j]!, req: 0 }, next.task, next.k);
      return gap >= req + SLEW_MARGIN_S;
    },
  });
  return insertPath(s, g, si, path.states);
}

/** Inserts the graph states of a path, in order, where their tasks are still free; the tasks placed. */
function insertPath(
  s: Schedule,
  g: SatelliteGraph,
  si: number,
  states: Iterable<number>,
): number[] {
  const chosen: number[] = [];
  for (const j of states) {
    const task = g.task[j]!;
    if (s.assigned[task]! >= 0) continue;
    const o = { sat: si, task, kMin: g.k[j]!, kMax: g.k[j]! };
    const at = s.findStart(o);
    if (!at) continue;
    s.insert(o, at);
    chosen.push(task);
  }
  return chosen;
}
