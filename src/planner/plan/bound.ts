/**
 * An upper bound on the value of any plan: a Lagrangian relaxation whose subproblem is, for each
 * pass of each satellite, the best sequence of acquisitions under the exact slew and
 * one-at-a-time rules (passes.ts, dynamic programming).
 *
 * Dualised with multipliers ≥ 0: "each strip at most once" (μ_i), the duty limit per orbit, the
 * recorder segment capacities and the pairs of segments (ν_r). For any multipliers,
 *   L(μ, ν) = Σ_i μ_i + Σ_r ν_r·cap_r + Σ_passes max_path Σ_{o ∈ path} (g_o − μ_item(o) − Σ_r ν_r·a_r,o)
 * is ≥ the optimum (a feasible plan is a set of paths, one per pass, meeting the dualised rows).
 * Subgradient steps (Polyak, towards the best known plan value) lower it; the best iterate is
 * returned, so the bound is valid whenever the time budget stops it.
 */
import type { PlanModel } from './model.js';
import { PathScratch, bestPath, passGroups } from './passes.js';

interface Rows {
  start: number[];
  col: number[];
  coef: number[];
  rhs: number[];
}

function resourceRows(m: PlanModel): Rows {
  const rows: Rows = { start: [0], col: [], coef: [], rhs: [] };
  const push = (cols: number[], coefs: number[], rhs: number): void => {
    for (let k = 0; k < cols.length; k++) {
      rows.col.push(cols[k]!);
      rows.coef.push(coefs[k]!);
    }
    rows.start.push(rows.col.length);
    rows.rhs.push(rhs);
  };
  m.sats.forEach((sat) => {
    const byOrbit = new Map<number, number[]>();
    const bySeg = new Map<number, number[]>();
    const add = (map: Map<number, number[]>, k: number, o: number): void => {
      const l = map.get(k);
      if (l) l.push(o);
      else map.set(k, [o]);
    };
    for (const o of sat.options) {
      add(byOrbit, m.optOrbit[o]!, o);
      add(bySeg, m.optSeg[o]!, o);
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
  });
  return rows;
}

/**
 * The bound. `lowerBound` is the value of the best known plan (the target of the steps);
 * `budgetMs` caps the time spent.
 */
export function computeBound(
  m: PlanModel,
  lowerBound = 0,
  budgetMs = 1000,
  now: () => number = () => performance.now(),
): number {
  const t0 = now();
  if (m.optionCount === 0) return 0;
  const groups = passGroups(m);
  const rows = resourceRows(m);
  const R = rows.rhs.length;
  const I = m.items.length;
  const mu = new Float64Array(I);
  const nu = new Float64Array(R);
  const w = new Float64Array(m.optionCount);
  const count = new Float64Array(I);
  const x = new Uint8Array(m.optionCount);
  const sc = new PathScratch(Math.max(...groups.map((g) => g.options.length)));
  let trivial = 0;
  for (let i = 0; i < I; i++)
    if (m.itemOptStart[i + 1]! > m.itemOptStart[i]!) trivial += m.items[i]!.gain;
  let best = trivial;
  let theta = 1;
  let since = 0;
  const lb = Math.max(lowerBound, 1e-9);
  for (let it = 0; it < 10_000; it++) {
    if (it > 0 && now() - t0 >= budgetMs) break;
    for (let o = 0; o < m.optionCount; o++)
      w[o] = m.items[m.optItem[o]!]!.gain - mu[m.optItem[o]!]!;
    let L = 0;
    for (let r = 0; r < R; r++) {
      const l = nu[r]!;
      if (l === 0) continue;
      L += l * rows.rhs[r]!;
      for (let k = rows.start[r]!; k < rows.start[r + 1]!; k++)
        w[rows.col[k]!]! -= l * rows.coef[k]!;
    }
    for (let i = 0; i < I; i++) L += mu[i]!;
    x.fill(0);
    count.fill(0);
    for (const g of groups) {
      const r = bestPath(m, g, (o) => w[o]!, sc);
      L += r.value;
      for (const o of r.path) {
        x[o] = 1;
        count[m.optItem[o]!]!++;
      }
    }
    if (L < best - 1e-9) {
      best = L;
      since = 0;
    } else if (++since >= 5) {
      theta /= 2;
      since = 0;
      if (theta < 1e-3) break;
    }
    // subgradient of L: 1 − count_i for items, cap − use for rows (projected at 0)
    let norm = 0;
    for (let i = 0; i < I; i++) {
      let gi = 1 - count[i]!;
      if (mu[i] === 0 && gi > 0) gi = 0;
      count[i] = gi;
      norm += gi * gi;
    }
    const sub = new Float64Array(R);
    for (let r = 0; r < R; r++) {
      let use = 0;
      for (let k = rows.start[r]!; k < rows.start[r + 1]!; k++)
        if (x[rows.col[k]!]) use += rows.coef[k]!;
      let g = rows.rhs[r]! - use;
      if (nu[r] === 0 && g > 0) g = 0;
      sub[r] = g;
      norm += g * g;
    }
    if (norm === 0) break;
    const step = (theta * (L - lb)) / norm;
    for (let i = 0; i < I; i++) mu[i] = Math.max(0, mu[i]! - step * count[i]!);
    for (let r = 0; r < R; r++) nu[r] = Math.max(0, nu[r]! - step * sub[r]!);
  }
  return best;
}
