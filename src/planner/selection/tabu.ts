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
import { CAPACITY_REL_TOL, type Selection, type SelectionProblem } from './problem.js';
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
  /** Relative change of the resource price per step (default 0.02). */
  readonly priceStep?: number;
  /** Lowest resource price, as a fraction of the starting price (default 0.3). */
  readonly minPriceFactor?: number;
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
  private readonly dropTabuUntil: Float64Array;
  private readonly price: Float64Array;
  private readonly minPrice: Float64Array;
  private readonly excess: Float64Array;
  private readonly priceStep: number;
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
    this.dropTabuUntil = new Float64Array(p.optionCount);
    this.priceStep = opts.priceStep ?? 0.02;
    const rc = p.capacity.length;
    this.price = new Float64Array(rc);
    this.minPrice = new Float64Array(rc);
    this.excess = new Float64Array(rc);
    for (let r = 0; r < rc; r++) {
      // Start at the mean gain per unit of the options that use the resource.
      let g = 0;
      let u = 0;
      for (let o = 0; o < p.optionCount; o++) {
        const x = p.use[r * p.optionCount + o]!;
        if (x > 0) {
          g += p.gain[o]!;
          u += x;
        }
      }
      this.price[r] = u > 0 ? g / u : 0;
      this.minPrice[r] = this.price[r]! * (opts.minPriceFactor ?? 0.3);
    }
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
    let curPen = 0;
    for (let r = 0; r < rc; r++) {
      const e = st.usage[r]! - p.capacity[r]! * (1 + CAPACITY_REL_TOL);
      this.excess[r] = e;
      if (e > 0) curPen += e * this.price[r]!;
    }
    const feasibleNow = curPen === 0;
    let bestEst = -Infinity;
    let ties = 0;
    let chosen = -1;
    let drop = false;
    for (let o = 0; o < n; o++) {
      if (st.selected[o]) continue;
      const tabu = this.tabuUntil[o]! > it;
      if (tabu && this.tabuUntil[o] === Infinity) continue;
      let lost = st.blockGain[o]!;
      if (st.threat[o]! > 0) lost += this.tupleCost(o);
      let est = p.gain[o]! - lost;
      let feasibleAfter = true;
      if (rc > 0) {
        let pen = 0;
        for (let r = 0; r < rc; r++) {
          const e = this.excess[r]! - st.blockUse[r * n + o]! + p.use[r * n + o]!;
          if (e > 0) {
            pen += e * this.price[r]!;
            feasibleAfter = false;
          }
        }
        est -= pen - curPen;
      }
      // Aspiration: a tabu move is allowed when it gives a feasible solution better than the best.
      if (tabu && !(feasibleAfter && st.value + p.gain[o]! - lost > this.bestVal + 1e-9)) continue;
      if (est > bestEst + 1e-9) {
        bestEst = est;
        chosen = o;
        drop = false;
        ties = 1;
      } else if (est > bestEst - 1e-9 && randomInt(this.rand, ++ties) === 0) {
        chosen = o;
        drop = false;
      }
    }
    if (!feasibleNow) {
      // Drop moves exist only to pay back a capacity excess.
      for (let i = 0; i < p.itemCount; i++) {
        const s = st.chosen[i]!;
        if (s < 0 || this.dropTabuUntil[s]! > it) continue;
        let pen = 0;
        for (let r = 0; r < rc; r++) {
          const e = this.excess[r]! - p.use[r * n + s]!;
          if (e > 0) pen += e * this.price[r]!;
        }
        const est = -p.gain[s]! - (pen - curPen);
        if (est > bestEst + 1e-9) {
          bestEst = est;
          chosen = s;
          drop = true;
          ties = 1;
        } else if (est > bestEst - 1e-9 && randomInt(this.rand, ++ties) === 0) {
          chosen = s;
          drop = true;
        }
      }
    }
    if (chosen < 0) {
      this.perturb();
      return;
    }
    const tenure = (): number => this.tenureMin + randomInt(this.rand, this.tenureSpan);
    if (drop) {
      st.remove(chosen);
      this.tabuUntil[chosen] = it + tenure();
    } else {
      computeRepair(st, chosen, this.buf, false);
      for (let k = 0; k < this.buf.count; k++) this.tabuUntil[this.buf.out[k]!] = it + tenure();
      applyRepair(st, chosen, this.buf);
      this.buf.clear();
      this.dropTabuUntil[chosen] = it + this.tenureMin;
    }
    let feasible = true;
    for (let r = 0; r < rc; r++) {
      if (st.usage[r]! > p.capacity[r]! * (1 + CAPACITY_REL_TOL)) feasible = false;
    }
    // Strategic oscillation: the price of a resource rises while the solution overflows it and
    // falls otherwise, so the search crosses the capacity boundary back and forth.
    for (let r = 0; r < rc; r++) {
      this.price[r] = Math.max(
        this.minPrice[r]!,
        this.price[r]! * (feasible ? 1 - this.priceStep : 1 + this.priceStep),
      );
    }
    if (feasible && st.value > this.bestVal + 1e-9) {
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
      computeRepair(st, o, this.buf, true);
      if (Number.isFinite(this.buf.cost)) {
        for (let q = 0; q < this.buf.count; q++)
          this.tabuUntil[this.buf.out[q]!] = this.iterations + this.tenureMin;
        applyRepair(st, o, this.buf);
      }
      this.buf.clear();
    }
  }
}
