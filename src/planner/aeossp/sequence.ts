/**
 * The solver's state: per satellite, its observations in time order, each with the slew and
 * settling time it needs from its predecessor (or from nadir for the first). Insertion checks
 * the grid, overlap, both slews it changes and the battery; removal repairs what follows.
 * Slew angles are taken in TEME: between two instants minutes apart it differs from the
 * verifier's GCRF by a rotation under 0.01″, far inside the safety margin below.
 */
import type { AeosspCase, AeosspSatellite } from './model.js';
import { slewTimeS } from './model.js';
import type { Opportunity, Precomputed } from './opportunities.js';

/** One planned observation: task index, start grid index, required slew+settle before it (s). */
export interface Obs {
  task: number;
  k: number;
  req: number;
}

/** Margin kept on every slew gap (s) and on the battery (Wh). */
export const SLEW_MARGIN_S = 1e-6;
export const BATTERY_MARGIN_WH = Number(process.env.BM ?? 0.5);

export class Schedule {
  readonly seqs: Obs[][];
  /** Satellite of each task, −1 when unscheduled. */
  readonly assigned: Int32Array;
  weight = 0;
  count = 0;
  /**
   * A lower bound on the minimum battery energy of each satellite's current sequence (Wh), NaN
   * when unknown; `minExact` marks bounds that are the simulated value itself.
   */
  readonly minEnergy: Float64Array;
  readonly minExact: Uint8Array;
  /** The bound found by the last successful {@link batteryOk}, for {@link insert}. */
  private lastMin = NaN;
  private lastExact = 0;
  private readonly a = new Float64Array(3);
  private readonly b = new Float64Array(3);

  constructor(
    readonly c: AeosspCase,
    readonly pre: Precomputed,
  ) {
    this.seqs = c.satellites.map(() => []);
    this.assigned = new Int32Array(c.tasks.length).fill(-1);
    this.minEnergy = new Float64Array(c.satellites.length).fill(NaN);
    this.minExact = new Uint8Array(c.satellites.length);
  }

  /** Pointing vector (TEME, km) from satellite `si` to task `ti` at grid index `k`. */
  pointing(si: number, ti: number, k: number, out: Float64Array): void {
    const { targets, gmstCos, gmstSin, satTeme } = this.pre;
    const x = targets[3 * ti]!;
    const y = targets[3 * ti + 1]!;
    const cg = gmstCos[k]!;
    const sg = gmstSin[k]!;
    const s = satTeme[si]!;
    out[0] = cg * x - sg * y - s[3 * k]!;
    out[1] = sg * x + cg * y - s[3 * k + 1]!;
    out[2] = targets[3 * ti + 2]! - s[3 * k + 2]!;
  }

  /** Slew + settling time (s) from `prev` (or nadir) to task `ti` starting at `k`. */
  required(si: number, prev: Obs | null, ti: number, k: number): number {
    const sat = this.c.satellites[si]!;
    const to = this.b;
    this.pointing(si, ti, k, to);
    const from = this.a;
    if (prev) this.pointing(si, prev.task, prev.k + this.pre.durK[prev.task]!, from);
    else {
      const s = this.pre.satTeme[si]!;
      from[0] = -s[3 * k]!;
      from[1] = -s[3 * k + 1]!;
      from[2] = -s[3 * k + 2]!;
    }
    const dot = from[0]! * to[0]! + from[1]! * to[1]! + from[2]! * to[2]!;
    const n = Math.hypot(from[0]!, from[1]!, from[2]!) * Math.hypot(to[0]!, to[1]!, to[2]!);
    const theta = (Math.acos(Math.max(-1, Math.min(1, dot / n))) * 180) / Math.PI;
    return (
      slewTimeS(theta, sat.maxSlewVelocityDegS, sat.maxSlewAccelerationDegS2) + sat.settlingTimeS
    );
  }

  /** Index of the first observation of `seq` starting at or after grid index `k`. */
  static lowerBound(seq: readonly Obs[], k: number): number {
    let lo = 0;
    let hi = seq.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (seq[mid]!.k < k) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /**
   * The earliest feasible start of task `o.task` within opportunity `o`, or −1. Checks overlap,
   * the slew from the predecessor and to the successor, and the battery.
   */
  findStart(o: Opportunity): { k: number; pos: number; req: number; nextReq: number } | null {
    const si = o.sat;
    const ti = o.task;
    const seq = this.seqs[si]!;
    const { durK, stepS } = this.pre;
    const d = durK[ti]!;
    for (let k = o.kMin; k <= o.kMax; k++) {
      const pos = Schedule.lowerBound(seq, k);
      const prev = pos > 0 ? seq[pos - 1]! : null;
      const next = pos < seq.length ? seq[pos]! : null;
      if (prev && prev.k + durK[prev.task]! >= k) continue; // overlap or zero gap
      if (next && next.k <= k + d) {
        // the successor starts before we could end: jump past it
        k = next.k; // loop increments: the successor becomes the predecessor
        continue;
      }
      const req = this.required(si, prev, ti, k);
      const gapPrev = prev ? (k - prev.k - durK[prev.task]!) * stepS : k * stepS;
      if (gapPrev < req + SLEW_MARGIN_S) continue;
      let nextReq = 0;
      if (next) {
        nextReq = this.required(si, { task: ti, k, req }, next.task, next.k);
        if ((next.k - k - d) * stepS < nextReq + SLEW_MARGIN_S) continue;
      }
      if (!this.batteryOk(si, { task: ti, k, req }, pos, next ? nextReq : 0)) continue;
      return { k, pos, req, nextReq };
    }
    return null;
  }

  insert(o: Opportunity, at: { k: number; pos: number; req: number; nextReq: number }): void {
    const seq = this.seqs[o.sat]!;
    seq.splice(at.pos, 0, { task: o.task, k: at.k, req: at.req });
    if (at.pos + 1 < seq.length) seq[at.pos + 1]!.req = at.nextReq;
    this.assigned[o.task] = o.sat;
    this.minEnergy[o.sat] = this.lastMin;
    this.minExact[o.sat] = this.lastExact;
    this.weight += this.c.tasks[o.task]!.weight;
    this.count++;
  }

  /** Removes the observation at `pos` of satellite `si`; re-times its successor's slew. */
  removeAt(si: number, pos: number): void {
    const seq = this.seqs[si]!;
    const [o] = seq.splice(pos, 1);
    this.assigned[o!.task] = -1;
    this.weight -= this.c.tasks[o!.task]!.weight;
    this.count--;
    // less load can only raise the energy, but three fewer breakpoints may move one grid
    // segment's charge each across an eclipse edge, and the successor's slew may change
    const sat = this.c.satellites[si]!;
    let loss = (3 * sat.sunlitChargePowerW * this.c.mission.resourceSampleStepS) / 3600;
    if (pos < seq.length) {
      const next = seq[pos]!;
      const prev = pos > 0 ? seq[pos - 1]! : null;
      const oldReq = next.req;
      next.req = this.required(si, prev, next.task, next.k);
      loss += (sat.slewPowerW * Math.max(0, next.req - oldReq)) / 3600;
      const gap = prev
        ? (next.k - prev.k - this.pre.durK[prev.task]!) * this.pre.stepS
        : next.k * this.pre.stepS;
      // removal can only shorten slews in practice; guard the rare exception
      if (gap < next.req + SLEW_MARGIN_S) this.removeAt(si, pos);
    }
    this.minEnergy[si] = this.minEnergy[si]! - loss;
    this.minExact[si] = 0;
  }

  /** Removes task `ti` wherever it is. */
  removeTask(ti: number): void {
    const si = this.assigned[ti]!;
    if (si < 0) return;
    const seq = this.seqs[si]!;
    const pos = seq.findIndex((o) => o.task === ti);
    this.removeAt(si, pos);
  }

  /**
   * The battery rule of the verifier (grid ∪ action ∪ manoeuvre bounds, midpoint power, sunlit
   * charge, cap at capacity) on satellite `si` with `extra` inserted at `pos` (and the successor's
   * slew changed to `nextReq`); true when the energy never drops below the margin.
   */
  batteryOk(si: number, extra: Obs | null, pos: number, nextReq: number): boolean {
    const sat: AeosspSatellite = this.c.satellites[si]!;
    const seq = this.seqs[si]!;
    const stepS = this.pre.stepS;
    const durK = this.pre.durK;
    if (extra) {
      // Cheap sufficient test: the extra load lowers the energy at any later time by at most
      // its own energy (the cap only helps), and the three new breakpoints can move at most one
      // grid segment's charge each across an eclipse edge.
      const oldNextReq = pos < seq.length ? seq[pos]!.req : 0;
      const added =
        (sat.imagingPowerW * durK[extra.task]! * stepS +
          sat.slewPowerW * (extra.req + Math.max(0, nextReq - oldNextReq)) +
          3 * sat.sunlitChargePowerW * this.c.mission.resourceSampleStepS) /
        3600;
      for (let attempt = 0; attempt < 2; attempt++) {
        if (Number.isNaN(this.minEnergy[si]!) || (attempt === 1 && !this.minExact[si])) {
          this.minEnergy[si] = this.simulate(si, null, 0, 0);
          this.minExact[si] = 1;
        } else if (attempt === 1) break;
        if (this.minEnergy[si]! - added >= BATTERY_MARGIN_WH) {
          this.lastMin = this.minEnergy[si]! - added;
          this.lastExact = 0;
          return true;
        }
      }
    }
    const e = this.simulate(si, extra, pos, nextReq);
    this.lastMin = e;
    this.lastExact = 1;
    return e >= BATTERY_MARGIN_WH;
  }

  /** Minimum energy (Wh) of satellite `si`'s sequence with `extra` inserted at `pos`. */
  simulate(si: number, extra: Obs | null, pos: number, nextReq: number): number {
    const sat: AeosspSatellite = this.c.satellites[si]!;
    const seq = this.seqs[si]!;
    const stepS = this.pre.stepS;
    const durK = this.pre.durK;
    const n = seq.length + (extra ? 1 : 0);
    // event times: window start, start, end per observation (sorted by construction)
    const ev = new Float64Array(3 * n);
    for (let i = 0, j = 0; i < n; i++) {
      let o: Obs;
      let req: number;
      if (extra && i === pos) {
        o = extra;
        req = extra.req;
      } else {
        o = seq[j]!;
        req = extra && j === pos ? nextReq : o.req;
        j++;
      }
      const s = o.k * stepS;
      ev[3 * i] = s - req;
      ev[3 * i + 1] = s;
      ev[3 * i + 2] = s + durK[o.task]! * stepS;
    }
    return simulateFast(
      sat,
      this.c.mission.resourceSampleStepS,
      (this.pre.nK - 1) * stepS,
      ev,
      this.pre.eclipses[si]!,
    );
  }
}

/**
 * Minimum battery energy (Wh) over the horizon, by the verifier's rule; `ev` holds, per
 * observation in time order, its manoeuvre start, start and end (s from horizon start).
 */
export function simulateFast(
  sat: AeosspSatellite,
  gridS: number,
  horizonS: number,
  ev: Float64Array,
  eclipses: readonly (readonly [number, number])[],
): number {
  let e = sat.initialBatteryWh;
  let minimum = e;
  let gi = 1; // next grid point index
  let ei = 0; // next event index
  let t = 0;
  let ec = 0;
  const nEv = ev.length;
  while (t < horizonS) {
    const g = Math.min(gi * gridS, horizonS);
    const x = ei < nEv ? ev[ei]! : Infinity;
    const b = Math.min(g, x);
    if (b > t) {
      const mid = (t + b) / 2;
      // every event ≤ t is consumed: the last one tells the phase (window, imaging, idle)
      let load = sat.idlePowerW;
      if (ei > 0) {
        const kind = (ei - 1) % 3;
        if (kind === 0) load += sat.slewPowerW;
        else if (kind === 1) load += sat.imagingPowerW;
      }
      while (ec < eclipses.length && eclipses[ec]![1] <= mid) ec++;
      const dark = ec < eclipses.length && eclipses[ec]![0] <= mid;
      const charge = dark ? 0 : sat.sunlitChargePowerW;
      e += ((charge - load) * (b - t)) / 3600;
      if (e < minimum) minimum = e;
      if (e > sat.batteryCapacityWh) e = sat.batteryCapacityWh;
      t = b;
    }
    if (x === b) ei++;
    if (g === b) gi++;
  }
  return minimum;
}
