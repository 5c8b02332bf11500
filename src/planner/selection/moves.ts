/**
 * The one move of the local search: insert an option and remove what it forces out, i.e.
 * (1) the selected options in conflict with it, (2) for each forbidden tuple it would complete,
 * the cheapest other member, (3) while a capacity is exceeded, the selected options with the
 * lowest gain per unit of that resource. This keeps the search in the feasible space, so the
 * incumbent is always a valid plan (anytime).
 */
import { CAPACITY_REL_TOL } from './problem.js';
import type { SearchState } from './state.js';

/** Scratch buffers reused across moves (one per search). */
export class RepairBuffer {
  readonly out: Int32Array;
  readonly mark: Uint8Array;
  count = 0;
  cost = 0;
  constructor(optionCount: number) {
    this.out = new Int32Array(optionCount);
    this.mark = new Uint8Array(optionCount);
  }
  clear(): void {
    for (let k = 0; k < this.count; k++) this.mark[this.out[k]!] = 0;
    this.count = 0;
    this.cost = 0;
  }
  push(o: number, gain: number): void {
    this.mark[o] = 1;
    this.out[this.count++] = o;
    this.cost += gain;
  }
}

/**
 * Fills `buf` with the options to remove if `o` is inserted and their total gain (Infinity when
 * `o` cannot fit even alone). With `capacity` false, only conflicts and tuples are repaired (the
 * search may then overflow a resource and pay a penalty instead). `o` must not be selected. Leaves `buf.mark` set for the listed options (call `buf.clear()` after use).
 */
export function computeRepair(
  st: SearchState,
  o: number,
  buf: RepairBuffer,
  capacity = true,
): void {
  const p = st.p;
  buf.clear();
  for (let k = p.conflictStart[o]!; k < p.conflictStart[o + 1]!; k++) {
    const u = p.conflict[k]!;
    if (st.selected[u]) buf.push(u, p.gain[u]!);
  }
  if (st.threat[o]! > 0) {
    for (let k = p.optionTupleStart[o]!; k < p.optionTupleStart[o + 1]!; k++) {
      const t = p.optionTuple[k]!;
      const size = p.tupleStart[t + 1]! - p.tupleStart[t]!;
      if (st.tupleSel[t] !== size - 1) continue;
      let cheapest = -1;
      let broken = false;
      for (let q = p.tupleStart[t]!; q < p.tupleStart[t + 1]!; q++) {
        const m = p.tupleOption[q]!;
        if (m === o) continue;
        if (buf.mark[m]) {
          broken = true;
          break;
        }
        if (cheapest < 0 || p.gain[m]! < p.gain[cheapest]!) cheapest = m;
      }
      if (!broken && cheapest >= 0) buf.push(cheapest, p.gain[cheapest]!);
    }
  }
  if (!capacity) return;
  const n = p.optionCount;
  for (let r = 0; r < p.capacity.length; r++) {
    const cap = p.capacity[r]! * (1 + CAPACITY_REL_TOL);
    let load = st.usage[r]! + p.use[r * n + o]!;
    for (let k = 0; k < buf.count; k++) load -= p.use[r * n + buf.out[k]!]!;
    if (load <= cap) continue;
    // Remove the selected users of r with the lowest gain per unit until it fits.
    const cands: number[] = [];
    for (let i = 0; i < p.itemCount; i++) {
      const s = st.chosen[i]!;
      if (s >= 0 && !buf.mark[s] && p.use[r * n + s]! > 0) cands.push(s);
    }
    cands.sort((a, b) => p.gain[a]! / p.use[r * n + a]! - p.gain[b]! / p.use[r * n + b]!);
    for (const s of cands) {
      if (load <= cap) break;
      buf.push(s, p.gain[s]!);
      load -= p.use[r * n + s]!;
    }
    if (load > cap) buf.cost = Infinity;
  }
}

/** Applies the move prepared in `buf`: removes the listed options, then inserts `o`. */
export function applyRepair(st: SearchState, o: number, buf: RepairBuffer): void {
  for (let k = 0; k < buf.count; k++) st.remove(buf.out[k]!);
  st.add(o);
}
