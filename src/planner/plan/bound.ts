/**
 * An upper bound on the value of any plan: the Lagrangian dual of a relaxation, minimised by
 * subgradient steps (every iterate is a valid bound; the best one is kept).
 *
 * The relaxation keeps "at most one option per item" and the recorder and duty constraints
 * (model.ts), and replaces the timeline of each satellite by clique inequalities Σ x ≤ 1 over
 * sets of options that pairwise exclude each other (a before b needs end_a + slew(a, b) ≤
 * start_b). Cliques are grown from each option in time order. Dualising the cliques and the
 * resource rows with multipliers λ ≥ 0 gives
 *   L(λ) = Σ λ_row·rhs_row + Σ_items max(0, max_o (g_o − Σ_rows∋o λ_row·a_row,o)) ≥ optimum,
 * and the subgradient method (Polyak steps towards the best known plan value) lowers it
 * towards the LP optimum of the clique formulation.
 */
import type { PlanModel } from './model.js';

const MAX_CLIQUE = 40;

interface Rows {
  /** CSR rows over options with coefficients; rhs per row. */
  start: number[];
  col: number[];
  coef: number[];
  rhs: number[];
}

function slewMs(m: PlanModel, a: number, b: number): number {
  const ag = m.sats[m.optSat[a]!]!.spec.agility;
  return (
    (Math.hypot(m.optRoll[b]! - m.optRoll[a]!, m.optPitch[b]! - m.optPitch[a]!) / ag.slewRateDegS +
      ag.settlingS) *
    1000
  );
}

function conflict(m: PlanModel, a: number, b: number): boolean {
  // a starts first
  return m.optEnd[a]! + slewMs(m, a, b) > m.optStart[b]!;
}

function buildRows(m: PlanModel): Rows {
  const rows: Rows = { start: [0], col: [], coef: [], rhs: [] };
  const push = (cols: number[], coefs: number[] | null, rhs: number): void => {
    for (let k = 0; k < cols.length; k++) {
      rows.col.push(cols[k]!);
      rows.coef.push(coefs ? coefs[k]! : 1);
    }
    rows.start.push(rows.col.length);
    rows.rhs.push(rhs);
  };
  m.sats.forEach((sat, s) => {
    const ids = sat.options;
    let prev = new Set<number>();
    const maxSlew = (180 / sat.spec.agility.slewRateDegS + sat.spec.agility.settlingS) * 1000;
    for (let k = 0; k < ids.length; k++) {
      const a = ids[k]!;
      const clique = [a];
      for (let j = k + 1; j < ids.length && clique.length < MAX_CLIQUE; j++) {
        const b = ids[j]!;
        if (m.optStart[b]! >= m.optEnd[a]! + maxSlew) break;
        if (clique.every((c) => conflict(m, c, b))) clique.push(b);
      }
      if (clique.length < 2) continue;
      if (clique.every((c) => prev.has(c))) continue;
      prev = new Set(clique);
      push(clique, null, 1);
    }
    // duty per orbit, recorder per segment and per pair of segments
    const byOrbit = new Map<number, number[]>();
    const bySeg = new Map<number, number[]>();
    for (const o of ids) {
      byOrbit.set(m.optOrbit[o]!, [...(byOrbit.get(m.optOrbit[o]!) ?? []), o]);
      bySeg.set(m.optSeg[o]!, [...(bySeg.get(m.optSeg[o]!) ?? []), o]);
    }
    for (const os of byOrbit.values()) {
      const dur = os.map((o) => (m.optEnd[o]! - m.optStart[o]!) / 1000);
      if (dur.reduce((x, y) => x + y, 0) > sat.spec.maxImagingSPerOrbit)
        push(os, dur, sat.spec.maxImagingSPerOrbit);
    }
    for (const [j, os] of bySeg) {
      const vol = os.map((o) => m.optVolume[o]!);
      const total = vol.reduce((x, y) => x + y, 0);
      if (total > sat.segCap[j]!) push(os, vol, sat.segCap[j]!);
      const next = bySeg.get(j + 1);
      if (next) {
        const nv = next.map((o) => m.optVolume[o]!);
        if (total + nv.reduce((x, y) => x + y, 0) > sat.spec.memoryGb)
          push([...os, ...next], [...vol, ...nv], sat.spec.memoryGb);
      }
    }
    void s;
  });
  return rows;
}

/**
 * The bound. `lowerBound` is the value of the best known plan (the target of the Polyak
 * steps); `budgetMs` caps the time spent (the bound is valid whenever it stops).
 */
export function computeBound(
  m: PlanModel,
  lowerBound = 0,
  budgetMs = 1000,
  now: () => number = () => performance.now(),
): number {
  const t0 = now();
  const gain = Float64Array.from({ length: m.optionCount }, (_, o) => m.items[m.optItem[o]!]!.gain);
  let trivial = 0;
  m.items.forEach((it, i) => {
    if (m.itemOptStart[i + 1]! > m.itemOptStart[i]!) trivial += it.gain;
  });
  if (m.optionCount === 0) return 0;
  const rows = buildRows(m);
  const R = rows.rhs.length;
  const lam = new Float64Array(R);
  const rc = new Float64Array(m.optionCount);
  const x = new Uint8Array(m.optionCount);
  const sub = new Float64Array(R);
  let best = trivial;
  let theta = 1;
  let sinceBest = 0;
  const lb = Math.max(lowerBound, 1e-9);
  for (let it = 0; it < 5000 && now() - t0 < budgetMs; it++) {
    rc.set(gain);
    let L = 0;
    for (let r = 0; r < R; r++) {
      const l = lam[r]!;
      if (l === 0) continue;
      L += l * rows.rhs[r]!;
      for (let k = rows.start[r]!; k < rows.start[r + 1]!; k++)
        rc[rows.col[k]!]! -= l * rows.coef[k]!;
    }
    x.fill(0);
    for (let i = 0; i < m.items.length; i++) {
      let bo = -1;
      let bv = 0;
      for (let k = m.itemOptStart[i]!; k < m.itemOptStart[i + 1]!; k++) {
        const o = m.itemOpt[k]!;
        if (rc[o]! > bv) {
          bv = rc[o]!;
          bo = o;
        }
      }
      if (bo >= 0) {
        x[bo] = 1;
        L += bv;
      }
    }
    if (L < best - 1e-9) {
      best = L;
      sinceBest = 0;
    } else if (++sinceBest >= 15) {
      theta /= 2;
      sinceBest = 0;
      if (theta < 1e-4) break;
    }
    let norm = 0;
    for (let r = 0; r < R; r++) {
      let use = 0;
      for (let k = rows.start[r]!; k < rows.start[r + 1]!; k++)
        if (x[rows.col[k]!]) use += rows.coef[k]!;
      let g = rows.rhs[r]! - use;
      if (lam[r] === 0 && g > 0) g = 0;
      sub[r] = g;
      norm += g * g;
    }
    if (norm === 0) break; // x feasible for the dualised rows with complementary slackness
    const step = (theta * (L - lb)) / norm;
    for (let r = 0; r < R; r++) lam[r] = Math.max(0, lam[r]! - step * sub[r]!);
  }
  return best;
}
