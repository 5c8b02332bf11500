/**
 * The anytime solver of a {@link SelectionProblem}: greedy start, then the tabu search on this
 * thread while the MILP route (HiGHS) runs beside it on another; they exchange incumbents, the
 * MILP's dual bound stops the search as soon as the incumbent is proven optimal, and a deadline
 * or an abort signal returns the best solution found so far.
 *
 * Pure apart from the injected clock and the optional exact runner (a worker thread in the CLI).
 */
import { bestGreedySelection, fillFree, greedyOrder } from './greedy.js';
import type { ExactHandle, ExactRunner } from './milp-thread.js';
import { integralGains } from './milp.js';
import { type Selection, type SelectionProblem, selectionGain } from './problem.js';
import { type RestrictedProblem, liftSelection, restrictProblem } from './restrict.js';
import { SearchState } from './state.js';
import { topClassItems } from './classes.js';
import { TabuSearch } from './tabu.js';

/** Which method produced the returned selection. */
export { topClassItems } from './classes.js';

/** Which method produced the returned selection. */
export type SolutionSource = 'greedy' | 'tabu' | 'milp';

export interface SolveOptions {
  /** Wall-clock budget, s. The call returns within about this time plus ~0.1 s. */
  readonly timeLimitS: number;
  /** Seed of the local search (default 1). */
  readonly seed?: number;
  /** Monotonic clock in ms (e.g. `performance.now`). */
  readonly now: () => number;
  /** Aborting returns the best solution found so far. */
  readonly signal?: AbortSignal;
  /** Starts the MILP beside the search; omit for local search only. */
  readonly exact?: ExactRunner;
  /** Run the local search (default true); false with `exact` gives the MILP alone (a peer). */
  readonly localSearch?: boolean;
  /** With `exact`: large-neighbourhood search after the whole-model MILP (default true). */
  readonly exactLns?: boolean;
  /** A known upper bound (stops the search when reached). */
  readonly upperBound?: number;
  /** Called about every `progressEveryMs` with the state of the search. */
  readonly onProgress?: (p: SolveProgress) => void;
  readonly progressEveryMs?: number;
}

export interface SolveProgress {
  readonly elapsedS: number;
  readonly value: number;
  readonly bound: number | null;
}

export interface SolveResult {
  readonly selection: Selection;
  readonly value: number;
  /** Best proven upper bound (from the MILP), or null when none is known. */
  readonly bound: number | null;
  readonly optimal: boolean;
  readonly timeS: number;
  /** Time at which the returned value was first reached, s. */
  readonly timeToBestS: number;
  readonly source: SolutionSource;
  readonly greedyValue: number;
  readonly tabuIterations: number;
  readonly milpStatus: string | null;
  readonly interrupted: boolean;
}

const CHUNK_MS = 40;

/**
 * Solves `p` within `opts.timeLimitS`.
 * @example
 * const r = await solveSelection(problem, { timeLimitS: 10, now: () => performance.now(), exact: startMilpThread });
 */
export async function solveSelection(
  p: SelectionProblem,
  opts: SolveOptions,
): Promise<SolveResult> {
  const t0 = opts.now();
  const deadline = t0 + opts.timeLimitS * 1000;
  const elapsedS = (): number => (opts.now() - t0) / 1000;
  const integral = integralGains(p);
  const greedy = bestGreedySelection(p);
  const greedyValue = selectionGain(p, greedy);
  let best: Selection = greedy;
  let bestValue = greedyValue;
  let source: SolutionSource = 'greedy';
  let timeToBest = elapsedS();
  let bound: number | null = opts.upperBound ?? null;
  let milpStatus: string | null = null;
  let optimal = false;

  const useSearch = opts.localSearch ?? true;
  const adopt = (s: Selection, v: number, from: SolutionSource): void => {
    if (v > bestValue + 1e-9) {
      best = s;
      bestValue = v;
      source = from;
      timeToBest = elapsedS();
    }
  };

  let exact: ExactHandle | null = null;
  if (opts.exact) {
    const remainingS = Math.max(0.05, (deadline - opts.now()) / 1000);
    exact = opts.exact(p, { timeLimitS: remainingS, start: best, lns: opts.exactLns ?? true });
  }
  let tabu: TabuSearch | null = null;
  const handleExact = (): void => {
    if (!exact) return;
    for (const ev of exact.drain()) {
      if (ev.type === 'solution') {
        adopt(ev.selection, ev.value, 'milp');
        tabu?.offer(ev.selection, ev.value);
      } else if (ev.type === 'bound') {
        bound = bound === null ? ev.bound : Math.min(bound, ev.bound);
      } else if (ev.type === 'done') {
        milpStatus = ev.result.status;
        if (ev.result.selection && ev.result.value !== null)
          adopt(ev.result.selection, ev.result.value, 'milp');
        if (ev.result.bound !== null)
          bound = bound === null ? ev.result.bound : Math.min(bound, ev.result.bound);
        if (ev.result.optimal) optimal = true;
      } else {
        milpStatus = `error: ${ev.message}`;
      }
    }
    if (tabu && bound !== null) tabu.upperBound = bound;
  };

  const yieldToLoop = (): Promise<void> => new Promise((r) => setImmediate(r));
  // Priority classes: when gains fall in classes far apart (SPOT5: 1–5 vs 1000–2000), a
  // second search on the top class alone runs interleaved with the full one; each of its new
  // bests, completed greedily with the lower classes, is offered to the full search. The small
  // gains otherwise hide the structure of the large ones. It gets a third of this thread.
  let stage: { search: TabuSearch; r: RestrictedProblem; value: number } | null = null;
  const empty = new Int32Array(p.itemCount).fill(-1);
  const fillOrder = greedyOrder(p);
  if (useSearch) {
    const top = topClassItems(p);
    if (top) {
      const r = restrictProblem(p, empty, top);
      const search = new TabuSearch(r.sub, bestGreedySelection(r.sub), { seed: opts.seed ?? 1 });
      stage = { search, r, value: -Infinity };
    }
    tabu = new TabuSearch(p, best, {
      seed: opts.seed ?? 1,
      ...(bound !== null ? { upperBound: bound } : {}),
    });
    adopt(tabu.best(), tabu.bestValue(), 'tabu');
  }
  const runStage = (): void => {
    if (!stage || !tabu) return;
    const chunkEnd = Math.min(deadline, opts.now() + CHUNK_MS / 2);
    while (opts.now() < chunkEnd) stage.search.run(50);
    if (stage.search.bestValue() > stage.value) {
      stage.value = stage.search.bestValue();
      const st = new SearchState(p);
      st.load(liftSelection(stage.r, empty, stage.search.best()));
      fillFree(st, fillOrder);
      if (tabu.offer(st.snapshot(), st.value)) adopt(tabu.best(), tabu.bestValue(), 'tabu');
    }
  };
  exact?.offer(best, bestValue);

  const closed = (): boolean =>
    optimal || (bound !== null && bestValue >= bound - (integral ? 1e-6 : 1e-9));
  let lastProgress = -Infinity;
  const progressEvery = opts.progressEveryMs ?? 500;
  while (!closed() && !opts.signal?.aborted && opts.now() < deadline) {
    if (tabu && !tabu.done()) {
      runStage();
      const chunkEnd = Math.min(deadline, opts.now() + CHUNK_MS);
      while (opts.now() < chunkEnd && !tabu.done()) tabu.run(50);
      if (tabu.bestValue() > bestValue + 1e-9) {
        adopt(tabu.best(), tabu.bestValue(), 'tabu');
        exact?.offer(best, bestValue);
      }
    } else if (!exact || exact.ended()) {
      handleExact();
      break;
    } else {
      await new Promise((r) => setTimeout(r, 10));
    }
    await yieldToLoop();
    handleExact();
    const t = opts.now();
    if (opts.onProgress && t - lastProgress >= progressEvery) {
      lastProgress = t;
      opts.onProgress({ elapsedS: elapsedS(), value: bestValue, bound });
    }
  }
  if (exact) {
    await exact.finish();
    handleExact();
  }
  if (bound !== null && bestValue >= bound - 1e-6) optimal = true;
  return {
    selection: best.slice(),
    value: bestValue,
    bound,
    optimal,
    timeS: elapsedS(),
    timeToBestS: timeToBest,
    source,
    greedyValue,
    tabuIterations: tabu?.iterations ?? 0,
    milpStatus,
    interrupted: opts.signal?.aborted ?? false,
  };
}
