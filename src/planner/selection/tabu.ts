/**
 * Tabu search in the space of feasible selections. One step inserts the best non-tabu option
 * (gain minus what the repair forces out, see `moves.ts`), even when that lowers the value;
 * options that were forced out may not come back for a random tenure. After a long stagnation
 * the search restarts from the best solution with a random perturbation (iterated tabu).
 *
 * It is synchronous and runs in chunks ({@link TabuSearch.run}) so that a driver can check a
 * deadline, an abort signal or news from another solver between chunks: the best solution is
 * available at any time ({@link TabuSearch.best}).
 */
import { fillFree, greedyOrder } from './greedy.js';
import { RepairBuffer, applyRepair, computeRepair } from './moves.js';
import type { Selection, SelectionProblem } from './problem.js';
import { createRandom, randomInt } from './random.js';
import { SearchState } from './state.js';

/** Options for {@link TabuSearch}. */
export interface TabuOptions {
  /** Seed of every random choice (default 1). */
  readonly seed?: number;
  /** Minimum tabu tenure in iterations (default 7); the tenure is drawn in [min, 2·min + 10 % of items]. */
  readonly tenureMin?: number;
  /** Iterations without a new best before a perturbed restart (default 20 × items, at least 2000). */
  readonly stagnation?: number;
  /** A proven upper bound: the search stops when it reaches it. */
  readonly upperBound?: number;
}

export class TabuSearch {
  private readonly p: SelectionProblem;
  private readonly st: SearchState;
  private readonly buf: RepairBuffer;
  private readonly tabuUntil: Float64Array;
  private readonly rand: () => number;
  private readonly order: Int32Array;
  private readonly tenureMin: number;
  private readonly tenureSpan: number;
  private readonly stagnation: number;
  private readonly candidates: Int32Array;
  private readonly estimate: Float64Array;
  private bestSel: Selection;
  private bestVal: number;
  private sinceBest = 0;
  /** Iterations done so far. */
  iterations = 0;
  /** Perturbed restarts done so far. */
  restarts = 0;
  upperBound: number;

  constructor(p: SelectionProblem, initial: Selection, opts: TabuOptions = {}) {
    this.p = p;
    this.st = new SearchState(p);
    this.buf = new RepairBuffer(p.optionCount);
    this.tabuUntil = new Float64Array(p.optionCount);
    this.rand = createRandom(opts.seed ?? 1);
    this.order = greedyOrder(p);
    this.tenureMin = opts.tenureMin ?? 7;
    this.tenureSpan = this.tenureMin + Math.ceil(0.1 * p.itemCount);
    this.stagnation = opts.stagnation ?? Math.max(2000, 20 * p.itemCount);
    this.candidates = new Int32Array(p.optionCount);
    this.estimate = new Float64Array(p.optionCount);
    this.upperBound = opts.upperBound ?? Infinity;
    this.st.load(initial);
    fillFree(this.st, this.order);
    this.bestSel = this.st.snapshot();
    this.bestVal = this.st.value;
    // Options that can never be taken (use more than a capacity alone) are tabu forever.
    for (let o = 0; o < p.optionCount; o++) {
      for (let r = 0; r < p.capacity.length; r++) {
        if (p.use[r * p.optionCount + o]! > p.capacity[r]!) this.tabuUntil[o] = Infinity;
      }
    }
  }

  /** The best selection found so far (a copy). */
  best(): Selection {
    return this.bestSel.slice();
  }

  bestValue(): number {
    return this.bestVal;
  }

  /** True once the best value reaches the upper bound (nothing left to find). */
  done(): boolean {
    return this.bestVal >= this.upperBound - 1e-9;
  }

  /**
   * Offers an outside solution (e.g. from the MILP); adopted as the current and best solution
   * when it is better than the best so far. It must be feasible.
   */
  offer(s: Selection, value: number): boolean {
    if (value <= this.bestVal + 1e-9) return false;
    this.st.load(s);
    fillFree(this.st, this.order);
    this.bestSel = this.st.snapshot();
    this.bestVal = this.st.value;
    this.sinceBest = 0;
    return true;
  }

  /** Runs up to `maxIterations` steps (fewer if the bound is reached). Returns the steps done. */
  run(maxIterations: number): number {
    let k = 0;
    for (; k < maxIterations && !this.done(); k++) this.step();
    return k;
  }

  private step(): void {
    const p = this.p;
    const st = this.st;
    const it = ++this.iterations;
    const n = p.optionCount;
    const rc = p.capacity.length;
    // Lowest gain per unit of each resource among selected options: prices a capacity excess.
    let price = 0;
    if (rc > 0) {
      price = Infinity;
      for (let i = 0; i < p.itemCount; i++) {
        const s = st.chosen[i]!;
        if (s < 0) continue;
        for (let r = 0; r < rc; r++) {
          const u = p.use[r * n + s]!;
          if (u > 0) price = Math.min(price, p.gain[s]! / u);
        }
      }
      if (!Number.isFinite(price)) price = 0;
    }
    const need = this.bestVal - st.value; // aspiration: a tabu move that beats the best is allowed
    let bestEst = -Infinity;
    let nCand = 0;
    let ties = 0;
    let chosen = -1;
    for (let o = 0; o < n; o++) {
      if (st.selected[o]) continue;
      let est = p.gain[o]! - st.blockGain[o]!;
      if (st.threat[o]! > 0) est -= this.tupleCost(o);
      let capExcess = false;
      for (let r = 0; r < rc; r++) {
        const excess = st.usage[r]! - st.blockUse[r * n + o]! + p.use[r * n + o]! - p.capacity[r]!;
        if (excess > 0) {
          est -= excess * price;
          capExcess = true;
        }
      }
      const tabu = this.tabuUntil[o]! > it;
      if (tabu && !(est > need + 1e-9 && this.tabuUntil[o] !== Infinity)) continue;
      if (capExcess) {
        this.candidates[nCand] = o;
        this.estimate[nCand++] = est;
      }
      if (est > bestEst + 1e-9) {
        bestEst = est;
        chosen = o;
        ties = 1;
      } else if (est > bestEst - 1e-9 && randomInt(this.rand, ++ties) === 0) {
        chosen = o;
      }
    }
    if (chosen < 0) {
      this.perturb();
      return;
    }
    computeRepair(st, chosen, this.buf);
    let delta = p.gain[chosen]! - this.buf.cost;
    if (nCand > 0) {
      // Capacity estimates are coarse: evaluate exactly the few most promising capacity moves.
      const top = this.topCandidates(nCand, 4);
      for (const o of top) {
        if (o === chosen) continue;
        computeRepair(st, o, this.buf);
        const d = p.gain[o]! - this.buf.cost;
        if (d > delta + 1e-9) {
          delta = d;
          chosen = o;
        }
      }
      computeRepair(st, chosen, this.buf);
    }
    if (!Number.isFinite(this.buf.cost)) {
      this.tabuUntil[chosen] = it + this.tenureMin;
      return;
    }
    const tenure = () => this.tenureMin + randomInt(this.rand, this.tenureSpan);
    for (let k = 0; k < this.buf.count; k++) this.tabuUntil[this.buf.out[k]!] = it + tenure();
    applyRepair(st, chosen, this.buf);
    this.buf.clear();
    if (st.value > this.bestVal + 1e-9) {
      fillFree(st, this.order);
      this.bestVal = st.value;
      this.bestSel = st.snapshot();
      this.sinceBest = 0;
    } else if (++this.sinceBest > this.stagnation) {
      this.perturb();
    }
  }

  /**
   * Gain lost to the forbidden tuples that inserting o completes (cheapest member of each; no
   * member of a tuple conflicts with o, the builder drops such implied tuples).
   */
  private tupleCost(o: number): number {
    const p = this.p;
    const st = this.st;
    let cost = 0;
    for (let k = p.optionTupleStart[o]!; k < p.optionTupleStart[o + 1]!; k++) {
      const t = p.optionTuple[k]!;
      const size = p.tupleStart[t + 1]! - p.tupleStart[t]!;
      if (st.tupleSel[t] !== size - 1) continue;
      let cheapest = Infinity;
      for (let q = p.tupleStart[t]!; q < p.tupleStart[t + 1]!; q++) {
        const m = p.tupleOption[q]!;
        if (m !== o) cheapest = Math.min(cheapest, p.gain[m]!);
      }
      cost += cheapest;
    }
    return cost;
  }

  private topCandidates(count: number, k: number): number[] {
    const idx: number[] = [];
    for (let c = 0; c < count; c++) {
      idx.push(c);
      if (idx.length > k) {
        idx.sort((a, b) => this.estimate[b]! - this.estimate[a]!);
        idx.pop();
      }
    }
    return idx.map((c) => this.candidates[c]!);
  }

  /** Restart from the best solution, forcing in a few random options. */
  private perturb(): void {
    const p = this.p;
    const st = this.st;
    this.restarts++;
    this.sinceBest = 0;
    st.load(this.bestSel);
    this.tabuUntil.forEach((v, o) => {
      if (v !== Infinity) this.tabuUntil[o] = 0;
    });
    const kicks = 2 + randomInt(this.rand, Math.max(2, Math.ceil(0.02 * p.itemCount)));
    for (let k = 0; k < kicks; k++) {
      const o = randomInt(this.rand, p.optionCount);
      if (st.selected[o] || this.tabuUntil[o] === Infinity) continue;
      computeRepair(st, o, this.buf);
      if (Number.isFinite(this.buf.cost)) {
        for (let q = 0; q < this.buf.count; q++) this.tabuUntil[this.buf.out[q]!] = this.iterations + this.tenureMin;
        applyRepair(st, o, this.buf);
      }
      this.buf.clear();
    }
  }
}
