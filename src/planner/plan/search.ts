/**
 * The search: a lazy greedy insertion by value density (marginal gain per second of satellite
 * time, imaging plus settling: a strip overlapping strips of another family already taken is
 * worth only its new sample cells), fairness-aware when a fairness policy is set (the nation with the lowest
 * normalised utility picks next), then a large-neighbourhood search: free a time window of one
 * satellite, re-insert greedily (with randomised order) the options of that window and of the
 * freed items anywhere, keep the result unless the objective got worse. Seeded, anytime: the
 * current state is always the best found, and the search runs in slices so that a driver can
 * stop it at a deadline or on abort.
 */
import { createRandom } from '../selection/random.js';
import type { PlanModel } from './model.js';
import type { Objective } from './objective.js';
import { MaxHeap } from './max-heap.js';
import { type PassGroup, PathScratch, bestPath, passGroups, passIndexReady } from './passes.js';
import { Schedule, nationIndex } from './schedule.js';

/**
 * A pass of at most this many options has an index cheap enough to build inside any step (at
 * most ~10⁶ predecessor pairs, about 0.1 s).
 */
const SMALL_PASS = 1000;
/** Settling plus a typical small slew, s, added to the imaging time in the value density. */
const DENSITY_OVERHEAD_S = 8;

export interface SearchStats {
  iterations: number;
  accepted: number;
  improved: number;
}

export class Search {
  readonly m: PlanModel;
  readonly st: Schedule;
  readonly obj: Objective;
  readonly stats: SearchStats = { iterations: 0, accepted: 0, improved: 0 };
  private readonly rand: () => number;
  /** Density of an option alone (gain of its whole strip per second). */
  private readonly density: Float64Array;
  /** Seconds of satellite time an option costs in the density. */
  private readonly cost: Float64Array;
  private windowMs = 10 * 60_000;
  private readonly optNation: Int8Array;
  private readonly groups: PassGroup[];
  /** Pass group of each option. */
  private readonly optGroup: Int32Array;
  private readonly scratch: PathScratch;
  private readonly weight: Float64Array;
  /** Options that may never be inserted (e.g. displaced ones kept out in a repair). */
  readonly blocked: Uint8Array;
  /** Items that must stay taken (repair keeps urgent requests in). */
  readonly pinned: Uint8Array;

  constructor(m: PlanModel, obj: Objective, seed = 1, st?: Schedule) {
    this.m = m;
    this.obj = obj;
    this.st = st ?? new Schedule(m);
    this.rand = createRandom(seed);
    this.density = new Float64Array(m.optionCount);
    this.cost = new Float64Array(m.optionCount);
    for (let o = 0; o < m.optionCount; o++) {
      const sat = m.sats[m.optSat[o]!]!;
      const dur = (m.optEnd[o]! - m.optStart[o]!) / 1000;
      this.cost[o] = dur + sat.spec.agility.settlingS + DENSITY_OVERHEAD_S;
      this.density[o] = m.items[m.optItem[o]!]!.gain / this.cost[o]!;
    }
    this.blocked = new Uint8Array(m.optionCount);
    this.groups = passGroups(m);
    this.optGroup = new Int32Array(m.optionCount);
    this.groups.forEach((g, k) => {
      for (const o of g.options) this.optGroup[o] = k;
    });
    this.scratch = new PathScratch(Math.max(1, ...this.groups.map((g) => g.options.length)));
    this.weight = new Float64Array(m.optionCount);
    this.optNation = Int8Array.from(m.optItem, (i) =>
      nationIndex(m.requests[m.items[i]!.request]!.nation),
    );
    this.pinned = new Uint8Array(m.items.length);
  }

  private byDensity(list: number[]): number[] {
    const d = this.density;
    return list.sort((a, b) => d[b]! - d[a]! || this.m.optStart[a]! - this.m.optStart[b]!);
  }

  /**
   * Pops the option of `h` with the best current marginal density that can be inserted
   * (lazy: a popped option whose density dropped below the next key goes back), −1 when none.
   */
  private popBest(h: MaxHeap): number {
    for (;;) {
      const o = h.pop();
      if (o < 0) return -1;
      const i = this.m.optItem[o]!;
      if (this.st.itemSel[i] !== -1) continue;
      const d = this.st.marginal(i) / this.cost[o]!;
      if (d <= 1e-12) continue;
      if (d >= h.topKey() * (1 - 1e-12)) {
        if (this.st.fits(o)) return o;
        continue;
      }
      h.push(o, d);
    }
  }

  /** Greedy insertion into the current state; fairness-aware when the policy asks for it. */
  greedy(): void {
    const queues = [new MaxHeap(), new MaxHeap(), new MaxHeap(), new MaxHeap()];
    const fair = this.obj.policy !== 'none';
    for (let o = 0; o < this.m.optionCount; o++)
      if (!this.blocked[o]) queues[fair ? this.optNation[o]! : 0]!.push(o, this.density[o]!);
    if (!fair) {
      for (let o = this.popBest(queues[0]!); o >= 0; o = this.popBest(queues[0]!))
        this.st.insert(o);
      return;
    }
    // one queue per nation (and one for the alliance); the least served nation picks next
    const t = this.obj.targets;
    for (;;) {
      let pick = -1;
      let bestU = Infinity;
      for (const n of [0, 1, 2]) {
        if (queues[n]!.size === 0) continue;
        const u = this.st.nationValue[n]! / t[n]!;
        if (u < bestU) {
          bestU = u;
          pick = n;
        }
      }
      if (pick < 0 || (queues[3]!.size > 0 && queues[3]!.topKey() > queues[pick]!.topKey()))
        pick = queues[3]!.size > 0 ? 3 : pick;
      if (pick < 0) break;
      const o = this.popBest(queues[pick]!);
      if (o >= 0) this.st.insert(o);
    }
  }

  /** Ordering factor per nation: 1000 for the nation with the lowest normalised utility. */
  private nationBoost(): Float64Array {
    const b = new Float64Array(3).fill(1);
    let worst = -1;
    let wu = Infinity;
    for (const n of this.obj.active) {
      const u = this.st.nationValue[n]! / this.obj.targets[n]!;
      if (u < wu) {
        wu = u;
        worst = n;
      }
    }
    if (worst >= 0) b[worst] = 1000;
    return b;
  }

  /** Options of satellite s whose start lies in [a, b). */
  private optionsIn(s: number, a: number, b: number): number[] {
    const ids = this.m.sats[s]!.options;
    const start = this.m.optStart;
    let lo = 0;
    let hi = ids.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (start[ids[mid]!]! < a) lo = mid + 1;
      else hi = mid;
    }
    const out: number[] = [];
    for (let k = lo; k < ids.length && start[ids[k]!]! < b; k++) out.push(ids[k]!);
    return out;
  }

  /** One neighbourhood: half of the time a whole pass re-optimised, else a window. */
  step(): void {
    if (this.groups.length > 0 && this.rand() < 0.5) this.stepPass();
    else this.stepWindow();
  }

  /**
   * Re-optimises one pass: frees its acquisitions, takes the best sequence of the free strips
   * (dynamic programming over the pass, weights = gain with noise, a random price on data
   * volume, the least served nation first under a fairness policy), fills what is left greedily,
   * and keeps the result unless the objective got worse.
   */
  private stepPass(): void {
    const m = this.m;
    const st = this.st;
    this.stats.iterations++;
    const g = this.groups[Math.floor(this.rand() * this.groups.length)]!;
    // half of the time a second pass that shares strips with the first is freed too, so that a
    // strip can move from one pass (or day) to the other and make room (over several days the
    // same strip is often seen on several passes; one pass alone cannot trade it)
    const g2 = this.rand() < 0.5 ? this.partnerOf(g) : null;
    const passes = g2 ? (this.rand() < 0.5 ? [g, g2] : [g2, g]) : [g];
    const before = { value: st.value, nationValue: Float64Array.from(st.nationValue) };
    const removed: number[] = [];
    for (const p of passes)
      for (const o of p.options)
        if (st.itemSel[m.optItem[o]!] === o && !this.pinned[m.optItem[o]!]) removed.push(o);
    for (const o of removed) st.remove(o);
    const boost = this.obj.policy !== 'none' && this.rand() < 0.5 ? this.nationBoost() : null;
    const inserted: number[] = [];
    for (const p of passes) inserted.push(...this.refillPass(p, boost));
    for (const p of passes) {
      const rest = this.byDensity(
        Array.from(p.options).filter((o) => !this.blocked[o] && st.itemSel[m.optItem[o]!] === -1),
      );
      for (const o of rest)
        if (st.canInsert(o) && st.marginal(m.optItem[o]!) > 0) {
          st.insert(o);
          inserted.push(o);
        }
    }
    this.settle(before, removed, inserted);
  }

  /** A pass holding another option of a strip of `g`, already indexed (null when none). */
  private partnerOf(g: PassGroup): PassGroup | null {
    const m = this.m;
    for (let tries = 0; tries < 8; tries++) {
      const o = g.options[Math.floor(this.rand() * g.options.length)]!;
      const i = m.optItem[o]!;
      const a = m.itemOptStart[i]!;
      const n = m.itemOptStart[i + 1]! - a;
      if (n < 2) continue;
      const p = this.groups[this.optGroup[m.itemOpt[a + Math.floor(this.rand() * n)]!]!]!;
      // a step must stay short (the deadline is checked between steps): a large pass only once
      // its predecessor index is built (a single-pass move builds it in its turn)
      if (p !== g && (passIndexReady(p) || p.options.length <= SMALL_PASS)) return p;
    }
    return null;
  }

  /**
   * Inserts the best sequence of the free strips of pass `g` (weights = marginal gain with
   * noise, sometimes a random price on data volume, the boosted nation first).
   */
  private refillPass(g: PassGroup, boost: Float64Array | null): number[] {
    const m = this.m;
    const st = this.st;
    let price = 0;
    if (this.rand() < 0.3) {
      let gs = 0;
      let vs = 0;
      for (const o of g.options) {
        gs += m.items[m.optItem[o]!]!.gain;
        vs += m.optVolume[o]!;
      }
      price = vs > 0 ? (this.rand() * gs) / vs : 0;
    }
    const w = this.weight;
    for (const o of g.options) {
      const i = m.optItem[o]!;
      if (this.blocked[o] || st.itemSel[i] !== -1) {
        w[o] = 0;
        continue;
      }
      const n = this.optNation[o]!;
      const b = boost && n < 3 ? boost[n]! : 1;
      // strips of one pass belong to one family: their marginal gains add up exactly
      w[o] = b * st.marginal(i) * (0.9 + 0.2 * this.rand()) - price * m.optVolume[o]!;
    }
    const path = bestPath(m, g, (o) => w[o]!, this.scratch).path;
    const inserted: number[] = [];
    for (const o of path)
      if (st.canInsert(o) && st.marginal(m.optItem[o]!) > 0) {
        st.insert(o);
        inserted.push(o);
      }
    return inserted;
  }

  /** Keeps the change unless the objective got worse (then restores the removed options). */
  private settle(
    before: { value: number; nationValue: Float64Array },
    removed: number[],
    inserted: number[],
  ): void {
    const c = this.obj.compare(this.st, before);
    if (c < 0) {
      for (const o of inserted) this.st.remove(o);
      for (const o of removed) this.st.insert(o);
    } else {
      this.stats.accepted++;
      if (c > 0) this.stats.improved++;
    }
  }

  /** Destroys a time window of one satellite, repairs greedily, keeps unless worse. */
  private stepWindow(): void {
    const m = this.m;
    const st = this.st;
    this.stats.iterations++;
    const sats = m.sats.filter((s) => s.options.length > 0);
    if (sats.length === 0) return;
    const s = m.sats.indexOf(sats[Math.floor(this.rand() * sats.length)]!);
    const ids = m.sats[s]!.options;
    const t =
      m.optStart[ids[Math.floor(this.rand() * ids.length)]!]! - this.rand() * this.windowMs * 0.5;
    const a = t;
    const b = t + this.windowMs;
    const tl = st.timeline[s]!;
    const removed = tl.filter(
      (o) => m.optStart[o]! >= a && m.optStart[o]! < b && !this.pinned[m.optItem[o]!],
    );
    const before = { value: st.value, nationValue: Float64Array.from(st.nationValue) };
    for (const o of removed) st.remove(o);
    const cand = this.optionsIn(s, a - 60_000, b + 60_000).filter(
      (o) => !this.blocked[o] && st.itemSel[m.optItem[o]!] === -1,
    );
    for (const o of removed) {
      const i = m.optItem[o]!;
      for (let k = m.itemOptStart[i]!; k < m.itemOptStart[i + 1]!; k++) {
        const p = m.itemOpt[k]!;
        if (m.optSat[p] !== s && !this.blocked[p]) cand.push(p);
      }
    }
    const noise = new Map<number, number>();
    // under a fairness policy, half of the repairs serve the least served nation first
    const boost = this.obj.policy !== 'none' && this.rand() < 0.5 ? this.nationBoost() : null;
    for (const o of cand) {
      const n = this.optNation[o]!;
      const b = boost ? (n < 3 ? boost[n]! : 1) : 1;
      noise.set(o, b * this.density[o]! * (0.6 + 0.8 * this.rand()));
    }
    cand.sort((x, y) => noise.get(y)! - noise.get(x)!);
    const inserted: number[] = [];
    for (const o of cand) {
      if (st.canInsert(o) && st.marginal(m.optItem[o]!) > 0) {
        st.insert(o);
        inserted.push(o);
      }
    }
    const c = this.obj.compare(st, before);
    if (c < 0) {
      for (const o of inserted) st.remove(o);
      for (const o of removed) st.insert(o);
      this.windowMs = Math.min(30 * 60_000, this.windowMs * 1.02);
    } else {
      this.stats.accepted++;
      if (c > 0) this.stats.improved++;
      this.windowMs = Math.max(2 * 60_000, this.windowMs * 0.99);
    }
  }

  /** Runs neighbourhoods until `until()` says stop or `deadline` (ms of `now`) passes. */
  run(now: () => number, deadline: number, stop: () => boolean = () => false): void {
    // the clock is read after every neighbourhood: at 5000 requests one step can take
    // hundreds of ms (a dense pass's predecessor index is built on first use)
    while (now() < deadline && !stop()) this.step();
  }
}
