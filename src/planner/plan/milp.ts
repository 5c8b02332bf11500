/**
 * The exact route on a planning model, solved by HiGHS: one binary column per option and one
 * continuous column z_a ∈ [0, 1] per sample cell (atom) that some option can cover; maximise
 * Σ gain_a·z_a subject to z_a ≤ Σ of the options of the strips holding a (a cell counts once,
 * however many strips of different families cover it), Σ x ≤ 1 over the options of a strip,
 * x_a + x_b ≤ 1 for two options of one satellite too close in time for the slew, and the duty
 * per orbit and recorder segment rows. Exact for the model: with a slew time that obeys the
 * triangle inequality, options that pairwise fit can be flown in time order. Used for proven
 * optima of small scenarios and by tests.
 */
import type { Highs, ModelData } from 'highs';
import type { PlanModel } from './model.js';

interface Rows {
  starts: number[];
  indices: number[];
  values: number[];
  lower: number[];
  upper: number[];
}

function addRow(
  rows: Rows,
  cols: ArrayLike<number>,
  coef: ArrayLike<number> | null,
  lo: number,
  up: number,
): void {
  for (let k = 0; k < cols.length; k++) {
    rows.indices.push(cols[k]!);
    rows.values.push(coef ? coef[k]! : 1);
  }
  rows.starts.push(rows.indices.length);
  rows.lower.push(lo);
  rows.upper.push(up);
}

/** The HiGHS model (columns: options 0…n−1, then the reachable atoms in `atoms` order). */
export function buildPlanMilp(highs: Highs, m: PlanModel): { model: ModelData; atoms: Int32Array } {
  const inf = highs.infinity;
  const rows: Rows = { starts: [0], indices: [], values: [], lower: [], upper: [] };
  const n = m.optionCount;
  for (let i = 0; i < m.items.length; i++) {
    const a = m.itemOptStart[i]!;
    const b = m.itemOptStart[i + 1]!;
    if (b - a > 1) addRow(rows, m.itemOpt.subarray(a, b), null, -inf, 1);
  }
  // coverage: z_a − Σ x ≤ 0
  const optsOfAtom = new Map<number, number[]>();
  for (let i = 0; i < m.items.length; i++)
    for (let k = m.itemAtomStart[i]!; k < m.itemAtomStart[i + 1]!; k++) {
      const a = m.itemAtom[k]!;
      for (let j = m.itemOptStart[i]!; j < m.itemOptStart[i + 1]!; j++) {
        const l = optsOfAtom.get(a);
        if (l) l.push(m.itemOpt[j]!);
        else optsOfAtom.set(a, [m.itemOpt[j]!]);
      }
    }
  const atoms = Int32Array.from([...optsOfAtom.keys()].sort((x, y) => x - y));
  atoms.forEach((a, k) => {
    const os = optsOfAtom.get(a)!;
    addRow(rows, [n + k, ...os], [1, ...os.map(() => -1)], -inf, 0);
  });
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
        if (m.optEnd[a]! + slew > m.optStart[b]! && m.optItem[a] !== m.optItem[b])
          addRow(rows, [a, b], null, -inf, 1);
      }
    }
    const byOrbit = new Map<number, number[]>();
    const bySeg = new Map<number, number[]>();
    for (const o of ids) {
      byOrbit.set(m.optOrbit[o]!, [...(byOrbit.get(m.optOrbit[o]!) ?? []), o]);
      bySeg.set(m.optSeg[o]!, [...(bySeg.get(m.optSeg[o]!) ?? []), o]);
    }
    for (const os of byOrbit.values())
      addRow(
        rows,
        os,
        os.map((o) => (m.optEnd[o]! - m.optStart[o]!) / 1000),
        -inf,
        sat.spec.maxImagingSPerOrbit,
      );
    for (const [j, os] of bySeg) {
      addRow(
        rows,
        os,
        os.map((o) => m.optVolume[o]!),
        -inf,
        sat.segCap[j]!,
      );
      const next = bySeg.get(j + 1);
      if (next) {
        const both = [...os, ...next];
        addRow(
          rows,
          both,
          both.map((o) => m.optVolume[o]!),
          -inf,
          sat.spec.memoryGb,
        );
      }
    }
  }
  const numCols = n + atoms.length;
  const numRows = rows.upper.length;
  const cost = new Float64Array(numCols);
  atoms.forEach((a, k) => (cost[n + k] = m.atomGain[a]!));
  const integrality = new Int32Array(numCols);
  integrality.fill(1, 0, n);
  return {
    atoms,
    model: {
      numCols,
      numRows,
      sense: highs.constants.objectiveSense.maximize,
      offset: 0,
      colCost: cost,
      colLower: new Float64Array(numCols),
      colUpper: new Float64Array(numCols).fill(1),
      rowLower: Float64Array.from(rows.lower),
      rowUpper: Float64Array.from(rows.upper),
      matrix: {
        format: 'csr',
        numRows,
        numCols,
        starts: Int32Array.from(rows.starts),
        indices: Int32Array.from(rows.indices),
        values: Float64Array.from(rows.values),
      },
      integrality,
    },
  };
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
): ExactPlanResult {
  const { model: data, atoms } = buildPlanMilp(highs, m);
  const n = m.optionCount;
  const model = highs.createModel(data);
  try {
    model.options.set({
      output_flag: false,
      time_limit: Math.max(0.01, timeLimitS),
      mip_rel_gap: 0,
      mip_abs_gap: 1e-6,
    });
    if (start) {
      const x = new Float64Array(data.numCols);
      const covered = new Set<number>();
      for (const o of start) {
        x[o] = 1;
        const i = m.optItem[o]!;
        for (let k = m.itemAtomStart[i]!; k < m.itemAtomStart[i + 1]!; k++)
          covered.add(m.itemAtom[k]!);
      }
      atoms.forEach((a, k) => (x[n + k] = covered.has(a) ? 1 : 0));
      model.setSolution({ colValue: x });
    }
    model.run();
    const status = model.getModelStatus();
    const statusName =
      Object.entries(highs.constants.modelStatus).find(([, v]) => v === status)?.[0] ??
      String(status);
    const optimal = status === highs.constants.modelStatus.optimal;
    const info = model.info.get('mip_dual_bound');
    const bound = typeof info === 'number' && Number.isFinite(info) ? info : null;
    const sol = model.getSolution();
    const have =
      typeof sol.colValue !== 'undefined' &&
      sol.colValue.length === data.numCols &&
      model.info.get('primal_solution_status') === 2;
    const options: number[] = [];
    let value: number | null = null;
    if (have) {
      for (let o = 0; o < n; o++) if (sol.colValue[o]! > 0.5) options.push(o);
      value = model.getObjectiveValue();
    }
    return { options, value, bound: optimal ? value : bound, optimal, status: statusName };
  } finally {
    model.dispose();
  }
}
