/**
 * An upper bound on the value of any plan: a Lagrangian relaxation whose subproblem is, for each
 * pass of each satellite, the best sequence of acquisitions under the exact slew and
 * one-at-a-time rules (passes.ts, dynamic programming).
 *
 * The value is Σ_a w_a·z_a over sample cells (atoms), z_a ≤ min(1, Σ_{strips i ∋ a} y_i), y_i
 * = 1 when strip i is taken. Dualised with multipliers ≥ 0: the coverage rows z_a ≤ Σ y_i (λ_a,
 * kept in [0, w_a]), "each strip at most once" (μ_i), the duty limit per orbit, the recorder
 * segment capacities and the pairs of segments (ν_r). For any multipliers,
 *   L = Σ_a max(0, w_a − λ_a) + Σ_i μ_i + Σ_r ν_r·cap_r
 *       + Σ_passes max_path Σ_{o ∈ path} (Σ_{a ∈ item(o)} λ_a − μ_item(o) − Σ_r ν_r·a_r,o)
 * is ≥ the optimum (a feasible plan is a set of paths, one per pass, meeting the dualised rows).
 * λ = w is where it starts: then a strip is worth its whole fraction, as if strips of different
 * families never overlapped; the steps on λ share the overlapping cells out.
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
 * `budgetMs` caps the time spent. `cellGain` replaces the cells' gains (default `m.atomGain`):
 * with gains weighted per nation it bounds a weighted sum of the nations' values (used to
 * bound the smallest normalised utility, fairness-bound.ts).
 */
export function computeBound(
  m: PlanModel,
  lowerBound = 0,
  budgetMs = 1000,
  now: () => number = () => performance.now(),
  cellGain: Float64Array = m.atomGain,
): number {
  const t0 = now();
  if (m.optionCount === 0) return 0;
  const groups = passGroups(m);
  const rows = resourceRows(m);
  const R = rows.rhs.length;
  const I = m.items.length;
  const A = cellGain.length;
  const mu = new Float64Array(I);
  const nu = new Float64Array(R);
  const lambda = Float64Array.from(cellGain);
  const w = new Float64Array(m.optionCount);
  const gi = new Float64Array(I);
  const count = new Float64Array(I);
  const cover = new Float64Array(A);
  const subA = new Float64Array(A);
  const x = new Uint8Array(m.optionCount);
  const sc = new PathScratch(Math.max(...groups.map((g) => g.options.length)));
  // trivial bound: every atom some strip with an option holds
  const reach = new Uint8Array(A);
  for (let i = 0; i < I; i++)
    if (m.itemOptStart[i + 1]! > m.itemOptStart[i]!)
      for (let k = m.itemAtomStart[i]!; k < m.itemAtomStart[i + 1]!; k++) reach[m.itemAtom[k]!] = 1;
  let trivial = 0;
  for (let a = 0; a < A; a++) if (reach[a]) trivial += cellGain[a]!;
  let best = trivial;
  let theta = 1;
  let since = 0;
  const lb = Math.max(lowerBound, 1e-9);
  for (let it = 0; it < 10_000; it++) {
    if (it > 0 && now() - t0 >= budgetMs) break;
    let L = 0;
    for (let a = 0; a < A; a++) L += Math.max(0, cellGain[a]! - lambda[a]!);
    for (let i = 0; i < I; i++) {
      let g = 0;
      for (let k = m.itemAtomStart[i]!; k < m.itemAtomStart[i + 1]!; k++)
        g += lambda[m.itemAtom[k]!]!;
      gi[i] = g - mu[i]!;
    }
    for (let o = 0; o < m.optionCount; o++) w[o] = gi[m.optItem[o]!]!;
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
    // subgradient of L: Σ y_i − z_a for atoms (λ_a ≤ w_a, so z_a = 1 is a maximiser of
    // (w_a − λ_a)·z_a, also at a tie), 1 − count_i for items,
    // cap − use for rows (projected on the bounds of each multiplier)
    let norm = 0;
    cover.fill(0);
    for (let i = 0; i < I; i++) {
      const c = count[i]!;
      if (c > 0)
        for (let k = m.itemAtomStart[i]!; k < m.itemAtomStart[i + 1]!; k++)
          cover[m.itemAtom[k]!]! += c;
    }
    for (let a = 0; a < A; a++) {
      let g = cover[a]! - 1;
      if ((lambda[a] === 0 && g > 0) || (lambda[a]! >= cellGain[a]! && g < 0)) g = 0;
      subA[a] = g;
      norm += g * g;
    }
    for (let i = 0; i < I; i++) {
      let g = 1 - count[i]!;
      if (mu[i] === 0 && g > 0) g = 0;
      count[i] = g;
      norm += g * g;
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
    // λ_a moves against ∂L/∂λ_a = Σ y_i − z_a: down when the cell is covered twice
    for (let a = 0; a < A; a++)
      lambda[a] = Math.min(cellGain[a]!, Math.max(0, lambda[a]! - step * subA[a]!));
    for (let i = 0; i < I; i++) mu[i] = Math.max(0, mu[i]! - step * count[i]!);
    for (let r = 0; r < R; r++) nu[r] = Math.max(0, nu[r]! - step * sub[r]!);
  }
  return best;
}
