/**
 * The exact route on a planning model: the generic 0-1 selection problem of part 1 (items =
 * strips, options = acquisition opportunities, pairwise conflicts = pairs of options of one
 * satellite too close in time for the slew, resources = duty per orbit and recorder segments)
 * solved by HiGHS (selection/milp.ts). Exact for the model: with a slew time that obeys the
 * triangle inequality, options that pairwise fit can be flown in time order. Used for proven
 * optima of small scenarios, for the benchmark's HiGHS bound, and by tests.
 */
import type { Highs } from 'highs';
import { type MilpResult, solveMilp } from '../selection/milp.js';
import { type SelectionProblem, buildSelectionProblem } from '../selection/problem.js';
import type { PlanModel } from './model.js';

/** The model as a selection problem (option indices unchanged). */
export function toSelectionProblem(m: PlanModel): SelectionProblem {
  const conflicts: Array<[number, number]> = [];
  const resources: Array<{ capacity: number; uses: Float64Array }> = [];
  for (const sat of m.sats) {
    const ids = sat.options;
    const ag = sat.spec.agility;
    const maxSlew = (180 / ag.slewRateDegS + ag.settlingS) * 1000;
    for (let k = 0; k < ids.length; k++) {
      const a = ids[k]!;
      for (let j = k + 1; j < ids.length; j++) {
        const b = ids[j]!;
        if (m.optStart[b]! >= m.optEnd[a]! + maxSlew) break;
        const slew =
          (Math.hypot(m.optRoll[b]! - m.optRoll[a]!, m.optPitch[b]! - m.optPitch[a]!) /
            ag.slewRateDegS +
            ag.settlingS) *
          1000;
        if (m.optEnd[a]! + slew > m.optStart[b]!) conflicts.push([a, b]);
      }
    }
    const orbits = new Set<number>();
    const segs = new Set<number>();
    for (const o of ids) {
      orbits.add(m.optOrbit[o]!);
      segs.add(m.optSeg[o]!);
    }
    for (const k of orbits) {
      const uses = new Float64Array(m.optionCount);
      for (const o of ids)
        if (m.optOrbit[o] === k) uses[o] = (m.optEnd[o]! - m.optStart[o]!) / 1000;
      resources.push({ capacity: sat.spec.maxImagingSPerOrbit, uses });
    }
    for (const j of segs) {
      const uses = new Float64Array(m.optionCount);
      const pair = new Float64Array(m.optionCount);
      for (const o of ids) {
        if (m.optSeg[o] === j) uses[o] = pair[o] = m.optVolume[o]!;
        if (m.optSeg[o] === j + 1) pair[o] = m.optVolume[o]!;
      }
      resources.push({ capacity: sat.segCap[j]!, uses });
      if (segs.has(j + 1)) resources.push({ capacity: sat.spec.memoryGb, uses: pair });
    }
  }
  const itemGains: number[][] = m.items.map(() => []);
  // options must be numbered item by item: map model options to that order
  const order: number[] = [];
  for (let i = 0; i < m.items.length; i++)
    for (let k = m.itemOptStart[i]!; k < m.itemOptStart[i + 1]!; k++) {
      order.push(m.itemOpt[k]!);
      itemGains[i]!.push(m.items[i]!.gain);
    }
  const pos = new Int32Array(m.optionCount);
  order.forEach((o, k) => (pos[o] = k));
  return buildSelectionProblem({
    itemGains,
    conflicts: conflicts.map(([a, b]) => [pos[a]!, pos[b]!] as const),
    resources: resources.map((r) => ({
      capacity: r.capacity,
      uses: Float64Array.from(order, (o) => r.uses[o]!),
    })),
  });
}

export interface ExactPlanResult {
  /** Taken model options. */
  readonly options: number[];
  readonly value: number | null;
  readonly bound: number | null;
  readonly optimal: boolean;
  readonly status: string;
}

/** Solves the model with HiGHS within `timeLimitS`; `start` = model options of a known plan. */
export function solvePlanExact(
  highs: Highs,
  m: PlanModel,
  timeLimitS: number,
  start?: readonly number[],
  relaxation = false,
): ExactPlanResult {
  const p = toSelectionProblem(m);
  // selection option k ↔ model option itemOpt[k] (the CSR order above)
  const toModel = m.itemOpt;
  const inv = new Int32Array(m.optionCount);
  toModel.forEach((o, k) => (inv[o] = k));
  let startSel: Int32Array | undefined;
  if (start) {
    startSel = new Int32Array(p.itemCount).fill(-1);
    for (const o of start) startSel[m.optItem[o]!] = inv[o]!;
  }
  const r: MilpResult = solveMilp(highs, p, {
    timeLimitS,
    ...(startSel ? { start: startSel } : {}),
    relaxation,
  });
  const options: number[] = [];
  if (r.selection) for (const k of r.selection) if (k >= 0) options.push(toModel[k]!);
  return { options, value: r.value, bound: r.bound, optimal: r.optimal, status: r.status };
}
