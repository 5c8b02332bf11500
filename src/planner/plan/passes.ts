/**
 * Passes of a satellite over the requests: its options in time order, cut wherever two
 * consecutive options start more than 10 minutes apart. Within a pass the best sequence of
 * acquisitions (each one reachable from the previous after the slew) is a longest path in a
 * time-ordered DAG, found by dynamic programming in {@link bestPath}; the search re-optimises
 * whole passes with it and the bound (bound.ts) relaxes the plan into such paths.
 */
import type { PlanModel } from './model.js';

const PASS_GAP_MS = 10 * 60_000;
/**
 * Largest group: a denser pass is cut into consecutive groups of this many options (the cost of
 * a group's predecessor lists grows with its size squared). Cutting drops the slew constraint
 * between the last acquisition of a group and the first of the next: the bound stays valid (a
 * relaxation), the search checks every insertion anyway.
 */
const MAX_GROUP = 9000;
const groupCache = new WeakMap<PlanModel, PassGroup[]>();

export interface PassGroup {
  readonly sat: number;
  /** Options sorted by start. */
  readonly options: Int32Array;
  /** Longest slew + settling between two options of this satellite, ms. */
  readonly maxSlewMs: number;
}

export function passGroups(m: PlanModel): PassGroup[] {
  const cached = groupCache.get(m);
  if (cached) return cached;
  const out: PassGroup[] = [];
  m.sats.forEach((sat, s) => {
    const ag = sat.spec.agility;
    const maxAngle = Math.hypot(2 * ag.maxRollDeg, 2 * ag.maxPitchDeg);
    const maxSlewMs = (maxAngle / ag.slewRateDegS + ag.settlingS) * 1000;
    let cur: number[] = [];
    const flush = (): void => {
      if (cur.length > 0) out.push({ sat: s, options: Int32Array.from(cur), maxSlewMs });
      cur = [];
    };
    for (const o of sat.options) {
      if (cur.length > 0 && m.optStart[o]! - m.optStart[cur[cur.length - 1]!]! > PASS_GAP_MS)
        flush();
      if (cur.length >= MAX_GROUP) flush();
      cur.push(o);
    }
    flush();
  });
  groupCache.set(m, out);
  return out;
}

/** Scratch arrays for {@link bestPath}, sized for the largest pass. */
export class PathScratch {
  best: Float64Array;
  prev: Int32Array;
  constructor(n: number) {
    this.best = new Float64Array(n);
    this.prev = new Int32Array(n);
  }
}

/** Precomputed predecessors of each option of a pass (CSR over positions in the pass). */
interface PassIndex {
  /** Positions sorted by end time, and for each position the number of them surely before it. */
  readonly byEnd: Int32Array;
  readonly sureCount: Int32Array;
  /** Positions ending less than maxSlew before the start that the slew still allows. */
  readonly predStart: Int32Array;
  readonly pred: Int32Array;
}

const indexCache = new WeakMap<PassGroup, PassIndex>();

/**
 * True when the predecessor index of `g` is built (building it costs O(options × options within
 * a slew time): seconds for the densest passes at 5000 requests).
 */
export function passIndexReady(g: PassGroup): boolean {
  return indexCache.has(g);
}

function passIndex(m: PlanModel, g: PassGroup): PassIndex {
  const cached = indexCache.get(g);
  if (cached) return cached;
  const ids = g.options;
  const n = ids.length;
  const ag = m.sats[g.sat]!.spec.agility;
  const byEnd = Int32Array.from({ length: n }, (_, k) => k).sort(
    (a, b) => m.optEnd[ids[a]!]! - m.optEnd[ids[b]!]!,
  );
  const sureCount = new Int32Array(n);
  let ptr = 0;
  for (let k = 0; k < n; k++) {
    const s = m.optStart[ids[k]!]!;
    while (ptr < n && m.optEnd[ids[byEnd[ptr]!]!]! + g.maxSlewMs <= s) ptr++;
    sureCount[k] = ptr;
  }
  const predStart = new Int32Array(n + 1);
  let pred = new Int32Array(4 * n);
  let len = 0;
  let maxDur = 0;
  for (const o of ids) maxDur = Math.max(maxDur, m.optEnd[o]! - m.optStart[o]!);
  for (let k = 0; k < n; k++) {
    const o = ids[k]!;
    const s = m.optStart[o]!;
    for (let j = k - 1; j >= 0; j--) {
      const pj = ids[j]!;
      if (m.optStart[pj]! < s - g.maxSlewMs - maxDur) break;
      const e = m.optEnd[pj]!;
      if (e + g.maxSlewMs <= s || e > s) continue;
      const ang = Math.hypot(m.optRoll[o]! - m.optRoll[pj]!, m.optPitch[o]! - m.optPitch[pj]!);
      if (e + (ang / ag.slewRateDegS + ag.settlingS) * 1000 <= s) {
        if (len === pred.length) {
          const grown = new Int32Array(2 * pred.length);
          grown.set(pred);
          pred = grown;
        }
        pred[len++] = j;
      }
    }
    predStart[k + 1] = len;
  }
  const idx = { byEnd, sureCount, predStart, pred: pred.subarray(0, len) };
  indexCache.set(g, idx);
  return idx;
}

/**
 * The sequence of options of `g` with the largest total weight (options of weight ≤ 0 are
 * skipped) in which each option starts after the previous one ends plus the slew between them.
 * Returns the options in time order and the total weight.
 */
export function bestPath(
  m: PlanModel,
  g: PassGroup,
  weight: (o: number) => number,
  sc: PathScratch,
): { value: number; path: number[] } {
  const ids = g.options;
  const n = ids.length;
  if (sc.best.length < n) Object.assign(sc, new PathScratch(n));
  const { best, prev } = sc;
  const ix = passIndex(m, g);
  let ptr = 0;
  let prefBest = 0;
  let prefArg = -1;
  let top = 0;
  let topArg = -1;
  for (let k = 0; k < n; k++) {
    const w = weight(ids[k]!);
    const sure = ix.sureCount[k]!;
    while (ptr < sure) {
      const j = ix.byEnd[ptr]!;
      if (best[j]! > prefBest) {
        prefBest = best[j]!;
        prefArg = j;
      }
      ptr++;
    }
    if (!(w > 0)) {
      best[k] = -Infinity;
      prev[k] = -1;
      continue;
    }
    let bv = prefBest;
    let ba = prefArg;
    for (let q = ix.predStart[k]!; q < ix.predStart[k + 1]!; q++) {
      const j = ix.pred[q]!;
      if (best[j]! > bv) {
        bv = best[j]!;
        ba = j;
      }
    }
    best[k] = bv + w;
    prev[k] = ba;
    if (best[k]! > top) {
      top = best[k]!;
      topArg = k;
    }
  }
  const path: number[] = [];
  for (let k = topArg; k >= 0; k = prev[k]!) path.push(ids[k]!);
  path.reverse();
  return { value: top, path };
}
