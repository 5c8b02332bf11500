/**
 * The constructive heuristic: options in decreasing order of gain, ties broken by fewer
 * conflicts and smaller resource use (optionally with seeded noise, for diversified restarts);
 * each is taken when nothing already selected excludes it and it fits.
 */
import type { Selection, SelectionProblem } from './problem.js';
import { createRandom } from './random.js';
import { SearchState } from './state.js';

/** Options for {@link greedySelection}. */
export interface GreedyOptions {
  /** Seed of the tie-breaking noise; without it the order is deterministic. */
  readonly seed?: number;
  /** Relative noise on the ranking key (default 0 without seed, 0.2 with one). */
  readonly noise?: number;
  /**
   * Price of each resource in gain per unit: options are ranked by gain − Σ price·use
   * (Lagrangian greedy). Default 0 (rank by gain).
   */
  readonly prices?: readonly number[];
}

/** Order in which the greedy tries options (also used by the search to refill). */
export function greedyOrder(p: SelectionProblem, opts: GreedyOptions = {}): Int32Array {
  const rand = opts.seed === undefined ? null : createRandom(opts.seed);
  const noise = opts.noise ?? (rand ? 0.2 : 0);
  const key = new Float64Array(p.optionCount);
  const n = p.optionCount;
  for (let o = 0; o < n; o++) {
    let blocked = 0;
    for (let k = p.conflictStart[o]!; k < p.conflictStart[o + 1]!; k++)
      blocked += p.gain[p.conflict[k]!]!;
    let use = 0;
    let cost = 0;
    for (let r = 0; r < p.capacity.length; r++) {
      use += p.capacity[r]! > 0 ? p.use[r * n + o]! / p.capacity[r]! : 0;
      cost += (opts.prices?.[r] ?? 0) * p.use[r * n + o]!;
    }
    // Net gain first (SPOT5 weights come in classes); among equals, prefer what blocks least.
    const g = p.gain[o]! - cost;
    const base = g + Math.abs(g) * (0.001 / (1 + blocked / (p.gain[o]! + 1e-9)) - 0.001 * use);
    key[o] = base * (1 + (rand ? noise * (rand() - 0.5) : 0));
  }
  const order = Int32Array.from({ length: n }, (_, i) => i);
  order.sort((a, b) => key[b]! - key[a]!);
  return order;
}

/** Adds every option of `order` that can be added without removing anything. */
export function fillFree(st: SearchState, order: Int32Array): void {
  for (let k = 0; k < order.length; k++) {
    const o = order[k]!;
    if (st.chosen[st.p.optionItem[o]!]! < 0 && st.isFree(o)) st.add(o);
  }
}

/**
 * Builds a feasible selection greedily, in O(options × (conflicts + tuples)).
 * @example greedySelection(problem).filter((o) => o >= 0).length // items taken
 */
export function greedySelection(p: SelectionProblem, opts: GreedyOptions = {}): Selection {
  const st = new SearchState(p);
  fillFree(st, greedyOrder(p, opts));
  return st.snapshot();
}

/** Mean gain per unit of each resource over the options that use it (a first price guess). */
export function meanPrices(p: SelectionProblem): number[] {
  const n = p.optionCount;
  return Array.from(p.capacity, (_, r) => {
    let g = 0;
    let u = 0;
    for (let o = 0; o < n; o++) {
      const x = p.use[r * n + o]!;
      if (x > 0) {
        g += p.gain[o]!;
        u += x;
      }
    }
    return u > 0 ? g / u : 0;
  });
}

/** Price multipliers tried by {@link bestGreedySelection} when there are resources. */
const PRICE_FACTORS = [0, 0.25, 0.5, 0.75, 1, 1.5, 2, 3];

/**
 * The best of several greedy runs: by gain, and when capacities exist, by gain net of
 * resource prices at several multiples of the mean gain per unit (cheap: milliseconds each).
 */
export function bestGreedySelection(p: SelectionProblem): Selection {
  let best = greedySelection(p);
  if (p.capacity.length === 0) return best;
  let bestValue = selectionValue(p, best);
  const mean = meanPrices(p);
  for (const f of PRICE_FACTORS.slice(1)) {
    const s = greedySelection(p, { prices: mean.map((m) => m * f) });
    const v = selectionValue(p, s);
    if (v > bestValue) {
      best = s;
      bestValue = v;
    }
  }
  return best;
}

function selectionValue(p: SelectionProblem, s: Selection): number {
  let v = 0;
  for (const o of s) if (o >= 0) v += p.gain[o]!;
  return v;
}
