/**
 * An upper bound on the smallest normalised utility min_n u_n (u_n = value_n / t_n), the first
 * criterion of the leximin policy, which the value bound (bound.ts) does not measure. For any
 * weights π on the nations (π_n ≥ 0, Σ π_n = 1), min_n u_n ≤ Σ_n π_n·u_n, so the largest
 * Σ_n (π_n / t_n)·value_n over all plans bounds it: the value bound with each cell's gain
 * weighted by π_n / t_n of its nation (an alliance cell by the mean over the three nations).
 * A few weight vectors are tried (t itself, which gives the value bound, and shifts towards each
 * nation) and the smallest bound kept; each bound gets `budgetMs / tries`.
 */
import { computeBound } from './bound.js';
import type { PlanModel } from './model.js';
import { nationIndex } from './schedule.js';

/**
 * @param targets target shares t_n of ML, BF, NE (objective.ts `targetShares`)
 * @param active the nations that asked for something (leximin leaves the others out)
 * @param utilities the normalised utilities of a known plan (the target of the bound's steps)
 */
export function minUtilityBound(
  m: PlanModel,
  targets: ArrayLike<number>,
  active: readonly number[],
  utilities: ArrayLike<number>,
  budgetMs = 3000,
  now: () => number = () => performance.now(),
): number {
  if (active.length === 0) return 0;
  const nationOfCell = new Int8Array(m.atomGain.length);
  m.requests.forEach((q) => {
    const n = nationIndex(q.nation);
    for (const o of q.occurrences) nationOfCell.fill(n, o.atomStart, o.atomEnd);
  });
  const t = [targets[0]!, targets[1]!, targets[2]!];
  // weights on the active nations only, starting from their target shares
  const ta = t.map((x, k) => (active.includes(k) ? x : 0));
  const sum = ta.reduce((a, b) => a + b, 0);
  const base = ta.map((x) => x / sum);
  const tries: number[][] = [base];
  for (const mix of [0.5, 0.8])
    for (const n of active) tries.push(base.map((x, k) => (1 - mix) * x + (k === n ? mix : 0)));
  let best = Infinity;
  const gain = new Float64Array(m.atomGain.length);
  for (const pi of tries) {
    const w = pi.map((p, k) => p / t[k]!);
    const wAlliance = (w[0]! + w[1]! + w[2]!) / 3;
    for (let a = 0; a < gain.length; a++) {
      const n = nationOfCell[a]!;
      gain[a] = m.atomGain[a]! * (n < 3 ? w[n]! : wAlliance);
    }
    const target = pi.reduce((s, p, k) => s + p * utilities[k]!, 0);
    best = Math.min(best, computeBound(m, target, budgetMs / tries.length, now, gain));
  }
  return best;
}
