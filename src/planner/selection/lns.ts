/**
 * Large-neighbourhood search with exact sub-solves: free a few windows of consecutive items
 * (items are in time order, so conflicts are local) or breadth-first balls in the conflict
 * graph, keep everything else as in the incumbent, solve the restricted MILP with HiGHS to optimality, keep the result when it is
 * not worse. Freeing several distant windows at once lets recorder memory move between them.
 * The window size adapts: it shrinks when a sub-solve hits its time limit, grows when sub-solves
 * are quick.
 */
import type { Highs } from 'highs';
import { solveMilp } from './milp.js';
import {
  CAPACITY_REL_TOL,
  type Selection,
  type SelectionProblem,
  selectionGain,
} from './problem.js';
import { createRandom, randomInt } from './random.js';
import { liftSelection, restrictProblem } from './restrict.js';

export interface LnsOptions {
  /** Monotonic clock, ms. */
  readonly now: () => number;
  /** Stop at this clock value, ms. */
  readonly deadlineMs: number;
  readonly seed?: number;
  /** Starting number of free items (default 300). */
  readonly windowItems?: number;
  /** Time limit of one sub-solve, s (default 4). */
  readonly subTimeLimitS?: number;
  /** Returns a better outside incumbent when one arrived since the last call, else null. */
  readonly pollIncumbent?: () => { selection: Selection; value: number } | null;
  readonly onImprove?: (s: Selection, value: number) => void;
  readonly shouldStop?: () => boolean;
  /**
   * Items of the lower gain classes (see `classes.ts`): every fifth neighbourhood frees all of
   * them at once, with the top class fixed, to settle the small gains exactly.
   */
  readonly lowerClassItems?: readonly number[];
  /** Diagnostics: called after each sub-solve. */
  readonly onIteration?: (info: {
    window: number;
    optimal: boolean;
    spentS: number;
    value: number;
  }) => void;
}

/** True when `s` satisfies every conflict, tuple and capacity of `p`. */
export function isFeasible(p: SelectionProblem, s: Selection): boolean {
  const sel = new Uint8Array(p.optionCount);
  for (let i = 0; i < p.itemCount; i++) {
    const o = s[i]!;
    if (o < 0) continue;
    if (p.optionItem[o] !== i) return false;
    sel[o] = 1;
  }
  for (let o = 0; o < p.optionCount; o++) {
    if (!sel[o]) continue;
    for (let k = p.conflictStart[o]!; k < p.conflictStart[o + 1]!; k++)
      if (sel[p.conflict[k]!]) return false;
  }
  for (let t = 0; t + 1 < p.tupleStart.length; t++) {
    let all = true;
    for (let k = p.tupleStart[t]!; k < p.tupleStart[t + 1]! && all; k++)
      all = sel[p.tupleOption[k]!] === 1;
    if (all) return false;
  }
  const n = p.optionCount;
  for (let r = 0; r < p.capacity.length; r++) {
    let u = 0;
    for (let o = 0; o < n; o++) if (sel[o]) u += p.use[r * n + o]!;
    if (u > p.capacity[r]! * (1 + CAPACITY_REL_TOL)) return false;
  }
  return true;
}

/** Runs the LNS from `start` (feasible) until the deadline; returns the best selection. */
export function runLns(
  highs: Highs,
  p: SelectionProblem,
  start: Selection,
  opts: LnsOptions,
): { selection: Selection; value: number; iterations: number } {
  const rand = createRandom(opts.seed ?? 1);
  let cur: Selection = start.slice();
  let val = selectionGain(p, cur);
  let window = Math.min(p.itemCount, opts.windowItems ?? 300);
  const subLimit = opts.subTimeLimitS ?? 4;
  let iterations = 0;
  // Item neighbours through conflicts and tuples, for neighbourhoods that follow the constraints.
  const neighbours: number[][] = Array.from({ length: p.itemCount }, () => []);
  {
    const seen = new Set<number>();
    const link = (a: number, b: number): void => {
      if (a === b) return;
      const key = a < b ? a * p.itemCount + b : b * p.itemCount + a;
      if (seen.has(key)) return;
      seen.add(key);
      neighbours[a]!.push(b);
      neighbours[b]!.push(a);
    };
    for (let o = 0; o < p.optionCount; o++)
      for (let k = p.conflictStart[o]!; k < p.conflictStart[o + 1]!; k++)
        link(p.optionItem[o]!, p.optionItem[p.conflict[k]!]!);
    for (let t = 0; t + 1 < p.tupleStart.length; t++)
      for (let k = p.tupleStart[t]! + 1; k < p.tupleStart[t + 1]!; k++)
        link(p.optionItem[p.tupleOption[p.tupleStart[t]!]!]!, p.optionItem[p.tupleOption[k]!]!);
  }
  /** Adds to `free` up to `size` items in breadth-first order from `seed`. */
  const ball = (seed: number, size: number, free: Set<number>): void => {
    const queue = [seed];
    const start = free.size;
    for (let q = 0; q < queue.length && free.size - start < size; q++) {
      const i = queue[q]!;
      if (free.has(i)) continue;
      free.add(i);
      for (const j of neighbours[i]!) if (!free.has(j)) queue.push(j);
    }
  };
  const n = p.optionCount;
  const addDonors = (s: Selection, free: Set<number>, count: number): void => {
    const donors: { item: number; ratio: number }[] = [];
    for (let i = 0; i < p.itemCount; i++) {
      const o = s[i]!;
      if (o < 0 || free.has(i)) continue;
      let use = 0;
      for (let r = 0; r < p.capacity.length; r++) use += p.use[r * n + o]! / (p.capacity[r]! || 1);
      if (use > 0) donors.push({ item: i, ratio: (p.gain[o]! / use) * (0.75 + 0.5 * rand()) });
    }
    donors.sort((a, b) => a.ratio - b.ratio);
    for (let k = 0; k < Math.min(count, donors.length); k++) free.add(donors[k]!.item);
  };
  while (opts.now() < opts.deadlineMs && !opts.shouldStop?.()) {
    const outside = opts.pollIncumbent?.();
    if (outside && outside.value > val) {
      cur = outside.selection.slice();
      val = outside.value;
    }
    iterations++;
    const parts = 1 + randomInt(rand, 3);
    const per = Math.max(1, Math.floor(window / parts));
    const free = new Set<number>();
    const lowerTurn = opts.lowerClassItems !== undefined && iterations % 5 === 0;
    if (lowerTurn) for (const i of opts.lowerClassItems!) free.add(i);
    for (let k = 0; k < (lowerTurn ? 0 : parts); k++) {
      if (rand() < 0.5) {
        const a = randomInt(rand, Math.max(1, p.itemCount - per + 1));
        for (let i = a; i < Math.min(p.itemCount, a + per); i++) free.add(i);
      } else {
        ball(randomInt(rand, p.itemCount), per, free);
      }
    }
    // With capacities, also free the selected items that pay least per unit of resource: they
    // are where the sub-solve can find memory for better items.
    if (p.capacity.length > 0 && !lowerTurn) addDonors(cur, free, Math.ceil(per / 2));
    const r = restrictProblem(
      p,
      cur,
      [...free].sort((x, y) => x - y),
    );
    const local = new Map<number, number>();
    r.optionMap.forEach((o, k) => local.set(o, k));
    const subStart = Int32Array.from(r.itemMap, (i) => local.get(cur[i]!) ?? -1);
    const remainingS = (opts.deadlineMs - opts.now()) / 1000;
    if (remainingS < 0.05) break;
    const t = opts.now();
    let res;
    try {
      res = solveMilp(highs, r.sub, {
        timeLimitS: Math.min(lowerTurn ? 3 * subLimit : subLimit, remainingS),
        start: subStart,
        ...(opts.shouldStop ? { shouldStop: () => opts.shouldStop!() } : {}),
      });
    } catch {
      // A failed sub-solve (e.g. out of WebAssembly memory) only loses this neighbourhood.
      window = Math.max(20, Math.floor(window * 0.7));
      continue;
    }
    const spentS = (opts.now() - t) / 1000;
    if (lowerTurn) {
      // The class neighbourhood has its own size; it does not steer the window.
    } else if (!res.optimal) window = Math.max(20, Math.floor(window * 0.8));
    else if (spentS < subLimit / 6) window = Math.min(p.itemCount, Math.ceil(window * 1.1));
    opts.onIteration?.({ window, optimal: res.optimal, spentS, value: val });
    if (!res.selection) continue;
    const next = liftSelection(r, cur, res.selection);
    const v = selectionGain(p, next);
    if (v < val - 1e-9 || !isFeasible(p, next)) continue;
    cur = next;
    if (v > val + 1e-9) {
      val = v;
      opts.onImprove?.(cur.slice(), v);
    }
  }
  return { selection: cur, value: val, iterations };
}
