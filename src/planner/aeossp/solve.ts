/**
 * The aeossp solver: precomputed opportunities, a greedy insertion by weight (scarcest tasks
 * first among equals), then large-neighbourhood search until the time limit — remove the
 * observations of one satellite around an unscheduled task's opportunity, re-insert greedily
 * with noise, keep the result when the scheduled weight does not drop. Anytime: stops on the
 * time limit or the abort signal with the best schedule so far, which our checker then
 * verifies (any rejected observation is dropped and the check repeated).
 */
import { checkAeossp, type AeosspReport } from './check.js';
import type { AeosspAction, AeosspCase, AeosspSolution } from './model.js';
import { type Opportunity, type Precomputed, precompute } from './opportunities.js';
import { type Obs, SLEW_MARGIN_S, Schedule } from './sequence.js';
import { type SatelliteGraph, buildSatelliteGraph } from './bound.js';
import { replanWhole, replanWindow, replanWindowExact } from './window-dp.js';

export interface AeosspSolveOptions {
  /** Wall-clock budget, s, precomputation included. */
  readonly timeLimitS: number;
  readonly seed?: number;
  readonly now?: () => number;
  readonly signal?: AbortSignal;
  /** Called about every `progressEveryMs` with the phase and elapsed time. */
  readonly onProgress?: (p: AeosspProgress) => void;
  readonly progressEveryMs?: number;
  /** Share of search moves that re-plan a satellite window exactly (default 0.7). */
  readonly dpShare?: number;
  /** Share of moves that re-plan a whole satellite day exactly (default 0.03). */
  readonly wholeShare?: number;
  /** Share of moves that empty a stretch on every satellite and re-plan each (default 0.15). */
  readonly multiShare?: number;
  /** Whole-day moves on the exact graph of every start (default true) rather than thinned. */
  readonly exactWhole?: boolean;
  /** Initial annealing temperature, in task-weight units (default 1; 0 = descent only). */
  readonly temperature?: number;
}

export interface AeosspProgress {
  readonly phase: 'precompute' | 'greedy' | 'search' | 'check';
  readonly elapsedS: number;
  readonly weight: number;
  readonly totalWeight: number;
}

export interface AeosspSolveResult {
  readonly solution: AeosspSolution;
  readonly report: AeosspReport;
  readonly timeS: number;
  readonly iterations: number;
  /** LNS moves kept. */
  readonly accepted: number;
  /** Scheduled weight after the greedy construction. */
  readonly greedyWeight: number;
  readonly interrupted: boolean;
  /** Weight of the tasks that have at least one opportunity (an upper bound on the score). */
  readonly reachableWeight: number;
  readonly totalWeight: number;
}

/** Mulberry32: a small seeded generator. */
function rng(seed: number): () => number {
  let a = seed >>> 0 || 1;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Tries the task's opportunities in the given order; inserts at the first feasible one. */
function tryInsert(s: Schedule, opps: readonly Opportunity[]): boolean {
  for (const o of opps) {
    const at = s.findStart(o);
    if (at) {
      s.insert(o, at);
      return true;
    }
  }
  return false;
}

function shuffled<T>(a: readonly T[], rand: () => number): T[] {
  const b = [...a];
  for (let i = b.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [b[i], b[j]] = [b[j]!, b[i]!];
  }
  return b;
}

/** Solves a case. Never throws for a valid case; an empty plan is a valid answer. */
export async function solveAeossp(
  c: AeosspCase,
  opts: AeosspSolveOptions,
): Promise<AeosspSolveResult> {
  const now = opts.now ?? (() => performance.now());
  const t0 = now();
  const elapsed = (): number => (now() - t0) / 1000;
  const rand = rng(opts.seed ?? 1);
  const every = opts.progressEveryMs ?? 250;
  let lastReport = -Infinity;
  const totalWeight = c.tasks.reduce((a, t) => a + t.weight, 0);
  const progress = (phase: AeosspProgress['phase'], weight: number, force = false): void => {
    const t = now();
    if (!opts.onProgress || (!force && t - lastReport < every)) return;
    lastReport = t;
    opts.onProgress({ phase, elapsedS: elapsed(), weight, totalWeight });
  };
  // Room kept for the final check: it propagates about as much as the precomputation, so it
  // is sized on the measured precomputation time (the machine may be busy: a search move under
  // heavy load can also take a few hundred ms), 3 s at least.
  let reserveS = Math.min(0.25 * opts.timeLimitS, 3);
  const stop = (): boolean =>
    elapsed() >= opts.timeLimitS - reserveS || opts.signal?.aborted === true;
  // let the event loop run (Ctrl-C, progress) about every 50 ms
  let lastYield = now();
  const breathe = async (): Promise<void> => {
    if (now() - lastYield < 50) return;
    await new Promise((r) => setImmediate(r));
    lastYield = now();
  };

  const pre: Precomputed = precompute(c, () => progress('precompute', 0));
  reserveS = Math.min(0.25 * opts.timeLimitS, Math.max(reserveS, 2.5 * elapsed()));
  const s = new Schedule(c, pre);
  const reachable = pre.byTask.map((l) => l.length > 0);
  const reachableWeight = c.tasks.reduce((a, t, i) => a + (reachable[i] ? t.weight : 0), 0);

  // Greedy: heaviest first; among equals, fewest opportunities first.
  const order = c.tasks
    .map((_, i) => i)
    .filter((i) => reachable[i])
    .sort(
      (a, b) =>
        c.tasks[b]!.weight - c.tasks[a]!.weight ||
        pre.byTask[a]!.length - pre.byTask[b]!.length ||
        a - b,
    );
  for (const ti of order) {
    if (opts.signal?.aborted) break;
    tryInsert(s, pre.byTask[ti]!);
    progress('greedy', s.weight);
    await breathe();
  }

  const greedyWeight = s.weight;
  // Every satellite's graph of (task, start) states, for exact whole-day re-planning: the slew
  // rule with the solver's margin (insertion re-checks everything anyway).
  const graphs: SatelliteGraph[] | null =
    opts.exactWhole === false
      ? null
      : c.satellites.map((_, si) => buildSatelliteGraph(c, pre, si, -SLEW_MARGIN_S));
  // LNS
  let iterations = 0;
  let accepted = 0;
  const dpShare = opts.dpShare ?? 0.7;
  const wholeShare = opts.wholeShare ?? 0.03;
  const multiShare = opts.multiShare ?? 0.15;
  const unscheduledPool = (): number[] => order.filter((i) => s.assigned[i]! < 0);
  let pool = unscheduledPool();
  const snapshot = (): Obs[][] => s.seqs.map((q) => q.map((x) => ({ ...x })));
  let best = snapshot();
  let bestWeight = s.weight;
  // simulated-annealing acceptance of small losses, cooling over the search time
  const searchStartS = elapsed();
  const tInit = opts.temperature ?? 1;
  const maxWeight = c.tasks.reduce((a, t) => Math.max(a, t.weight), 0);
  const temperature = (): number => {
    const span = Math.max(1e-3, opts.timeLimitS - reserveS - searchStartS);
    const f = Math.min(1, (elapsed() - searchStartS) / span);
    return Math.max(1e-3, tInit * (1 - f));
  };
  while (!stop() && pool.length > 0) {
    iterations++;
    if (iterations % 200 === 0) pool = unscheduledPool();
    await breathe();
    const u = pool[Math.floor(rand() * pool.length)]!;
    if (s.assigned[u]! >= 0) continue;
    // heavier tasks are tried more often (probability ∝ weight)
    if (rand() * maxWeight > c.tasks[u]!.weight) continue;
    const uo = pre.byTask[u]!;
    const o = uo[Math.floor(rand() * uo.length)]!;
    const si = o.sat;
    const seq = s.seqs[si]!;
    // 30 s … 3 min around the opportunity, now and then up to 10 min, rarely the whole day
    const whole = rand() < wholeShare;
    const pad = 6 + Math.floor(rand() * (rand() < 0.2 ? 120 : 30));
    const lo = whole ? -1 : o.kMin - pad - 30;
    const hi = whole ? pre.nK : o.kMax + pre.durK[u]! + pad;
    // snapshot
    const touched = new Map<number, { seq: Obs[]; min: number; exact: number }>();
    const touch = (sat: number): void => {
      if (!touched.has(sat))
        touched.set(sat, {
          seq: s.seqs[sat]!.map((x) => ({ ...x })),
          min: s.minEnergy[sat]!,
          exact: s.minExact[sat]!,
        });
    };
    const oldWeight = s.weight;
    const oldCount = s.count;
    const multi = !whole && rand() < multiShare;
    const removed: number[] = [];
    // the stretch [lo, hi] emptied on this satellite, or on every satellite (multi)
    for (const sat of multi ? shuffled([...s.seqs.keys()], rand) : [si]) {
      const q = s.seqs[sat]!;
      const first = Schedule.lowerBound(q, lo);
      if (first >= q.length || q[first]!.k > hi) {
        if (sat === si) touch(si);
        continue;
      }
      touch(sat);
      for (let p = first; p < q.length && q[p]!.k <= hi;) {
        removed.push(q[p]!.task);
        s.removeAt(sat, p);
      }
    }
    const reinsertElsewhere = (list: readonly number[]): void => {
      for (const ti of list) {
        if (s.assigned[ti]! >= 0) continue;
        const opps = shuffled(pre.byTask[ti]!, rand).sort((a, b) =>
          a.sat === si ? -1 : b.sat === si ? 1 : 0,
        );
        for (const x of opps) if (x.sat !== si) touch(x.sat);
        tryInsert(s, opps);
      }
    };
    if (multi) {
      // every satellite seeing the stretch re-plans it exactly, in random order
      for (const sat of shuffled([...s.seqs.keys()], rand)) {
        const q = s.seqs[sat]!;
        const pos = Schedule.lowerBound(q, lo);
        const prev = pos > 0 ? q[pos - 1]! : null;
        const next = pos < q.length ? q[pos]! : null;
        const kFrom = prev ? prev.k + pre.durK[prev.task]! : 0;
        const kTo = next ? next.k : pre.nK;
        const opps: Opportunity[] = [];
        for (const x of pre.bySat[sat]!) {
          if (x.kMin > Math.min(kTo, hi)) break;
          if (x.kMax + pre.durK[x.task]! > Math.max(kFrom, lo) && s.assigned[x.task]! < 0)
            opps.push(x);
        }
        if (!opps.length) continue;
        touch(sat);
        // The state-level DP here (fresh noise per state: random choices between equal start
        // times) measured better than the exact graph DP (0.0005 WCR on train/case_0006 over
        // three seeds), so multi-satellite moves keep it.
        replanWindow(s, sat, pos, opps, (ti) => c.tasks[ti]!.weight + 1e-6 * rand());
      }
      reinsertElsewhere(shuffled(removed, rand));
    } else if (whole || rand() < dpShare) {
      // exact re-planning of the emptied stretch of this satellite, then the evicted elsewhere
      if (rand() < 0.5) {
        // first try to move the evicted to other satellites, freeing this one for the DP
        for (const ti of shuffled(removed, rand)) {
          const opps = pre.byTask[ti]!.filter((x) => x.sat !== si);
          for (const x of opps) touch(x.sat);
          tryInsert(s, shuffled(opps, rand));
        }
      }
      const pos = Schedule.lowerBound(seq, lo);
      const prev = pos > 0 ? seq[pos - 1]! : null;
      const next = pos < seq.length ? seq[pos]! : null;
      const kFrom = prev ? prev.k + pre.durK[prev.task]! : 0;
      const kTo = next ? next.k : pre.nK;
      const opps: Opportunity[] = [];
      for (const x of pre.bySat[si]!) {
        if (x.kMin > kTo) break;
        if (x.kMax + pre.durK[x.task]! > kFrom && s.assigned[x.task]! < 0) opps.push(x);
      }
      const noise = new Map<number, number>();
      const value = (ti: number): number => {
        let z = noise.get(ti);
        if (z === undefined) noise.set(ti, (z = 1e-6 * rand()));
        return c.tasks[ti]!.weight + z;
      };
      if (whole && graphs) replanWhole(s, graphs[si]!, si, value);
      else if (graphs)
        replanWindowExact(
          s,
          graphs[si]!,
          si,
          pos,
          opps.map((x) => x.task),
          value,
        );
      else replanWindow(s, si, pos, opps, value);
      reinsertElsewhere(shuffled(removed, rand));
    } else {
      // candidates: the chosen task, the removed ones, other unscheduled tasks seen from here
      const cands = new Set<number>([u, ...removed]);
      for (const x of pre.bySat[si]!) {
        if (x.kMin > hi) break;
        if (x.kMax + pre.durK[x.task]! >= lo && s.assigned[x.task]! < 0) cands.add(x.task);
      }
      const list = [...cands].sort(
        (a, b) =>
          c.tasks[b]!.weight * (0.7 + 0.6 * rand()) - c.tasks[a]!.weight * (0.7 + 0.6 * rand()),
      );
      if (rand() < 0.5) {
        list.splice(list.indexOf(u), 1);
        list.unshift(u);
      }
      reinsertElsewhere(list);
    }
    const delta = s.weight - oldWeight;
    const keep =
      delta > 1e-9 ||
      (delta > -1e-9 && s.count >= oldCount) ||
      (delta < 0 && rand() < Math.exp(delta / temperature()));
    if (keep) {
      accepted++;
      if (s.weight > bestWeight + 1e-9) {
        bestWeight = s.weight;
        best = snapshot();
      }
      progress('search', s.weight);
      continue;
    }
    // undo
    // unassign everything touched first: a task may have moved between two touched satellites
    for (const sat of touched.keys()) for (const x of s.seqs[sat]!) s.assigned[x.task] = -1;
    for (const [sat, saved] of touched) {
      s.seqs[sat] = saved.seq;
      s.minEnergy[sat] = saved.min;
      s.minExact[sat] = saved.exact;
      for (const x of saved.seq) s.assigned[x.task] = sat;
    }
    s.weight = oldWeight;
    s.count = oldCount;
    progress('search', s.weight);
  }

  // back to the best schedule seen
  if (s.weight < bestWeight - 1e-9) {
    s.assigned.fill(-1);
    s.seqs.forEach((_, si) => {
      s.seqs[si] = best[si]!;
      for (const x of best[si]!) s.assigned[x.task] = si;
    });
    s.weight = bestWeight;
    s.count = best.reduce((a, q) => a + q.length, 0);
  }

  // Verify with the checker; drop anything it rejects and check again.
  progress('check', s.weight, true);
  let actions = toActions(c, pre, s);
  let report = checkAeossp(c, { actions });
  for (let round = 0; !report.valid && round < 20; round++) {
    const drop = new Set<number>();
    for (const f of report.actionFailures) {
      if (f.actionIndex >= 0) drop.add(f.actionIndex);
      else {
        // battery: drop the satellite's last observation before the failure
        let best = -1;
        actions.forEach((a, i) => {
          if (a.satelliteId === f.satelliteId && a.startMs <= f.timeMs) best = i;
        });
        if (best >= 0) drop.add(best);
      }
    }
    actions = actions.filter((_, i) => !drop.has(i));
    report = checkAeossp(c, { actions });
  }
  return {
    solution: { actions },
    report,
    timeS: elapsed(),
    iterations,
    accepted,
    greedyWeight,
    interrupted: opts.signal?.aborted === true,
    reachableWeight,
    totalWeight,
  };
}

function toActions(c: AeosspCase, pre: Precomputed, s: Schedule): AeosspAction[] {
  const h0 = c.mission.horizonStartMs;
  const out: AeosspAction[] = [];
  s.seqs.forEach((seq, si) => {
    for (const o of seq) {
      const startMs = h0 + o.k * pre.stepS * 1000;
      out.push({
        satelliteId: c.satellites[si]!.id,
        taskId: c.tasks[o.task]!.id,
        startMs,
        endMs: startMs + c.tasks[o.task]!.requiredDurationS * 1000,
      });
    }
  });
  return out.sort((a, b) => a.startMs - b.startMs || a.satelliteId.localeCompare(b.satelliteId));
}

/** The benchmark's JSON solution format. */
export function solutionToJson(sol: AeosspSolution): {
  actions: {
    type: 'observation';
    satellite_id: string;
    task_id: string;
    start_time: string;
    end_time: string;
  }[];
} {
  const iso = (t: number): string => new Date(t).toISOString().replace('.000Z', 'Z');
  return {
    actions: sol.actions.map((a) => ({
      type: 'observation',
      satellite_id: a.satelliteId,
      task_id: a.taskId,
      start_time: iso(a.startMs),
      end_time: iso(a.endMs),
    })),
  };
}
