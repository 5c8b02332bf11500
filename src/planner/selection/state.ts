/**
 * A mutable working solution of a {@link SelectionProblem} with the counters that make the
 * local search fast: for every option, the gain of the selected options that exclude it and
 * the number of forbidden tuples it would complete; the resource usage. Adding or removing an
 * option costs O(its conflicts + its tuples).
 *
 * The state never checks feasibility on `add`: callers add an option only after removing what
 * it conflicts with (see `moves.ts`).
 */
import { CAPACITY_REL_TOL, type Selection, type SelectionProblem } from './problem.js';

export class SearchState {
  readonly p: SelectionProblem;
  /** Selected option per item, −1 if none. */
  readonly chosen: Int32Array;
  readonly selected: Uint8Array;
  /** Sum of gains of selected options in conflict with each option. */
  readonly blockGain: Float64Array;
  readonly blockCount: Int32Array;
  /** Number of selected members of each tuple. */
  readonly tupleSel: Int32Array;
  /** Per option: tuples whose other members are all selected. */
  readonly threat: Int32Array;
  readonly usage: Float64Array;
  /** Resource r used by the selected options in conflict with o, at blockUse[r * optionCount + o]. */
  readonly blockUse: Float64Array;
  value = 0;
  selectedCount = 0;

  constructor(p: SelectionProblem) {
    this.p = p;
    this.chosen = new Int32Array(p.itemCount).fill(-1);
    this.selected = new Uint8Array(p.optionCount);
    this.blockGain = new Float64Array(p.optionCount);
    this.blockCount = new Int32Array(p.optionCount);
    this.tupleSel = new Int32Array(p.tupleStart.length - 1);
    this.threat = new Int32Array(p.optionCount);
    this.usage = new Float64Array(p.capacity.length);
    this.blockUse = new Float64Array(p.capacity.length * p.optionCount);
  }

  /** Selects option o (its item must be free). */
  add(o: number): void {
    this.toggle(o, 1);
  }

  /** Deselects option o (it must be selected). */
  remove(o: number): void {
    this.toggle(o, -1);
  }

  private toggle(o: number, sign: 1 | -1): void {
    const p = this.p;
    const g = p.gain[o]!;
    this.selected[o] = sign > 0 ? 1 : 0;
    this.chosen[p.optionItem[o]!] = sign > 0 ? o : -1;
    this.value += sign * g;
    this.selectedCount += sign;
    const n = p.optionCount;
    const rc = p.capacity.length;
    for (let k = p.conflictStart[o]!; k < p.conflictStart[o + 1]!; k++) {
      const u = p.conflict[k]!;
      this.blockGain[u]! += sign * g;
      this.blockCount[u]! += sign;
      for (let r = 0; r < rc; r++) this.blockUse[r * n + u]! += sign * p.use[r * n + o]!;
    }
    for (let k = p.optionTupleStart[o]!; k < p.optionTupleStart[o + 1]!; k++) {
      const t = p.optionTuple[k]!;
      const size = p.tupleStart[t + 1]! - p.tupleStart[t]!;
      const before = this.tupleSel[t]!;
      const after = before + sign;
      this.tupleSel[t] = after;
      for (let q = p.tupleStart[t]!; q < p.tupleStart[t + 1]!; q++) {
        const m = p.tupleOption[q]!;
        if (m === o) continue;
        const sm = this.selected[m]!;
        const othersBefore = before - sm;
        const othersAfter = after - sm;
        if (othersBefore === size - 1) this.threat[m]!--;
        if (othersAfter === size - 1) this.threat[m]!++;
      }
    }
    for (let r = 0; r < rc; r++) this.usage[r]! += sign * p.use[r * n + o]!;
  }

  /** True when adding o would exceed a capacity, ignoring what a repair would free. */
  fits(o: number): boolean {
    const p = this.p;
    for (let r = 0; r < p.capacity.length; r++) {
      if (this.usage[r]! + p.use[r * p.optionCount + o]! > p.capacity[r]! * (1 + CAPACITY_REL_TOL))
        return false;
    }
    return true;
  }

  /** True when o can be added without removing anything. */
  isFree(o: number): boolean {
    return this.blockCount[o] === 0 && this.threat[o] === 0 && this.fits(o);
  }

  /** Removes everything and loads `s`, which must be feasible. */
  load(s: Selection): void {
    for (let i = 0; i < this.p.itemCount; i++)
      if (this.chosen[i]! >= 0) this.remove(this.chosen[i]!);
    for (let i = 0; i < this.p.itemCount; i++) if (s[i]! >= 0) this.add(s[i]!);
  }

  snapshot(): Selection {
    return this.chosen.slice();
  }
}
