/**
 * The generic selection problem that every planner solver works on: items (candidate
 * acquisitions), each taken with at most one of its options; each option has a gain and uses
 * some amount of shared resources (recorder memory, energy…); some pairs of options exclude
 * each other (overlap, slew time, same instrument), some larger sets of options may not all be
 * taken together (n-ary limits such as telemetry rate); maximise the total gain.
 *
 * SPOT5 maps onto it directly (photo = item, camera code = option); the real planner maps
 * opportunities, slew conflicts and memory onto it the same way. Stored as flat typed arrays
 * (CSR) because the local search evaluates every option at every step.
 */

/** What {@link buildSelectionProblem} takes: options listed per item, global option indices elsewhere. */
export interface SelectionInput {
  /** Per item, its options' gains (> 0) in order; global option index = position in the flattened list. */
  readonly itemGains: readonly (readonly number[])[];
  /** Pairs of global option indices that exclude each other (any order, duplicates allowed). */
  readonly conflicts: readonly (readonly [number, number])[];
  /** Sets of ≥ 3 global option indices, of distinct items, that may not all be selected. */
  readonly tuples?: readonly (readonly number[])[];
  /** Resource capacities; `uses[r][o]` is option o's use of resource r (≥ 0). */
  readonly resources?: readonly { readonly capacity: number; readonly uses: ArrayLike<number> }[];
}

export interface SelectionProblem {
  readonly itemCount: number;
  readonly optionCount: number;
  /** Item of each option. */
  readonly optionItem: Int32Array;
  /** Options of item i are optionStart[i] … optionStart[i+1]−1. */
  readonly optionStart: Int32Array;
  /** Gain of each option. */
  readonly gain: Float64Array;
  /** Symmetric conflict adjacency (CSR), deduplicated; includes the other options of the same item. */
  readonly conflictStart: Int32Array;
  readonly conflict: Int32Array;
  /** Forbidden option sets of size ≥ 3 (CSR over tuples). */
  readonly tupleStart: Int32Array;
  readonly tupleOption: Int32Array;
  /** Tuples each option belongs to (CSR over options). */
  readonly optionTupleStart: Int32Array;
  readonly optionTuple: Int32Array;
  /** Capacity of each resource. */
  readonly capacity: Float64Array;
  /** Use of resource r by option o at use[r * optionCount + o]. */
  readonly use: Float64Array;
}

/** A solution: for each item the selected global option index, or −1 when the item is rejected. */
export type Selection = Int32Array;

function csr(
  count: number,
  pairs: ArrayLike<number>,
  pairCount: number,
): { start: Int32Array; list: Int32Array } {
  const start = new Int32Array(count + 1);
  for (let k = 0; k < pairCount; k++) start[pairs[2 * k]! + 1]!++;
  for (let i = 0; i < count; i++) start[i + 1]! += start[i]!;
  const fill = start.slice(0, count);
  const list = new Int32Array(pairCount);
  for (let k = 0; k < pairCount; k++) list[fill[pairs[2 * k]!]!++] = pairs[2 * k + 1]!;
  return { start, list };
}

/**
 * Builds the flat problem, deduplicating conflicts and adding the implicit exclusion between
 * options of the same item. Tuples already implied by a pairwise conflict are dropped.
 *
 * @throws RangeError when an index is out of range or a gain/use is not a finite number ≥ 0
 *   (the readers validate their files first; this guards programming errors).
 */
export function buildSelectionProblem(input: SelectionInput): SelectionProblem {
  const itemCount = input.itemGains.length;
  const optionStart = new Int32Array(itemCount + 1);
  for (let i = 0; i < itemCount; i++)
    optionStart[i + 1] = optionStart[i]! + input.itemGains[i]!.length;
  const optionCount = optionStart[itemCount]!;
  const optionItem = new Int32Array(optionCount);
  const gain = new Float64Array(optionCount);
  for (let i = 0; i < itemCount; i++) {
    const g = input.itemGains[i]!;
    for (let j = 0; j < g.length; j++) {
      const o = optionStart[i]! + j;
      if (!(Number.isFinite(g[j]!) && g[j]! >= 0))
        throw new RangeError(`gain of option ${o} is ${g[j]}`);
      optionItem[o] = i;
      gain[o] = g[j]!;
    }
  }
  const checkOption = (o: number): void => {
    if (!(Number.isInteger(o) && o >= 0 && o < optionCount))
      throw new RangeError(`option index ${o} out of [0, ${optionCount})`);
  };
  const key = (a: number, b: number): number => (a < b ? a * optionCount + b : b * optionCount + a);
  const seen = new Set<number>();
  const pairs: number[] = [];
  const addPair = (a: number, b: number): void => {
    if (a === b) return;
    const k = key(a, b);
    if (seen.has(k)) return;
    seen.add(k);
    pairs.push(a, b, b, a);
  };
  for (let i = 0; i < itemCount; i++)
    for (let a = optionStart[i]!; a < optionStart[i + 1]!; a++)
      for (let b = a + 1; b < optionStart[i + 1]!; b++) addPair(a, b);
  for (const [a, b] of input.conflicts) {
    checkOption(a);
    checkOption(b);
    if (optionItem[a] !== optionItem[b]) addPair(a, b);
  }
  const adj = csr(optionCount, pairs, pairs.length / 2);

  const tupleStartList = [0];
  const tupleFlat: number[] = [];
  const tupleSeen = new Set<string>();
  for (const t of input.tuples ?? []) {
    t.forEach(checkOption);
    const items = new Set(t.map((o) => optionItem[o]));
    if (items.size !== t.length)
      throw new RangeError(`tuple ${t.join(',')} has two options of one item`);
    let implied = false;
    for (let x = 0; x < t.length && !implied; x++)
      for (let y = x + 1; y < t.length && !implied; y++) implied = seen.has(key(t[x]!, t[y]!));
    if (implied) continue;
    const sorted = [...t].sort((p, q) => p - q);
    const id = sorted.join(',');
    if (tupleSeen.has(id)) continue;
    tupleSeen.add(id);
    tupleFlat.push(...sorted);
    tupleStartList.push(tupleFlat.length);
  }
  const tupleStart = Int32Array.from(tupleStartList);
  const tupleOption = Int32Array.from(tupleFlat);
  const memberPairs: number[] = [];
  for (let t = 0; t + 1 < tupleStart.length; t++)
    for (let k = tupleStart[t]!; k < tupleStart[t + 1]!; k++) memberPairs.push(tupleOption[k]!, t);
  const ot = csr(optionCount, memberPairs, memberPairs.length / 2);

  const resources = input.resources ?? [];
  const capacity = new Float64Array(resources.length);
  const use = new Float64Array(resources.length * optionCount);
  resources.forEach((r, ri) => {
    if (!(Number.isFinite(r.capacity) && r.capacity >= 0))
      throw new RangeError(`capacity of resource ${ri} is ${r.capacity}`);
    if (r.uses.length !== optionCount)
      throw new RangeError(`resource ${ri} has ${r.uses.length} uses for ${optionCount} options`);
    capacity[ri] = r.capacity;
    for (let o = 0; o < optionCount; o++) {
      const u = r.uses[o]!;
      if (!(Number.isFinite(u) && u >= 0))
        throw new RangeError(`use of resource ${ri} by option ${o} is ${u}`);
      use[ri * optionCount + o] = u;
    }
  });
  return {
    itemCount,
    optionCount,
    optionItem,
    optionStart,
    gain,
    conflictStart: adj.start,
    conflict: adj.list,
    tupleStart,
    tupleOption,
    optionTupleStart: ot.start,
    optionTuple: ot.list,
    capacity,
    use,
  };
}

/** Relative slack allowed on capacities, so that sums of decimal uses (451.15 × k) compare robustly. */
export const CAPACITY_REL_TOL = 1e-9;

/** Total gain of a selection. */
export function selectionGain(p: SelectionProblem, s: Selection): number {
  let v = 0;
  for (let i = 0; i < p.itemCount; i++) if (s[i]! >= 0) v += p.gain[s[i]!]!;
  return v;
}
