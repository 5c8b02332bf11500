/**
 * The sub-problem left when all items but a few keep their current choice: the free items'
 * options that remain compatible with the fixed part, conflicts among them, tuples reduced by
 * their fixed members, and the capacities left over. Used by the large-neighbourhood search
 * (re-optimise a window of the plan exactly) and, in the real planner, to repair a plan around
 * an emergency request while keeping the rest.
 */
import { buildSelectionProblem, type Selection, type SelectionProblem } from './problem.js';

export interface RestrictedProblem {
  readonly sub: SelectionProblem;
  /** Global option index of each sub-problem option. */
  readonly optionMap: Int32Array;
  /** Global item index of each sub-problem item. */
  readonly itemMap: Int32Array;
}

/**
 * Builds the sub-problem over `freeItems` with every other item fixed as in `current`
 * (which must be feasible).
 */
export function restrictProblem(
  p: SelectionProblem,
  current: Selection,
  freeItems: ArrayLike<number>,
): RestrictedProblem {
  const n = p.optionCount;
  const isFree = new Uint8Array(p.itemCount);
  for (let k = 0; k < freeItems.length; k++) isFree[freeItems[k]!] = 1;
  const fixedSel = new Uint8Array(n);
  for (let i = 0; i < p.itemCount; i++)
    if (!isFree[i] && current[i]! >= 0) fixedSel[current[i]!] = 1;
  // Options of free items that no fixed selected option excludes.
  const allowed = new Uint8Array(n);
  for (let k = 0; k < freeItems.length; k++) {
    const i = freeItems[k]!;
    for (let o = p.optionStart[i]!; o < p.optionStart[i + 1]!; o++) {
      let ok = true;
      for (let q = p.conflictStart[o]!; q < p.conflictStart[o + 1]! && ok; q++) {
        if (fixedSel[p.conflict[q]!]) ok = false;
      }
      allowed[o] = ok ? 1 : 0;
    }
  }
  // Tuples: drop those with a fixed unselected member; the rest shrink to their free members.
  const pairConflicts: [number, number][] = [];
  const tuples: number[][] = [];
  for (let t = 0; t + 1 < p.tupleStart.length; t++) {
    const free: number[] = [];
    let dead = false;
    for (let q = p.tupleStart[t]!; q < p.tupleStart[t + 1]!; q++) {
      const m = p.tupleOption[q]!;
      if (isFree[p.optionItem[m]!]) {
        if (!allowed[m]) dead = true;
        free.push(m);
      } else if (!fixedSel[m]) dead = true;
    }
    if (dead || free.length === 0) continue;
    if (free.length === 1) allowed[free[0]!] = 0;
    else if (free.length === 2) pairConflicts.push([free[0]!, free[1]!]);
    else tuples.push(free);
  }
  const optionMap: number[] = [];
  const local = new Int32Array(n).fill(-1);
  const itemGains: number[][] = [];
  const itemMap: number[] = [];
  for (let k = 0; k < freeItems.length; k++) {
    const i = freeItems[k]!;
    const gains: number[] = [];
    for (let o = p.optionStart[i]!; o < p.optionStart[i + 1]!; o++) {
      if (!allowed[o]) continue;
      local[o] = optionMap.length;
      optionMap.push(o);
      gains.push(p.gain[o]!);
    }
    itemGains.push(gains);
    itemMap.push(i);
  }
  const conflicts: [number, number][] = [];
  for (const o of optionMap) {
    for (let q = p.conflictStart[o]!; q < p.conflictStart[o + 1]!; q++) {
      const u = p.conflict[q]!;
      if (u > o && local[u]! >= 0 && p.optionItem[u] !== p.optionItem[o])
        conflicts.push([local[o]!, local[u]!]);
    }
  }
  for (const [a, b] of pairConflicts)
    if (local[a]! >= 0 && local[b]! >= 0) conflicts.push([local[a]!, local[b]!]);
  const localTuples = tuples
    .filter((t) => t.every((o) => local[o]! >= 0))
    .map((t) => t.map((o) => local[o]!));
  const resources = Array.from(p.capacity, (cap, r) => {
    let fixedUse = 0;
    for (let o = 0; o < n; o++) if (fixedSel[o]) fixedUse += p.use[r * n + o]!;
    return {
      capacity: Math.max(0, cap - fixedUse),
      uses: optionMap.map((o) => p.use[r * n + o]!),
    };
  });
  const sub = buildSelectionProblem({ itemGains, conflicts, tuples: localTuples, resources });
  return { sub, optionMap: Int32Array.from(optionMap), itemMap: Int32Array.from(itemMap) };
}

/** Writes a sub-problem selection back into a copy of `current`. */
export function liftSelection(
  r: RestrictedProblem,
  current: Selection,
  subSel: Selection,
): Selection {
  const out = current.slice();
  for (let k = 0; k < r.itemMap.length; k++) {
    const o = subSel[k]!;
    out[r.itemMap[k]!] = o >= 0 ? r.optionMap[o]! : -1;
  }
  return out;
}
