/**
 * Comparing plans under a fairness policy. Each nation has a target share t_n: its entitlement
 * (normalised to sum 1) plus its carried balance, clipped at 1 % and renormalised. Its
 * normalised utility is u_n = value_n / t_n (alliance requests count a third to each nation).
 *
 * - `none`: the larger total value wins.
 * - `leximin`: the larger sorted vector (u_(1) ≤ u_(2) ≤ u_(3)) wins lexicographically, then the
 *   total value. Nations that asked for nothing are left out (their u is 0 in every plan).
 * - `quotas`: each nation is due q × t_n × V_ref (q = 0.9, V_ref the value of the unconstrained
 *   greedy plan); the smaller total shortfall wins, then the total value.
 */
import { PLAN_NATIONS, type FairnessPolicy, type Scenario } from './types.js';

/** Share of its entitled value a nation is due under `quotas`. */
export const QUOTA_LEVEL = 0.9;
const REL_TOL = 1e-9;

export interface Score {
  readonly value: number;
  readonly nationValue: ArrayLike<number>;
}

/** Target shares t_n of ML, BF, NE (sum 1). */
export function targetShares(s: Scenario): Float64Array {
  const ent = PLAN_NATIONS.map((n) => s.nations[n].entitlement);
  const sum = ent.reduce((a, b) => a + b, 0);
  const t = PLAN_NATIONS.map((n, k) => Math.max(0.01, ent[k]! / sum + (s.balance?.[n] ?? 0)));
  const ts = t.reduce((a, b) => a + b, 0);
  return Float64Array.from(t, (x) => x / ts);
}

export class Objective {
  readonly policy: FairnessPolicy;
  readonly targets: Float64Array;
  /** Nations with a demand (value asked for) > 0. */
  readonly active: readonly number[];
  /** Due value per nation under `quotas` (set by {@link setReference}). */
  readonly due = new Float64Array(3);

  constructor(policy: FairnessPolicy, targets: Float64Array, demand: ArrayLike<number>) {
    this.policy = policy;
    this.targets = targets;
    this.active = [0, 1, 2].filter((n) => demand[n]! > 0);
  }

  setReference(value: number): void {
    for (let n = 0; n < 3; n++) this.due[n] = QUOTA_LEVEL * this.targets[n]! * value;
  }

  /** Normalised utilities of the active nations, ascending. */
  sortedUtilities(x: Score): number[] {
    return this.active.map((n) => x.nationValue[n]! / this.targets[n]!).sort((a, b) => a - b);
  }

  shortfall(x: Score): number {
    let s = 0;
    for (const n of this.active) s += Math.max(0, this.due[n]! - x.nationValue[n]!);
    return s;
  }

  /** > 0 when a is better than b, < 0 when worse, 0 when equal (within a relative 1e-9). */
  compare(a: Score, b: Score): number {
    const tol = (x: number, y: number): number => REL_TOL * (1 + Math.abs(x) + Math.abs(y));
    if (this.policy === 'leximin') {
      const ua = this.sortedUtilities(a);
      const ub = this.sortedUtilities(b);
      for (let k = 0; k < ua.length; k++) {
        const d = ua[k]! - ub[k]!;
        if (Math.abs(d) > tol(ua[k]!, ub[k]!)) return d;
      }
    } else if (this.policy === 'quotas') {
      const sa = this.shortfall(a);
      const sb = this.shortfall(b);
      if (Math.abs(sa - sb) > tol(sa, sb)) return sb - sa;
    }
    const d = a.value - b.value;
    return Math.abs(d) > tol(a.value, b.value) ? d : 0;
  }
}
