/**
 * The mutable state of the search: which option is taken for each item, each satellite's
 * timeline (taken options in time order), its recorder use per segment and its imaging time per
 * orbit, how many taken strips cover each sample cell (atom), and the value per nation: an
 * occurrence is worth the gain of the atoms covered at least once, so a strip that overlaps
 * strips of another family already taken adds only its new atoms. Insertion is checked against every constraint:
 * one acquisition at a time with the slew (roll/pitch change at the slew rate plus settling)
 * between neighbours, the duty limit of the orbit, and the recorder segments (model.ts).
 */
import type { PlanModel } from './model.js';
import { PLAN_NATIONS, type PlanNation } from './types.js';

/** Slack on capacities for sums of decimals. */
const EPS = 1e-9;

/** PlanNation index of a request nation: 0…2, or 3 for the alliance (shared equally). */
export function nationIndex(n: string): number {
  const k = PLAN_NATIONS.indexOf(n as PlanNation);
  return k < 0 ? 3 : k;
}

export class Schedule {
  readonly m: PlanModel;
  readonly itemSel: Int32Array;
  readonly timeline: number[][];
  readonly segUse: Float64Array[];
  readonly orbitUse: Float64Array[];
  /** Value per nation ML, BF, NE (alliance requests split in three). */
  readonly nationValue = new Float64Array(3);
  value = 0;
  count = 0;
  /** Taken strips covering each atom. */
  readonly atomCover: Int32Array;
  private readonly itemNation: Int8Array;

  constructor(m: PlanModel) {
    this.m = m;
    this.itemSel = new Int32Array(m.items.length).fill(-1);
    this.timeline = m.sats.map(() => []);
    this.segUse = m.sats.map((s) => new Float64Array(s.segCap.length));
    const orbits = m.sats.map((s) => Math.ceil((m.endMs - m.startMs) / s.periodMs) + 2);
    this.orbitUse = orbits.map((n) => new Float64Array(n));
    this.itemNation = Int8Array.from(m.items, (it) => nationIndex(m.requests[it.request]!.nation));
    this.atomCover = new Int32Array(m.atomGain.length);
  }

  /** What taking item i would add now: the gain of its atoms not yet covered. */
  marginal(item: number): number {
    const m = this.m;
    let g = 0;
    for (let k = m.itemAtomStart[item]!; k < m.itemAtomStart[item + 1]!; k++) {
      const a = m.itemAtom[k]!;
      if (this.atomCover[a] === 0) g += m.atomGain[a]!;
    }
    return g;
  }

  /** What removing the taken item i would lose: the gain of the atoms only it covers. */
  own(item: number): number {
    const m = this.m;
    let g = 0;
    for (let k = m.itemAtomStart[item]!; k < m.itemAtomStart[item + 1]!; k++) {
      const a = m.itemAtom[k]!;
      if (this.atomCover[a] === 1) g += m.atomGain[a]!;
    }
    return g;
  }

  /** Slew time from option a to option b (same satellite), ms. */
  slewMs(a: number, b: number): number {
    const m = this.m;
    const ag = m.sats[m.optSat[a]!]!.spec.agility;
    const ang = Math.hypot(m.optRoll[b]! - m.optRoll[a]!, m.optPitch[b]! - m.optPitch[a]!);
    return (ang / ag.slewRateDegS + ag.settlingS) * 1000;
  }

  /** Index in the satellite's timeline where option o would go. */
  private position(tl: readonly number[], o: number): number {
    const t = this.m.optStart[o]!;
    let lo = 0;
    let hi = tl.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.m.optStart[tl[mid]!]! <= t) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** True when the time, duty and memory constraints allow o (its item may be taken or not). */
  fits(o: number): boolean {
    const m = this.m;
    const s = m.optSat[o]!;
    const sat = m.sats[s]!;
    const dur = (m.optEnd[o]! - m.optStart[o]!) / 1000;
    const ou = this.orbitUse[s]!;
    if (ou[m.optOrbit[o]!]! + dur > sat.spec.maxImagingSPerOrbit + EPS) return false;
    const su = this.segUse[s]!;
    const j = m.optSeg[o]!;
    const v = m.optVolume[o]!;
    const mem = sat.spec.memoryGb + EPS;
    if (su[j]! + v > sat.segCap[j]! + EPS) return false;
    if (j > 0 && su[j - 1]! + su[j]! + v > mem) return false;
    if (j + 1 < su.length && su[j]! + v + su[j + 1]! > mem) return false;
    const tl = this.timeline[s]!;
    const p = this.position(tl, o);
    if (p > 0) {
      const a = tl[p - 1]!;
      if (m.optEnd[a]! + this.slewMs(a, o) > m.optStart[o]!) return false;
    }
    if (p < tl.length) {
      const b = tl[p]!;
      if (m.optEnd[o]! + this.slewMs(o, b) > m.optStart[b]!) return false;
    }
    return true;
  }

  /**
   * The first taken option that keeps `o` out (a time neighbour too close for the slew, else
   * the cheapest option of the orbit or recorder segment that is full), −1 when `o` fits, −2
   * when what blocks it is pinned or cannot be freed.
   */
  firstBlocker(o: number, pinned: Uint8Array): number {
    const m = this.m;
    const s = m.optSat[o]!;
    const sat = m.sats[s]!;
    const tl = this.timeline[s]!;
    const p = this.position(tl, o);
    const free = (x: number): boolean => !pinned[m.optItem[x]!];
    if (p > 0) {
      const a = tl[p - 1]!;
      if (m.optEnd[a]! + this.slewMs(a, o) > m.optStart[o]!) return free(a) ? a : -2;
    }
    if (p < tl.length) {
      const b = tl[p]!;
      if (m.optEnd[o]! + this.slewMs(o, b) > m.optStart[b]!) return free(b) ? b : -2;
    }
    const cheapest = (pred: (x: number) => boolean): number => {
      let best = -2;
      for (const x of tl)
        if (
          pred(x) &&
          free(x) &&
          (best < 0 || this.own(m.optItem[x]!) < this.own(m.optItem[best]!))
        )
          best = x;
      return best;
    };
    const dur = (m.optEnd[o]! - m.optStart[o]!) / 1000;
    if (this.orbitUse[s]![m.optOrbit[o]!]! + dur > sat.spec.maxImagingSPerOrbit + EPS)
      return cheapest((x) => m.optOrbit[x] === m.optOrbit[o]);
    const su = this.segUse[s]!;
    const j = m.optSeg[o]!;
    const v = m.optVolume[o]!;
    const mem = sat.spec.memoryGb + EPS;
    if (su[j]! + v > sat.segCap[j]! + EPS) return cheapest((x) => m.optSeg[x] === j);
    if (j > 0 && su[j - 1]! + su[j]! + v > mem)
      return cheapest((x) => m.optSeg[x] === j || m.optSeg[x] === j - 1);
    if (j + 1 < su.length && su[j]! + v + su[j + 1]! > mem)
      return cheapest((x) => m.optSeg[x] === j || m.optSeg[x] === j + 1);
    return -1;
  }

  canInsert(o: number): boolean {
    return this.itemSel[this.m.optItem[o]!] === -1 && this.fits(o);
  }

  private addValue(item: number, sign: number): void {
    const m = this.m;
    let g = 0;
    for (let k = m.itemAtomStart[item]!; k < m.itemAtomStart[item + 1]!; k++) {
      const a = m.itemAtom[k]!;
      if (sign > 0) {
        if (this.atomCover[a]!++ === 0) g += m.atomGain[a]!;
      } else if (--this.atomCover[a]! === 0) g -= m.atomGain[a]!;
    }
    this.value += g;
    const n = this.itemNation[item]!;
    if (n < 3) this.nationValue[n]! += g;
    else for (let k = 0; k < 3; k++) this.nationValue[k]! += g / 3;
  }

  insert(o: number): void {
    const m = this.m;
    const s = m.optSat[o]!;
    const item = m.optItem[o]!;
    const tl = this.timeline[s]!;
    tl.splice(this.position(tl, o), 0, o);
    this.itemSel[item] = o;
    this.orbitUse[s]![m.optOrbit[o]!]! += (m.optEnd[o]! - m.optStart[o]!) / 1000;
    this.segUse[s]![m.optSeg[o]!]! += m.optVolume[o]!;
    this.addValue(item, 1);
    this.count++;
  }

  remove(o: number): void {
    const m = this.m;
    const s = m.optSat[o]!;
    const item = m.optItem[o]!;
    const tl = this.timeline[s]!;
    const k = tl.indexOf(o);
    if (k < 0) return;
    tl.splice(k, 1);
    this.itemSel[item] = -1;
    this.orbitUse[s]![m.optOrbit[o]!]! -= (m.optEnd[o]! - m.optStart[o]!) / 1000;
    this.segUse[s]![m.optSeg[o]!]! -= m.optVolume[o]!;
    this.addValue(item, -1);
    this.count--;
  }

  /** Taken options (any order). */
  selected(): number[] {
    const out: number[] = [];
    for (const o of this.itemSel) if (o >= 0) out.push(o);
    return out;
  }

  /** Replaces the state by the given set of options (assumed feasible together). */
  load(options: readonly number[]): void {
    for (const o of this.selected()) this.remove(o);
    const sorted = [...options].sort((a, b) => this.m.optStart[a]! - this.m.optStart[b]!);
    for (const o of sorted) this.insert(o);
  }
}
